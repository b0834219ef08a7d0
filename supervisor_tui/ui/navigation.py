"""Where one screen sends the user to another."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionJump:
    """From a search hit: a supervisee's history, at one session."""

    supervisee_id: str
    session_id: str
    terms: tuple[str, ...] = ()
    """The words searched for, to mark in the record."""
