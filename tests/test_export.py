"""Exports, each parsed back: JSON (the DESIGN.md contract), CSV, Markdown, TimelineJS."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date

import pytest

from core.events import Publication
from core.export import (CSV_COLUMNS, display_text, gregorian_label, jalali_label, md_escape, render,
                         timeline_record, to_csv, to_json, to_markdown, to_timelinejs)
from core.event_rules import KINDS
from core.model import Document, Mention
from core.timeline import analysis_from_mentions, assemble


def at(text: str, surface: str, start: date, end: date, granularity: str, calendar: str = "jalali",
       same_as: int | None = None, nth: int = 0) -> Mention:
    a = -1
    for _ in range(nth + 1):
        a = text.index(surface, a + 1)
    return Mention((a, a + len(surface)), surface, start, end, granularity, None, calendar, False, same_as=same_as)


# An article with text that tries to be markup, a terminal escape, a formula and a table cell break.
HOSTILE_TITLE = "هشدار [bold red]فوری[/bold red]\n"
HOSTILE_BODY = ("=HYPERLINK(\"x\") شورای شهر در ۳ بهمن ۱۴۰۱ برابر با ۲۳ ژانویه ۲۰۲۳ طرح | جدید \x1b[31mقرمز\x1b[0m را"
                " با <script>alert(1)</script> و *ستاره* \u202eوارونه\u202c تصویب کرد.\n"
                "این طرح در سال ۱۳۹۵ پیشنهاد شده بود.\n")
HOSTILE = Document(id="h1", text=HOSTILE_TITLE + HOSTILE_BODY, title=HOSTILE_TITLE.strip(),
                   source="روزنامه نمونه", published=None, path="/tmp/h1.txt", body_start=len(HOSTILE_TITLE),
                   url="https://example.org/h1", category="شهری", tags=("شورا", "طرح"))
PLAIN_TEXT = "خبر دوم\nمجلس در اردیبهشت ۱۳۹۷ قانون بودجه را تصویب کرد.\n"
PLAIN = Document(id="p2", text=PLAIN_TEXT, title="خبر دوم", published=None, path="p2.txt",
                 body_start=len("خبر دوم\n"))


def sample():
    t = HOSTILE.text
    hostile_mentions = [
        at(t, "۳ بهمن ۱۴۰۱", date(2023, 1, 23), date(2023, 1, 23), "day"),
        at(t, "۲۳ ژانویه ۲۰۲۳", date(2023, 1, 23), date(2023, 1, 23), "day", "gregorian", same_as=0),
        at(t, "سال ۱۳۹۵", date(2016, 3, 20), date(2017, 3, 20), "year"),
    ]
    plain_mentions = [at(PLAIN_TEXT, "اردیبهشت ۱۳۹۷", date(2018, 4, 21), date(2018, 5, 21), "month")]
    # More than a week after the lead sentence's own date: the lead is an event of its own.
    inferred = Publication(date(2023, 2, 15), inferred=True, reason="no publication date; inferred")
    analyses = [analysis_from_mentions(HOSTILE, hostile_mentions, inferred),
                analysis_from_mentions(PLAIN, plain_mentions, Publication(PLAIN.published))]
    return assemble([HOSTILE, PLAIN], analyses, [])


# --- labels --------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, jalali, gregorian", [
    (date(2024, 11, 27), date(2024, 11, 27), "1403/09/07", "2024-11-27"),
    (date(2018, 8, 23), date(2018, 9, 22), "1397/06", "2018-08-23–2018-09-22"),
    (date(2018, 3, 21), date(2019, 3, 20), "1397", "2018-03-21–2019-03-20"),
    (date(2018, 1, 1), date(2018, 12, 31), "1396/10/11–1397/10/10", "2018"),
    (date(2024, 11, 1), date(2024, 11, 30), "1403/08/11–1403/09/10", "2024-11"),
    (date(2011, 3, 21), date(2021, 3, 20), "1390–1399", "2011-03-21–2021-03-20"),
    (date(2024, 3, 20), date(2024, 6, 20), "1403/01–1403/03", "2024-03-20–2024-06-20"),
    (date(2025, 3, 1), date(2025, 4, 30), "1403/12/11–1404/02/10", "2025-03–2025-04"),
])
def test_date_labels_as_exact_as_the_interval_allows(start, end, jalali, gregorian):
    assert jalali_label(start, end) == jalali
    assert gregorian_label(start, end) == gregorian


@pytest.mark.parametrize("start, end, granularity, jalali, gregorian", [
    (date(2024, 11, 27), date(2024, 11, 27), "day", "1403/09/07", "2024-11-27"),
    (date(2016, 5, 4), date(2016, 5, 14), "day", "1395/02/15–1395/02/25", "2016-05-04–2016-05-14"),
    (date(2024, 11, 23), date(2024, 11, 29), "week", "1403/09/03–1403/09/09", "2024-11-23–2024-11-29"),
    (date(2024, 11, 1), date(2024, 11, 30), "month", "1403/08–1403/09", "2024-11"),
    (date(2018, 8, 23), date(2018, 9, 22), "season", "1397/06", "2018-08–2018-09"),
    (date(2017, 1, 1), date(2017, 12, 31), "year", "1395–1396", "2017"),
    (date(2018, 3, 21), date(2019, 3, 20), "year", "1397", "2018–2019"),
    (date(2011, 3, 21), date(2021, 3, 20), "decade", "1390–1399", "2011–2021"),
])
def test_date_labels_at_the_mentions_granularity(start, end, granularity, jalali, gregorian):
    assert jalali_label(start, end, granularity) == jalali
    assert gregorian_label(start, end, granularity) == gregorian


@pytest.mark.parametrize("raw, shown", [
    ("a\x1b[31mb", "a[31mb"),
    ("خط\nدوم\tسوم", "خط دوم سوم"),
    ("\u202eوارونه\u202c", "وارونه"),
    ("می\u200cرود", "می\u200cرود"),          # ZWNJ is Persian spelling, it stays
    ("\x00\x07\x9b", ""),
])
def test_display_text_is_one_line_with_nothing_a_terminal_acts_on(raw, shown):
    assert display_text(raw) == shown


# --- JSON -------------------------------------------------------------------------------

def test_json_follows_the_contract_and_spans_quote_the_original():
    tl = sample()
    data = json.loads(to_json(tl))
    assert set(data) == {"documents", "mentions", "events"}
    texts = {d.id: d.text for d in tl.documents}
    assert data["documents"] == [
        {"id": "h1", "title": HOSTILE.title, "source": "روزنامه نمونه", "published": "2023-02-15",
         "published_inferred": True, "undated": False, "path": "/tmp/h1.txt",
         "url": "https://example.org/h1", "category": "شهری", "tags": ["شورا", "طرح"]},
        {"id": "p2", "title": "خبر دوم", "source": "", "published": None,
         "published_inferred": False, "undated": True, "path": "p2.txt", "url": "", "category": "", "tags": []},
    ]
    assert [m["text"] for m in data["mentions"]] == ["۳ بهمن ۱۴۰۱", "۲۳ ژانویه ۲۰۲۳", "سال ۱۳۹۵", "اردیبهشت ۱۳۹۷"]
    for m in data["mentions"]:
        assert set(m) >= {"document", "span", "text", "start", "end", "granularity", "mod", "calendar", "relative",
                          "time", "same_as", "disagrees"}
        a, b = m["span"]
        assert texts[m["document"]][a:b] == m["text"]
    # same_as names the other mention by its span in the same document.
    assert data["mentions"][1]["same_as"] == data["mentions"][0]["span"]
    assert data["mentions"][0]["same_as"] is None
    for e in data["events"]:
        assert set(e) >= {"id", "document", "date", "sentence", "summary", "actors", "places",
                          "sources", "count", "kind", "basis", "lead", "inferred", "reason"}
        assert e["count"] == len(e["sources"]) and e["kind"] in KINDS
        assert e["basis"] in ("written", "relative", "inferred", "lead")
        assert set(e["date"]) >= {"text", "span", "start", "end", "granularity", "mod", "calendar", "relative",
                                  "jalali"}
        a, b = e["sentence"]["span"]
        assert texts[e["document"]][a:b] == e["sentence"]["text"]
        a, b = e["date"]["span"]
        assert texts[e["document"]][a:b] == e["date"]["text"]
    starts = [(e["date"]["start"], e["date"]["end"]) for e in data["events"]]
    assert starts == sorted(starts)
    assert [e["date"]["jalali"] for e in data["events"]] == ["1395", "1397/02", "1401/11/03", "1401/11/26"]
    lead = data["events"][-1]
    assert lead["lead"] and lead["inferred"] and lead["reason"] == "no publication date; inferred"
    assert lead["sources"] == [{"document": "h1", "sentence": lead["sentence"]}]


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_parses_back_with_one_row_per_event_and_no_formula_or_escape():
    tl = sample()
    rows = list(csv.DictReader(io.StringIO(to_csv(tl, "gregorian"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(tl.events)
    assert [r["date"] for r in rows] == [gregorian_label(e.date.start, e.date.end, e.date.granularity)
                                         for e in tl.events]
    assert [r["date"] for r in rows] == [r["gregorian"] for r in rows]
    assert [r["jalali"] for r in rows] == ["1395", "1397/02", "1401/11/03", "1401/11/26"]
    day = rows[2]
    assert day["start"] == "2023-01-23" and day["granularity"] == "day" and day["sources"] == "h1#1"
    assert day["summary"].startswith("'=HYPERLINK")  # a spreadsheet would run it as a formula
    assert all("\x1b" not in v and "\u202e" not in v and "\n" not in v for r in rows for v in r.values())
    assert rows[-1]["lead"] == "true" and rows[-1]["inferred"] == "true"
    # Provenance of the reporting document on every row.
    assert (day["title"], day["url"], day["category"], day["tags"], day["count"]) == (
        HOSTILE.title, "https://example.org/h1", "شهری", "شورا; طرح", "1")
    assert (day["kind"], day["basis"]) == ("happened", "written")
    assert rows[1]["source"] == "" and rows[1]["url"] == "" and rows[1]["tags"] == ""


# --- Markdown ------------------------------------------------------------------------------------

def md_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([re.sub(r"\\(.)", r"\1", c.strip()) for c in cells])
    return rows


def test_markdown_is_a_table_whose_cells_read_back_as_the_text():
    tl = sample()
    rows = md_rows(to_markdown(tl, "jalali"))
    assert rows[0] == ["#", "date (Jalali)", "date (Gregorian)", "summary", "actors", "places", "sources"]
    assert set(rows[1]) == {"---"}
    body = rows[2:]
    assert len(body) == len(tl.events) and all(len(r) == 7 for r in body)
    assert [r[1] for r in body] == ["1395", "1397/02", "1401/11/03", "1401/11/26 (inferred)"]
    hostile = body[2]
    assert hostile[3] == display_text(tl.events[2].summary)
    assert "طرح | جدید" in hostile[3] and "<script>" in hostile[3]
    assert "\\|" in to_markdown(tl) and "\\<script\\>" in to_markdown(tl)


@pytest.mark.parametrize("raw, escaped", [
    ("a|b", "a\\|b"), ("*x*", "\\*x\\*"), ("<b>", "\\<b\\>"), ("[l](u)", "\\[l\\](u)"), ("سلام", "سلام"),
])
def test_markdown_escapes_its_punctuation(raw, escaped):
    assert md_escape(raw) == escaped


# --- TimelineJS ------------------------------------------------------------------------------------

def test_timelinejs_is_timelinejs3_json_with_html_escaped_text():
    tl = sample()
    data = json.loads(to_timelinejs(tl, "jalali"))
    assert set(data) == {"title", "events"} and "headline" in data["title"]["text"]
    events = data["events"]
    assert [e["unique_id"] for e in events] == [e.id for e in tl.events]
    year, month, day, lead = events
    assert year["start_date"] == {"year": 2016, "month": 3, "day": 20}
    assert year["end_date"] == {"year": 2017, "month": 3, "day": 20}
    assert month["display_date"] == "1397/02"
    assert day["start_date"] == {"year": 2023, "month": 1, "day": 23} and "end_date" not in day
    assert "&lt;script&gt;" in day["text"]["headline"] and "<script>" not in json.dumps(data)
    assert "\x1b" not in json.dumps(data, ensure_ascii=False)
    assert lead["display_date"].endswith("(inferred)")
    assert html.unescape(day["text"]["headline"]) == display_text(tl.events[2].summary)


def test_whole_gregorian_years_and_months_are_given_as_such():
    text = "خبر\nدر سال ۲۰۲۰ و در نوامبر ۲۰۲۴ چنین شد.\n"
    doc = Document(id="g", text=text, title="خبر", body_start=4)
    mentions = [at(text, "سال ۲۰۲۰", date(2020, 1, 1), date(2020, 12, 31), "year", "gregorian"),
                at(text, "نوامبر ۲۰۲۴", date(2024, 11, 1), date(2024, 11, 30), "month", "gregorian")]
    tl = assemble([doc], [analysis_from_mentions(doc, mentions, Publication(None))], [])
    events = json.loads(render(tl, "timelinejs", "gregorian"))["events"]
    assert [e["start_date"] for e in events] == [{"year": 2020}, {"year": 2024, "month": 11}]
    assert all("end_date" not in e for e in events)
    assert [e["display_date"] for e in events] == ["2020", "2024-11"]


def test_render_rejects_an_unknown_format():
    with pytest.raises(ValueError):
        render(sample(), "xml")


def test_timeline_record_of_an_empty_timeline():
    tl = assemble([], [], [])
    assert timeline_record(tl) == {"documents": [], "mentions": [], "events": []}
    assert md_rows(to_markdown(tl))[2:] == []
