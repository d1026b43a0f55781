"""The timeline: order, merging across documents, filters, search, publication
dates, many documents; end to end on articles written for these tests and on the seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import core.parallel as parallel_module
from core.documents import Problem, iter_documents
from core.events import Publication
from core.export import timeline_record
from core.model import Document, Mention
from core.normalize import fold
from core.timeline import (analysis_from_mentions, assemble, build_timeline, infer_publication, mentions_of,
                           resolve_publication)

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SEED = HERE.parent / "fixtures" / "etemadonline-688273.txt"


def at(text: str, surface: str, start: date, end: date | None = None, granularity: str = "day",
       calendar: str = "jalali") -> Mention:
    a = text.index(surface)
    return Mention((a, a + len(surface)), surface, start, end or start, granularity, None, calendar, False)


def doc(doc_id: str, body: str, published: date | None = None) -> Document:
    title = f"خبر {doc_id}\n"
    return Document(id=doc_id, text=title + body, title=title.strip(), published=published, body_start=len(title))


def timeline_of(*docs_and_mentions: tuple[Document, list[tuple[str, date, date, str]]]):
    documents, analyses = [], []
    for d, specs in docs_and_mentions:
        mentions = [at(d.text, s, a, b, g) for s, a, b, g in specs]
        documents.append(d)
        analyses.append(analysis_from_mentions(d, mentions, Publication(d.published)))
    return assemble(documents, analyses, [])


# --- order ----------------------------------------------------------------------------

def test_events_are_ordered_by_interval_then_granularity_then_document_order():
    body = ("در شهریور ۱۳۹۷ سد جدید افتتاح شد.\n"
            "اواخر تابستان ۲۰۱۸ بارندگی آغاز شد.\n"
            "در سال ۱۳۹۷ خشکسالی بود.\n"
            "روز ۱۰ شهریور ۱۳۹۷ سیل آمد.\n")
    d = doc("order", body)
    tl = timeline_of((d, [
        ("شهریور ۱۳۹۷", date(2018, 8, 23), date(2018, 9, 22), "month"),
        ("اواخر تابستان ۲۰۱۸", date(2018, 8, 23), date(2018, 9, 22), "season"),
        ("سال ۱۳۹۷", date(2018, 3, 21), date(2019, 3, 20), "year"),
        ("روز ۱۰ شهریور ۱۳۹۷", date(2018, 9, 1), date(2018, 9, 1), "day"),
    ]))
    assert [e.date.text for e in tl.events] == [
        "سال ۱۳۹۷", "شهریور ۱۳۹۷", "اواخر تابستان ۲۰۱۸", "روز ۱۰ شهریور ۱۳۹۷"]
    # Intervals stay intervals.
    assert (tl.events[0].date.start, tl.events[0].date.end) == (date(2018, 3, 21), date(2019, 3, 20))


def test_a_lead_comes_after_the_other_events_of_its_day():
    d = doc("lead", "دولت بسته حمایتی را تصویب کرد.\nامروز ۱۰ آبان ۱۴۰۳ بازار تعطیل بود.\n",
            published=date(2024, 10, 31))
    tl = timeline_of((d, [("امروز ۱۰ آبان ۱۴۰۳", date(2024, 10, 31), date(2024, 10, 31), "day")]))
    assert [e.lead for e in tl.events] == [False, True]


# --- merging --------------------------------------------------------------------------

QUAKE_A = "زمین‌لرزه‌ای به بزرگی ۴.۸ ریشتر بامداد ۳ مهر ۱۴۰۲ شهر خوی را لرزاند و ساکنان به خیابان آمدند.\n"
QUAKE_B = "به گزارش ایسنا، زمینلرزه ۴.۸ ریشتری صبح ۲۵ سپتامبر ۲۰۲۳ شهر خوی را لرزاند.\n"
MARKET = "بازار سهام تهران روز ۳ مهر ۱۴۰۲ با رشد شاخص بسته شد.\n"
DAY = date(2023, 9, 25)


def test_one_happening_reported_by_several_documents_is_one_event_with_every_source():
    tl = timeline_of(
        (doc("a", QUAKE_A), [("۳ مهر ۱۴۰۲", DAY, DAY, "day")]),
        (doc("b", QUAKE_B), [("۲۵ سپتامبر ۲۰۲۳", DAY, DAY, "day")]),
        (doc("c", MARKET), [("روز ۳ مهر ۱۴۰۲", DAY, DAY, "day")]),
    )
    merged = [e for e in tl.events if len(e.sources) > 1]
    assert len(merged) == 1
    assert [s.document for s in merged[0].sources] == ["a", "b"]
    assert merged[0].id == "a#1"
    assert len(tl.events) == 2  # the market report stays apart


def test_similar_sentences_on_different_days_or_in_one_document_stay_apart():
    other_day = date(2023, 9, 26)
    tl = timeline_of(
        (doc("a", QUAKE_A), [("۳ مهر ۱۴۰۲", DAY, DAY, "day")]),
        (doc("b", QUAKE_B), [("۲۵ سپتامبر ۲۰۲۳", other_day, other_day, "day")]),
    )
    assert [len(e.sources) for e in tl.events] == [1, 1]
    same_doc = doc("a", QUAKE_A + QUAKE_A.replace("بامداد", "صبح"))
    second = same_doc.text.index("صبح ۳ مهر")
    mentions = [at(same_doc.text, "۳ مهر ۱۴۰۲", DAY),
                Mention((second + 4, second + 14), "۳ مهر ۱۴۰۲", DAY, DAY, "day", None, "jalali", False)]
    tl = assemble([same_doc], [analysis_from_mentions(same_doc, mentions, Publication(None))], [])
    assert [len(e.sources) for e in tl.events] == [1, 1]


# --- filters and search -------------------------------------------------------------

def sample_timeline():
    return timeline_of(
        (doc("syria", "در سال ۲۰۱۶ ارتش سوریه حلب را پس گرفت.\nروس‌ها در ۱۲ مهر ۱۴۰۲ به ادلب حمله کردند.\n"),
         [("سال ۲۰۱۶", date(2016, 1, 1), date(2016, 12, 31), "year"),
          ("۱۲ مهر ۱۴۰۲", date(2023, 10, 4), date(2023, 10, 4), "day")]),
        (doc("iraq", "انتخابات عراق در اکتبر ۲۰۲۱ برگزار شد و مردم بغداد رای دادند.\n"),
         [("اکتبر ۲۰۲۱", date(2021, 10, 1), date(2021, 10, 31), "month")]),
    )


@pytest.mark.parametrize("criteria, expected", [
    ({}, ["سال ۲۰۱۶", "اکتبر ۲۰۲۱", "۱۲ مهر ۱۴۰۲"]),
    ({"start": date(2021, 10, 31)}, ["اکتبر ۲۰۲۱", "۱۲ مهر ۱۴۰۲"]),  # overlap counts
    ({"end": date(2016, 6, 1)}, ["سال ۲۰۱۶"]),
    ({"start": date(2017, 1, 1), "end": date(2021, 9, 30)}, []),
    ({"actor": "روسیه"}, ["۱۲ مهر ۱۴۰۲"]),
    ({"actor": "روس‌ها"}, ["۱۲ مهر ۱۴۰۲"]),       # a form the gazetteer knows
    ({"actor": "ارتش"}, ["سال ۲۰۱۶"]),             # part of a name
    ({"actor": "آمریکا"}, []),
    ({"place": "حلب"}, ["سال ۲۰۱۶"]),
    ({"place": "بغداد"}, ["اکتبر ۲۰۲۱"]),
    ({"document": "iraq"}, ["اکتبر ۲۰۲۱"]),
    ({"document": "nowhere"}, []),
    ({"granularity": "day"}, ["۱۲ مهر ۱۴۰۲"]),
    ({"granularity": "year", "place": "ادلب"}, []),
])
def test_filters(criteria, expected):
    tl = sample_timeline()
    filtered = tl.filter(**criteria)
    assert [e.date.text for e in filtered.events] == expected
    assert filtered.documents == tl.documents and filtered.mentions == tl.mentions


@pytest.mark.parametrize("query, expected", [
    ("روس‌ها", ["۱۲ مهر ۱۴۰۲"]),
    ("روسها", ["۱۲ مهر ۱۴۰۲"]),
    ("روس ها", ["۱۲ مهر ۱۴۰۲"]),
    ("پس گرفت", ["سال ۲۰۱۶"]),
    ("پسگرفت", ["سال ۲۰۱۶"]),
    ("انتخابات عراق", ["اکتبر ۲۰۲۱"]),
    ("انتخابات عراق".replace("ا", "اً", 1), ["اکتبر ۲۰۲۱"]),  # a diacritic
    ("انتخابات عراق".replace("ی", "ي"), ["اکتبر ۲۰۲۱"]),
    ("حمله كردند", ["۱۲ مهر ۱۴۰۲"]),                          # Arabic kaf
    ("۲۰۱۶", ["سال ۲۰۱۶"]),
    ("2016", ["سال ۲۰۱۶"]),
    ("1402/07/12", ["۱۲ مهر ۱۴۰۲"]),                          # the Jalali label
    ("۲۰۲۳-۱۰-۰۴", ["۱۲ مهر ۱۴۰۲"]),
    ("بغداد", ["اکتبر ۲۰۲۱"]),
    ("زلزله", []),
    ("", ["سال ۲۰۱۶", "اکتبر ۲۰۲۱", "۱۲ مهر ۱۴۰۲"]),
])
def test_search_ignores_zwnj_letter_digit_and_diacritic_variants(query, expected):
    assert [e.date.text for e in sample_timeline().search(query)] == expected


# --- publication dates ------------------------------------------------------------------

def test_inferred_publication_date_is_the_latest_day_written_in_full():
    text = "در سال ۱۳۹۰ و ۱۵ خرداد ۱۴۰۱ و ۲ تیر ۱۴۰۱ و تیر ۱۴۰۲"
    early = at(text, "سال ۱۳۹۰", date(2011, 3, 21), date(2012, 3, 19), "year")
    june = at(text, "۱۵ خرداد ۱۴۰۱", date(2022, 6, 5))
    july = at(text, "۲ تیر ۱۴۰۱", date(2022, 6, 23))
    month = at(text, "تیر ۱۴۰۲", date(2023, 6, 22), date(2023, 7, 22), "month")
    publication = infer_publication([early, july, month, june])
    assert publication.date == date(2022, 6, 23) and publication.inferred
    assert "۲ تیر ۱۴۰۱" in publication.reason and "2022-06-23" in publication.reason


def test_without_a_day_written_in_full_a_document_is_undated_not_on_the_last_day_of_a_year():
    text = "در سال ۱۳۹۰ و تیر ۱۴۰۲"
    early = at(text, "سال ۱۳۹۰", date(2011, 3, 21), date(2012, 3, 19), "year")
    month = at(text, "تیر ۱۴۰۲", date(2023, 6, 22), date(2023, 7, 22), "month")
    for found in ([], [early], [month], [early, month]):
        publication = infer_publication(found)
        assert publication.date is None and not publication.inferred
        assert publication.reason.startswith("undated")


def test_inferred_publication_date_is_never_in_the_future_nor_today_for_a_running_year():
    text = "المپیک ۲۰۳۲ و ۲ تیر ۱۴۰۱ و سال ۱۴۰۳ و ۱ دی ۱۴۰۳"
    planned = at(text, "۲۰۳۲", date(2032, 1, 1), date(2032, 12, 31), "year")
    july = at(text, "۲ تیر ۱۴۰۱", date(2022, 6, 23))
    year = at(text, "سال ۱۴۰۳", date(2024, 3, 20), date(2025, 3, 20), "year")
    later = at(text, "۱ دی ۱۴۰۳", date(2024, 12, 21))
    today = date(2024, 11, 30)
    assert infer_publication([planned, july], today).date == date(2022, 6, 23)
    assert infer_publication([planned, july, year, later], today).date == date(2022, 6, 23)
    assert infer_publication([planned, year], today).date is None


def test_an_undated_document_has_no_lead_and_no_relative_event_and_json_says_undated():
    d = doc("sport", "استقلال امروز در سال ۲۰۱۸ قهرمان شد.\n")
    tl = build_timeline([d])
    assert tl.publications["sport"].date is None
    assert [(e.date.text, e.lead) for e in tl.events] == [("سال ۲۰۱۸", False)]
    record = timeline_record(tl)["documents"][0]
    assert record["undated"] is True and record["published"] is None


def test_given_dates_are_used_and_the_override_wins():
    d = doc("given", "امروز جلسه برگزار شد.\n", published=date(2024, 1, 10))
    publication, mentions, inferred = resolve_publication(d)
    assert publication == Publication(date(2024, 1, 10)) and inferred == set()
    publication, mentions, inferred = resolve_publication(d, date(2024, 2, 1))
    assert publication.date == date(2024, 2, 1)
    assert [(m.start, m.relative) for m in mentions] == [(date(2024, 2, 1), True)]
    assert mentions_of(d, None)[0].start == date(2024, 1, 10)


# --- many documents ---------------------------------------------------------------------

def test_problems_are_kept_and_repeated_ids_made_unique():
    d1 = doc("same", QUAKE_A, published=DAY)
    d2 = doc("same", MARKET, published=DAY)
    problem = Problem("bad.jsonl", 3, "not valid JSON")
    tl = build_timeline([d1, problem, d2])
    assert [d.id for d in tl.documents] == ["same", "same~2"]
    assert tl.problems == [problem]
    assert {e.document for e in tl.events} == {"same", "same~2"}


def test_progress_counts_documents_and_worker_processes_give_the_same_timeline(monkeypatch):
    docs = list(iter_documents([str(ARTICLES)]))
    seen: list[int] = []
    serial = build_timeline(docs, progress=seen.append, workers=1)
    assert seen == list(range(1, len(serial.documents) + 1))
    monkeypatch.setattr(parallel_module, "PARALLEL_MIN", 2)
    parallel = build_timeline(docs, workers=2)
    assert [(e.id, e.summary, [s.document for s in e.sources]) for e in parallel.events] == \
           [(e.id, e.summary, [s.document for s in e.sources]) for e in serial.events]


# --- end to end: articles written for these tests -----------------------------------------

def articles_timeline():
    return build_timeline(iter_documents([str(ARTICLES)]))


def test_articles_one_quake_reported_twice_is_one_event_and_other_news_that_day_is_not():
    tl = articles_timeline()
    assert tl.problems == []
    quake_day = [e for e in tl.events if e.date.start == e.date.end == date(2025, 4, 1)]
    merged = [e for e in quake_day if {"quake-irna", "quake-isna"} <= {s.document for s in e.sources}]
    assert len(merged) == 1
    assert "راور" in merged[0].places
    team = [e for e in quake_day if e.document == "varzesh-team"]
    assert len(team) == 1 and len(team[0].sources) == 1 and "تهران" in team[0].places


def test_articles_one_meeting_in_two_calendars_from_two_agencies_is_one_event():
    tl = articles_timeline()
    meeting = [e for e in tl.events if e.date.start == date(2024, 12, 5) and e.date.end == date(2024, 12, 5)]
    assert len(meeting) == 1
    assert sorted(s.document for s in meeting[0].sources) == ["mehr-opec", "tasnim-opec"]
    assert "اوپک پلاس" in meeting[0].actors


def test_articles_without_a_date_get_an_inferred_one_that_says_so():
    tl = articles_timeline()
    pub = tl.publications["quake-irna"]
    assert pub.date == date(2025, 4, 1) and pub.inferred and "inferred" in pub.reason
    assert tl.publications["mehr-opec"] == Publication(date(2024, 12, 5))
    last_year = [e for e in tl.events if e.document == "quake-isna" and e.date.granularity == "year"]
    assert last_year and all(e.inferred and "inferred publication date 2025-04-01" in e.reason for e in last_year)


def test_articles_in_arabic_letters_still_give_actors_and_places():
    tl = articles_timeline()
    vote = [e for e in tl.events if e.document == "iraq-vote"]
    assert vote and "عراق" in vote[-1].actors
    assert any(e.lead for e in vote)
    assert [e.date.start for e in vote] == sorted(e.date.start for e in vote)


# --- end to end: the seed ------------------------------------------------------------------

SEED_ORDER = [
    ("سال ۲۰۱۷", date(2017, 1, 1)),
    ("سال ۲۰۱۸", date(2018, 1, 1)),
    ("تابستان", date(2018, 8, 23)),
    ("سال ۲۰۲۰", date(2020, 1, 1)),
    ("۷ آذر", date(2024, 11, 27)),
]


def seed_timeline(published: date | None, path: Path = SEED):
    return build_timeline(iter_documents([str(path)]), published=published)


def assert_seed_story(tl, call_day: date) -> None:
    dated = [e for e in tl.events if not e.lead]
    positions = []
    for words, start in SEED_ORDER:
        found = [i for i, e in enumerate(tl.events) if words in e.date.text and e.date.start == start]
        assert len(found) == 1, words
        positions.append(found[0])
    lead = [i for i, e in enumerate(tl.events) if e.lead]
    assert len(lead) == 1
    assert positions == sorted(positions) and lead[0] > positions[-1]
    call = tl.events[lead[0]]
    assert call.date.start == call.date.end == call_day
    assert "پوتین" in call.actors and "اردوغان" in call.actors
    offensive = tl.events[positions[-1]]
    assert "نوامبر" in offensive.summary and "حلب" in offensive.places  # one event, both calendars
    assert sum(1 for e in dated if e.date.start == date(2024, 11, 27)) == 1 or call_day == date(2024, 11, 27)
    actors = {a for e in tl.events for a in e.actors}
    places = {p for e in tl.events for p in e.places}
    assert {"روسیه", "ترکیه", "ایران"} <= actors
    assert {"حلب", "ادلب", "سوچی"} <= places


def test_seed_with_a_date_gives_the_story_in_order():
    tl = seed_timeline(date(2024, 11, 30))
    assert_seed_story(tl, date(2024, 11, 30))
    call = next(e for e in tl.events if e.lead)
    assert not call.inferred and call.reason == "the article's lead, at its publication date 1403/09/10"
    # The call is what the Kremlin said; the five dated events happened.
    assert call.kind == "statement" and call.basis == "lead"
    assert [e.kind for e in tl.events if not e.lead] == ["happened"] * 5


def test_seed_without_a_date_places_the_call_at_an_inferred_date_and_says_so():
    tl = seed_timeline(None)
    call = next(e for e in tl.events if e.lead)
    assert call.inferred and "inferred" in call.reason
    assert call.date.start >= date(2024, 11, 27)
    assert_seed_story(tl, call.date.start)
    assert tl.publications[tl.documents[0].id].inferred


def test_seed_saved_as_windows_1256_gives_the_same_timeline(tmp_path):
    # cp1256 has Arabic ي and no Persian digits: such files are spelled that way.
    text = SEED.read_text(encoding="utf-8").translate(str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789"))
    path = tmp_path / "seed-cp1256.txt"
    path.write_bytes(text.encode("cp1256"))
    day = date(2024, 11, 30)

    def shape(tl):
        return [(e.date.start, e.date.end, e.date.granularity, e.date.span, e.lead, e.actors, e.places,
                 fold(e.summary)) for e in tl.events]

    assert shape(seed_timeline(day, path)) == shape(seed_timeline(day))


# --- merging on lemmas ---------------------------------------------------------------------

@pytest.mark.parametrize("forms", [
    ("گروه‌های مسلح", "گروه مسلح", "گروههای مسلح", "گروه های مسلح"),
    ("بازارها", "بازار", "بازارهای"),
    ("حمله کردند", "حمله می‌کنند", "حمله کرد"),
])
def test_forms_of_one_word_have_one_lemma(forms):
    from core.lemmas import lemma_words

    assert len({lemma_words(f) for f in forms}) == 1


@pytest.mark.parametrize("a, b", [
    ("بازیکنان تیم ملی به تهران بازگشتند", "بازیکن تیم ملی به تهران بازمی‌گردد"),
    ("دانشجویان در مقابل دانشگاه تجمع کردند و شعار دادند", "دانشجویان مقابل دانشگاه تجمع می‌کنند و شعار می‌دهند"),
])
def test_lemmas_bring_two_wordings_of_one_happening_closer_than_surface_words(a, b):
    from core.gazetteer import content_words
    from core.lemmas import lemma_words
    from core.timeline import similarity

    assert similarity(lemma_words(a), lemma_words(b)) > similarity(content_words(a), content_words(b))


def test_reports_that_differ_in_inflection_only_are_merged():
    a = doc("a", "گروههای مسلح امروز به پاسگاه مرزی میرجاوه حمله کردند.\n", published=DAY)
    b = doc("b", "گروه مسلح امروز به پاسگاه‌های مرزی میرجاوه حمله می‌کنند.\n", published=DAY)
    merged = [e for e in build_timeline([a, b]).events if len(e.sources) == 2]
    assert len(merged) == 1 and merged[0].date.start == DAY


def test_one_document_does_not_need_merge_words():
    from core.timeline import analyze

    analysis = analyze(doc("one", "سد در ۳ خرداد ۱۴۰۰ افتتاح شد.\n"), merge_words=False)
    assert analysis.events and all(w == frozenset() for w in analysis.words)


def test_filter_by_kinds_hides_an_event_when_any_of_its_marks_is_hidden():
    from core.model import MARKS

    tl = build_timeline([doc("k", "وزیر دیروز به مسکو رفت. مسابقه فردا برگزار خواهد شد. سد در ۳ خرداد ۱۴۰۰ افتتاح شد.\n",
                             published=date(2024, 11, 30))])
    marks = {e.date.text: e.marks for e in tl.events}
    # A lead dated by its own «دیروز» is "lead", not also "relative".
    assert marks == {"دیروز": {"happened", "lead"}, "فردا": {"planned", "relative"},
                     "۳ خرداد ۱۴۰۰": {"happened"}}
    everything = frozenset(MARKS)
    assert [e.date.text for e in tl.filter(kinds=everything - {"planned"}).events] == ["۳ خرداد ۱۴۰۰", "دیروز"]
    assert [e.date.text for e in tl.filter(kinds=everything - {"relative", "lead"}).events] == ["۳ خرداد ۱۴۰۰"]
    assert len(tl.filter(kinds=everything).events) == 3


def test_a_timeline_of_one_document_never_loads_hazm():
    """hazm (a second to load) only serves merging, which one document does not need."""
    import subprocess
    import sys

    code = ("import sys; from core.documents import iter_documents; from core.timeline import build_timeline; "
            f"tl = build_timeline(iter_documents([{str(SEED)!r}])); "
            "print(len(tl.events), 'hazm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 6 and out[1] == "False"
