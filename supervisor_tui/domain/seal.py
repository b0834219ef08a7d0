"""Seals: tamper evidence for the whole record, not only the decisions log.

Each stored session, action and case carries a seal: a digest of each of its parts (a session's
notes, sections, check-ins, sign-off, amendments and the rest), the number of the save that
sealed it, and a MAC over those under the folder's seal key. Each supervisee's chain head (kept
apart, in the roster) holds how many rows are sealed, the newest save number and the XOR of
every row's MAC, and a MAC of its own. So an edit made outside the app shows as a part that no
longer matches its digest; a rewritten seal as a MAC that does not check; a deleted row as a
count and sum that no longer match the head; an older copy of a file as a save number behind it.

Pure: rows are the dicts the store keeps (`to_dict` of the domain objects).
"""

from __future__ import annotations

from typing import Any

import orjson

#: The parts of a session named on their own when one no longer matches its seal.
SESSION_PARTS: dict[str, tuple[str, ...]] = {
    "notes": ("notes",),
    "sections": ("sections", "checklist"),
    "check-ins": ("checkins",),
    "sign-off": ("signoffs",),
    "amendments and late entries": ("entries",),
    "agenda": ("agenda",),
}
#: Fields that change while a session is open or not part of what it says (never sealed).
UNSEALED_FIELDS = frozenset({"seal", "current_item_id", "current_item_started_at",
                             "notes_saved_at"})
DETAILS = "details"


def _canonical(value: Any) -> bytes:
    """The bytes a row is sealed over. What the app writes always encodes; a value edited in
    by hand that does not (an integer past 64 bits) is read as its repr, which matches no seal
    made by the app: it shows as a change, never as a crash."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return ("unencodable:" + repr(value)).encode("utf-8", "backslashreplace")


def _digest(value: Any) -> str:
    import hashlib  # here: OpenSSL's hashes are not needed before the first frame
    return hashlib.sha256(_canonical(value)).hexdigest()


def needs_seal(kind: str, row: dict[str, Any]) -> bool:
    """Whether this row is sealed when written: every action and case, every session except
    an open one (its notes are saved every few seconds; it is sealed when it is finalised)."""
    return kind != "session" or row.get("status") != "in_progress"


def parts(kind: str, row: dict[str, Any]) -> dict[str, str]:
    """A digest per part of a stored row."""
    if kind != "session":
        rest = {k: v for k, v in row.items() if k not in UNSEALED_FIELDS}
        return {DETAILS: _digest(rest)}
    found: dict[str, str] = {}
    named: set[str] = set()
    for part, fields in SESSION_PARTS.items():
        found[part] = _digest([row.get(f) for f in fields])
        named.update(fields)
    rest = {k: v for k, v in row.items() if k not in named and k not in UNSEALED_FIELDS}
    found[DETAILS] = _digest(rest)
    return found


def mac(key: bytes, value: Any) -> str:
    import hashlib
    import hmac
    return hmac.new(key, _canonical(value), hashlib.sha256).hexdigest()


def make_seal(key: bytes, supervisee_id: str, kind: str, number: int,
              row: dict[str, Any], found: dict[str, str] | None = None) -> dict[str, Any]:
    """The seal of a row: its parts (`found`, or worked out now), numbered, under `key`."""
    found = parts(kind, row) if found is None else found
    return {"n": number, "parts": found,
            "mac": mac(key, [supervisee_id, kind, item_id(kind, row), number, found])}


def xor_hex(a: str, b: str) -> str:
    """The XOR of two digests (an empty string is zero): the head's sum of its rows."""
    width = 64
    ai = int(a, 16) if a else 0
    bi = int(b, 16) if b else 0
    return format(ai ^ bi, f"0{width}x") if ai ^ bi else ""


def _well_formed(seal: Any) -> bool:
    return (isinstance(seal, dict) and isinstance(seal.get("n"), int)
            and not isinstance(seal.get("n"), bool) and isinstance(seal.get("parts"), dict)
            and isinstance(seal.get("mac"), str) and len(seal["mac"]) == 64)


def item_id(kind: str, row: dict[str, Any]) -> str:
    return str(row.get("ref" if kind == "case" else "id", ""))


def row_digest(supervisee_id: str, kind: str, row: dict[str, Any]) -> str:
    """What a sealed row adds to its head's sum ("" if it carries no seal). Independent of the
    key, so the key can be changed without changing the sum; the head's MAC protects it."""
    found = row.get("seal")
    if not _well_formed(found):
        return ""
    assert isinstance(found, dict)
    return _digest([supervisee_id, kind, item_id(kind, row), found["n"], found["parts"]])


def signed(keys: list[bytes], value: Any, given: object) -> bool:
    """Whether `given` is the MAC of `value` under one of `keys` (a MAC is ASCII hex, and
    `compare_digest` refuses other text with an error rather than saying no)."""
    import hmac
    return isinstance(given, str) and given.isascii() and any(
        hmac.compare_digest(mac(key, value), given) for key in keys)


def seal_checks(keys: list[bytes], supervisee_id: str, kind: str, row: dict[str, Any]) -> bool:
    """Whether the row carries a seal made under one of `keys` (whatever its parts say)."""
    seal = row.get("seal")
    if not (_well_formed(seal) and isinstance(seal, dict)):
        return False
    return signed(keys, [supervisee_id, kind, item_id(kind, row), seal["n"], seal["parts"]],
                  seal["mac"])


def check_row(keys: list[bytes], supervisee_id: str, kind: str, row: dict[str, Any]
              ) -> list[str]:
    """What no longer matches in one sealed row (empty if it is as sealed)."""
    seal = row.get("seal")
    if seal is None:
        return ["was added outside the app (it carries no seal)"] \
            if needs_seal(kind, row) else []
    if not _well_formed(seal):
        return ["its seal was altered"]
    if not seal_checks(keys, supervisee_id, kind, row):
        return ["its seal does not check (rewritten, or moved from another record)"]
    if not needs_seal(kind, row):
        return []  # open again? it keeps its seal until it is finalised and sealed anew
    now = parts(kind, row)
    changed = [p for p in now if seal["parts"].get(p) != now[p]]
    return [f"{', '.join(changed)} changed after it was recorded"] if changed else []


def head_value(head: dict[str, Any]) -> dict[str, Any]:
    """What a head's MAC covers (everything but the MAC)."""
    return {k: v for k, v in head.items() if k != "mac"}


def setting_value(setting: dict[str, Any]) -> list[Any]:
    """What the MAC of the folder's seal setting covers (not the keys themselves)."""
    return [setting.get("folder_id"), setting.get("epoch"), setting.get("exposed"),
            setting.get("people")]


def decision_value(supervisee_id: str, row: dict[str, Any]) -> list[Any]:
    """What a decision's seal covers: its place in the chain (its content is in its hash)."""
    return [supervisee_id, "decision", row.get("id"), row.get("prev_hash"), row.get("hash")]


def seal_decision_row(key: bytes, supervisee_id: str, row: dict[str, Any]) -> None:
    row["seal"] = {"mac": mac(key, decision_value(supervisee_id, row))}


def check_decision_row(keys: list[bytes], supervisee_id: str, row: dict[str, Any]) -> list[str]:
    found = row.get("seal")
    if found is None:
        return ["was added outside the app (it carries no seal)"]
    if not (isinstance(found, dict)
            and signed(keys, decision_value(supervisee_id, row), found.get("mac"))):
        return ["its seal does not check (the chain was rewritten)"]
    return []
