"""Opening a supervisee's private support note from home or a one-to-one session: read it
through the writer, show it, keep what was changed (dated)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.people import save_support_note, support_note
from supervisor_tui.ui.dialogs.support_note import SupportNoteScreen
from supervisor_tui.ui.host import service


async def show_support_note(screen: Screen[Any], supervisee_id: str, name: str) -> None:
    try:
        note = await service(screen).run(support_note, supervisee_id)
    except StoreError as exc:
        screen.notify(f"The support note cannot be read: {exc}", severity="error")
        return
    changed = await screen.app.push_screen_wait(SupportNoteScreen(name, note))
    if changed is None:
        return
    try:
        await service(screen).save(save_support_note, supervisee_id, *changed)
    except (StoreError, ValidationError) as exc:
        screen.notify(f"Support note not saved: {exc}", severity="error")
        return
    screen.notify(f"{name}'s support note kept.")
