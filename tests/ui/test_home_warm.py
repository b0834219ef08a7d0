"""The history of the person the home cursor rests on is read ahead, so `h` opens it at once;
moving down the list reads nobody's on the way."""

from __future__ import annotations

from supervisor_tui.app import create_app
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services import history as history_service
from supervisor_tui.services.workspace import Workspace
from supervisor_tui.ui.screens.home import HomeScreen
from tests.support import STAMP
from tests.ui.helpers import settle
from tests.waiting import wait_for

NAMES = ["Ana", "Ben", "Cy", "Dee"]


async def test_only_the_person_the_cursor_rests_on_is_read_ahead(service, monkeypatch):
    for n, name in enumerate(NAMES):
        service.records.save_supervisee(Supervisee(name, "", f"s-{n:012d}", created_at=STAMP))
    warmed: list[str] = []
    real_warm = history_service.warm_history

    def warm(ws: Workspace, supervisee_id: str) -> None:
        warmed.append(supervisee_id)
        real_warm(ws, supervisee_id)

    monkeypatch.setattr(history_service, "warm_history", warm)
    app = create_app(service)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await wait_for(pilot, lambda: warmed == ["s-000000000000"], what="the first row read")
        await pilot.press("j", "j", "j", "k")  # a burst: rests on Cy only
        await wait_for(pilot, lambda: len(warmed) == 2, what="the row rested on read")
        await settle(pilot)
        assert warmed == ["s-000000000000", "s-000000000002"]
        assert service.records.decisions("s-000000000002") == []
