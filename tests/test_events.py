"""Actors and places (gazetteer) and events of one document, with mentions built by hand
so these tests hold whatever the extractor does."""

from __future__ import annotations

from datetime import date

import pytest

from core.events import SUMMARY_LIMIT, Publication, events_of
from core.gazetteer import ACTOR, PLACE, actors_and_places, canonical_name, find_entities, lint_forms
from core.model import Document, Mention
from core.sentences import split_sentences


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.role) for m in find_entities(text)]


# --- gazetteer ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # People with titles, by first name + surname, by honorific; later mentions of the surname.
    ("رئیس جمهور روسیه ولادیمیر پوتین گفت", [("روسیه", ACTOR), ("پوتین", ACTOR)]),
    ("رئیس جمهور بلاروس الکساندر لوکاشنکو و وزیر خارجه سید عباس موسوی دیدار کردند",
     [("بلاروس", ACTOR), ("موسوی", ACTOR)]),
    ("مهدی کریمی گفت قرارداد امضا شد. کریمی افزود", [("کریمی", ACTOR), ("کریمی", ACTOR)]),
    ("آقای فرهادی اظهار داشت", [("فرهادی", ACTOR)]),
    ("آیت‌الله خامنه‌ای فرمودند", [("خامنه\u200cای", ACTOR)]),
    # Demonyms, adjectives and plurals stand for their country, with or without ZWNJ.
    ("روس‌ها و ترک‌ها توافق کردند", [("روسیه", ACTOR), ("ترکیه", ACTOR)]),
    ("روسها و ایرانیان", [("روسیه", ACTOR), ("ایران", ACTOR)]),
    ("هیئت ترکیه‌ای وارد شد", [("ترکیه", ACTOR)]),
    # Arabic letters and a missing space still match.
    ("وزير خارجه تركيه و سازمانملل", [("ترکیه", ACTOR), ("سازمان ملل", ACTOR)]),
    # A country after «در» (past heads) or after a city is a place.
    ("نیروها در شمال غربی سوریه مستقر شدند", [("سوریه", PLACE)]),
    ("نشست سوچی روسیه برگزار شد", [("سوچی", PLACE), ("روسیه", PLACE)]),
    ("حلب، ادلب، حماه و لاذقیه", [("حلب", PLACE), ("ادلب", PLACE), ("حماه", PLACE), ("لاذقیه", PLACE)]),
    # A head before a country names that country's body.
    ("ارتش سوریه و وزارت امور خارجه عراق", [("ارتش سوریه", ACTOR), ("وزارت امور خارجه عراق", ACTOR)]),
    ("گروه تحریر الشام و کرملین", [("تحریرالشام", ACTOR), ("کرملین", ACTOR)]),
    # A news agency is an actor, except as the source of the report.
    ("به گزارش ایرنا به نقل از خبرگزاری اسپوتنیک، مذاکره ادامه دارد", []),
    ("ایرنا گزارش خود را اصلاح کرد", [("ایرنا", ACTOR)]),
    # Common words that are also names count only where they are names.
    ("نشست آستانه در آستانه برگزاری است", [("آستانه", PLACE)]),
    ("او کشور را ترک کرد", []),
    ("حسن همجواری و علی رغم مخالفت", []),
    ("رشد اقتصادی چشمگیر بود", []),
    ("خبرگزاری فارس از استان فارس گزارش داد", [("فارس", ACTOR), ("فارس", PLACE)]),
])
def test_actors_and_places_are_named_by_gazetteer_and_patterns(text, expected):
    assert names(text) == expected


def test_entity_spans_quote_the_original_text():
    text = "به نظر روس\u200cها، سازمان ملل و كرملين"
    found = find_entities(text)
    assert [text[a:b] for a, b in (m.span for m in found)] == ["روس\u200cها", "سازمان ملل", "كرملين"]


def test_actors_and_places_are_distinct_in_order_and_can_be_limited_to_a_span():
    text = "روسیه و ترکیه در حلب. روسیه در دمشق"
    found = find_entities(text)
    assert actors_and_places(found) == (["روسیه", "ترکیه"], ["حلب", "دمشق"])
    assert actors_and_places(found, (text.index("روسیه در"), len(text))) == (["روسیه"], ["دمشق"])


@pytest.mark.parametrize("query, expected", [
    ("روس‌ها", "روسیه"), ("تركيه", "ترکیه"), ("سازمانملل", "سازمان ملل"), ("هیچ", None), ("روسیه و ترکیه", None),
])
def test_canonical_name_of_a_query(query, expected):
    assert canonical_name(query) == expected


def test_gazetteer_files_are_in_matching_spelling_and_unambiguous():
    assert lint_forms() == []


# --- events -------------------------------------------------------------------------------

def at(text: str, surface: str, start: date, end: date | None = None, *, granularity: str = "day",
       calendar: str = "jalali", relative: bool = False, same_as: int | None = None, nth: int = 0) -> Mention:
    a = -1
    for _ in range(nth + 1):
        a = text.index(surface, a + 1)
    return Mention((a, a + len(surface)), surface, start, end or start, granularity, None, calendar, relative,
                   same_as=same_as)


TITLE = "ایران و عراق قرارداد گازی امضا کردند\n"
BODY = ("به گزارش خبرنگار ما، وزیران نفت ایران و عراق در بغداد قرارداد صادرات گاز را امضا کردند.\n"
        "نخستین قرارداد گازی دو کشور در ۱۲ تیر ۱۳۹۲ برابر با ۳ ژوئیه ۲۰۱۳ امضا شد"
        " اما صادرات در سال ۱۳۹۶ آغاز شد.\n"
        "بر اساس این گزارش، در سال ۲۰۲۰ به دلیل تحریم‌ها، پرداخت بدهی‌های عراق به ایران متوقف شد.\n")
TEXT = TITLE + BODY
DOC = Document(id="gas", text=TEXT, title=TITLE.strip(), body_start=len(TITLE))
MENTIONS = [
    at(TEXT, "۱۲ تیر ۱۳۹۲", date(2013, 7, 3)),
    at(TEXT, "۳ ژوئیه ۲۰۱۳", date(2013, 7, 3), calendar="gregorian", same_as=0),
    at(TEXT, "سال ۱۳۹۶", date(2017, 3, 21), date(2018, 3, 20), granularity="year"),
    at(TEXT, "سال ۲۰۲۰", date(2020, 1, 1), date(2020, 12, 31), granularity="year", calendar="gregorian"),
]
PUBLISHED = date(2024, 5, 6)


def gas_events(publication: Publication = Publication(PUBLISHED), inferred: tuple[int, ...] = ()):
    return events_of(DOC, split_sentences(TEXT), MENTIONS, publication, inferred=inferred)


def test_each_date_gives_one_event_and_a_restated_date_is_the_same_event():
    events = gas_events()
    dated = [e for e in events if not e.lead]
    assert [e.date.text for e in dated] == ["۱۲ تیر ۱۳۹۲", "سال ۱۳۹۶", "سال ۲۰۲۰"]
    assert [e.id for e in events] == ["gas#1", "gas#2", "gas#3", "gas#4"]
    assert all(e.document == "gas" and [s.document for s in e.sources] == ["gas"] for e in events)


def test_two_dates_in_one_sentence_get_their_own_clauses_as_summaries():
    by_text = {e.date.text: e for e in gas_events()}
    first, second = by_text["۱۲ تیر ۱۳۹۲"], by_text["سال ۱۳۹۶"]
    assert first.sentence == second.sentence
    assert first.summary == "نخستین قرارداد گازی دو کشور در ۱۲ تیر ۱۳۹۲ برابر با ۳ ژوئیه ۲۰۱۳ امضا شد"
    assert second.summary == "صادرات در سال ۱۳۹۶ آغاز شد"


def test_summary_leaves_out_the_attribution_and_runs_to_the_verb():
    event = next(e for e in gas_events() if e.date.text == "سال ۲۰۲۰")
    assert event.summary == "در سال ۲۰۲۰ به دلیل تحریم‌ها، پرداخت بدهی‌های عراق به ایران متوقف شد"
    assert event.actors == ["عراق", "ایران"]


def test_lead_is_the_first_body_sentence_at_the_publication_date_with_the_title_actors():
    lead = next(e for e in gas_events() if e.lead)
    assert lead.id == "gas#1"
    assert (lead.date.start, lead.date.end, lead.date.granularity) == (PUBLISHED, PUBLISHED, "day")
    assert lead.sentence.text.startswith("به گزارش خبرنگار ما")
    assert lead.summary == "وزیران نفت ایران و عراق در بغداد قرارداد صادرات گاز را امضا کردند"
    assert lead.actors == ["ایران", "عراق"] and lead.places == ["بغداد"]
    assert not lead.inferred and lead.reason == "the article's lead, at its publication date 1403/02/17"
    assert (lead.kind, lead.basis) == ("happened", "lead") and lead.marks == {"happened", "lead"}


def test_without_a_publication_date_there_is_no_lead():
    assert not any(e.lead for e in gas_events(Publication(None)))


def test_an_inferred_publication_date_marks_the_lead_and_the_mentions_read_against_it():
    reason = "no publication date; inferred as the day of the latest dated event"
    events = gas_events(Publication(PUBLISHED, inferred=True, reason=reason), inferred=(2,))
    lead = next(e for e in events if e.lead)
    assert lead.inferred and lead.reason == reason
    marked = [e.date.text for e in events if e.inferred and not e.lead]
    assert marked == ["سال ۱۳۹۶"]
    assert "inferred publication date 2024-05-06" in next(e for e in events if e.date.text == "سال ۱۳۹۶").reason


def test_a_lead_sentence_dated_in_the_week_before_publication_is_the_lead_itself():
    text = "عنوان\nوزیر خارجه روز دوشنبه ۱۰ اردیبهشت به مسکو سفر کرد.\nدر سال ۱۳۹۰ نیز سفر کرده بود.\n"
    doc = Document(id="trip", text=text, title="عنوان", body_start=len("عنوان\n"))
    mentions = [at(text, "روز دوشنبه ۱۰ اردیبهشت", date(2024, 4, 29), relative=True),
                at(text, "سال ۱۳۹۰", date(2011, 3, 21), date(2012, 3, 19), granularity="year")]
    for published, separate in ((date(2024, 4, 30), False), (date(2024, 5, 20), True)):
        events = events_of(doc, split_sentences(text), mentions, Publication(published))
        leads = [e for e in events if e.lead]
        assert len(leads) == 1
        assert (leads[0].date.text == "") is separate
        assert len(events) == (3 if separate else 2)


def test_a_long_clause_is_cut_to_one_line_and_keeps_its_date():
    filler = " ".join(["نمایندگان مجلس درباره بودجه سال آینده و مالیات بر ارزش افزوده بحث"] * 5)
    text = f"عنوان\nدر جلسه ۱۵ دی ۱۴۰۲ {filler} کردند.\n"
    doc = Document(id="long", text=text, title="عنوان", body_start=len("عنوان\n"))
    event = events_of(doc, split_sentences(text), [at(text, "۱۵ دی ۱۴۰۲", date(2024, 1, 5))], Publication(None))[0]
    assert len(event.summary) <= SUMMARY_LIMIT and "\n" not in event.summary
    assert "۱۵ دی ۱۴۰۲" in event.summary and event.summary.endswith("…")


def test_same_days_twice_in_one_sentence_is_one_event():
    text = "عنوان\nجلسه ۵ مهر ۱۴۰۲ و باز هم ۵ مهر ۱۴۰۲ برگزار شد.\n"
    doc = Document(id="twice", text=text, title="عنوان", body_start=len("عنوان\n"))
    mentions = [at(text, "۵ مهر ۱۴۰۲", date(2023, 9, 27)), at(text, "۵ مهر ۱۴۰۲", date(2023, 9, 27), nth=1)]
    assert len(events_of(doc, split_sentences(text), mentions, Publication(None))) == 1


@pytest.mark.parametrize("body, surface, summary", [
    # «تا» before a date belongs to it; «و»/«که» opening a clause do not belong to the summary.
    ("قرار بود کار تمام شود، تا فردا انجام خواهد شد.", "فردا", "تا فردا انجام خواهد شد"),
    ("سد ساخته شد و در ۳ خرداد ۱۴۰۰ آبگیری شد.", "۳ خرداد ۱۴۰۰", "در ۳ خرداد ۱۴۰۰ آبگیری شد"),
    ("وزیر گفت که در ۳ خرداد ۱۴۰۰ سد افتتاح شد.", "۳ خرداد ۱۴۰۰", "در ۳ خرداد ۱۴۰۰ سد افتتاح شد"),
])
def test_summary_starts_where_its_clause_starts(body, surface, summary):
    text = "عنوان\n" + body + "\n"
    doc = Document(id="s", text=text, title="عنوان", body_start=len("عنوان\n"))
    event = events_of(doc, split_sentences(text), [at(text, surface, date(2021, 5, 24))], Publication(None))[0]
    assert event.summary == summary
