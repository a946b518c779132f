"""CLI subcommands, one module per concept; each exposes `register(sub, add)`.

Shared helpers live in `reader.commands.common`, which imports no command and not `reader.cli`.
"""

from reader.commands import (
    analysis_cmds,
    articles_cmd,
    cache_cmd,
    clip_cmd,
    correct_cmd,
    duplicates_cmd,
    export_cmd,
    find_cmd,
    find_in_cmd,
    text_cmd,
    timeline_cmd,
    verify_cmd,
)

REGISTRARS: list = [
    articles_cmd.register,
    analysis_cmds.register,
    find_cmd.register,
    cache_cmd.register,
    timeline_cmd.register,
    export_cmd.register,
    clip_cmd.register,
    correct_cmd.register,
    find_in_cmd.register,
    text_cmd.register,
    verify_cmd.register,
    duplicates_cmd.register,
]
