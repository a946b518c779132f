"""CLI subcommands beyond `articles`, one module per concept; each exposes `register(sub, add)`."""

REGISTRARS: list = []
