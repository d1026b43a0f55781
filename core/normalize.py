"""Normalization for matching, with an exact map back to the original text.

The matching form folds what Persian writers vary without changing meaning:
Arabic ي/ى/ك/ة and hamza forms → Persian letters, Persian and Arabic-Indic
digits → ASCII, ZWNJ and other joiners → a space (so «سه‌شنبه», «سه شنبه»
look alike; patterns then make that space optional for «سهشنبه»), runs of
spaces → one, and removes diacritics, kashida and bidi marks. Every change
is one character to one character or a deletion, so a sorted list of kept
segments maps any normalized offset back to the original in O(log n) — far
cheaper than a per-character table on a large archive.

hazm's Normalizer does more (it rewrites spacing and affixes) and keeps no
offset map, so matching uses this fold; tests check it agrees with hazm on
the letters and digits both touch.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

_ONE_TO_ONE: dict[int, str] = {}


def _fold(chars: str, into: str) -> None:
    for ch in chars:
        _ONE_TO_ONE[ord(ch)] = into


_fold("يى", "ی")
_fold("ك", "ک")
_fold("ة", "ه")
_fold("ۀ", "ه")
_fold("أإٱ", "ا")
_fold("ؤ", "و")
for _i, (_fa, _ar) in enumerate(zip("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")):
    _fold(_fa + _ar, str(_i))
# Joiners and spaces of every width become a plain space.
_fold("\u200c\u200d\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\u000b", " ")
_fold("٫", ".")  # Arabic decimal separator
_fold("٬", ",")
for _c in range(ord("A"), ord("Z") + 1):
    _ONE_TO_ONE[_c] = chr(_c + 32)

# str.translate indexes a list four times faster than it looks up a dict;
# characters past the BMP raise IndexError and are kept as they are.
_TABLE: list[int] = list(range(0x10000))
for _code, _to in _ONE_TO_ONE.items():
    _TABLE[_code] = ord(_to)

# Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: «ﻣﺎﻩ», old PDFs and
# web fonts) fold like the letter NFKC gives for them; a ligature that NFKC
# spreads over several letters («ﻻ», «ﷲ») would break the one-to-one offset
# map and is kept as it is.
for _code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
    _base = unicodedata.normalize("NFKC", chr(_code))
    if len(_base) == 1 and _base != chr(_code):
        _TABLE[_code] = _TABLE[ord(_base)]

# Deleted: diacritics (harakat, tanvin, shadda, sukun, superscript alef,
# hamza above/below), kashida, bidi controls, soft hyphen, BOM.
_DROP_CLASS = "\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff"
# Opening with one character class lets the regex engine skip ahead fast.
_DROP = re.compile(f"[ {_DROP_CLASS}](?:(?<=[{_DROP_CLASS}])[{_DROP_CLASS}]*|(?<= )(?=[{_DROP_CLASS}]* ))")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    original: str
    text: str
    # Kept segment k starts at norm_starts[k] in ``text`` and orig_starts[k]
    # in ``original``; inside a segment offsets move together.
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def to_original(self, i: int) -> int:
        """Original offset of the normalized character at ``i``."""
        k = bisect_right(self.norm_starts, i) - 1
        return self.orig_starts[k] + (i - self.norm_starts[k])

    def to_original_span(self, a: int, b: int) -> tuple[int, int]:
        """Original span holding normalized ``[a, b)``, with the marks that
        were dropped inside it and those trailing its last letter."""
        if b <= a:
            p = self.to_original(a) if a < len(self.text) else len(self.original)
            return p, p
        start = self.to_original(a)
        end = self.to_original(b - 1) + 1
        orig = self.original
        while end < len(orig) and _is_trailing_mark(orig[end]):
            end += 1
        return start, end


def _is_trailing_mark(ch: str) -> bool:
    return ("\u064b" <= ch <= "\u065f") or ch in "\u0670\u0640"


def normalize(text: str) -> NormalizedText:
    folded = text.translate(_TABLE)
    norm_starts = [0]
    orig_starts = [0]
    pieces: list[str] = []
    pos = 0
    length = 0
    for m in _DROP.finditer(folded):
        a, b = m.span()
        if a == b:
            continue
        pieces.append(folded[pos:a])
        length += a - pos
        pos = b
        norm_starts.append(length)
        orig_starts.append(b)
    pieces.append(folded[pos:])
    return NormalizedText(text, "".join(pieces), tuple(norm_starts), tuple(orig_starts))


def fold(text: str) -> str:
    """The matching form alone, for lexicon entries and search queries."""
    return normalize(text).text
