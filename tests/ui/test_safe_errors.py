"""An unexpected error in the app never shows a traceback with locals: the app stops, the CLI
prints one line, and the report holds only exception types and file/line/function names."""

from __future__ import annotations

import pytest

from supervisor_tui.app import create_app
from supervisor_tui.crash import app_exit_code, redact, redact_rendered
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.screens.home import HomeScreen
from tests.support import STAMP, fixed_clock

SECRET = "Okafor household disclosure"


def test_a_crash_in_the_app_writes_only_a_redacted_report(service, monkeypatch, tmp_path,
                                                          capsys):
    monkeypatch.setenv("SUPERVISOR_TUI_LOG_DIR", str(tmp_path / "logs"))
    service.records.save_supervisee(Supervisee(SECRET, created_at=STAMP))

    def broken(self, rows):
        note_text = SECRET  # noqa: F841  (Rich would print this local)
        raise KeyError(SECRET)

    monkeypatch.setattr(HomeScreen, "render_rows", lambda self: broken(self, self.rows))
    app = create_app(service)
    app.run(headless=True, size=(80, 24))
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err  # nothing reached the terminal
    assert app.return_code == 1
    assert "note_text" in app.error_text.getvalue()  # what Textual would have printed

    assert app_exit_code(app.return_code, app.error_text.getvalue(), fixed_clock()) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "report without any record text" in err
    (report,) = (tmp_path / "logs").glob("error-*.txt")
    text = report.read_text()
    assert "in broken" in text and "KeyError" in text
    assert SECRET not in text and "note_text" not in text and "Okafor" not in text


def test_redact_keeps_types_and_places_only():
    def inner(secret_arg):
        raise RuntimeError(f"value was {secret_arg}")

    try:
        try:
            inner(SECRET)
        except RuntimeError as exc:
            raise ValueError(SECRET) from exc
    except ValueError as exc:
        text = redact(exc)
    assert "ValueError" in text and "RuntimeError" in text and "in inner" in text
    assert SECRET not in text


@pytest.mark.parametrize("show_locals", [True, False])
def test_redact_rendered_drops_locals_and_messages(show_locals):
    from rich.console import Console
    from rich.traceback import Traceback

    def failing(case_note):
        raise ValueError(case_note)

    console = Console(width=120, record=True, color_system=None)
    try:
        failing(SECRET + " at 12 Elm Road.py:3 in stealth")
    except ValueError:
        console.print(Traceback(show_locals=show_locals))
    rendered = console.export_text()
    assert SECRET in rendered  # the raw traceback does leak it
    text = redact_rendered(rendered)
    assert "in failing" in text and "ValueError" in text
    assert SECRET not in text and "Elm" not in text and "stealth" not in text


def test_an_error_rendered_with_exit_code_zero_is_still_reported_and_not_zero(
        tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SUPERVISOR_TUI_LOG_DIR", str(tmp_path / "logs"))
    code = app_exit_code(0, "Traceback ... ValueError", fixed_clock())
    assert code == 1
    assert "unexpected error" in capsys.readouterr().err
    assert list((tmp_path / "logs").glob("error-*.txt"))
