"""Golden files of every export on the fixture history (fixed ids, times and `today`).

To accept a deliberate change: SUPERVISOR_TUI_UPDATE_GOLDENS=1 pytest tests/reports, then review
the diff of tests/reports/golden/.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supervisor_tui.reports.audit import audit_csv, audit_json, audit_table, build_audit
from supervisor_tui.reports.case_extract import case_extract_markdown
from supervisor_tui.reports.practitioner import practitioner_json, practitioner_markdown
from supervisor_tui.reports.record import bundle_session_markdown
from supervisor_tui.services.exports import prompt_wording
from supervisor_tui.store.bundle import find_session
from tests.reports.fixture import TODAY

WORDING = prompt_wording()
"""The prompts' wording, as the exports use it."""

GOLDEN = Path(__file__).parent / "golden"
EXPORTED = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SUPERVISOR_TUI_UPDATE_GOLDENS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; create it with SUPERVISOR_TUI_UPDATE_GOLDENS=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("session_id", ["x-000001", "x-000002", "x-000003", "x-000004"])
def test_session_record(history, session_id):
    session, attendees = find_session(history.records, session_id)
    check_golden(f"session-{session_id}.md",
                 bundle_session_markdown(session, attendees, prompts=WORDING))


@pytest.mark.parametrize("index", [0, 1])
def test_practitioner_markdown(bundles, index):
    names = {b.supervisee.id: b.supervisee.name for b in bundles}
    b = bundles[index]
    check_golden(f"practitioner-{b.supervisee.id}.md",
                 practitioner_markdown(b, EXPORTED, TODAY, names, WORDING))


def test_practitioner_json(bundles):
    check_golden("practitioner-s-a1a1a1.json", practitioner_json(bundles[0], EXPORTED))


def test_case_extract(bundles):
    check_golden("case-AB-12.md", case_extract_markdown(bundles, "ab-12", EXPORTED))


@pytest.mark.parametrize(("fmt", "render"), [("txt", audit_table), ("csv", audit_csv),
                                              ("json", audit_json)])
def test_audit(bundles, fmt, render):
    audit = build_audit(bundles, datetime(2026, 1, 1).date(), datetime(2026, 3, 31).date(), TODAY)
    check_golden(f"audit-2026q1.{fmt}", render(audit))
