"""A supervisee's learning goals and escalations as the screens and commands change them: raise
one, add a dated progress note, close it (met, resolved or dropped) with its outcome. Every
change is dated by the one clock, kept on the item and sealed with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supervisor_tui.domain.development import FollowUp, FollowUpKind, FollowUpStatus
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.store.errors import NotFoundError

__all__ = ["FollowUpDraft", "FollowUps", "close_follow_up", "load_follow_ups", "note_follow_up",
           "raise_follow_up"]


@dataclass(frozen=True)
class FollowUpDraft:
    """What the form gives back."""

    kind: FollowUpKind
    what: str
    detail: str = ""
    due: date | None = None
    raised_on: date | None = None


@dataclass
class FollowUps:
    name: str
    items: list[FollowUp]
    """Open ones first (escalations before goals), then closed ones, newest first."""


def load_follow_ups(ws: Workspace, supervisee_id: str) -> FollowUps:
    items = ws.records.follow_ups(supervisee_id)
    open_now = [f for f in items if f.is_open]
    open_now.sort(key=lambda f: (f.kind is not FollowUpKind.ESCALATION, f.due or date.max))
    closed = sorted((f for f in items if not f.is_open),
                    key=lambda f: f.closed_at or f.raised_at, reverse=True)
    return FollowUps(ws.records.supervisee(supervisee_id).name, open_now + closed)


def raise_follow_up(ws: Workspace, supervisee_id: str, draft: FollowUpDraft,
                    session_id: str | None = None) -> FollowUp:
    at = ws.clock()
    item = FollowUp(supervisee_id, draft.kind, draft.what.strip(), draft.detail.strip(),
                    draft.due, raised_at=at, session_id=session_id,
                    raised_on=draft.raised_on or (at.date() if draft.kind is
                                                  FollowUpKind.ESCALATION else None))
    return ws.records.save_follow_up(item)


def _item(ws: Workspace, supervisee_id: str, item_id: str) -> FollowUp:
    for item in ws.records.follow_ups(supervisee_id):
        if item.id == item_id:
            return item
    raise NotFoundError("That goal or escalation is no longer in the record.")


def note_follow_up(ws: Workspace, supervisee_id: str, item_id: str, text: str,
                   session_id: str | None = None) -> FollowUp:
    item = _item(ws, supervisee_id, item_id)
    item.add_note(text, ws.clock(), session_id)
    return ws.records.save_follow_up(item)


def close_follow_up(ws: Workspace, supervisee_id: str, item_id: str, dropped: bool,
                    outcome: str) -> FollowUp:
    item = _item(ws, supervisee_id, item_id)
    item.close(FollowUpStatus.DROPPED if dropped else item.done_status, outcome, ws.clock())
    return ws.records.save_follow_up(item)
