"""Diary changes reach disk: agreement versions, cancellations, moves, ad hoc sessions; ICS."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from supervisor_tui.domain.enums import CancelledBy, SessionStatus, SessionType
from supervisor_tui.domain.people import Agreement, Supervisee, ValidationError
from supervisor_tui.services.schedule import (
    add_ad_hoc,
    cancel_occurrence,
    diaries_for_export,
    reschedule_occurrence,
    save_agreement_version,
    write_ics,
)
from tests.conftest import reopen
from tests.support import STAMP, at_time, open_service

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 20, 12, tzinfo=LONDON)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def person(data_dir: Path) -> Supervisee:
    svc = open_service(data_dir)
    try:
        p = svc.records.save_supervisee(Supervisee("Sam Okafor", "Social worker", id="s-sam",
                                                   created_at=STAMP))
        save_agreement_version(svc.workspace, Agreement(
            supervisee_id=p.id, rrule="FREQ=WEEKLY;INTERVAL=4;BYDAY=TU",
            dtstart=at(2026, 3, 3, 10), timezone="Europe/London",
            created_at=at(2026, 3, 1)))
    finally:
        svc.close()
    return p


def events(path: Path) -> dict[str, dict]:
    cal = Calendar.from_ical(path.read_bytes())
    return {
        str(e["uid"]): {"start": e.decoded("dtstart"), "end": e.decoded("dtend"),
                        "seq": int(e.get("sequence", 0)), "status": str(e.get("status")),
                        "summary": str(e["summary"])}
        for e in cal.walk("VEVENT")
    }


def test_cancel_a_planned_date_is_stored_with_reason_and_who(data_dir: Path,
                                                            person: Supervisee) -> None:
    svc = reopen(data_dir)
    try:
        cancel_occurrence(at_time(svc, NOW), person.id, None, at(2026, 3, 31, 10),
                          "Team crisis meeting", CancelledBy.ORGANISATION)
    finally:
        svc.close()
    svc = reopen(data_dir)
    try:
        (stored,) = svc.records.sessions(person.id)
        assert stored.status is SessionStatus.CANCELLED
        assert stored.planned_start == at(2026, 3, 31, 10)
        assert (stored.cancel_reason, stored.cancelled_by) == (
            "Team crisis meeting", CancelledBy.ORGANISATION)
    finally:
        svc.close()


def test_cancel_needs_a_reason(data_dir: Path, person: Supervisee) -> None:
    svc = reopen(data_dir)
    try:
        with pytest.raises(ValidationError, match="reason"):
            cancel_occurrence(at_time(svc, NOW), person.id, None, at(2026, 3, 31, 10), "  ",
                              CancelledBy.SUPERVISOR)
        assert svc.records.sessions(person.id) == []
    finally:
        svc.close()


def test_reschedule_then_move_again_keeps_the_original(data_dir: Path, person: Supervisee) -> None:
    svc = reopen(data_dir)
    try:
        s = reschedule_occurrence(svc.workspace, person.id, None, at(2026, 3, 31, 10),
                                  at(2026, 4, 2, 15))
        s = reschedule_occurrence(svc.workspace, person.id, s.id, None, at(2026, 4, 3, 9))
        with pytest.raises(ValidationError, match="already has"):
            reschedule_occurrence(svc.workspace, person.id, s.id, None, at(2026, 4, 3, 9))
    finally:
        svc.close()
    svc = reopen(data_dir)
    try:
        (stored,) = svc.records.sessions(person.id)
        assert stored.rescheduled_from == at(2026, 3, 31, 10)
        assert stored.planned_start == at(2026, 4, 3, 9)
        assert stored.schedule_revision == 2
        assert stored.type is SessionType.PLANNED
    finally:
        svc.close()


def test_ad_hoc_session(data_dir: Path, person: Supervisee) -> None:
    svc = reopen(data_dir)
    try:
        add_ad_hoc(svc.workspace, person.id, at(2026, 3, 25, 16), 30)
        with pytest.raises(ValidationError, match="between 5 and 480"):
            add_ad_hoc(svc.workspace, person.id, at(2026, 3, 26, 16), 600)
    finally:
        svc.close()
    svc = reopen(data_dir)
    try:
        (stored,) = svc.records.sessions(person.id)
        assert (stored.type, stored.duration_minutes) == (SessionType.AD_HOC, 30)
        assert stored.planned_start == at(2026, 3, 25, 16)
    finally:
        svc.close()


def test_ics_parses_back_and_keeps_uids_after_a_reschedule(data_dir: Path, person: Supervisee,
                                                           tmp_path: Path) -> None:
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    svc = reopen(data_dir)
    try:
        n = write_ics(first, diaries_for_export(at_time(svc, NOW), None, 3), NOW)
        assert n == 3                                      # 31 Mar, 28 Apr, 26 May
        reschedule_occurrence(svc.workspace, person.id, None, at(2026, 4, 28, 10),
                              at(2026, 4, 30, 14))
        cancel_occurrence(at_time(svc, NOW), person.id, None, at(2026, 5, 26, 10), "Leave",
                          CancelledBy.SUPERVISEE)
        write_ics(second, diaries_for_export(at_time(svc, NOW), person.id, 3), NOW)
    finally:
        svc.close()
    before, after = events(first), events(second)
    assert set(before) == set(after)
    assert all(e["summary"] == "Supervision: Sam Okafor" for e in after.values())
    by_start = {e["start"]: (uid, e) for uid, e in before.items()}
    moved_uid, moved_before = by_start[at(2026, 4, 28, 10)]
    moved = after[moved_uid]
    assert moved["start"] == at(2026, 4, 30, 14)
    assert moved["end"] == at(2026, 4, 30, 15)
    assert moved["seq"] == moved_before["seq"] + 1
    cancelled_uid, _ = by_start[at(2026, 5, 26, 10)]
    assert after[cancelled_uid]["status"] == "CANCELLED"
    unchanged_uid, _ = by_start[at(2026, 3, 31, 10)]
    assert after[unchanged_uid] == before[unchanged_uid]
    text = second.read_text()
    assert "DTSTART;TZID=Europe/London:20260331T100000" in text
    assert "BEGIN:VTIMEZONE" in text
    assert "Leave" not in text, "a cancellation reason never goes into a calendar"
    assert second.stat().st_mode & 0o777 == 0o600


def test_ics_into_a_folder_is_refused(data_dir: Path, person: Supervisee, tmp_path: Path) -> None:
    svc = reopen(data_dir)
    try:
        with pytest.raises(OSError, match="is a folder"):
            write_ics(tmp_path, diaries_for_export(at_time(svc, NOW), None, 3), NOW)
    finally:
        svc.close()


def test_ad_hoc_and_unagreed_sessions_in_the_calendar(data_dir: Path, person: Supervisee,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "d.ics"
    svc = reopen(data_dir)
    try:
        svc.records.save_supervisee(Supervisee("Ana Reyes", id="s-ana", created_at=STAMP))
        extra = add_ad_hoc(svc.workspace, person.id, at(2026, 3, 25, 16), 30)
        add_ad_hoc(svc.workspace, "s-ana", at(2026, 4, 1, 9), 45)      # Ana has no agreement
        write_ics(out, diaries_for_export(at_time(svc, NOW), None, 3), NOW)
        first = events(out)
        reschedule_occurrence(svc.workspace, person.id, extra.id, None, at(2026, 3, 27, 16))
        write_ics(out, diaries_for_export(at_time(svc, NOW), None, 3), NOW)
        second = events(out)
    finally:
        svc.close()
    uid = f"{extra.id}@supervisor-tui"
    assert first[uid]["start"] == at(2026, 3, 25, 16)
    assert (second[uid]["start"], second[uid]["seq"]) == (at(2026, 3, 27, 16), 1)
    (ana,) = [e for e in second.values() if e["summary"] == "Supervision: Ana Reyes"]
    assert ana["start"] == at(2026, 4, 1, 9) and ana["start"].utcoffset() is not None
    assert ana["end"] - ana["start"] == timedelta(minutes=45)


def test_sessions_from_skips_older_rows(data_dir: Path, person: Supervisee) -> None:
    svc = reopen(data_dir)
    try:
        old = add_ad_hoc(svc.workspace, person.id, at(2025, 1, 7, 10))
        moved = reschedule_occurrence(svc.workspace, person.id, None, at(2026, 3, 31, 10),
                                      at(2026, 4, 1, 10))
        new = add_ad_hoc(svc.workspace, person.id, at(2026, 5, 5, 10))
        assert [s.id for s in svc.records.sessions_from(person.id, at(2026, 3, 30).date())] == [
            moved.id, new.id]
        assert old.id in {s.id for s in svc.records.sessions(person.id)}
    finally:
        svc.close()


def _held_with_next(svc, person: Supervisee, next_date: datetime):
    """A one-to-one held on 17 Mar whose close agreed `next_date`."""
    from supervisor_tui.domain.session import Session

    held = Session([person.id], created_at=at(2026, 3, 17, 10))
    held.start(at(2026, 3, 17, 10))
    held.next_date = next_date
    held.finalise(at(2026, 3, 17, 11))
    return svc.records.save_session(held)


def _calendar(svc, tmp_path: Path, person: Supervisee) -> list[datetime]:
    ws = at_time(svc, NOW)
    write_ics(tmp_path / "diary.ics", diaries_for_export(ws, person.id, 2), NOW)
    return sorted(e["start"] for e in events(tmp_path / "diary.ics").values()
                  if e["status"] != "CANCELLED")


@pytest.mark.parametrize(("agreed", "moved_from"), [
    (at(2026, 3, 31, 10), None),                 # the agreement's own next date
    (at(2026, 4, 1, 14), at(2026, 3, 31, 10)),   # a day after it: that date moves there
])
def test_the_next_date_agreed_at_the_close_is_the_one_in_the_diary(
        data_dir: Path, person: Supervisee, tmp_path: Path, agreed, moved_from) -> None:
    from supervisor_tui.services.schedule import plan_next_date

    svc = reopen(data_dir)
    try:
        held = _held_with_next(svc, person, agreed)
        first = plan_next_date(at_time(svc, NOW), held)
        again = plan_next_date(at_time(svc, NOW), held)  # F9 twice plans it once
        assert first is not None and again is not None and first.id == again.id
    finally:
        svc.close()
    svc = reopen(data_dir)
    try:
        planned = [s for s in svc.records.sessions(person.id)
                   if s.status is SessionStatus.PLANNED]
        assert [(s.planned_start, s.rescheduled_from) for s in planned] == [(agreed, moved_from)]
        assert svc.records.summaries()[person.id].planned_from(NOW)[0] == agreed
        # one event for the next meeting, on the agreed date, then the rule goes on
        assert _calendar(svc, tmp_path, person)[:2] == [agreed, at(2026, 4, 28, 10)]
    finally:
        svc.close()


def test_a_next_date_far_from_the_agreement_is_planned_as_an_extra_session(
        data_dir: Path, person: Supervisee, tmp_path: Path) -> None:
    from supervisor_tui.services.schedule import plan_next_date

    svc = reopen(data_dir)
    try:
        planned = plan_next_date(at_time(svc, NOW),
                                 _held_with_next(svc, person, at(2026, 4, 14, 9)))
        assert planned is not None and planned.type is SessionType.AD_HOC
        assert _calendar(svc, tmp_path, person)[:3] == [
            at(2026, 3, 31, 10), at(2026, 4, 14, 9), at(2026, 4, 28, 10)]
    finally:
        svc.close()


@pytest.mark.parametrize("held_at", [
    at(2026, 3, 29, 15),   # Sunday, for the Tuesday 31 Mar slot
    at(2026, 3, 31, 7, 3),  # the slot's own day, three hours early
])
def test_a_session_held_early_takes_its_slot_off_the_diary_home_and_calendar(
        data_dir: Path, person: Supervisee, tmp_path: Path, held_at: datetime) -> None:
    from supervisor_tui.domain.session import Session
    from supervisor_tui.services.home import home_rows

    svc = reopen(data_dir)
    try:
        early = Session([person.id], created_at=held_at)
        early.start(held_at)
        early.finalise(held_at + timedelta(minutes=50))
        svc.records.save_session(early)
        now = held_at + timedelta(hours=1)
        [row] = home_rows(at_time(svc, now))
        assert row.next_due(now) == at(2026, 4, 28, 10)  # not the slot it was held for
        ws = at_time(svc, now)
        write_ics(tmp_path / "diary.ics", diaries_for_export(ws, person.id, 2), now)
        starts = sorted(e["start"] for e in events(tmp_path / "diary.ics").values())
        assert at(2026, 3, 31, 10) not in starts
        assert starts[0] == at(2026, 4, 28, 10)
        # The diary shows which planned date it was held for.
        from supervisor_tui.domain.scheduling import diary
        from supervisor_tui.services.schedule import load_schedule
        from supervisor_tui.ui.screens.schedule import entry_note

        data = load_schedule(ws, person.id)
        [held] = [e for e in diary(data.agreements, data.sessions, now)
                  if e.session is not None and e.session.id == early.id]
        assert held.original == at(2026, 3, 31, 10)
        assert entry_note(held) == "for the Tue 31 Mar 10:00 date"
    finally:
        svc.close()


def test_a_groups_next_date_is_a_planned_group_session_in_each_diary_and_on_home(
        data_dir: Path, person: Supervisee, tmp_path: Path) -> None:
    """Planned once for the same attendees (F9 twice plans it once), in each attendee's diary
    and calendar, named on home's Today panel in its week, and never taken for the next
    one-to-one."""
    from supervisor_tui.domain.session import Session
    from supervisor_tui.services.home import home_rows, today_picture
    from supervisor_tui.services.schedule import plan_next_date

    svc = reopen(data_dir)
    try:
        other = svc.records.save_supervisee(Supervisee("Bo Lind", id="s-b0b0b0",
                                                       created_at=STAMP))
        group = Session([person.id, other.id], type=SessionType.GROUP,
                        created_at=at(2026, 3, 17, 14))
        group.start(at(2026, 3, 17, 14))
        group.next_date = at(2026, 3, 24, 14)
        group.finalise(at(2026, 3, 17, 15))
        svc.records.save_session(group)
        first = plan_next_date(at_time(svc, NOW), group)
        again = plan_next_date(at_time(svc, NOW), group)
        assert first is not None and again is not None and first.id == again.id
        assert first.is_group and first.planned_start == at(2026, 3, 24, 14)
    finally:
        svc.close()
    svc = reopen(data_dir)
    try:
        for sid in (person.id, "s-b0b0b0"):
            planned = [s for s in svc.records.sessions(sid)
                       if s.status is SessionStatus.PLANNED]
            assert [(s.planned_start, s.is_group) for s in planned] == [
                (at(2026, 3, 24, 14), True)]
        rows = home_rows(at_time(svc, NOW))
        picture = today_picture(rows, NOW)
        assert sorted(name for name, _ in picture.group_soon) == ["Bo Lind", person.name]
        [mine] = [r for r in rows if r.supervisee.id == person.id]
        assert mine.due == at(2026, 3, 31, 10)  # the one-to-one is still next due
        assert at(2026, 3, 24, 14) in _calendar(svc, tmp_path, person)
        # In one calendar of everyone: one event for the group, named as a group.
        write_ics(tmp_path / "all.ics", diaries_for_export(at_time(svc, NOW), None, 2), NOW)
        cal = Calendar.from_ical((tmp_path / "all.ics").read_bytes())
        group_events = [e for e in cal.walk("VEVENT")
                        if e.decoded("dtstart") == at(2026, 3, 24, 14)]
        assert [str(e["summary"]) for e in group_events] == ["Group supervision (2 attendees)"]
    finally:
        svc.close()
