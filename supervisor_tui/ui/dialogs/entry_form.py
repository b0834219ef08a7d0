"""Add an amendment or a late entry to a finalised record: kind, text, reason, author."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, RadioSet, TextArea

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.enums import EntryKind
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import RecordEntry
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.widgets.toggles import Choice


class EntryForm(FormScreen[RecordEntry]):
    CSS_PATH = "entry_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry.save"),
        Binding("escape", "cancel", "Cancel", id="entry.cancel"),
    ]

    def __init__(self, record_label: str, clock: Callable[[], datetime],
                 draft: RecordEntry | None = None) -> None:
        super().__init__()
        self.record_label = record_label
        self.clock = clock
        self.draft = draft
        self.answer_id = draft.id if draft is not None else None

    def compose(self) -> ComposeResult:
        d = self.draft
        with VerticalScroll(classes="dialog entry-form") as dialog:
            dialog.border_title = f"Add to the record of {self.record_label}"
            yield Label("The original stays as it was; this is added to it, labelled. An "
                        "amendment corrects it; a late entry adds what was not recorded then; "
                        "a comment is the supervisee's own view of the record.",
                        classes="question")
            with RadioSet(id="kind", compact=True):
                yield Choice("Amendment", id="amendment", compact=True,
                                  value=d is None or d.kind is EntryKind.AMENDMENT)
                yield Choice("Late entry", id="late_entry", compact=True,
                                  value=d is not None and d.kind is EntryKind.LATE_ENTRY)
                yield Choice("Supervisee's comment", id="supervisee_comment", compact=True,
                             value=d is not None and d.kind is EntryKind.SUPERVISEE_COMMENT)
            yield Label("Text")
            yield TextArea(d.text if d else "", id="text", soft_wrap=True, compact=True)
            yield Label("Reason (required for an amendment)")
            yield Input(d.reason if d else "", id="reason", max_length=300, compact=True,
                        placeholder="e.g. wrong date recorded")
            yield Label("Author")
            yield Input(d.author if d else "", id="author", max_length=80, compact=True,
                        placeholder="your name or initials")
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#text", TextArea))

    def entry(self) -> RecordEntry:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        kind = EntryKind(pressed.id) if pressed is not None and pressed.id in {
            k.value for k in EntryKind} else EntryKind.AMENDMENT
        return RecordEntry(
            text=clean_lines(self.query_one("#text", TextArea).text).strip(),
            reason=self.query_one("#reason", Input).value.strip(),
            author=self.query_one("#author", Input).value.strip(),
            kind=kind,
            at=self.clock(),
        )

    def has_input(self) -> bool:
        entry = self.entry()
        return bool(entry.text or entry.reason)

    def draft_doc(self) -> dict[str, Any]:
        draft = self.entry()
        self.keeps_id(draft)
        return to_dict(draft)

    def save_now(self) -> None:
        entry = self.entry()
        try:
            entry.validate()
            if not entry.author:
                raise ValidationError("Say who is adding this (a name or initials).")
        except ValidationError as exc:
            self.query_one("#error", Label).update(str(exc))
            return
        self.finish(entry)
