"""Hypothesis strategies for domain objects whose free text is as hostile as a keyboard allows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import (
    ActionStatus,
    CancelledBy,
    CheckInPhase,
    DecisionFlag,
    EntryKind,
    Function,
    RiskLevel,
    SessionStatus,
    SessionType,
)
from supervisor_tui.domain.people import Agreement, Case, Supervisee
from supervisor_tui.domain.session import AgendaItem, CheckIn, RecordEntry, Session, SignOff
from supervisor_tui.domain.text_safety import CONTROL

#: Control characters, bidi overrides, zero-width joiners, combining marks, RTL letters, emoji,
#: the BOM and the last code point: each must come back exactly as typed.
SPECIAL_CHARS = [
    "\x00", "\x01", "\x07", "\x08", "\x1b", "\t", "\r", "\n", "\x7f", "\x85", "\u2028", "\u2029",
    "\u202e", "\u202b", "\u200f", "\u200e", "\u200d", "\u200b", "\ufeff", "\u0301", "\u0308",
    "\u0338", "ש", "ל", "ا", "ب", "👩", "🏽", "⚕", "\ufe0f", "🧑", "\ufffd", "\U0010ffff", "\"",
    "\\", "'", "<", "&",
]
SPECIAL_STRINGS = [
    "", " ", "مرحبا بالعالم", "שלום עולם", "Z̴̡̢a̵l̶g̷o̸", "👩🏽‍⚕️ nurse", "e\u0301 vs é",
    "\u202eevil\u202c", "line\r\nbreak", "nul\x00inside", "{\"id\": 1}", "null", "1e309",
]

_alphabet = st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(SPECIAL_CHARS))
short_text = st.one_of(st.text(alphabet=_alphabet, max_size=60), st.sampled_from(SPECIAL_STRINGS))
long_text = st.builds(lambda piece, n: piece * n,
                      st.text(alphabet=_alphabet, min_size=1, max_size=12),
                      st.integers(2_000, 9_000))
free_text = st.one_of(short_text, st.text(alphabet=_alphabet, max_size=600), long_text)
filled_text = st.one_of(short_text, long_text).filter(lambda s: s.strip() != "")
word = st.text(alphabet=_alphabet, max_size=80)
initials = st.text(alphabet=_alphabet, min_size=1, max_size=6).filter(
    lambda s: 1 <= len(s.strip()) <= 6)
#: One-line fields (a name, a decision, an action) refuse control characters when saved
#: (domain/text_safety.py); everything else may hold any of them.
_line_alphabet = _alphabet.filter(lambda c: CONTROL.match(c) is None)
line = st.text(alphabet=_line_alphabet, max_size=200)
filled_line = st.text(alphabet=_line_alphabet, min_size=1, max_size=200).filter(
    lambda s: s.strip() != "")
name = filled_line
ids = st.from_regex(r"\A[a-z]-[0-9a-f]{12}\Z")
case_ref = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9/._-]{0,31}\Z")

_zones = st.sampled_from([
    UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-9, minutes=-30)),
    timezone(timedelta(hours=1)),
])
moment = st.datetimes(datetime(1950, 1, 1), datetime(2150, 1, 1), timezones=_zones)
maybe_moment = st.none() | moment
day = st.dates()


def supervisees() -> st.SearchStrategy[Supervisee]:
    return st.builds(Supervisee, name=name, role=line, id=ids, archived=st.booleans(),
                     created_at=moment)


def agreements(sid: str) -> st.SearchStrategy[Agreement]:
    return st.builds(Agreement, supervisee_id=st.just(sid), rrule=free_text, dtstart=maybe_moment,
                     timezone=short_text, duration_minutes=st.integers(5, 480),
                     confidentiality=free_text, exceptions=free_text, records=free_text,
                     review_date=st.none() | day, id=ids, created_at=moment)


def cases() -> st.SearchStrategy[Case]:
    return st.builds(Case, ref=case_ref, risk=st.sampled_from(RiskLevel), active=st.booleans(),
                     opened_at=moment)


def agenda_items() -> st.SearchStrategy[AgendaItem]:
    return st.builds(AgendaItem, title=filled_text, function=st.none() | st.sampled_from(Function),
                     case_ref=st.none() | case_ref, timebox_minutes=st.none() | st.integers(1, 240),
                     done=st.booleans(), source=short_text, id=ids)


def sessions(sid: str) -> st.SearchStrategy[Session]:
    checkin = st.builds(CheckIn, supervisee_id=st.just(sid), phase=st.sampled_from(CheckInPhase),
                        score=st.integers(1, 5), word=word, at=moment)
    signoff = st.builds(SignOff, supervisee_id=st.just(sid), initials=initials, at=moment)
    entry = st.builds(RecordEntry, text=free_text, reason=free_text, author=short_text,
                      kind=st.sampled_from(EntryKind), at=moment, id=ids)
    return st.builds(
        Session, supervisee_ids=st.just([sid]), type=st.sampled_from(SessionType),
        status=st.sampled_from(SessionStatus), planned_start=maybe_moment,
        duration_minutes=st.integers(5, 480), started_at=maybe_moment, ended_at=maybe_moment,
        agenda=st.lists(agenda_items(), max_size=4), current_item_id=st.none() | ids,
        notes=free_text, notes_saved_at=maybe_moment, prompts_used=st.lists(short_text, max_size=3),
        checkins=st.lists(checkin, max_size=2),
        checklist=st.dictionaries(short_text, st.booleans(), max_size=3),
        sections=st.dictionaries(short_text, free_text, max_size=3), next_date=maybe_moment,
        finalised_at=maybe_moment, signoffs=st.lists(signoff, max_size=1), cancel_reason=free_text,
        cancelled_by=st.none() | st.sampled_from(CancelledBy), cancelled_at=maybe_moment,
        rescheduled_from=maybe_moment, entries=st.lists(entry, max_size=2), id=ids,
        created_at=moment,
    )


def decisions(sid: str) -> st.SearchStrategy[Decision]:
    return st.builds(Decision, supervisee_id=st.just(sid), session_id=ids, text=filled_line,
                     rationale=filled_text, case_ref=st.none() | case_ref,
                     flags=st.lists(st.sampled_from(DecisionFlag), max_size=2, unique=True),
                     decided_by=short_text, decided_at=moment, amends=st.none() | ids, id=ids)


def actions(sid: str) -> st.SearchStrategy[Action]:
    return st.builds(Action, supervisee_id=st.just(sid), session_id=ids, text=filled_line,
                     owner=filled_line, due=st.none() | day, status=st.sampled_from(ActionStatus),
                     case_ref=st.none() | case_ref, created_at=moment, closed_at=maybe_moment,
                     closed_in_session=st.none() | ids, id=ids)
