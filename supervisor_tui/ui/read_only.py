"""A data folder open for reading only (its permissions or file system refuse writing, as with
a colleague's folder, a mounted backup or a full-disk recovery): a banner says so on the
screens that read, and the actions that would change the records say why they cannot."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from textual.dom import DOMNode
from textual.widgets import Static

from supervisor_tui.domain.text_safety import for_terminal
from supervisor_tui.services.service import Service
from supervisor_tui.ui.host import host

F = TypeVar("F", bound=Callable[..., Any])


def banner_text(service: Service) -> str:
    why = f" ({service.cannot_write})" if service.cannot_write else ""
    return (f"Read only: {for_terminal(str(service.path), keep_lines=False)} cannot be "
            f"written{why}. You can read, search, audit and export; nothing can be changed.")


def refusal(service: Service) -> str:
    why = f" ({service.cannot_write})" if service.cannot_write else ""
    return (f"This data folder is open for reading only{why}: nothing can be changed. "
            "To change the records, open a copy of it in a folder you can write.")


def writes(action: F) -> F:
    """For an action that changes the records (put below `@opens_dialog`, above `@work`): in a
    folder open for reading only it says why instead of opening a form nobody can save."""

    @functools.wraps(action)
    def run(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
        service = host(self).service
        if service is not None and service.read_only:
            self.app.notify(refusal(service), title="Read only", severity="warning")
            return None
        return action(self, *args, **kwargs)

    return cast(F, run)


class ReadOnlyBanner(Static):
    """One line at the top of a screen that reads the records; shown only when read-only."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        display: none;
        padding: 0 1;
        background: $warning 30%;
        text-style: bold;
    }
    ReadOnlyBanner.shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        service = host(self).service
        if service is not None and service.read_only:
            self.update(banner_text(service))
            self.add_class("shown")
