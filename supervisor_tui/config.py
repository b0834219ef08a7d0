"""User settings from `config.toml`: key remapping, theme and defaults.

    theme = "nord"
    session_minutes = 60
    autosave_delay = 1.0
    data_dir = "~/Supervision"

    [keys]
    "session.focus-notes" = "f3"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from supervisor_tui.paths import expand_home


class ConfigError(ValueError):
    """The config file could not be used; the message names the file and the problem."""


@dataclass
class Config:
    """The user's settings, from the config file or their defaults."""

    theme: str | None = None
    session_minutes: int = 60
    autosave_delay: float = 1.0
    autosave_max_interval: float = 1.0
    """Seconds between saves while typing goes on: a crash loses at most about this much."""
    data_dir: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)
    prompt_files: list[Path] = field(default_factory=list)
    user_prompts_file: Path | None = None
    """Where prompts added in the app are kept (default: prompts.toml in the config folder)."""
    idle_lock_minutes: int | None = None
    wellbeing_low: int = 2
    """An opening check-in at or below this (1-5) marks the person and the next agenda."""
    wellbeing_fall: int = 2
    """So does a fall of this much or more over the last three opening check-ins."""
    cancellation_warning: int = 2
    """This many one-to-ones cancelled in three months raises a warning on home."""


def _number(raw: dict[str, object], key: str, low: float, high: float,
            whole: bool = False) -> float:
    """`raw[key]` as a number in [low, high]; a ValueError naming the key otherwise."""
    value = raw[key]
    kind = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            whole and isinstance(value, float)):
        raise ValueError(f"{key} must be {kind} between {low:g} and {high:g}, not {value!r}")
    if not low <= value <= high:  # nan and inf fail here too
        raise ValueError(f"{key} must be between {low:g} and {high:g}, not {value!r}")
    return float(value)


def _path(value: object, key: str) -> Path:
    if not isinstance(value, str) or not value or "\x00" in value:
        raise ValueError(f"{key} must be a path (text without a null character), not {value!r}")
    return expand_home(value)


def _line_of(text: str, key: str) -> int | None:
    """The line on which `key` is set (or its [table] begins), for the message."""
    found = re.compile(rf"^\s*(\[\s*{re.escape(key)}\s*\]|{re.escape(key)}\s*=)")
    for n, line in enumerate(text.splitlines(), start=1):
        if found.match(line):
            return n
    return None


def load_config(path: Path) -> Config:
    """Read `path`; a missing file gives the defaults, a bad one a ConfigError naming the key
    and its line."""
    if not path.exists():
        return Config()
    import tomllib  # here: most launches have no config file

    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    cfg = Config()
    key = ""
    try:
        if "theme" in raw:
            key = "theme"
            if not isinstance(raw[key], str):
                raise ValueError(f"theme must be the name of a theme, not {raw[key]!r}")
            cfg.theme = raw[key]
        for key, low, high in (("session_minutes", 5, 480), ("idle_lock_minutes", 1, 1440),
                               ("wellbeing_low", 1, 5), ("wellbeing_fall", 1, 4),
                               ("cancellation_warning", 1, 20)):
            if key in raw:
                setattr(cfg, key, int(_number(raw, key, low, high, whole=True)))
        for key, least, most in (("autosave_delay", 0.1, 10.0),
                                 ("autosave_max_interval", 0.5, 30.0)):
            if key in raw:
                setattr(cfg, key, _number(raw, key, least, most))
        for key in ("data_dir", "user_prompts_file"):
            if key in raw:
                setattr(cfg, key, _path(raw[key], key))
        key = "keys"
        keys = raw.get("keys", {})
        if not isinstance(keys, dict):
            raise ValueError("[keys] must be a table of binding id = key")
        cfg.keys = {str(k): str(v) for k, v in keys.items()}
        key = "prompt_files"
        prompts = raw.get("prompt_files", [])
        if not isinstance(prompts, list):
            raise ValueError("prompt_files must be a list of paths")
        cfg.prompt_files = [_path(p, "each of prompt_files") for p in prompts]
    except (TypeError, ValueError) as exc:
        line = _line_of(text, key) if key else None
        where = f"{path}, line {line}" if line else str(path)
        raise ConfigError(f"{where}: {exc}") from None
    return cfg
