"""What a session actually discussed, as opposed to what its agenda listed.

An agenda is pre-filled with cases due and actions to review; a record that counted every listed
item as discussed would say things that did not happen. An item counts as discussed when it was
taken up (made the current item), ticked done, or written about: a decision or action of the
session names its case, or the notes or record sections mention its case reference. Everything
else on the agenda was not reached, and the record says so. Coverage, the function balance, the
audit and the exports all ask here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from supervisor_tui.domain.decisions import Action, Decision
    from supervisor_tui.domain.session import AgendaItem, Session


class _InSession(Protocol):
    @property
    def session_id(self) -> str: ...


T = TypeVar("T", bound=_InSession)


def _mentioned(ref: str, text: str) -> bool:
    return re.search(rf"(?<![\w/.-]){re.escape(ref)}(?![\w/-])", text, re.IGNORECASE) is not None


def written_refs(session: Session, decisions: Iterable[Decision] = (),
                 actions: Iterable[Action] = ()) -> set[str]:
    """Case references (casefolded) this session wrote about: in a decision or action it
    recorded, or in its notes and record sections."""
    refs = {d.case_ref.casefold() for d in decisions
            if d.case_ref and d.session_id == session.id}
    refs |= {a.case_ref.casefold() for a in actions if a.case_ref and a.session_id == session.id}
    text = "\n".join([session.notes, *session.sections.values()])
    folded = text.casefold()  # a reference not in it at all needs no closer look
    refs |= {i.case_ref.casefold() for i in session.agenda
             if i.case_ref and i.case_ref.casefold() in folded and _mentioned(i.case_ref, text)}
    return refs


def by_session(items: Iterable[T]) -> dict[str, list[T]]:
    """Decisions or actions grouped by the session they were recorded in: asking about each
    session of a long history with only its own keeps the work in step with the history."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(item.session_id, []).append(item)
    return grouped


def item_discussed(item: AgendaItem, written: set[str], current_id: str | None = None) -> bool:
    """Taken up (or the item under discussion now), ticked done, or (for a case) written
    about; `written` from `written_refs`."""
    return (item.done or item.taken_up_at is not None or item.id == current_id
            or (item.case_ref is not None and item.case_ref.casefold() in written))


def discussed_items(session: Session, decisions: Iterable[Decision] = (),
                    actions: Iterable[Action] = ()) -> list[AgendaItem]:
    """The agenda items the session reached, in agenda order."""
    written = written_refs(session, decisions, actions)
    return [i for i in session.agenda if item_discussed(i, written, session.current_item_id)]


def not_reached_items(session: Session, decisions: Iterable[Decision] = (),
                      actions: Iterable[Action] = ()) -> list[AgendaItem]:
    """The agenda items listed but never taken up, ticked or written about."""
    written = written_refs(session, decisions, actions)
    return [i for i in session.agenda
            if not item_discussed(i, written, session.current_item_id)]


def discussed_refs(session: Session, decisions: Iterable[Decision] = (),
                   actions: Iterable[Action] = ()) -> list[str]:
    """Case references the session discussed, first spelling kept, in the order they came up:
    discussed agenda items, then decisions and actions of the session."""
    decisions, actions = list(decisions), list(actions)
    found: list[str] = []
    seen: set[str] = set()
    candidates = [i.case_ref for i in discussed_items(session, decisions, actions)]
    candidates += [d.case_ref for d in decisions if d.session_id == session.id]
    candidates += [a.case_ref for a in actions if a.session_id == session.id]
    for ref in candidates:
        if ref and ref.casefold() not in seen:
            seen.add(ref.casefold())
            found.append(ref)
    return found
