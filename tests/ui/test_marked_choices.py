"""Ticked and unticked read apart without colour; the group dialog ticks as its hint says."""

from __future__ import annotations

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.ui.dialogs.group_form import GroupForm
from supervisor_tui.ui.widgets.toggles import MarkedSelectionList
from tests.support import STAMP
from tests.ui.form_host import FormHost
from tests.waiting import wait_for

PEOPLE = [Supervisee(name, id=f"s-{n}", created_at=STAMP)
          for n, name in enumerate(["Ada Brown", "Ben Cole", "Cara Diaz"])]


def marks(box: MarkedSelectionList[str]) -> list[str]:
    """The mark inside each box (▐✓▌ or ▐ ▌)."""
    return [box.render_line(y).text.lstrip()[1] for y in range(len(PEOPLE))]


async def test_the_group_dialog_starts_with_its_person_ticked_and_space_ticks_the_next():
    app = FormHost(lambda: GroupForm(PEOPLE, preselected="s-0"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, GroupForm), what="the dialog")
        box = app.screen.query_one(MarkedSelectionList)
        await wait_for(pilot, lambda: marks(box)[0] == "✓", what="the first ticked")
        assert box.selected == ["s-0"]
        assert marks(box)[1:] == [" ", " "]  # unticked: a blank, not the same mark in grey
        await pilot.press("space")
        await wait_for(pilot, lambda: box.selected == ["s-0", "s-1"], what="Ben ticked")
        assert marks(box) == ["✓", "✓", " "]
        await pilot.press("space")
        await wait_for(pilot, lambda: box.selected == ["s-0"], what="Ben unticked")
        await pilot.press("down", "space", "ctrl+s")
        await wait_for(pilot, lambda: app.results != [], what="the dialog's answer")
    assert app.results == [["s-0", "s-2"]]


def test_an_agenda_item_shows_done_without_colour_even_while_current():
    from supervisor_tui.domain.session import AgendaItem
    from supervisor_tui.ui.widgets.agenda_pane import item_label

    item = AgendaItem(title="Duty rota")
    assert item_label(item, current=True).plain.startswith("▶ ")
    item.done = True
    assert item_label(item, current=True).plain.startswith("▶✓ ")
    assert item_label(item, current=False).plain.startswith("✓ ")


async def test_arrows_start_from_the_choice_already_made():
    """A radio choice that opens with one made (who decided, when amending; a case's risk,
    when editing) moves from that one, not from the first: one arrow, then space."""
    from textual.widgets import RadioSet

    from supervisor_tui.domain.caseload import open_case
    from supervisor_tui.domain.decisions import Decision
    from supervisor_tui.domain.enums import RiskLevel
    from supervisor_tui.ui.dialogs.case_form import CaseForm
    from supervisor_tui.ui.dialogs.decision_form import DecisionForm

    earlier = Decision("s-sam", "x-1", "Keep contact supervised", "Two missed visits",
                       decided_by="supervisee", decided_at=STAMP)
    case = open_case("C-0815", RiskLevel.HIGH, STAMP)
    for make, choices, expected in (
            (lambda: DecisionForm("s-sam", "x-today", amends=earlier), "#decided-by",
             "by-supervisor"),
            (lambda: CaseForm([case], case), "#risk", "risk-medium")):
        app = FormHost(make)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda a=app, c=choices: bool(a.screen.query(c)),
                           what="the form")
            radio = app.screen.query_one(choices, RadioSet)
            radio.focus()
            await pilot.press("left", "space")
            assert radio.pressed_button is not None and radio.pressed_button.id == expected
