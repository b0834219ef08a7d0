"""Lines of the decisions pane: decisions with their amendments, actions, headings."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from textual.content import Content
from textual.widgets.option_list import Option

from supervisor_tui.domain.decisions import Action, Decision, amendment_tree
from supervisor_tui.domain.enums import ActionStatus
from supervisor_tui.ui.dialogs.decision_form import FLAG_LABELS
from supervisor_tui.ui.format import fmt_date

LOG_PAGE = 100
"""Decisions a long log lists at a time: the newest first, older ones added as the user moves
down, so a career's log opens as fast as a month's."""

STATUS_MARK = {ActionStatus.OPEN: "☐", ActionStatus.DONE: "☑", ActionStatus.DROPPED: "✗"}


def newest_first_tree(decisions: list[Decision],
                      before: list[tuple[Decision, int]] | None = None
                      ) -> list[tuple[Decision, int]]:
    """`amendment_tree(decisions, newest_first=True)`; `before` is that tree for all but the
    last decision, if known. A decision just added is an original decided last: it goes on
    top of the tree before, without working out the whole tree again (a log of a career)."""
    if before is not None and len(before) == len(decisions) - 1 and decisions:
        new = decisions[-1]
        if not new.amends and (not before or new.decided_at >= before[0][0].decided_at):
            return [(new, 0), *before]
    return amendment_tree(decisions, newest_first=True)


class LogIndex:
    """Views of a pane's list of decisions, worked out again only from what changed since
    (a log is only appended to; a career's has thousands)."""

    def __init__(self) -> None:
        self._indexed: tuple[list[Decision], str, int, dict[str, Decision],
                             list[Decision]] | None = None
        self._drawn_tree: tuple[list[Decision], list[tuple[Decision, int]]] | None = None

    def by_id(self, decisions: list[Decision],
              session_id: str) -> tuple[dict[str, Decision], list[Decision]]:
        """Every decision by id, and the session's: looked through again only from the
        first decision added since."""
        held = self._indexed
        if (held is None or held[0] is not decisions or held[1] != session_id
                or held[2] > len(decisions)):
            held = (decisions, session_id, 0, {}, [])
        _, _, seen, by_id, made = held
        for d in decisions[seen:]:
            by_id[d.id] = d
            if d.session_id == session_id:
                made.append(d)
        self._indexed = (decisions, session_id, len(decisions), by_id, made)
        return by_id, made

    def tree(self, decisions: list[Decision]) -> list[tuple[Decision, int]]:
        """The running log as drawn, worked out again only when it is not one decision on."""
        held = self._drawn_tree
        if held is None or held[0] is not decisions or len(held[1]) != len(decisions):
            before = held[1] if held is not None and held[0] is decisions else None
            held = (decisions, newest_first_tree(decisions, before))
            self._drawn_tree = held
        return held[1]


def _case(case_ref: str | None) -> str:
    return f" [{case_ref}]" if case_ref else ""


Part = str | tuple[str, str]
MUTED = "$text-muted"


def _whose(who: str | None) -> list[Part]:
    return [(f"{who} · ", "italic")] if who else []


def decision_prompt(d: Decision, depth: int = 0, dated: bool = False,
                    original: Decision | None = None, who: str | None = None) -> Content:
    """`who` names the attendee whose log holds the decision (group sessions only)."""
    indent = "   " * depth
    parts: list[Part] = [indent + ("↳ amended: " if depth else "◆ "), *_whose(who)]
    if dated:
        parts.append((f"{fmt_date(d.decided_at)} ", MUTED))
    parts += [(d.text, "bold"), _case(d.case_ref)]
    parts += [(f" ⚑ {FLAG_LABELS.get(f, f.value)}", "bold $text-error") for f in d.flags]
    parts += [(f"\n{indent}  why: ", MUTED), d.rationale]
    if original is not None:
        parts += [(f"\n{indent}  amends: ", MUTED), (original.text, "italic")]
    return Content.assemble(*parts)


def action_prompt(a: Action, today: date, session_id: str, who: str | None = None) -> Content:
    parts: list[Part] = [f"{STATUS_MARK[a.status]} ", *_whose(who),
                         (a.text, "bold" if a.is_open else MUTED),
                         _case(a.case_ref), (f"\n  {a.owner}", MUTED)]
    if a.due is not None:
        parts.append((f", by {a.due.strftime('%a %d %b')}", MUTED))
    if a.is_overdue(today):
        parts.append((" overdue", "bold $text-error"))
    if not a.is_open:
        when = "this session" if a.closed_in_session == session_id else fmt_date(a.closed_at)
        parts.append((f", {a.status.value} {when}", MUTED))
    elif a.session_id != session_id:
        parts.append((", from an earlier session", MUTED))
    return Content.assemble(*parts)


def heading(text: str) -> Option:
    return Option(Content.styled(text, "bold underline"), disabled=True)


MORE = "more"


def more_line(rest: int) -> Option:
    """The last line of a log listed in part: moving onto it lists the next older ones."""
    more = min(rest, LOG_PAGE)
    return Option(Content.styled(f"{rest:,} older decisions: move here to list {more} more",
                                 f"italic {MUTED}"), id=MORE)


Logged = TypeVar("Logged", Decision, Action)


def listed_once(items: list[Logged], saved: Logged) -> None:
    """List `saved` once: in its place if listed already (a save retried after it had reached
    the log, read back since), else last."""
    at = next((i for i, item in enumerate(items) if item.id == saved.id), len(items))
    items[at:at + 1] = [saved]
