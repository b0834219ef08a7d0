"""The bundled demo data set: four fictional supervisees and about six months of supervision.

`write_demo(records, today)` is deterministic for a given `today`: a fixed seed drives every
choice, every id is drawn from it, and every date is relative to `today` (Europe/London, 10:00).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from supervisor_tui import demo_text as text
from supervisor_tui.domain.caseload import change_case, open_case
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.development import FollowUp, FollowUpKind, FollowUpNote, FollowUpStatus
from supervisor_tui.domain.enums import (
    ActionStatus,
    CancelledBy,
    CheckInPhase,
    DecidedBy,
    EntryKind,
    Function,
    RiskLevel,
    SessionType,
)
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, CheckIn, RecordEntry, Session, SignOff
from supervisor_tui.store.records import Records

TZ = ZoneInfo("Europe/London")
SEED = 20261123
HISTORY_DAYS = 182


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()).upper()


@dataclass
class _Person:
    """What the generator tracks for one supervisee while it writes their history."""

    n: int
    supervisee: Supervisee
    spec: dict[str, Any]
    cases: list[Case]
    agreement: Agreement
    open_actions: list[Action] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    held: int = 0


class _Demo:
    def __init__(self, records: Records, today: date) -> None:
        self.records = records
        self.today = today
        self.rng = random.Random(SEED)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{self.rng.getrandbits(48):012x}"

    # -- people ------------------------------------------------------------------------------
    def add_person(self, n: int, spec: dict[str, Any]) -> _Person:
        joined = _at(self.today - timedelta(days=HISTORY_DAYS + 60 + 7 * n), 9)
        person = Supervisee(spec["name"], spec["role"], id=self.new_id("s-"), created_at=joined)
        self.records.save_supervisee(person)
        agreement = Agreement(
            supervisee_id=person.id,
            rrule=spec["rrule"],
            dtstart=_at(self.today - timedelta(days=HISTORY_DAYS + 14)),
            timezone="Europe/London",
            duration_minutes=spec["minutes"],
            confidentiality=text.CONFIDENTIALITY,
            exceptions=text.EXCEPTIONS,
            records=text.RECORDS_TERMS,
            # One agreement is overdue for review, to show it.
            review_date=self.today + timedelta(days=-9 if n == 3 else 60 + 30 * n),
            # The two who meet in the demo's group agreed a quarterly group beside it.
            group_rrule="FREQ=MONTHLY;INTERVAL=3" if n in (0, 2) else "",
            id=self.new_id("a-"),
            created_at=joined,
        )
        self.records.save_agreement(agreement)
        cases = []
        for k, (ref, risk) in enumerate(spec["cases"]):
            added = joined + timedelta(days=3 * k)
            high = risk is RiskLevel.HIGH
            case = open_case(ref, RiskLevel.MEDIUM if high else risk, added,
                             allocated=added.date())
            if high:  # raised a month ago
                raised = _at(self.today - timedelta(days=30))
                change_case(case, raised, risk=RiskLevel.HIGH, label=case.label,
                            allocated=case.allocated, reviewed=raised.date())
            cases.append(self.records.save_case(person.id, case))
        return _Person(n, person, spec, cases, agreement)

    def planned_dates(self, p: _Person) -> list[datetime]:
        """The agreement's dates over the history window, then the first one from today."""
        rule = rrulestr(p.agreement.rrule, dtstart=p.agreement.dtstart)
        start = _at(self.today - timedelta(days=HISTORY_DAYS), 0)
        following = rule.after(_at(self.today, 0))
        assert following is not None, "the demo's rules have no end"
        return [*rule.between(start, _at(self.today, 0)), following]

    # -- sessions ----------------------------------------------------------------------------
    def score(self, p: _Person) -> int:
        base, slope = p.spec["wellbeing"]
        value = base + slope * p.held + self.rng.uniform(-0.45, 0.45)
        return max(1, min(5, int(round(value))))

    def agenda(self, p: _Person, minutes: int) -> list[AgendaItem]:
        items = [AgendaItem("How are you doing?", Function.RESTORATIVE, None, 10,
                            id=self.new_id("i-"))]
        if p.open_actions:
            items.append(AgendaItem("Review of last session's actions", Function.NORMATIVE,
                                    None, 10, source="action", id=self.new_id("i-")))
        high = [c for c in p.cases if c.risk.rank == 2]
        others = [c for c in p.cases if c.risk.rank < 2]
        chosen = self.rng.sample(high, min(len(high), 1 + (p.held % 2))) if high else []
        chosen += self.rng.sample(others, min(len(others), 2))
        box = 15 if minutes >= 90 else 10
        for case in chosen:
            title = self.rng.choice(text.AGENDA[Function.NORMATIVE][:2]).format(ref=case.ref)
            items.append(AgendaItem(title, Function.NORMATIVE, case.ref, box,
                                    source="case", id=self.new_id("i-")))
        extra = Function.FORMATIVE if p.held % 3 else Function.MEDIATION
        items.append(AgendaItem(self.rng.choice(text.AGENDA[extra]), extra, None, 10,
                                id=self.new_id("i-")))
        spare = minutes - sum(i.timebox_minutes or 0 for i in items)
        if spare < 0:
            items = items[: len(items) - 1]
        return items

    def notes(self, p: _Person, items: list[AgendaItem], score: int) -> str:
        parts = ["## Opening\n\nWe agreed the agenda together and the order to take it in."]
        pool = text.CASE_NOTES_ADULTS if p.spec.get("adults") else text.CASE_NOTES_CHILDREN
        templates = self.rng.sample(pool, len(pool))
        for item, template in zip((i for i in items if i.case_ref), templates, strict=False):
            parts.append(f"## {item.title}\n\n" + template.format(ref=item.case_ref))
        mood = "low" if score <= 2 else "mid" if score == 3 else "high"
        parts.append(self.rng.choice(text.WELLBEING_NOTES[mood]))
        if any(i.function is Function.FORMATIVE for i in items):
            parts.append(self.rng.choice(text.LEARNING_NOTES))
        return "\n\n".join(parts) + "\n"

    def held_session(self, p: _Person, planned: datetime, next_date: datetime | None,
                     kind: SessionType = SessionType.PLANNED,
                     moved_from: datetime | None = None) -> Session:
        sid = p.supervisee.id
        minutes = p.agreement.duration_minutes
        session = Session([sid], type=kind, planned_start=planned, duration_minutes=minutes,
                          id=self.new_id("x-"), created_at=planned - timedelta(days=7),
                          rescheduled_from=moved_from)
        started = planned + timedelta(minutes=self.rng.choice([0, 0, 2, 5, 12]))
        session.start(started)
        session.agenda = self.agenda(p, minutes)
        opening = self.score(p)
        closing = max(1, min(5, opening + self.rng.choice([0, 1, 1])))
        session.record_checkin(CheckIn(sid, CheckInPhase.OPENING, opening,
                                       self.rng.choice(text.WORDS[opening]), at=started))
        ended = started + timedelta(minutes=minutes - self.rng.choice([0, 5, 10]))
        for item in session.agenda:
            item.done = True
        session.notes = self.notes(p, session.agenda, opening)
        session.notes_saved_at = ended - timedelta(minutes=1)
        session.prompts_used = self.rng.sample(text.PROMPTS, self.rng.randint(1, 3))
        session.record_checkin(CheckIn(sid, CheckInPhase.CLOSING, closing,
                                       self.rng.choice(text.WORDS[closing]),
                                       at=ended - timedelta(minutes=3)))
        session.checklist = {q: True for q in text.CHECKLIST}
        session.checklist["time_protected"] = started - planned < timedelta(minutes=10)
        session.checklist["development"] = any(
            i.function is Function.FORMATIVE for i in session.agenda)
        session.checklist["left_better"] = closing > opening or opening >= 4
        refs = [c.ref for c in p.cases]
        session.sections = {
            key: self.rng.choice(choices).format(ref=self.rng.choice(refs))
            for key, choices in text.SECTIONS.items()
        }
        session.sections["wellbeing"] = (
            "Agreed protected admin time and a check-in call midway to the next session."
            if opening <= 2 else "No extra support needed; keep an eye on late finishes.")
        session.next_date = next_date
        session.finalise(ended)
        session.sign_off(SignOff(sid, _initials(p.supervisee.name),
                                 at=ended + timedelta(minutes=2)))
        self.close_actions(p, session)
        self.decide(p, session)
        self.agree_actions(p, session)
        p.held += 1
        return session

    def close_actions(self, p: _Person, session: Session) -> None:
        """Actions from earlier sessions are reviewed: most done, one dropped, a few left."""
        still_open = []
        for action in p.open_actions:
            roll = self.rng.random()
            if roll < 0.75:
                action.close(ActionStatus.DONE, session.id, at=session.when)
            elif roll < 0.83:
                action.close(ActionStatus.DROPPED, session.id, at=session.when)
            else:
                still_open.append(action)
        p.open_actions = still_open

    def decide(self, p: _Person, session: Session) -> None:
        case_items = [i for i in session.agenda if i.case_ref]
        at = session.started_at or session.when
        count = self.rng.randint(0, 2)
        if p.n == 0 and p.held == 1:
            count = max(count, 1)
        for k, item in enumerate(case_items[:count]):
            wording, why, flags = self.rng.choice(text.DECISIONS)
            if p.n == 0 and p.held == 1 and k == 0:  # amended later in the history
                wording, why, flags = text.DECISIONS[0]
            at = at + timedelta(minutes=15)
            p.decisions.append(Decision(
                p.supervisee.id, session.id, wording.format(ref=item.case_ref), why,
                case_ref=item.case_ref, flags=list(flags),
                # A flagged decision (safeguarding, a confidentiality exception) is the
                # supervisor's to take; the rest are reached together.
                decided_by=(DecidedBy.SUPERVISOR if flags else DecidedBy.JOINTLY).value,
                decided_at=at, id=self.new_id("d-")))
        if p.held == 3:
            wording, why, _ = text.DECISIONS[5]
            p.decisions.append(Decision(p.supervisee.id, session.id, wording, why,
                                        decided_by="supervisor", decided_at=at,
                                        id=self.new_id("d-")))

    def agree_actions(self, p: _Person, session: Session) -> None:
        refs = [i.case_ref for i in session.agenda if i.case_ref]
        first = p.supervisee.name.split()[0]
        for _ in range(self.rng.randint(1, 3)):
            wording, owner = self.rng.choice(text.ACTIONS)
            ref = self.rng.choice(refs) if refs and "{ref}" in wording else None
            due = (session.started_at or session.when).date() + timedelta(
                days=self.rng.choice([7, 14, 21, 28]))
            action = Action(p.supervisee.id, session.id, wording.format(ref=ref),
                            first if owner == "supervisee" else "Supervisor", due=due,
                            case_ref=ref, created_at=session.ended_at or session.when,
                            id=self.new_id("t-"))
            p.open_actions.append(action)
            p.actions.append(action)

    def cancelled_session(self, p: _Person, planned: datetime) -> Session:
        reason, by = self.rng.choice(text.CANCELLATIONS)
        session = Session([p.supervisee.id], planned_start=planned,
                          duration_minutes=p.agreement.duration_minutes,
                          id=self.new_id("x-"), created_at=planned - timedelta(days=7))
        session.cancel(reason, CancelledBy(by), planned - timedelta(hours=17))
        return session

    def history(self, p: _Person) -> list[Session]:
        n = p.n
        *dates, upcoming = self.planned_dates(p)
        cancel = {len(dates) // 2} if n % 2 else {1, len(dates) - 3}
        sessions = []
        for k, planned in enumerate(dates):
            following = dates[k + 1] if k + 1 < len(dates) else upcoming
            if k in cancel:
                sessions.append(self.cancelled_session(p, planned))
                if n == 0:  # rebooked as an ad hoc session later that week
                    sessions.append(self.held_session(
                        p, planned + timedelta(days=2, hours=4), following,
                        SessionType.AD_HOC, moved_from=planned))
                continue
            sessions.append(self.held_session(p, planned, following))
        if n == 0:
            original = next(d for d in p.decisions if d.text.startswith("Increase visits"))
            last = sessions[-1]
            p.decisions.append(Decision(
                p.supervisee.id, last.id,
                f"Visits on {original.case_ref} to be twice weekly, not weekly, until review.",
                "The school reported new bruising this week; weekly visits no longer give "
                "enough sight of the children.", case_ref=original.case_ref,
                flags=list(original.flags), amends=original.id,
                decided_by=DecidedBy.SUPERVISOR.value,
                decided_at=(last.ended_at or last.when) - timedelta(minutes=5),
                id=self.new_id("d-")))
        return sessions

    def amend(self, session: Session, kind: EntryKind, body: str, reason: str) -> None:
        at = (session.finalised_at or session.when) + timedelta(days=1, hours=3)
        session.add_entry(RecordEntry(body, reason, "Supervisor", kind, at=at,
                                      id=self.new_id("e-")))

    def development(self, ids: list[str]) -> None:
        """The first on home: a learning goal coming due and an escalation still open; the
        third: a goal met."""
        day = self.today
        self.records.save_follow_up(FollowUp(
            ids[0], FollowUpKind.GOAL, "Chair a strategy meeting on my own",
            "Confidence with partner agencies", day + timedelta(days=21),
            raised_at=_at(day - timedelta(days=60), 11), id=self.new_id("f-"),
            notes=[FollowUpNote("Observed two; chairs the next with support.",
                                at=_at(day - timedelta(days=31), 11))]))
        self.records.save_follow_up(FollowUp(
            ids[0], FollowUpKind.ESCALATION, "Duty rota leaves Friday afternoons without a "
            "senior", "team manager", day + timedelta(days=7),
            raised_at=_at(day - timedelta(days=24), 11), raised_on=day - timedelta(days=24),
            id=self.new_id("f-"),
            notes=[FollowUpNote("Manager to raise it at the service meeting.",
                                at=_at(day - timedelta(days=10), 15))]))
        self.records.save_follow_up(FollowUp(
            ids[2], FollowUpKind.GOAL, "Complete the court skills course", "First care "
            "proceedings next year", raised_at=_at(day - timedelta(days=150), 11),
            status=FollowUpStatus.MET, outcome="Course completed; certificate on file.",
            closed_at=_at(day - timedelta(days=30), 12), id=self.new_id("f-")))

    def group_session(self, people: list[_Person]) -> Session:
        day = self.today - timedelta(days=58)
        while day.weekday() != 3:
            day -= timedelta(days=1)
        start = _at(day, 14)
        ids = [p.supervisee.id for p in people]
        session = Session(ids, type=SessionType.GROUP, planned_start=start, duration_minutes=90,
                          id=self.new_id("x-"), created_at=start - timedelta(days=14))
        session.start(start)
        session.agenda = [
            AgendaItem("Arrivals: one word each", Function.RESTORATIVE, None, 10,
                       done=True, id=self.new_id("i-")),
            AgendaItem("Learning from a published case review", Function.FORMATIVE, None, 50,
                       done=True, id=self.new_id("i-")),
            AgendaItem("What we take back to practice", Function.FORMATIVE, None, 20,
                       done=True, id=self.new_id("i-")),
        ]
        for p in people:
            score = self.score(p)
            session.record_checkin(CheckIn(p.supervisee.id, CheckInPhase.OPENING, score,
                                           self.rng.choice(text.WORDS[score]), at=start))
            session.record_checkin(CheckIn(p.supervisee.id, CheckInPhase.CLOSING,
                                           min(5, score + 1), "thoughtful",
                                           at=start + timedelta(minutes=85)))
        session.notes = (
            "## Case review\n\nWe read the summary of a published review beforehand and talked "
            "about how professional optimism crept in: each agency saw a small piece and "
            "assumed someone else held the whole picture.\n\nBoth workers recognised the pull "
            "to accept a parent's account when a visit has been difficult to arrange.\n\n"
            "## Back to practice\n\nEach named one open case where they will check what they "
            "are assuming rather than what they have seen.\n")
        session.prompts_used = ["nor-ana-1", "for-ref-1"]
        session.checklist = {q: True for q in text.CHECKLIST}
        session.sections = {"learning": "Professional optimism and the rule of optimism.",
                            "reflection": "A good discussion; the quieter voice needed room."}
        end = start + timedelta(minutes=88)
        session.finalise(end)
        for p in people:
            session.sign_off(SignOff(p.supervisee.id, _initials(p.supervisee.name), at=end))
        return session


def write_demo(records: Records, today: date) -> None:
    """Fill an empty data folder with the demo data set, dated up to `today` (sealed under a
    key made from the day, so the same day gives the same files)."""
    if records.seals.key() is None:
        records.seals.begin(hashlib.sha256(f"demo seal {today}".encode()).digest(),
                            f"demo-{today:%Y%m%d}")
    demo = _Demo(records, today)
    people = [demo.add_person(n, spec) for n, spec in enumerate(text.PEOPLE)]
    for n, p in enumerate(people):
        sessions = demo.history(p)
        held = [s for s in sessions if s.held]
        if n == 1:
            demo.amend(held[-2], EntryKind.LATE_ENTRY,
                       "The duty worker rang after the session: KD attended the clinic after all.",
                       "Information received after the session ended.")
        if n == 3:
            demo.amend(held[1], EntryKind.AMENDMENT,
                       "The case discussed second was C-0902, not C-0950 as first written.",
                       "Case reference recorded in error.")
        for session in sessions:
            records.save_session(session)
        for decision in p.decisions:
            records.add_decision(decision)
        for action in p.actions:
            records.save_action(action)
    records.save_session(demo.group_session([people[0], people[2]]))
    demo.development([p.supervisee.id for p in
                      sorted(people, key=lambda p: p.supervisee.name.casefold())])
    for p in people:
        records.refresh_summary(p.supervisee.id)
