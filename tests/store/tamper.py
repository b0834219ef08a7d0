"""Editing a closed data folder's files behind the app's back, as tampering would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

Rows = list[dict[str, Any]]


def tamper_decisions(folder: Path, supervisee_id: str, change: Callable[[Rows], Rows]) -> None:
    """Rewrite the decisions table of one supervisee's file through `change(rows)`."""
    path = folder / "supervisees" / f"{supervisee_id}.json"
    data = orjson.loads(path.read_bytes())
    rows = [data["decisions"][k] for k in sorted(data["decisions"], key=int)]
    data["decisions"] = {str(n): row for n, row in enumerate(change(rows), start=1)}
    path.write_bytes(orjson.dumps(data))
