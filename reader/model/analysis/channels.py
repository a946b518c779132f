"""The channel a quote came through, as written near its cue: 'told Sky News', 'in a statement',
'wrote in the Guardian', 'Speaking to the BBC', 'through her lawyer', 'tweeted' (view spans)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.speech_words import (
    DOCUMENT_NOUNS,
    MEDIA_WORDS,
    NOUN_CUES,
    WRITE_VERBS,
    is_person_noun,
    noun_base,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

    from reader.model.analysis.quote_layout import QuoteLayout

_CHANNEL_PREPS = ("in", "on", "at", "during", "via", "through", "over", "by")
_TELL = frozenset({"told", "tell", "tells", "telling"})
# "Speaking to Reuters, ...", "Writing in The Lancet, ...": a participle naming the channel.
_CHANNEL_PARTICIPLES = frozenset({"speaking", "talking", "writing"})  # no lemmatizer runs


def channel(cues: QuoteLayout, verb: Token | None, a: int, b: int) -> tuple[int, int] | None:
    """'told Sky News', 'in a statement', 'wrote in a blog post', 'on Twitter' (view span),
    without the comma that may close it."""
    span = _channel(cues, verb, a, b)
    if span is None:
        return None
    s, e = span
    first = cues.doc.char_span(s, s + 1, alignment_mode="expand")
    comma = cues.view.text.find(",", s, e)
    if first is not None and first[0].is_sent_start and comma > s:
        e = comma  # an opening phrase ends at its comma; the parse may hang the subject on it
    inside = cues.doc.char_span(s, e, alignment_mode="contract")
    for t in inside[1:] if inside is not None else ():
        if t.tag_ == "VBG" and t.dep_ in ("acl", "advcl", "xcomp") and t.head.i < t.i:
            e = t.idx  # "in a video posted online[ appealing for support]": what it said, not how
            break
    while e > s and cues.view.text[e - 1] in ",;: ":
        e -= 1
    return s, e


def _channel(cues: QuoteLayout, verb: Token | None, a: int, b: int) -> tuple[int, int] | None:
    if verb is not None and verb.lower_ not in ("according", "per"):
        if verb.lower_ in _TELL:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and not cues.quoted[c.i]), None)
            if obj is not None:
                return verb.idx, obj.right_edge.idx + len(obj.right_edge)
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _CHANNEL_PREPS and _channel_phrase(cues, c):
                if verb.lower_ in WRITE_VERBS and c.i > verb.i:
                    return verb.idx, c.right_edge.idx + len(c.right_edge)
                return c.idx, c.right_edge.idx + len(c.right_edge)
        if verb.lower_ in WRITE_VERBS and verb.lower_ not in ("wrote", "written", "write", "writes", "writing"):
            return verb.idx, verb.idx + len(verb)  # "tweeted", "posted"
    for t in cues.window_tokens(a, b):
        if t.dep_ == "prep" and t.lower_ in _CHANNEL_PREPS and _channel_phrase(cues, t):
            return t.idx, t.right_edge.idx + len(t.right_edge)
        if t.dep_ == "advcl" and t.lower_ in _CHANNEL_PARTICIPLES:  # tagged NN at times
            span = _participle_channel(cues, t)
            if span is not None:
                return span
    return None


def _participle_channel(cues: QuoteLayout, verb: Token) -> tuple[int, int] | None:
    """'Speaking to the BBC(, X said)', 'Writing in The Lancet(, X said)'."""
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in ("to", "in", "on", "with") or p.i < verb.i:
            continue
        obj = next((o for o in p.children if o.dep_ == "pobj"), None)
        named = obj is not None and not cues.quoted[obj.i] and (obj.pos_ == "PROPN" or obj.ent_type_ == "ORG")
        if named or _channel_phrase(cues, p):
            return verb.idx, p.right_edge.idx + len(p.right_edge)
    return None


def _channel_phrase(cues: QuoteLayout, prep: Token) -> bool:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or cues.quoted[obj.i] or any(cues.quoted[t.i] for t in prep.subtree):
        return False
    base = noun_base(obj.lower_)
    if prep.lower_ == "by":
        return obj.lower_ in MEDIA_WORDS  # "by telephone"; "by X" is whom the words are by
    if prep.lower_ in ("via", "through") and is_person_noun(obj.lower_):
        return True  # "through her lawyer", "via a spokesperson"
    if base in NOUN_CUES or base in DOCUMENT_NOUNS or obj.lower_ in MEDIA_WORDS:
        return True
    if obj.ent_type_ != "ORG":
        return False
    # "on Fox News"; "wrote in the Guardian", "Writing in The Lancet" (said in Congress is no channel)
    return prep.lower_ == "on" or prep.lower_ == "in" and prep.head.lower_ in WRITE_VERBS
