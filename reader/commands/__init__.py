"""CLI subcommands beyond `articles`, one module per concept; each exposes `register(sub, add)`."""

from reader.commands import analysis_cmds, cache_cmd, find_cmd
from reader.commands import timeline_cmd
from reader.commands import clip_cmd, export_cmd
from reader.commands import correct_cmd
from reader.commands import find_in_cmd

REGISTRARS: list = [analysis_cmds.register, find_cmd.register, cache_cmd.register,
                        timeline_cmd.register, export_cmd.register, clip_cmd.register,
                        correct_cmd.register, find_in_cmd.register]
