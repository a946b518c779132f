"""Union-find over the name nodes of a corpus, keeping the evidence of every merge (what the app
shows as "why are these one entity")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass
class Evidence:
    rule: str  # "surname", "transliteration", "hint:acronym", "acronym", "country", "nationality", ...
    detail: str


Node = tuple  # ("G", kind, name) corpus-wide, or ("L", file, name) a surname within one file


class Groups:
    """Union-find over name nodes, keeping the evidence of every merge."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.evidence: dict[Node, list[Evidence]] = defaultdict(list)

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Node, b: Node, rule: str, detail: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.evidence[ra].extend(self.evidence.pop(rb, []))
        self.evidence[ra].append(Evidence(rule, detail))
        return True
