"""The app's commands, without Textual: the palette lists them and `reader find` searches them.

The app builds its top-level key bindings from this table, so the palette, the help screen and
the CLI can never disagree about what a key does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    action: str  # Textual action name on the app, e.g. "quit" or "jump_mention(1)"
    title: str
    key: str  # Textual key names, comma-separated; "" when it has no key
    help: str
    show: bool = False  # shown in the footer


APP_COMMANDS: tuple[Command, ...] = (
    Command("quit", "Quit", "q", "Leave reader", show=True),
    Command("help", "Help: keys", "question_mark,f1", "Every key binding", show=True),
    Command("command_palette", "Palette: everything", "ctrl+p", "Search articles, entities, quotes and commands", show=True),
    Command("palette('entity')", "Palette: entities", "at", "Search entities only (or type @ in the palette)"),
    Command("palette('quote')", "Palette: quotes", "quotation_mark", "Search quotes only (or type \" in the palette)"),
    Command("palette('article')", "Palette: articles", "number_sign", "Search articles only (or type # in the palette)"),
    Command("palette('sentence')", "Find in corpus", "slash", "Full-text search over sentences (or type / in the palette)"),
)


def key_label(key: str) -> str:
    """The first key of a binding as a person would write it."""
    first = key.split(",")[0] if key else ""
    names = {"question_mark": "?", "at": "@", "quotation_mark": '"', "number_sign": "#", "slash": "/",
             "left_square_bracket": "[", "right_square_bracket": "]", "full_stop": ".", "comma": ","}
    return names.get(first, first)
