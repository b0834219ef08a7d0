"""The one way tests build records: held sessions, agenda items, check-ins.

Each fixed history (tests/history_data.py, tests/reports/fixture.py, the diary's and the live
session's set-ups) holds its own known answers, and builds them here, so a change to what a
record is (a new required field, a new rule in `finalise`) is made once for every test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from supervisor_tui.domain.enums import CheckInPhase, Function, SessionStatus, SessionType
from supervisor_tui.domain.session import AgendaItem, CheckIn, Session


def moment(year: int, month: int, day: int, hour: int = 10, minute: int = 0,
           zone: tzinfo = UTC) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def item(item_id: str, title: str, function: Function | None = None, *,
         case: str | None = None, minutes: int | None = None, done: bool = True,
         **fields: object) -> AgendaItem:
    """An agenda item (done, as in a held session, unless told)."""
    return AgendaItem(title, function, case, minutes, done, id=item_id, **fields)  # type: ignore[arg-type]


def checkins(supervisee_id: str, opening: tuple[int, str], closing: tuple[int, str], *,
             at: datetime, closing_at: datetime | None = None) -> list[CheckIn]:
    """One person's opening and closing check-in (score, word)."""
    return [CheckIn(supervisee_id, CheckInPhase.OPENING, opening[0], opening[1], at=at),
            CheckIn(supervisee_id, CheckInPhase.CLOSING, closing[0], closing[1],
                    at=closing_at or at)]


def held(people: str | list[str], start: datetime, *, session_id: str,
         length: timedelta = timedelta(hours=1), **fields: object) -> Session:
    """A session held from `start` for `length` and finalised as it ended; a group when more
    than one person attended (unless `type` says otherwise)."""
    attendees = [people] if isinstance(people, str) else list(people)
    end = start + length
    fields.setdefault("type", SessionType.GROUP if len(attendees) > 1 else SessionType.PLANNED)
    return Session(attendees, status=SessionStatus.FINALISED, planned_start=start,  # type: ignore[arg-type]
                   started_at=start, ended_at=end, finalised_at=end, created_at=start,
                   id=session_id, **fields)


def held_by_hand(supervisee_id: str, start: datetime, *, session_id: str, length: timedelta,
                 agenda: list[AgendaItem] | None = None,
                 opening: tuple[int, str] | None = None) -> Session:
    """A session started and finalised through the session's own rules (no planned time),
    with its agenda and opening check-in (score, word) when given."""
    session = Session([supervisee_id], created_at=start, id=session_id)
    session.start(start)
    session.agenda = list(agenda or [])
    if opening is not None:
        session.record_checkin(CheckIn(supervisee_id, CheckInPhase.OPENING, *opening, at=start))
    session.finalise(start + length)
    return session
