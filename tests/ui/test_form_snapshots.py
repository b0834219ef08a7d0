"""Snapshots of the session's modal forms part-filled, at 80x24 and 120x36, on a fixed clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.session import CheckIn
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.checkin import CheckInScreen
from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from tests.ui.form_host import FIXED_NOW, FormHost, sample_session

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
at_both_sizes = pytest.mark.parametrize("size", sorted(SIZES))


@at_both_sizes
def test_decision_form_refusing_an_empty_rationale(snap_compare: Any, size: str) -> None:
    app = FormHost(lambda: DecisionForm("s-sam", "x-today", case_ref="AB12"))
    assert snap_compare(app, press=[*"Keep contact supervised", "enter", "ctrl+s"],
                        terminal_size=SIZES[size])


@at_both_sizes
def test_action_form_showing_the_due_date_back(snap_compare: Any, size: str) -> None:
    app = FormHost(lambda: ActionForm("s-sam", "x-today", owner="Sam Okafor", case_ref="AB12"))
    assert snap_compare(app, press=[*"Call the school", "enter", "enter", *"next friday"],
                        terminal_size=SIZES[size])


@at_both_sizes
def test_checkin_with_a_score(snap_compare: Any, size: str) -> None:
    app = FormHost(lambda: CheckInScreen("s-sam", "Sam Okafor", CheckInPhase.OPENING))
    assert snap_compare(app, press=["4", *"tired"], terminal_size=SIZES[size])


@at_both_sizes
def test_closing_checklist(snap_compare: Any, size: str) -> None:
    session = sample_session()
    session.checkins.append(CheckIn("s-sam", CheckInPhase.CLOSING, 4, "lighter", at=FIXED_NOW))
    session.next_date = datetime(2026, 12, 21, 10, 0, tzinfo=FIXED_NOW.tzinfo)
    app = FormHost(lambda: ClosingScreen(session, {"s-sam": "Sam Okafor"}))
    assert snap_compare(app, press=["space", "down", "space"], terminal_size=SIZES[size])


@at_both_sizes
def test_sign_off_refusing_digits(snap_compare: Any, size: str) -> None:
    app = FormHost(lambda: SignOffScreen("s-sam", "Sam Okafor"))
    assert snap_compare(app, press=[*"12", "enter"], terminal_size=SIZES[size])


@at_both_sizes
def test_case_form_refusing_a_name(snap_compare: Any, size: str) -> None:
    from supervisor_tui.ui.dialogs.case_form import CaseForm

    app = FormHost(lambda: CaseForm([]))
    assert snap_compare(app, press=[*"Mary.Jones", "ctrl+s"], terminal_size=SIZES[size])


@at_both_sizes
def test_case_form_editing_a_high_risk_case(snap_compare: Any, size: str) -> None:
    from supervisor_tui.domain.caseload import open_case
    from supervisor_tui.domain.enums import RiskLevel
    from supervisor_tui.ui.dialogs.case_form import CaseForm

    case = open_case("C-0815", RiskLevel.HIGH, FIXED_NOW, label="kinship care")
    app = FormHost(lambda: CaseForm([case], case))
    assert snap_compare(app, press=["tab", *"3 nov"], terminal_size=SIZES[size])


def _landing_on(lands: Any) -> FormHost:
    def make() -> DecisionForm:
        form = DecisionForm("s-sam", "x-today", case_ref="AB12")
        form.lands = lands
        return form

    return FormHost(make)


async def _save_a_decision_then(pilot: Any, shown: str) -> None:
    from tests.waiting import wait_for

    app = pilot.app
    await pilot.press(*"Keep contact supervised", "enter", *"Mother not yet engaged", "ctrl+s")
    await wait_for(pilot, lambda: shown in str(app.screen.query_one("#error").content),
                   what=f"{shown!r} said")


@at_both_sizes
def test_decision_form_saying_it_is_saving(snap_compare: Any, size: str, monkeypatch) -> None:
    import asyncio

    from supervisor_tui.ui.dialogs import form

    monkeypatch.setattr(form, "SAYS_SAVING", 0.01)

    async def slow(answer: object) -> object:
        await asyncio.Event().wait()  # a disk that does not answer
        return answer

    assert snap_compare(_landing_on(slow), terminal_size=SIZES[size],
                        run_before=lambda pilot: _save_a_decision_then(pilot, "Saving"))


@at_both_sizes
def test_decision_form_after_a_failed_save(snap_compare: Any, size: str) -> None:
    from supervisor_tui.store.errors import StoreWriteError

    async def failing(answer: object) -> object:
        raise StoreWriteError("s-sam.json", "the disk is full")

    assert snap_compare(_landing_on(failing), terminal_size=SIZES[size],
                        run_before=lambda pilot: _save_a_decision_then(pilot, "Not saved"))
