"""CLI subcommands beyond `articles`, one module per concept; each exposes `register(sub, add)`."""

from reader.commands import analysis_cmds, cache_cmd, find_cmd

REGISTRARS: list = [analysis_cmds.register, find_cmd.register, cache_cmd.register]
