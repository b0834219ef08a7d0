"""What search and the audit work out from each supervisee's history, kept per copy of the
history file: held in memory, else read back from the folder's `index/` (see `store.derived`),
else made from the records, the file read once and let go, and kept there for the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from supervisor_tui.store.bundle import passing_read
from supervisor_tui.store.derived import file_mark, read_part, write_part
from supervisor_tui.store.records import Records

T = TypeVar("T")
Kept = tuple[str | None, T]
"""What was worked out, and the copy of the history file it was worked out from."""


def up_to_date(records: Records, supervisee_id: str, kind: str, held: Kept[T] | None,
               read: Callable[[bytes], T | None], make: Callable[[], T],
               dump: Callable[[T], bytes]) -> Kept[T]:
    """`held` if the history file is the copy it was worked out from; else what was kept of
    this `kind` from the file as it is (`read` returns None for what it cannot use); else
    `make()`, kept as `dump` gives it."""
    folder = records.folder
    mark = file_mark(folder, supervisee_id)
    if held is not None and held[0] == mark:
        return held
    blob = read_part(folder, supervisee_id, mark, kind) if mark is not None else None
    found = read(blob) if blob is not None else None
    if found is None:
        found = passing_read(records, supervisee_id, make)
        if mark is not None:
            write_part(folder, supervisee_id, mark, dump(found), kind)
    return mark, found
