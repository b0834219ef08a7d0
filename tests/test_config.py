from pathlib import Path

import pytest

from supervisor_tui.config import Config, ConfigError, load_config


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == Config()


def test_reads_every_setting(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "gruvbox"\nsession_minutes = 90\nautosave_delay = 0.5\n'
        'data_dir = "~/Supervision"\nidle_lock_minutes = 5\n'
        'prompt_files = ["~/my-prompts.toml"]\n'
        '[keys]\n"home.new" = "plus"\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg.theme == "gruvbox"
    assert cfg.session_minutes == 90
    assert cfg.autosave_delay == 0.5
    assert cfg.data_dir == Path("~/Supervision").expanduser()
    assert cfg.idle_lock_minutes == 5
    assert cfg.prompt_files == [Path("~/my-prompts.toml").expanduser()]
    assert cfg.keys == {"home.new": "plus"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("theme = ", "config.toml"),
        ("session_minutes = 1000", "session_minutes"),
        ("autosave_delay = 60", "autosave_delay"),
        ('session_minutes = "long"', "config.toml"),
        ('keys = "x"', "[keys]"),
        ('prompt_files = "x"', "prompt_files"),
    ],
)
def test_bad_config_names_the_file_and_problem(tmp_path, text, fragment):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value)
    assert fragment in str(err.value)
