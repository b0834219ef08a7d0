"""A sealed row edited by hand with a value the app never writes (an integer past 64 bits, as
a restored backup may hold) is reported as changed, never a crash."""

from __future__ import annotations

from supervisor_tui.domain.seal import check_row, make_seal, row_digest, signed

KEY = b"k" * 32


def test_an_integer_past_64_bits_reads_as_a_change_not_a_crash():
    row = {"ref": "AB-12", "risk": "high", "label": ""}
    row["seal"] = make_seal(KEY, "s-1", "case", 3, row)
    assert check_row([KEY], "s-1", "case", row) == []
    row["label"] = 2 ** 70
    assert check_row([KEY], "s-1", "case", row) == ["details changed after it was recorded"]
    row["seal"]["n"] = 2 ** 70
    assert check_row([KEY], "s-1", "case", row)  # its seal no longer checks
    assert row_digest("s-1", "case", row)
    assert not signed([KEY], {"count": 2 ** 70}, "0" * 64)


def test_a_mac_edited_into_text_that_is_not_ascii_reads_as_unsigned_not_a_crash():
    row = {"ref": "AB-12", "risk": "high", "label": ""}
    row["seal"] = make_seal(KEY, "s-1", "case", 3, row)
    mac = row["seal"]["mac"]
    row["seal"]["mac"] = "é" + mac[1:]
    assert not signed([KEY], {"count": 1}, "é" * 64)
    assert check_row([KEY], "s-1", "case", row)  # its seal no longer checks
