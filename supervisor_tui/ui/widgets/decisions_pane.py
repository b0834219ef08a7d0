"""The decisions pane: this session's decisions and actions, or the attendees' running log.

Everything is loaded and saved through the service (the single writer), never on the UI
thread. A form whose save fails opens again with what was typed, so nothing is lost.

In a group session the pane shows every attendee's log, merged, each line naming whose log
it is in. New decisions and actions are written once, to the log the pane was opened for (the
first attendee's); an amendment goes into the same log as the decision it amends, and an
action closed here is saved back to its own supervisee's file.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from supervisor_tui.domain.codec import DecodeError, from_dict
from supervisor_tui.domain.decisions import Action, Decision
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import add_decision, load_logs, save_action
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.ui.decision_lines import (
    LOG_PAGE,
    MORE,
    MUTED,
    LogIndex,
    action_prompt,
    decision_prompt,
    heading,
    listed_once,
    more_line,
)
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.drafts import open_saving, save_dropping, take_back
from supervisor_tui.ui.focus import focus_now
from supervisor_tui.ui.format import fmt_date
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import opens_dialog
from supervisor_tui.ui.landing import landed

T = TypeVar("T")
SAVE_ERRORS = (ValidationError, StoreError, OSError)


class DecisionsPane(Widget):
    HELP = """
# Decisions

What was decided, and why, with the actions agreed (what, who, by when). A decision is not
saved without its rationale. Case refs start from the agenda item taken up; use initials or
case numbers, never names. Flags mark safeguarding decisions and confidentiality exceptions.

Decisions are never edited: m records an amendment beside the original, which stays as it
was. l switches between this session and the running log (every decision, and open actions
from any session); x marks the highlighted action done, or undoes that in the same session.
Once the session is ended the pane is read-only.
"""
    BORDER_TITLE = "Decisions"
    BINDINGS = [
        Binding("d", "add_decision", "Decision", id="decisions.add_decision"),
        Binding("a", "add_action", "Action", id="decisions.add_action"),
        Binding("x", "toggle_done", "Done/undo", id="decisions.toggle_done"),
        Binding("m", "amend", "Amend", id="decisions.amend"),
        Binding("l", "toggle_log", "Log/session", id="decisions.toggle_log"),
    ]

    show_log: reactive[bool] = reactive(False)
    """False: this session's entries. True: the running log across sessions."""

    class Changed(Message):
        """A decision or action was saved from this pane."""

        def __init__(self, pane: DecisionsPane, item: Decision | Action) -> None:
            super().__init__()
            self.pane = pane
            self.item = item

        @property
        def control(self) -> DecisionsPane:
            return self.pane

    def __init__(self, session: Session, supervisee_id: str, *, id: str = "decisions",
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.add_class("pane")
        self.session = session
        self.supervisee_id = supervisee_id
        """Whose log new decisions and actions are written to."""
        self.attendees = list(dict.fromkeys([supervisee_id, *session.supervisee_ids]))
        """Whose logs are shown: the session's attendees (one log unless a group)."""
        self.names: dict[str, str] = {}
        self.decisions: list[Decision] = []
        self.actions: list[Action] = []
        self.log_listed = LOG_PAGE
        """How many of the running log's decisions are listed (older ones on request)."""
        self._first_unlisted: str | None = None
        """The option id of the newest decision the drawn log does not list yet."""
        self._index = LogIndex()
        self._rows: dict[str, tuple[Decision, Decision | None, str | None, Option]] = {}
        """This session's decision rows, made once (see `_decision_row`)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="decisions-view")
        yield OptionList(id="decisions-list", compact=True)

    def on_mount(self) -> None:
        self.reload()

    def focus(self, scroll_visible: bool = True) -> DecisionsPane:
        """The pane takes focus through its list."""
        focus_now(self.query_one(OptionList), scroll_visible)
        return self

    # -- loading and showing ---------------------------------------------------------------
    @work(exclusive=True, group="decisions-load")
    async def reload(self) -> None:
        try:
            logs = await service(self).run(load_logs, self.attendees, self.session.id)
        except SAVE_ERRORS as exc:
            self.notify(f"Could not load the decisions log: {exc}", severity="error")
            return
        self.names, self.decisions, self.actions = logs.names, logs.decisions, logs.actions
        self.render_log()

    @property
    def owner_name(self) -> str:
        """The default owner of a new action: whose log it is written to."""
        return self.names.get(self.supervisee_id, "")

    def who(self, item: Decision | Action) -> str | None:
        """The name to put on a line, when more than one attendee's log is shown."""
        if len(self.attendees) < 2:
            return None
        return self.names.get(item.supervisee_id) or "?"

    def watch_show_log(self) -> None:
        self.log_listed = LOG_PAGE
        if self.is_mounted:
            self.render_log()

    @on(OptionList.OptionHighlighted, "#decisions-list")
    def list_older(self, event: OptionList.OptionHighlighted) -> None:
        """Moving onto the running log's last line lists the next older decisions."""
        if event.option.id == MORE:
            self.log_listed += LOG_PAGE
            self.render_log(select=self._first_unlisted)

    @property
    def today(self) -> date:
        return host(self).clock().date()

    def _session_options(self) -> list[Option]:
        sid = self.session.id
        by_id, made = self._index.by_id(self.decisions, sid)
        acts = [a for a in self.actions if a.session_id == sid or a.closed_in_session == sid]
        options = [heading(f"Decisions ({len(made)})")]
        options += [self._decision_row(d, by_id.get(d.amends or "")) for d in made]
        options.append(heading(f"Actions ({len(acts)})"))
        options += [Option(action_prompt(a, self.today, sid, self.who(a)), id=f"t:{a.id}")
                    for a in acts]
        if not made and not acts:
            options.append(Option(Content.styled("None yet: d adds a decision, a an action.",
                                                  f"italic {MUTED}"), disabled=True))
        return options

    def _decision_row(self, d: Decision, original: Decision | None) -> Option:
        """A decision's row, kept while the decision, its original and its attendee are the
        same (a saved decision is never changed): the list measures the height of a row it
        was given before without wrapping its text again, so a save in a long session costs
        one new row, not all of them."""
        who = self.who(d)
        held = self._rows.get(d.id)
        if held is None or held[0] is not d or held[1] is not original or held[2] != who:
            row = Option(decision_prompt(d, original=original, who=who), id=f"d:{d.id}")
            held = self._rows[d.id] = (d, original, who, row)
        return held[3]

    def _log_options(self) -> list[Option]:
        sid = self.session.id
        tree = self._index.tree(self.decisions)
        opened = sorted((a for a in self.actions if a.is_open),
                        key=lambda a: (a.due is None, a.due or date.max, a.created_at))
        options = [heading(f"All decisions, newest first ({len(tree)})")]
        options += [Option(decision_prompt(d, depth, dated=True, who=self.who(d)), id=f"d:{d.id}")
                    for d, depth in tree[:self.log_listed]]
        self._first_unlisted = None
        if len(tree) > self.log_listed:
            options.append(more_line(len(tree) - self.log_listed))
            self._first_unlisted = f"d:{tree[self.log_listed][0].id}"
        options.append(heading(f"Open actions ({len(opened)})"))
        options += [Option(action_prompt(a, self.today, sid, self.who(a)), id=f"t:{a.id}")
                    for a in opened]
        return options

    def render_log(self, select: str | None = None) -> None:
        """Draw the list again, keeping the highlight, or moving it to `select` (an option id,
        e.g. of an entry just added) and scrolling that into view."""
        found = self.query(OptionList)
        if not found:  # read while the app was closing: nothing left to show it in
            return
        listing = found.first()
        keep = select or (listing.highlighted_option.id if listing.highlighted_option else None)
        options = self._log_options() if self.show_log else self._session_options()
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            listing.highlighted = ids.index(keep)
            if select is not None:
                listing.scroll_to_highlight()
        if self.show_log:
            whose = "attendees' logs" if len(self.attendees) > 1 else "log"
            view = f"Running {whose}, all sessions · l: this session"
        elif len(self.attendees) > 1:
            view = "This group session"
        else:
            view = "This session · l: running log"
        if self.session.is_finalised:
            view += " · finalised, read-only"
        self.query_one("#decisions-view", Static).update(Content.styled(view, MUTED))

    def _highlighted(self) -> tuple[str, str] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:
            return None
        kind, _, item_id = option.id.partition(":")
        return kind, item_id

    # -- editing ----------------------------------------------------------------------------
    def _editable(self) -> bool:
        try:
            self.session.ensure_editable()
        except ValidationError as exc:
            self.notify(str(exc), title="Read-only", severity="warning")
            return False
        return True

    @property
    def _default_case(self) -> str | None:
        item = self.session.current_item
        return item.case_ref if item else None

    async def _store(self, save: Callable[[Workspace, T], T], item: T, what: str) -> T | None:
        """Save a snapshot of `item` on the writer; None (and a message) if it failed."""
        try:
            return await landed(self, service(self).submit(save, copy.deepcopy(item)), what,
                                lambda _: None)
        except Exception as exc:
            self.notify(f"{what} not saved: {exc}", title="Not saved", severity="error")
            return None

    def _saving(self, save: Callable[[Workspace, T], T], kind: str) -> Callable[[T], Future[T]]:
        """How a form's answer of this `kind` is handed to the writer: a snapshot of it, saved,
        then its draft dropped."""
        return lambda item: save_dropping(self, self.supervisee_id, kind, save,
                                          copy.deepcopy(item))

    def action_toggle_log(self) -> None:
        if len(self.attendees) > 1:
            self.notify("A group session shows only what belongs to the group. Each person's "
                        "running log is in their history (h on home).", title="Group session")
            return
        self.show_log = not self.show_log

    def saved(self, message: str) -> None:
        """Say so in the frame that lists what was saved (the form closes in it too): a
        notice drawn in a frame of its own comes a frame period or two later."""
        self.notify(message)

    @opens_dialog
    @work(exclusive=True, group="decisions-form")
    async def action_add_decision(self) -> None:
        await self._decision_form(None)

    @opens_dialog
    @work(exclusive=True, group="decisions-form")
    async def action_amend(self) -> None:
        picked = self._highlighted()
        original = next((d for d in self.decisions if picked and d.id == picked[1]), None)
        if picked is None or picked[0] != "d" or original is None:
            self.notify("Move to a decision first, then press m to amend it.")
            return
        await self._decision_form(original)

    async def _decision_form(self, amends: Decision | None) -> None:
        if not self._editable():
            return
        draft: Decision | None = None
        sid = self.supervisee_id
        if amends is None and (doc := await take_back(self, sid, "decision")) is not None:
            with contextlib.suppress(DecodeError):  # a draft it cannot read is left behind
                draft = from_dict(Decision, doc)
                amends = next((d for d in self.decisions if d.id == draft.amends), None)
        # An amendment is written beside its original, in the same supervisee's log.
        log_of = amends.supervisee_id if amends is not None else self.supervisee_id
        await open_saving(self, DecisionForm(log_of, self.session.id, self._default_case,
                                             amends=amends, draft=draft),
                          self.supervisee_id, "decision", self._saving(add_decision, "decision"),
                          "Decision", self._decision_shown, self._decision_listed)

    def _decision_shown(self, saved: Decision) -> None:
        self._decision_listed(saved)
        self.saved("Amendment saved." if saved.amends else "Decision saved.")

    def _decision_listed(self, saved: Decision) -> None:
        listed_once(self.decisions, saved)
        self.render_log(select=f"d:{saved.id}")
        self.post_message(self.Changed(self, saved))

    @opens_dialog
    @work(exclusive=True, group="decisions-form")
    async def action_add_action(self) -> None:
        if not self._editable():
            return
        draft: Action | None = None
        due_text = ""
        if (doc := await take_back(self, self.supervisee_id, "action")) is not None:
            with contextlib.suppress(DecodeError):
                draft = from_dict(Action, doc.get("action"))
                due_text = str(doc.get("due_text") or "")
        await open_saving(self, ActionForm(
            self.supervisee_id, self.session.id, owner=self.owner_name,
            case_ref=self._default_case, draft=draft, due_text=due_text),
            self.supervisee_id, "action", self._saving(save_action, "action"), "Action",
            self._action_shown)

    def _action_shown(self, saved: Action) -> None:
        listed_once(self.actions, saved)
        self.render_log(select=f"t:{saved.id}")
        self.post_message(self.Changed(self, saved))
        self.saved(f"Action saved, due {fmt_date(saved.due)}.")

    @work(group="decisions-save")
    async def action_toggle_done(self) -> None:
        picked = self._highlighted()
        index = next((n for n, a in enumerate(self.actions) if picked and a.id == picked[1]), None)
        if picked is None or picked[0] != "t" or index is None:
            self.notify("Move to an action first, then press x to mark it done.")
            return
        if not self._editable():
            return
        before = self.actions[index]
        after = copy.deepcopy(before)
        if before.is_open:
            after.close(session_id=self.session.id, at=host(self).clock())
        elif before.closed_in_session == self.session.id:
            after.reopen()
        else:
            self.notify("That action was closed in an earlier session; it stays as recorded.")
            return
        # Shown at once, saved in order behind it; put back if the save fails.
        self.actions[index] = after
        self.render_log()
        saved = await self._store(save_action, after, "Action")
        if saved is None:
            self.actions = [before if a.id == before.id else a for a in self.actions]
            self.render_log()
            return
        self.post_message(self.Changed(self, saved))
