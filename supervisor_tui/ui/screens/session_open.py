"""Opening a live session from home: start or resume it, say what was resumed (and which
others are still in progress), then show the session screen."""

from __future__ import annotations

from textual.widget import Widget

from supervisor_tui.domain.balance import WellbeingRule
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.prompts.loader import PromptLibraryError
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import LiveSession, open_live_session
from supervisor_tui.ui.format import fmt_datetime
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.prompt_library import load_prompt_library
from supervisor_tui.ui.screens.session import SessionScreen


def _kind(session: Session, names: dict[str, str] | None = None) -> str:
    if not session.is_group:
        return "one-to-one"
    if names is None:
        return f"group of {len(session.supervisee_ids)}"
    return "group with " + ", ".join(names.get(sid, "?") for sid in session.supervisee_ids)


def resume_notice(live: LiveSession) -> str:
    """What the supervisor is told on resuming: which session, and any left in progress."""
    session = live.session
    if not live.others:
        if session.is_group:
            return f"Resuming the {_kind(session, live.names)}, in progress."
        return "Resuming the session in progress."
    others = "; ".join(f"{_kind(s)} from {fmt_datetime(s.started_at)}" for s in live.others)
    return (f"{len(live.others) + 1} sessions are in progress: resuming the most recently "
            f"started, the {_kind(session, live.names)} from "
            f"{fmt_datetime(session.started_at)}. Still open: {others}.")


async def open_session(node: Widget, supervisee_ids: list[str]) -> bool:
    """Start (or resume) the session of these attendees and show it; False if it could not."""
    try:
        live = await service(node).run(
            open_live_session, supervisee_ids, host(node).config.session_minutes,
            WellbeingRule(host(node).config.wellbeing_low, host(node).config.wellbeing_fall))
        prompts = await load_prompt_library(node)
    except (StoreError, ValidationError, PromptLibraryError) as exc:
        node.notify(f"Could not open the session: {exc}", severity="error", timeout=10)
        return False
    if live.resumed:
        node.notify(resume_notice(live), timeout=10 if live.others else 3)
    await node.app.push_screen(SessionScreen(live, prompts))
    return True
