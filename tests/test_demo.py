"""The demo data set: deterministic, plausible, and complete enough to show every screen."""

from __future__ import annotations

import collections
import filecmp
from datetime import date, datetime, time, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from supervisor_tui.demo import write_demo
from supervisor_tui.domain.coverage import case_coverage
from supervisor_tui.domain.enums import ActionStatus, DecisionFlag, SessionStatus, SessionType
from supervisor_tui.domain.hashchain import verify_chain
from supervisor_tui.domain.people import check_case_ref
from supervisor_tui.domain.scheduling import parse_rule
from supervisor_tui.services.home import home_rows
from supervisor_tui.services.service import Service
from tests.support import at_time, open_service

TODAY = date(2026, 11, 23)
LONDON = ZoneInfo("Europe/London")


def _write(folder: Path, today: date = TODAY) -> None:
    """Write the demo set; fsync is skipped, as content is under test here, not durability."""
    with mock.patch("os.fsync"):
        svc = open_service(folder)
        try:
            write_demo(svc.records, today)
        finally:
            svc.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo") / "data"
    _write(folder)
    svc = open_service(folder)
    yield svc
    svc.close()


def _data_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.json"))


def test_same_day_gives_byte_identical_files(tmp_path):
    _write(tmp_path / "a")
    _write(tmp_path / "b")
    names = _data_files(tmp_path / "a")
    assert names == _data_files(tmp_path / "b") and len(names) == 5
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names,
                                               shallow=False)
    assert (mismatch, errors) == ([], [])


def test_dates_follow_today(tmp_path):
    _write(tmp_path / "later", TODAY + timedelta(days=100))
    svc = open_service(tmp_path / "later")
    try:
        last = max(s.when for p in svc.records.supervisees() for s in svc.records.sessions(p.id))
        assert TODAY + timedelta(days=60) < last.date() < TODAY + timedelta(days=100)
    finally:
        svc.close()


def test_people_roles_agreements_and_cases(demo: Service):
    r = demo.records
    people = r.supervisees()
    assert len(people) >= 4
    roles = " ".join(p.role.lower() for p in people)
    for role in ("child-protection", "mental-health nurse", "newly qualified", "senior"):
        assert role in roles
    for p in people:
        a = r.agreement(p.id)
        assert a is not None and a.duration_minutes in (60, 90)
        assert a.dtstart.astimezone(LONDON).time() == time(10, 0)
        assert a.confidentiality and a.exceptions and a.records and a.review_date
        parse_rule(a, a.dtstart)  # a valid RRULE
        cases = r.cases(p.id)
        assert 3 <= len(cases) <= 6
        assert all(check_case_ref(c.ref) == c.ref and " " not in c.ref for c in cases)
        assert {c.risk.value for c in cases} - {"low"}  # some risk above low


def test_six_months_of_sessions(demo: Service):
    r = demo.records
    cancelled_total = 0
    for p in r.supervisees():
        sessions = r.sessions(p.id)
        held = [s for s in sessions if s.status is SessionStatus.FINALISED]
        cancelled = [s for s in sessions if s.status is SessionStatus.CANCELLED]
        cancelled_total += len(cancelled)
        assert 1 <= len(cancelled) <= 2 and len(held) > 2 * len(cancelled)
        first = min(s.when for s in sessions).date()
        assert TODAY - timedelta(days=190) <= first <= TODAY - timedelta(days=120)
        assert max(s.when for s in sessions).date() < TODAY
        for c in cancelled:
            assert c.cancel_reason and c.cancelled_by is not None and c.cancelled_at
        for s in held:
            assert s.started_at.tzinfo is not None and s.ended_at > s.started_at
            assert len(s.notes) > 300 and s.notes.count("\n\n") >= 3  # a few paragraphs
            assert s.agenda and all(i.title and i.function for i in s.agenda)
            assert any(i.case_ref for i in s.agenda) or s.type is SessionType.GROUP
            assert sum(i.timebox_minutes or 0 for i in s.agenda) <= s.duration_minutes
            assert {c.phase.value for c in s.checkins} == {"opening", "closing"}
            assert s.prompts_used and s.checklist and s.sections and s.signoffs
            assert s.finalised_at
    assert cancelled_total >= 4


def test_wellbeing_trends_differ(demo: Service):
    summaries = demo.records.summaries()
    trends = {}
    for p in demo.records.supervisees():
        points = summaries[p.id].wellbeing
        assert len(points) >= 4
        trends[p.name] = points[-1] - points[0]
    assert min(trends.values()) < 0 < max(trends.values())


def test_decisions_and_actions(demo: Service):
    r = demo.records
    flags = collections.Counter()
    amendments = []
    actions = []
    for p in r.supervisees():
        decisions = r.decisions(p.id)
        assert decisions and verify_chain(decisions) == []
        assert all(d.rationale.strip() for d in decisions)
        ids = {d.id for d in decisions}
        amendments += [d for d in decisions if d.amends]
        assert all(d.amends in ids for d in decisions if d.amends)
        for d in decisions:
            flags.update(f.value for f in d.flags)
        actions += r.actions(p.id)
        case_refs = {c.ref for c in r.cases(p.id)}
        assert {d.case_ref for d in decisions if d.case_ref} <= case_refs
        assert case_coverage(r.cases(p.id), r.sessions(p.id), decisions)
    assert flags[DecisionFlag.SAFEGUARDING.value] and flags[DecisionFlag.CONFIDENTIALITY_EXCEPTION]
    assert len(amendments) == 1
    statuses = collections.Counter(a.status for a in actions)
    assert statuses[ActionStatus.DONE] > statuses[ActionStatus.OPEN] > 0
    assert any(a.is_overdue(TODAY) for a in actions)
    assert any(a.is_open and not a.is_overdue(TODAY) for a in actions)


def test_group_session_and_record_entries(demo: Service):
    r = demo.records
    sessions = {s.id: s for p in r.supervisees() for s in r.sessions(p.id)}.values()
    groups = [s for s in sessions if s.type is SessionType.GROUP]
    assert len(groups) == 1 and len(groups[0].supervisee_ids) == 2
    assert {s.supervisee_id for s in groups[0].signoffs} == set(groups[0].supervisee_ids)
    assert any(s.type is SessionType.AD_HOC and s.rescheduled_from for s in sessions)
    kinds = {e.kind.value for s in sessions for e in s.entries}
    assert kinds == {"amendment", "late_entry"}


def test_home_rows_show_everyone(demo: Service):
    at = datetime.combine(TODAY, time(9), LONDON)
    rows = home_rows(at_time(demo, at))
    assert [row.supervisee.name for row in rows] == sorted(row.supervisee.name for row in rows)
    assert len(rows) >= 4
    assert all(row.summary.last_held and row.agreement for row in rows)
    assert sum(row.summary.overdue_actions(TODAY) for row in rows) > 0
    assert isinstance(rows[0].summary.last_held, datetime)
