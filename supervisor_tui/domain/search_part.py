"""One supervisee's searchable texts in a compact form that can be kept on disk.

In memory a part holds the words of its texts and which texts hold each (`search_words`),
the little needed to filter and order the texts (kinds, times, flags, functions and case
references, in flat arrays), and the texts themselves compressed in small chunks, opened
only for the texts a query shows or must check word by word. `to_bytes`/`from_bytes` give
the form kept on disk; `from_bytes` refuses anything malformed with PartError.
"""

from __future__ import annotations

import re
import struct
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

import orjson
import zstandard

from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.search_words import Words, WordsError, from_little, little

CHUNK = 32
"""Texts per compressed chunk: a shown hit opens one chunk (a few KB)."""
_MAGIC = b"SUPERVISOR-TUI-SEARCH-PART\x02"
_HEADER = struct.Struct("<I")
OPEN_CHUNKS = 256
"""Chunks held open at once by all the parts of an index (a few MB at most)."""
_LEVEL = 3
"""Zstandard's default level: smaller than zlib's quickest, and a chunk opens in a third of
zlib's time (about 8 us), which a query that checks texts word by word does thousands of."""
_LARGEST_CHUNK = 1 << 24
_CONTEXTS = threading.local()
"""Each thread's zstandard contexts (one may not be used by two threads at once), kept: one
made for every chunk would cost more than the chunk."""
_ESCAPED = re.compile(r'["\\\x00-\x1f]')
"""What JSON writes escaped in a chunk."""
_NO_TIME = float("-inf")
_FIRST, _LAST = -62135596800.0, 253402300799.0
"""The first and last second a datetime can hold (years 1 and 9999, UTC)."""


class PartError(ValueError):
    """A stored part that cannot be read (damaged, or written by another version)."""


class OpenChunks:
    """The chunks opened last, of any part, up to a number: shared by an index's parts."""

    def __init__(self, room: int = OPEN_CHUNKS) -> None:
        self.room = room
        self._rows: dict[tuple[Part, int], list[list[str]]] = {}

    def get(self, part: Part, number: int) -> list[list[str]] | None:
        rows = self._rows.pop((part, number), None)
        if rows is not None:
            self._rows[part, number] = rows  # the most recent again
        return rows

    def put(self, part: Part, number: int, rows: list[list[str]]) -> None:
        while len(self._rows) >= self.room:
            self._rows.pop(next(iter(self._rows)))
        self._rows[part, number] = rows

    def forget(self, part: Part) -> None:
        """Let go of a part's chunks (it was replaced or dropped: held here, it would be held
        whole)."""
        for key in [k for k in self._rows if k[0] is part]:
            del self._rows[key]


class HitKind(StrEnum):
    AGENDA = "agenda"
    NOTES = "notes"
    DECISION = "decision"
    RATIONALE = "rationale"
    ACTION = "action"
    SECTION = "section"
    ENTRY = "entry"

    @property
    def label(self) -> str:
        return {
            "agenda": "Agenda", "notes": "Notes", "decision": "Decision",
            "rationale": "Rationale", "action": "Action", "section": "Record",
            "entry": "Entry",
        }[self.value]


KINDS = list(HitKind)
_FUNCTIONS = {f.value: f for f in Function}


@dataclass(frozen=True, slots=True)
class Doc:
    """One searchable text, as gathered from the records (only while a part is built)."""

    kind: HitKind
    session_id: str
    ref_id: str
    """What the text belongs to: the session, an agenda item, a decision, an action, an entry."""
    when: datetime | None
    text: str
    functions: frozenset[Function]
    case_refs: frozenset[str]
    """Case-folded case references the text is about."""
    flagged: bool


def _table(values: Iterable[frozenset[Any]], into: dict[frozenset[Any], int]) -> array[int]:
    return array("I", (into.setdefault(v, len(into)) for v in values))


class Part:
    """One supervisee's texts, newest first (see the module docstring)."""

    __slots__ = ("words", "kinds", "times", "offsets", "flags", "functions", "cases",
                 "function_sets", "case_sets", "session_of", "sessions", "chunks", "opened")

    def __init__(self) -> None:
        self.words = Words.build([])
        self.kinds = b""
        self.times: array[float] = array("d")
        self.offsets: array[int] = array("i")
        self.flags = b""
        self.functions: array[int] = array("I")
        self.cases: array[int] = array("I")
        self.function_sets: list[tuple[str, ...]] = []
        """Each distinct set of functions, as their values in order. Tuples of strings, not
        frozensets: the collector stops tracking them, and a folder of hundreds of people held
        tens of thousands, walked by each full collection during a search."""
        self.case_sets: list[tuple[str, ...]] = []
        self.session_of: array[int] = array("I")
        self.sessions: list[str] = []
        self.chunks: list[bytes] = []
        self.opened = OpenChunks(8)
        """Where opened chunks are held: an index gives its parts one store to share."""

    @classmethod
    def build(cls, docs: Sequence[Doc]) -> Part:
        """A part of `docs`, which must be newest first."""
        part = cls()
        part.words = Words.build([d.text for d in docs])
        part.kinds = bytes(KINDS.index(d.kind) for d in docs)
        for d in docs:
            offset = d.when.utcoffset() if d.when else None
            part.times.append(d.when.timestamp() if d.when else _NO_TIME)
            part.offsets.append(int(offset.total_seconds()) if offset is not None else 0)
        part.flags = bytes(d.flagged for d in docs)
        function_sets: dict[frozenset[Any], int] = {}
        case_sets: dict[frozenset[Any], int] = {}
        part.functions = _table((d.functions for d in docs), function_sets)
        part.cases = _table((d.case_refs for d in docs), case_sets)
        part.function_sets = [tuple(sorted(f.value for f in s)) for s in function_sets]
        part.case_sets = [tuple(sorted(s)) for s in case_sets]
        sessions: dict[str, int] = {}
        part.session_of = array("I", (sessions.setdefault(d.session_id, len(sessions))
                                      for d in docs))
        part.sessions = list(sessions)
        squeeze = zstandard.ZstdCompressor(level=_LEVEL).compress
        part.chunks = [squeeze(orjson.dumps([[d.ref_id, d.text] for d in docs[n:n + CHUNK]]))
                       for n in range(0, len(docs), CHUNK)]
        return part

    def __len__(self) -> int:
        return len(self.kinds)

    def folded(self, n: int) -> str:
        """Text `n` case-folded, as its words were taken (opens its chunk)."""
        return self.original(n)[1].casefold()

    def texts_with(self, word: str, open_before: bool, open_after: bool) -> int | None:
        """See `Words.texts_with`."""
        try:
            return self.words.texts_with(word, open_before, open_after)
        except WordsError as exc:
            raise PartError(f"damaged words: {exc}") from exc

    def kind(self, n: int) -> HitKind:
        return KINDS[self.kinds[n]]

    def timestamp(self, n: int) -> float:
        return self.times[n]

    def when(self, n: int) -> datetime | None:
        stamp = self.times[n]
        if stamp == _NO_TIME:
            return None
        try:
            return datetime.fromtimestamp(stamp, timezone(timedelta(seconds=self.offsets[n])))
        except (OverflowError, ValueError, OSError) as exc:
            raise PartError("a time out of range") from exc

    def flagged(self, n: int) -> bool:
        return bool(self.flags[n])

    def functions_of(self, n: int) -> tuple[str, ...]:
        """The values of the functions text `n` is about."""
        return self.function_sets[self.functions[n]]

    def cases_of(self, n: int) -> tuple[str, ...]:
        return self.case_sets[self.cases[n]]

    def session_id(self, n: int) -> str:
        return self.sessions[self.session_of[n]]

    def original(self, n: int) -> tuple[str, str]:
        """Text `n`'s reference id and its text as written (opens its chunk)."""
        number, at = divmod(n, CHUNK)
        rows = self.opened.get(self, number)
        if rows is None:
            try:
                rows = orjson.loads(self._unsqueezed(number))
            except orjson.JSONDecodeError as exc:
                raise PartError(f"a damaged chunk: {exc}") from exc
            self.opened.put(self, number, rows)
        try:
            ref_id, text = rows[at]
        except (IndexError, TypeError, ValueError) as exc:
            raise PartError("a damaged chunk") from exc
        if not isinstance(ref_id, str) or not isinstance(text, str):
            raise PartError("a damaged chunk")
        return ref_id, text

    def may_hold(self, number: int, terms: Sequence[str]) -> bool:
        """Whether chunk `number` may hold every one of these case-folded terms: False only
        when one is nowhere in it, looked for in the chunk as stored, unread."""
        if any(_ESCAPED.search(t) for t in terms):
            return True  # written escaped in the chunk: its texts must be read
        try:
            stored = self._unsqueezed(number)
            if stored.isascii() and all(t.isascii() for t in terms):
                lowered = stored.lower()  # the case folding of ASCII, in bytes
                return all(t.encode() in lowered for t in terms)
            folded = stored.decode("utf-8").casefold()
        except UnicodeDecodeError as exc:
            raise PartError(f"a damaged chunk: {exc}") from exc
        return all(t in folded for t in terms)

    def _unsqueezed(self, number: int) -> bytes:
        try:
            chunk = self.chunks[number]
            if not 0 <= zstandard.frame_content_size(chunk) <= _LARGEST_CHUNK:
                raise PartError("a chunk of no size or too large")
            opener = getattr(_CONTEXTS, "opener", None)
            if opener is None:
                opener = _CONTEXTS.opener = zstandard.ZstdDecompressor()
            return opener.decompress(chunk)
        except (zstandard.ZstdError, IndexError) as exc:
            raise PartError(f"a damaged chunk: {exc}") from exc

    # -- the form kept on disk ---------------------------------------------------------------
    def to_bytes(self) -> bytes:
        header = orjson.dumps({
            "count": len(self), "words": self.words.header(), "sessions": self.sessions,
            "functions": self.function_sets, "cases": self.case_sets,
            "chunks": [len(c) for c in self.chunks],
        })
        return b"".join([
            _MAGIC, _HEADER.pack(len(header)), header, self.kinds,
            little(self.times), little(self.offsets), self.flags, little(self.functions),
            little(self.cases), little(self.session_of), *self.words.blobs(),
            self.words.postings, *self.chunks])

    @classmethod
    def from_bytes(cls, blob: bytes) -> Part:
        try:
            return cls._read(memoryview(blob))
        except PartError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, struct.error, OverflowError) as exc:
            raise PartError(f"not a search part: {exc}") from exc

    @classmethod
    def _read(cls, blob: memoryview) -> Part:
        if bytes(blob[:len(_MAGIC)]) != _MAGIC:
            raise PartError("not a search part of this version")
        pos = len(_MAGIC)
        (size,) = _HEADER.unpack_from(blob, pos)
        pos += _HEADER.size
        head = orjson.loads(blob[pos:pos + size])
        pos += size
        count = int(head["count"])

        def take(length: int) -> bytes:
            nonlocal pos
            if length < 0 or pos + length > len(blob):
                raise PartError("cut short")
            pos += length
            return bytes(blob[pos - length:pos])

        part = cls()
        part.kinds = take(count)
        part.times = from_little("d", take(8 * count))
        part.offsets = from_little("i", take(4 * count))
        part.flags = take(count)
        part.functions = from_little("I", take(4 * count))
        part.cases = from_little("I", take(4 * count))
        part.session_of = from_little("I", take(4 * count))
        try:
            part.words = Words.read(count, head["words"], take)
        except WordsError as exc:
            raise PartError(str(exc)) from exc
        part.chunks = [take(int(length)) for length in head["chunks"]]
        if pos != len(blob):
            raise PartError("bytes left over")
        part.sessions = [str(s) for s in head["sessions"]]
        part.function_sets = [tuple(sorted({_FUNCTIONS[v].value for v in s}))
                              for s in head["functions"]]
        part.case_sets = [tuple(sorted({str(v) for v in s})) for s in head["cases"]]
        part._check()
        return part

    def _check(self) -> None:
        """Every index within its table, so a query cannot fail on the part itself (damaged
        words, texts or chunks are found when a query reads them, as PartError)."""
        count = len(self)
        if len(self.chunks) != -(-count // CHUNK):
            raise PartError("the wrong number of chunks")
        if not count:
            return
        if max(self.kinds) >= len(KINDS) or max(self.flags) > 1:
            raise PartError("an unknown kind or flag")
        for values, table in ((self.functions, self.function_sets), (self.cases, self.case_sets),
                              (self.session_of, self.sessions)):
            if max(values) >= len(table):
                raise PartError("an index past its table")
        if not -86400 < min(self.offsets) <= max(self.offsets) < 86400:
            raise PartError("a time zone out of range")
        if not all(_FIRST <= t <= _LAST for t in self.times if t != _NO_TIME):  # NaN fails too
            raise PartError("a time out of range")
