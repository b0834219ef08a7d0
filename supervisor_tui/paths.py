"""Default locations. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "supervisor-tui"
DATA_DIR_ENV = "SUPERVISOR_TUI_DATA_DIR"
CONFIG_ENV = "SUPERVISOR_TUI_CONFIG"


def expand_home(path: str | Path) -> Path:
    """`~` or `~user` at the start of `path` expanded, as a shell does: `~name` of no known
    user (or `~` where no home folder is known) is left as written, a folder of that name."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def default_data_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    return expand_home(env) if env else user_data_path(APP_NAME, appauthor=False)


def default_config_file() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return expand_home(env)
    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


LOG_DIR_ENV = "SUPERVISOR_TUI_LOG_DIR"


def default_log_dir() -> Path:
    """Where redacted error reports go (the user's state/log folder)."""
    from platformdirs import user_log_path

    env = os.environ.get(LOG_DIR_ENV)
    return expand_home(env) if env else user_log_path(APP_NAME, appauthor=False)


def default_user_prompts_file() -> Path:
    """Prompts written in the app, beside config.toml."""
    return default_config_file().with_name("prompts.toml")


STATE_DIR_ENV = "SUPERVISOR_TUI_STATE_DIR"


def default_state_dir() -> Path:
    """What this machine remembers of each folder it checked (to notice one put back)."""
    from platformdirs import user_state_path

    env = os.environ.get(STATE_DIR_ENV)
    return expand_home(env) if env else user_state_path(APP_NAME, appauthor=False)
