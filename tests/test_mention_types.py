"""Mentions of every type, and mentions whose days are unknown, through the
pipeline: only dates with known days date events; the JSON contract carries
``type`` and ``value`` and null days."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.export import mention_record, to_json
from core.model import Document, Mention
from core.model import datable_mentions
from core.timeline import analyze, build_timeline, infer_publication

TEXT = ("وزیر دیروز گفت این طرح به مدت سه سال و هر هفته اجرا می‌شود. "
        "قرارداد در ۷ آذر ۱۴۰۳ برابر با ۲۷ نوامبر ۲۰۲۴ امضا شد. "
        "این شهر در سال ۵۷۰ میلادی بنا شد.")


def test_only_dates_with_known_days_make_events() -> None:
    a = analyze(Document(id="d", text=TEXT), published=None)
    types = {m.text: (m.type, m.start) for m in a.mentions}
    assert types["سه سال"] == ("duration", None)
    assert types["هر هفته"] == ("set", None)
    assert types["سال ۵۷۰ میلادی"] == ("date", None)
    assert all(e.date.start is not None and e.date.type in ("date", "time") for e in a.events)
    assert "سه سال" not in {e.date.text for e in a.events}
    assert "۷ آذر ۱۴۰۳" in {e.date.text for e in a.events}


def test_unknown_days_never_infer_a_publication_date() -> None:
    unknown = Mention((0, 5), "دیروز", None, None, "day", None, "jalali", True, value="DCT-P1D")
    assert infer_publication([unknown], today=date(2024, 12, 1)).date is None


def test_datable_mentions_renumber_same_as_and_inferred() -> None:
    d = date(2024, 11, 27)
    duration = Mention((0, 3), "سه سال", None, None, "year", None, "jalali", False, type="duration", value="P3Y")
    first = Mention((4, 8), "۷ آذر", d, d, "day", None, "jalali", True, value="2024-11-27")
    second = Mention((9, 13), "۲۷ نوامبر", d, d, "day", None, "gregorian", False, same_as=1, value="2024-11-27")
    kept, inferred = datable_mentions([duration, first, second], {1})
    assert [m.text for m in kept] == ["۷ آذر", "۲۷ نوامبر"]
    assert kept[1].same_as == 0
    assert inferred == {0}


def test_json_carries_type_value_and_null_days() -> None:
    timeline = build_timeline([Document(id="d", text=TEXT)], workers=1)
    records = {m["text"]: m for m in json.loads(to_json(timeline))["mentions"]}
    # The publication date is inferred from «۷ آذر ۱۴۰۳»: «دیروز» is the day before it.
    assert (records["دیروز"]["type"], records["دیروز"]["value"]) == ("date", "2024-11-26")
    alone = build_timeline([Document(id="d", text="وزیر دیروز سخن گفت.")], workers=1)
    [yesterday] = json.loads(to_json(alone))["mentions"]
    assert (yesterday["start"], yesterday["end"], yesterday["value"]) == (None, None, "DCT-P1D")
    assert records["سه سال"] == {**records["سه سال"], "type": "duration", "value": "P3Y", "start": None, "end": None}
    assert records["هر هفته"]["value"] == "P1W"
    assert records["۷ آذر ۱۴۰۳"]["value"] == "2024-11-27"


def test_mention_record_writes_unknown_days_as_null() -> None:
    m = Mention((0, 5), "دیروز", None, None, "day", None, "jalali", True, value="DCT-P1D")
    record = mention_record("d", m, [m])
    assert (record["start"], record["end"], record["type"], record["value"]) == (None, None, "date", "DCT-P1D")


@pytest.mark.parametrize("published", [date(9999, 12, 31), date(1, 1, 1), date(622, 3, 21)])
def test_publication_dates_the_calendars_cannot_convert_date_nothing(published: date) -> None:
    timeline = build_timeline([Document(id="d", text=TEXT)], published=published, workers=1)
    assert json.loads(to_json(timeline))["mentions"]
    assert all(e.date.start is not None for e in timeline.events)
