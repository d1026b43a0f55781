"""Sentences and clauses: spans into the original text, on text written for these tests."""

from __future__ import annotations

import pytest

from core.sentences import is_verb, sentence_at, split_clauses, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("باران آمد. هوا سرد شد.", ["باران آمد.", "هوا سرد شد."]),
    ("آیا می‌آیی؟ نه! شاید…  بعدا", ["آیا می‌آیی؟", "نه!", "شاید…", "بعدا"]),
    ("عنوان خبر\nمتن خبر اول. متن دوم", ["عنوان خبر", "متن خبر اول.", "متن دوم"]),
    ("خط اول\r\n\r\nخط دوم\r\n", ["خط اول", "خط دوم"]),
    # Decimals, sites, letters joined by full stops and one-letter words end nothing.
    ("تورم به ۳.۵ درصد رسید. بانک گزارش داد.", ["تورم به ۳.۵ درصد رسید.", "بانک گزارش داد."]),
    ("نرخ 12.75 شد. خبر در farsnews.ir آمد.", ["نرخ 12.75 شد.", "خبر در farsnews.ir آمد."]),
    ("در ۵۰۰ ق.م. شهری ساخته شد. سپس ویران شد.", ["در ۵۰۰ ق.م. شهری ساخته شد.", "سپس ویران شد."]),
    ("سفیر U.S. وارد شد. دیدار انجام شد.", ["سفیر U.S. وارد شد.", "دیدار انجام شد."]),
    # A closing quote or bracket stays with its sentence.
    ("او گفت «تمام شد.» سپس رفت.", ["او گفت «تمام شد.»", "سپس رفت."]),
    # Nothing but marks is no sentence.
    ("***\n...\nمتن", ["متن"]),
    ("", []),
])
def test_sentences_split_at_ends_not_at_decimals_or_abbreviations(text, expected):
    assert texts(text) == expected


def test_sentence_spans_quote_the_original_and_indices_count_up():
    text = "  عنوان\u200c\n\nجمله یک. جمله دو؟ "
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == [0, 1, 2]
    for s in sentences:
        assert text[s.span[0]:s.span[1]] == s.text
    assert sentences[0].text == "عنوان"  # the trailing ZWNJ is trimmed


def test_sentence_at_finds_the_sentence_holding_an_offset():
    text = "یک. دو. سه."
    sentences = split_sentences(text)
    assert sentence_at(sentences, 0).index == 0
    assert sentence_at(sentences, text.index("دو")).index == 1
    assert sentence_at(sentences, text.index("سه") + 1).index == 2
    assert sentence_at(sentences, text.index(" دو")) is None  # the space between sentences
    assert sentence_at([], 0) is None


@pytest.mark.parametrize("word, expected", [
    ("کرد", True), ("کردند", True), ("میشود", True), ("نمیشود", True), ("درآمد", True),
    ("برگزارشد", False), ("است", True), ("کرده", True), ("دادهاند", True), ("میکنند", True),
    ("لرزاند", True), ("خواهند", True), ("خواهر", False), ("رشد", False), ("ارشد", False), ("عملکرد", False),
    ("منطقه", False), ("سوریه", False), ("کارکرد", False),
])
def test_verbs_are_told_from_words_that_end_like_them(word, expected):
    assert is_verb(word) is expected


def clause_texts(text: str) -> list[tuple[str, str, bool]]:
    return [(text[c.span[0]:c.span[1]], c.opens, c.ends_with_verb) for c in split_clauses(text, (0, len(text)))]


def test_clauses_split_at_commas_softly_and_at_conjunctions_hard():
    text = "به گزارش خبرنگار ما، شورای شهر دیروز تشکیل جلسه داد اما رای‌گیری به هفته بعد موکول شد."
    assert clause_texts(text) == [
        ("به گزارش خبرنگار ما", "start", False),
        ("شورای شهر دیروز تشکیل جلسه داد", "soft", True),
        ("اما رای‌گیری به هفته بعد موکول شد.", "hard", True),
    ]


def test_and_or_that_after_a_verb_open_a_clause_but_not_between_nouns():
    text = "وزیر اعلام کرد که مدارس و دانشگاه‌ها تعطیل شدند و امتحانات عقب افتاد."
    assert clause_texts(text) == [
        ("وزیر اعلام کرد", "start", True),
        ("که مدارس و دانشگاه‌ها تعطیل شدند", "hard", True),
        ("و امتحانات عقب افتاد.", "hard", False),
    ]


def test_numbers_and_clock_times_are_not_clause_boundaries():
    text = "ساعت ۱۰:۳۰ جلسه با ۱,۲۰۰ نفر آغاز شد؛ سپس پایان یافت."
    assert [c for c, _, _ in clause_texts(text)] == ["ساعت ۱۰:۳۰ جلسه با ۱,۲۰۰ نفر آغاز شد", "سپس پایان یافت."]


def test_clause_spans_point_into_the_whole_text():
    text = "جمله اول. دولت، مجلس و دادگاه توافق کردند."
    sentence = split_sentences(text)[1]
    clauses = split_clauses(text, sentence.span)
    assert [text[c.span[0]:c.span[1]] for c in clauses] == ["دولت", "مجلس و دادگاه توافق کردند."]
    assert clauses[0].span[0] == sentence.span[0]
