"""The last steps of ending a session, after the record is finalised: the next date agreed at
the close goes into the diary, then each attendee may sign the record off."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import Any

from textual.screen import Screen

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.schedule import plan_next_date
from supervisor_tui.ui.dialogs.closing import SignOffScreen
from supervisor_tui.ui.format import fmt_datetime
from supervisor_tui.ui.host import service


async def plan_next_date_in_diary(screen: Screen[Any], session: Session) -> None:
    """The next date agreed at the close goes into the diary (a group's as a group session of
    the same attendees), once, however often F9 is pressed; a failure is said, and the record
    stays as it is."""
    if session.next_date is None:
        return
    try:
        planned = await service(screen).save(plan_next_date, copy.deepcopy(session))
    except Exception as exc:
        reason = str(exc) if isinstance(exc, StoreError | ValidationError) else \
            type(exc).__name__
        screen.notify(f"The next date is in the record but not in the diary ({reason}); "
                      "add it from the schedule (c on home).", severity="warning", timeout=8)
        return
    if planned is not None and planned.planned_start is not None:
        screen.notify(f"Next session planned: {fmt_datetime(planned.planned_start)} (diary, "
                      "home and calendar export).", timeout=5)


async def sign_offs(screen: Screen[Any], session: Session, names: dict[str, str],
                    save: Callable[[], Awaitable[bool]]) -> None:
    """Each attendee not signed off yet is asked for their initials (skipping is allowed)."""
    for sid in session.supervisee_ids:
        if any(s.supervisee_id == sid for s in session.signoffs):
            continue
        signoff = await screen.app.push_screen_wait(SignOffScreen(sid, names.get(sid, "")))
        if signoff is None:
            continue
        try:
            session.sign_off(signoff)
        except ValidationError as exc:
            screen.notify(str(exc), severity="warning")
            continue
        await save()
