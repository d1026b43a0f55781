"""Properties of spans: whatever the text, every span quotes the original.

The number of examples is ``RUYDAD_PROPERTY_EXAMPLES`` (300 by default, the
same examples on every run); ``bench/property_run.py`` runs 100,000.

For the engine (``core.timex.find_mentions``): any text — random Unicode,
Persian letters and digits of three scripts, ZWNJ, diacritics, kashida,
bidi marks, newlines, and date phrases spliced into noise — yields mentions
whose spans lie inside the text, quote it, come in document order without
overlapping, and carry only allowed values.

For the normalizer (``core.normalize.normalize``): every word of the
normalized text maps back to an original slice that normalizes to the same
word (ignoring ZWNJ and spaces, which the normalizer may add or fold), and
letter, digit, diacritic and kashida variants normalize alike.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.timex import find_mentions
from core.model import CALENDARS, GRANULARITIES, MODS, TYPES, Document, Mention
from core.normalize import normalize

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "etemadonline-688273.txt"

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"
ARABIC_VARIANTS = "يكأإؤئءة"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
KASHIDA = "\u0640"
ZWNJ = "\u200c"
# ZWJ, LRM, RLM, RLE, PDF, ALM, no-break space and ordinary white space.
CONTROLS = "\u200d\u200e\u200f\u202b\u202c\u061c\u00a0 \n\t"
PUNCTUATION = "،.؛؟!:/-()«»\"'٫٬%"

# Characters whose normalized form is at most one character, so a word of the
# normalized text can always be traced back to whole original characters
# (ۀ and a hamza above «هٔ» may legitimately expand to «ه‌ی»: engine text only).
NORMALIZER_ALPHABET = (PERSIAN_LETTERS + ARABIC_VARIANTS + PERSIAN_DIGITS + ARABIC_DIGITS + LATIN_DIGITS
                       + DIACRITICS + KASHIDA + ZWNJ + CONTROLS + PUNCTUATION + "abcxyzABC")
ENGINE_ALPHABET = NORMALIZER_ALPHABET + "\u0654\u06c0\u0649\ufefb\ufdf2\u00bd\U0001f600"

DATE_PHRASES = [
    "۷ آذر ۱۴۰۳", "امروز", "سال ۲۰۱۸ میلادی", "هفتم آذرماه", "۲۷ نوامبر ۲۰۲۴", "۱۴۰۳/۰۹/۰۷",
    "۲۹ دی ۹۴", "سال ۸۶", "اواخر تابستان ۲۰۱۸", "از ۱۵ تا ۲۵ اردیبهشت ۱۳۹۵", "سال‌های ۲۰۱۰ تا ۲۰۱۴",
    "از سال ۱۳۷۲ تاکنون", "دهه ۹۰", "قرن بیستم", "۲۵ جمادی‌الاول ۱۴۴۶", "ماه رمضان", "محرم ۱۴۴۶",
    "دوشنبه هفته آینده", "روز سه‌شنبه", "سه روز پیش", "دو سال بعد", "هفته گذشته", "پارسال",
    "بامداد ۷ آذر", "ساعت ۱۰ صبح روز دوشنبه ۵ آذر", "۳۰ اسفند ۱۴۰۴", "۳۰ اسفند ۱۴۰۳", "2024-11-27",
    "۷ آذر ۱۴۰۳ برابر با ۲۷ نوامبر ۲۰۲۴", "۷ آذر (۲۷ نوامبر)", "۱۷ می ۲۰۱۸", "ماه مه ۲۰۱۹",
    "میدان ۱۵ خرداد", "امام جمعه", "هفته پنجم لیگ", "۱۴۰۰ نفر", "۰۲۱-۸۸۷۷۶۶۵۵", "۲ بر ۱",
    "يكشنبه", "٧ آذر ١٤٠٣", "اسفـــند", "مُحَرَّم", "هفتهٔ گذشته", "سهشنبه", "ام", "تا", "از", "سال", "ماه",
    # Out of the calendars' range, wrong values, and the other dimensions.
    "سال ۵۷۰ میلادی", "قرن پنجم میلادی", "سال -۵۰۰ میلادی", "دهه ۹۹۹۰ میلادی", "۲۵۰۰ سال پیش",
    "۱۰۰۰ روز پیش", "دهه ۶۰ قمری", "دهه 5140", "۳۰ اسفند ماه جاری", "۳۱ شهریور ماه آینده", "قرن ۲۲ میلادی",
    "به مدت سه سال", "دو ماه و نیم", "۴۸ ساعت", "نیم ساعت دیگه", "هر هفته", "سالانه", "جمعه‌ها",
    "هر سه ماه یک بار", "ساعت ۱۰ و ربع صبح", "۱۶:۴۵", "۷:۱۵ PM", "نیمه‌شب", "نوروز ۱۴۰۳", "شب یلدا",
    "عید فطر", "تاسوعا و عاشورا", "نیمه شعبان", "۲۷ رجب", "سال هفتاد و شش", "۱۳۶۷-۱۳۵۹", "۲۳ می",
    "3 Khordad 1401", "۱۴۰۱-خرد-۰۳", "۱۳۹۹ساعت ۱۰:۳۰", "ﻣﺎﻩ ﺁﺫﺭ", "سه چهار ماه پیش", "روز دوشنبه خواهد",
]
SEPARATORS = ["", " ", "  ", ZWNJ, "\n", "، ", ".", "\u200f", "(", ")", "-", "/"]

noise = st.text(alphabet=ENGINE_ALPHABET, max_size=40)
spliced = st.lists(
    st.tuples(st.one_of(st.sampled_from(DATE_PHRASES), noise), st.sampled_from(SEPARATORS)), max_size=12
).map(lambda parts: "".join(p + s for p, s in parts))
any_text = st.one_of(st.text(max_size=200), st.text(alphabet=ENGINE_ALPHABET, max_size=200), spliced)
# News dates, and any date Python holds (the engine must not crash on 9999-12-31).
publication_dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
                              st.dates())

EXAMPLES = int(os.environ.get("RUYDAD_PROPERTY_EXAMPLES", "300"))
# No timing assertions: a slow example is not a failure. The default run is
# deterministic (CI sees the same examples every time).
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 300,
                    suppress_health_check=[HealthCheck.too_slow], database=None)


def assert_mentions_quote(text: str, mentions: list[Mention]) -> None:
    assert isinstance(mentions, list)
    previous_end = 0
    for i, m in enumerate(mentions):
        assert isinstance(m, Mention), type(m)
        a, b = m.span
        assert isinstance(a, int) and isinstance(b, int), m.span
        assert 0 <= a < b <= len(text), (m.span, len(text))
        assert text[a:b] == m.text, (m.span, m.text, text[a:b])
        # Document order, one mention per stretch of text (a range is one mention).
        assert a >= previous_end, f"mention {i} {m.span} overlaps or precedes the one before"
        previous_end = b
        assert m.type in TYPES, m.type
        assert isinstance(m.value, str) and m.value, (m.text, m.value)
        if m.start is None or m.end is None:
            assert m.start is None and m.end is None, (m.text, m.start, m.end)
        else:
            assert isinstance(m.start, date) and isinstance(m.end, date)
            assert m.start <= m.end, (m.text, m.start, m.end)
        assert m.granularity in GRANULARITIES, m.granularity
        assert m.calendar in CALENDARS, m.calendar
        assert m.mod is None or m.mod in MODS, m.mod
        assert isinstance(m.relative, bool)
        assert isinstance(m.disagrees, bool)
        if m.same_as is not None:
            assert 0 <= m.same_as < len(mentions) and m.same_as != i, (i, m.same_as)


@PROPERTY
@given(text=any_text, published=publication_dates)
def test_mentions_quote_any_text(text: str, published: date | None) -> None:
    assert_mentions_quote(text, find_mentions(text, published))


@PROPERTY
@given(text=spliced, published=publication_dates)
def test_mentions_quote_spliced_date_phrases(text: str, published: date | None) -> None:
    assert_mentions_quote(text, find_mentions(text, published))


@PROPERTY
@given(text=spliced, published=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_same_spans_with_and_without_a_publication_date(text: str, published: date) -> None:
    """A publication date gives days to what is counted from it; it never
    adds, drops or moves a mention."""
    with_date = [(m.span, m.type) for m in find_mentions(text, published)]
    without = [(m.span, m.type) for m in find_mentions(text, None)]
    assert with_date == without


@PROPERTY
@given(text=any_text, published=publication_dates)
def test_whole_pipeline_never_raises(text: str, published: date | None) -> None:
    """Document → mentions → events → timeline → JSON, CSV and Markdown."""
    from core.export import render
    from core.timeline import build_timeline

    document = Document(id="d", text=text, published=published)
    timeline = build_timeline([document], workers=1)
    for fmt in ("json", "csv", "md", "timelinejs"):
        assert isinstance(render(timeline, fmt), str)


@pytest.mark.parametrize("published", [None, date(2024, 11, 30)])
def test_fixture_article_spans_quote_it(published: date | None) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    mentions = find_mentions(text, published)
    assert mentions, "the fixture article holds dates; none were found"
    assert_mentions_quote(text, mentions)


# --- the normalizer --------------------------------------------------------------------

WORD = re.compile(r"\w+")


def fold(s: str) -> str:
    """Ignore ZWNJ and white space: the normalizer may add, drop or swap them."""
    return re.sub(r"[\s\u200c]+", "", s)


def assert_words_map_back(text: str) -> None:
    nt = normalize(text)
    assert isinstance(nt.text, str)
    a0, b0 = nt.to_original_span(0, len(nt.text))
    assert 0 <= a0 <= b0 <= len(text)
    for w in WORD.finditer(nt.text):
        a, b = nt.to_original_span(w.start(), w.end())
        assert 0 <= a <= b <= len(text), (w.group(), (a, b), len(text))
        again = normalize(text[a:b]).text
        assert fold(again) == fold(w.group()), (w.group(), text[a:b], again)


@PROPERTY
@given(text=st.one_of(st.text(alphabet=NORMALIZER_ALPHABET, max_size=200),
                      st.lists(st.tuples(st.one_of(st.sampled_from(DATE_PHRASES),
                                                   st.text(alphabet=NORMALIZER_ALPHABET, max_size=20)),
                                         st.sampled_from(SEPARATORS)), max_size=10)
                      .map(lambda parts: "".join(p + s for p, s in parts))))
def test_normalized_words_map_back_to_the_original(text: str) -> None:
    assert_words_map_back(text)


def test_normalized_fixture_words_map_back() -> None:
    assert_words_map_back(FIXTURE.read_text(encoding="utf-8"))


def test_normalize_empty_text() -> None:
    assert normalize("").text == ""


_TO_ARABIC = str.maketrans("یک", "يك")


@st.composite
def word_and_variant(draw: st.DrawFn) -> tuple[str, str]:
    """A clean Persian word and the same word with Arabic letters, diacritics and kashida."""
    word = draw(st.text(alphabet=PERSIAN_LETTERS, min_size=1, max_size=12))
    out = []
    for ch in word:
        if draw(st.booleans()):
            ch = ch.translate(_TO_ARABIC)
        out.append(ch)
        out.append(draw(st.sampled_from(["", "", DIACRITICS[0], DIACRITICS[4], DIACRITICS[6], KASHIDA, KASHIDA * 3])))
    return word, "".join(out)


@PROPERTY
@given(pair=word_and_variant())
def test_letter_variants_normalize_alike(pair: tuple[str, str]) -> None:
    clean, variant = pair
    assert fold(normalize(variant).text) == fold(normalize(clean).text), (clean, variant)


@PROPERTY
@given(digits=st.text(alphabet=PERSIAN_DIGITS, min_size=1, max_size=10))
def test_digit_scripts_normalize_alike(digits: str) -> None:
    arabic = digits.translate(str.maketrans(PERSIAN_DIGITS, ARABIC_DIGITS))
    latin = digits.translate(str.maketrans(PERSIAN_DIGITS, LATIN_DIGITS))
    assert normalize(digits).text == normalize(arabic).text == normalize(latin).text


def test_the_span_check_rejects_bad_mentions() -> None:
    # The property above is only worth something if its check can fail.
    text = "قرارداد ۷ آذر ۱۴۰۳ امضا شد."
    a = text.index("۷")
    good = Mention((a, a + 11), text[a:a + 11], date(2024, 11, 27), date(2024, 11, 27), "day", None, "jalali", False,
                   value="2024-11-27")
    assert_mentions_quote(text, [good])
    unknown = Mention(good.span, good.text, None, None, "day", None, "jalali", True, value="XXXX-XX-XX")
    assert_mentions_quote(text, [unknown])
    bad = [
        Mention((a, a + 11), "۷ آذر", good.start, good.end, "day", None, "jalali", False),
        Mention((a, len(text) + 1), good.text, good.start, good.end, "day", None, "jalali", False),
        Mention(good.span, good.text, good.end, date(2024, 11, 26), "day", None, "jalali", False),
        Mention(good.span, good.text, good.start, good.end, "fortnight", None, "jalali", False),
        Mention(good.span, good.text, good.start, good.end, "day", "SOON", "jalali", False),
        Mention(good.span, good.text, good.start, good.end, "day", None, "julian", False),
        Mention(good.span, good.text, good.start, good.end, "day", None, "jalali", False, same_as=0),
        Mention(good.span, good.text, good.start, None, "day", None, "jalali", False, value="2024-11-27"),
        Mention(good.span, good.text, None, None, "day", None, "jalali", True, value=""),
        Mention(good.span, good.text, good.start, good.end, "day", None, "jalali", False, type="event", value="x"),
    ]
    for m in bad:
        with pytest.raises(AssertionError):
            assert_mentions_quote(text, [m])
    with pytest.raises(AssertionError):
        assert_mentions_quote(text, [good, good])  # overlapping
