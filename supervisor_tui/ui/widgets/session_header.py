"""The session header: who is here, elapsed and remaining time, and the current item's time box.

All times come from `app.clock()`, refreshed every second, so a fixed clock renders the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from supervisor_tui.domain.agenda import session_left, timebox_left
from supervisor_tui.domain.session import Session
from supervisor_tui.ui.format import fmt_minutes
from supervisor_tui.ui.host import host


class SessionHeader(Vertical):
    def __init__(self, session: Session, names: dict[str, str], *, id: str = "session-header"):
        super().__init__(id=id)
        self.session = session
        self.names = names

    def compose(self) -> ComposeResult:
        yield Static("", id="session-clock", markup=False)
        yield Static("", id="session-item", markup=False)

    def on_mount(self) -> None:
        self.update_now()
        self.set_interval(1.0, self.update_now)

    def update_now(self) -> None:
        if not self.query("#session-clock"):  # the app closing took the lines away first
            return
        s = self.session
        at = host(self).clock()
        who = ", ".join(self.names.get(sid, sid) for sid in s.supervisee_ids)
        elapsed, left = session_left(s, at)
        start = f"{s.started_at:%H:%M}" if s.started_at else "not started"
        if s.is_finalised:
            ended = f"{s.ended_at:%H:%M}" if s.ended_at else "—"
            times = f"ended {ended} after {fmt_minutes(elapsed)}"
        elif left >= 0:
            times = f"{fmt_minutes(elapsed)} elapsed · {fmt_minutes(left)} left"
        else:
            times = f"{fmt_minutes(elapsed)} elapsed · OVER by {fmt_minutes(-left)}"
        clock = self.query_one("#session-clock", Static)
        shown = f"{who} · from {start}, {s.duration_minutes} min · {times}"
        # Both lines are one row across the header (session.tcss), so new text never changes
        # their size: no layout, which would reflow every pane each second.
        if str(clock.content) != shown:
            clock.update(shown, layout=False)
        clock.set_class(left < 0 and not s.is_finalised, "-over")

        item = s.current_item
        line = self.query_one("#session-item", Static)
        over = False
        if s.is_finalised:
            text = "Record finalised: read-only. Corrections are added later as amendments."
        elif item is None:
            text = "Now: no item taken up (agenda: enter on an item)"
        else:
            text = f"Now: {item.title}"
            box = timebox_left(s, at)
            if box is not None:
                over = box < 0
                text += (f" · OVER time box by {fmt_minutes(-box)}" if over
                         else f" · {fmt_minutes(box)} of {item.timebox_minutes} min left")
        if str(line.content) != text:
            line.update(text, layout=False)
        line.set_class(over, "-over")
