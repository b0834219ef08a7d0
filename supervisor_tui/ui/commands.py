"""The command palette (ctrl+p): every action of the current screen plus global ones.

A screen may add context-aware entries ("Start session with Sam Okafor") by defining
`palette_commands()`, returning `PaletteCommand`s. Every enabled binding of ours (each has an id)
on the screen, its focused widget and the app is listed too, so nothing reachable by key is
missing here; a text field's own editing keys ("Cursor line end") are not: they would crowd out
the app's actions when searching ("end" is End session).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from supervisor_tui.domain.people import Supervisee
from supervisor_tui.services.people import supervisees
from supervisor_tui.ui.host import service

#: Bindings that make no sense as palette entries.
_SKIP_ACTIONS = {"command_palette", "app.command_palette"}


class PaletteCommand(NamedTuple):
    title: str
    help: str
    callback: Callable[[], Any]


class SupervisorCommands(Provider):
    async def startup(self) -> None:
        self._people: list[Supervisee] = await service(self.app).run(supervisees)

    def _binding_commands(self) -> Iterable[PaletteCommand]:
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if (not active.enabled or not binding.description or binding.id is None
                    or binding.action in _SKIP_ACTIONS):
                continue
            shown = self.app.get_key_display(binding)
            yield PaletteCommand(
                binding.description,
                f"Key: {shown or key}",
                partial(self.app.run_action, binding.action, active.node),
            )

    def _global_commands(self) -> Iterable[PaletteCommand]:
        open_supervisee = getattr(self.app, "open_supervisee", None)
        if open_supervisee is None:
            return
        for person in self._people:
            yield PaletteCommand(
                f"Switch supervisee: {person.name}",
                f"Go to {person.name} on the home screen" + (f" ({person.role})" if person.role
                                                              else ""),
                partial(open_supervisee, person.id),
            )

    def commands(self) -> list[PaletteCommand]:
        found: list[PaletteCommand] = []
        context = getattr(self.screen, "palette_commands", None)
        if context is not None:
            found.extend(context())
        found.extend(self._binding_commands())
        found.extend(self._global_commands())
        seen: set[str] = set()
        unique = []
        for command in found:
            if command.title not in seen:
                seen.add(command.title)
                unique.append(command)
        return unique

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.callback,
                          text=command.title, help=command.help)
