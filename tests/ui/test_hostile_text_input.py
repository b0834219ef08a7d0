"""Whatever a user types or pastes into a field reaches disk exactly, on an encrypted folder."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Static

from supervisor_tui.app import create_app
from supervisor_tui.config import ConfigError, load_config
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm
from tests.support import open_service
from tests.waiting import wait_for

PASS = "p"
ROLES = [
    "\u05e2\u05d5\u05d1\u05d3\u05ea \u05e1\u05d5\u05e6\u05d9\u05d0\u05dc\u05d9\u05ea "
    "\u0645\u0631\u062d\u0628\u0627",  # Hebrew and Arabic (right to left)
    "Zoe\u0308 and e\u0301 with combining marks",
    "\U0001f469\U0001f3fd\u200d\u2695\ufe0f nurse \U0001f1ec\U0001f1e7 \U0001f44d",
    "x" * 190,
]
#: Control characters in a one-line field: refused with a message, nothing saved.
REFUSED = [
    ("bell\x07 and escape\x1b[31m not a colour", "Bell"),
    ("\x1b]0;new title\x07", "Escape"),
    ("\x1b]52;c;c2VjcmV0\x07", "Escape"),
    ("\u202eoverride\u202c", "Right-To-Left Override"),
    ("tab\there", "a tab"),
]


@pytest.mark.parametrize("role", ROLES)
async def test_pasted_text_survives_exactly(tmp_path, role):
    folder = tmp_path / "data"
    svc = open_service(folder, passphrase=PASS, encrypt=TEST_KDF)
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Sam Okafor", "enter")
        field = app.screen.query_one("#role", Input)
        field.post_message(events.Paste(role))
        await pilot.pause()
        assert field.value  # the paste arrived
        pasted = field.value
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await app.service.flush()
    svc.close()
    again = open_service(folder, passphrase=PASS)
    try:
        (person,) = again.records.supervisees()
        assert person.role == pasted.strip()
        assert person.role == role.strip()
    finally:
        again.close()
    for p in folder.rglob("*"):
        if p.is_file():
            assert b"Okafor" not in p.read_bytes()


@pytest.mark.parametrize("role, named", REFUSED)
async def test_control_characters_in_a_one_line_field_are_refused(tmp_path, role, named):
    folder = tmp_path / "data"
    svc = open_service(folder)
    app = create_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SuperviseeForm), what="the form")
        await pilot.press(*"Sam Okafor", "enter")
        field = app.screen.query_one("#role", Input)
        field.post_message(events.Paste(role))
        await wait_for(pilot, lambda: field.value != "", what="the paste")
        await pilot.press("enter")
        error = app.screen.query_one("#error", Static)
        await wait_for(pilot, lambda: named in str(error.render()), what="the message")
        assert isinstance(app.screen, SuperviseeForm)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await app.service.flush()
    svc.close()
    again = open_service(folder)
    try:
        assert again.records.supervisees() == []
    finally:
        again.close()


def test_idle_lock_minutes_must_be_sensible(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("idle_lock_minutes = 0\n")
    with pytest.raises(ConfigError, match="idle_lock_minutes"):
        load_config(cfg)
    cfg.write_text("idle_lock_minutes = 10\n")
    assert load_config(cfg).idle_lock_minutes == 10
