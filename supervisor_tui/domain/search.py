"""Full-text search over supervision records: notes, agenda, decisions, actions and record entries.

The index keeps, per supervisee, one case-folded "haystack" string holding every searchable text
of their history, newest first, separated by NUL characters. A query runs `str.find` over it (C
speed) and maps each match back to its text with a bisect, so a warm query over years of records
takes a few milliseconds and the index holds little more than one folded copy of the text.
A hit is the text unit (a note, an agenda item, a decision...) in which every query term occurs.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar, cast

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import RECORD_SECTIONS, Session

H = TypeVar("H")

SEP = "\x00"
SNIPPET_WIDTH = 90
SNIPPET_LEAD = 30
DEFAULT_LIMIT = 200
_TERMS = re.compile(r'"([^"]+)"|(\S+)')
_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\x00": " "})


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


@dataclass(frozen=True)
class SearchFilters:
    date_from: date | None = None
    date_to: date | None = None
    function: Function | None = None
    case_ref: str | None = None
    flagged_only: bool = False

    def validate(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError("The 'from' date is after the 'to' date.")

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.function or self.case_ref
                    or self.flagged_only)


@dataclass(frozen=True, slots=True)
class _Doc:
    kind: HitKind
    supervisee_id: str
    session_id: str
    ref_id: str
    """What the text belongs to: the session, an agenda item, a decision, an action, an entry."""
    when: datetime | None
    text: str
    functions: frozenset[Function]
    case_refs: frozenset[str]
    """Case-folded case references the text is about."""
    flagged: bool
    same_length: bool
    """Case folding kept the length, so folded offsets are offsets into `text`."""


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    supervisee_id: str
    session_id: str
    ref_id: str
    when: datetime | None
    snippet: str
    spans: tuple[tuple[int, int], ...]
    """Where the query terms are in `snippet` (start, end), for highlighting."""


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    truncated: bool
    """More texts matched than the limit; the newest `limit` are given."""


def parse_query(query: str) -> list[str]:
    """Case-folded terms: words, or "quoted phrases"; each must occur in a hit."""
    terms: list[str] = []
    for m in _TERMS.finditer(query):
        term = (m.group(1) or m.group(2) or "").strip().casefold()
        if term and term not in terms:
            terms.append(term)
    return terms


class _Part:
    """One supervisee's texts, newest first, and their folded haystack."""

    __slots__ = ("docs", "starts", "haystack")

    def __init__(self, docs: list[_Doc]) -> None:
        self.docs = docs
        folded = [d.text.casefold() for d in docs]
        self.starts: list[int] = []
        pos = 0
        for text in folded:
            self.starts.append(pos)
            pos += len(text) + 1
        self.haystack = SEP.join(folded)

    def folded(self, n: int) -> str:
        end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.haystack)
        return self.haystack[self.starts[n]:end]


class _Interner:
    def __init__(self) -> None:
        self._sets: dict[frozenset[Any], frozenset[Any]] = {}

    def __call__(self, items: Iterable[H]) -> frozenset[H]:
        """One shared frozenset per distinct set of items (many documents share a few)."""
        key = frozenset(items)
        return cast("frozenset[H]", self._sets.setdefault(key, key))


def _docs(supervisee_id: str, sessions: list[Session], decisions: list[Decision],
          actions: list[Action], intern: _Interner) -> list[_Doc]:
    by_session = {s.id: s for s in sessions}
    refs: dict[str, set[str]] = {
        s.id: {i.case_ref.casefold() for i in s.agenda if i.case_ref} for s in sessions
    }
    for d in decisions:
        if d.case_ref and d.session_id in refs:
            refs[d.session_id].add(d.case_ref.casefold())
    functions = {s.id: intern(i.function for i in s.agenda if i.function) for s in sessions}
    docs: list[_Doc] = []

    def add(kind: HitKind, session_id: str, ref_id: str, when: datetime | None, text: str,
            funcs: frozenset[Function], cases: Iterable[str], flagged: bool = False) -> None:
        if text.strip():
            docs.append(_Doc(kind, supervisee_id, session_id, ref_id, when, text, funcs,
                             intern(cases), flagged, len(text.casefold()) == len(text)))

    for s in sessions:
        funcs, cases = functions[s.id], refs[s.id]
        for item in s.agenda:
            add(HitKind.AGENDA, s.id, item.id, s.when, item.title,
                intern([item.function] if item.function else []),
                [item.case_ref.casefold()] if item.case_ref else [])
        add(HitKind.NOTES, s.id, s.id, s.when, s.notes, funcs, cases)
        for key in RECORD_SECTIONS:
            add(HitKind.SECTION, s.id, key, s.when, s.sections.get(key, ""), funcs, cases)
        for entry in s.entries:
            add(HitKind.ENTRY, s.id, entry.id, s.when, entry.text, funcs, cases)

    def session_when(session_id: str, fallback: datetime) -> datetime | None:
        s = by_session.get(session_id)
        return s.when if s else fallback

    for d in decisions:
        funcs = functions.get(d.session_id, intern(()))
        refs_named = [d.case_ref.casefold()] if d.case_ref else []
        when = session_when(d.session_id, d.decided_at)
        add(HitKind.DECISION, d.session_id, d.id, when, d.text, funcs, refs_named, bool(d.flags))
        add(HitKind.RATIONALE, d.session_id, d.id, when, d.rationale, funcs, refs_named,
            bool(d.flags))
    for a in actions:
        add(HitKind.ACTION, a.session_id, a.id, session_when(a.session_id, a.created_at),
            a.text, functions.get(a.session_id, intern(())),
            [a.case_ref.casefold()] if a.case_ref else [])
    # Newest first; a stable sort keeps a session's texts in the order added above.
    docs.sort(key=lambda d: d.when.timestamp() if d.when else float("-inf"), reverse=True)
    return docs


def _passes(doc: _Doc, f: SearchFilters | None) -> bool:
    if f is None:
        return True
    if f.flagged_only and not (doc.flagged and doc.kind in (HitKind.DECISION,
                                                             HitKind.RATIONALE)):
        return False
    if f.date_from or f.date_to:
        if doc.when is None:
            return False
        day = doc.when.date()
        if (f.date_from and day < f.date_from) or (f.date_to and day > f.date_to):
            return False
    if f.function and f.function not in doc.functions:
        return False
    return not (f.case_ref and f.case_ref.strip().casefold() not in doc.case_refs)


def _orig_offsets(text: str) -> list[int]:
    """For text whose case folding changes length: folded offset -> original offset table."""
    table: list[int] = []
    for n, ch in enumerate(text):
        table.extend([n] * len(ch.casefold()))
    table.append(len(text))
    return table


def _make_hit(doc: _Doc, folded: str, terms: list[str]) -> SearchHit:
    text = doc.text
    table = None if doc.same_length else _orig_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1 and len(spans) < 64:
            end = start + len(term)
            if table is None:
                spans.append((start, end))
            else:
                spans.append((table[start], table[min(end, len(table) - 1)]))
            start = folded.find(term, end)
    spans.sort()
    first = spans[0][0] if spans else 0
    lo = max(0, first - SNIPPET_LEAD)
    hi = min(len(text), lo + SNIPPET_WIDTH)
    lo = max(0, min(lo, hi - SNIPPET_WIDTH))
    prefix = "…" if lo > 0 else ""
    snippet = prefix + text[lo:hi].translate(_SPACES) + ("…" if hi < len(text) else "")
    shift = len(prefix) - lo
    shown = tuple(
        (max(a, lo) + shift, min(b, hi) + shift) for a, b in spans if a < hi and b > lo
    )
    return SearchHit(doc.kind, doc.supervisee_id, doc.session_id, doc.ref_id, doc.when,
                     snippet, shown)


class SearchIndex:
    """Searchable texts of any number of supervisees; `put` replaces one supervisee's part."""

    def __init__(self) -> None:
        self._parts: dict[str, _Part] = {}
        self._intern = _Interner()

    def put(self, supervisee_id: str, sessions: list[Session], decisions: list[Decision],
            actions: list[Action]) -> None:
        self._parts[supervisee_id] = _Part(
            _docs(supervisee_id, sessions, decisions, actions, self._intern)
        )

    def drop(self, supervisee_id: str) -> None:
        self._parts.pop(supervisee_id, None)

    def __contains__(self, supervisee_id: object) -> bool:
        return supervisee_id in self._parts

    @property
    def supervisee_ids(self) -> list[str]:
        return list(self._parts)

    @property
    def text_count(self) -> int:
        return sum(len(p.docs) for p in self._parts.values())

    @property
    def size_chars(self) -> int:
        """Characters held in the folded haystacks (a proxy for the index's memory)."""
        return sum(len(p.haystack) for p in self._parts.values())

    def _matches(self, part: _Part, terms: list[str],
                 filters: SearchFilters | None) -> Iterator[int]:
        """Indices of `part`'s texts that hold every term and pass the filters, newest first."""
        if not terms:
            for n, doc in enumerate(part.docs):
                if _passes(doc, filters):
                    yield n
            return
        lead = max(terms, key=len)
        rest = [t for t in terms if t is not lead]
        haystack, starts, docs = part.haystack, part.starts, part.docs
        pos = haystack.find(lead)
        while pos != -1:
            n = bisect_right(starts, pos) - 1
            doc_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(haystack)
            if _passes(docs[n], filters) and all(
                haystack.find(t, starts[n], doc_end) != -1 for t in rest
            ):
                yield n
            pos = haystack.find(lead, doc_end + 1)

    def search(self, query: str, filters: SearchFilters | None = None,
               supervisee_id: str | None = None, limit: int = DEFAULT_LIMIT) -> SearchResult:
        """Texts holding every term of `query`, newest first, within `filters`.

        An empty query lists every text within the filters (when any filter is set).
        `supervisee_id` limits the search to one supervisee; None searches everyone.
        """
        if filters is not None:
            filters.validate()
        terms = parse_query(query)
        if not terms and (filters is None or not filters.active):
            return SearchResult(query, [], False)
        if supervisee_id is not None:
            parts = [self._parts[supervisee_id]] if supervisee_id in self._parts else []
        else:
            parts = list(self._parts.values())
        def stream(part: _Part) -> Iterator[tuple[float, _Part, int]]:
            for n in self._matches(part, terms, filters):
                when = part.docs[n].when
                yield (when.timestamp() if when else float("-inf")), part, n

        # Each part yields newest first; merging them lazily stops after `limit` texts.
        merged = heapq.merge(*(stream(p) for p in parts), key=lambda f: f[0], reverse=True)
        hits: list[SearchHit] = []
        seen: set[tuple[HitKind, str, str]] = set()
        truncated = False
        for _, part, n in merged:
            doc = part.docs[n]
            key = (doc.kind, doc.session_id, doc.ref_id)
            if key in seen:  # a group session is kept in every attendee's history
                continue
            if len(hits) == limit:
                truncated = True
                break
            seen.add(key)
            hits.append(_make_hit(doc, part.folded(n), terms))
        return SearchResult(query, hits, truncated)
