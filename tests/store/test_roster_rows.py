"""The roster's rows decoded by the opening check are handed to the first reader of each table
(home's first rows) instead of being decoded again, once, and only while the roster is the same
copy; the figures kept from it are keyed to that copy (`roster_mark`)."""

from __future__ import annotations

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.store import record_files
from tests.support import STAMP, open_service


def people(svc) -> list[Supervisee]:
    return svc.records.supervisees()


def test_the_checks_rows_are_handed_out_once_and_never_shared(data_dir, monkeypatch):
    svc = open_service(data_dir)
    svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
    svc.close()
    svc = open_service(data_dir)
    try:
        decoded: list[str] = []
        decode = record_files.decode_rows

        def counting(cls, rows, table, where):
            decoded.append(table.name)
            return decode(cls, rows, table, where)

        monkeypatch.setattr(record_files, "decode_rows", counting)
        first = people(svc)
        assert decoded == [], "the first read takes what the opening check decoded"
        second = people(svc)
        assert decoded == ["supervisees"]
        assert first == second and first[0] is not second[0]
        first[0].name = "changed in a form, not saved"
        assert people(svc)[0].name == "Sam Okafor"
    finally:
        svc.close()


def test_rows_checked_before_a_write_are_not_handed_out_after_it(data_dir):
    svc = open_service(data_dir)
    try:
        svc.records.check_roster()
        svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
        assert [p.name for p in people(svc)] == ["Sam Okafor"]
    finally:
        svc.close()


def test_the_roster_mark_names_the_copy_held_and_follows_each_save(data_dir):
    svc = open_service(data_dir)
    try:
        svc.records.save_supervisee(Supervisee("Sam Okafor", id="s-sam", created_at=STAMP))
        before = svc.records.roster_mark()
        assert before is not None
        assert svc.records.roster_mark() == before
        svc.records.save_supervisee(Supervisee("Jo Bell", id="s-jo", created_at=STAMP))
        after = svc.records.roster_mark()
        assert after is not None and after != before
        svc.records.folder.forget_roster()
        assert svc.records.roster_mark() == after, "read again: the same copy"
    finally:
        svc.close()
