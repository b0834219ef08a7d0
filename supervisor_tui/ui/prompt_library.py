"""The prompts a session offers: the bundled library, the user's own file (where `n` in the
prompts pane writes) and any extra files the config names."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widget import Widget

from supervisor_tui.domain.prompts import Prompt
from supervisor_tui.paths import default_user_prompts_file
from supervisor_tui.prompts.loader import PromptLibraryError, load_prompts
from supervisor_tui.ui.host import host


def user_prompts_path(node: Widget) -> Path:
    return host(node).config.user_prompts_file or default_user_prompts_file()


async def load_prompt_library(node: Widget) -> list[Prompt]:
    """The bundled prompts plus the user's files; a broken user file is named and skipped."""
    own = user_prompts_path(node)
    extra = [*host(node).config.prompt_files, *([own] if own.exists() else [])]
    try:
        return await asyncio.to_thread(load_prompts, extra)
    except PromptLibraryError as exc:
        if not extra:
            raise
        node.notify(f"Prompt file not used: {exc}", severity="warning", timeout=10)
        return await asyncio.to_thread(load_prompts)
