"""Home's picture of today: a long caseload is counted, not listed, so that what follows it
(high-risk cases, wellbeing) stays in view."""

from __future__ import annotations

from datetime import date, datetime

from supervisor_tui.services.home import TodayPicture
from supervisor_tui.ui.widgets.today_panel import SHOWN, picture_text

TODAY = date(2026, 12, 5)


def test_a_long_list_of_people_the_roster_shows_gives_the_first_and_counts_the_rest():
    picture = TodayPicture(TODAY)
    picture.overdue = [(f"Person {n}", 40 - n) for n in range(SHOWN + 7)]
    picture.due_soon = [(f"Due {n}", datetime(2026, 12, 7, 10)) for n in range(SHOWN + 1)]
    picture.actions_overdue = [(f"Owner {n}", 2) for n in range(SHOWN + 2)]
    picture.high_risk = [("Person 3", ["C-001"])]
    picture.wellbeing = [(f"Person {n}", "last check-in 2/5") for n in range(SHOWN + 3)]
    lines = picture_text(picture).plain.splitlines()
    overdue = next(line for line in lines if line.startswith("Supervision overdue"))
    assert overdue.count(" days)") == SHOWN
    assert overdue.startswith("Supervision overdue: Person 0 (40 days), Person 1 (39 days)")
    assert overdue.endswith("and 7 more (o sorts the roster by days overdue)")
    due = next(line for line in lines if line.startswith("Supervision due this week"))
    assert due.endswith("and 1 more (Next due on the roster)")
    actions = next(line for line in lines if line.startswith("Actions overdue"))
    assert actions.endswith("and 2 more (Open actions on the roster)")
    assert "High-risk cases not reached: Person 3 (C-001)" in lines[2]  # third line, in view
    wellbeing = next(line for line in lines if line.startswith("Wellbeing"))
    assert wellbeing.count("last check-in") == SHOWN + 3  # not on the roster: every name


def test_a_short_list_is_given_whole():
    picture = TodayPicture(TODAY)
    picture.overdue = [(f"Person {n}", 10 + n) for n in range(SHOWN)]
    text = picture_text(picture).plain
    assert text.count(" days)") == SHOWN and "more" not in text
