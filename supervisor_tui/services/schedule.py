"""The agreement and the diary: agreement versions, cancelled and moved dates, ad hoc sessions,
and the diary as an .ics file. A planned date that is cancelled or moved becomes a stored
`Session`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from supervisor_tui.domain.enums import CancelledBy, SessionStatus, SessionType
from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.domain.scheduling import (
    MATCH_WINDOW,
    EntryStatus,
    ScheduleEntry,
    diary,
    planned_occurrences,
    session_time,
)
from supervisor_tui.domain.session import Session
from supervisor_tui.reports.ics import build_calendar
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.atomic import atomic_write
from supervisor_tui.store.folder import expand_home
from supervisor_tui.store.records import Records


@dataclass
class ScheduleData:
    supervisee: Supervisee
    agreements: list[Agreement]
    sessions: list[Session]


def load_schedule(ws: Workspace, supervisee_id: str) -> ScheduleData:
    records = ws.records
    return ScheduleData(
        records.supervisee(supervisee_id),
        records.agreements(supervisee_id),
        records.sessions(supervisee_id),
    )


def save_agreement_version(ws: Workspace, agreement: Agreement) -> Agreement:
    """Store a changed agreement as a new version; earlier versions stay as history."""
    ws.records.save_agreement(agreement)
    ws.records.refresh_summary(agreement.supervisee_id)
    return agreement


def supervisee_agrees(ws: Workspace, supervisee_id: str, initials: str) -> Agreement:
    """The supervisee agrees to the agreement's newest version, with their initials, now."""
    agreement = ws.records.agreement(supervisee_id)
    if agreement is None:
        raise ValidationError("There is no agreement to agree to yet.")
    agreement.agree(initials, ws.clock())
    return ws.records.save_agreement(agreement)


def _duration(records: Records, supervisee_id: str) -> int:
    agreement = records.agreement(supervisee_id)
    return agreement.duration_minutes if agreement else 60


def _occurrence_session(ws: Workspace, supervisee_id: str, session_id: str | None,
                        original: datetime | None) -> Session:
    records = ws.records
    if session_id is not None:
        return records.session(supervisee_id, session_id)
    if original is None:
        raise ValidationError("Choose a planned date first.")
    return Session(
        supervisee_ids=[supervisee_id],
        planned_start=original,
        duration_minutes=_duration(records, supervisee_id),
        created_at=ws.clock(),
    )


def cancel_occurrence(ws: Workspace, supervisee_id: str, session_id: str | None,
                      original: datetime | None, reason: str, by: CancelledBy,
                      rebook: datetime | None = None) -> Session:
    """Cancel a planned date (or a planned session) now, with the reason and who cancelled;
    with `rebook`, a session is planned then in its place (see `rebook_cancelled`)."""
    session = _occurrence_session(ws, supervisee_id, session_id, original)
    session.cancel(reason, by, ws.clock())
    session.schedule_revision += 1
    saved = ws.records.save_session(session)
    return rebook_cancelled(ws, saved, rebook) if rebook is not None else saved


def rebook_later(ws: Workspace, supervisee_id: str, session_id: str, when: datetime) -> Session:
    """Rebook a session cancelled earlier (from the diary), once."""
    cancelled = ws.records.session(supervisee_id, session_id)
    if cancelled.status is not SessionStatus.CANCELLED:
        raise ValidationError("Only a cancelled session can be rebooked.")
    if cancelled.rebooked_to is not None:
        day = f"{cancelled.rebooked_to:%a %d %b %Y %H:%M}"
        raise ValidationError(f"It was rebooked already, for {day}; move that session instead.")
    return rebook_cancelled(ws, cancelled, when)


def waive_rebooking(ws: Workspace, supervisee_id: str, session_id: str,
                    reason: str) -> Session:
    """A cancelled session that will not be rebooked, and why (from the diary)."""
    cancelled = ws.records.session(supervisee_id, session_id)
    cancelled.waive_rebooking(reason, ws.clock())
    return ws.records.save_session(cancelled)


def rebook_cancelled(ws: Workspace, cancelled: Session, when: datetime) -> Session:
    """Plan a session at `when` in place of a cancelled one, which then says so (home stops
    asking for it to be rebooked). A group's rebooking is planned with each attendee."""
    planned = Session(list(cancelled.supervisee_ids), type=SessionType.AD_HOC,
                      planned_start=when, duration_minutes=cancelled.duration_minutes,
                      created_at=ws.clock())
    ws.records.save_session(planned)
    cancelled.rebooked_to = when
    return ws.records.save_session(cancelled)


def reschedule_occurrence(ws: Workspace, supervisee_id: str, session_id: str | None,
                          original: datetime | None, new_start: datetime) -> Session:
    """Move one planned date; the session remembers the date it was moved from."""
    session = _occurrence_session(ws, supervisee_id, session_id, original)
    if session.status is not SessionStatus.PLANNED:
        raise ValidationError("Only a planned session can be moved.")
    if session.planned_start == new_start:
        raise ValidationError("That is the date it already has.")
    if session.type is not SessionType.AD_HOC and session.rescheduled_from is None:
        session.rescheduled_from = session.planned_start
    session.planned_start = new_start
    session.schedule_revision += 1
    return ws.records.save_session(session)


def slots_near(ws: Workspace, supervisee_id: str, session_id: str) -> list[datetime]:
    """The planned dates a held one-to-one could stand for: those within `MATCH_WINDOW` of
    when it was held, nearest first."""
    return _slots_near(ws, ws.records.session(supervisee_id, session_id))


def _slots_near(ws: Workspace, session: Session) -> list[datetime]:
    when = session_time(session)
    found = planned_occurrences(ws.records.agreements(session.supervisee_ids[0]),
                                when - MATCH_WINDOW, when + MATCH_WINDOW + timedelta(seconds=1))
    return sorted((o.start for o in found), key=lambda d: abs(d - when))


def held_for(ws: Workspace, supervisee_id: str, session_id: str,
             slot: datetime | None) -> Session:
    """Say which planned date a held one-to-one stood for (None: none, an extra session);
    the diary, next due and the calendar follow."""
    session = ws.records.session(supervisee_id, session_id)
    if not session.held or session.is_group:
        raise ValidationError("Only a held one-to-one stands for a planned date.")
    if slot is None:
        session.type, session.rescheduled_from = SessionType.AD_HOC, None
    else:
        if slot not in _slots_near(ws, session):
            raise ValidationError("That date is not a planned date near this session.")
        if session.type is SessionType.AD_HOC:
            session.type = SessionType.PLANNED
        session.rescheduled_from = slot
    session.schedule_revision += 1
    return ws.records.save_session(session)


def add_ad_hoc(ws: Workspace, supervisee_id: str, start: datetime,
               duration_minutes: int | None = None) -> Session:
    """Plan a session outside the agreed rule."""
    minutes = duration_minutes or _duration(ws.records, supervisee_id)
    if not 5 <= minutes <= 480:
        raise ValidationError("Session length must be between 5 and 480 minutes.")
    session = Session(
        supervisee_ids=[supervisee_id],
        type=SessionType.AD_HOC,
        planned_start=start,
        duration_minutes=minutes,
        created_at=ws.clock(),
    )
    return ws.records.save_session(session)


def plan_next_date(ws: Workspace, session: Session) -> Session | None:
    """The next date agreed at a one-to-one's close, put in the diary: the nearest free date
    of the agreement within a few days of it is moved there (so the diary, home's next date
    and the .ics export show the agreed one, not both), else it is planned as an extra
    session. A group's next date is planned as a group session of the same attendees (in
    each one's diary, counted apart from their one-to-ones). Idempotent: a planned session
    already at that time is the one returned."""
    when = session.next_date
    if when is None:
        return None
    if session.is_group:
        return _plan_group(ws, session, when)
    sid = session.supervisee_ids[0]
    records = ws.records
    sessions = records.sessions(sid)
    for s in sessions:
        if s.status is SessionStatus.PLANNED and s.planned_start == when:
            return s
    free = [e for e in diary(records.agreements(sid), sessions, ws.clock())
            if e.status is EntryStatus.PLANNED and e.session is None and e.original is not None
            and abs(e.when - when) <= MATCH_WINDOW]
    if not free:
        return add_ad_hoc(ws, sid, when)
    slot = min(free, key=lambda e: abs(e.when - when)).original
    assert slot is not None
    if slot == when:
        planned = _occurrence_session(ws, sid, None, slot)
        planned.schedule_revision += 1
        return records.save_session(planned)
    return reschedule_occurrence(ws, sid, None, slot, when)


def _plan_group(ws: Workspace, session: Session, when: datetime) -> Session:
    ids = session.supervisee_ids
    for s in ws.records.sessions(ids[0]):
        if s.status is SessionStatus.PLANNED and s.is_group \
                and set(s.supervisee_ids) == set(ids) and s.planned_start == when:
            return s
    planned = Session(list(ids), type=SessionType.GROUP, planned_start=when,
                      duration_minutes=session.duration_minutes, created_at=ws.clock())
    return ws.records.save_session(planned)


def diaries_for_export(ws: Workspace, supervisee_id: str | None, months: int = 6
                       ) -> list[tuple[Supervisee, list[ScheduleEntry]]]:
    """The diary of one supervisee (or every current one) from now to `months` ahead."""
    records, now = ws.records, ws.clock()
    people = [records.supervisee(supervisee_id)] if supervisee_id else records.supervisees()
    out = []
    for person in people:
        recent = records.sessions_from(person.id, now.date() - MATCH_WINDOW - timedelta(days=1))
        entries = diary(records.agreements(person.id), recent, now,
                        months_back=0, months_ahead=months)
        out.append((person, entries))
    return out


def write_ics(path: Path, diaries: list[tuple[Supervisee, list[ScheduleEntry]]],
              now: datetime) -> int:
    """Write the calendar (whole file or nothing, readable by its owner only, through the one
    safe write); the number of events written."""
    cal = build_calendar(diaries, now)
    path = expand_home(path)
    if path.is_dir():
        raise OSError(f"{path} is a folder; give a file name such as supervision.ics")
    atomic_write(path, bytes(cal.to_ical()))
    return len(cal.walk("VEVENT"))


def export_ics(ws: Workspace, path: Path, supervisee_id: str | None,
               months: int = 6) -> tuple[int, int]:
    """Write the diary from now to `months` ahead as an .ics file; the number of events and
    of supervisees in it."""
    if not 1 <= months <= 36:
        raise ValidationError("The diary is exported for 1 to 36 months ahead.")
    diaries = diaries_for_export(ws, supervisee_id, months)
    return write_ics(path, diaries, ws.clock()), len(diaries)


def _draft_key(supervisee_id: str) -> str:
    return f"agreement-draft:{supervisee_id}"


def agreement_draft(ws: Workspace, supervisee_id: str) -> dict[str, str] | None:
    """Edits to the agreement that were not saved when the app last closed, if any."""
    draft = ws.records.setting(_draft_key(supervisee_id))
    if not isinstance(draft, dict):
        return None
    return {str(k): v for k, v in draft.items() if isinstance(v, str)}


def keep_agreement_draft(ws: Workspace, supervisee_id: str,
                         values: dict[str, str] | None) -> None:
    """Keep unsaved edits of the agreement form (None: forget them)."""
    ws.records.set_setting(_draft_key(supervisee_id), values)
