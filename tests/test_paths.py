"""Paths a user types: `~` and `~user` are expanded as a shell does."""

from __future__ import annotations

from pathlib import Path

from supervisor_tui.paths import expand_home
from supervisor_tui.store.folder import expand_home as store_expand_home


def test_home_is_expanded_and_an_unknown_users_home_is_left_as_written(monkeypatch):
    monkeypatch.setenv("HOME", "/home/sam")
    for expand in (expand_home, store_expand_home):
        assert expand("~/notes.md") == Path("/home/sam/notes.md")
        assert expand("~no-such-user-here/notes.md") == Path("~no-such-user-here/notes.md")
        assert expand("~0") == Path("~0")
        assert expand(Path("plain/file")) == Path("plain/file")
