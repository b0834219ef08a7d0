"""The agenda pane: the items agreed for this session, their time boxes and which is current.

Edits follow the rules in `domain.agenda` (a finalised record refuses them with a message) and
post `AgendaPane.Changed`; the screen saves the session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from supervisor_tui.domain import agenda
from supervisor_tui.domain.people import ValidationError
from supervisor_tui.domain.session import AgendaItem, Session
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import read_draft
from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
from supervisor_tui.ui.drafts import RESTORED, drop, keeping
from supervisor_tui.ui.host import host, service
from supervisor_tui.ui.keys_ahead import opens_dialog

DRAFT_KIND = "agenda-item"
SOURCE_MARK = {"action": "↻ ", "case": "◆ ", "manual": ""}


def item_label(item: AgendaItem, current: bool) -> Content:
    # Done shows without colour or strike-through too: ✓, and ▶✓ for the item being discussed.
    mark = ("▶✓" if item.done else "▶") if current else ("✓" if item.done else "·")
    tags = [t for t in (item.function and item.function.value[:4], item.case_ref) if t]
    box = f" {item.timebox_minutes}m" if item.timebox_minutes else ""
    text = Content.assemble(
        (f"{mark} ", "bold $accent" if current else ""),
        (SOURCE_MARK.get(item.source, "") + item.title, "strike $text-muted" if item.done else ""),
        (f"  {' · '.join(tags)}{box}" if tags or box else "", "$text-muted"),
    )
    return text


class AgendaPane(Vertical):
    HELP = """
# Agenda

What you agreed to talk about. Items marked ↻ review an open action from an earlier session,
◆ a case not discussed lately (higher risk first). Enter takes up an item and starts its time
box; space marks it done; shift+up/down (or K/J) moves it.
"""
    BORDER_TITLE = "Agenda F2"
    BINDINGS = [
        Binding("a", "add", "Add", id="agenda.add"),
        Binding("e", "edit", "Edit", id="agenda.edit"),
        Binding("space", "done", "Done", id="agenda.done"),
        Binding("x,delete", "remove", "Remove", id="agenda.remove"),
        Binding("shift+up,K", "move(-1)", "Up", id="agenda.move-up"),
        Binding("shift+down,J", "move(1)", "Down", id="agenda.move-down"),
    ]

    class Changed(Message):
        """The agenda or the current item changed; the session should be saved."""

    def __init__(self, session: Session, *, id: str = "agenda") -> None:
        super().__init__(id=id, classes="pane")
        self.session = session
        self.draft: dict[str, Any] | None = None
        """A new item half-typed when the app last closed (read when the pane opens)."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="agenda-list")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#agenda-list", OptionList)

    def on_mount(self) -> None:
        self.refresh_items()
        self.border_subtitle = "enter: take up"
        if not self.session.is_finalised:
            self.load_draft()

    def refresh_items(self, select: str | None = None) -> None:
        """Redraw the list, keeping the highlight on `select` (an item id) or where it was."""
        options = self.option_list
        keep = select or (options.highlighted_option.id if options.highlighted_option else None)
        options.set_options(
            Option(item_label(i, i.id == self.session.current_item_id), id=i.id)
            for i in self.session.agenda
        )
        if not self.session.agenda:
            options.add_option(Option("No items yet: press a to add one.", id="-empty",
                                      disabled=True))
            return
        ids = [i.id for i in self.session.agenda]
        options.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def selected(self) -> AgendaItem | None:
        option = self.option_list.highlighted_option
        return self.session.item(option.id) if option is not None else None

    def _apply(self, change: Callable[[], object], select: str | None = None) -> bool:
        """Run an agenda rule; a refusal becomes a message, success a redraw and a save."""
        try:
            change()
        except ValidationError as exc:
            self.notify(str(exc), severity="warning")
            return False
        self.refresh_items(select)
        self.post_message(self.Changed())
        return True

    def _refuse_if_locked(self) -> bool:
        try:
            self.session.ensure_editable()
        except ValidationError as exc:
            self.notify(str(exc), severity="warning")
            return True
        return False

    # -- actions -------------------------------------------------------------------------------
    @opens_dialog
    def action_add(self) -> None:
        # Opened at once (keys typed after `a` go to the form), from a draft read earlier.
        if self._refuse_if_locked():
            return
        sid = self.session.supervisee_ids[0]
        form = keeping(self, AgendaItemForm(draft=self.draft), sid, DRAFT_KIND)
        if self.draft:
            self.notify(RESTORED)

        def added(item: AgendaItem | None) -> None:
            self.draft = None  # it has served: drop it (the form kept it while open)
            drop(self, sid, DRAFT_KIND)
            if item is not None:
                self._apply(lambda: agenda.add_item(self.session, item), select=item.id)

        self.app.push_screen(form, added)

    @work(group="agenda-draft", exit_on_error=False)
    async def load_draft(self) -> None:
        """A new item half-typed when the app last closed, ready for the next `a`."""
        with contextlib.suppress(StoreError, OSError):
            self.draft = await service(self).run(read_draft, self.session.supervisee_ids[0],
                                                  DRAFT_KIND)

    @opens_dialog
    def action_edit(self) -> None:
        item = self.selected
        if item is None or self._refuse_if_locked():
            return

        def edited(new: AgendaItem | None) -> None:
            if new is not None:
                self._apply(lambda: agenda.replace_item(self.session, new), select=new.id)

        self.app.push_screen(AgendaItemForm(item), edited)

    def action_done(self) -> None:
        item = self.selected
        if item is not None:
            self._apply(lambda: agenda.toggle_done(self.session, item.id), select=item.id)

    def action_move(self, delta: int) -> None:
        item = self.selected
        if item is not None:
            self._apply(lambda: agenda.move_item(self.session, item.id, delta), select=item.id)

    def action_remove(self) -> None:
        item = self.selected
        if item is None or self._refuse_if_locked():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: agenda.remove_item(self.session, item.id))

        self.app.push_screen(
            ConfirmScreen(f"Remove “{item.title}” from the agenda?", "Remove", "Keep"), answered
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter takes up the highlighted item: it becomes current and its time box starts."""
        event.stop()
        item = self.session.item(event.option.id)
        if item is not None:
            self._apply(lambda: agenda.set_current(self.session, item.id, host(self).clock()),
                        select=item.id)
