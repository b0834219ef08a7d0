"""CLI subcommands, one module each, registered by `supervisor_tui.cli.COMMANDS`."""
