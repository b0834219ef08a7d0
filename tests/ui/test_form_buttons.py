"""The forms' buttons: Save saves (or shows what is wrong), Cancel and Skip leave exactly once."""

from __future__ import annotations

from supervisor_tui.domain.session import SignOff
from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
from supervisor_tui.ui.dialogs.closing import SignOffScreen
from tests.ui.form_host import FormHost


async def test_save_button_validates_then_saves():
    app = FormHost(AgendaItemForm)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, AgendaItemForm), "an item needs a title"
        assert "title" in str(app.screen.query_one("#error").content).lower()
        await pilot.click("#title")
        await pilot.press(*"Caseload weighting")
        await pilot.click("#save")
        await pilot.pause()
    assert [item.title for item in app.results] == ["Caseload weighting"]


async def test_cancel_button_leaves_an_empty_form():
    app = FormHost(AgendaItemForm)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
    assert app.results == [None]


async def test_sign_off_skip_and_save_buttons_dismiss_once():
    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#skip")
        await pilot.pause()
    assert app.results == [None]

    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"SO")
        await pilot.click("#save")
        await pilot.pause()
    (signed,) = app.results
    assert isinstance(signed, SignOff) and signed.initials == "SO"
