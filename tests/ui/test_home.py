"""Home screen journeys: add, edit with an inline error, archive; a failing save is reported."""

from __future__ import annotations

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store import records as records_module
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm
from supervisor_tui.ui.screens.home import HomeScreen
from tests.conftest import reopen
from tests.support import STAMP


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_add_requires_a_name_then_saves(service, data_dir):
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SuperviseeForm)
        await pilot.press("enter", "enter")  # empty name, then submit from role
        await pilot.pause()
        assert app.screen is form
        assert "name is required" in str(form.query_one("#error").render()).lower()
        await pilot.press(*"Noor Haddad", "enter", *"Senior practitioner", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [r.supervisee.name for r in app.screen.rows] == ["Noor Haddad"]
    service.close()
    again = reopen(data_dir)
    try:
        (person,) = again.records.supervisees()
        assert (person.name, person.role) == ("Noor Haddad", "Senior practitioner")
    finally:
        again.close()


async def test_edit_changes_the_selected_person(service, data_dir):
    person = service.records.save_supervisee(Supervisee("Tom Reid", "Nurse", created_at=STAMP))
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # keep the name, move to role
        await pilot.press("end", *" (CMHT)", "enter")
        await _settle(pilot)
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.supervisee(person.id).role == "Nurse (CMHT)"
    finally:
        again.close()


async def test_failed_save_is_reported_not_fatal(service, monkeypatch):
    def broken(self, supervisee):
        raise StoreWriteError("roster.json", "the disk is full")

    monkeypatch.setattr(records_module.Records, "save_supervisee", broken)
    app = create_app(service)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: said.append(str(message)) or notify(message, **kw)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _settle(pilot)
        await pilot.press("n", *"Ola", "enter", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running
        assert any("disk is full" in m for m in said)
