"""The notes pane: a Markdown TextArea whose text is autosaved and never lost.

Autosave runs about `config.autosave_delay` after typing stops, and at most
`config.autosave_max_interval` apart while typing goes on; leaving the pane saves at once and
the screen awaits `flush()` on quit. A failed save keeps the text in memory, says so in the
pane's subtitle and retries with a growing delay. Saves go through the single writer with a
deep copy of the session, so the UI thread never waits on disk.
"""

from __future__ import annotations

import asyncio
import copy
import re
from time import monotonic

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import TextArea

from supervisor_tui.domain.enums import Function
from supervisor_tui.domain.session import Session
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import save_notes
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.widgets.notes_area import make_text_area

RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)
TAGS = [None, *Function]
#: An optional list or heading marker, then an optional function tag, at the start of a line.
_TAG_WORDS = "|".join(Function)
_LINE_START = re.compile(
    r"^(?P<lead>\s*(?:#{1,6} |[-*+] |\d+[.)] )?)(?P<tag>\[(?:" + _TAG_WORDS + r")\] )?"
)


class NotesPane(Vertical):
    HELP = """
# Notes

Markdown notes, saved about a second after you stop typing and at least every second while
you type; the pane's lower edge says whether they are saved. ctrl+t inserts the time, ctrl+g
the current agenda item as a heading, ctrl+l tags the line (or selected lines) with a
function of supervision, cycling through them.
"""
    BORDER_TITLE = "Notes F4"
    BINDINGS = [
        Binding("ctrl+t", "timestamp", "Time", id="notes.timestamp"),
        Binding("ctrl+g", "heading", "Item heading", id="notes.heading"),
        Binding("ctrl+l", "tag", "Tag function", id="notes.tag"),
    ]

    def __init__(self, session: Session, *, id: str = "notes") -> None:
        super().__init__(id=id, classes="pane")
        self.session = session
        self.dirty = False
        self.state = "saved"
        self.failures = 0
        self.reason = ""
        self.saved_at = session.notes_saved_at
        self._saved_text = session.notes
        self._lock = asyncio.Lock()
        self._debounce: Timer | None = None
        self._changed_at = 0.0
        self._deadline: Timer | None = None
        self._retry: Timer | None = None

    def compose(self) -> ComposeResult:
        yield make_text_area("")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#notes-text", TextArea)

    def on_mount(self) -> None:
        area = self.text_area
        with area.prevent(TextArea.Changed):
            area.load_text(self.session.notes)
        area.read_only = self.session.is_finalised
        if self.session.notes:
            area.move_cursor(area.document.end)
        self.show_state()

    # -- state and indicator -------------------------------------------------------------------
    def show_state(self) -> None:
        if self.session.is_finalised and not self.dirty:
            text = "finalised · read-only"
        elif self.state == "failed":
            text = f"save failed, retrying ({self.reason})"
        elif self.state == "saving":
            text = "saving…"
        elif self.dirty:
            text = "● unsaved"
        elif self.saved_at is not None:
            text = f"saved {self.saved_at:%H:%M:%S}"
        else:
            text = "saved"
        if text != self.border_subtitle:  # a repaint of the whole pane: not on every key
            self.border_subtitle = text
        self.set_class(self.state == "failed", "-save-failed")

    def make_read_only(self) -> None:
        """The record is finalised: the text can be read and copied, not changed."""
        self.text_area.read_only = True
        self.show_state()

    # -- autosave ------------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.dirty and self.text_area.text == self._saved_text:
            return
        self.mark_dirty()

    def mark_dirty(self) -> None:
        """Note a change: save `autosave_delay` after the last one, and at most
        `autosave_max_interval` after the first unsaved one.

        The pause timer is not restarted on every key (a new timer each time is a new task);
        when it fires early because typing went on, it waits out the rest of the pause.
        """
        config = host(self).config
        self.dirty = True
        self._changed_at = monotonic()
        if self._deadline is None:
            self._deadline = self.set_timer(config.autosave_max_interval, self._autosave_due)
        if self._debounce is None:
            self._debounce = self.set_timer(config.autosave_delay, self._pause_due)
        if self.state != "failed":
            self.state = "dirty"
        self.show_state()

    def _pause_due(self) -> None:
        rest = self._changed_at + host(self).config.autosave_delay - monotonic()
        if rest > 0.005:
            self._debounce = self.set_timer(rest, self._pause_due)
            return
        self._debounce = None
        self._autosave_due()

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._deadline):
            if timer is not None:
                timer.stop()
        self._debounce = self._deadline = None

    def _autosave_due(self) -> None:
        if self._retry is not None:
            return  # a retry is already scheduled; typing does not hammer a failing disk
        self.run_worker(self.save(), group="notes-save", exit_on_error=False)

    def _retry_due(self) -> None:
        self._retry = None
        self.run_worker(self.save(), group="notes-save", exit_on_error=False)

    async def save(self, until_clean: bool = False) -> bool:
        """Save the text if it changed; True when everything typed so far is on disk.

        `until_clean` saves again if more was typed while a save ran (used by flush).
        """
        async with self._lock:
            while self.dirty:
                self._stop_timers()
                text = self.text_area.text
                self.dirty = False
                self.session.notes = clean_lines(text)
                self.session.notes_saved_at = host(self).clock()
                self.state = "saving"
                self.show_state()
                try:
                    await service(self).save(save_notes, copy.deepcopy(self.session))
                except Exception as exc:  # any failure: keep the text, say so, retry
                    self._failed(exc)
                    return False
                self._saved_text = text
                self.saved_at = self.session.notes_saved_at
                if self._retry is not None:  # saved some other way: back to normal autosave
                    self._retry.stop()
                    self._retry = None
                if self.failures:
                    self.notify("Notes saved again.", title="Saved")
                self.failures = 0
                self.state = "dirty" if self.dirty else "saved"
                self.show_state()
                if not until_clean:
                    break
            return not self.dirty

    def _failed(self, exc: Exception) -> None:
        self.dirty = True
        self.failures += 1
        self.reason = str(exc) if isinstance(exc, StoreError) else type(exc).__name__
        self.state = "failed"
        delay = RETRY_DELAYS[min(self.failures, len(RETRY_DELAYS)) - 1]
        if self._retry is not None:
            self._retry.stop()
        self._retry = self.set_timer(delay, self._retry_due)
        if self.failures == 1:
            self.notify(
                f"{self.reason}. Your notes are kept on screen; saving is retried.",
                title="Notes not saved", severity="error", timeout=8,
            )
        self.show_state()

    async def flush(self, attempts: int = 3) -> bool:
        """Save now and wait for it; a few quick tries if the disk refuses. True when saved."""
        for n in range(attempts):
            if await self.save(until_clean=True):
                return True
            if n + 1 < attempts:
                await asyncio.sleep(0.3)
        return False

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.dirty and self._retry is None:
            self.run_worker(self.save(), group="notes-save", exit_on_error=False)

    # -- quick inserts -------------------------------------------------------------------------
    def editable(self) -> bool:
        if self.text_area.read_only:
            self.notify("This record is finalised; the notes are read-only.", severity="warning")
            return False
        return True

    def insert_text(self, text: str, own_line: bool = False) -> None:
        """Insert at the cursor (on a line of its own if asked) and keep the cursor after it."""
        if not self.editable():
            return
        area = self.text_area
        row, col = area.cursor_location
        if own_line:
            line = area.document.get_line(row)
            if col > 0 or line.strip():
                text = "\n" + text if col > 0 else text
            if not text.endswith("\n"):
                text += "\n"
        result = area.insert(text)
        area.move_cursor(result.end_location)
        self.mark_dirty()

    def action_timestamp(self) -> None:
        self.insert_text(f"{host(self).clock():%H:%M} ")

    def action_heading(self) -> None:
        item = self.session.current_item
        if item is None:
            self.notify("No current agenda item: choose one in the agenda (enter).",
                        severity="warning")
            return
        title = item.title
        if item.case_ref and item.case_ref not in title:
            title += f" ({item.case_ref})"
        self.insert_text(f"## {title}\n", own_line=True)

    def action_tag(self) -> None:
        """Cycle the function tag on the current line, or on every line of the selection."""
        if not self.editable():
            return
        area = self.text_area
        start, end = sorted(area.selection)
        first = _LINE_START.match(area.document.get_line(start[0]))
        current = first["tag"][1:-2] if first and first["tag"] else None
        tag = TAGS[(TAGS.index(Function(current) if current else None) + 1) % len(TAGS)]
        for row in range(start[0], end[0] + 1):
            m = _LINE_START.match(area.document.get_line(row))
            lead = len(m["lead"]) if m else 0
            old = len(m["tag"]) if m and m["tag"] else 0
            area.replace(f"[{tag}] " if tag else "", (row, lead), (row, lead + old))
        self.mark_dirty()
        self.notify(f"Tagged {tag}." if tag else "Tag removed.", timeout=2)
