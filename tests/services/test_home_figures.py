"""Home's schedule figures kept between starts: used while they hold, and only then. What they
show through the window they hold for (`domain.figures_window`), days overdue counted at each
moment, is checked against the figures worked out afresh at moments inside it, for rules,
zones, agreement versions and diaries hypothesis makes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.figures_window import figures_hold_until
from supervisor_tui.domain.people import GROUP_RHYTHMS, Agreement, Supervisee
from supervisor_tui.domain.scheduling import planned_occurrences
from supervisor_tui.domain.summary import SUMMARY_FORMAT, SuperviseeSummary
from supervisor_tui.services import home
from supervisor_tui.services.home import HomeRow, home_rows
from supervisor_tui.services.home_figures import FIGURES
from supervisor_tui.store.crypto import TEST_KDF
from supervisor_tui.store.folder import INDEX
from tests.support import STAMP, at_time, open_service

ZONES = ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Asia/Kolkata", "Pacific/Pago_Pago", "Pacific/Kiritimati"]
RULES = ["FREQ=WEEKLY;INTERVAL=4", "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
         "FREQ=MONTHLY;BYDAY=1WE", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=DAILY;INTERVAL=9",
         "FREQ=MONTHLY;INTERVAL=4", "FREQ=YEARLY", "FREQ=WEEKLY;COUNT=3",
         "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1"]
"""Some give dates more than three months apart, or stop: `next_planned` searches three months
at a time."""
BASE = datetime(2026, 1, 1, tzinfo=UTC)
SID = "s-sam"


def figures(row: HomeRow, now: datetime) -> tuple[datetime | None, int, int]:
    return row.next_due(now), row.overdue(now), row.group_overdue(now)


@st.composite
def diaries(draw: st.DrawFn) -> tuple[HomeRow, datetime]:
    """A person's agreement versions and stored summary, and a moment home is opened at."""
    versions = []
    made = BASE
    for _ in range(draw(st.integers(1, 3))):
        made += timedelta(days=draw(st.integers(0, 200)), minutes=draw(st.integers(0, 1439)))
        zone = draw(st.sampled_from(ZONES))
        start = made + timedelta(days=draw(st.integers(0, 3) | st.integers(0, 30)
                                           | st.integers(85, 100)),  # (after a leave)
                                 hours=draw(st.integers(0, 23)))
        versions.append(Agreement(
            SID, rrule=draw(st.sampled_from(RULES)), timezone=zone, created_at=made,
            dtstart=draw(st.none() | st.just(start.astimezone(ZoneInfo(zone)))),
            group_rrule=draw(st.sampled_from(sorted(GROUP_RHYTHMS)))))
    clock_zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    # Often just before or after a version comes into force, or a day begins.
    since_made = draw(st.integers(-5 * 86400, 3 * 86400) | st.integers(0, 400 * 86400))
    now = (made + timedelta(seconds=since_made)).astimezone(clock_zone)
    if draw(st.booleans()):  # as the command line's clock gives it: the offset of the moment
        now = now.astimezone(timezone(now.utcoffset() or timedelta()))
    near = planned_occurrences(versions, now - timedelta(days=40), now + timedelta(days=60))
    slots = [o.start for o in near]
    offsets = st.integers(-3 * 86400, 3 * 86400).map(lambda s: timedelta(seconds=s))
    held = sorted({slot + draw(offsets) for slot in draw(st.lists(st.sampled_from(slots),
                                                                   max_size=6))
                   if slot + timedelta(days=3) < now} if slots else set())
    moved = draw(st.lists(st.sampled_from(slots), max_size=4)) if slots else []
    extra = draw(st.lists(st.integers(-10 * 86400, 130 * 86400).map(
        lambda s: now + timedelta(seconds=s)), max_size=3))
    group = draw(st.none() | st.integers(1, 120).map(lambda d: now - timedelta(days=d)))
    summary = SuperviseeSummary(SID, last_held=held[-1] if held else None,
                                last_group_held=group, moved_slots=sorted(moved),
                                planned_times=sorted(extra), held_times=held,
                                format=SUMMARY_FORMAT)
    person = Supervisee("Sam Okafor", id=SID, created_at=BASE)
    return HomeRow(person, summary, versions[-1], versions), now


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diaries(), st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=4))
def test_kept_figures_show_what_would_be_worked_out_at_every_moment_of_their_window(
        diary, fractions):
    row, now = diary
    due, by, group_by = row.figures(now)
    assert figures(row, now) == (due, by.days_past(now) if by else 0,
                                 group_by.days_past(now) if group_by else 0)
    until = figures_hold_until(row.agreements, row.summary.held_times, now, due)
    if until is None:  # not kept: worked out at each start
        return
    assert now < until <= due  # type: ignore[operator]
    span = until - now
    last = until - timedelta(microseconds=1)
    later = [min(now + span * f, last) for f in fractions] + [last]  # (rounding can reach until)
    for moment in later:
        # As the clock gives it: in its own zone, whatever that is then.
        moment = moment.astimezone(now.tzinfo)
        shown = (due, by.days_past(moment) if by else 0,
                 group_by.days_past(moment) if group_by else 0)
        assert figures(row, moment) == shown, moment


def seed(records, zone: str = "Europe/London") -> None:
    records.save_supervisee(Supervisee("Sam Okafor", id=SID, created_at=STAMP))
    records.save_agreement(Agreement(SID, rrule="FREQ=WEEKLY;BYDAY=TU",
                                     dtstart=datetime(2026, 1, 6, 10, tzinfo=ZoneInfo(zone)),
                                     timezone=zone, created_at=STAMP - timedelta(days=400)))


def kept_file(data_dir: Path) -> Path:
    return data_dir / INDEX / f"roster.{FIGURES}"


@pytest.fixture
def rules_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Lists whose figures are worked out from the rules, as they are worked out."""
    asked: list[str] = []
    worked_out = home.HomeRow.next_due

    def spy(self: HomeRow, now: datetime) -> datetime | None:
        asked.append(self.supervisee.id)
        return worked_out(self, now)

    monkeypatch.setattr(home.HomeRow, "next_due", spy)
    return asked


def starts(data_dir: Path, *moments: datetime) -> list[HomeRow]:
    """Home's one row at each of several starts of the app (the person seeded first)."""
    rows = []
    for n, moment in enumerate(moments):
        svc = open_service(data_dir, clock=lambda moment=moment: moment)
        try:
            if n == 0:
                seed(svc.records)
            [row] = home_rows(svc.workspace)
        finally:
            svc.close()
        rows.append(row)
    return rows


def test_a_later_start_inside_the_window_uses_the_kept_figures(data_dir, rules_run):
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    first, again = starts(data_dir, monday, monday + timedelta(hours=5))
    assert first.due == datetime(2026, 3, 3, 10, tzinfo=UTC)
    assert kept_file(data_dir).exists()
    assert rules_run == [SID], "no rule is run while the kept figures hold"
    assert (again.due, again.late, again.group_late) == (first.due, first.late, first.group_late)
    assert again.due.isoformat() == first.due.isoformat(), "the same wall-clock time and offset"


def test_kept_figures_show_the_same_wall_clock_time_in_summer_time(data_dir, rules_run):
    june = datetime(2026, 6, 1, 9, tzinfo=UTC)
    first, again = starts(data_dir, june, june + timedelta(minutes=5))
    assert rules_run == [SID], "the second start read them back"
    assert first.due is not None and again.due is not None
    assert again.due == first.due == datetime(2026, 6, 2, 9, tzinfo=UTC)  # 10:00 in London
    assert (again.due.strftime("%d %b %Y %H:%M"), again.due.utcoffset()) == \
        ("02 Jun 2026 10:00", timedelta(hours=1))


def test_figures_past_their_window_are_worked_out_again_and_kept_anew(service, rules_run):
    seed(service.records)
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    [first] = home_rows(at_time(service, monday))
    assert rules_run == [SID]
    assert first.due == datetime(2026, 3, 3, 10, tzinfo=UTC)
    tuesday = datetime(2026, 3, 3, 0, 30, tzinfo=UTC)  # a new day: the figures still hold
    [kept] = home_rows(at_time(service, tuesday))
    assert rules_run == [SID] and kept.due == first.due
    after_it = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)  # the next date has passed
    [again] = home_rows(at_time(service, after_it))
    assert rules_run == [SID, SID]
    assert again.due == datetime(2026, 3, 10, 10, tzinfo=UTC)
    home_rows(at_time(service, after_it + timedelta(hours=1)))
    assert rules_run == [SID, SID], "kept again from the second time"
    earlier = after_it - timedelta(minutes=1)  # a clock set back is not inside any window
    home_rows(at_time(service, earlier))
    assert rules_run == [SID, SID, SID]


def test_the_days_overdue_are_counted_afresh_on_each_day_the_figures_are_kept(
        service, rules_run):
    seed(service.records)  # nothing held since the first date, 6 January
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    [first] = home_rows(at_time(service, monday))
    tuesday = datetime(2026, 3, 3, 0, 30, tzinfo=UTC)
    [kept] = home_rows(at_time(service, tuesday))
    assert rules_run == [SID]
    assert (first.late, kept.late) == (55, 56)
    assert kept.late == kept.overdue(tuesday), "as worked out afresh that day"


def test_a_changed_roster_works_every_figure_out_again(service):
    seed(service.records)
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    [before] = home_rows(at_time(service, monday))
    assert before.due == datetime(2026, 3, 3, 10, tzinfo=UTC)
    service.records.save_agreement(Agreement(
        SID, rrule="FREQ=WEEKLY;BYDAY=TH", timezone="Europe/London",
        dtstart=datetime(2026, 1, 8, 14, tzinfo=ZoneInfo("Europe/London")),
        created_at=monday - timedelta(days=1)))
    [after] = home_rows(at_time(service, monday + timedelta(minutes=1)))
    assert after.due == datetime(2026, 3, 5, 14, tzinfo=UTC)


def test_a_damaged_kept_file_is_worked_out_again_without_a_word(data_dir):
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday)
    try:
        seed(svc.records)
        [first] = home_rows(svc.workspace)
        for garbage in (b"", b"\xff\xfe not json", b'{"format": 1, "rows": []}',
                        kept_file(data_dir).read_bytes()[:-9]):
            kept_file(data_dir).write_bytes(garbage)
            [again] = home_rows(svc.workspace)
            assert again.due == first.due
    finally:
        svc.close()


def test_kept_figures_from_another_shape_of_summary_are_not_used(data_dir, monkeypatch):
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday)
    seed(svc.records)
    home_rows(svc.workspace)
    svc.close()
    monkeypatch.setattr("supervisor_tui.services.home_figures.FORMAT", 99)
    asked: list[str] = []
    monkeypatch.setattr(home.HomeRow, "next_due", lambda self, now: asked.append("rule"))
    svc = open_service(data_dir, clock=lambda: monday)
    try:
        home_rows(svc.workspace)
    finally:
        svc.close()
    assert asked == ["rule"]


def test_an_encrypted_folder_keeps_its_figures_encrypted(data_dir):
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday, passphrase="pass phrase",
                       encrypt=TEST_KDF)
    try:
        seed(svc.records)
        home_rows(svc.workspace)
    finally:
        svc.close()
    blob = kept_file(data_dir).read_bytes()
    assert blob.startswith(b"SVTUI-ENC")
    assert SID.encode() not in blob and b"2026-03-03" not in blob


def test_a_folder_opened_for_reading_uses_kept_figures_and_keeps_none(data_dir, rules_run):
    from supervisor_tui.services.service import Service as AppService
    from supervisor_tui.services.workspace import open_workspace

    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday)  # the app, still running
    try:
        seed(svc.records)
        reader = AppService(open_workspace(data_dir, lambda: monday, read_only=True))
        try:
            home_rows(reader.workspace)
            assert not kept_file(data_dir).exists(), "a reader writes nothing"
        finally:
            reader.close()
        [row] = home_rows(svc.workspace)
        kept = kept_file(data_dir).read_bytes()
        assert rules_run == [SID, SID]
        reader = AppService(open_workspace(data_dir, lambda: monday, read_only=True))
        try:
            [again] = home_rows(reader.workspace)
        finally:
            reader.close()
        assert rules_run == [SID, SID], "the kept figures of the copy it reads are used"
        assert again.due == row.due
        assert kept_file(data_dir).read_bytes() == kept
    finally:
        svc.close()


RESUMES = datetime(2026, 6, 2, 11, tzinfo=UTC)  # three months and two hours after MONDAY
MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_an_agreement_resuming_after_more_than_three_months_shows_its_first_date(data_dir):
    """A leave: the rule's next date is just over three months away, a moved date a week
    after it. The next date is the rule's, from the first start, and kept as such."""
    from supervisor_tui.domain.session import Session

    moved_from, moved_to = RESUMES + timedelta(days=7), RESUMES + timedelta(days=8)
    svc = open_service(data_dir, clock=lambda: MONDAY)
    try:
        svc.records.save_supervisee(Supervisee("Sam Okafor", id=SID, created_at=STAMP))
        svc.records.save_agreement(Agreement(SID, rrule="FREQ=WEEKLY;BYDAY=TU", timezone="UTC",
                                             dtstart=RESUMES,
                                             created_at=MONDAY - timedelta(days=1)))
        svc.records.save_session(Session([SID], planned_start=moved_to,
                                         rescheduled_from=moved_from, created_at=MONDAY))
        [first] = home_rows(svc.workspace)
    finally:
        svc.close()
    assert first.due == RESUMES
    later = MONDAY + timedelta(hours=3)
    svc = open_service(data_dir, clock=lambda: later)
    try:
        [again] = home_rows(svc.workspace)
    finally:
        svc.close()
    assert again.due == again.next_due(later) == RESUMES


@pytest.mark.parametrize("kept", [
    # due, since, until: a window far longer than any...
    ("2100-06-01T10:00:00+00:00", "2000-01-01T00:00:00+00:00", "2100-01-01T00:00:00+00:00"),
    # ...one that ends before it begins...
    ("2026-03-05T10:00:00+00:00", "2026-03-02T10:00:00+00:00", "2026-03-02T09:00:00+00:00"),
    # ...and one that goes on past the next date.
    ("2026-03-04T10:00:00+00:00", "2026-03-02T08:00:00+00:00", "2026-03-05T00:00:00+00:00"),
])
def test_a_kept_window_no_start_could_have_kept_is_not_used(data_dir, kept):
    """A damaged or edited file (in a plain folder nothing seals it) is worked out again."""
    svc = open_service(data_dir, clock=lambda: MONDAY)
    try:
        seed(svc.records)
        [first] = home_rows(svc.workspace)
        head, _, body = kept_file(data_dir).read_bytes().partition(b"\n")
        doc = orjson.loads(body)
        due, since, until = kept
        doc["rows"][SID] = [due, None, None, since, until]
        kept_file(data_dir).write_bytes(head + b"\n" + orjson.dumps(doc))
        [again] = home_rows(svc.workspace)
    finally:
        svc.close()
    assert (again.due, again.late) == (first.due, first.late) != (datetime.fromisoformat(due), 0)


def test_a_full_disk_only_means_the_figures_are_worked_out_again(data_dir, monkeypatch):
    import errno

    from supervisor_tui.store import derived

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(derived, "atomic_write", full)
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    first, again = starts(data_dir, monday, monday + timedelta(hours=1))
    assert not kept_file(data_dir).exists()
    assert again.due == first.due == datetime(2026, 3, 3, 10, tzinfo=UTC)


_scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats()
            | st.text(max_size=40) | st.sampled_from(
                ["2026-03-03T10:00:00+00:00", "2026-03-03", "Europe/London", "../../etc",
                 "2026-03-02T08:00:00", "2026-03-02T10:00:00", "9999-12-31T23:59:59+14:00",
                 "UTC"]))
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=6)
                     | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@example(kept=json.dumps({"format": 2, "rows": {SID: [  # a window of moments without a zone
    None, None, None, "2026-03-02T08:00:00", "2026-03-02T10:00:00"]}}).encode())
@given(kept=st.one_of(
    st.binary(max_size=200),
    st.builds(lambda item: json.dumps({"format": 2, "rows": {SID: item}}).encode(), _json),
    st.builds(lambda doc: json.dumps(doc).encode(), _json)))
def test_whatever_the_kept_file_holds_home_shows_the_figures_worked_out_now(tmp_path_factory,
                                                                            kept):
    """Hostile bytes or JSON of any shape after a valid mark line (none of it a window that
    holds on Monday): the figures home shows are those worked out afresh."""
    data_dir = tmp_path_factory.mktemp("data")
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday)
    try:
        seed(svc.records)
        [first] = home_rows(svc.workspace)
        head = kept_file(data_dir).read_bytes().partition(b"\n")[0]
        kept_file(data_dir).write_bytes(head + b"\n" + kept)
        [again] = home_rows(svc.workspace)
    finally:
        svc.close()
    assert (again.due, again.late, again.group_late) == (first.due, first.late, first.group_late)


def test_a_start_with_nothing_new_to_keep_writes_nothing(data_dir):
    """Someone with no agreement has no figures to keep: a start that only finds them (and
    kept figures that hold) leaves the kept file as it was."""
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    svc = open_service(data_dir, clock=lambda: monday)
    try:
        seed(svc.records)
        svc.records.save_supervisee(Supervisee("Jo Bell", id="s-jo", created_at=STAMP))
        home_rows(svc.workspace)
        home_rows(svc.workspace)  # the roster copy it was kept under, after Jo's summary
        before = kept_file(data_dir).stat()
        home_rows(svc.workspace)
    finally:
        svc.close()
    after = kept_file(data_dir).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
