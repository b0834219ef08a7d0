from datetime import date

from textual.widgets import Input, Label, TabbedContent, TextArea

from supervisor_tui.domain.enums import ActionStatus, EntryKind
from supervisor_tui.ui.dialogs.action_forms import RedateScreen
from supervisor_tui.ui.dialogs.entry_form import EntryForm
from supervisor_tui.ui.screens.history import HistoryScreen
from supervisor_tui.ui.widgets.action_list import ActionList
from supervisor_tui.ui.widgets.decision_log import DecisionLog
from supervisor_tui.ui.widgets.record_view import RecordView
from supervisor_tui.ui.widgets.session_list import SessionList
from tests import history_data as h
from tests.conftest import reopen
from tests.ui.helpers import history_app, settle


def shown(app) -> tuple[str | None, str]:
    screen = app.screen
    return (screen.query_one(SessionList).selected_key,
            screen.query_one(RecordView).markdown_text)


async def open_history(pilot) -> None:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)


async def test_navigation_moves_through_sessions_and_shows_each_record(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        key, record = shown(app)
        assert key == h.S5  # newest first
        assert "Group session on direct work with children" in record
        assert app.screen.query_one(RecordView).border_subtitle == "finalised · read-only"
        await pilot.press("j")
        await settle(pilot)
        key, record = shown(app)
        assert key == h.S4 and "Agreed a strategy meeting" in record
        assert "## Late entry" in record
        await pilot.press("G")
        await settle(pilot)
        key, record = shown(app)
        assert key == h.S1 and "weekend duty rota" in record
        await pilot.press("k")
        await settle(pilot)
        assert shown(app)[0] == h.S2
        await pilot.press("g")
        await settle(pilot)
        assert shown(app)[0] == h.S5
        await pilot.press("pagedown")
        await settle(pilot)
        assert shown(app)[0] == h.S1
        await pilot.press("up", "up")
        await settle(pilot)
        key, record = shown(app)
        assert key == h.S3 and "Court hearing" in record
        assert app.screen.query_one(RecordView).border_subtitle == "cancelled"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)


async def test_review_panes_show_decisions_actions_coverage_and_balance(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        log = app.screen.query_one(DecisionLog)
        rows = [log.get_row_at(n) for n in range(log.row_count)]
        # The amendment is listed right under its original, marked.
        texts = [str(r[1]) for r in rows]
        assert texts == ["Request a legal planning meeting",
                         "Increase visits to JB-1042 to weekly",
                         "↳ amended: Visits to JB-1042 back to fortnightly"]
        await pilot.press("o")
        actions = app.screen.query_one(ActionList)
        assert app.screen.focused is actions
        assert app.screen.query_one(TabbedContent).active == "actions"
        rows = [actions.get_row_at(n) for n in range(actions.row_count)]
        assert [(str(r[1]), str(r[2])) for r in rows] == [
            ("OVERDUE", "Book a safeguarding refresher"), ("", "Draft the chronology")]
        await pilot.press("c")
        assert app.screen.query_one(TabbedContent).active == "coverage"
        coverage = app.screen.focused
        assert [str(coverage.get_row_at(n)[0]) for n in range(3)] == ["KM-7", "LP-33",
                                                                       "JB-1042"]
        assert str(coverage.get_row_at(0)[5]) == "DUE"
        await pilot.press("b")
        bars = str(app.screen.query_one("#balance-bars").render())
        assert "50%" in bars and "20%" in bars and "30%" in bars  # the one-to-ones
        assert "group (1) N/F/R/M 0%/100%/0%/0%" in bars  # weighed apart
        wellbeing = str(app.screen.query_one("#wellbeing").render())
        assert "▅▃▆▅" in wellbeing  # opening scores 3, 2, 4, 3
        # Choosing a decision moves the session list to its session.
        await pilot.press("d", "down", "enter")
        await settle(pilot)
        assert shown(app)[0] == h.S1


async def test_amendment_keeps_the_original_and_is_shown(service, data_dir):
    before = service.records.session  # read after writing the history below
    app = history_app(service)
    original = before(h.ALEX, h.S2)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("j", "j", "j")  # S5 -> S4 -> S3 -> S2
        await settle(pilot)
        assert shown(app)[0] == h.S2
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntryForm)
        await pilot.press(*"The deadline was 14 Sept.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#error", Label).render())
        assert "states why" in error  # an amendment needs a reason
        app.screen.query_one("#reason", Input).focus()
        await pilot.press(*"Wrong date typed")
        app.screen.query_one("#author", Input).focus()
        await pilot.press(*"Jo")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        key, record = shown(app)
        assert key == h.S2
        assert "## Amendment, 2026-11-23 12:00 UTC, by Jo" in record
        assert "The deadline was 14 Sept." in record and "Wrong date typed" in record
        assert "Explored the chronology for the court report." in record
        await app.action_quit()
    service.close()
    again = reopen(data_dir)
    try:
        after = again.records.session(h.ALEX, h.S2)
        assert [(e.kind, e.text, e.reason, e.author) for e in after.entries] == [
            (EntryKind.AMENDMENT, "The deadline was 14 Sept.", "Wrong date typed", "Jo")]
        after.entries = []
        assert after == original
    finally:
        again.close()


async def test_entries_are_refused_for_records_not_finalised(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await open_history(pilot)
        await pilot.press("j", "j")  # S3, cancelled
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert any("for finalised records" in n.message for n in app._notifications)  # noqa: SLF001


async def test_cancelling_an_entry_with_text_asks_first(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#text", TextArea).text == "half a thought"


async def test_close_and_redate_actions_reach_disk(service, data_dir):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("o", "x")
        await settle(pilot)
        await pilot.press("d")  # done
        await settle(pilot)
        actions = app.screen.query_one(ActionList)
        assert list(actions.actions) == ["t-000000000002"]
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, RedateScreen)
        await pilot.press(*"14 jan 2027")
        await pilot.pause()
        assert "Thu 14 Jan 2027 (in 52 days)" in str(app.screen.query_one("#parsed").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert actions.actions["t-000000000002"].due == date(2027, 1, 14)
        await app.action_quit()
    service.close()
    again = reopen(data_dir)
    try:
        found = {a.id: a for a in again.records.actions(h.ALEX)}
        assert found["t-000000000001"].status is ActionStatus.DONE
        assert found["t-000000000001"].closed_at == h.NOW
        assert found["t-000000000002"].due == date(2027, 1, 14)
    finally:
        again.close()


async def test_redate_refuses_text_that_is_not_a_date(service):
    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("o", "t")
        await settle(pilot)
        await pilot.press(*"session 3 moved")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RedateScreen)
        assert "not a date" in str(app.screen.query_one("#parsed").render())


async def test_the_supervisee_adds_their_comment_to_a_finalised_record(service, data_dir):
    from textual.widgets import RadioSet

    app = history_app(service)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("j", "j", "j")  # S2
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EntryForm)
        await pilot.press(*"I would put the risk lower.")
        app.screen.query_one("#kind", RadioSet).focus()
        await pilot.press("down", "down", "space")
        app.screen.query_one("#author", Input).focus()
        await pilot.press(*"Alex Rivera", "ctrl+s")  # a comment needs no reason
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        _, record = shown(app)
        assert "## The supervisee's comment, 2026-11-23 12:00 UTC, by Alex Rivera" in record
        await app.action_quit()
    service.close()
    again = reopen(data_dir)
    try:
        assert again.records.session(h.ALEX, h.S2).entries[-1].text == \
            "I would put the risk lower."
    finally:
        again.close()
