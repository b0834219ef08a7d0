"""Case references named in a one-to-one session (an agenda item, a decision, an action) that
are not on the supervisee's caseload yet: each is said once, and F6 then one risk key adds it.

Nothing opens unasked: a dialog that popped up after a save would take the keys typed on into
the notes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from supervisor_tui.domain.people import ValidationError
from supervisor_tui.services.caseload import CaseEdit, add_case, not_on_caseload
from supervisor_tui.services.errors import StoreError
from supervisor_tui.ui.dialogs.case_offer import CaseOfferScreen
from supervisor_tui.ui.host import service


class CaseOffers:
    def __init__(self, screen: Screen[Any], supervisee_id: str, name: str,
                 group: bool = False) -> None:
        self.screen = screen
        self.supervisee_id, self.name = supervisee_id, name
        self.group = group
        """A group's cases are each person's own: none is offered on the shared screen."""
        self.said: set[str] = set()
        self.pending: list[str] = []
        """Unknown references not yet added, the latest last."""

    def check_soon(self, refs: list[str]) -> None:
        if refs and not self.group:
            self.screen.run_worker(self.check(refs), group="case-check", exit_on_error=False)

    async def check(self, refs: list[str]) -> None:
        """Say which of `refs` are not on the caseload (each once per session)."""
        new = [r for r in dict.fromkeys(refs) if r and r.casefold() not in self.said]
        if not new:
            return
        try:
            unknown = await service(self.screen).run(not_on_caseload, self.supervisee_id, new)
        except StoreError:
            return  # the caseload cannot be read now; said again with the next change
        for ref in unknown:
            self.said.add(ref.casefold())
            self.pending.append(ref)
            self.screen.notify(f"{ref} is not on {self.name}'s caseload yet: F6 adds it.",
                               title="Case not on the caseload", timeout=8)

    async def add(self) -> None:
        """Ask the risk of the latest unknown reference and add it to the caseload."""
        if self.group:
            self.screen.notify("A group session has no one caseload: add cases from each "
                               "person's home row (f).", severity="warning")
            return
        if not self.pending:
            self.screen.notify("Every case named in this session is on the caseload (f on "
                               "home or in history manages it).")
            return
        ref = self.pending[-1]
        risk = await self.screen.app.push_screen_wait(CaseOfferScreen(ref, self.name))
        if risk is None:
            return
        try:
            await service(self.screen).save(add_case, self.supervisee_id, CaseEdit(ref, risk))
        except ValidationError as exc:  # added meanwhile (from another screen), or refused
            self.pending.remove(ref)
            self.screen.notify(str(exc), severity="warning")
            return
        except StoreError as exc:
            self.screen.notify(f"{ref} not added: {exc}", severity="error")
            return
        self.pending.remove(ref)
        self.screen.notify(f"{ref} added to {self.name}'s caseload at {risk.value} risk.")
