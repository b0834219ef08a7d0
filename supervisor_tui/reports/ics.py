"""The diary as an iCalendar (.ics) file for calendar apps.

Each planned session is a VEVENT whose UID comes from the supervisee id and the rule's original
date, so a moved session keeps its UID (with a higher SEQUENCE) and a calendar that imports the
file again updates the event instead of adding a second one. A calendar is not a secure place:
an event carries only "Supervision: <name>", the time and its status; never case details,
notes or the reason for a cancellation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from supervisor_tui import __version__
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.domain.scheduling import EntryStatus, ScheduleEntry

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
    event.add("summary", f"Supervision: {person.name}")
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
    for person, entries in diaries:
        for entry in entries:
            ends = entry.when + timedelta(minutes=entry.duration_minutes)
            if entry.status in EXPORTED and ends > now:
                cal.add_component(build_event(person, entry, now))
    cal.add_missing_timezones()
    return cal


def calendar_bytes(diaries: Iterable[tuple[Supervisee, list[ScheduleEntry]]],
                   now: datetime) -> bytes:
    return bytes(build_calendar(diaries, now).to_ical())


def write_ics(path: Path, diaries: list[tuple[Supervisee, list[ScheduleEntry]]],
              now: datetime) -> int:
    """Write the calendar (whole file or nothing); returns the number of events written."""
    cal = build_calendar(diaries, now)
    data = cal.to_ical()
    path = path.expanduser()
    if path.is_dir():
        raise OSError(f"{path} is a folder; give a file name such as supervision.ics")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        # Names and times of supervision are private: readable by the owner only.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(cal.walk("VEVENT"))
