"""The rules of a supervisee's caseload: a case is added under a de-identified reference (never a
name), its risk and review date changed and the case closed or reopened in the open: each change
is dated and kept on the case."""

from __future__ import annotations

import re
from datetime import date, datetime

from supervisor_tui.domain.enums import RiskLevel
from supervisor_tui.domain.people import Case, CaseChange, ValidationError, check_case_ref

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
NAME_MESSAGE = ("“{ref}” looks like a name. A case reference is initials or a case number "
                "(e.g. KD, C-0902), never a name.")


def looks_like_a_name(ref: str) -> bool:
    """A reference without digits holding a word of three or more letters that is not all
    capitals (Smith, JohnSmith, john.smith): a name, not initials or a number."""
    if any(ch.isdigit() for ch in ref):
        return False
    return any(len(w) >= 3 and not w.isupper() for w in _WORD.findall(ref))


def check_new_ref(ref: str, caseload: list[Case]) -> str:
    """The reference a new case is added under, or a ValidationError saying why not."""
    if looks_like_a_name(ref.strip()):
        raise ValidationError(NAME_MESSAGE.format(ref=ref.strip()))
    ref = check_case_ref(ref)
    if any(c.ref.casefold() == ref.casefold() for c in caseload):
        raise ValidationError(f"{ref} is already on this caseload.")
    return ref


def open_case(ref: str, risk: RiskLevel, at: datetime, *, label: str = "",
              allocated: date | None = None, reviewed: date | None = None) -> Case:
    case = Case(ref, risk, opened_at=at, label=label.strip(), allocated=allocated,
                risk_reviewed=reviewed or at.date())
    case.changes.append(CaseChange(f"added at {risk.value} risk", at=at))
    case.validate()
    return case


def change_case(case: Case, at: datetime, *, risk: RiskLevel, label: str,
                allocated: date | None, reviewed: date | None) -> list[str]:
    """Apply an edit; what changed, each also kept on the case with `at`."""
    changed: list[str] = []
    if risk is not case.risk:
        way = "raised" if risk.rank > case.risk.rank else "lowered"
        changed.append(f"risk {way} from {case.risk.value} to {risk.value}")
        case.risk = risk
    if reviewed != case.risk_reviewed:
        changed.append(f"risk reviewed {reviewed.isoformat()}" if reviewed is not None
                       else "risk review date removed")
        case.risk_reviewed = reviewed
    if label.strip() != case.label:
        changed.append("label changed")
        case.label = label.strip()
    if allocated != case.allocated:
        changed.append(f"allocated {allocated.isoformat()}" if allocated is not None
                       else "allocation date removed")
        case.allocated = allocated
    case.validate()
    case.changes += [CaseChange(what, at=at) for what in changed]
    return changed


def close_case(case: Case, at: datetime, reason: str = "") -> None:
    if not case.active:
        raise ValidationError(f"{case.ref} is already closed.")
    case.active = False
    case.closed_at = at
    case.changes.append(CaseChange("closed" + (f": {reason.strip()}" if reason.strip() else ""),
                                   at=at))


def reopen_case(case: Case, at: datetime) -> None:
    if case.active:
        raise ValidationError(f"{case.ref} is open already.")
    case.active = True
    case.closed_at = None
    case.changes.append(CaseChange("reopened", at=at))
