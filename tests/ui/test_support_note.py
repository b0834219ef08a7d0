"""A supervisee's private support note: written from home (w), shown in a one-to-one session
on request (ctrl+r), kept dated on disk, refused on a group's screen, and never exported."""

from __future__ import annotations

from textual.widgets import TextArea

from supervisor_tui.reports.practitioner import practitioner_json, practitioner_markdown
from supervisor_tui.store.bundle import load_bundle
from supervisor_tui.ui.dialogs.support_note import SupportNoteScreen
from supervisor_tui.ui.screens.home import HomeScreen
from tests.conftest import reopen
from tests.ui.helpers import burst, heard
from tests.ui.session_helpers import T0, Clock, make_app, seed_person
from tests.ui.test_case_from_session import start
from tests.waiting import wait_for

SID = "s-000001"
HELPS, WATCH = "A walk at lunchtime", "Cases with infants"


async def test_written_from_home_shown_in_session_and_never_exported(service, data_dir):
    seed_person(service, "Ana Reyes", SID)
    app = make_app(service, Clock(T0))
    async with app.run_test(size=(100, 30)) as pilot:
        said = heard(app)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.files_checked, what="home")
        await burst(pilot, "w", *HELPS, "tab", *WATCH, "ctrl+s")
        await wait_for(pilot, lambda: any("support note kept" in s for s in said),
                       what="the note kept")
        session = await start(pilot, app)
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SupportNoteScreen),
                       what="the note on request")
        note = app.screen
        assert note.query_one("#helps", TextArea).text == HELPS
        assert note.query_one("#watch", TextArea).text == WATCH
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is session, what="back in the session")
    service.close()
    again = reopen(data_dir)
    try:
        kept = again.records.support_note(SID)
        assert kept is not None and (kept.helps, kept.watch, kept.updated_at) == (
            HELPS, WATCH, T0)
        bundle = load_bundle(again.records, SID)
    finally:
        again.close()
    exported = practitioner_markdown(bundle, T0, T0.date(), {}, {}) + practitioner_json(
        bundle, T0)
    assert HELPS not in exported and WATCH not in exported
