"""Property tests: every domain object and every text field round-trips exactly through the store,
plain and encrypted; random bytes, random mutations and hostile JSON never crash the loader."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
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
from supervisor_tui.services.home import home_rows
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.atomic import FileFormat
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.records import Records
from tests.store.conftest import opener
from tests.support import STAMP, fixed_clock

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
SID = "s-0123456789ab"

text = st.text()  # every code point but surrogates: control, RTL, combining, emoji
short = st.text(max_size=40)
#: One-line fields refuse control characters when saved (domain/text_safety.py).
one_line = st.text(alphabet=st.characters(exclude_categories=("Cs",)).filter(
    lambda c: CONTROL.match(c) is None), max_size=200)
moments = st.datetimes(
    min_value=__import__("datetime").datetime(1900, 1, 1),
    max_value=__import__("datetime").datetime(2200, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                               timezone(timedelta(hours=-8))]),
)
days = st.dates(min_value=__import__("datetime").date(1900, 1, 1))
case_refs = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9/._-]{0,31}\Z")
maybe = st.none

agenda = st.builds(AgendaItem, title=text, function=maybe() | st.sampled_from(Function),
                   case_ref=maybe() | case_refs, timebox_minutes=maybe() | st.integers(1, 240),
                   done=st.booleans(), source=short)
checkins = st.builds(CheckIn, supervisee_id=st.just(SID), phase=st.sampled_from(CheckInPhase),
                     score=st.integers(1, 5), word=short, at=moments)
entries = st.builds(RecordEntry, text=text, reason=text, author=short,
                    kind=st.sampled_from(EntryKind), at=moments)
sessions = st.builds(
    Session, supervisee_ids=st.just([SID]), type=st.sampled_from(SessionType),
    status=st.sampled_from(SessionStatus), planned_start=maybe() | moments,
    duration_minutes=st.integers(5, 480), started_at=maybe() | moments,
    ended_at=maybe() | moments, agenda=st.lists(agenda, max_size=4),
    notes=text, notes_saved_at=maybe() | moments, prompts_used=st.lists(short, max_size=3),
    checkins=st.lists(checkins, max_size=3),
    checklist=st.dictionaries(short, st.booleans(), max_size=3),
    sections=st.dictionaries(short, text, max_size=5), next_date=maybe() | moments,
    finalised_at=maybe() | moments,
    signoffs=st.lists(st.builds(SignOff, supervisee_id=st.just(SID), initials=short,
                                at=moments), max_size=2),
    cancel_reason=text, cancelled_by=maybe() | st.sampled_from(CancelledBy),
    cancelled_at=maybe() | moments, created_at=moments,
)
decisions = st.builds(Decision, supervisee_id=st.just(SID), session_id=short,
                      text=one_line.filter(str.strip), rationale=text.filter(str.strip),
                      case_ref=maybe() | case_refs, flags=st.lists(st.sampled_from(DecisionFlag)),
                      decided_by=short, decided_at=moments, amends=maybe() | short)
actions = st.builds(Action, supervisee_id=st.just(SID), session_id=short,
                    text=one_line.filter(str.strip), owner=one_line.filter(str.strip),
                    due=maybe() | days, status=st.sampled_from(ActionStatus),
                    case_ref=maybe() | case_refs, created_at=moments,
                    closed_at=maybe() | moments, closed_in_session=maybe() | short)
people = st.builds(Supervisee, name=one_line.filter(str.strip),
                   role=one_line, id=st.just(SID), archived=st.booleans(), created_at=moments)
agreements = st.builds(Agreement, supervisee_id=st.just(SID), rrule=short,
                       dtstart=maybe() | moments,
                       timezone=short, duration_minutes=st.integers(5, 480),
                       confidentiality=text, exceptions=text, records=text,
                       review_date=maybe() | days, created_at=moments)
cases = st.builds(Case, ref=case_refs, risk=st.sampled_from(RiskLevel), active=st.booleans(),
                  opened_at=moments)


@pytest.fixture(params=["plain", "encrypted"])
def kind(request) -> str:
    return request.param


@SETTINGS
@given(person=people, agreement=agreements, session_list=st.lists(sessions, max_size=3),
       decision_list=st.lists(decisions, max_size=3, unique_by=lambda d: d.id),
       action_list=st.lists(actions, max_size=3),
       case=cases, entry_list=st.lists(entries, max_size=2))
def test_every_object_and_text_field_round_trips(kind, person, agreement, session_list,
                                                 decision_list, action_list, case, entry_list):
    open_store = opener(kind)
    folder = Path(tempfile.mkdtemp()) / "data"
    try:
        svc = open_store(folder)
        svc.records.save_supervisee(person)
        svc.records.save_agreement(agreement)
        for s in session_list:
            s.entries = list(entry_list)
            svc.records.save_notes(s)
        for d in decision_list:
            svc.records.add_decision(d)
        for a in action_list:
            svc.records.save_action(a)
        svc.records.save_case(SID, case)
        svc.close()

        again = open_store(folder)
        try:
            r = again.records
            assert r.supervisee(SID) == person
            assert r.agreements(SID) == [agreement]
            by_id = {s.id: s for s in r.sessions(SID)}
            assert by_id == {s.id: s for s in session_list}
            assert r.decisions(SID) == decision_list
            assert {a.id: a for a in r.actions(SID)} == {a.id: a for a in action_list}
            assert r.cases(SID) == [case]
        finally:
            again.close()
    finally:
        shutil.rmtree(folder.parent)


def _load_everything(records: Records) -> dict[str, int]:
    """Every read the app and CLI make when opening a folder and a supervisee; how many rows of
    each kind came back."""
    home_rows(Workspace(records, fixed_clock))
    counts = {"supervisees": 0, "sessions": 0, "decisions": 0, "actions": 0}
    for person in records.supervisees(include_archived=True):
        counts["supervisees"] += 1
        counts["sessions"] += len(records.sessions(person.id))
        counts["decisions"] += len(records.decisions(person.id))
        counts["actions"] += len(records.actions(person.id))
        records.cases(person.id)
        records.agreements(person.id)
        records.refresh_summary(person.id)
    return counts


def _valid_folder(kind: str) -> Path:
    folder = Path(tempfile.mkdtemp()) / "data"
    svc = opener(kind)(folder)
    svc.records.save_supervisee(Supervisee("Ada", id=SID, created_at=STAMP))
    session = Session([SID], notes="hello", created_at=STAMP)
    session.start(STAMP)
    svc.records.save_session(session)
    svc.records.save_action(Action(SID, session.id, "call", "Ada", created_at=STAMP))
    svc.close()
    return folder


def _rows_in(folder: Path, target: str, fmt: FileFormat) -> dict[str, int] | None:
    """How many rows of each table the file now holds; None when it is no readable document
    (cannot be unsealed, is not JSON, or is not a document of tables)."""
    path = folder / target
    try:
        doc = orjson.loads(fmt.unseal(path.read_bytes(), path))
    except Exception:  # noqa: BLE001 - anything unreadable is "no document"
        return None
    if not isinstance(doc, dict) or not all(isinstance(v, dict) for v in doc.values()):
        return None
    return {table: len(rows) for table, rows in doc.items()}


def _loaded_whole_or_refused(kind: str, folder: Path, target: str, fmt: FileFormat) -> None:
    """The outcome every damaged file must have: refused with a message (a StoreError), or
    read whole. A loader that skipped the rows it could not decode, and carried on as if the
    file were fine, would fail here."""
    try:
        svc = opener(kind)(folder)
    except StoreError as refused:
        assert str(refused)
        return
    try:
        loaded = _load_everything(svc.records)
    except StoreError as refused:
        assert str(refused)
        return
    finally:
        svc.close()
    rows = _rows_in(folder, target, fmt)
    assert rows is not None, f"{target} cannot be read, yet it was loaded as if it were fine"
    kinds = ["supervisees"] if target == "roster.json" else ["sessions", "decisions", "actions"]
    for kind_of_row in kinds:
        assert loaded[kind_of_row] == rows.get(kind_of_row, 0), (
            f"{target}: {rows.get(kind_of_row, 0)} {kind_of_row} in the file, "
            f"{loaded[kind_of_row]} read: rows were dropped without a word")


def _format_of(kind: str, folder: Path) -> FileFormat:
    svc = opener(kind)(folder)
    try:
        return svc.workspace.folder.fmt
    finally:
        svc.close()


@pytest.mark.parametrize("target", ["roster.json", f"supervisees/{SID}.json"])
@SETTINGS
@given(blob=st.binary(max_size=2000))
def test_random_bytes_as_a_data_file_never_crash_the_loader(kind, target, blob):
    folder = _valid_folder(kind)
    try:
        fmt = _format_of(kind, folder)
        (folder / target).write_bytes(blob)
        _loaded_whole_or_refused(kind, folder, target, fmt)
        assert (folder / target).read_bytes() == blob  # left untouched
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.parametrize("target", ["roster.json", f"supervisees/{SID}.json"])
@SETTINGS
@given(data=st.data())
def test_random_mutations_of_a_valid_file_never_crash_the_loader(kind, target, data):
    folder = _valid_folder(kind)
    try:
        fmt = _format_of(kind, folder)
        path = folder / target
        blob = bytearray(path.read_bytes())
        for _ in range(data.draw(st.integers(1, 4))):
            at = data.draw(st.integers(0, max(len(blob) - 1, 0)))
            op = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
            if op == "flip" and blob:
                blob[at] ^= data.draw(st.integers(1, 255))
            elif op == "delete":
                del blob[at:at + data.draw(st.integers(1, 8))]
            elif op == "insert":
                blob[at:at] = data.draw(st.binary(min_size=1, max_size=8))
            else:
                del blob[at:]
        path.write_bytes(bytes(blob))
        _loaded_whole_or_refused(kind, folder, target, fmt)
    finally:
        shutil.rmtree(folder.parent)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize("target", ["roster.json", f"supervisees/{SID}.json"])
@SETTINGS
@given(data=st.data())
def test_hostile_json_with_wrong_types_never_crashes_the_loader(kind, target, data):
    """Valid JSON (sealed with the folder's own key when encrypted) with wrong shapes."""
    folder = _valid_folder(kind)
    try:
        path = folder / target
        fmt = _format_of(kind, folder)
        doc = orjson.loads(fmt.unseal(path.read_bytes(), path))
        table = data.draw(st.sampled_from(sorted(doc)))
        doc_id = data.draw(st.sampled_from(sorted(doc[table])))
        row = doc[table][doc_id]
        field = data.draw(st.sampled_from(sorted(row)))
        row[field] = data.draw(json_values)
        path.write_bytes(fmt.seal(orjson.dumps(doc)))
        _loaded_whole_or_refused(kind, folder, target, fmt)
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.parametrize("blob", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"sessions": {"1": {"notes": "' + b"x" * 5_000_000 + b'"}}}',
    b'{"sessions": {"1": {"duration_minutes": 1' + b"0" * 400 + b'}}}',
    b'{"sessions": {"abc": {}}}',
    b'{"sessions": {"1": [1, 2]}}',
    b'{"meta": {"1": {"schema_version": 99}}}',
    b'{"meta": {"1": {"schema_version": "one"}}}',
    b"\xff\xfe\x00{}",
    b'{"meta": {"1": {"schema_version": 1}}, '
    b'"supervisees": {"1": {"name": "A", "id": "../../escape"}}}',
    b'{"meta": {"1": {"schema_version": 1}}, "supervisees": {"1": {"name": "A", "id": "s,01"}}}',
])
def test_hostile_files_give_a_store_error(kind, blob):
    folder = _valid_folder(kind)
    try:
        svc = opener(kind)(folder)
        fmt = svc.workspace.folder.fmt
        svc.close()
        for target in ("roster.json", f"supervisees/{SID}.json"):
            original = (folder / target).read_bytes()
            (folder / target).write_bytes(fmt.seal(blob))
            if target == "roster.json":  # nothing opens on a roster like these
                with pytest.raises(StoreError) as refused:
                    svc = opener(kind)(folder)
                    try:
                        _load_everything(svc.records)
                    finally:
                        svc.close()
                assert str(refused.value)
            else:  # some are a person's file with no sessions yet, the rest are refused
                _loaded_whole_or_refused(kind, folder, target, fmt)
            (folder / target).write_bytes(original)
    finally:
        shutil.rmtree(folder.parent)
