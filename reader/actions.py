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

    @property
    def group(self) -> str:
        """What the help screen files the command under (GROUPS, by the action's name)."""
        return GROUP_OF.get(self.action.split("(")[0], "Other")


APP_COMMANDS: tuple[Command, ...] = (
    Command("quit", "Quit", "q", "Leave reader", show=True),
    Command("help", "Help", "question_mark,f1", "Every key binding", show=True),
    Command("focus_next", "Switch pane", "tab", "Move between the list and the reading pane", show=True),
    Command("focus_previous", "Switch pane back", "shift+tab", "Move between panes, backwards"),
    Command("screen.copy_text", "Copy selected text", "ctrl+c", "Copy the mouse selection (exact source text)"),
    Command("entity_here(1)", "Next name on screen", "e", "Make it the current entity; again: the next one"),
    Command(
        "entity_here(-1)", "Previous name on screen", "ctrl+e", "Make it the current entity; again: the one before"
    ),
    Command(
        "entity_mention(1)",
        "Next mention of the entity (or find match)",
        "n",
        "Within this article; after a find (/), its next match until the find is cleared",
    ),
    Command(
        "entity_mention(-1)",
        "Previous mention of the entity (or find match)",
        "N",
        "Within this article; after a find (/), its previous match",
    ),
    Command("entity_article(1)", "Next article mentioning the entity", "right_square_bracket", "Across the corpus"),
    Command("entity_article(-1)", "Previous article mentioning the entity", "left_square_bracket", "Across the corpus"),
    Command("entity_info", "Aliases and evidence of the entity", "a", "Why these names are one entity"),
    Command("toggle_entities", "Entity panel (this article)", "E", "Entities of this article by kind, with counts"),
    Command("toggle_list", "Hide / show the article list", "z", "More room to read (zoom); z again brings it back"),
    Command("toggle_read", "Mark read / unread", "u", "The open article (in the list: the highlighted one)"),
    Command("next_unread", "Next unread article", "U", "In the list's order, after the open one"),
    Command(
        "entity_view",
        "All entities of the corpus",
        "V",
        "Kind, mentions and articles per entity; ctrl+s sorts, type to filter",
    ),
    Command(
        "concordance",
        "Every mention in context",
        "K",
        "The current entity's mentions across the corpus, words before and after; filter, ctrl+s sort, enter goes",
    ),
    Command(
        "corrections",
        "Entity corrections",
        "R",
        "Your merges, splits, renames, kinds and rejections; delete undoes one",
    ),
    Command("copy_quote", "Copy quote", "c", "The quote at the reading position, with its citation", show=True),
    Command(
        "quote_step(1)",
        "Next quote",
        "full_stop",
        "Make the next quote in this article current; its speaker in the status",
    ),
    Command("quote_step(-1)", "Previous quote", "comma", "Make the previous quote in this article current"),
    Command("bookmark", "Bookmark this position", "m", "Mark the reading position, with an optional note"),
    Command("bookmarks", "Bookmarks", "M", "Every bookmark of this corpus; enter to go, delete to remove"),
    Command("who_said_what", "Who said what", "Q", "Every quote in the corpus by speaker; type to filter"),
    Command(
        "timeline",
        "Timeline",
        "T",
        "Articles per day/week/month (undated apart); the current entity's mentions per article over time",
    ),
    Command("cycle_citation_style", "Citation style: plain, markdown, APA, Chicago", "C", "Cycle the copy style"),
    Command(
        "clip",
        "Add to clippings",
        "y",
        "The mouse selection, else the current quote or entity mention, with its citation",
    ),
    Command(
        "clippings_view",
        "Clippings",
        "Y",
        "The collected clippings: reorder (J/K), remove (x), note (n), export (e), enter to go",
    ),
    Command("palette('entity')", "Palette: entities", "at", "Search entities only (or type @ in the palette)"),
    Command("palette('quote')", "Palette: quotes", "quotation_mark", 'Search quotes only (or type " in the palette)'),
    Command(
        "palette('article')", "Palette: articles", "number_sign", "Search articles only (or type # in the palette)"
    ),
    Command(
        "find_in_article",
        "Find in article",
        "slash",
        "Search the open article: enter / shift+enter next / previous, ctrl+r regex, esc closes",
    ),
    Command("palette('sentence')", "Find in corpus", "F", "Full-text search over sentences (or type / in the palette)"),
    Command(
        "verify_quote",
        "Verify a quote",
        "exclamation_mark",
        "Check a draft's quote against the corpus: exact, faithful, altered, not found (or ! in the palette)",
    ),
)


# The help screen's groups, in its order, and the group of every command's action.
GROUPS = (
    "Reading and moving",
    "The article list",
    "Entities",
    "Quotes, copying and clippings",
    "Find and search",
    "Views",
    "App",
)
GROUP_OF = {
    "focus_next": "Reading and moving",
    "focus_previous": "Reading and moving",
    "toggle_list": "Reading and moving",
    "bookmark": "Reading and moving",
    "toggle_read": "The article list",
    "next_unread": "The article list",
    "entity_here": "Entities",
    "entity_mention": "Entities",
    "entity_article": "Entities",
    "entity_info": "Entities",
    "toggle_entities": "Entities",
    "entity_view": "Entities",
    "concordance": "Entities",
    "corrections": "Entities",
    "screen.copy_text": "Quotes, copying and clippings",
    "copy_quote": "Quotes, copying and clippings",
    "quote_step": "Quotes, copying and clippings",
    "cycle_citation_style": "Quotes, copying and clippings",
    "clip": "Quotes, copying and clippings",
    "find_in_article": "Find and search",
    "palette": "Find and search",
    "command_palette": "Find and search",
    "who_said_what": "Views",
    "timeline": "Views",
    "bookmarks": "Views",
    "clippings_view": "Views",
    "quit": "App",
    "help": "App",
}


# Textual key names as a person writes them (the help screen, the palette and `reader find`).
KEY_NAMES = {
    "question_mark": "?",
    "space": "space",
    "enter": "enter",
    "tab": "tab",
    "shift+tab": "shift+tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "ctrl+c": "ctrl+c",
    "f1": "F1",
    "f3": "F3",
    "shift+f3": "shift+F3",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "at": "@",
    "quotation_mark": '"',
    "number_sign": "#",
    "exclamation_mark": "!",
    "plus": "+",
    "slash": "/",
    "full_stop": ".",
    "comma": ",",
    "delete": "Del",
    "ctrl+p": "ctrl+p",
    "ctrl+e": "ctrl+e",
    "ctrl+s": "ctrl+s",
}


def key_label(key: str) -> str:
    """The first key of a binding as a person would write it."""
    first = key.split(",")[0] if key else ""
    return KEY_NAMES.get(first, first)


def command_items():
    from reader.model.search.engine import SearchItem

    for c in APP_COMMANDS:
        k = key_label(c.key)
        yield SearchItem(
            "command",
            c.title,
            [c.action.split("(")[0].replace("_", " ")],
            ("command", c.action),
            f"command · {k}" if k else "command",
            weight=0.0,
        )
