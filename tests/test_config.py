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
        ('session_minutes = "long"', "session_minutes"),
        ("session_minutes = inf", "session_minutes"),
        ("session_minutes = nan", "session_minutes"),
        ("session_minutes = true", "session_minutes"),
        ("autosave_delay = -inf", "autosave_delay"),
        ("autosave_max_interval = nan", "autosave_max_interval"),
        ("idle_lock_minutes = 1e400", "idle_lock_minutes"),
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


_values = ["inf", "-inf", "nan", "1e400", "-1", "0", "true", '"x"', "[1, 2]", "{a = 1}",
           "1979-05-27", "5", "30.5", '"\\u001b[2J"']
_keys = ["theme", "session_minutes", "autosave_delay", "autosave_max_interval", "data_dir",
         "idle_lock_minutes", "keys", "user_prompts_file", "prompt_files"]


@pytest.mark.parametrize("key", _keys)
@pytest.mark.parametrize("value", _values)
def test_any_value_for_any_key_loads_or_is_named(tmp_path, key, value):
    path = tmp_path / "config.toml"
    path.write_text(f"{key} = {value}\n", encoding="utf-8")
    try:
        load_config(path)
    except ConfigError as exc:
        assert str(path) in str(exc)


@pytest.mark.parametrize(("text", "line", "key"), [
    ('theme = "x"\n\nsession_minutes = inf\n', 3, "session_minutes"),
    ('data_dir = "a\\u0000b"\n', 1, "data_dir"),
    ('theme = ["x"]\n', 1, "theme"),
    ('session_minutes = 60\n[keys]\n', None, None),
    ('prompt_files = ["ok.toml", ""]\n', 1, "prompt_files"),
])
def test_a_bad_value_is_named_with_its_key_and_line(tmp_path, text, line, key):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    if line is None:
        load_config(path)  # a good file loads
        return
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value).startswith(f"{path}, line {line}: ")
    assert key in str(err.value)
