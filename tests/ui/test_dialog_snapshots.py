"""Every dialog as it first opens, at 80x24 (a 13-inch laptop's half screen) and 120x36, on a
fixed clock; and the tick boxes and choices with colour turned off (NO_COLOR), where ticked and
unticked must still read apart.

Review a changed snapshot as text with `python -m tests.ui.svg_text FILE.svg`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from supervisor_tui.domain.decisions import Action
from supervisor_tui.domain.enums import CheckInPhase
from supervisor_tui.domain.people import Supervisee, SupportNote
from supervisor_tui.domain.session import Session
from tests.builders import held_by_hand
from tests.support import STAMP
from tests.ui.form_host import FIXED_NOW, FormHost, fixed_clock, sample_session

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
PEOPLE = [Supervisee(name, "Social worker", id=f"s-{n}", created_at=STAMP)
          for n, name in enumerate(["Ada Brown", "Ben Cole", "Cara Diaz", "Dev Patel"])]
ACTION = Action("s-sam", "x-1", "Call the school about the contact plan", "Sam Okafor",
                due=date(2026, 11, 20), case_ref="AB12", created_at=STAMP)


def _held(day: int) -> Session:
    start = datetime(2026, 11, day, 10, 0, tzinfo=FIXED_NOW.tzinfo)
    return held_by_hand("s-sam", start, session_id=f"x-{day:02d}", length=timedelta(minutes=55))


def dialogs() -> dict[str, Callable[[], Screen[Any]]]:
    """Each dialog of the app, made as its opener makes it."""
    from supervisor_tui.domain.decisions import CaseCopy
    from supervisor_tui.domain.development import FollowUpKind
    from supervisor_tui.services.history import CaseRecordText
    from supervisor_tui.ui.dialogs.action_form import ActionForm
    from supervisor_tui.ui.dialogs.action_forms import CloseActionScreen, RedateScreen
    from supervisor_tui.ui.dialogs.agenda_item_form import AgendaItemForm
    from supervisor_tui.ui.dialogs.cancel_prompt import CancelPrompt
    from supervisor_tui.ui.dialogs.case_form import CaseForm
    from supervisor_tui.ui.dialogs.case_offer import CaseOfferScreen
    from supervisor_tui.ui.dialogs.case_record import CaseRecordScreen
    from supervisor_tui.ui.dialogs.checkin import CheckInScreen
    from supervisor_tui.ui.dialogs.closing import ClosingScreen, SignOffScreen
    from supervisor_tui.ui.dialogs.confirm import ConfirmScreen
    from supervisor_tui.ui.dialogs.decision_form import DecisionForm
    from supervisor_tui.ui.dialogs.entry_form import EntryForm
    from supervisor_tui.ui.dialogs.export_path import ExportPathScreen
    from supervisor_tui.ui.dialogs.export_prompt import ExportPrompt
    from supervisor_tui.ui.dialogs.follow_up_form import FollowUpForm
    from supervisor_tui.ui.dialogs.group_form import GroupForm
    from supervisor_tui.ui.dialogs.own_actions import OwnActionsScreen
    from supervisor_tui.ui.dialogs.pick_session import PickSessionScreen
    from supervisor_tui.ui.dialogs.plan_prompt import PlanPrompt
    from supervisor_tui.ui.dialogs.prompt_form import PromptForm
    from supervisor_tui.ui.dialogs.reason_prompt import ReasonPrompt
    from supervisor_tui.ui.dialogs.slot_picker import SlotPicker
    from supervisor_tui.ui.dialogs.supervisee_form import SuperviseeForm
    from supervisor_tui.ui.dialogs.support_note import SupportNoteScreen
    from supervisor_tui.ui.screens.change_passphrase import ChangePassphraseScreen
    from supervisor_tui.ui.screens.help import HelpScreen, help_markdown
    from supervisor_tui.ui.screens.home import HomeScreen
    from supervisor_tui.ui.screens.privacy import BlankScreen

    sam = Supervisee("Sam Okafor", "Social worker", id="s-sam", created_at=STAMP)
    exports = Path("/home/supervisor/exports")
    return {
        "action": lambda: ActionForm("s-sam", "x-today", owner="Sam Okafor", case_ref="AB12"),
        "action-close": lambda: CloseActionScreen(ACTION),
        "action-redate": lambda: RedateScreen(ACTION, FIXED_NOW.date()),
        "agenda-item": lambda: AgendaItemForm(),
        "archive-confirm": lambda: ConfirmScreen(
            "Archive Sam Okafor? Their records are kept.", "Archive", "Keep"),
        "blank": lambda: BlankScreen(),
        "cancel": lambda: CancelPrompt("The session of Thu 26 Nov 2026 10:00"),
        "case": lambda: CaseForm([]),
        "case-offer": lambda: CaseOfferScreen("CD-34", "Sam Okafor"),
        "follow-up-goal": lambda: FollowUpForm(FollowUpKind.GOAL),
        "follow-up-escalation": lambda: FollowUpForm(FollowUpKind.ESCALATION),
        "support-note": lambda: SupportNoteScreen("Sam Okafor", SupportNote(
            "s-sam", "A walk at lunchtime; talking it through the same day.",
            "Cases involving infants; late court reports.", updated_at=STAMP)),
        "slot-picker": lambda: SlotPicker(
            FIXED_NOW - timedelta(days=2), [FIXED_NOW, FIXED_NOW - timedelta(days=7)],
            FIXED_NOW, None),
        "own-actions": lambda: OwnActionsScreen("Sam Okafor", [ACTION], FIXED_NOW.date()),
        "case-record": lambda: CaseRecordScreen(CaseRecordText(
            "Supervision decision of 2026-11-23 12:00 UTC (supervisee: Sam Okafor)\n"
            "Case: AB12\nDecision: Keep contact supervised\n"
            "Rationale: Two missed visits since October.\nDecided by: the supervisor\n",
            CaseCopy("d-1", at=FIXED_NOW), before=False)),
        "check-in": lambda: CheckInScreen("s-sam", "Sam Okafor", CheckInPhase.OPENING),
        "closing": lambda: ClosingScreen(sample_session(), {"s-sam": "Sam Okafor"}),
        "decision": lambda: DecisionForm("s-sam", "x-today", case_ref="AB12"),
        "entry": lambda: EntryForm("Sam Okafor, 23 Nov 2026", fixed_clock),
        "export-path": lambda: ExportPathScreen("Export the record as Markdown",
                                                exports / "sam-okafor-2026-11-23.md"),
        "export-ics": lambda: ExportPrompt("Sam Okafor", exports / "supervision.ics"),
        "group": lambda: GroupForm(PEOPLE, preselected="s-0"),
        "help": lambda: HelpScreen(help_markdown(HomeScreen(), {"s": "Start/resume session",
                                                                "h": "History"})),
        "move": lambda: PlanPrompt("Move a session",
                                   "Move the session of Thu 26 Nov 2026 10:00 to:",
                                   FIXED_NOW, default_time=time(10, 0)),
        "passphrase-change": lambda: ChangePassphraseScreen(True),
        "passphrase-set": lambda: ChangePassphraseScreen(False),
        "pick-session": lambda: PickSessionScreen(sam, [_held(2), _held(9), _held(16)]),
        "prompt": lambda: PromptForm(),
        "reason": lambda: ReasonPrompt(
            "Not rebooking", "Why will the session of Tue 29 Dec 2026 10:00 not be rebooked?",
            "e.g. made up in the group on 3 Dec; left the team"),
        "sign-off": lambda: SignOffScreen("s-sam", "Sam Okafor"),
        "supervisee": lambda: SuperviseeForm(),
    }


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("dialog", sorted(dialogs()))
def test_dialog(snap_compare: Any, dialog: str, size: str) -> None:
    app = FormHost(dialogs()[dialog])
    assert snap_compare(app, terminal_size=SIZES[size])


TICKED = {
    # The group dialog with its own person ticked and one more; the others blank.
    "group": ("group", ["down", "space"]),
    # The closing checklist with two of its items ticked.
    "closing": ("closing", ["space", "down", "space"]),
    # An amendment chosen over a late entry.
    "entry": ("entry", []),
    # Cancelled by the supervisee, not the supervisor.
    "cancel": ("cancel", ["tab", "down", "space"]),
}


@pytest.mark.parametrize("case", sorted(TICKED))
def test_ticks_and_choices_read_without_colour(snap_compare: Any, monkeypatch: Any,
                                              case: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    dialog, keys = TICKED[case]
    app = FormHost(dialogs()[dialog])
    assert snap_compare(app, press=keys, terminal_size=SIZES["80x24"])
