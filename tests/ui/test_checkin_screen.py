"""Check-in: one digit for the score, then a word; escape skips."""

from __future__ import annotations

from textual.widgets import Static

from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.session import CheckIn
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.widgets.score_scale import ScoreScale
from tests.support import STAMP
from tests.ui.form_host import FIXED_NOW, FormHost


def host(phase: CheckInPhase = CheckInPhase.OPENING, current: CheckIn | None = None) -> FormHost:
    return FormHost(lambda: CheckInScreen("s-sam", "Sam Okafor", phase, current))


async def test_a_digit_sets_the_score_and_moves_to_the_word() -> None:
    app = host(CheckInPhase.CLOSING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert app.screen.query_one(ScoreScale).score == 4
        assert app.focused is not None and app.focused.id == "word"
        await pilot.press(*"lighter", "enter")
        await pilot.pause()
    [checkin] = app.results
    assert checkin == CheckIn("s-sam", CheckInPhase.CLOSING, 4, "lighter", at=FIXED_NOW)


async def test_digits_typed_in_the_word_stay_in_the_word() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", *"9 to 5", "enter")
        await pilot.pause()
    assert app.results[0].score == 2
    assert app.results[0].word == "9 to 5"


async def test_enter_without_a_score_asks_for_one() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "1 to 5" in str(app.screen.query_one("#error", Static).content)
        assert app.results == []
        await pilot.press("6", "0", "enter")
        assert app.results == []
        await pilot.press("1", "enter")
        await pilot.pause()
    assert app.results[0].score == 1
    assert app.results[0].word == ""


async def test_arrows_move_along_the_scale() -> None:
    app = host(current=CheckIn("s-sam", CheckInPhase.OPENING, 3, "ok", at=STAMP))
    async with app.run_test(size=(80, 24)) as pilot:
        scale = app.screen.query_one(ScoreScale)
        assert scale.score == 3
        await pilot.press("right")
        assert scale.score == 4
        assert app.focused is scale
        await pilot.press("right", "right")
        assert scale.score == 5
        await pilot.press("left", "left", "left", "left", "left")
        assert scale.score == 1
        await pilot.press("tab", *"flat", "enter")
        await pilot.pause()
    assert (app.results[0].score, app.results[0].word) == (1, "flat")  # tab selects the old word


async def test_escape_skips() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "escape")
        await pilot.pause()
    assert app.results == [None]
