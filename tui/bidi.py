"""Right-to-left text for terminals that do not reorder it themselves.

Textual writes text in logical (reading) order. Terminals built on VTE
(GNOME Terminal, Tilix …), Konsole and mlterm reorder and shape Persian
themselves; xterm, tmux and Windows Terminal show it letter by letter, left to
right, unjoined. For those, ``visual`` mode does the work here: the caller
wraps logical text into lines, then each line is shaped (Arabic presentation
forms, lam-alef ligatures) and reordered with a simplified Unicode
Bidirectional Algorithm (one paragraph level, no explicit embeddings:
W1–W7, N1–N2, I1–I2, L1–L4), brackets and «» mirrored.

The presentation forms are not typed in here: they are read from Python's
Unicode database (``unicodedata.decomposition`` of U+FB50–U+FEFF tells which
form of which letter each code point is), and a letter's joining type follows
from the forms it has (an initial form ⇒ it joins both sides).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

BidiMode = Literal["logical", "visual"]
BIDI_CHOICES: tuple[str, ...] = ("logical", "visual", "auto")

_LAM = "\u0644"
_ZWNJ = "\u200c"
_JOIN_CAUSING = frozenset("\u0640\u200d")  # tatweel, ZWJ
# Paired punctuation shown mirrored in right-to-left runs (rule L4).
_MIRROR_PAIRS = "()[]{}<>«»‹›"
_MIRROR = {a: b for a, b in zip(_MIRROR_PAIRS[::2], _MIRROR_PAIRS[1::2])} | {
    b: a for a, b in zip(_MIRROR_PAIRS[::2], _MIRROR_PAIRS[1::2])}
_STRONG_OR_NUMBER = frozenset({"L", "R", "EN", "AN"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})
# Explicit embeddings, overrides and isolates are removed (X9) rather than
# honoured: untrusted text must not be able to rearrange the screen.
_REMOVED = frozenset({"BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


@dataclass(frozen=True, slots=True)
class _Forms:
    isolated: str
    final: str | None
    initial: str | None
    medial: str | None

    @property
    def joins_forward(self) -> bool:
        """True for dual-joining letters (they connect to the next letter)."""
        return self.initial is not None


@cache
def _presentation_forms() -> tuple[dict[str, _Forms], dict[str, tuple[str, str]]]:
    """Forms by letter, and lam-alef ligatures by alef: (isolated, final)."""
    found: dict[str, dict[str, str]] = {}
    ligatures: dict[str, dict[str, str]] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        char = chr(code)
        tag, _, rest = unicodedata.decomposition(char).partition(" ")
        if tag not in ("<isolated>", "<final>", "<initial>", "<medial>"):
            continue
        bases = [chr(int(part, 16)) for part in rest.split()]
        form = tag.strip("<>")
        if len(bases) == 1:
            found.setdefault(bases[0], {}).setdefault(form, char)
        elif len(bases) == 2 and bases[0] == _LAM and unicodedata.name(bases[1], "").startswith("ARABIC LETTER ALEF"):
            ligatures.setdefault(bases[1], {}).setdefault(form, char)
    forms = {
        base: _Forms(f.get("isolated", base), f.get("final"), f.get("initial"), f.get("medial"))
        for base, f in found.items()
        if unicodedata.category(base).startswith("L")
    }
    lam_alef = {alef: (f["isolated"], f["final"]) for alef, f in ligatures.items() if "isolated" in f and "final" in f}
    return forms, lam_alef


def _is_transparent(char: str) -> bool:
    # Marks (harakat) and invisible format characters other than ZWNJ/ZWJ do not break joining.
    category = unicodedata.category(char)
    return category in ("Mn", "Me") or (category == "Cf" and char not in (_ZWNJ, "\u200d"))


def _joins_forward(char: str, forms: Mapping[str, _Forms]) -> bool:
    if char in _JOIN_CAUSING:
        return True
    shape = forms.get(char)
    return shape is not None and shape.joins_forward


def _joins_backward(char: str, forms: Mapping[str, _Forms]) -> bool:
    if char in _JOIN_CAUSING:
        return True
    shape = forms.get(char)
    return shape is not None and shape.final is not None


def shape(text: str) -> list[str]:
    """Each character of ``text`` replaced by its contextual presentation form.

    Same length as ``text``; an alef that merged into a lam-alef ligature
    becomes "" (the ligature stands at the lam). ZWNJ keeps its place (it
    breaks the join, which is now visible in the forms).
    """
    forms, lam_alef = _presentation_forms()
    solid = [i for i, ch in enumerate(text) if not _is_transparent(ch)]
    shaped = list(text)
    previous_joins = False  # does the previous solid character join forward?
    skip_alef: int | None = None
    for position, index in enumerate(solid):
        char = text[index]
        if index == skip_alef:
            shaped[index] = ""
            previous_joins = False
            continue
        nxt = text[solid[position + 1]] if position + 1 < len(solid) else ""
        join_prev = previous_joins and _joins_backward(char, forms)
        if char == _LAM and nxt in lam_alef:
            isolated, final = lam_alef[nxt]
            shaped[index] = final if join_prev else isolated
            skip_alef = solid[position + 1]
            previous_joins = False
            continue
        join_next = _joins_forward(char, forms) and nxt != "" and _joins_backward(nxt, forms)
        letter = forms.get(char)
        if letter is not None:
            if join_prev and join_next and letter.medial:
                shaped[index] = letter.medial
            elif join_prev and letter.final:
                shaped[index] = letter.final
            elif join_next and letter.initial:
                shaped[index] = letter.initial
            else:
                shaped[index] = letter.isolated
        previous_joins = join_next
    return shaped


# --- reordering ----------------------------------------------------------------

def _first_strong_is_rtl(classes: Sequence[str]) -> bool | None:
    for kind in classes:
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return None


def is_rtl(text: str, default: bool = True) -> bool:
    """Paragraph direction by its first strong letter (P2–P3); ``default``
    when there is none (Persian-first, as this program reads Persian; a value
    inside a left-to-right line passes False)."""
    found = _first_strong_is_rtl([unicodedata.bidirectional(ch) for ch in text])
    return default if found is None else found


# Latin digits joined by date and number separators, with no space: a date
# (2018-08-09, 19/12/2007), a range (1940–1990) or a time, written left to
# right. The plain algorithm turns such digits after Arabic letters into
# Arabic numbers (W2), which the hyphen and the dash then do not join (W4),
# so 2018-08-09 shows as 09-08-2018; kept as one left-to-right word, it reads
# as written. Persian digits keep the plain rules (a Jalali range reads from
# the right, like the Persian around it).
_LATIN_NUMBER_RUN = re.compile(r"[0-9]+(?:[-/.:\u2010\u2011\u2013\u2026][0-9]+)+")


def _latin_number_runs(text: str) -> set[int]:
    return {i for match in _LATIN_NUMBER_RUN.finditer(text) for i in range(match.start(), match.end())}


def _resolve_weak(classes: list[str], base: str) -> None:
    """W1–W7 on the kept characters, in place."""
    previous = base
    for i, kind in enumerate(classes):  # W1
        if kind == "NSM":
            classes[i] = previous
        previous = classes[i]
    strong = base
    for i, kind in enumerate(classes):  # W2, W3
        if kind in ("L", "R", "AL"):
            strong = kind
        if kind == "EN" and strong == "AL":
            classes[i] = "AN"
    for i, kind in enumerate(classes):
        if kind == "AL":
            classes[i] = "R"
    for i in range(1, len(classes) - 1):  # W4
        before, kind, after = classes[i - 1], classes[i], classes[i + 1]
        if kind == "ES" and before == after == "EN":
            classes[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            classes[i] = before
    i = 0
    while i < len(classes):  # W5
        if classes[i] != "ET":
            i += 1
            continue
        j = i
        while j < len(classes) and classes[j] == "ET":
            j += 1
        if (i > 0 and classes[i - 1] == "EN") or (j < len(classes) and classes[j] == "EN"):
            classes[i:j] = ["EN"] * (j - i)
        i = j
    for i, kind in enumerate(classes):  # W6
        if kind in ("ES", "ET", "CS"):
            classes[i] = "ON"
    strong = base
    for i, kind in enumerate(classes):  # W7
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            classes[i] = "L"


def _resolve_neutral(classes: list[str], base: str) -> None:
    """N1–N2: a run of neutrals takes the direction around it if both sides agree."""
    def direction(kind: str) -> str:
        return "L" if kind == "L" else "R"

    i = 0
    while i < len(classes):
        if classes[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < len(classes) and classes[j] in _NEUTRAL:
            j += 1
        before = direction(classes[i - 1]) if i > 0 else base
        after = direction(classes[j]) if j < len(classes) else base
        classes[i:j] = [before if before == after else base] * (j - i)
        i = j


def visual_order(text: str, rtl: bool | None = None) -> list[tuple[int, int]]:
    """Indices of ``text`` in display order (left to right), each with its level.

    Characters removed by X9 (ZWNJ, ZWJ, other format controls) are left out.
    Combining marks stay after their base character (L3), as terminals expect.
    """
    if rtl is None:
        rtl = is_rtl(text)
    base_level = 1 if rtl else 0
    base = "R" if rtl else "L"
    kept = [i for i, ch in enumerate(text) if unicodedata.bidirectional(ch) not in _REMOVED]
    number_runs = _latin_number_runs(text)
    original = ["L" if i in number_runs else unicodedata.bidirectional(text[i]) for i in kept]
    classes = list(original)
    _resolve_weak(classes, base)
    _resolve_neutral(classes, base)
    levels = []
    for kind in classes:  # I1–I2
        if base_level == 0:
            levels.append({"R": 1, "AN": 2, "EN": 2}.get(kind, 0))
        else:
            levels.append(2 if kind in ("L", "EN", "AN") else 1)
    # L1: trailing whitespace (and tabs) go back to the paragraph level.
    position = len(kept) - 1
    while position >= 0 and original[position] in ("WS", "S", "B"):
        levels[position] = base_level
        position -= 1
    # Clusters: a base character with the marks that follow it move together.
    clusters: list[list[int]] = []
    for position, kind in enumerate(original):
        if kind == "NSM" and clusters:
            clusters[-1].append(position)
        else:
            clusters.append([position])
    cluster_levels = [levels[c[0]] for c in clusters]
    order = list(range(len(clusters)))
    top = max(cluster_levels, default=0)
    lowest_odd = base_level + 1 if base_level % 2 == 0 else base_level
    for level in range(top, lowest_odd - 1, -1):  # L2
        i = 0
        while i < len(order):
            if cluster_levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and cluster_levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return [(kept[p], levels[p]) for c in order for p in clusters[c]]


def mirrored(char: str) -> str:
    return _MIRROR.get(char, char)


def to_visual(text: str, rtl: bool | None = None) -> tuple[str, list[int]]:
    """One line of logical text as it should be drawn left to right.

    Returns the drawn characters and, for each, the index in ``text`` it came
    from (so the caller can keep per-character styles).
    """
    shaped = shape(text)
    chars: list[str] = []
    sources: list[int] = []
    for index, level in visual_order(text, rtl):
        drawn = shaped[index]
        if not drawn:
            continue
        if level % 2 == 1:
            drawn = mirrored(drawn)
        chars.append(drawn)
        sources.append(index)
    return "".join(chars), sources


# --- which mode -------------------------------------------------------------------

# VTE added bidi in 0.58 (VTE_VERSION 5800).
_VTE_BIDI_VERSION = 5800
_REORDERING_PROGRAMS = frozenset({"mlterm", "Apple_Terminal"})


def detect_mode(environ: Mapping[str, str] | None = None) -> BidiMode:
    """``auto``: logical where the terminal is known to reorder, else visual.

    Known reorderers: VTE ≥ 0.58 (VTE_VERSION), Konsole (KONSOLE_VERSION),
    mlterm (MLTERM), macOS Terminal. Inside tmux or screen the terminal's own
    reordering is defeated by their redraws, so visual. Over SSH these
    variables are usually not forwarded: the default is then visual, and `b`
    switches if the terminal turns out to reorder.
    """
    env = os.environ if environ is None else environ
    if env.get("TMUX") or env.get("STY") or env.get("TERM_PROGRAM") == "tmux":
        return "visual"
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return "logical"
    if env.get("TERM_PROGRAM") in _REORDERING_PROGRAMS:
        return "logical"
    vte = env.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= _VTE_BIDI_VERSION:
        return "logical"
    return "visual"


def resolve_mode(choice: str, environ: Mapping[str, str] | None = None) -> BidiMode:
    if choice == "auto":
        return detect_mode(environ)
    if choice not in ("logical", "visual"):
        raise ValueError(f"unknown bidi mode {choice!r} (choose logical, visual or auto)")
    return "logical" if choice == "logical" else "visual"
