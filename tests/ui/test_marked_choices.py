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
