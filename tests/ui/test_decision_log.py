from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate

from supervisor_tui.domain.decisions import Decision, threaded
from supervisor_tui.ui.widgets.decision_log import DecisionLog
from tests import history_data as h
from tests.waiting import wait_for

PAGE = DecisionLog.PAGE


def test_amendments_follow_their_original_at_any_depth():
    first = Decision("s", "x", "Weekly visits", "Concerns", decided_at=h.at(8, 1), id="d-1")
    other = Decision("s", "x", "Refer to CAMHS", "Low mood", decided_at=h.at(9, 1), id="d-2")
    fix = Decision("s", "x", "Fortnightly visits", "Better", decided_at=h.at(10, 1),
                   amends="d-1", id="d-3")
    fix2 = Decision("s", "x", "Monthly visits", "Stable", decided_at=h.at(11, 1),
                    amends="d-3", id="d-4")
    orphan = Decision("s", "x", "Amends a lost one", "r", decided_at=h.at(7, 1),
                      amends="d-gone", id="d-5")
    assert [(d.id, depth) for d, depth in threaded([first, other, fix, fix2, orphan])] == [
        ("d-2", 0), ("d-1", 0), ("d-3", 1), ("d-4", 2), ("d-5", 0)]


class LogApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DecisionLog()


def career(count: int) -> list[Decision]:
    """`count` decisions a day apart, the last one amending the first."""
    start = datetime(2001, 1, 1, 10, tzinfo=UTC)
    made = [Decision("s", f"x-{n}", f"Decision {n}", f"Because {n}",
                     decided_at=start + timedelta(days=n), id=f"d-{n:05d}")
            for n in range(count - 1)]
    made.append(Decision("s", "x-0", "Decision 0 put right", "Amended",
                         decided_at=start + timedelta(days=count), amends="d-00000",
                         id="d-amend"))
    return made


def keys(log: DecisionLog) -> list[str | None]:
    return [log.coordinate_to_cell_key(Coordinate(n, 0))[0].value
            for n in range(log.row_count)]


async def test_a_long_log_lists_its_newest_page_and_adds_older_ones_as_the_cursor_goes():
    decisions = career(PAGE * 2 + 50)
    order = [d.id for d, _ in threaded(decisions)]
    app = LogApp()
    async with app.run_test(size=(100, 20)) as pilot:
        log = app.query_one(DecisionLog)
        log.show(threaded(decisions), {})
        log.focus()
        assert keys(log) == order[:PAGE]
        assert log.border_subtitle == f"newest {PAGE} of {len(order)}"
        await pilot.press(*["j"] * (PAGE - 20))  # a burst, as a held key sends it
        await wait_for(pilot, lambda: log.cursor_row == PAGE - 20, what="the cursor moved")
        assert keys(log) == order[:PAGE * 2], "the next page, before the cursor reached it"
        await pilot.press("G")
        await wait_for(pilot, lambda: log.cursor_row == len(order) - 1, what="the oldest")
        assert keys(log) == order and log.selected_key == order[-1]
        assert log.border_subtitle == ""
        log.show(threaded(decisions[:3]), {})  # shown again (history reloaded): from the top
        assert keys(log) == [d.id for d, _ in threaded(decisions[:3])]
        assert log.border_subtitle == ""


async def test_scrolling_to_the_end_of_the_page_adds_older_decisions():
    decisions = career(PAGE * 3)
    app = LogApp()
    async with app.run_test(size=(100, 20)) as pilot:
        log = app.query_one(DecisionLog)
        log.show(threaded(decisions), {})
        await pilot.pause()
        log.scroll_end(animate=False, immediate=True)
        await wait_for(pilot, lambda: log.row_count == PAGE * 2, what="a second page")
        assert log.cursor_row == 0, "scrolling leaves the cursor where it was"


def test_every_decision_is_listed_once_even_when_amendments_go_round_in_a_circle():
    """A damaged or hostile file: amendments naming each other, or a decision itself."""
    a = Decision("s", "x", "A", "r", decided_at=h.at(8, 1), amends="d-b", id="d-a")
    b = Decision("s", "x", "B", "r", decided_at=h.at(8, 2), amends="d-a", id="d-b")
    own = Decision("s", "x", "Self", "r", decided_at=h.at(8, 3), amends="d-own", id="d-own")
    fine = Decision("s", "x", "Fine", "r", decided_at=h.at(8, 4), id="d-fine")
    listed = threaded([a, b, own, fine])
    assert sorted(d.id for d, _ in listed) == ["d-a", "d-b", "d-fine", "d-own"]
    assert listed[:2] == [(fine, 0), (own, 0)]
    assert listed[2:] == [(a, 0), (b, 1)]
