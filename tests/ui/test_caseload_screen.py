"""The caseload from home (`f`): add a case typed in one burst, a name refused with a message,
the risk raised, the case closed; what reached disk is read back from a reopened folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from supervisor_tui.app import create_app
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.dialogs.case_form import CaseForm
from supervisor_tui.ui.screens.caseload import CaseloadScreen
from supervisor_tui.ui.screens.home import HomeScreen
from supervisor_tui.ui.widgets.keyed_table import KeyedTable
from tests.support import STAMP, fixed_clock, open_service, reopen
from tests.ui.helpers import burst
from tests.waiting import wait_for

SID = "s-ana"


def _folder(path: Path) -> None:
    svc = open_service(path)
    svc.records.save_supervisee(Supervisee("Ana Reyes", id=SID, created_at=STAMP))
    svc.records.refresh_summary(SID)
    svc.close()


def _rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#caseload-table", KeyedTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _error(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#error", Static).render())


async def test_add_refuse_a_name_raise_risk_and_close(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _folder(data)
    svc = open_service(data)
    app = create_app(svc, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.files_checked, what="home")
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and app.screen.caseload is not None, what="the caseload")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseForm), what="the form")
        await burst(pilot, *"Mary.Jones", "ctrl+s")
        await wait_for(pilot, lambda: "looks like a name" in _error(app), what="the refusal")
        await pilot.press(*["backspace"] * 10)
        await burst(pilot, *"KD-7")
        await pilot.press("tab", "right", "right", "space", "tab")
        await burst(pilot, *"yesterday", "tab", *"1 nov", "tab", *"kinship care", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and _rows(app) == ["KD-7"], what="the new case listed")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseForm), what="the edit form")
        await pilot.press("left", "space", "ctrl+s")  # high -> medium
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and "lowered" in str(app.screen.query_one("#case-changes",
                                                                 Static).render()),
                       what="the change listed")
        await pilot.press("x")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen)
                       and "closed" in str(app.screen.query_one("#case-changes",
                                                                Static).render()),
                       what="the case closed")
    svc.close()
    again = reopen(data)
    try:
        [case] = again.records.cases(SID)
    finally:
        again.close()
    assert case.ref == "KD-7" and case.label == "kinship care" and not case.active
    assert case.risk is RiskLevel.MEDIUM
    assert case.risk_reviewed is not None and case.allocated is not None
    assert case.risk_reviewed.isoformat() == "2026-11-22"
    assert case.allocated.isoformat() == "2026-11-01"
    assert [c.what for c in case.changes] == [
        "added at high risk", "risk lowered from high to medium", "closed"]
