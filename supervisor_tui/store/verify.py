"""`verify`: check every supervisee's decision hash chain and seals against their heads.

The chain (domain/hashchain.py) catches an edited, reordered or deleted decision inside the log;
the head kept in the roster (count and last hash) catches deletion of the newest decisions; the
seals (domain/seal.py, store/sealing.py) catch edited or deleted sessions, actions and cases, a
head adjusted by hand, an older copy of a file put back, and people taken off the roster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from supervisor_tui.domain.hashchain import verify_chain
from supervisor_tui.store.bundle import Progress, passing_read
from supervisor_tui.store.errors import StoreError
from supervisor_tui.store.records import Records
from supervisor_tui.store.sealing import PersonMarks


@dataclass
class ChainReport:
    supervisee_id: str
    name: str
    decisions: int = 0
    problems: list[str] = field(default_factory=list)
    marks: PersonMarks = field(default_factory=PersonMarks)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_supervisee(records: Records, supervisee_id: str, name: str) -> ChainReport:
    report = ChainReport(supervisee_id, name)
    try:
        decisions = records.decisions(supervisee_id)
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    report.decisions = len(decisions)
    keys = records.seals.keys()
    if keys:
        sealed = records.seals.check(supervisee_id, keys)
        report.problems += sealed.problems
        report.marks = sealed.marks
    for p in verify_chain(decisions):
        report.problems.append(f"decision {p.position} ({p.decision_id}): {p.problem}")
    for n, d in enumerate(decisions, start=1):
        if d.supervisee_id != supervisee_id:
            report.problems.append(f"decision {n} ({d.id}) belongs to another supervisee")
    head = records.chain_head(supervisee_id)
    last = decisions[-1].hash if decisions else ""
    count, last_hash = head if head is not None else (0, "")  # none: the first save cut off?
    if len(decisions) < count:
        missing = count - len(decisions)
        report.problems.append(
            f"{missing} decision(s) missing: the log should hold {count}, it holds "
            f"{len(decisions)}")
    elif len(decisions) == count + 1 and decisions[-1].prev_hash == last_hash:
        pass  # a save cut off between the two files (finished when the app next opens)
    elif len(decisions) > count:
        report.problems.append(
            f"the log holds {len(decisions)} decisions but only {count} were recorded")
    elif last != last_hash:
        report.problems.append("the newest decision is not the one last recorded")
    return report


def folder_problems(records: Records) -> list[str]:
    """What is wrong with the folder as a whole: people taken off the roster, files that
    belong to nobody (empty if the folder was never sealed: see `Sealer.seal_as_found`)."""
    keys = records.seals.keys()
    if not keys:
        return []
    try:
        people = {p.id: p.name for p in records.supervisees(include_archived=True)}
    except StoreError as exc:
        return [str(exc)]
    return records.seals.check_people(keys, people)


def verify_all(records: Records, progress: Progress | None = None) -> list[ChainReport]:
    """One report per supervisee (archived included), by name."""
    people = records.supervisees(include_archived=True)
    reports = []
    for n, person in enumerate(people, start=1):
        reports.append(passing_read(records, person.id, partial(
            verify_supervisee, records, person.id, person.name)))
        if progress is not None:
            progress(n, len(people))
    return reports
