"""The private step of a group session: each attendee in turn, alone, sees their own open actions
and ticks what is done. Their part is kept in their own log; nothing of it stays on the screen
the group shares."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from supervisor_tui.domain.session import Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import close_own_actions, own_open_actions
from supervisor_tui.ui.dialogs.own_actions import OwnActionsScreen
from supervisor_tui.ui.host import host, service


async def private_step(screen: Screen[Any], session: Session, names: dict[str, str]) -> None:
    for sid in session.supervisee_ids:
        name = names.get(sid, "")
        try:
            actions = await service(screen).run(own_open_actions, sid)
        except StoreError as exc:
            screen.notify(f"{name}'s actions could not be read: {exc}", severity="error")
            continue
        ticked = await screen.app.push_screen_wait(
            OwnActionsScreen(name, actions, host(screen).clock().date()))
        if not ticked:
            continue
        try:
            done = await service(screen).save(close_own_actions, sid, ticked, session.id)
        except StoreError as exc:
            screen.notify(f"Not saved for {name}: {exc}", severity="error")
            continue
        screen.notify(f"{done} of {name}'s actions marked done (kept in their record).")
