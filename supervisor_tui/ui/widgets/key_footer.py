"""The footer of key bindings, rebuilt once per burst of binding changes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer, which rebuilds every key widget on each "bindings changed" signal.

    A screen sends several such signals in one go (it mounts, focus lands, a pane changes),
    and each rebuild restyles every key: on home that was two full rebuilds before the first
    frame. Here the signals of one refresh are answered by one rebuild.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_due = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen[Any]) -> None:
        self._rebuild_due = False
        super().bindings_changed(screen)
