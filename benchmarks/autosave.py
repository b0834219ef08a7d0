"""Autosave: durably saving one notes edit in a session of the corpus.

Ours: `Records.save_notes` on a working copy of the data folder (encode the session, upsert it into
the supervisee's TinyDB file, atomic write: temp file, fsync, rename, folder fsync).
Reference: the same upsert through one TinyDB `JSONStorage` file holding the whole corpus.
Floor: writing and fsyncing as many bytes as ours wrote, to one file.
"""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

from tinydb import Query, TinyDB

from benchmarks.common import Figure, Settings, alternate, repeats_for, scratch
from benchmarks.corpus import TODAY
from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.session import Session
from supervisor_tui.store.atomic import PlainFormat, read_file
from supervisor_tui.store.folder import DataFolder
from supervisor_tui.store.records import Records


def _fsync_floor(path: Path, size: int) -> float:
    payload = os.urandom(size)
    started = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - started


def measure(settings: Settings) -> Figure:
    corpus = settings.corpus
    sid = corpus.manifest["autosave"]["supervisee_id"]
    session_id = corpus.manifest["autosave"]["session_id"]
    figure = Figure("autosave", "s")
    with scratch("autosave", corpus) as tmp:
        folder = DataFolder.open(corpus.working_copy(tmp / "data"), lambda: TODAY)
        reference_path = tmp / "reference.json"
        reference_path.write_bytes(corpus.reference.read_bytes())
        reference = TinyDB(reference_path)
        try:
            records = Records(folder)
            session = records.session(sid, session_id)
            target = folder.supervisee_path(sid)
            records.save_notes(session)  # the first save of a run also rotates the backups
            other = copy.deepcopy(session)  # the reference side edits its own copy

            def edit(s: Session) -> None:
                s.notes += f"\nA further thought at {time.perf_counter_ns()}."

            def ours() -> float:
                edit(session)
                started = time.perf_counter()
                records.save_notes(session)
                return time.perf_counter() - started

            def single_file() -> float:
                edit(other)
                started = time.perf_counter()
                reference.table("sessions").upsert(to_dict(other), Query().id == other.id)
                return time.perf_counter() - started

            def floor() -> float:
                return _fsync_floor(tmp / "floor.bin", target.stat().st_size)

            runs = alternate({"ours": ours, "reference": single_file, "floor": floor},
                             repeats_for(settings, "autosave"), settings.log)
            on_disk = read_file(target, PlainFormat())["sessions"].values()
            if not any(d["id"] == session.id and d["notes"] == session.notes for d in on_disk):
                raise RuntimeError("the autosave benchmark's last edit did not reach the disk")
            size = target.stat().st_size
        finally:
            reference.close()
            folder.close()
    figure.ours, figure.reference, figure.floor = runs["ours"], runs["reference"], runs["floor"]
    figure.note = (f"one supervisee file of {size / 1e6:.1f} MB against one file of "
                   f"{corpus.manifest['bytes']['reference'] / 1e6:.1f} MB")
    return figure
