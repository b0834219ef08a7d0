"""User settings from `config.toml`: key remapping, theme and defaults.

    theme = "nord"
    session_minutes = 60
    autosave_delay = 1.0
    data_dir = "~/Supervision"

    [keys]
    "session.focus-notes" = "f3"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(ValueError):
    """The config file could not be used; the message names the file and the problem."""


@dataclass
class Config:
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


def load_config(path: Path) -> Config:
    """Read `path`; a missing file gives the defaults, a bad one a ConfigError."""
    if not path.exists():
        return Config()
    import tomllib  # here: most launches have no config file

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    cfg = Config()
    try:
        if "theme" in raw:
            cfg.theme = str(raw["theme"])
        if "session_minutes" in raw:
            cfg.session_minutes = int(_number(raw, "session_minutes", 5, 480, whole=True))
        if "autosave_delay" in raw:
            cfg.autosave_delay = _number(raw, "autosave_delay", 0.1, 10)
        if "autosave_max_interval" in raw:
            cfg.autosave_max_interval = _number(raw, "autosave_max_interval", 0.5, 30)
        if "data_dir" in raw:
            cfg.data_dir = Path(str(raw["data_dir"])).expanduser()
        if "idle_lock_minutes" in raw:
            cfg.idle_lock_minutes = int(_number(raw, "idle_lock_minutes", 1, 1440, whole=True))
        keys = raw.get("keys", {})
        if not isinstance(keys, dict):
            raise ValueError("[keys] must be a table of binding id = key")
        cfg.keys = {str(k): str(v) for k, v in keys.items()}
        if "user_prompts_file" in raw:
            cfg.user_prompts_file = Path(str(raw["user_prompts_file"])).expanduser()
        prompts = raw.get("prompt_files", [])
        if not isinstance(prompts, list):
            raise ValueError("prompt_files must be a list of paths")
        cfg.prompt_files = [Path(str(p)).expanduser() for p in prompts]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return cfg
