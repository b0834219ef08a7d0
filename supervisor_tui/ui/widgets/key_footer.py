"""The footer of keys: the screen's essential keys first, then as many others as fit.

Textual's Footer lists every key in the order the bindings are found and cuts the line where
the terminal ends: at 80 columns the session's End session key was not on screen. Here each
screen's essential keys (end the session, go back, help, quit, the main action) come first,
the others follow while they fit, and a key is shown whole or not at all. Every key is also
listed by F1 (help) and in the command palette. Keys are drawn reversed, so they read without
colour too.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

ESSENTIAL = (
    # Each screen's way out and its main action,
    "session.end", "session.home", "home.start", "history.back", "search.close",
    "schedule.back", "agreement.save", "agreement.back", "audit.back", "audit.run",
    "damaged.restore", "damaged.quit", "first-run.encrypt", "first-run.plain", "open.retry",
    # then help and quit,
    "app.help", "app.quit",
    # then the keys used most.
    "session.checkin", "home.history", "home.search", "home.new", "history.entry",
    "history.sign-off",
)
"""Binding ids shown first, in this order, on whichever screen has them."""
GAP = 2
PALETTE_FROM = 100
"""The palette's key is shown from this width up (below it, F1 names ctrl+p)."""


class ShownKey(NamedTuple):
    """A key shown in the footer and whether it does anything now (a named tuple: cheaper to
    define than a dataclass, on the path to the first frame)."""

    key: str
    description: str
    enabled: bool

    @property
    def width(self) -> int:
        return len(self.key) + 1 + len(self.description)


def rank(binding: Binding) -> int:
    return ESSENTIAL.index(binding.id) if binding.id in ESSENTIAL else len(ESSENTIAL)


def fit(keys: list[ShownKey], width: int) -> list[ShownKey]:
    """The keys that fit in `width` columns, in order; one that does not fit is left out whole
    and a shorter one after it may still be shown."""
    shown: list[ShownKey] = []
    used = 0
    for key in keys:
        need = key.width + (GAP if shown else 0)
        if used + need <= width:
            shown.append(key)
            used += need
    return shown


class KeyFooter(Widget):
    """One line of keys, redrawn once per burst of binding changes and on resize."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._redraw_due = False
        self.redraws = 0
        """How often the keys were worked out again (bursts of changes count once)."""
        self._shown: list[ShownKey] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_resize(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self._redraw_due:
            self._redraw_due = True
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        self._redraw_due = False
        if not self.is_attached or not self.is_mounted:  # its screen has gone meanwhile
            return
        self.redraws += 1
        self._shown = fit(self.candidates(), self._room())
        self.refresh()

    def _room(self) -> int:
        width = self.size.width or self.app.size.width
        width -= 2  # padding
        if width + 2 >= PALETTE_FROM:
            width -= len(self._palette_text()) + GAP
        return max(width, 0)

    def candidates(self) -> list[ShownKey]:
        """Every key the footer may show, essential ones first."""
        found: list[tuple[int, int, ShownKey]] = []
        actions: set[str] = set()
        for order, (_, binding, enabled, _tip) in enumerate(
                self.screen.active_bindings.values()):
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown = ShownKey(self.app.get_key_display(binding), binding.description, enabled)
            found.append((rank(binding), order, shown))
        return [key for _, _, key in sorted(found, key=lambda item: (item[0], item[1]))]

    def shown(self) -> list[str]:
        """The descriptions on screen now, in order."""
        return [key.description for key in self._shown]

    def _palette_text(self) -> str:
        return "^p palette"

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        for index, key in enumerate(self._shown):
            if index:
                line.append(" " * GAP)
            style = "" if key.enabled else "dim"
            line.append(key.key, style=f"bold reverse {style}".strip())
            line.append(f" {key.description}", style=style)
        room = self.size.width - 2
        if room >= PALETTE_FROM - 2 and self.app.ENABLE_COMMAND_PALETTE:
            palette = self._palette_text()
            pad = room - line.cell_len - len(palette)
            if pad >= GAP:
                line.append(" " * pad)
                line.append(palette[:2], style="bold reverse")
                line.append(palette[2:])
        return line
