"""The matching fold and its map back to the original text."""

from __future__ import annotations

import re

import pytest

from core.normalize import fold, normalize

FOLDS = [
    # input, matching form
    ("كشور يك", "کشور یک"),                      # Arabic kaf and yeh
    ("مدرسة", "مدرسه"),                          # teh marbuta
    ("خانهٔ ما", "خانه ما"),                      # hamza above dropped
    ("۱۴۰۳/۰۹/۰۷", "1403/09/07"),                # Persian digits
    ("٢٠٢٤", "2024"),                            # Arabic-Indic digits
    ("سه‌شنبه", "سه شنبه"),                      # ZWNJ becomes a space
    ("آذر\u200dماه", "آذر ماه"),                 # ZWJ too
    ("مـــاه", "ماه"),                            # kashida
    ("سَلامٌ", "سلام"),                           # diacritics
    ("۷   آذر", "7 آذر"),                         # runs of spaces
    ("۷\u00a0آذر", "7 آذر"),                      # no-break space
    ("\u200fامروز\u200e", "امروز"),               # bidi marks
    ("Kremlin", "kremlin"),                      # Latin case
    ("خط اول\nخط دوم", "خط اول\nخط دوم"),        # newlines kept
    ("", ""),
]


@pytest.mark.parametrize("text,expected", FOLDS)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text,expected", FOLDS)
def test_every_word_maps_back(text, expected):
    nt = normalize(text)
    for m in re.finditer(r"\S+", nt.text):
        a, b = nt.to_original_span(*m.span())
        assert fold(text[a:b]).strip() == m.group(0)


def test_span_keeps_marks_inside_and_after():
    text = "از بامدادِ ۷ آذرـــماهٌ گذشت"
    nt = normalize(text)
    i = nt.text.index("7 آذرماه")
    a, b = nt.to_original_span(i, i + len("7 آذرماه"))
    assert text[a:b] == "۷ آذرـــماهٌ"


def test_seed_maps_back_word_by_word():
    from importlib.resources import files

    text = (files("ruydad_fixtures") / "etemadonline-688273.txt").read_text(encoding="utf-8")
    nt = normalize(text)
    assert len(nt.text) <= len(text)
    for m in re.finditer(r"\S+", nt.text):
        a, b = nt.to_original_span(*m.span())
        assert fold(text[a:b]) == m.group(0)


WORDS = ["كشور", "يكشنبه", "گروههاي", "آتش‌بس", "میشود", "بیانیهای", "سلامٌ", "خانهٔ", "مـــاه",
         "٣٠ ارديبهشت", "۱۴۰۳", "جمادي‌الاولي", "ذي‌الحجه", "پائیز", "مؤسسه", "إیران"]


@pytest.mark.parametrize("word", WORDS)
def test_agrees_with_hazm_on_letters_and_digits(word):
    """hazm rewrites spacing (it adds ZWNJs), which matching deliberately
    ignores; on the letters and digits both must agree."""
    from hazm import Normalizer

    hazm_form = Normalizer().normalize(word)
    assert fold(hazm_form).replace(" ", "") == fold(word).replace(" ", "")
