"""Decisions (with their rationale) and actions agreed in supervision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from supervisor_tui.domain.clock import new_id
from supervisor_tui.domain.enums import ActionStatus, DecidedBy, DecisionFlag
from supervisor_tui.domain.people import ValidationError, check_case_ref, check_line


@dataclass
class Decision:
    """A decision is append-only: a correction is a new decision whose `amends` names the old."""

    supervisee_id: str
    session_id: str
    text: str
    rationale: str
    case_ref: str | None = None
    flags: list[DecisionFlag] = field(default_factory=list)
    decided_by: str = ""
    """A `DecidedBy` value from the form; "" when it was not recorded. Kept as text, as stored:
    records written before the form asked may hold other wording, shown as it is."""
    decided_at: datetime = field(kw_only=True)
    amends: str | None = None
    id: str = field(default_factory=lambda: new_id("d-"))
    prev_hash: str = ""
    hash: str = ""

    def validate(self) -> None:
        if not self.text.strip():
            raise ValidationError("A decision needs its text.")
        check_line(self.text, "The decision", 1000)
        if not self.rationale.strip():
            raise ValidationError("A decision needs its rationale: why was it made?")
        if self.case_ref:
            self.case_ref = check_case_ref(self.case_ref)

    def says(self) -> tuple[object, ...]:
        """What the decision says and where it belongs (not when its form stamped it, nor its
        seal): two tries of one save say the same if these are equal."""
        return (self.supervisee_id, self.session_id, self.text, self.rationale, self.case_ref,
                list(self.flags), self.decided_by, self.amends)


def decided_by_words(value: str) -> str | None:
    """How an export says who decided ("the supervisor"); None when it was not recorded."""
    words = {DecidedBy.SUPERVISOR: "the supervisor", DecidedBy.SUPERVISEE: "the supervisee",
             DecidedBy.JOINTLY: "the supervisor and supervisee together"}
    known = next((w for key, w in words.items() if key.value == value), None)
    return known or value.strip() or None


@dataclass
class Action:
    supervisee_id: str
    session_id: str
    text: str
    owner: str
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    case_ref: str | None = None
    created_at: datetime = field(kw_only=True)
    closed_at: datetime | None = None
    closed_in_session: str | None = None
    id: str = field(default_factory=lambda: new_id("t-"))

    def validate(self) -> None:
        if not self.text.strip():
            raise ValidationError("An action needs to say what will be done.")
        if not self.owner.strip():
            raise ValidationError("An action needs an owner.")
        check_line(self.text, "The action", 1000)
        check_line(self.owner, "The owner", 200)
        if self.case_ref:
            self.case_ref = check_case_ref(self.case_ref)

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    def close(self, status: ActionStatus = ActionStatus.DONE, session_id: str | None = None,
              *, at: datetime) -> None:
        if status is ActionStatus.OPEN:
            raise ValidationError("Closing an action sets it to done or dropped.")
        self.status = status
        self.closed_at = at
        self.closed_in_session = session_id

    def redate(self, due: date | None) -> None:
        """Agree a new due date (None: no date) for an action that is still open."""
        if not self.is_open:
            raise ValidationError("Only an open action can be given a new date.")
        self.due = due

    def reopen(self) -> None:
        self.status = ActionStatus.OPEN
        self.closed_at = None
        self.closed_in_session = None


@dataclass
class CaseCopy:
    """A decision copied into its case's own record (the case-management system), and when:
    the decision itself never changes, so this is kept beside it."""

    id: str
    """The decision's id."""
    at: datetime = field(kw_only=True)


def amendment_tree(decisions: list[Decision], newest_first: bool = False,
                   amendments_by_time: bool = False) -> list[tuple[Decision, int]]:
    """Decisions with each amendment placed right after what it amends, as (decision, depth)
    pairs: depth 0 for an original, 1 for its amendment, and so on. Originals in log order,
    or with `newest_first` by when they were decided, newest first (equal times: the later
    written first); amendments in log order, or with `amendments_by_time` by when decided.
    Every decision is listed once, even where a damaged file has amendments that go round
    in a circle."""
    known = {d.id for d in decisions}
    children: dict[str, list[Decision]] = {}
    roots = []
    for d in decisions:
        if d.amends and d.amends in known and d.amends != d.id:
            children.setdefault(d.amends, []).append(d)
        else:
            roots.append(d)
    out: list[tuple[Decision, int]] = []
    seen: set[str] = set()

    def walk(d: Decision, depth: int) -> None:
        if d.id in seen:
            return
        seen.add(d.id)
        out.append((d, depth))
        found = children.get(d.id, [])
        for child in sorted(found, key=lambda c: c.decided_at) if amendments_by_time else found:
            walk(child, depth + 1)

    if newest_first:  # a stable sort, so equal times keep the later-written first
        roots = sorted(reversed(roots), key=lambda d: d.decided_at, reverse=True)
    for root in roots:
        walk(root, 0)
    for d in decisions:  # only amendments in a circle are left
        walk(d, 0)
    return out


def threaded(decisions: list[Decision]) -> list[tuple[Decision, int]]:
    """The running log as history lists it: originals newest first, each followed by its
    amendments oldest first."""
    return amendment_tree(decisions, newest_first=True, amendments_by_time=True)
