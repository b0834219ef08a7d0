"""Load and check the prompt library: the bundled `library.toml`, then any user prompt files.

Later files are merged over earlier ones: a prompt whose id is already known replaces it (so a
user can reword a bundled prompt), a new id is added. The closing quality questions are appended
as their own group.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from supervisor_tui.domain.enums import Function, KolbStage
from supervisor_tui.domain.prompts import CLOSING, REFLECTIVE, Prompt
from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.text_safety import control_problem

BUNDLED = "library.toml"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_TEXT = 400


class PromptLibraryError(ValueError):
    """A prompt file could not be used; the message names the file and the entry."""


def _check_entry(raw: Any, where: str, n: int) -> Prompt:
    at = f"{where}, prompt {n}"
    if not isinstance(raw, dict):
        raise PromptLibraryError(f"{at}: each [[prompt]] must be a table")
    unknown = set(raw) - {"id", "text", "function", "stage"}
    if unknown:
        raise PromptLibraryError(f"{at}: unknown field(s) {', '.join(sorted(unknown))}")
    pid, text = raw.get("id"), raw.get("text")
    if not isinstance(pid, str) or not _ID.match(pid):
        raise PromptLibraryError(f"{at}: id must be letters, digits, . _ - (64 at most)")
    if not isinstance(text, str) or not text.strip():
        raise PromptLibraryError(f"{at} ({pid}): text is missing")
    if len(text) > MAX_TEXT:
        raise PromptLibraryError(f"{at} ({pid}): text is longer than {MAX_TEXT} characters")
    try:
        function = Function(raw["function"])
        stage = KolbStage(raw["stage"])
    except KeyError as exc:
        raise PromptLibraryError(f"{at} ({pid}): {exc.args[0]} is missing") from None
    except ValueError as exc:
        raise PromptLibraryError(f"{at} ({pid}): {exc}") from None
    text = " ".join(text.split())  # one paragraph: line breaks and tabs become spaces
    problem = control_problem(text, "the text")
    if problem is not None:
        raise PromptLibraryError(f"{at} ({pid}): {problem}")
    return Prompt(pid, text, function, stage, REFLECTIVE)


def parse_library(text: str, where: str) -> list[Prompt]:
    """Read one prompt file's text; ids must be unique within it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PromptLibraryError(f"{where}: {exc}") from None
    entries = data.get("prompt", [])
    if not isinstance(entries, list):
        raise PromptLibraryError(f"{where}: expected [[prompt]] tables")
    prompts = [_check_entry(raw, where, n) for n, raw in enumerate(entries, 1)]
    seen: set[str] = set()
    for p in prompts:
        if p.id in seen:
            raise PromptLibraryError(f"{where}: the id {p.id} is used twice")
        seen.add(p.id)
    return prompts


def closing_prompts() -> list[Prompt]:
    return [
        Prompt(f"quality.{qid}", text, group=CLOSING) for qid, text in QUALITY_QUESTIONS.items()
    ]


def load_prompts(extra: Iterable[Path] = ()) -> list[Prompt]:
    """The bundled library merged with each extra file in turn, then the closing questions."""
    bundled = resources.files("supervisor_tui.prompts").joinpath(BUNDLED)
    merged: dict[str, Prompt] = {
        p.id: p for p in parse_library(bundled.read_text(encoding="utf-8"), BUNDLED)
    }
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PromptLibraryError(f"{path}: {exc}") from None
        for p in parse_library(text, str(path)):
            merged[p.id] = p
    return [*merged.values(), *closing_prompts()]


def prompt_toml(prompt: Prompt) -> str:
    """One `[[prompt]]` table; JSON string escapes are valid TOML basic-string escapes."""
    assert prompt.function is not None and prompt.stage is not None
    return (
        "\n[[prompt]]\n"
        f"id = {json.dumps(prompt.id)}\n"
        f"text = {json.dumps(prompt.text, ensure_ascii=False)}\n"
        f"function = {json.dumps(prompt.function.value)}\n"
        f"stage = {json.dumps(prompt.stage.value)}\n"
    )


def add_user_prompt(path: Path, prompt: Prompt) -> None:
    """Append a prompt to the user's own prompt file, creating it; the file is checked first
    and the result is written atomically, so a bad or half-written file never replaces it."""
    from supervisor_tui.store.atomic import atomic_write

    path = Path(path)
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else (
            "# Prompts of your own, merged with the bundled library (same [[prompt]] shape).\n")
    except UnicodeDecodeError:
        raise PromptLibraryError(f"{path} is not UTF-8 text; the prompt was not added to it. "
                                 "Save it as UTF-8, or move it aside.") from None
    parse_library(old, str(path))
    new = old + prompt_toml(prompt)
    parse_library(new, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, new.encode("utf-8"))
