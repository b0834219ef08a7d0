"""Screens that close themselves only when they are on top.

Textual's `dismiss` closes whichever screen is on top. A form that finishes saving, or the lock
that finishes checking a passphrase, while the blank screen has been put over it would close
the blank screen instead, and stay. Such a screen closes once it is on top again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


class ClosesOnTop(Screen[Any]):
    """A mixin, named after the screen's own base (Textual takes default styles along it)."""

    _close_later: tuple[Any, Callable[[], None] | None] | None = None

    def close_on_top(self, result: Any, then: Callable[[], None] | None = None) -> None:
        """Dismiss with `result`, then call `then`: now if on top, else once on top again."""
        if not self.is_active:
            self._close_later = (result, then)
            return
        self.dismiss(result)
        if then is not None:
            then()

    def on_screen_resume(self) -> None:
        if self._close_later is not None:
            (result, then), self._close_later = self._close_later, None
            self.close_on_top(result, then)
