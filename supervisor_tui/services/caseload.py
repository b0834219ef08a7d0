"""A supervisee's caseload as the screens and commands change it: add, edit, close, reopen.
Each change is dated by the one clock and kept on the case (and sealed with it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supervisor_tui.domain.caseload import (
    change_case,
    check_new_ref,
    close_case,
    open_case,
    reopen_case,
)
from supervisor_tui.domain.coverage import CaseCoverage, case_coverage
from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Case
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.errors import NotFoundError

__all__ = ["CaseEdit", "Caseload", "add_case", "close", "edit_case", "load_caseload",
           "not_on_caseload", "reopen"]


@dataclass(frozen=True)
class CaseEdit:
    """What the case form gives back (the reference only for a new case)."""

    ref: str
    risk: RiskLevel
    label: str = ""
    allocated: date | None = None
    reviewed: date | None = None


@dataclass
class Caseload:
    name: str
    cases: list[Case]
    """Every case, open ones first, by reference."""
    coverage: dict[str, CaseCoverage]
    """Coverage of each open case, by reference."""


def load_caseload(ws: Workspace, supervisee_id: str) -> Caseload:
    records = ws.records
    cases = records.cases(supervisee_id)
    covered = case_coverage(cases, records.sessions(supervisee_id),
                            records.decisions(supervisee_id))
    return Caseload(records.supervisee(supervisee_id).name,
                    sorted(cases, key=lambda c: (not c.active, c.ref.casefold())),
                    {c.case.ref: c for c in covered})


def not_on_caseload(ws: Workspace, supervisee_id: str, refs: list[str]) -> list[str]:
    """The references (named in a session) that are on no case of this caseload, open or
    closed, in the order given."""
    known = {c.ref.casefold() for c in ws.records.cases(supervisee_id)}
    return list(dict.fromkeys(r for r in refs if r.casefold() not in known))


def _case(ws: Workspace, supervisee_id: str, ref: str) -> Case:
    for case in ws.records.cases(supervisee_id):
        if case.ref == ref:
            return case
    raise NotFoundError(f"No case {ref} on this caseload.")


def add_case(ws: Workspace, supervisee_id: str, edit: CaseEdit) -> Case:
    ref = check_new_ref(edit.ref, ws.records.cases(supervisee_id))
    case = open_case(ref, edit.risk, ws.clock(), label=edit.label, allocated=edit.allocated,
                     reviewed=edit.reviewed)
    return ws.records.save_case(supervisee_id, case)


def edit_case(ws: Workspace, supervisee_id: str, edit: CaseEdit) -> list[str]:
    """What changed (nothing is written when nothing did)."""
    case = _case(ws, supervisee_id, edit.ref)
    changed = change_case(case, ws.clock(), risk=edit.risk, label=edit.label,
                          allocated=edit.allocated, reviewed=edit.reviewed)
    if changed:
        ws.records.save_case(supervisee_id, case)
    return changed


def close(ws: Workspace, supervisee_id: str, ref: str, reason: str = "") -> Case:
    case = _case(ws, supervisee_id, ref)
    close_case(case, ws.clock(), reason)
    return ws.records.save_case(supervisee_id, case)


def reopen(ws: Workspace, supervisee_id: str, ref: str) -> Case:
    case = _case(ws, supervisee_id, ref)
    reopen_case(case, ws.clock())
    return ws.records.save_case(supervisee_id, case)

