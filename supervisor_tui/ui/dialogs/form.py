"""Base for the session's modal forms: ctrl+s saves, escape cancels, typed text is never
thrown away without asking first, and is kept as a draft while it is typed.

A form whose opener sets `keep` stores what was typed a moment after each pause in typing (and
at least every `DRAFT_LONGEST` seconds while typing goes on), through the writer like the notes:
however the app ends, even killed, at most a couple of seconds of a form's text is lost. The
opener hands the draft back the next time it opens that form, and drops it once the form is
closed.

A form whose opener sets `lands` is saved before it closes: a valid answer goes to `lands`
(which saves it through the writer and puts it on the screen behind), and the form closes once
it has landed, in the same frame as the list that shows it. Keys typed meanwhile wait, and go
to the screen behind once the form has closed. A save that fails leaves the form open with
what was typed, saying why."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual import on, work
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Checkbox, Input, RadioSet, SelectionList, Static, TextArea
from textual.worker import Worker

from supervisor_tui.domain.people import FirstTryKept
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.dialogs.dialog import DialogScreen
from supervisor_tui.ui.keys_ahead import asks_first, go_on_with_keys, key_holder_of
from supervisor_tui.ui.on_top import ClosesOnTop

T = TypeVar("T")


@runtime_checkable
class Identified(Protocol):
    """An answer saved under its own id (a decision, an action, a record entry)."""

    id: str


DRAFT_PAUSE = 0.8
"""Seconds after the last change before the draft is kept."""
DRAFT_LONGEST = 1.6
"""Seconds after the first unkept change by which the draft is kept, even mid-typing."""
SAYS_SAVING = 0.3
"""Seconds a save may take before the form says it is saving (a slow or busy disk)."""


class FormScreen(DialogScreen[T], ClosesOnTop):
    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    keep: Callable[[dict[str, Any]], Awaitable[Any]] | None = None
    """Set by the opener to keep a half-written entry when the app quits with the form open."""

    lands: Callable[[T], Awaitable[object]] | None = None
    """Set by an opener that saves the answer before the form closes (see above)."""
    landing = False
    """True while an answer is being saved: the form neither saves again nor closes."""
    answer_id: str | None = None
    """The id the answer is saved under, once one is known: that of a draft kept of it (forms
    that keep drafts set it), or of an answer whose save failed. A save that reached the file
    but failed after, or was cut off before its draft was dropped, is then finished by saving
    again, and never adds a second record."""

    def draft_doc(self) -> dict[str, Any]:
        """What was typed so far, as a plain dict the opener can store and hand back."""
        return {}

    def keeps_id(self, drafted: Identified) -> None:
        """`drafted` (the answer as typed so far) and the answer take one id (`answer_id`)."""
        drafted.id = self.answer_id = self.answer_id or drafted.id

    _pause: Timer | None = None
    _longest: Timer | None = None

    def on_mount(self) -> None:
        if self.keep is not None and self.has_input():  # reopened with text: keep it now
            self.call_after_refresh(self.keep_draft_now)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    def draft_changed(self) -> None:
        if self.keep is None or not self.is_attached:
            return
        if self._pause is not None:
            self._pause.stop()
        self._pause = self.set_timer(DRAFT_PAUSE, self.keep_draft_now, name="draft pause")
        if self._longest is None:
            self._longest = self.set_timer(DRAFT_LONGEST, self.keep_draft_now,
                                           name="draft deadline")

    async def keep_draft_now(self) -> bool:
        """Keep what is typed now (nothing when the form is untouched); False if that failed."""
        for timer in (self._pause, self._longest):
            if timer is not None:
                timer.stop()
        self._pause = self._longest = None
        if self.keep is None or self.landing or not self.has_input():
            return True  # (being saved, the answer is on the writer ahead of any keep now)
        try:
            await self.keep(self.draft_doc())
        except Exception:  # the form stays open with its text; the next change tries again
            return False
        return True

    def has_input(self) -> bool:
        """True when leaving now would throw away something the user typed."""
        return False

    @asks_first
    def action_save(self) -> None:
        """The keys typed after ctrl+s wait: for the screen behind once the form has closed
        (saved), or for the form if it stays open (an error)."""
        if not self.landing:
            self.save()

    def after_save_now(self) -> None:
        if not self.landing and self.is_active:  # refused: the keys go on into the form
            go_on_with_keys(self.app)

    def finish(self, answer: T | None) -> None:
        """Close with a valid `answer`; with `lands` set, once it has been saved."""
        if self.answer_id is not None and isinstance(answer, Identified):
            answer.id = self.answer_id
        if answer is None or self.lands is None:
            self._close(answer, None)
        elif not self.landing:
            self.landing = True
            self._lander = self._land(answer)

    _lander: Worker[None] | None = None

    def _close(self, answer: T | None, token: int | None) -> None:
        """Close with `answer` (once on top: the blank screen may be over the form), then let
        the keys held for it (`token`) go on, to the screen behind."""
        holder = key_holder_of(self.app)
        self.close_on_top(answer, None if holder is None else lambda: holder.release(token))

    @work(group="form-landing", exit_on_error=False)
    async def _land(self, answer: T) -> None:
        assert self.lands is not None
        holder = key_holder_of(self.app)
        token = holder.hold(limit=None) if holder is not None else None
        slow = self.set_timer(SAYS_SAVING, lambda: self.show_note("Saving…"))
        try:
            await self.lands(answer)
        except BaseException as exc:  # the form stays open with what was typed
            self.landing = False
            if holder is not None:
                holder.release(token)
            if not isinstance(exc, Exception):
                raise  # cancelled: the app or the form is going
            self.landing_failed(answer, exc)
            return
        finally:
            slow.stop()
        self._close(answer, token)

    async def flush_pending(self) -> bool:
        """Called on quit: keep what was typed, since the form cannot be completed now (an
        answer being saved is waited for; if its save failed, what was typed is kept)."""
        if self._lander is not None:
            with contextlib.suppress(Exception):
                await self._lander.wait()
        return await self.keep_draft_now()

    def landing_failed(self, answer: T, exc: Exception) -> None:
        """The save of `answer` failed: say why; ctrl+s tries again, under the same id (or,
        when a first try with other words is in the record after all, under a new one)."""
        if isinstance(exc, FirstTryKept):  # the words here are a further entry, a new id:
            self.answer_id = None  # the draft kept takes it now, so that a draft handed back
            self.show_error(str(exc))  # after a kill does not carry the first try's id
            if self.keep is not None:
                self.call_after_refresh(self.keep_draft_now)
            return
        if isinstance(answer, Identified):
            self.answer_id = answer.id
        self.show_error(f"Not saved: {exc}. What you typed is still here: ctrl+s tries again, "
                        "escape leaves it.")

    def show_note(self, message: str) -> None:
        """A word in the form's message line that is not an error (drawn as a note)."""
        line = self.query_one("#error", Static)
        line.add_class("-note")
        line.update(message)

    def action_cancel(self) -> None:
        if self.landing:
            return
        if not self.has_input():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed in this form?", "Discard", "Keep editing"),
            answered,
        )
