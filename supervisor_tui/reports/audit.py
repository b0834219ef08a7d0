"""The supervision audit for a date range, per supervisee and overall.

Figures: one-to-one sessions held against the number the agreement expects, and group sessions
attended apart from them (a group session never stands for a one-to-one); cancellations with their
reasons; the function balance (share of the agenda items reached, in held sessions, tagged with
each function); decisions with and without a case reference; actions open and overdue at the end of
the period (or today, if earlier); opening and closing check-ins and their trend; the share of
held sessions finalised, and of finalised ones signed off. Overall sums every supervisee's
figures: a group session counts once for each attendee. Rendered as a text table, CSV or JSON.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.domain.scheduling import parse_rule
from supervisor_tui.domain.text_safety import for_csv, for_json
from supervisor_tui.reports.audit_facts import AuditFacts, facts_of

FUNCTIONS = [f.value for f in Function]
#: Change in opening score per session (least squares) beyond which the trend is not steady.
TREND_STEP = 0.1


@dataclass
class Cancellation:
    day: date
    name: str
    by: str
    reason: str


@dataclass
class AuditRow:
    supervisee_id: str
    name: str
    expected: int | None = 0
    """Sessions the agreement plans in the period; None when there is no agreement."""
    held: int = 0
    """One-to-one sessions held (what the agreement's expected number counts)."""
    group_held: int = 0
    """Group sessions attended: they supplement one-to-one supervision, never stand for it."""
    group_expected: int | None = None
    """Group sessions the agreement's group rhythm expects; None when none is agreed."""
    finalised: int = 0
    signed_off: int = 0
    cancellations: list[Cancellation] = field(default_factory=list)
    functions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FUNCTIONS, 0))
    """Agenda items reached per function, in one-to-ones."""
    group_functions: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(FUNCTIONS, 0))
    """The same in group sessions (weighed apart: a group's agenda is the group's)."""
    decisions: int = 0
    decisions_with_case: int = 0
    decisions_not_copied: int = 0
    """Decisions about a case not yet copied into the case's own record."""
    actions_agreed: int = 0
    open_actions: int = 0
    overdue_actions: int = 0
    opening: list[tuple[datetime, int]] = field(default_factory=list)
    closing: list[tuple[datetime, int]] = field(default_factory=list)
    escalations: list[str] = field(default_factory=list)
    """Escalations and disagreements still open at the end of the period (or today)."""

    # -- derived -----------------------------------------------------------------------------
    @property
    def cancelled(self) -> int:
        return len(self.cancellations)

    @property
    def decisions_without_case(self) -> int:
        return self.decisions - self.decisions_with_case

    def balance(self) -> dict[str, float | None]:
        total = sum(self.functions.values())
        return {k: (v / total if total else None) for k, v in self.functions.items()}

    @property
    def held_share(self) -> float | None:
        return self.held / self.expected if self.expected else None

    @property
    def finalised_share(self) -> float | None:
        held = self.held + self.group_held
        return self.finalised / held if held else None

    @property
    def signed_off_share(self) -> float | None:
        return self.signed_off / self.finalised if self.finalised else None

    @staticmethod
    def _mean(points: list[tuple[datetime, int]]) -> float | None:
        return sum(s for _, s in points) / len(points) if points else None

    @property
    def opening_mean(self) -> float | None:
        return self._mean(self.opening)

    @property
    def closing_mean(self) -> float | None:
        return self._mean(self.closing)

    @property
    def trend(self) -> str:
        """Rising, falling or steady opening scores over the period; '' with fewer than two."""
        scores = [s for _, s in sorted(self.opening, key=lambda p: p[0])]
        n = len(scores)
        if n < 2:
            return ""
        mean_x, mean_y = (n - 1) / 2, sum(scores) / n
        slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(scores)) / sum(
            (x - mean_x) ** 2 for x in range(n))
        return "rising" if slope > TREND_STEP else "falling" if slope < -TREND_STEP else "steady"

    def add(self, other: AuditRow) -> None:
        if other.expected is not None:
            self.expected = (self.expected or 0) + other.expected
        if other.group_expected is not None:
            self.group_expected = (self.group_expected or 0) + other.group_expected
        for name in ("held", "group_held", "finalised", "signed_off", "decisions",
                     "decisions_with_case", "decisions_not_copied", "actions_agreed",
                     "open_actions", "overdue_actions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.cancellations += other.cancellations
        for k, v in other.functions.items():
            self.functions[k] += v
        for k, v in other.group_functions.items():
            self.group_functions[k] += v
        self.opening += other.opening
        self.closing += other.closing
        self.escalations += [f"{other.name}: {e}" for e in other.escalations]


@dataclass
class Audit:
    start: date
    end: date
    as_of: date
    rows: list[AuditRow]
    overall: AuditRow


def _zone(agreement: Agreement) -> Any:
    try:
        return ZoneInfo(agreement.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def expected_sessions(agreement: Agreement | None, start: date, end: date,
                      until: datetime | None = None) -> int | None:
    """Occurrences of the agreement's recurrence rule between `start` and `end`, inclusive;
    with `until` (now), only those that have begun by then: a slot later today is not due yet."""
    if agreement is None:
        return None
    tz = _zone(agreement)
    lo = datetime.combine(start, time.min, tzinfo=tz)
    hi = datetime.combine(end, time.max, tzinfo=tz)
    if until is not None:
        hi = min(hi, until)
        if hi < lo:
            return 0
    try:
        rule = parse_rule(agreement, lo)
        return len(rule.between(lo, hi, inc=True))
    except (ValidationError, ValueError, TypeError):
        return None


def audit_row(person: Supervisee, agreement: Agreement | None, facts: AuditFacts, start: date,
              end: date, as_of: date, now: datetime | None = None) -> AuditRow:
    """One supervisee's figures for the period, from the facts of their history."""
    row = AuditRow(person.id, person.name, expected_sessions(agreement, start, end, now))
    if agreement is not None and agreement.group_rrule:
        rhythm = dataclasses.replace(agreement, rrule=agreement.group_rrule)
        row.group_expected = expected_sessions(rhythm, start, end, now)

    def inside(moment: datetime) -> bool:
        return start <= moment.date() <= end

    for s in facts.sessions:
        if not inside(s.when):
            continue
        if s.cancelled:
            row.cancellations.append(Cancellation(s.when.date(), person.name, s.cancelled_by,
                                                  s.cancel_reason))
        if not s.held:
            continue
        if s.group:
            row.group_held += 1
        else:
            row.held += 1
        if s.finalised:
            row.finalised += 1
            row.signed_off += s.signed_off
        tally = row.group_functions if s.group else row.functions
        for function in s.functions:
            tally[function] += 1
        if s.opening is not None:
            row.opening.append((s.when, s.opening))
        if s.closing is not None:
            row.closing.append((s.when, s.closing))
    for d in facts.decisions:
        if inside(d.decided_at):
            row.decisions += 1
            row.decisions_with_case += d.with_case
            row.decisions_not_copied += d.not_copied
    for e in facts.escalations:
        if e.raised <= as_of and (e.closed_at is None or e.closed_at.date() > as_of):
            row.escalations.append(e.text)
    for a in facts.actions:
        row.actions_agreed += inside(a.created_at)
        open_then = a.created_at.date() <= as_of and (a.closed_at is None
                                                      or a.closed_at.date() > as_of)
        if open_then:
            row.open_actions += 1
            row.overdue_actions += a.due is not None and a.due < as_of
    return row


AuditInput = tuple[Supervisee, Agreement | None, AuditFacts]
"""One supervisee, their agreement in force and the facts of their history."""


def build_audit(bundles: Iterable[SuperviseeRecords], start: date, end: date,
                today: date, now: datetime | None = None) -> Audit:
    """The audit of the period, actions as of `today`; with `now`, slots not begun by then are
    not yet expected."""
    return audit_of(((b.supervisee, b.agreement, facts_of(b)) for b in bundles), start, end,
                    today, now)


def audit_of(people: Iterable[AuditInput], start: date, end: date, today: date,
             now: datetime | None = None) -> Audit:
    """The audit of the period from each supervisee's facts (see `build_audit`)."""
    if end < start:
        raise ValidationError("The end of the period is before its start.")
    as_of = min(end, today)
    rows = []
    for person, agreement, facts in people:
        row = audit_row(person, agreement, facts, start, end, as_of, now)
        if not (person.archived and _idle(row)):  # archived people only if active then
            rows.append(row)
    overall = AuditRow("", "Overall", expected=None)
    for r in rows:
        overall.add(r)
    overall.cancellations.sort(key=lambda c: (c.day, c.name))
    return Audit(start, end, as_of, rows, overall)


def _idle(r: AuditRow) -> bool:
    return not (r.held or r.cancellations or r.decisions or r.actions_agreed or r.open_actions)


# -- rendering ---------------------------------------------------------------------------------
def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


TABLE_HEADINGS = ["Supervisee", "Held/expected", "Group", "Cancelled", "Nor/For/Res/Med",
                  "Decisions (case/none)", "Not copied", "Open (overdue)", "Check-in in/out",
                  "Trend", "Finalised", "Signed off"]


def table_cells(r: AuditRow) -> list[str]:
    """One row of the audit table as text cells (shared by the text table and the screen)."""
    expected = "—" if r.expected is None else str(r.expected)
    bal = r.balance()
    balance = "/".join("—" if (share := bal[f]) is None else str(round(share * 100))
                       for f in FUNCTIONS)
    group = str(r.group_held) if r.group_expected is None else f"{r.group_held}/{r.group_expected}"
    return [r.name, f"{r.held}/{expected}", group, str(r.cancelled), balance,
            f"{r.decisions} ({r.decisions_with_case}/{r.decisions_without_case})",
            str(r.decisions_not_copied),
            f"{r.open_actions} ({r.overdue_actions})",
            f"{_num(r.opening_mean)}/{_num(r.closing_mean)}", r.trend or "—",
            _pct(r.finalised_share), _pct(r.signed_off_share)]


REPEATED_CANCELLATIONS = 2
"""This many sessions cancelled in the period for one person is a pattern to raise."""


def cancellation_warnings(audit: Audit, warn_at: int = REPEATED_CANCELLATIONS) -> list[str]:
    """One line per supervisee whose sessions were cancelled `warn_at` times or more."""
    return [f"{r.name}: {r.cancelled} session{'s' * (r.cancelled != 1)} cancelled in the "
            "period. Raise it with them, then with your manager if it goes on."
            for r in audit.rows if r.cancelled >= warn_at]


def audit_table(audit: Audit, warn_at: int = REPEATED_CANCELLATIONS) -> str:
    grid = [TABLE_HEADINGS, *(table_cells(r) for r in audit.rows), table_cells(audit.overall)]
    widths = [max(len(row[n]) for row in grid) for n in range(len(TABLE_HEADINGS))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [f"Supervision audit, {audit.start.isoformat()} to {audit.end.isoformat()} "
           f"(actions as of {audit.as_of.isoformat()})", "", line(grid[0]),
           line(["-" * w for w in widths])]
    out += [line(cells) for cells in grid[1:-1]]
    out += [line(["-" * w for w in widths]), line(grid[-1]), ""]
    out.append("Group: group sessions attended (/expected, where a group rhythm is agreed). "
               "Nor/For/Res/Med: % of the one-to-ones' agenda items reached tagged normative, "
               "formative, restorative, mediation. Check-in: mean opening/closing score (1-5); "
               "trend of opening scores.")
    out += ["", "Cancellations:"]
    out += [f"  {c.day.isoformat()}  {c.name}, by {c.by}: {c.reason}"
            for c in audit.overall.cancellations] or ["  none"]
    out += ["", "Escalations and disagreements open:"]
    out += [f"  {e}" for e in audit.overall.escalations] or ["  none"]
    if warnings := cancellation_warnings(audit, warn_at):
        out += ["", "Repeated cancellations:", *(f"  {w}" for w in warnings)]
    return "\n".join(out) + "\n"


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def row_dict(r: AuditRow) -> dict[str, Any]:
    return {
        "supervisee_id": r.supervisee_id, "name": r.name, "expected": r.expected,
        "held": r.held, "held_share": _share(r.held_share), "group_held": r.group_held,
        "group_expected": r.group_expected, "cancelled": r.cancelled,
        "finalised": r.finalised, "finalised_share": _share(r.finalised_share),
        "signed_off": r.signed_off, "signed_off_share": _share(r.signed_off_share),
        "agenda_items": dict(r.functions), "group_agenda_items": dict(r.group_functions),
        "balance": {k: _share(v) for k, v in r.balance().items()},
        "decisions": r.decisions, "decisions_with_case": r.decisions_with_case,
        "decisions_without_case": r.decisions_without_case,
        "decisions_not_copied": r.decisions_not_copied,
        "actions_agreed": r.actions_agreed, "open_actions": r.open_actions,
        "overdue_actions": r.overdue_actions,
        "opening_mean": _share(r.opening_mean), "closing_mean": _share(r.closing_mean),
        "opening_trend": r.trend or None,
        "open_escalations": list(r.escalations),
        "cancellations": [{"date": c.day.isoformat(), "supervisee": c.name, "by": c.by,
                           "reason": c.reason} for c in r.cancellations],
    }


def audit_json(audit: Audit) -> str:
    doc = {"format": "supervisor-tui-audit", "from": audit.start.isoformat(),
           "to": audit.end.isoformat(), "as_of": audit.as_of.isoformat(),
           "supervisees": [row_dict(r) for r in audit.rows], "overall": row_dict(audit.overall)}
    return for_json(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()) + "\n"


CSV_COLUMNS = ["supervisee_id", "name", "expected", "held", "held_share", "group_held",
               "group_expected", "cancelled",
               "finalised", "finalised_share", "signed_off", "signed_off_share",
               *(f"items_{f}" for f in FUNCTIONS), *(f"share_{f}" for f in FUNCTIONS),
               *(f"group_items_{f}" for f in FUNCTIONS),
               "decisions", "decisions_with_case", "decisions_without_case",
               "decisions_not_copied", "actions_agreed",
               "open_actions", "overdue_actions", "opening_mean", "closing_mean",
               "opening_trend", "open_escalations", "cancellation_reasons"]


def audit_csv(audit: Audit) -> str:
    """The audit as CSV; a name or reason that starts like a formula is kept as text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in [*audit.rows, audit.overall]:
        d = row_dict(r)
        flat = {**d, **{f"items_{k}": v for k, v in d["agenda_items"].items()},
                **{f"share_{k}": v for k, v in d["balance"].items()},
                **{f"group_items_{k}": v for k, v in d["group_agenda_items"].items()},
                "open_escalations": "; ".join(d["open_escalations"]),
                "cancellation_reasons": "; ".join(
                    f"{c['date']} by {c['by']}: {c['reason']}" for c in d["cancellations"])}
        writer.writerow(["" if flat[c] is None else for_csv(flat[c]) for c in CSV_COLUMNS])
    return buf.getvalue()
