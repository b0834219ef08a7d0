"""Calling off a live session: discarded if nothing is recorded in it (it does not count as
held), else cancelled with a reason, who called it off and a rebooking, what was recorded kept."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import Any

from textual.screen import Screen

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import cancel_session, discard_session, discardable
from supervisor_tui.ui.host import service


async def call_off(screen: Screen[Any], session: Session,
                   flush_pending: Callable[[], Awaitable[bool]]) -> None:
    """Discard or cancel the `session` shown on `screen`, as the user confirms (after
    `flush_pending` saved what was waiting); then leave the screen."""
    from supervisor_tui.ui.dialogs.cancel_prompt import CancelPrompt
    from supervisor_tui.ui.dialogs.confirm import ConfirmScreen

    if session.is_finalised:
        screen.notify("This record is finalised; add an amendment from history instead.",
                      severity="warning")
        return
    if not await flush_pending():
        screen.notify("The session is not saved yet, so it stays as it is.", severity="error")
        return
    snapshot = copy.deepcopy(session)
    try:
        if await service(screen).run(discardable, snapshot):
            if not await screen.app.push_screen_wait(ConfirmScreen(
                    "Discard this session? Nothing has been recorded in it; it will not "
                    "count as held.", "Discard", "Keep it")):
                return
            await service(screen).save(discard_session, snapshot)
            screen.notify("Session discarded.")
        else:
            answer = await screen.app.push_screen_wait(CancelPrompt(
                "Something is already recorded in this session, so it is cancelled rather "
                "than discarded: what was recorded is kept, and it counts as cancelled."))
            if answer is None:
                return
            await service(screen).save(cancel_session, snapshot, answer.reason, answer.by,
                                       answer.rebook)
            screen.notify("Session cancelled; what was recorded is kept." + (
                "" if answer.rebook is None else
                f" Rebooked for {answer.rebook:%a %d %b %Y %H:%M}."))
    except (StoreError, ValidationError) as exc:
        screen.notify(f"Not changed: {exc}", severity="error")
        return
    session.status = snapshot.status
    screen.dismiss()
