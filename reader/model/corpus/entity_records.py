"""The corpus-level entity records: an entity (its canonical name, kind, aliases, mentions and the
evidence for its grouping) and one mention of it. Their own module so that the mention table and
the grouping rules can both use them without importing each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.model.corpus.alias_groups import Evidence


@dataclass(slots=True)
class EntityMention:
    file: int  # index into the docs list given to build_entities
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)  # the other surface forms, most frequent first
    related: list[str] = field(default_factory=list)  # ids of related entities (nationality -> country)
    mentions: Sequence[EntityMention] = field(default_factory=list)  # a MentionColumns once grouped
    evidence: list[Evidence] = field(default_factory=list)
