"""The diary as an iCalendar (.ics) file for calendar apps.

Each planned session is a VEVENT whose UID comes from the supervisee id and the rule's original
date, so a moved session keeps its UID (with a higher SEQUENCE) and a calendar that imports the
file again updates the event instead of adding a second one. A calendar is not a secure place:
an event carries only "Supervision: <name>", the time and its status; never case details,
notes or the reason for a cancellation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from supervisor_tui import __version__
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.scheduling import EntryStatus, ScheduleEntry
from supervisor_tui.domain.text_safety import for_ics

PRODID = f"-//supervisor-tui//supervisor-tui {__version__}//EN"
UID_DOMAIN = "supervisor-tui"
EXPORTED = (EntryStatus.PLANNED, EntryStatus.IN_PROGRESS, EntryStatus.CANCELLED)


def event_uid(supervisee_id: str, entry: ScheduleEntry) -> str:
    """Stable across exports: the original planned date, or the session id for an ad hoc one."""
    if entry.original is not None:
        stamp = entry.original.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"{supervisee_id}-{stamp}@{UID_DOMAIN}"
    assert entry.session is not None
    return f"{entry.session.id}@{UID_DOMAIN}"


def build_event(person: Supervisee, entry: ScheduleEntry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", event_uid(person.id, entry))
    event.add("dtstamp", stamp.astimezone(UTC))
    start = entry.when
    if not isinstance(start.tzinfo, ZoneInfo):
        start = start.astimezone(UTC)  # a bare offset has no TZID; UTC is never read as floating
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=entry.duration_minutes))
    session = entry.session
    if session is not None and session.is_group:  # one event for the group, not per attendee
        event.add("summary", f"Group supervision ({len(session.supervisee_ids)} attendees)")
    else:
        event.add("summary", f"Supervision: {for_ics(person.name)}")
    event.add("sequence", entry.session.schedule_revision if entry.session else 0)
    if entry.status is EntryStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def build_calendar(diaries: Iterable[tuple[Supervisee, list[ScheduleEntry]]],
                   now: datetime) -> Calendar:
    """Planned (and cancelled) sessions from `now` on; held and past ones are left out."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Supervision")
    seen: set[str] = set()
    for person, entries in diaries:
        for entry in entries:
            ends = entry.when + timedelta(minutes=entry.duration_minutes)
            uid = event_uid(person.id, entry)
            if entry.status in EXPORTED and ends > now and uid not in seen:
                seen.add(uid)  # a group session is in each attendee's diary
                cal.add_component(build_event(person, entry, now))
    cal.add_missing_timezones()
    return cal


def calendar_bytes(diaries: Iterable[tuple[Supervisee, list[ScheduleEntry]]],
                   now: datetime) -> bytes:
    return bytes(build_calendar(diaries, now).to_ical())
