"""`reader correct ...`: the entity corrections the app makes, from the command line.

Entities are named by id (`person:jane-doe`) or by a name or alias; names go exact first
(canonical names before aliases, case ignored when that is unambiguous), then typo-aware.
"""

from __future__ import annotations

import argparse
import re

from reader.commands.common import emit_json, load_corpus, say, say_store_notices
from reader.model.outputs.display import terminal_safe


class Unresolved(Exception):
    pass


PASSES = (("id", False), ("name", False), ("alias", False), ("name", True), ("alias", True))


def resolve(entities: list, text: str, fuzzy: bool = True):
    """The entity `text` names: an id, a canonical name, an alias, then (fuzzy) the best match."""
    found = named(entities, text)
    if found is not None:
        return found[0]
    if fuzzy:
        from reader.model.search.entity_lookup import best_entity

        ent = best_entity(entities, text)
        if ent is not None:
            return ent
    raise Unresolved(f"no entity matches {text!r} (see `reader entities`)")


def named(entities: list, text: str):
    """(entity, how) for the entity whose id, canonical name or alias is `text` ("id", "name",
    "alias"): exact matches first, then ignoring case; None when nothing is."""
    folded = text.casefold()
    for field, fold in PASSES:
        hits = []
        for e in entities:
            names = [e.id] if field == "id" else [e.name] if field == "name" else e.aliases
            if any((n.casefold() == folded) if fold else n == text for n in names):
                hits.append(e)
        if len(hits) > 1:
            shown = "; ".join(f"{e.id} ({e.kind} {e.name!r})" for e in hits[:6])
            raise Unresolved(f"{text!r} is ambiguous: {shown}{'; …' if len(hits) > 6 else ''} (use an id)")
        if hits:
            return hits[0], field
    return None


def _corpus(args):
    from reader.commands.common import analysed_corpus

    corpus = analysed_corpus(args)  # applies the corrections, printing any notice about their file
    if not corpus.entities:
        raise Unresolved("no entities in this corpus (nothing was analysed)")
    return corpus


def _make(args, make) -> int:
    from reader.model.corpus.corrections import CorrectionError

    try:
        corpus = _corpus(args)
        c = make(corpus.corrections, corpus.entities)
    except (Unresolved, CorrectionError) as exc:
        say(f"reader: {exc}")
        return 1
    if not say_store_notices(corpus.corrections):
        return 1
    print(terminal_safe(f"#{c.id} {c.description}"))
    return 0


def cmd_merge(args) -> int:
    def make(store, ents):
        a, b = resolve(ents, args.entity), resolve(ents, args.other)
        return store.merge(a, b)

    return _make(args, make)


def cmd_split(args) -> int:
    return _make(args, lambda store, ents: store.split(resolve(ents, args.entity), args.alias))


def cmd_rename(args) -> int:
    return _make(args, lambda store, ents: store.rename(resolve(ents, args.entity), args.name))


def cmd_kind(args) -> int:
    return _make(args, lambda store, ents: store.set_kind(resolve(ents, args.entity), args.kind))


def cmd_reject(args) -> int:
    def make(store, ents):
        found = named(ents, args.what)
        if found is None:
            raise Unresolved(f"no entity or alias is {args.what!r} (see `reader entities`)")
        ent, how = found
        return store.reject(ent, args.what if how == "alias" else None)  # an alias: that name only

    return _make(args, make)


def cmd_list(args) -> int:
    try:
        corpus = _corpus(args)  # applying them tells which are stale
    except Unresolved as exc:
        say(f"reader: {exc}")
        return 1
    items = list(corpus.corrections)
    if args.json:
        emit_json([dict(c.to_json(), stale=c.stale) for c in items])
        return 0
    if not items:
        say("reader: no corrections for this corpus")
    for c in items:
        print(
            terminal_safe(
                f"#{c.id}  {c.created[:16].replace('T', ' ')}  {c.description}"
                + (f"  [stale: {c.stale}]" if c.stale else "")
            )
        )
    return 0


def cmd_undo(args) -> int:
    from reader.model.corpus.corrections import CorrectionError

    cid = None
    if args.id is not None:
        if re.fullmatch(r"#?\d+", args.id):
            cid = int(args.id.lstrip("#"))
        else:  # not an id: the first PATH
            args.paths = [args.id, *args.paths]
    corpus = load_corpus(args)
    before = len(corpus.notices)
    store = corpus.corrections
    for n in corpus.notices[before:]:  # its file was damaged and set aside
        say(f"reader: {n}")
    try:
        c = store.undo(cid)
    except CorrectionError as exc:
        say(f"reader: {exc}")
        return 1
    if not say_store_notices(store):
        return 1
    print(terminal_safe(f"undid #{c.id} {c.description}"))
    return 0


def register(sub, add) -> None:
    from reader.model.corpus.corrections import KINDS

    p = sub.add_parser(
        "correct",
        help="correct entity groups: merge, split, rename, kind, reject; list, undo",
        description="Correct entity groups for a corpus. Corrections are kept in the user state "
        "dir, applied on every load (app and CLI), and survive re-analysis. ENTITY is an id "
        "or a name or alias.",
    )
    csub = p.add_subparsers(dest="correct_command", metavar="ACTION", required=True)

    def action(name: str, fn, help: str, *args: tuple) -> argparse.ArgumentParser:
        sp = csub.add_parser(name, help=help, description=help)
        for dest, metavar, *kw in args:
            sp.add_argument(dest, metavar=metavar, **(kw[0] if kw else {}))
        sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
        sp.set_defaults(func=fn)
        return sp

    action(
        "merge",
        cmd_merge,
        "merge entity OTHER into ENTITY (which keeps its name and kind)",
        ("entity", "ENTITY"),
        ("other", "OTHER"),
    )
    action(
        "split",
        cmd_split,
        "split the surface form ALIAS out of ENTITY into an entity of its own",
        ("entity", "ENTITY"),
        ("alias", "ALIAS"),
    )
    action("rename", cmd_rename, "give ENTITY the canonical name NEWNAME", ("entity", "ENTITY"), ("name", "NEWNAME"))
    action(
        "kind",
        cmd_kind,
        "change the kind of ENTITY",
        ("entity", "ENTITY"),
        ("kind", "KIND", {"type": str.upper, "choices": KINDS, "help": " | ".join(KINDS)}),
    )
    action(
        "reject",
        cmd_reject,
        "not an entity: a whole entity (id or canonical name) or one alias",
        ("what", "ENTITY_OR_ALIAS"),
    )
    sp = action("list", cmd_list, "list the corrections, with the ones that no longer match marked stale")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp = csub.add_parser(
        "undo",
        help="undo the last correction, or the one numbered ID",
        description="Undo the last correction, or the one numbered ID (from `reader correct list`); "
        "a path that looks like a number needs a ./ in front.",
    )
    sp.add_argument("id", nargs="?", metavar="ID")
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    sp.set_defaults(func=cmd_undo)
