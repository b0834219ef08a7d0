"""The decisions pane, driven by keys on a real store, checked by reopening the folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from supervisor_tui.domain.decisions import Action, Decision, amendment_tree
from supervisor_tui.domain.enums import ActionStatus, SessionStatus
from supervisor_tui.domain.hashchain import verify_chain
from supervisor_tui.domain.people import Supervisee
from supervisor_tui.reports.record import decision_lines
from supervisor_tui.services.service import Service
from supervisor_tui.store.errors import StoreWriteError
from supervisor_tui.ui.dialogs.action_form import ActionForm
from supervisor_tui.ui.dialogs.decision_form import DecisionForm
from supervisor_tui.ui.widgets.decisions_pane import DecisionsPane
from tests.conftest import reopen
from tests.support import STAMP, open_service
from tests.ui.form_host import FIXED_NOW, PaneHost, sample_session
from tests.waiting import wait_for

SID = "s-sam"


@pytest.fixture
def store(data_dir: Path) -> Service:
    svc = open_service(data_dir)
    svc.records.save_supervisee(Supervisee(name="Sam Okafor", id=SID, created_at=STAMP))
    return svc


def on_disk(data_dir: Path) -> tuple[list[Decision], list[Action]]:
    svc = reopen(data_dir)
    try:
        return svc.records.decisions(SID), svc.records.actions(SID)
    finally:
        svc.close()


def listed(app: PaneHost) -> str:
    from textual.widgets import OptionList

    listing = app.query_one("#decisions-list", OptionList)
    return "\n".join(str(listing.get_option_at_index(n).prompt)
                     for n in range(listing.option_count))


async def test_empty_rationale_refused_then_decision_saved_to_disk(
        store: Service, data_dir: Path) -> None:
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm),
                           what="the DecisionForm on screen")
            await pilot.press(*"Keep contact supervised", "enter", "ctrl+s")
            assert isinstance(app.screen, DecisionForm)
            await store.flush()
            assert store.records.decisions(SID) == []
            await pilot.press(*"Mother not yet engaged with the plan", "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            assert "Keep contact supervised [AB12]" in listed(app)
            await wait_for(pilot, lambda: "Decision saved." in app.messages,
                           what="the notice, once the list shows the decision")
    finally:
        store.close()
    [decision], actions = on_disk(data_dir)
    assert actions == []
    assert (decision.text, decision.rationale) == ("Keep contact supervised",
                                                   "Mother not yet engaged with the plan")
    assert decision.case_ref == "AB12"  # the current agenda item's case
    assert (decision.session_id, decision.decided_at) == ("x-today", FIXED_NOW)
    assert decision.decided_by == "jointly"  # the choice the form shows first
    assert verify_chain([decision]) == []
    assert app.changes[0].item.id == decision.id


@pytest.mark.parametrize(("keys", "who", "words"), [
    ([], "jointly", "Decided by the supervisor and supervisee together"),
    (["right", "space"], "supervisor", "Decided by the supervisor"),
    (["right", "right", "space"], "supervisee", "Decided by the supervisee"),
])
async def test_who_decided_is_asked_saved_and_exported(
        store: Service, data_dir: Path, keys: list[str], who: str, words: str) -> None:
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm),
                           what="the decision form")
            form = app.screen
            assert isinstance(form, DecisionForm)
            await pilot.press(*"Step down to monthly visits", "enter", *"Stable for a year")
            form.query_one("#decided-by").focus()
            await pilot.press(*keys, "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="the decision saved")
    finally:
        store.close()
    [decision], _ = on_disk(data_dir)
    assert decision.decided_by == who
    assert words in "\n".join(decision_lines(decision, [decision]))


async def test_action_due_next_friday_reaches_disk(store: Service, data_dir: Path) -> None:
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ActionForm),
                           what="the ActionForm on screen")
            owner = app.screen.query_one("#owner").value  # type: ignore[attr-defined]
            assert owner == "Sam Okafor"
            await pilot.press(*"Call the school", "enter", "enter", *"next friday", "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            await wait_for(pilot, lambda: "Action saved, due 27 Nov 2026." in app.messages,
                           what="the notice, once the list shows the action")
    finally:
        store.close()
    _, [action] = on_disk(data_dir)
    assert action.due == date(2026, 11, 27)
    assert (action.text, action.owner, action.case_ref) == ("Call the school", "Sam Okafor",
                                                            "AB12")
    assert action.is_open and action.session_id == "x-today"


async def test_unparseable_due_date_saves_nothing(store: Service, data_dir: Path) -> None:
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ActionForm),
                           what="the ActionForm on screen")
            await pilot.press(*"Call the school", "enter", "enter", *"soonish", "ctrl+s")
            assert isinstance(app.screen, ActionForm)
            await pilot.press("escape", "y")
            await wait_for(pilot, lambda: not isinstance(app.screen, ActionForm),
                           what="not isinstance(app.screen, ActionForm)")
            await store.flush()
    finally:
        store.close()
    assert on_disk(data_dir) == ([], [])
    assert app.changes == []


async def test_earlier_action_marked_done_in_the_running_log(
        store: Service, data_dir: Path) -> None:
    earlier = Action(SID, "x-old", "Read the CP procedures", "Sam Okafor",
                     due=date(2026, 11, 20), id="t-old", created_at=STAMP)
    store.records.save_action(earlier)
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: bool(app.query_one(DecisionsPane).actions),
                           what="bool(app.query_one(DecisionsPane).actions)")
            assert "Read the CP procedures" not in listed(app)  # not this session's
            await pilot.press("l")
            assert "overdue" in listed(app)
            await pilot.press("down", "x")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            assert "Read the CP procedures" not in listed(app)  # no longer open
            await pilot.press("l")
            assert "done this session" in listed(app)
    finally:
        store.close()
    _, [action] = on_disk(data_dir)
    assert action.status is ActionStatus.DONE
    assert action.closed_in_session == "x-today"
    assert action.closed_at == FIXED_NOW


async def test_done_can_be_undone_only_in_the_session_that_closed_it(
        store: Service, data_dir: Path) -> None:
    mine = Action(SID, "x-today", "Ring the GP", "Sam Okafor", due=date(2026, 11, 24), id="t-1",
                  created_at=STAMP)
    old = Action(SID, "x-old", "Book a visit", "Sam Okafor", due=date(2026, 11, 1), id="t-2",
                 created_at=STAMP)
    old.close(session_id="x-today", at=FIXED_NOW)
    older = Action(SID, "x-old", "Send the letter", "Sam Okafor", id="t-3", created_at=STAMP)
    older.close(session_id="x-old", at=FIXED_NOW)
    for a in (mine, old, older):
        store.records.save_action(a)
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: len(app.query_one(DecisionsPane).actions) == 3,
                           what="len(app.query_one(DecisionsPane).actions) == 3")
            assert "Send the letter" not in listed(app)
            await pilot.press("down", "x")   # Ring the GP: done
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            await pilot.press("down", "x")   # Book a visit: closed here, so reopened
            await wait_for(pilot, lambda: len(app.changes) == 2, what="2 change(s) reported")
    finally:
        store.close()
    _, actions = on_disk(data_dir)
    status = {a.id: a.status for a in actions}
    assert status == {"t-1": ActionStatus.DONE, "t-2": ActionStatus.OPEN,
                      "t-3": ActionStatus.DONE}


async def test_amendment_is_saved_beside_the_original(store: Service,
                                                      data_dir: Path) -> None:
    original = store.records.add_decision(Decision(
        SID, "x-old", "Weekly visits", "Risk is low", case_ref="CD34", id="d-orig",
        decided_at=FIXED_NOW))
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: bool(app.query_one(DecisionsPane).decisions),
                           what="bool(app.query_one(DecisionsPane).decisions)")
            await pilot.press("l", "down", "m")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm),
                           what="the DecisionForm on screen")
            await pilot.press("ctrl+u", *"Fortnightly visits", "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            text = listed(app)
            assert text.index("Weekly visits") < text.index("↳ amended: 23 Nov 2026 Fortnightly")
    finally:
        store.close()
    decisions, _ = on_disk(data_dir)
    assert [d.text for d in decisions] == ["Weekly visits", "Fortnightly visits"]
    assert decisions[0] == original
    assert decisions[1].amends == "d-orig" and decisions[1].session_id == "x-today"
    assert verify_chain(decisions) == []


async def test_a_finalised_session_refuses_edits(store: Service, data_dir: Path) -> None:
    session = sample_session(SID)
    session.status = SessionStatus.FINALISED
    app = PaneHost(session, SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("d", "a")
            await pilot.pause()
            assert len(app.screen_stack) == 1
            assert any("finalised" in m for m in app.messages)
    finally:
        store.close()
    assert on_disk(data_dir) == ([], [])


def fail_first_save(store: Service, landing: bool = False) -> list[Decision]:
    """Every decision the pane saves, from now on; the first save is reported failed (the
    disk full), after it reached the log if `landing` (as when the folder's fsync fails)."""
    real = store.records.add_decision
    calls: list[Decision] = []

    def add(decision: Decision) -> Decision:
        calls.append(decision)
        if len(calls) > 1:
            return real(decision)
        if landing:
            real(decision)
        raise StoreWriteError("s-sam.json", "the disk is full")

    store.records.add_decision = add  # type: ignore[method-assign]
    return calls


async def decision_typed_and_saved(pilot: Any, app: PaneHost) -> DecisionForm:
    """Open the decision form, type a decision and its rationale, and press ctrl+s."""
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm),
                   what="the DecisionForm on screen")
    form = app.screen
    assert isinstance(form, DecisionForm)
    await pilot.press(*"Refer to MASH", "enter", *"Bruising seen", "ctrl+s")
    return form


async def test_a_failed_save_keeps_the_form_open_with_what_was_typed(
        store: Service, data_dir: Path) -> None:
    calls = fail_first_save(store)
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            form = await decision_typed_and_saved(pilot, app)
            await wait_for(pilot, lambda: len(calls) == 1 and not form.landing,
                           what="the first save refused")
            assert app.screen is form, "the form stays open"
            said = str(form.query_one("#error", Static).render())
            assert "Not saved" in said and "the disk is full" in said
            assert form.query_one("#text", Input).value == "Refer to MASH"
            assert not app.query_one(DecisionsPane).decisions, "nothing shown as saved"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="1 change(s) reported")
            assert app.screen is not form
    finally:
        store.close()
    [decision], _ = on_disk(data_dir)
    assert (decision.text, decision.rationale) == ("Refer to MASH", "Bruising seen")
    assert calls[1].id == calls[0].id, "the retry is the same decision, never a second one"


async def test_a_first_try_found_in_the_log_is_listed_and_the_new_words_are_a_further_one(
        store: Service, data_dir: Path) -> None:
    """The first save reached the log, and its head, but was reported failed (as when the
    folder's fsync fails after); the words were edited before ctrl+s again. The pane lists
    the first try as the log holds it, without saying the new words were saved; the form
    says why it stays open, and its next ctrl+s logs the new words as a further decision."""
    calls = fail_first_save(store, landing=True)
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            form = await decision_typed_and_saved(pilot, app)
            await wait_for(pilot, lambda: "Not saved" in str(
                form.query_one("#error", Static).render()), what="the failure said")
            form.query_one("#text", Input).value = "Refer to MASH today"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: "reached the record after all" in str(
                form.query_one("#error", Static).render()), what="the first try said")
            assert app.screen is form, "the form stays open with the new words"
            pane = app.query_one(DecisionsPane)
            assert [d.text for d in pane.decisions] == ["Refer to MASH"]
            assert "Decision saved." not in app.messages
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is not form, what="the form closed")
            assert [d.text for d in pane.decisions] == ["Refer to MASH", "Refer to MASH today"]
            assert app.messages.count("Decision saved.") == 1
    finally:
        store.close()
    decisions, _ = on_disk(data_dir)
    assert [d.text for d in decisions] == ["Refer to MASH", "Refer to MASH today"]
    assert calls[1].id == calls[0].id != calls[2].id
    assert verify_chain(decisions) == []


def test_amendment_tree_places_amendments_after_their_originals() -> None:
    a = Decision(SID, "x1", "A", "r", id="d-a", decided_at=STAMP)
    b = Decision(SID, "x1", "B", "r", id="d-b", decided_at=STAMP)
    a2 = Decision(SID, "x2", "A2", "r", amends="d-a", id="d-a2", decided_at=STAMP)
    a3 = Decision(SID, "x3", "A3", "r", amends="d-a2", id="d-a3", decided_at=STAMP)
    orphan = Decision(SID, "x3", "C", "r", amends="d-gone", id="d-c", decided_at=STAMP)
    tree = amendment_tree([a, b, a2, a3, orphan])
    assert [(d.id, depth) for d, depth in tree] == [
        ("d-a", 0), ("d-a2", 1), ("d-a3", 2), ("d-b", 0), ("d-c", 0)]


async def test_a_decision_just_added_is_highlighted_and_in_view(store: Service) -> None:
    from textual.widgets import OptionList

    for n in range(12):  # more than the pane shows at 80x24
        store.records.add_decision(Decision(SID, "x-today", f"Earlier decision {n}",
                                            "Because", decided_at=FIXED_NOW))
    session = sample_session(SID)
    app = PaneHost(session, SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            pane = app.query_one(DecisionsPane)
            pane.decisions = store.records.decisions(SID)
            pane.render_log()
            listing = app.query_one("#decisions-list", OptionList)
            listing.highlighted = 0
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="form")
            await pilot.press(*"Refer to MASH", "enter", *"Risk is rising", "ctrl+s")
            await wait_for(pilot, lambda: len(app.changes) == 1, what="the save")
            saved = app.changes[0].item
            option = listing.highlighted_option
            assert option is not None and option.id == f"d:{saved.id}"
            await pilot.pause()
            top = listing.scroll_offset.y
            assert top <= listing.highlighted < top + listing.scrollable_content_region.height
    finally:
        store.close()


async def test_a_save_in_a_long_session_makes_only_its_own_row(
        store: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    from supervisor_tui.ui.widgets import decisions_pane

    session = sample_session(SID)
    for n in range(12):  # this session's decisions so far
        store.records.add_decision(Decision(SID, session.id, f"Decision {n}", "Because",
                                            decided_at=FIXED_NOW))
    made: list[str] = []
    prompt = decisions_pane.decision_prompt

    def counted(d: Decision, *args: object, **kwargs: object) -> object:
        made.append(d.text)
        return prompt(d, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(decisions_pane, "decision_prompt", counted)
    app = PaneHost(session, SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: "Decision 11" in listed(app), what="the decisions")
            assert sorted(made) == sorted(f"Decision {n}" for n in range(12))
            made.clear()
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, DecisionForm), what="form")
            await pilot.press(*"Refer to MASH", "enter", *"Risk is rising", "ctrl+s")
            await wait_for(pilot, lambda: "Refer to MASH" in listed(app), what="the new row")
            assert made == ["Refer to MASH"]
            assert listed(app).count("◆ ") == 13
    finally:
        store.close()


async def test_a_long_running_log_lists_its_newest_page_then_older_ones_as_you_move_down(
        store: Service) -> None:
    from datetime import timedelta

    from textual.widgets import OptionList

    from supervisor_tui.ui.decision_lines import LOG_PAGE

    total = LOG_PAGE + 30
    for n in range(total):
        store.records.add_decision(Decision(
            SID, f"x-{n:04d}", f"Decision {n:04d}", f"Because {n}",
            decided_at=STAMP + timedelta(days=n), id=f"d-{n:04d}"))
    newest_first = [f"d:d-{n:04d}" for n in reversed(range(total))]
    app = PaneHost(sample_session(SID), SID, store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            pane = app.query_one(DecisionsPane)
            await wait_for(pilot, lambda: len(pane.decisions) == total, what="the log loaded")
            listing = app.query_one("#decisions-list", OptionList)

            def ids() -> list[str]:
                return [o.id for n in range(listing.option_count)
                        if (o := listing.get_option_at_index(n)).id and o.id.startswith("d:")]

            await pilot.press("l")
            assert ids() == newest_first[:LOG_PAGE]
            assert f"{total - LOG_PAGE} older decisions: move here to list 30 more" in listed(app)
            await pilot.press(*["down"] * (LOG_PAGE + 1))  # a burst, onto the last line
            await wait_for(pilot, lambda: len(ids()) == total, what="the older decisions")
            assert ids() == newest_first
            assert "older decisions" not in listed(app)
            assert listing.highlighted_option is not None
            assert listing.highlighted_option.id == newest_first[LOG_PAGE], \
                "the first of the older decisions is highlighted"
            await pilot.press("l", "l")  # this session, then the log again: its newest page
            assert ids() == newest_first[:LOG_PAGE]
    finally:
        store.close()
