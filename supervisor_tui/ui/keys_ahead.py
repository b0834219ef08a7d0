"""Keys typed while a dialog is being opened go to the dialog, not to the screen behind it.

A key such as `d` (new decision) opens its dialog a moment later: after a draft is read back
through the writer, and after the dialog is built. A typist does not wait for it: "d", then the
decision at once. Without care those letters land in the pane behind (the notes, a list whose
keys they press). So the key that opens a dialog holds every key read after it (from the moment
it is read); they are read again, in order, once the dialog shows (or after `HOLD_LIMIT` if
no dialog opens).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

HOLD_LIMIT = 1.0
"""Seconds keys are held at most, for an action that ends without opening its dialog."""
UNHELD_KEYS = frozenset({"ctrl+q", "ctrl+b", "f12"})
"""Quit and blank the screen act at once, even while a dialog is being opened."""

F = TypeVar("F", bound=Callable[..., Any])


class KeyHolder:
    """Owned by the app: holds keys between `hold` and `release`."""

    def __init__(self, post: Callable[[events.Key], object],
                 set_timer: Callable[[float, Callable[[], None]], Timer]) -> None:
        self._post = post
        self._set_timer = set_timer
        self._held: list[events.Key] | None = None
        self._timer: Timer | None = None
        self._token = 0
        self._for_a_dialog = False
        self._waiting: set[asyncio.Task[None]] = set()

    @property
    def holding(self) -> bool:
        return self._held is not None

    @property
    def held(self) -> int:
        """How many keys are waiting."""
        return len(self._held or [])

    @property
    def for_a_dialog(self) -> bool:
        """Whether the keys are held for a dialog being opened (they go to it once it shows),
        not for a caller that releases them itself (a form being saved)."""
        return self.holding and self._for_a_dialog

    def hold(self, limit: float | None = HOLD_LIMIT) -> int:
        """Hold the keys read from now on; a token for `release`. After `limit` seconds they
        go on anyway (None: only when released, by a caller sure to release them)."""
        if self._held is None:
            self._held = []
        self._token += 1
        self._for_a_dialog = limit is not None
        if self._timer is not None:
            self._timer.stop()
        self._timer = None if limit is None else self._set_timer(limit, self.release)
        return self._token

    def hold_again(self, keys: list[events.Key]) -> int:
        """Hold these keys (released, then kept meanwhile) ahead of any held since; a token."""
        token = self.hold()
        self._held = [*keys, *(self._held or [])]
        return token

    def keep(self, event: events.Key) -> bool:
        """Hold this key if keys are being held; whether it was."""
        if self._held is None:
            return False
        self._held.append(event)
        return True

    def release(self, token: int | None = None) -> None:
        """Read the held keys again, in the order they came, ahead of any key read later
        (with a `token`: only if no other hold began since)."""
        if token is not None and token != self._token:
            return
        held, self._held = self._held, None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for event in held or []:
            self._post(events.Key(event.key, event.character))

    def release_after(self, worker: Worker[Any], token: int) -> None:
        """Once the action's worker ends, the keys it held and gave no dialog go on (a plain
        task, not a worker: it waits as long as the action's dialog is open)."""

        async def wait_then_release() -> None:
            with contextlib.suppress(Exception):
                await worker.wait()
            self.release(token)

        task = asyncio.get_running_loop().create_task(wait_then_release())
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)


def key_holder_of(app: object) -> KeyHolder | None:
    """The app's key holder (None: an app that does not hold keys)."""
    holder: KeyHolder | None = getattr(app, "key_holder", None)
    return holder


def opens_dialog(action: F) -> F:
    """For an action that opens a dialog (put above `@work`): the keys read after the key
    that ran it wait for the dialog."""

    @functools.wraps(action)
    def run(self: DOMNode, *args: Any, **kwargs: Any) -> Any:  # from the palette, a click
        app = self.app
        holder = key_holder_of(app)
        if holder is None:  # an app that does not hold keys
            return action(self, *args, **kwargs)
        token = holder.hold()
        stack = len(app.screen_stack)
        result = action(self, *args, **kwargs)
        if isinstance(result, Worker):
            holder.release_after(result, token)
        elif len(app.screen_stack) == stack:
            holder.release(token)  # it ended at once without a dialog
        return result

    run.opens_dialog = True  # type: ignore[attr-defined]
    return cast(F, run)


def asks_first(action: F) -> F:
    """For a form's action whose question (a dialog) opens only once the form has handled
    other messages (it saves when its fields have had their keys): the keys read after its
    key are held until the question shows, `go_on_with_keys`, or `HOLD_LIMIT`."""
    action.opens_dialog = True  # type: ignore[attr-defined]
    return action


def go_on_with_keys(app: Any) -> None:
    """No question is asked after all (the form shows an error, or closes): held keys go on."""
    holder = key_holder_of(app)
    if holder is not None:
        holder.release()


def opens_a_dialog(screen: Screen[Any], event: events.Key) -> bool:
    """Whether this key, read now, runs an action that opens a dialog: the keys after it are
    then held from now (the action itself runs later, when the focused widget has the key)."""
    from textual.widgets import TextArea  # here, not at startup: loading it takes 7 ms

    if event.is_printable and isinstance(screen.focused, (Input, TextArea)):
        return False  # typed text
    active = screen.active_bindings.get(event.key)
    if active is None or not active.enabled:
        return False
    name = active.binding.action.partition("(")[0]
    method = getattr(active.node, f"action_{name}", None)
    return bool(getattr(method, "opens_dialog", False))


def edit_in_order(screen: Screen[Any], event: events.Key) -> bool:
    """A text field's own editing key (backspace, ctrl+u, the arrows, home...) runs in the
    field's queue, in order with the letters read before and after it.

    Textual runs such a binding only when the key has bubbled back up to the app, by which
    time the field may have typed the letters that came after it: "helo", backspace, "lo"
    typed fast would read "helol". Whether this key is one is decided as it is read."""
    from textual.widgets import TextArea  # here, not at startup: loading it takes 7 ms

    field = screen.focused
    if event.is_printable or not isinstance(field, (Input, TextArea)):
        return False  # a letter is typed in order already; it is not a field's binding
    active = screen.active_bindings.get(event.key)
    if active is None or active.node is not field or not active.enabled \
            or active.binding.priority:
        return False
    field.call_later(field.run_action, active.binding.action)
    return True


class TypesAhead(App[None]):
    """An app whose keys land where they were aimed, however fast they come: held while a
    dialog opens (or a form saves), routed to a dialog's text field, edits kept in order."""

    def __init__(self) -> None:
        super().__init__()
        self.key_holder = KeyHolder(self._post_held, self.set_timer)
        """Keys read while a dialog is being opened, for the dialog."""
        self._after_cover: list[Callable[[], None]] = []
        """Screens pushed (or switched to) while the work was covered, for when it is not."""
        self._covered_keys: list[events.Key] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self.screen_stack:
            return  # read as the app ends (keys held for a save, released as it closes)
        if isinstance(event, events.Key) and not event.is_forwarded:  # as read, not bubbled
            if event.key not in UNHELD_KEYS and not hides_records(self.screen) \
                    and self.key_holder.keep(event):
                return
            take = getattr(self.screen, "take_typed_key", None)  # a dialog's (ui/dialogs)
            if take is not None and take(event):
                return
            if edit_in_order(self.screen, event):
                return
            if opens_a_dialog(self.screen, event):
                self.key_holder.hold()  # this key goes on; the ones after it wait
        await super().on_event(event)

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False,
                    **kwargs: Any) -> Any:
        """As Textual's; keys held while it was being opened go to it once it shows. Not to
        a screen that hides the records (the blank screen, the lock), put over whatever was
        being done: the keys typed before it are kept for what they were typed for, and the
        keys typed while it shows go to it.

        A screen asked for while the blank screen or the lock covers the work (a dialog
        still opening when ctrl+b came) is shown once the cover has gone, not over it."""
        if isinstance(screen, Screen) and self.screen_stack and is_cover(self.screen) \
                and not hides_records(screen) and kwargs.get("mode") is None:
            return self._push_uncovered(screen, callback, wait_for_dismiss)
        result = super().push_screen(screen, callback, wait_for_dismiss,  # type: ignore[call-overload]
                                     **kwargs)
        if self.key_holder.for_a_dialog and isinstance(screen, Screen) \
                and not hides_records(screen):
            screen.call_after_refresh(self.key_holder.release)
        return result

    def _push_uncovered(self, screen: Screen[Any], callback: Any,
                        wait_for_dismiss: bool) -> asyncio.Future[Any]:
        """Push `screen` once the cover goes. Awaited: its answer with `wait_for_dismiss`
        (only from a worker, as Textual's), else until it shows."""
        if wait_for_dismiss:
            get_current_worker()  # raises NoActiveWorker, as Textual's push_screen does
        loop = asyncio.get_running_loop()
        answered: asyncio.Future[Any] = loop.create_future()
        shown: asyncio.Future[Any] = loop.create_future()

        def answer(result: Any) -> None:
            if not answered.done():
                answered.set_result(result)
            if callback is not None:
                self.call_next(callback, result)

        def show() -> None:
            if not shown.done():
                shown.set_result(None)

        def push() -> None:
            self.push_screen(screen, answer)
            screen.call_after_refresh(show)

        self._after_cover.append(push)
        return answered if wait_for_dismiss else shown

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        """As Textual's; while the work is covered, the screen under the cover is switched
        once it goes (the folder opened at launch behind a blank screen: home waits)."""
        if not (self.screen_stack and is_cover(self.screen)):
            return super().switch_screen(screen)
        switched: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def switch() -> None:
            super(TypesAhead, self).switch_screen(screen)
            switched.set_result(None)

        self._after_cover.append(switch)
        return AwaitComplete(switched)

    def pop_screen(self) -> AwaitComplete:
        """As Textual's; once the cover goes, the screens and keys that waited for it: the
        keys typed from now on wait behind them, for the dialog shown."""
        covered = is_cover(self.screen)
        result = super().pop_screen()
        if covered and not is_cover(self.screen) and (self._after_cover or self._covered_keys):
            keys, self._covered_keys = self._covered_keys, []
            token = self.key_holder.hold_again(keys)
            self.call_later(self._uncover, token)  # in the app's turn: answers come to it
        return result

    def _uncover(self, token: int) -> None:
        if self.screen_stack and is_cover(self.screen):
            return  # covered again meanwhile: the keys stay held, released into no cover
        waiting, self._after_cover = self._after_cover, []
        for action in waiting:
            action()
        self.screen.call_after_refresh(self.key_holder.release, token)

    def _post_held(self, event: events.Key) -> None:
        """Held keys go on, but not into the blank screen or the lock: a key there would
        bring back the work. They wait for the cover to go."""
        if self.screen_stack and is_cover(self.screen):
            self._covered_keys.append(event)
        else:
            self.post_message(event)


def hides_records(screen: object) -> bool:
    """Whether `screen` hides the records (the blank screen, the lock: `HIDES_RECORDS`)."""
    return bool(getattr(screen, "HIDES_RECORDS", False))


def is_cover(screen: object) -> bool:
    """Whether `screen` is put over the work to hide it for a while (the blank screen, the
    idle lock: `covers_work`), as the passphrase screen at launch is not."""
    return bool(getattr(screen, "covers_work", False))
