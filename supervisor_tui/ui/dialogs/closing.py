"""Closing a session: the quality checklist, the record's closing sections, the next date;
then each supervisee's optional sign-off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from supervisor_tui.domain.dates import parse_moment
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.session import RECORD_SECTIONS, Session, SignOff
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.dialogs.moment_echo import echo_moment
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host
from supervisor_tui.ui.keys_ahead import asks_first
from supervisor_tui.ui.widgets.toggles import MarkedSelectionList

SECTION_HINTS = {
    "workload": "caseload and capacity; anything to reduce, share or reallocate",
    "wellbeing": "how they are; the support agreed",
    "learning": "training, reading, skills to practise",
    "reflection": "what stood out; patterns noticed",
    "disagreements": "each view, and what happens next",
}
NEXT_HINT = 'e.g. "in 4 weeks", "next tue 14:00", "14 jan 10:00"; leave empty if not agreed'


@dataclass
class ClosingResult:
    checklist: dict[str, bool] = field(default_factory=dict)
    """Every quality question's id, answered yes (True) or not (False)."""
    sections: dict[str, str] = field(default_factory=dict)
    """The closing sections written (keys of RECORD_SECTIONS); empty ones are left out."""
    next_date: datetime | None = None


def _from_draft(doc: dict[str, Any] | None, checked: set[str], sections: dict[str, str],
                next_text: str) -> tuple[set[str], dict[str, str], str]:
    """What the form opens with: a draft's answers where it has them (anything unusable in it
    is left out), the session's own otherwise."""
    if not doc:
        return checked, sections, next_text
    ticks = doc.get("checked")
    if isinstance(ticks, list):
        checked = {q for q in ticks if q in QUALITY_QUESTIONS}
    written = doc.get("sections")
    if isinstance(written, dict):
        sections = {k: clean_lines(v) if isinstance(v := written.get(k), str) else sections[k]
                    for k in RECORD_SECTIONS}
    if isinstance(doc.get("next"), str):
        next_text = doc["next"][:60]
    return checked, sections, next_text


class ClosingScreen(FormScreen[ClosingResult]):
    """Returns what was written at the close, or None when the user goes back to the session.

    Nothing is saved here: the session screen applies the result and finalises the record.
    """

    def __init__(self, session: Session, names: dict[str, str],
                 draft: dict[str, Any] | None = None) -> None:
        """`draft`: what was typed in this form and not saved (`draft_doc`)."""
        super().__init__()
        self.session = session
        self.names = names
        # `baseline`: what the session holds (leaving the form then loses nothing);
        # `start`: what the form opens with, which may be a draft typed earlier.
        self.baseline_checked = {q for q, yes in session.checklist.items() if yes}
        self.baseline_sections = {k: session.sections.get(k, "") for k in RECORD_SECTIONS}
        self.baseline_next = (session.next_date.strftime("%d %b %Y %H:%M")
                              if session.next_date is not None else "")
        self.start_checked, self.start_sections, self.start_next = _from_draft(
            draft, self.baseline_checked, self.baseline_sections, self.baseline_next)

    def compose(self) -> ComposeResult:
        who = ", ".join(self.names.get(s, "") for s in self.session.supervisee_ids)
        with Vertical(classes="form closing") as form:
            form.border_title = f"Close the session: {who}" if who else "Close the session"
            yield Static("Ending finalises the record: after that it is read-only, and a "
                         "correction is an amendment with a reason.", classes="note")
            with VerticalScroll(id="closing-body"):
                yield Static("Quality checklist (space ticks, up/down moves)", classes="heading")
                yield MarkedSelectionList[str](
                    *(Selection(text, qid, qid in self.start_checked, id=qid)
                      for qid, text in QUALITY_QUESTIONS.items()),
                    id="checklist", compact=True,
                )
                yield Static("For the record", classes="heading")
                for key, heading in RECORD_SECTIONS.items():
                    yield Label(heading, classes="section-label")
                    yield TextArea(self.start_sections[key], id=f"section-{key}", compact=True,
                                   placeholder=SECTION_HINTS.get(key, ""))
                with Horizontal(classes="row"):
                    yield Label("Next date", classes="field-label")
                    yield Input(self.start_next, id="next", max_length=60, compact=True,
                                placeholder="when we meet next")
                yield Static(NEXT_HINT, id="next-shown", classes="hint")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("End session (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Back (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.show_next(self.start_next)
        focus_now(self.query_one("#checklist", SelectionList), scroll_visible=False)

    def show_next(self, text: str) -> None:
        echo_moment(self.query_one("#next-shown", Static), text, host(self).clock(), NEXT_HINT)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "next":
            self.show_next(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def _checked(self) -> set[str]:
        return set(self.query_one("#checklist", SelectionList).selected)

    def _sections(self) -> dict[str, str]:
        return {k: clean_lines(self.query_one(f"#section-{k}", TextArea).text)
                for k in RECORD_SECTIONS}

    def has_input(self) -> bool:
        return (self._checked() != self.baseline_checked
                or self._sections() != self.baseline_sections
                or self.query_one("#next", Input).value.strip() != self.baseline_next)

    def draft_doc(self) -> dict[str, Any]:
        return {"checked": sorted(self._checked()), "sections": self._sections(),
                "next": self.query_one("#next", Input).value.strip()}

    @asks_first
    def action_save(self) -> None:
        """ctrl+s asks before it ends the session: a "y" typed straight after it answers
        that question, and never lands in the form."""
        self.save()

    def save_now(self) -> None:
        text = self.query_one("#next", Input).value.strip()
        next_date = None
        if text:
            try:
                next_date = parse_moment(text, host(self).clock())
            except ValidationError as exc:
                self.show_error(f"Next date: {exc}", "#next")
                return
        checked = self._checked()
        result = ClosingResult(
            checklist={qid: qid in checked for qid in QUALITY_QUESTIONS},
            sections={k: v.strip() for k, v in self._sections().items() if v.strip()},
            next_date=next_date,
        )

        def answered(end: bool | None) -> None:
            if end:
                self.finish(result)

        self.app.push_screen(ConfirmScreen(
            "End the session and finalise the record? It can then only be amended.",
            "End and finalise", "Back to the form"), answered)


class SignOffScreen(ModalScreen[SignOff | None]):
    """The supervisee confirms the record with their initials; skipping is always allowed."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [Binding("escape", "skip", "Skip", id="signoff.skip")]

    def __init__(self, supervisee_id: str, name: str, held_on: str | None = None,
                 note: str | None = None) -> None:
        """`held_on`: the session's date when signing off later, from history; `note`: what
        the initials confirm, when it is not a session record."""
        super().__init__()
        self.supervisee_id = supervisee_id
        self.person_name = name
        self.held_on = held_on
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="form signoff") as form:
            form.border_title = f"Sign-off: {self.person_name}"
            if self.note is not None:
                note = self.note
            elif self.held_on is None:
                note = (f"{self.person_name}, your initials confirm this record of today's "
                        "session. You can skip this and sign off later, from the record in "
                        "history (s).")
            else:
                note = (f"{self.person_name}, your initials confirm the record of the session "
                        f"of {self.held_on}. It is kept as signed later, today.")
            yield Static(note, classes="note")
            with Horizontal(classes="row"):
                yield Label("Initials", classes="field-label")
                yield Input(id="initials", max_length=6, compact=True, placeholder="e.g. SO")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Sign off (enter)", id="save", variant="primary", compact=True)
                yield Button("Skip (esc)", id="skip", compact=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#initials", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()  # the form base would treat "skip" as cancel too
        if event.button.id == "save":
            self.save()
        else:
            self.action_skip()

    def save(self) -> None:
        initials = self.query_one("#initials", Input).value.strip()
        signoff = SignOff(supervisee_id=self.supervisee_id, initials=initials,
                          at=host(self).clock())
        try:
            signoff.validate()
        except ValidationError as exc:
            self.query_one("#error", Static).update(str(exc))
            return
        self.dismiss(signoff)

    def action_skip(self) -> None:
        self.dismiss(None)
