"""Which of a supervisee's texts hold which words: the part of the search index a query uses
to find its texts without holding the texts themselves.

The words are the runs of word characters (`\\w+`) of each case-folded text. They are kept
sorted in one byte string, `\\x00word\\x00word\\x00`, which a query term's words are looked
for in with `bytes.find` (C speed): the words holding a term's word anywhere, or ending or
beginning with it where the term goes on past it. Each word keeps the texts that hold it,
as a bitmap of the texts when it is common, else as a list of text numbers. The texts of a
query are the AND of its words' ORs, as a Python int. A word found inside another (`guard` in
`safeguarding`) is found, as a substring search finds it.
"""

from __future__ import annotations

import operator
import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, islice, repeat
from typing import Any

SEP = b"\x00"
WORD = re.compile(r"\w+")
MANY = 32
"""Words one term's word may match in one part before it stops narrowing the search (a single
letter matches most words): past it, its texts are all texts, and a query checks each text it
shows against the term itself."""
_CODES = {2: "H", 4: "I"}
_SET = re.compile(b"[^\x00]")
_ASCII_WORDS = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(128)) \
    + b" " * 128
"""ASCII bytes with every byte that is not a word character (`\\w`) made a space."""


class WordsError(ValueError):
    """Stored words that do not hold together."""


def little(a: array[Any]) -> bytes:
    """An array's bytes in little-endian order, as kept on disk."""
    if sys.byteorder != "little":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def from_little(typecode: str, blob: bytes) -> array[Any]:
    """The array kept by `little`."""
    a = array(typecode)
    if len(blob) % a.itemsize:
        raise WordsError("an array cut short")
    a.frombytes(blob)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def words_of(folded: str) -> set[bytes]:
    """The words of a case-folded text, UTF-8 encoded (ASCII text split in C, at a third of
    the time of the expression)."""
    if folded.isascii():
        return set(folded.encode().translate(_ASCII_WORDS).split())
    return {word.encode() for word in WORD.findall(folded)}


def _bitmap(texts: Iterable[int], size: int) -> bytes:
    """Text numbers as a bitmap of `size` bytes, text n at bit n (little-endian)."""
    bits = bytearray(size)
    for n in texts:
        bits[n >> 3] |= 1 << (n & 7)
    return bytes(bits)


def ascending(bits: int) -> Iterator[int]:
    """The numbers of the set bits of `bits`, lowest first (a scan of the bytes in C skips
    the empty stretches)."""
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for found in _SET.finditer(raw):
        at = found.start()
        byte, base = raw[at], at * 8
        while byte:
            low = byte & -byte
            yield base + low.bit_length() - 1
            byte ^= low


class Words:
    """Words of `count` texts and, for each, the texts holding it (see the module docstring)."""

    __slots__ = ("count", "width", "vocab", "starts", "at", "postings")

    def __init__(self, count: int, width: int, vocab: bytes, starts: array[int],
                 at: array[int], postings: bytes) -> None:
        self.count = count
        self.width = width
        """Bytes per text number in a list (2, or 4 past 65,535 texts)."""
        self.vocab = vocab
        self.starts = starts
        """Where each word begins in `vocab`, and one more: the length of `vocab`. Word i ends
        at the separator before `starts[i + 1]`."""
        self.at = at
        """Where each word's texts begin in `postings`, and one more: its end."""
        self.postings = postings

    @classmethod
    def build(cls, texts: Sequence[str]) -> Words:
        """The words of these texts (text n is `texts[n]`), case-folded.

        Each word's texts are gathered in an array: no object per text number, and nothing
        the collector walks, however many texts there are."""
        count = len(texts)
        holding: dict[bytes, array[int]] = {}
        for n, text in enumerate(texts):
            for word in words_of(text.casefold()):
                found = holding.get(word)
                if found is None:
                    holding[word] = found = array("I")
                found.append(n)
        width = 2 if count <= 0x10000 else 4
        bitmap = (count + 7) // 8
        vocab, starts, at, postings, size = [SEP], array("I"), array("I"), [], 0
        pos = len(SEP)
        for encoded in sorted(holding):
            starts.append(pos)
            at.append(size)
            vocab += (encoded, SEP)
            pos += len(encoded) + len(SEP)
            found = holding[encoded]
            if len(found) * width < bitmap:
                blob = little(found if width == 4 else array("H", found))
            else:
                blob = _bitmap(found, bitmap)
            postings.append(blob)
            size += len(blob)
        starts.append(pos)
        at.append(size)
        return cls(count, width, b"".join(vocab), starts, at, b"".join(postings))

    def __len__(self) -> int:
        return len(self.starts) - 1

    def word(self, i: int) -> str:
        return self.vocab[self.starts[i]:self.starts[i + 1] - 1].decode("utf-8", "surrogatepass")

    @property
    def every_text(self) -> int:
        return (1 << self.count) - 1

    def texts_of(self, i: int, every: int | None = None) -> int:
        """Word i's texts, as a bitmap (`every` is `every_text`, when the caller has it)."""
        blob = self.postings[self.at[i]:self.at[i + 1]]
        if len(blob) == (self.count + 7) // 8:
            bits = int.from_bytes(blob, "little")
        elif not blob or len(blob) % self.width:
            raise WordsError("a word's texts cut short")
        else:
            texts = from_little(_CODES[self.width], blob)
            if max(texts) >= self.count:
                raise WordsError("a text past the last")
            bits = int.from_bytes(_bitmap(texts, (self.count + 7) // 8), "little")
        return bits & (self.every_text if every is None else every)

    def matching(self, word: str, open_before: bool, open_after: bool) -> Iterator[int]:
        """The words holding `word`: anywhere when the term goes on past it both ways; ending
        with it when only before; beginning with it when only after; else equal to it."""
        needle = word.encode("utf-8", "surrogatepass")
        lead = b"" if open_before else SEP
        needle = lead + needle + (b"" if open_after else SEP)
        vocab, starts, words, skip = self.vocab, self.starts, len(self), len(lead)
        pos = vocab.find(needle)
        while pos != -1:
            i = bisect_right(starts, pos + skip) - 1
            if not 0 <= i < words:
                return
            yield i
            pos = vocab.find(needle, starts[i + 1] - 1)

    def texts_with(self, word: str, open_before: bool, open_after: bool) -> int | None:
        """The texts holding a word that `matching` finds, as a bitmap; None when more than
        MANY words match, so that the word does not narrow the search."""
        found = list(islice(self.matching(word, open_before, open_after), MANY + 1))
        if len(found) > MANY:
            return None
        every, bits = self.every_text, 0
        for i in found:
            bits |= self.texts_of(i, every)
        return bits

    # -- the form kept on disk ---------------------------------------------------------------
    def header(self) -> dict[str, int]:
        return {"words": len(self), "width": self.width, "vocab": len(self.vocab),
                "postings": len(self.postings)}

    def blobs(self) -> list[bytes]:
        """What is kept: the words and where each one's texts begin (where each word begins is
        worked out again from the words when read)."""
        return [self.vocab, little(self.at)]

    @classmethod
    def read(cls, count: int, head: dict[str, int], take: Callable[[int], bytes]) -> Words:
        """The words kept by `header` and `blobs` and then the postings, read with `take`.

        Only what a lookup relies on is checked here, in C loops: a word's texts that do not
        hold together are found when a query reads them (WordsError)."""
        words, width = int(head["words"]), int(head["width"])
        if width not in _CODES:
            raise WordsError("an unknown width")
        vocab = take(int(head["vocab"]))
        at = from_little("I", take(4 * (words + 1)))
        postings = take(int(head["postings"]))
        if vocab[:1] != SEP or vocab[-1:] != SEP:
            raise WordsError("words cut short")
        lengths = map(len, vocab[1:-1].split(SEP)) if len(vocab) > 1 else iter(())
        starts = array("I", accumulate(map(operator.add, lengths, repeat(1)), initial=1))
        if len(starts) != words + 1 or len(at) != words + 1 or at[-1] != len(postings):
            raise WordsError("words and their texts do not match")
        return cls(count, width, vocab, starts, at, postings)
