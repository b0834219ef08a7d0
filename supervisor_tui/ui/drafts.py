"""Forms that keep what is typed as a draft, and hand it back the next time they open.

A draft is kept in the supervisee's drafts file under a kind (one per form, and per session
where a form belongs to one), through the writer like the notes. It is read when the form
opens (the form keeps it again at once), and dropped once it has served: when the form is
cancelled, or when what it gave has been saved (the caller drops it then, so an app ended
between closing the form and saving hands the draft back next time).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from textual.widget import Widget

from supervisor_tui.domain.people import FirstTryKept, ValidationError
from supervisor_tui.services.errors import StoreError
from supervisor_tui.services.live import keep_draft, read_draft, take_draft
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.ui.dialogs.form import FormScreen
from supervisor_tui.ui.host import service
from supervisor_tui.ui.landing import landed

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

DRAFT_ERRORS = (ValidationError, StoreError, OSError)
RESTORED = "Restored what you had typed here and not yet saved."
"""Said when a form hands back its draft: the app ended before it was saved, or the save
failed (a form whose answer was saved has no draft left)."""


async def take_back(owner: Widget, supervisee_id: str, kind: str) -> dict[str, Any] | None:
    """The draft of this kind, if one was left (with a notice saying so); None if not, or if
    it cannot be read now (the form then opens empty).

    Read, not taken: it stays kept until the form it goes to keeps it again or drops it, so
    an opening cut short (its worker cancelled while the read runs, or the app ended before
    the form showed) loses nothing."""
    try:
        doc = await service(owner).run(read_draft, supervisee_id, kind)
    except DRAFT_ERRORS:
        return None
    if doc is not None:
        owner.notify(RESTORED)
    return doc


def keeping(owner: Widget, form: FormScreen[T], supervisee_id: str, kind: str) -> FormScreen[T]:
    """Make `form` keep its draft under `kind` while it is typed; returns the form."""

    async def keep(doc: dict[str, Any]) -> None:
        await service(owner).save(keep_draft, supervisee_id, kind, doc)

    form.keep = keep
    return form


def drop(owner: Widget, supervisee_id: str, kind: str) -> None:
    """The draft has served (queued behind any keep or save still pending)."""
    with contextlib.suppress(*DRAFT_ERRORS):
        service(owner).submit(take_draft, supervisee_id, kind)


def save_dropping(owner: Widget, supervisee_id: str, kind: str,
                  save: Callable[Concatenate[Workspace, P], T],
                  *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    """Submit `save` to the writer and, right behind it, the drop of the form's draft if it
    saved; returns the save's future.

    Not left to the form's worker: a worker is cancelled when another starts in its group (a
    second form opened while the first still saves), and the save then lands while the draft
    stays, to be handed back as if never saved.
    """
    saving = service(owner).submit(save, *args, **kwargs)

    def after(ws: Workspace) -> None:
        if not saving.cancelled() and saving.exception() is None:
            take_draft(ws, supervisee_id, kind)

    with contextlib.suppress(*DRAFT_ERRORS):
        service(owner).submit(after)
    return saving


async def open_keeping(owner: Widget, form: FormScreen[T], supervisee_id: str,
                       kind: str) -> T | None:
    """Open `form` keeping its draft while it is typed. Cancelled, the draft is dropped;
    otherwise it is kept until the caller has saved the result and calls `drop`."""
    result: T | None = await owner.app.push_screen_wait(
        keeping(owner, form, supervisee_id, kind))
    if result is None:
        drop(owner, supervisee_id, kind)
    return result


async def open_saving(owner: Widget, form: FormScreen[T], supervisee_id: str, kind: str,
                      submit: Callable[[T], Future[R]], what: str,
                      shown: Callable[[R], None],
                      listed: Callable[[R], None] | None = None) -> T | None:
    """Open `form` keeping its draft, and save its answer before it closes: `submit` hands
    the answer to the writer (through `save_dropping`, so the draft goes once it is saved)
    and `shown` puts what was saved on screen, in the frame the form closes in. `listed`
    puts on screen, without a word, a first try found in the record after all (the form
    says so). Returns the answer once saved; None if the form was cancelled."""

    async def lands(answer: T) -> R:
        try:
            return await landed(owner, submit(answer), what, shown)
        except FirstTryKept as exc:  # the first try is in the record: list it there
            if exc.kept is not None and owner.is_mounted:
                (listed or shown)(cast(R, exc.kept))
            raise

    form.lands = lands
    return await open_keeping(owner, form, supervisee_id, kind)
