"""Golden files of every export on the bundled demo data set, written for a fixed `today`.

The demo is deterministic for a given day, so these files change only when the demo or an
export changes. To accept a deliberate change: SUPERVISOR_TUI_UPDATE_GOLDENS=1 pytest
tests/reports, then review the diff of tests/reports/golden/demo/.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest

from supervisor_tui.demo import write_demo
from supervisor_tui.domain.bundle import SuperviseeRecords
from supervisor_tui.reports.audit import audit_csv, audit_json, audit_table, build_audit
from supervisor_tui.reports.case_extract import case_extract_markdown
from supervisor_tui.reports.practitioner import practitioner_json, practitioner_markdown
from supervisor_tui.reports.record import bundle_session_markdown
from supervisor_tui.services.exports import prompt_wording
from supervisor_tui.store.bundle import find_session, load_bundles
from supervisor_tui.store.verify import verify_all
from tests.reports.test_golden import check_golden
from tests.support import open_service

WORDING = prompt_wording()
"""The prompts' wording, as the exports use it."""

TODAY = date(2026, 11, 23)
EXPORTED = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[list[SuperviseeRecords], dict[str, str]]:
    path = tmp_path_factory.mktemp("demo") / "data"
    svc = open_service(path)
    try:
        write_demo(svc.records, TODAY)
        bundles = load_bundles(svc.records)
        assert all(r.ok for r in verify_all(svc.records))
        texts = {}
        for n, b in enumerate(bundles):
            held = [s for s in b.sessions if s.is_finalised]
            for label, session in (("first", held[0]), ("latest", held[-1])):
                found, attendees = find_session(svc.records, session.id)
                texts[f"demo/session-{n}-{label}.md"] = bundle_session_markdown(
                    found, attendees, prompts=WORDING)
        for s in (s for b in bundles for s in b.sessions):
            if s.entries:
                found, attendees = find_session(svc.records, s.id)
                texts[f"demo/session-amended-{s.when.date().isoformat()}.md"] = (
                    bundle_session_markdown(found, attendees, prompts=WORDING))
    finally:
        svc.close()
    return bundles, texts


def test_demo_session_records(demo):
    _, texts = demo
    assert len(texts) >= 8
    for name, text in sorted(texts.items()):
        check_golden(name, text)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_demo_practitioner_files(demo, index):
    bundles, _ = demo
    names = {b.supervisee.id: b.supervisee.name for b in bundles}
    b = bundles[index]
    check_golden(f"demo/practitioner-{index}.md",
                 practitioner_markdown(b, EXPORTED, TODAY, names, WORDING))
    check_golden(f"demo/practitioner-{index}.json", practitioner_json(b, EXPORTED))


def test_demo_case_extract(demo):
    bundles, _ = demo
    refs = Counter(d.case_ref for b in bundles for d in b.decisions if d.case_ref)
    ref, _ = refs.most_common(1)[0]
    check_golden("demo/case-most-decided.md", case_extract_markdown(bundles, ref, EXPORTED))


@pytest.mark.parametrize(("fmt", "render"), [("txt", audit_table), ("csv", audit_csv),
                                              ("json", audit_json)])
def test_demo_audit(demo, fmt, render):
    bundles, _ = demo
    audit = build_audit(bundles, date(2026, 6, 1), TODAY, TODAY)
    check_golden(f"demo/audit-2026-06-01-to-2026-11-23.{fmt}", render(audit))
