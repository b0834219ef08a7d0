"""Closing: the quality checklist, the record sections, the next date; then sign-off."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.session import RECORD_SECTIONS, SignOff
from supervisor_tui.ui.dialogs.closing import ClosingResult, ClosingScreen, SignOffScreen
from tests.ui.form_host import FIXED_NOW, FormHost, sample_session

NAMES = {"s-sam": "Sam Okafor"}


def error_text(app: FormHost) -> str:
    return str(app.screen.query_one("#error", Static).content)


async def test_checklist_sections_and_next_date_come_back_together() -> None:
    app = FormHost(lambda: ClosingScreen(sample_session(), NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "down", "space", "tab")
        await pilot.press(*"Caseload 22: no new allocations until January", "tab")
        await pilot.press(*"Leave booked", "tab", "tab", "tab", "tab")
        await pilot.press(*"in 4 weeks 14:00")
        assert str(app.screen.query_one("#next-shown", Static).content) == (
            "Mon 21 Dec 2026 (in 28 days) at 14:00")
        await pilot.press("enter", "y")
        await pilot.pause()
    [result] = app.results
    assert isinstance(result, ClosingResult)
    assert set(result.checklist) == set(QUALITY_QUESTIONS)
    ticked = [qid for qid, yes in result.checklist.items() if yes]
    assert ticked == [list(QUALITY_QUESTIONS)[0], list(QUALITY_QUESTIONS)[2]]
    assert result.sections == {"workload": "Caseload 22: no new allocations until January",
                               "wellbeing": "Leave booked"}
    assert result.next_date == datetime(2026, 12, 21, 14, 0, tzinfo=FIXED_NOW.tzinfo)


async def test_an_unreadable_next_date_is_refused() -> None:
    app = FormHost(lambda: ClosingScreen(sample_session(), NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#next").focus()
        await pilot.press(*"after half term", "ctrl+s")
        assert "Next date" in error_text(app)
        assert app.results == []
        await pilot.press("ctrl+u", "ctrl+s", "y")
        await pilot.pause()
    [result] = app.results
    assert result.next_date is None
    assert not any(result.checklist.values())
    assert result.sections == {}


async def test_earlier_answers_are_shown_again() -> None:
    session = sample_session()
    session.checklist = {"wellbeing": True, "development": False}
    session.sections = {"reflection": "Noticed rescuing again"}
    session.next_date = datetime(2026, 12, 21, 10, 0, tzinfo=FIXED_NOW.tzinfo)
    app = FormHost(lambda: ClosingScreen(session, NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        assert str(app.screen.query_one("#next-shown", Static).content).startswith(
            "Mon 21 Dec 2026")
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
    [result] = app.results
    assert [q for q, yes in result.checklist.items() if yes] == ["wellbeing"]
    assert result.sections == {"reflection": "Noticed rescuing again"}
    assert result.next_date == session.next_date
    assert set(RECORD_SECTIONS) >= set(result.sections)


async def test_ending_says_it_finalises_and_asks_once_before_doing_it() -> None:
    app = FormHost(lambda: ClosingScreen(sample_session(), NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "finalises the record" in str(app.screen.query_one(".note", Static).content)
        await pilot.press("space", "ctrl+s")
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        assert "finalise" in str(app.screen.query_one(".question", Static).content)
        await pilot.press("n")  # back to the form, with what was ticked
        assert isinstance(app.screen, ClosingScreen) and app.results == []
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
    [result] = app.results
    assert sum(result.checklist.values()) == 1


async def test_going_back_after_typing_asks_first() -> None:
    app = FormHost(lambda: ClosingScreen(sample_session(), NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "escape")
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.results == [None]


async def test_sign_off_takes_initials() -> None:
    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "1 to 6" in error_text(app)
        await pilot.press(*"12", "enter")
        assert "letter" in error_text(app)
        assert app.results == []
        await pilot.press("ctrl+u", *"SO", "enter")
        await pilot.pause()
    assert app.results == [SignOff("s-sam", "SO", at=FIXED_NOW)]


async def test_sign_off_can_be_skipped() -> None:
    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"S", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_initials_longer_than_six_cannot_be_typed() -> None:
    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ABCDEFGH", "enter")
        await pilot.pause()
    assert app.results[0].initials == "ABCDEF"
