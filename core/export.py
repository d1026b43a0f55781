"""A timeline written out: JSON (the contract in DESIGN.md), CSV, a Markdown
table, and TimelineJS3 JSON.

Article text is untrusted. JSON keeps it exact (JSON escapes what needs
escaping, and spans must quote the original); the formats read by people or
by other renderers get ``display_text`` (no control characters, no bidi
overrides, one line), Markdown escapes its punctuation, CSV cells that a
spreadsheet would run as a formula get a leading «'», and TimelineJS (which
renders HTML) gets HTML-escaped text.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from core.calendars import gregorian_month_length
# The labels are written by core.date_labels; importable from here too, as before.
from core.date_labels import LABEL_CALENDARS, RANGE, date_label, gregorian_label, jalali_label  # noqa: F401
from core.model import CALENDAR_NAMES, Event, Mention, Sentence

if TYPE_CHECKING:
    from core.timeline import Timeline

FORMATS = ("json", "csv", "md", "timelinejs")


# --- text for people and renderers ------------------------------------------------

# C0/C1 controls (ESC among them) and the bidi embeddings, overrides and
# isolates that can make text display as something else. ZWNJ stays: Persian needs it.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_text(text: str) -> str:
    """``text`` on one line with nothing a terminal or renderer would act on."""
    return " ".join(_UNSAFE.sub("", text).split())


# --- JSON -------------------------------------------------------------------------

def _span(span: tuple[int, int]) -> list[int]:
    return [span[0], span[1]]


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {"index": sentence.index, "span": _span(sentence.span), "text": sentence.text}


def mention_record(document: str, m: Mention, others: list[Mention]) -> dict[str, Any]:
    """``same_as`` is written as the other mention's span in the same
    document: unambiguous in a list that holds many documents."""
    same_as = _span(others[m.same_as].span) if m.same_as is not None else None
    return {"document": document, "span": _span(m.span), "text": m.text,
            "start": m.start.isoformat(), "end": m.end.isoformat(), "granularity": m.granularity,
            "mod": m.mod, "calendar": m.calendar, "relative": m.relative,
            "time": m.time, "same_as": same_as, "disagrees": m.disagrees}


def event_record(event: Event) -> dict[str, Any]:
    m = event.date
    return {
        "id": event.id,
        "document": event.document,
        "date": {"text": m.text, "span": _span(m.span), "start": m.start.isoformat(), "end": m.end.isoformat(),
                 "granularity": m.granularity, "mod": m.mod, "calendar": m.calendar, "relative": m.relative,
                 "jalali": jalali_label(m.start, m.end, m.granularity), "time": m.time},
        "sentence": _sentence(event.sentence),
        "summary": event.summary,
        "actors": list(event.actors),
        "places": list(event.places),
        "sources": [{"document": s.document, "sentence": _sentence(s.sentence)} for s in event.sources],
        "count": len(event.sources),
        "kind": event.kind,
        "basis": event.basis,
        "lead": event.lead,
        "inferred": event.inferred,
        "reason": event.reason,
    }


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    documents = []
    mentions = []
    for doc in timeline.documents:
        publication = timeline.publications.get(doc.id)
        published = publication.date if publication is not None else doc.published
        documents.append({"id": doc.id, "title": doc.title, "source": doc.source,
                          "published": published.isoformat() if published else None,
                          "published_inferred": bool(publication and publication.inferred),
                          "undated": published is None,
                          "path": doc.path, "url": doc.url, "category": doc.category, "tags": list(doc.tags)})
        found = timeline.mentions.get(doc.id, [])
        mentions.extend(mention_record(doc.id, m, found) for m in found)
    return {"documents": documents, "mentions": mentions,
            "events": [event_record(e) for e in timeline.events]}


def to_json(timeline: Timeline, indent: int | None = 2) -> str:
    """``indent=None`` writes compact JSON with the C encoder, several times
    faster on a large archive (the indenting encoder is pure Python)."""
    return json.dumps(timeline_record(timeline), ensure_ascii=False, indent=indent) + "\n"


# --- CSV ---------------------------------------------------------------------------

CSV_COLUMNS = ("id", "document", "date", "start", "end", "granularity", "mod", "calendar", "relative",
               "jalali", "gregorian", "date_text", "summary", "sentence", "actors", "places", "sources",
               "lead", "inferred", "reason", "kind", "basis", "count", "title", "source", "url", "category",
               "tags")
LIST_SEPARATOR = "; "


def _cell(text: str) -> str:
    text = display_text(text)
    # A spreadsheet runs a cell that starts like this as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_csv(timeline: Timeline, calendar: str = "jalali") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    documents = {d.id: d for d in timeline.documents}
    for e in timeline.events:
        m = e.date
        # Provenance of the first report; every report is in «sources».
        doc = documents.get(e.document)
        writer.writerow([
            _cell(e.id), _cell(e.document), date_label(m, calendar), m.start.isoformat(), m.end.isoformat(),
            m.granularity, m.mod or "", m.calendar, str(m.relative).lower(),
            date_label(m, "jalali"), date_label(m, "gregorian"), _cell(m.text), _cell(e.summary),
            _cell(e.sentence.text), _cell(LIST_SEPARATOR.join(e.actors)), _cell(LIST_SEPARATOR.join(e.places)),
            _cell(LIST_SEPARATOR.join(f"{s.document}#{s.sentence.index}" for s in e.sources)),
            str(e.lead).lower(), str(e.inferred).lower(), _cell(e.reason), e.kind, e.basis, len(e.sources),
            *(_cell(x) for x in ((doc.title, doc.source, doc.url, doc.category, LIST_SEPARATOR.join(doc.tags))
                                 if doc is not None else ("",) * 5))])
    return out.getvalue()


# --- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """Backslash before Markdown punctuation, so a cell renders as the text it holds."""
    return _MD_SPECIAL.sub(r"\\\1", display_text(text))


def to_markdown(timeline: Timeline, calendar: str = "jalali") -> str:
    other = "gregorian" if calendar == "jalali" else "jalali"
    header = ["#", f"date ({CALENDAR_NAMES[calendar]})", f"date ({CALENDAR_NAMES[other]})", "summary", "actors", "places", "sources"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for n, e in enumerate(timeline.events, start=1):
        when = date_label(e.date, calendar) + (" (inferred)" if e.inferred else "")
        cells = [str(n), when, date_label(e.date, other), e.summary, "، ".join(e.actors), "، ".join(e.places),
                 ", ".join(sorted({s.document for s in e.sources}, key=[s.document for s in e.sources].index))]
        lines.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


# --- TimelineJS3 -------------------------------------------------------------------------

def _timelinejs_date(day: date, whole_year: bool, whole_month: bool) -> dict[str, int]:
    if whole_year:
        return {"year": day.year}
    if whole_month:
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def timelinejs_record(timeline: Timeline, calendar: str = "jalali") -> dict[str, Any]:
    events = []
    for e in timeline.events:
        m = e.date
        whole_year = m.start == date(m.start.year, 1, 1) and m.end == date(m.end.year, 12, 31)
        whole_month = m.start.day == 1 and m.end.day == gregorian_month_length(m.end.year, m.end.month)
        record: dict[str, Any] = {
            "unique_id": e.id,
            "start_date": _timelinejs_date(m.start, whole_year, whole_month),
            "display_date": date_label(m, calendar) + (" (inferred)" if e.inferred else ""),
            "text": {"headline": html.escape(display_text(e.summary)),
                     "text": "".join(f"<p>{html.escape(display_text(s.sentence.text))}</p>" for s in e.sources)
                     + f"<p>{html.escape(display_text(', '.join(dict.fromkeys(s.document for s in e.sources))))}</p>"},
        }
        same_unit = (m.start == m.end or (whole_year and m.start.year == m.end.year)
                     or (whole_month and (m.start.year, m.start.month) == (m.end.year, m.end.month)))
        if not same_unit:
            record["end_date"] = _timelinejs_date(m.end, whole_year, whole_month)
        events.append(record)
    titles = [d.title for d in timeline.documents if d.title]
    headline = titles[0] if len(titles) == 1 else f"{len(timeline.documents)} documents"
    return {"title": {"text": {"headline": html.escape(display_text(headline)),
                               "text": f"{len(events)} events"}},
            "events": events}


def to_timelinejs(timeline: Timeline, calendar: str = "jalali") -> str:
    return json.dumps(timelinejs_record(timeline, calendar), ensure_ascii=False, indent=2) + "\n"


def render(timeline: Timeline, fmt: str, calendar: str = "jalali", pretty: bool = True) -> str:
    """The timeline in one of ``FORMATS``; ``pretty`` indents JSON for people."""
    if fmt == "json":
        return to_json(timeline, 2 if pretty else None)
    if fmt == "csv":
        return to_csv(timeline, calendar)
    if fmt == "md":
        return to_markdown(timeline, calendar)
    if fmt == "timelinejs":
        return to_timelinejs(timeline, calendar)
    raise ValueError(f"unknown format {fmt!r}")
