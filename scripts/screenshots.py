"""Write the README's screenshots (SVG, Textual's own screenshot feature) from the demo data.

    .venv/bin/python scripts/screenshots.py docs/
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from supervisor_tui.app import create_app
from supervisor_tui.demo import write_demo
from supervisor_tui.services.service import open_service

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 12, tzinfo=ZoneInfo("Europe/London"))


async def shoot(out: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="supervisor-tui-shots-")) / "data"
    service = open_service(folder, lambda: NOW)
    write_demo(service.records, TODAY)
    app = create_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(str(out / "home.svg"))
        await pilot.press("s")
        await pilot.pause(1.0)
        await pilot.press("4", *"steady", "enter")  # opening check-in
        await pilot.pause(0.5)
        await pilot.press("f4", *"## Duty rota", "enter", "enter",
                          *"Feeling the pressure of cover this month.")
        await pilot.pause(0.5)
        app.save_screenshot(str(out / "session.svg"))
        await pilot.press("ctrl+q")
        await pilot.pause(0.5)
    service.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    target.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot(target))
