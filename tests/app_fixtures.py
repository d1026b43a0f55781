"""Timelines for the app tests, built by hand from text written for these tests.

Two short articles (a dam being built, a delegation's trip) give eight events
over five Jalali years, every granularity mark the rows show, two documents
(so rows carry document tags), and hostile text: a terminal escape sequence
and Rich markup that must be shown as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from core.memory_store import MemoryStore
from core.model import Document, Event, Mention, Sentence, Source
from core.timeline import Timeline

DAM_TEXT = (
    "سد تازه در کرج ساخته می‌شود\n"
    "وزیر نیرو روز ۱۵ مهر ۱۴۰۲ از آغاز ساخت سد خبر داد.\n"
    "طراحی این سد در سال ۲۰۱۹ میلادی آغاز شده بود.\n"
    "مهندسان در بهار ۱۴۰۰ نقشه‌ها را به تهران فرستادند.\n"
    "نخستین بتن‌ریزی در آذر ۱۴۰۲ انجام شد.\n"
    "بهره‌برداری از سد در اواخر سال ۱۴۰۵ انجام می‌شود.\n"
    "منبع: آزمون\n"
)
TRIP_TEXT = (
    "سفر هیئت [bold]فنی[/bold] به کرج\n"
    "در ۲۷ نوامبر ۲۰۲۴ هیئتی از شیراز به کرج رفت.\x1b[31m\n"
    "حدود سال ۱۳۹۰ نخستین مطالعه در این باره انجام شد.\n"
    "دو روز بعد، در ۲۹ نوامبر ۲۰۲۴ گزارش هیئت منتشر شد.\n"
)

DAM = Document(id="dam", text=DAM_TEXT, title="سد تازه در کرج ساخته می‌شود", source="آزمون",
               published=date(2023, 10, 8), path="dam.txt", body_start=DAM_TEXT.index("\n") + 1)
TRIP = Document(id="trip", text=TRIP_TEXT, title="سفر هیئت [bold]فنی[/bold] به کرج",
                published=date(2024, 11, 30), path="trip.txt", body_start=TRIP_TEXT.index("\n") + 1)


def make_event(document: Document, index: int, sentence: str, when: str, start: date, end: date,
               granularity: str, calendar: str, mod: str | None = None, actors: Sequence[str] = (),
               places: Sequence[str] = (), inferred: bool = False) -> Event:
    """An event whose sentence and date are found (by text) in ``document``."""
    text = document.text
    a = text.index(sentence)
    found = Sentence(index=index, span=(a, a + len(sentence)), text=sentence)
    m = text.index(when, a)
    mention = Mention(span=(m, m + len(when)), text=when, start=start, end=end, granularity=granularity,
                      mod=mod, calendar=calendar, relative=False)
    return Event(id=f"{document.id}:{index}", document=document.id, date=mention, sentence=found,
                 summary=sentence.rstrip("."), actors=list(actors), places=list(places),
                 sources=[Source(document.id, found)], inferred=inferred)


def sample_events() -> list[Event]:
    """The eight events, in timeline order."""
    return [
        make_event(TRIP, 2, "حدود سال ۱۳۹۰ نخستین مطالعه در این باره انجام شد.", "حدود سال ۱۳۹۰",
                   date(2011, 3, 21), date(2012, 3, 19), "year", "jalali", mod="APPROX"),
        make_event(DAM, 2, "طراحی این سد در سال ۲۰۱۹ میلادی آغاز شده بود.", "سال ۲۰۱۹ میلادی",
                   date(2019, 1, 1), date(2019, 12, 31), "year", "gregorian"),
        make_event(DAM, 3, "مهندسان در بهار ۱۴۰۰ نقشه‌ها را به تهران فرستادند.", "بهار ۱۴۰۰",
                   date(2021, 3, 21), date(2021, 6, 21), "season", "jalali", places=["تهران"]),
        make_event(DAM, 1, "وزیر نیرو روز ۱۵ مهر ۱۴۰۲ از آغاز ساخت سد خبر داد.", "روز ۱۵ مهر ۱۴۰۲",
                   date(2023, 10, 7), date(2023, 10, 7), "day", "jalali", actors=["وزیر نیرو"], places=["کرج"]),
        make_event(DAM, 4, "نخستین بتن‌ریزی در آذر ۱۴۰۲ انجام شد.", "آذر ۱۴۰۲",
                   date(2023, 11, 22), date(2023, 12, 21), "month", "jalali"),
        make_event(TRIP, 1, "در ۲۷ نوامبر ۲۰۲۴ هیئتی از شیراز به کرج رفت.", "۲۷ نوامبر ۲۰۲۴",
                   date(2024, 11, 27), date(2024, 11, 27), "day", "gregorian", places=["شیراز", "کرج"]),
        make_event(TRIP, 3, "دو روز بعد، در ۲۹ نوامبر ۲۰۲۴ گزارش هیئت منتشر شد.", "۲۹ نوامبر ۲۰۲۴",
                   date(2024, 11, 29), date(2024, 11, 29), "day", "gregorian", inferred=True),
        make_event(DAM, 5, "بهره‌برداری از سد در اواخر سال ۱۴۰۵ انجام می‌شود.", "اواخر سال ۱۴۰۵",
                   date(2026, 11, 22), date(2027, 3, 20), "year", "jalali", mod="END"),
    ]


def sample_timeline(problems: Sequence[object] = ()) -> Timeline:
    return Timeline(documents=[DAM, TRIP], events=sample_events(), problems=list(problems))


def single_document_timeline() -> Timeline:
    return Timeline(documents=[DAM], events=[e for e in sample_events() if e.document == "dam"], problems=[])


def many_events_timeline(count: int) -> Timeline:
    """``count`` events, one every three days from 1990, over 40 documents."""
    documents = []
    for number in range(40):
        text = f"خبر شماره {number}\n" + "".join(f"رویداد {k} در روز {k} رخ داد.\n" for k in range(count // 40 + 1))
        documents.append(Document(id=f"doc{number}", text=text, title=f"خبر شماره {number}",
                                  body_start=text.index("\n") + 1))
    events = []
    day = date(1990, 1, 1)
    for k in range(count):
        document = documents[k % 40]
        line = k // 40
        sentence = f"رویداد {line} در روز {line} رخ داد."
        when = f"روز {line}"
        start = document.text.index(sentence)
        found = Sentence(index=line, span=(start, start + len(sentence)), text=sentence)
        m = document.text.index(when, start)
        mention = Mention(span=(m, m + len(when)), text=when, start=day, end=day, granularity="day", mod=None,
                          calendar="gregorian", relative=False)
        events.append(Event(id=f"e{k}", document=document.id, date=mention, sentence=found, summary=sentence,
                            sources=[Source(document.id, found)]))
        day += timedelta(days=3)
    return Timeline(documents=documents, events=events, problems=[])


def loader_for(timeline: Timeline):
    """A loader (as ``tui.app_command.timeline_loader`` makes) that returns a store over ``timeline``."""

    def load(report):
        report.documents(timeline.documents, timeline.problems)
        report.progress("finding dates…")
        return MemoryStore(timeline)

    return load


def make_app(timeline: Timeline | None = None, settings=None, visual: bool = False, **options):
    from tui.app import RuydadApp
    from tui.config import Settings

    return RuydadApp(loader_for(timeline if timeline is not None else sample_timeline()),
                     settings or Settings(), visual=visual, **options)


def drive(app, scenario, size: tuple[int, int] = (120, 40)) -> None:
    """Run ``app`` headless at ``size``, wait for the timeline, then ``await scenario(pilot)``."""
    import asyncio

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def strip_text(strip) -> str:
    return "".join(segment.text for segment in strip)


FAIR_TEXT = (
    "نمایشگاه کتاب در شیراز\n"
    "نمایشگاه از ۲۵ اسفند ۱۳۸۶ تا ۲ فروردین ۱۳۸۷ در شیراز برپا بود و ناشران بسیاری از سراسر کشور در آن شرکت کردند.\n"
)


def many_documents_timeline(copies: int = 6) -> Timeline:
    """The sample articles ``copies`` times each, plus one with a date range
    across a Jalali new year (the widest label): 2 × copies + 1 documents, so
    rows carry tags up to ``#13`` and one row's date is wider than its column."""
    documents: list[Document] = []
    events: list[Event] = []
    for copy in range(1, copies + 1):
        by_id = {}
        for original in (DAM, TRIP):
            document = Document(id=f"{original.id}{copy}", text=original.text, title=f"{original.title} {copy}",
                                source=original.source, published=original.published, path=original.path,
                                body_start=original.body_start)
            documents.append(document)
            by_id[original.id] = document.id
        for event in sample_events():
            new_id = by_id[event.document]
            events.append(Event(id=f"{new_id}:{event.sentence.index}", document=new_id, date=event.date,
                                sentence=event.sentence, summary=event.summary, actors=event.actors,
                                places=event.places, sources=[Source(new_id, event.sentence)],
                                inferred=event.inferred))
    fair = Document(id="fair", text=FAIR_TEXT, title="نمایشگاه کتاب در شیراز", published=date(2008, 3, 22),
                    path="fair.txt", body_start=FAIR_TEXT.index("\n") + 1)
    documents.append(fair)
    sentence = FAIR_TEXT.splitlines()[1]
    events.append(make_event(fair, 1, sentence, "از ۲۵ اسفند ۱۳۸۶ تا ۲ فروردین ۱۳۸۷", date(2008, 3, 15),
                             date(2008, 3, 21), "day", "jalali", places=["شیراز"]))
    events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return Timeline(documents=documents, events=events, problems=[])
