"""The decision form: rationale required, case refs checked, flags, nothing typed thrown away."""

from __future__ import annotations

from textual.widgets import Static

from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.enums import DecisionFlag
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from tests.support import STAMP
from tests.ui.form_host import FIXED_NOW, FormHost


def host(**kwargs: object) -> FormHost:
    return FormHost(lambda: DecisionForm("s-sam", "x-today", **kwargs))  # type: ignore[arg-type]


def error_text(app: FormHost) -> str:
    return str(app.screen.query_one("#error", Static).content)


async def test_empty_rationale_is_refused_then_a_good_one_is_returned() -> None:
    app = host(case_ref="AB12")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Keep contact supervised", "enter", "ctrl+s")
        assert isinstance(app.screen, DecisionForm)
        assert "rationale" in error_text(app)
        assert app.results == []
        assert app.focused is not None and app.focused.id == "rationale"
        await pilot.press(*"Mother not yet engaged", "ctrl+s")
        await pilot.pause()
    [decision] = app.results
    assert isinstance(decision, Decision)
    assert decision.text == "Keep contact supervised"
    assert decision.rationale == "Mother not yet engaged"
    assert decision.case_ref == "AB12"
    assert decision.flags == []
    assert decision.decided_at == FIXED_NOW
    assert (decision.supervisee_id, decision.session_id, decision.amends) == (
        "s-sam", "x-today", None)


async def test_whitespace_rationale_counts_as_empty() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Refer to MASH", "enter", "space", "space", "ctrl+s")
        assert "rationale" in error_text(app)
        assert app.results == []


async def test_a_name_as_case_ref_is_refused() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Refer", "enter", *"Risk rising", "tab", *"Jane Smith", "ctrl+s")
        assert "case reference" in error_text(app)
        assert app.focused is not None and app.focused.id == "case"
        assert app.results == []


async def test_flags_are_ticked_with_space() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        # Tab: rationale -> case ref -> who decided -> the flags.
        await pilot.press(*"Share with police", "enter", *"Serious harm likely", "tab", "tab",
                          "tab", "space", "tab", "space", "ctrl+s")
        await pilot.pause()
    [decision] = app.results
    assert decision.flags == [DecisionFlag.SAFEGUARDING, DecisionFlag.CONFIDENTIALITY_EXCEPTION]
    assert decision.decided_by == "jointly"


async def test_amending_starts_from_the_original_and_names_it() -> None:
    original = Decision("s-sam", "x-old", "Weekly visits", "Risk is low", case_ref="CD34",
                        flags=[DecisionFlag.SAFEGUARDING], id="d-orig", decided_at=STAMP)
    app = host(amends=original)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#text").value == "Weekly visits"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u", *"Fortnightly visits", "ctrl+s")
        await pilot.pause()
    [amendment] = app.results
    assert amendment.amends == "d-orig"
    assert amendment.text == "Fortnightly visits"
    assert amendment.rationale == "Risk is low"
    assert amendment.case_ref == "CD34"
    assert amendment.session_id == "x-today"
    assert amendment.id != "d-orig"
    assert original.text == "Weekly visits"


async def test_escape_with_typed_text_asks_before_discarding() -> None:
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Half a thought", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, DecisionForm)
        assert app.screen.query_one("#text").value == "Half a thought"  # type: ignore[attr-defined]
        assert app.results == []
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.results == [None]


async def test_escape_on_an_untouched_form_closes_at_once() -> None:
    app = host(case_ref="AB12")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
