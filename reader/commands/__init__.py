"""CLI subcommands beyond `articles`, one module per concept; each exposes `register(sub, add)`."""

from reader.commands import analysis_cmds

REGISTRARS: list = [analysis_cmds.register]
