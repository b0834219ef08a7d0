"""Record a decision with its rationale (required), optional case ref and flags."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from supervisor_tui.domain.codec import to_dict
from supervisor_tui.domain.decisions import Decision
from supervisor_tui.domain.enums import DecidedBy, DecisionFlag
from supervisor_tui.domain.people import ValidationError, check_case_ref
from supervisor_tui.domain.text_safety import clean_lines
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.host import host
from supervisor_tui.ui.widgets.toggles import Choice, TickBox, highlight_pressed

FLAG_LABELS = {
    DecisionFlag.SAFEGUARDING: "Safeguarding",
    DecisionFlag.CONFIDENTIALITY_EXCEPTION: "Confidentiality exception",
}
DECIDED_BY_LABELS = {
    DecidedBy.JOINTLY: "Jointly",
    DecidedBy.SUPERVISOR: "Supervisor",
    DecidedBy.SUPERVISEE: "Supervisee",
}
DEFAULT_DECIDED_BY = DecidedBy.JOINTLY
"""Shown chosen when the form opens: most decisions in supervision are reached together."""


class DecisionForm(FormScreen[Decision]):
    """Returns a new `Decision` (never saved here), or None when cancelled.

    With `amends`, the form starts from that decision and the result is an amendment: a new
    decision naming the original, which stays as it was.
    """

    def __init__(self, supervisee_id: str, session_id: str, case_ref: str | None = None,
                 amends: Decision | None = None, draft: Decision | None = None) -> None:
        super().__init__()
        self.supervisee_id = supervisee_id
        self.session_id = session_id
        self.amends = amends
        self.answer_id = draft.id if draft is not None else None
        """A decision typed before (a draft, or one whose save failed) keeps its id (see
        `FormScreen.answer_id`)."""
        # `baseline`: what the form holds untouched (leaving it then loses nothing);
        # `start`: what it opens with, which may be a draft typed earlier.
        self.baseline = self._fields(amends, case_ref)
        (self.start_text, self.start_rationale, self.start_case, self.start_flags,
         self.start_decided_by) = self._fields(draft or amends, case_ref)

    @staticmethod
    def _fields(source: Decision | None, case_ref: str | None
                ) -> tuple[str, str, str, set[DecisionFlag], DecidedBy]:
        if source is None:
            return "", "", case_ref or "", set(), DEFAULT_DECIDED_BY
        decided_by = next((d for d in DecidedBy if d.value == source.decided_by),
                          DEFAULT_DECIDED_BY)
        return (source.text, source.rationale, source.case_ref or "", set(source.flags),
                decided_by)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form decision") as form:
            form.border_title = "Amend decision" if self.amends else "New decision"
            if self.amends:
                yield Static("The original is kept; this is saved as an amendment beside it.",
                             classes="note")
            with Horizontal(classes="row"):
                yield Label("Decision", classes="field-label")
                yield Input(self.start_text, id="text", max_length=500, compact=True,
                            placeholder="what was decided")
            with Horizontal(classes="row"):
                yield Label("Rationale", classes="field-label")
                yield TextArea(self.start_rationale, id="rationale", compact=True,
                               placeholder="why: the evidence, risks and options weighed")
            with Horizontal(classes="row"):
                yield Label("Case ref", classes="field-label")
                yield Input(self.start_case, id="case", max_length=32, compact=True,
                            placeholder="optional: initials or case number, never a name")
            with Horizontal(classes="row decided-by"):
                yield Label("Decided by", classes="field-label")
                with RadioSet(id="decided-by", compact=True):
                    for who, label in DECIDED_BY_LABELS.items():
                        yield Choice(label, who is self.start_decided_by,
                                     id=f"by-{who.value}", compact=True)
            with Horizontal(classes="flags"):
                yield Label("Flags", classes="field-label")
                for flag, label in FLAG_LABELS.items():
                    yield TickBox(label, flag in self.start_flags, id=f"flag-{flag.value}",
                                   compact=True)
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        highlight_pressed(self.query_one("#decided-by", RadioSet))
        focus_now(self.query_one("#text", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "text":
            focus_now(self.query_one("#rationale", TextArea))
        else:
            self.save()

    def decided_by(self) -> DecidedBy:
        return next((who for who in DECIDED_BY_LABELS
                     if self.query_one(f"#by-{who.value}", Choice).value),
                    DEFAULT_DECIDED_BY)

    def _values(self) -> tuple[str, str, str, list[DecisionFlag]]:
        flags = [f for f in FLAG_LABELS if self.query_one(f"#flag-{f.value}", TickBox).value]
        return (self.query_one("#text", Input).value.strip(),
                clean_lines(self.query_one("#rationale", TextArea).text).strip(),
                self.query_one("#case", Input).value.strip(), flags)

    def draft_doc(self) -> dict[str, Any]:
        text, rationale, case, flags = self._values()
        draft = Decision(self.supervisee_id, self.session_id, text, rationale,
                         case_ref=case or None, flags=flags, decided_by=self.decided_by().value,
                         decided_at=host(self).clock(),
                         amends=self.amends.id if self.amends else None)
        self.keeps_id(draft)
        return to_dict(draft)

    def has_input(self) -> bool:
        text, rationale, case, flags = self._values()
        return ((text, rationale, case, set(flags), self.decided_by())
                != self.baseline)

    def save_now(self) -> None:
        text, rationale, case, flags = self._values()
        if not text:
            self.show_error("Write what was decided.", "#text")
            return
        if not rationale:
            self.show_error("A decision needs its rationale: why was it made? Nothing is saved "
                            "until it has one.", "#rationale")
            return
        try:
            case_ref = check_case_ref(case) if case else None
        except ValidationError as exc:
            self.show_error(str(exc), "#case")
            return
        decision = Decision(supervisee_id=self.supervisee_id, session_id=self.session_id,
                            text=text, rationale=rationale, case_ref=case_ref, flags=flags,
                            decided_by=self.decided_by().value,
                            decided_at=host(self).clock(),
                            amends=self.amends.id if self.amends else None)
        try:
            decision.validate()
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        self.finish(decision)
