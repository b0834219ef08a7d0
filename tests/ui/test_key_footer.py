"""The footer answers a burst of binding changes with one rebuild, showing the latest keys."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from supervisor_tui.ui.widgets.key_footer import KeyFooter


class Demo(App[None]):
    BINDINGS = [
        Binding("f6", "six", "Do six", id="demo.six"),
        Binding("f7", "seven", "Do seven", id="demo.seven"),
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


def descriptions(app: Demo) -> list[str]:
    return [key.description for key in app.query_one(KeyFooter).query("FooterKey")]  # type: ignore[attr-defined]


async def test_a_burst_of_binding_changes_rebuilds_the_footer_once() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        rebuilds = []
        original = footer.recompose

        async def counted() -> None:
            rebuilds.append(1)
            await original()

        footer.recompose = counted  # type: ignore[method-assign]
        for _ in range(3):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(rebuilds) == 1


async def test_the_rebuild_shows_the_keys_as_they_are_after_the_burst() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Do six" in descriptions(app) and "Do seven" not in descriptions(app)
        app.screen.refresh_bindings()
        app.seven_shown = True  # changed after the first signal, before the rebuild
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Do seven" in descriptions(app)
