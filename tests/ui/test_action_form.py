"""The action form: free-text due dates shown back live, refused when unreadable."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from supervisor_tui.domain.decisions import Action
from supervisor_tui.ui.dialogs.action_form import ActionForm
from tests.support import STAMP
from tests.ui.form_host import FIXED_NOW, FormHost


def host(**kwargs: object) -> FormHost:
    return FormHost(lambda: ActionForm("s-sam", "x-today", **kwargs))  # type: ignore[arg-type]


def shown(app: FormHost, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).content)


async def test_next_friday_is_shown_back_and_saved_as_that_day() -> None:
    app = host(owner="Sam Okafor", case_ref="AB12")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Call the school", "enter", "enter", *"next friday")
        assert shown(app, "due-shown") == "Fri 27 Nov 2026 (in 4 days)"
        await pilot.press("enter", "enter")
        await pilot.pause()
    [action] = app.results
    assert isinstance(action, Action)
    assert action.due == date(2026, 11, 27)
    assert (action.text, action.owner, action.case_ref) == ("Call the school", "Sam Okafor",
                                                            "AB12")
    assert action.created_at == FIXED_NOW
    assert action.is_open and action.session_id == "x-today"


async def test_the_shown_day_follows_the_typing() -> None:
    app = host(owner="Sam Okafor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Book training", "enter", "enter", *"in 2 weeks")
        assert shown(app, "due-shown") == "Mon 07 Dec 2026 (in 14 days)"
        await pilot.press(*" 10am")
        assert shown(app, "due-shown") == "Mon 07 Dec 2026 (in 14 days)"
        await pilot.press("ctrl+u", *"whenever")
        assert shown(app, "due-shown") == "not a date yet"


async def test_unreadable_due_date_is_refused_and_nothing_returned() -> None:
    app = host(owner="Sam Okafor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Call the school", "enter", "enter", *"when things settle", "ctrl+s")
        assert isinstance(app.screen, ActionForm)
        assert "not a date I can read" in shown(app, "error")
        assert app.focused is not None and app.focused.id == "due"
        assert app.results == []
        await pilot.press("ctrl+u", *"14 dec", "ctrl+s")
        await pilot.pause()
    assert app.results[0].due == date(2026, 12, 14)


async def test_what_owner_and_due_are_required() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        assert "what will be done" in shown(app, "error")
        await pilot.press(*"Call the school", "ctrl+s")
        assert "who will do it" in shown(app, "error")
        assert app.focused is not None and app.focused.id == "owner"
        await pilot.press(*"Priya", "ctrl+s")
        assert "due date" in shown(app, "error")
        assert app.results == []


async def test_iso_dates_are_year_month_day() -> None:
    app = host(owner="Sam Okafor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"File the report", "enter", "enter", *"2026-12-05", "ctrl+s")
        await pilot.pause()
    assert app.results[0].due == date(2026, 12, 5)


async def test_a_draft_comes_back_with_everything_typed() -> None:
    draft = Action("s-sam", "x-today", "Call the school", "Priya", due=date(2026, 11, 27),
                   case_ref="AB12", created_at=STAMP)
    app = host(draft=draft)
    async with app.run_test(size=(80, 24)) as pilot:
        assert shown(app, "due-shown") == "Fri 27 Nov 2026 (in 4 days)"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [again] = app.results
    assert (again.text, again.owner, again.due, again.case_ref) == (
        "Call the school", "Priya", date(2026, 11, 27), "AB12")
