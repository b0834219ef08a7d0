"""Any argument a user (or a script fed hostile data) passes to a command: a clear one-line
answer, never a traceback or an "unexpected error", no control sequence echoed to the terminal,
and an error never exits 0."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from supervisor_tui.cli import main
from tests.reports.fixture import ALEX, write_fixture
from tests.strategies import SPECIAL_STRINGS, short_text
from tests.support import open_service

#: What a terminal would act on: C0 and C1 controls (but line breaks and tabs), bidi controls.
ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = [*SPECIAL_STRINGS, "\x1b]52;c;c2VjcmV0\x07", "\x1b]0;owned\x07", "\x1b[2J", "-", "--",
           "../../etc/passwd", "=HYPERLINK(\"x\")", "9" * 400, "2026-02-30", "inf", "nan",
           "~0", "~no-such-user/x.md"]
argument = st.one_of(st.sampled_from(HOSTILE), short_text)
#: Every command that reads or writes records, with its arguments as slots for hostile text
#: (`demo`, `init` and `passphrase` ask on the terminal or launch the app: covered elsewhere).
SHAPES = [
    ["list", "supervisees"], ["list", "sessions", None], ["list", None],
    ["export", "session", None], ["export", "supervisee", None], ["export", "case", None],
    ["export", "session", "x-000004", "-o", None],
    ["export", "supervisee", ALEX, "--format", None],
    ["audit", "--from", None, "--to", "2026-03-20"],
    ["audit", "--from", "2026-01-01", "--to", None],
    ["audit", "--from", "2026-01-01", "--to", "2026-03-20", "--format", None],
    ["schedule", "export", "--ics", None],
    ["schedule", "export", "--ics", "d.ics", "--months", None],
    ["schedule", "export", "--ics", "d.ics", "--supervisee", None],
    ["backup", None], ["restore", None], ["restore-backup", None], ["verify", None], [None],
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-args") / "data"
    svc = open_service(path)
    write_fixture(svc.records)
    svc.close()
    return path


def run(folder: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["--config", str(folder.parent / "none.toml"), "--data-dir", str(folder),
                     *argv])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(shape=st.sampled_from(SHAPES), values=st.lists(argument, min_size=1, max_size=1))
def test_hostile_arguments_get_a_clean_answer(folder, capsys, monkeypatch, tmp_path, shape,
                                              values):
    monkeypatch.chdir(tmp_path)  # any file an argument names is written here, not in the tree
    monkeypatch.setenv("SUPERVISOR_TUI_LOG_DIR", str(tmp_path / "logs"))
    argv = [values[0] if part is None else part for part in shape]
    code, out, err = run(folder, argv, capsys)
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert not ACTED_ON.search(out), f"stdout: {out!r}"
    assert not ACTED_ON.search(err), f"stderr: {err!r}"
    if code != 0:
        assert err.strip(), "an error says what it was"
        return
    assert "supervisor-tui:" not in err, err
    if shape[:2] == ["schedule", "export"]:  # a calendar written: it parses back
        written = Path(argv[3])
        calendar = Calendar.from_ical(written.read_bytes())
        assert calendar.name == "VCALENDAR"


@pytest.mark.parametrize("value", ["\x1b]0;owned\x07", "\x1b]52;c;c2VjcmV0\x07", "\u202eevil"])
def test_an_argument_echoed_in_an_error_is_defused(folder, capsys, value):
    """The id, the reference or the path a user gave comes back in the message: shown, never
    acted on."""
    for argv in (["list", "sessions", value], ["export", "case", value],
                 ["restore", f"/nonexistent/{value}"], ["--data-dir", f"/nonexistent/{value}",
                                                        "verify"]):
        code, out, err = run(folder, argv, capsys)
        assert code != 0
        assert not ACTED_ON.search(out + err), (argv, err)
