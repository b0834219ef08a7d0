"""Full-text search over supervision records: notes, agenda, decisions, actions and record entries.

The index keeps, per supervisee, a `Part` (see `search_part`): the words of every searchable
text of their history, newest first, with the texts holding each, and the texts themselves
compressed. A query looks its terms' words up among the words (`search_words`): a term that
is one word needs nothing more, and the texts of any other term (a phrase, a word with
punctuation) are opened and checked for the term itself. A hit is the text unit (a note, an
agenda item, a decision...) in which every query term occurs, as a substring of its
case-folded text.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.search_part import (
    CHUNK,
    Doc,
    HitKind,
    OpenChunks,
    Part,
    PartError,
)
from supervisor_tui.domain.search_words import WORD, ascending
from supervisor_tui.domain.session import RECORD_SECTIONS, Session

__all__ = ["HitKind", "Part", "PartError", "SearchFilters", "SearchHit", "SearchIndex",
           "SearchResult", "parse_query"]

SNIPPET_WIDTH = 90
SNIPPET_LEAD = 30
DEFAULT_LIMIT = 200
_TERMS = re.compile(r'"([^"]+)"|(\S+)')
_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\x00": " "})


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


def _docs(sessions: list[Session], decisions: list[Decision], actions: list[Action],
          ) -> list[Doc]:
    by_session = {s.id: s for s in sessions}
    refs: dict[str, set[str]] = {
        s.id: {i.case_ref.casefold() for i in s.agenda if i.case_ref} for s in sessions
    }
    for d in decisions:
        if d.case_ref and d.session_id in refs:
            refs[d.session_id].add(d.case_ref.casefold())
    functions = {s.id: frozenset(i.function for i in s.agenda if i.function) for s in sessions}
    docs: list[Doc] = []

    def add(kind: HitKind, session_id: str, ref_id: str, when: datetime | None, text: str,
            funcs: frozenset[Function], cases: Iterable[str], flagged: bool = False) -> None:
        if text.strip():
            docs.append(Doc(kind, session_id, ref_id, when, text, funcs, frozenset(cases), flagged))

    for s in sessions:
        funcs, cases = functions[s.id], refs[s.id]
        for item in s.agenda:
            add(HitKind.AGENDA, s.id, item.id, s.when, item.title,
                frozenset([item.function] if item.function else []),
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
        funcs = functions.get(d.session_id, frozenset())
        refs_named = [d.case_ref.casefold()] if d.case_ref else []
        when = session_when(d.session_id, d.decided_at)
        add(HitKind.DECISION, d.session_id, d.id, when, d.text, funcs, refs_named, bool(d.flags))
        add(HitKind.RATIONALE, d.session_id, d.id, when, d.rationale, funcs, refs_named,
            bool(d.flags))
    for a in actions:
        add(HitKind.ACTION, a.session_id, a.id, session_when(a.session_id, a.created_at),
            a.text, functions.get(a.session_id, frozenset()),
            [a.case_ref.casefold()] if a.case_ref else [])
    # Newest first; a stable sort keeps a session's texts in the order added above.
    docs.sort(key=lambda d: d.when.timestamp() if d.when else float("-inf"), reverse=True)
    return docs


def _passes(part: Part, n: int, f: SearchFilters | None) -> bool:
    if f is None:
        return True
    if f.flagged_only and not (part.flagged(n) and part.kind(n) in (HitKind.DECISION,
                                                                    HitKind.RATIONALE)):
        return False
    if f.date_from or f.date_to:
        when = part.when(n)
        if when is None:
            return False
        day = when.date()
        if (f.date_from and day < f.date_from) or (f.date_to and day > f.date_to):
            return False
    if f.function and f.function not in part.functions_of(n):
        return False
    return not (f.case_ref and f.case_ref.strip().casefold() not in part.cases_of(n))


def _texts_with(part: Part, terms: list[str]) -> tuple[int, list[str]]:
    """The texts of `part` that may hold every term, as a bitmap, and the terms that each of
    them must still be checked for: those the words alone do not settle."""
    texts = part.words.every_text
    to_check: list[str] = []
    for term in terms:
        settled = False
        for word in WORD.finditer(term):
            before, after = word.start() == 0, word.end() == len(term)
            holding = part.texts_with(word.group(), before, after)
            if holding is None:  # too common to narrow anything
                continue
            texts &= holding
            settled = before and after  # the term is this one word
            if not texts:
                return 0, []
        if not settled:
            to_check.append(term)
    return texts, to_check


def _orig_offsets(text: str) -> list[int]:
    """For text whose case folding changes length: folded offset -> original offset table."""
    table: list[int] = []
    for n, ch in enumerate(text):
        table.extend([n] * len(ch.casefold()))
    table.append(len(text))
    return table


def _make_hit(supervisee_id: str, part: Part, n: int, terms: list[str]) -> SearchHit:
    ref_id, text = part.original(n)
    folded = part.folded(n)
    table = None if len(folded) == len(text) else _orig_offsets(text)
    if table is not None and len(table) != len(folded) + 1:
        raise PartError("a text that does not match its folded copy")
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
    return SearchHit(part.kind(n), supervisee_id, part.session_id(n), ref_id, part.when(n),
                     snippet, shown)


class SearchIndex:
    """Searchable texts of any number of supervisees; `put` replaces one supervisee's part.

    A query that meets a damaged part read back from disk raises PartError naming its
    supervisee in `.args` after dropping it, so the caller can make it again from the records.
    """

    def __init__(self) -> None:
        self._parts: dict[str, Part] = {}
        self._opened = OpenChunks()

    def part_of(self, sessions: list[Session], decisions: list[Decision],
                actions: list[Action]) -> Part:
        """One supervisee's part, made from their records."""
        return Part.build(_docs(sessions, decisions, actions))

    def put(self, supervisee_id: str, sessions: list[Session], decisions: list[Decision],
            actions: list[Action]) -> None:
        self.set_part(supervisee_id, self.part_of(sessions, decisions, actions))

    def set_part(self, supervisee_id: str, part: Part) -> None:
        """Take a supervisee's part (made by `part_of`, or read back with `Part.from_bytes`)."""
        held = self._parts.get(supervisee_id)
        if held is not None and held is not part:
            self._opened.forget(held)
        part.opened = self._opened
        self._parts[supervisee_id] = part

    def part(self, supervisee_id: str) -> Part:
        return self._parts[supervisee_id]

    def drop(self, supervisee_id: str) -> None:
        held = self._parts.pop(supervisee_id, None)
        if held is not None:
            self._opened.forget(held)

    def _lost(self, supervisee_id: str) -> PartError:
        """Drop a part found damaged; the error names whose part to make again."""
        self.drop(supervisee_id)
        return PartError(supervisee_id)

    def __contains__(self, supervisee_id: object) -> bool:
        return supervisee_id in self._parts

    @property
    def supervisee_ids(self) -> list[str]:
        return list(self._parts)

    @property
    def text_count(self) -> int:
        return sum(len(p) for p in self._parts.values())

    def _matches(self, part: Part, terms: list[str],
                 filters: SearchFilters | None) -> Iterator[int]:
        """Indices of `part`'s texts that hold every term and pass the filters, newest first."""
        texts, to_check = _texts_with(part, terms)
        looked_at, held = -1, True
        for n in ascending(texts):
            if not _passes(part, n, filters):
                continue
            if to_check:  # a chunk without the terms anywhere is passed over whole
                number = n // CHUNK
                if number != looked_at:
                    looked_at, held = number, part.may_hold(number, to_check)
                if not held or not all(t in part.folded(n) for t in to_check):
                    continue
            yield n

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
            parts = [(supervisee_id, self._parts[supervisee_id])] \
                if supervisee_id in self._parts else []
        else:  # in one order, however the parts were loaded: of a group session's copies
            parts = sorted(self._parts.items())  # the same attendee's is shown

        def stream(sid: str, part: Part) -> Iterator[tuple[float, str, Part, int]]:
            try:
                for n in self._matches(part, terms, filters):
                    yield part.timestamp(n), sid, part, n
            except PartError as exc:
                raise self._lost(sid) from exc

        # Each part yields newest first; merging them lazily stops after `limit` texts.
        merged = heapq.merge(*(stream(*p) for p in parts), key=lambda f: f[0], reverse=True)
        hits: list[SearchHit] = []
        seen: set[tuple[HitKind, str, str]] = set()
        truncated = False
        for _, sid, part, n in merged:
            try:
                hit = _make_hit(sid, part, n, terms)
            except PartError as exc:
                raise self._lost(sid) from exc
            key = (hit.kind, hit.session_id, hit.ref_id)
            if key in seen:  # a group session is kept in every attendee's history
                continue
            if len(hits) == limit:
                truncated = True
                break
            seen.add(key)
            hits.append(hit)
        return SearchResult(query, hits, truncated)
