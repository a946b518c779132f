"""CLI subcommands, one module per concept; each exposes `register(sub, add)`.

Shared helpers live in `reader.commands.common`, which imports no command and not `reader.cli`.
"""

from importlib import import_module

# imported when a parser is built, not by `reader PATH`, which opens the app (and imports
# reader.commands.common, hence this package, before its first paint)
MODULES = (
    "articles_cmd",
    "analysis_cmds",
    "find_cmd",
    "cache_cmd",
    "timeline_cmd",
    "export_cmd",
    "clip_cmd",
    "correct_cmd",
    "find_in_cmd",
    "text_cmd",
    "verify_cmd",
    "duplicates_cmd",
)


def registrars() -> list:
    """Each command module's `register(sub, add)`, in the order `reader --help` lists them."""
    return [import_module(f"reader.commands.{name}").register for name in MODULES]
