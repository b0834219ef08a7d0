"""F1: help for the focused pane — what it is for and the keys that work there now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown


def help_markdown(screen: Screen[object], app_keys: dict[str, str]) -> str:
    """Compose the help text: the focused pane's HELP, the screen's HELP, then the live keys."""
    parts: list[str] = []
    node: DOMNode | None = screen.focused
    seen: set[str] = set()
    while node is not None:
        text = type(node).HELP
        if text and text not in seen:
            seen.add(text)
            parts.append(text.strip())
        if node is screen:
            break
        node = node.parent
    if not parts and screen.HELP:
        parts.append(screen.HELP.strip())
    rows = ["| Key | Does |", "|---|---|"]
    for key, description in app_keys.items():
        rows.append(f"| `{key}` | {description} |")
    keys = "\n".join(rows) if len(rows) > 2 else "No keys here."
    body = "\n\n---\n\n".join(parts) if parts else "# Help"
    return f"{body}\n\n## Keys available now\n\n{keys}\n"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help.close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog") as box:
            box.border_title = "Help (esc to close)"
            yield Markdown(self.markdown)

    def action_close(self) -> None:
        self.dismiss(None)
