"""Screens that act on enter in place keep the look of what they are."""

from __future__ import annotations

import importlib
import pkgutil

from textual.screen import ModalScreen

import supervisor_tui.ui as ui
from supervisor_tui.ui.focus import SubmitInPlace


def _screens() -> list[type]:
    for module in pkgutil.walk_packages(ui.__path__, f"{ui.__name__}."):
        importlib.import_module(module.name)
    found: list[type] = []
    todo: list[type] = [SubmitInPlace]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_modal_that_submits_in_place_names_the_modal_first() -> None:
    modals = [cls for cls in _screens() if issubclass(cls, ModalScreen)]
    assert len(modals) >= 3  # the dialogs, the check-in, the passphrase change
    wrong = [cls.__name__ for cls in modals
             if not issubclass(cls.__bases__[0], ModalScreen)]
    assert wrong == []
