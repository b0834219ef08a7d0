"""Reflective prompts: questions a supervisor can ask, organised by function and Kolb stage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from supervisor_tui.domain.enums import Function, KolbStage

#: Groups of prompts: the reflective library, and the questions a supervisor asks themself at
#: the close of a session.
REFLECTIVE = "reflective"
CLOSING = "closing"

T = TypeVar("T")


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    function: Function | None = None
    stage: KolbStage | None = None
    group: str = REFLECTIVE


def filter_prompts(
    prompts: Iterable[Prompt],
    function: Function | None = None,
    stage: KolbStage | None = None,
    group: str | None = None,
) -> list[Prompt]:
    """The prompts matching every filter given (None means any), in library order."""
    return [
        p
        for p in prompts
        if (function is None or p.function is function)
        and (stage is None or p.stage is stage)
        and (group is None or p.group == group)
    ]


def cycle(options: Sequence[T], current: T) -> T:
    """The option after `current` in `options`, wrapping round (for keys that cycle a filter)."""
    try:
        return options[(options.index(current) + 1) % len(options)]
    except ValueError:
        return options[0]
