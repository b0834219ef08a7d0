"""The footer: essential keys first, keys whole or not at all, one redraw per burst."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from supervisor_tui.ui.widgets.key_footer import KeyFooter, ShownKey, fit
from tests.waiting import wait_for


class Demo(App[None]):
    BINDINGS = [
        Binding("f6", "six", "Do six", id="demo.six"),
        Binding("f7", "seven", "Do seven", id="demo.seven"),
        Binding("f1", "help", "Help", id="app.help"),
    ]
    seven_shown = False

    def compose(self) -> ComposeResult:
        yield Input()
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.seven_shown if action == "seven" else True

    def action_six(self) -> None:
        pass

    def action_seven(self) -> None:
        pass

    def action_help(self) -> None:
        pass


def test_a_key_that_does_not_fit_is_left_out_whole() -> None:
    keys = [ShownKey("f9", "End session", True), ShownKey("f2", "A long description", True),
            ShownKey("f1", "Help", True)]
    assert [k.key for k in fit(keys, 26)] == ["f9", "f1"]
    assert fit(keys, 3) == []


async def test_essential_keys_come_first() -> None:
    app = Demo()
    async with app.run_test(size=(80, 10)) as pilot:
        footer = app.query_one(KeyFooter)
        await wait_for(pilot, lambda: footer.shown() != [], what="the keys")
        assert footer.shown() == ["Help", "Do six"]


async def test_a_burst_of_binding_changes_redraws_the_footer_once() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        footer = app.query_one(KeyFooter)
        await wait_for(pilot, lambda: footer.shown() != [], what="the keys")
        await pilot.pause()  # the redraws of mounting and sizing are done
        await pilot.pause()
        before = footer.redraws
        for _ in range(3):
            app.screen.refresh_bindings()
        await wait_for(pilot, lambda: footer.redraws > before, what="a redraw")
        await pilot.pause()
        assert footer.redraws == before + 1


async def test_the_redraw_shows_the_keys_as_they_are_after_the_burst() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        footer = app.query_one(KeyFooter)
        await wait_for(pilot, lambda: footer.shown() != [], what="the keys")
        assert "Do six" in footer.shown() and "Do seven" not in footer.shown()
        app.screen.refresh_bindings()
        app.seven_shown = True  # changed after the first signal, before the redraw
        app.screen.refresh_bindings()
        await wait_for(pilot, lambda: "Do seven" in footer.shown(), what="the new key")
