"""Events of one document: each dated happening tied to its sentence.

- A time mention gives at most one event, except one that restates another
  mention's date in another calendar (``same_as``: it belongs to that
  mention) and one whose days equal another mention's in the same sentence.
- The summary is the clause around the mention: from its clause, rightwards
  across commas until a clause ends with a verb (Persian puts the verb last),
  and leftwards across commas while the clause before is not a finished
  clause or only the report's source («به گزارش ایرنا»). Too long for one
  line, it keeps the mention's clause and the verb's clause, else it is cut.
- Actors and places: of the part of the sentence that belongs to the event (a
  sentence with two events is divided where the second event's words begin).
- Which mentions place a happening, and its kind (happened, planned,
  recurring, statement): ``core.event_rules``. Mentions side by side with
  only punctuation between are one date expression and one event; a day and
  month without a year take the year the same sentence writes.
- The lead: what the title and first body sentence report happened on the
  publication date. If that sentence names a day (or a week) in the week up
  to publication, that date's event is the lead; otherwise the lead is an event
  of its own at the publication date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from core.calendars import from_calendar, gregorian_to_jalali, month_length, to_calendar
from core.event_rules import Verdict, judge, lead_kind, words_of
from core.gazetteer import EntityMatch, actors_and_places, find_entities, opens_with_attribution
from core.lexicon import key, lexicon, read_rows
from core.model import Document, Event, Mention, Sentence, Source
from core.normalize import NormalizedText, fold, normalize
from core.sentences import Clause, sentence_at, split_clauses

SUMMARY_LIMIT = 160
LEAD_RECENT = timedelta(days=7)
_TRAILING = " \t.,،؛;:!?؟…"


@dataclass(frozen=True, slots=True)
class Publication:
    """A document's publication date as the timeline uses it."""

    date: date | None
    inferred: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Placed:
    mention_index: int
    mention: Mention
    sentence: Sentence
    clauses: tuple[Clause, ...]
    window: tuple[int, int, int]  # lo, hi, clause holding the mention
    extent: tuple[int, int]       # the mention with its restatements in other calendars
    verdict: Verdict
    reason: str                   # how the date was found, if not written in full


class _Text:
    """A document's text with what events need of it, each found on first use
    and once: most articles of an archive have no event and need none of it."""

    def __init__(self, text: str, normalized: NormalizedText | None, entities: list[EntityMatch] | None):
        self.text = text
        self._normalized = normalized
        self._entities = entities
        self._clauses: dict[int, tuple[Clause, ...]] = {}

    @property
    def normalized(self) -> NormalizedText:
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    @property
    def entities(self) -> list[EntityMatch]:
        if self._entities is None:
            self._entities = find_entities(self.text, self.normalized)
        return self._entities

    def clauses(self, sentence: Sentence) -> tuple[Clause, ...]:
        if sentence.index not in self._clauses:
            self._clauses[sentence.index] = tuple(split_clauses(self.text, sentence.span, self.normalized))
        return self._clauses[sentence.index]


def events_of(document: Document, sentences: list[Sentence], mentions: list[Mention],
              publication: Publication, entities: list[EntityMatch] | None = None,
              inferred: Iterable[int] = (), normalized: NormalizedText | None = None) -> list[Event]:
    """The events of ``document`` in document order, ids ``<document id>#<n>``.

    ``inferred``: indices of mentions whose value came from an inferred
    publication date; their events are marked inferred, with the reason.
    ``entities`` and ``normalized`` (``normalize(document.text)``) are found
    here when not given.
    """
    text = document.text
    facts = _Text(text, normalized, entities)
    inferred = set(inferred)
    placed = _place(facts, sentences, mentions, publication)
    events: list[Event] = []
    by_sentence: dict[int, list[_Placed]] = {}
    for p in placed:
        by_sentence.setdefault(p.sentence.index, []).append(p)
    for group in by_sentence.values():
        regions = _regions(group)
        for p, region in zip(group, regions):
            actors, places = actors_and_places(facts.entities, region)
            is_inferred = p.mention_index in inferred
            reason, basis = p.reason, ("relative" if p.reason and p.mention.relative else "written")
            if is_inferred and publication.date is not None:
                basis = "inferred"
                reason = (f"no publication date; «{_one_line(p.mention.text)}» counted from the inferred "
                          f"publication date {publication.date.isoformat()}")
            events.append(Event(
                id="", document=document.id, date=p.mention, sentence=p.sentence,
                summary=_summary(text, p.clauses, p.window, p.extent),
                actors=actors, places=places, sources=[Source(document.id, p.sentence)],
                inferred=is_inferred, reason=reason, kind=p.verdict.kind or "happened", basis=basis))
    lead = _lead(document, sentences, publication, facts, events)
    if lead is not None:
        events.append(lead)
    events.sort(key=lambda e: (e.date.span[0], not e.lead))
    for n, event in enumerate(events, start=1):
        event.id = f"{document.id}#{n}"
    return events


# --- placing mentions in sentences and clauses ---------------------------------

# What may stand between two mentions that are one date expression
# («روز سه‌شنبه، ۱۲ خرداد ۱۳۷۷», «امروز (یکشنبه)»).
_APPOSITION = frozenset(" \t،,()-–—/[]«»\"'")


def _place(facts: _Text, sentences: list[Sentence], mentions: list[Mention],
           publication: Publication) -> list[_Placed]:
    text = facts.text
    ends = {k: m.span[1] for k, m in enumerate(mentions)}
    for m in mentions:
        if m.same_as is not None and m.same_as in ends:
            ends[m.same_as] = max(ends[m.same_as], m.span[1])
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    where: dict[int, Sentence] = {}
    for k, m in enumerate(mentions):
        if m.same_as is not None:
            continue
        # «تا امروز رخ نداده است»: a state that runs up to now, not a happening.
        if m.mod == "UNTIL" and m.relative and m.granularity == "day":
            continue
        sentence = sentence_at(sentences, m.span[0])
        if sentence is None:
            continue
        where[sentence.index] = sentence
        by_sentence.setdefault(sentence.index, []).append((k, m))
    placed: list[_Placed] = []
    for index, found in by_sentence.items():
        sentence = where[index]
        clauses = facts.clauses(sentence)
        found = _one_per_expression(text, found)
        seen: set[tuple[date, date]] = set()
        used_years: set[int] = set()
        judged = []
        for k, m in found:
            extent = (m.span[0], min(ends[k], sentence.span[1]))
            window = _window(text, clauses, extent)
            verdict = _judge(text, clauses, window, extent, m, publication, states_year=not _yearless(m))
            reason = ""
            if m.relative and verdict.kind != "recurring" and _yearless(m):
                year = _year_in_sentence(m, found)
                if year is not None:
                    yk, ym = year
                    m = _in_year(m, ym)
                    if ym.span[0] > m.span[0]:
                        used_years.add(yk)
                    reason = f"year from «{_one_line(ym.text)}» in the same sentence"
                    verdict = _judge(text, clauses, window, extent, m, publication, states_year=True)
                elif (publication.date is not None and m.end < publication.date
                      and verdict.kind == "planned"):
                    # Told as a plan: the first such day after publication.
                    later = _in_year(m, None, 1)
                    if later.start > publication.date:
                        m = replace(later, relative=True)
                        reason = (f"no year in «{_one_line(m.text)}», told as a plan: the first one "
                                  f"after the publication date {_jalali(publication.date)}")
                    else:
                        reason = _yearless_reason(m, publication)
                elif (publication.date is not None and m.start > publication.date
                      and verdict.tense in ("past", "perfect")):
                    # Told in the past tense: the last such day before publication.
                    earlier = _in_year(m, None, -1)
                    if earlier.end <= publication.date:
                        m = replace(earlier, relative=True)
                        reason = (f"no year in «{_one_line(m.text)}», told in the past: the last one "
                                  f"before the publication date {_jalali(publication.date)}")
                        verdict = _judge(text, clauses, window, extent, m, publication, states_year=False)
                    else:
                        reason = _yearless_reason(m, publication)
                else:
                    reason = _yearless_reason(m, publication)
            elif m.relative and publication.date is not None:
                reason = f"dated by «{_one_line(m.text)}» from the publication date {_jalali(publication.date)}"
                if verdict.kind == "planned" and m.end < publication.date and _bare_weekday(m):
                    # «روز چهارشنبه ... دیدار خواهند کرد»: the coming one, not the last.
                    m = replace(m, start=m.start + timedelta(days=7), end=m.end + timedelta(days=7))
                    reason = (f"«{_one_line(m.text)}» told as a plan: the first one after the publication "
                              f"date {_jalali(publication.date)}")
            judged.append((k, m, extent, window, verdict, reason))
        for k, m, extent, window, verdict, reason in judged:
            if verdict.kind is None or k in used_years or (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            placed.append(_Placed(k, m, sentence, clauses, window, extent, verdict, reason))
    placed.sort(key=lambda p: p.mention.span[0])
    return placed


def _judge(text: str, clauses: tuple[Clause, ...], window: tuple[int, int, int], extent: tuple[int, int],
           m: Mention, publication: Publication, states_year: bool) -> Verdict:
    lo, hi, own = window
    before = text[clauses[own].span[0]:max(clauses[own].span[0], m.span[0])]
    tail = text[extent[1]:max(extent[1], clauses[hi].span[1])]
    return judge(m, before, tail, publication.date, states_year)


def _one_per_expression(text: str, found: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """Mentions side by side with only punctuation between are one date
    expression: it keeps the one written in full (finest first), else the first."""
    out: list[tuple[int, Mention]] = []
    run: list[tuple[int, Mention]] = []
    for k, m in found:
        if run and not all(c in _APPOSITION for c in text[run[-1][1].span[1]:m.span[0]]):
            out.append(_best(run))
            run = []
        run.append((k, m))
    if run:
        out.append(_best(run))
    return out


def _best(run: list[tuple[int, Mention]]) -> tuple[int, Mention]:
    written = [p for p in run if not p[1].relative]
    return min(written, key=lambda p: p[1].days) if written else run[0]


def _yearless(m: Mention) -> bool:
    """A day or month written without a year («۱۲ آذر», «آذر ماه»): its year
    was taken from the publication date or the date before it."""
    if not m.relative or m.granularity not in ("day", "week", "month"):
        return False
    months = lexicon().months
    words = words_of(m.text)
    for i in range(len(words) - 1, -1, -1):
        if words[i] in months or (i + 1 < len(words) and key(words[i] + words[i + 1]) in months):
            rest = words[i + 1:]
            if i + 1 < len(words) and key(words[i] + words[i + 1]) in months:
                rest = words[i + 2:]
            return all(w == "ماه" for w in rest)
    return False


def _bare_weekday(m: Mention) -> bool:
    """A weekday with no word that says which week («روز چهارشنبه», not «چهارشنبه گذشته»)."""
    lx = lexicon()
    words = words_of(m.text)
    pointers = lx.deixis_after.keys() | lx.deixis_before.keys()
    days = [w for i, w in enumerate(words) if w in lx.weekdays
            or (i + 1 < len(words) and key(w + words[i + 1]) in lx.weekdays)]
    return bool(days) and not any(w in pointers for w in words) and m.granularity == "day"


def _year_in_sentence(m: Mention, found: list[tuple[int, Mention]]) -> tuple[int, Mention] | None:
    """The nearest year written in full in the same sentence, in the same calendar."""
    years = [(k, y) for k, y in found if y.granularity == "year" and not y.relative and y.calendar == m.calendar
             and y.mod is None]
    if not years:
        return None
    return min(years, key=lambda p: abs(p[1].span[0] - m.span[0]))


def _in_year(m: Mention, year: Mention | None, shift: int = 0) -> Mention:
    """``m`` moved to the year that ``year`` names, or ``shift`` years on
    (its month and day kept)."""
    target = to_calendar(year.start if year is not None else m.start, m.calendar)[0] + shift

    def move(day: date) -> date:
        _, month, d = to_calendar(day, m.calendar)
        return from_calendar(target, month, min(d, month_length(target, month, m.calendar)), m.calendar)

    try:
        return replace(m, start=move(m.start), end=move(m.end), relative=False)
    except (ValueError, OverflowError):
        return m


def _yearless_reason(m: Mention, publication: Publication) -> str:
    if publication.date is not None and abs((m.start - publication.date).days) <= 366:
        return f"no year in «{_one_line(m.text)}»: the one nearest the publication date {_jalali(publication.date)}"
    return f"no year in «{_one_line(m.text)}»: the year of the date before it"


def _jalali(day: date) -> str:
    y, m, d = gregorian_to_jalali(day)
    return f"{y:04d}/{m:02d}/{d:02d}"


def _window(text: str, clauses: tuple[Clause, ...], span: tuple[int, int]) -> tuple[int, int, int]:
    first = last = 0
    for i, c in enumerate(clauses):
        if c.span[0] <= span[0]:
            first = i
        if c.span[0] < span[1]:
            last = i
    lo, hi = first, max(first, last)
    while not clauses[hi].ends_with_verb and hi + 1 < len(clauses) and clauses[hi + 1].opens == "soft":
        hi += 1
    while (lo > 0 and clauses[lo].opens == "soft" and not clauses[lo - 1].ends_with_verb
           and not opens_with_attribution(text[clauses[lo - 1].span[0]:clauses[lo - 1].span[1]])
           and clauses[hi].span[1] - clauses[lo - 1].span[0] <= SUMMARY_LIMIT):
        lo -= 1
    return lo, hi, first


def _regions(group: list[_Placed]) -> list[tuple[int, int]]:
    """Each event's share of its sentence: from where its words begin to where
    the next event's begin; the first event also has the sentence's start."""
    sentence = group[0].sentence
    starts = sorted({p.clauses[p.window[0]].span[0] for p in group})
    regions = []
    for p in group:
        begin = p.clauses[p.window[0]].span[0]
        k = starts.index(begin)
        a = sentence.span[0] if k == 0 else begin
        b = starts[k + 1] if k + 1 < len(starts) else sentence.span[1]
        regions.append((a, b))
    return regions


# --- summaries -------------------------------------------------------------------

def _summary(text: str, clauses: tuple[Clause, ...], window: tuple[int, int, int], extent: tuple[int, int]) -> str:
    lo, hi, own = window
    full = _tidy(text[clauses[lo].span[0]:clauses[hi].span[1]])
    if len(full) <= SUMMARY_LIMIT:
        return full
    if hi > own:
        # Who and when … what was done: the mention's clause up to the date,
        # then the clauses up to the verb; or the mention's clause and the verb's.
        head = _tidy(text[clauses[own].span[0]:max(extent[1], clauses[own].span[0])])
        for short in (head + " … " + _tidy(text[clauses[own + 1].span[0]:clauses[hi].span[1]]),
                      _tidy(text[clauses[own].span[0]:clauses[own].span[1]]) + " … "
                      + _tidy(text[clauses[hi].span[0]:clauses[hi].span[1]])):
            if len(short) <= SUMMARY_LIMIT:
                return short
    # Cut the end off, starting late enough that the date stays in.
    start = clauses[lo].span[0]
    for later in (clauses[own].span[0], extent[0]):
        if extent[1] - start > SUMMARY_LIMIT - 20:
            start = max(start, later)
    return _cut(_tidy(text[start:clauses[hi].span[1]]))


def _tidy(piece: str) -> str:
    """One line, without a leading conjunction or trailing punctuation."""
    words = piece.split()
    while len(words) > 1 and _is_connector(words[0]):
        words.pop(0)
    return " ".join(words).strip(_TRAILING)


@lru_cache(maxsize=1024)
def _is_connector(word: str) -> bool:
    # Kept: summaries start with the same few words again and again.
    return fold(word) in _connectors()


@cache
def _connectors() -> frozenset[str]:
    return frozenset(r[0] for r in read_rows("summary_connectors"))


def _cut(line: str) -> str:
    if len(line) <= SUMMARY_LIMIT:
        return line
    cut = line.rfind(" ", 0, SUMMARY_LIMIT - 1)
    return line[: cut if cut > SUMMARY_LIMIT // 2 else SUMMARY_LIMIT - 1].rstrip(_TRAILING) + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the lead --------------------------------------------------------------------

def _lead(document: Document, sentences: list[Sentence], publication: Publication,
          facts: _Text, events: list[Event]) -> Event | None:
    if publication.date is None:
        return None
    body = [s for s in sentences if s.span[0] >= document.body_start] or sentences
    if not body:
        return None
    sentence = body[0]
    day = publication.date
    # The lead sentence dated by itself («… روز سه‌شنبه ۱۱ نوامبر …», published
    # the next day): its latest date in the week up to publication is the lead.
    own = [e for e in events if e.sentence.index == sentence.index and e.date.days <= 7
           and e.date.start <= day and e.date.end >= day - LEAD_RECENT]
    if own:
        max(own, key=lambda e: e.date.end).lead = True
        return None
    entities = facts.entities
    title_entities = (entities if document.body_start > 0 else find_entities(document.title))
    title_span = (0, document.body_start) if document.body_start > 0 else None
    t_actors, t_places = actors_and_places(title_entities, title_span)
    s_actors, s_places = actors_and_places(entities, sentence.span)
    clauses = facts.clauses(sentence)
    first = 0
    while first + 1 < len(clauses) and opens_with_attribution(
            document.text[clauses[first].span[0]:clauses[first].span[1]]):
        first += 1
    start = clauses[first].span[0] if clauses else sentence.span[0]
    date_mention = Mention(span=(sentence.span[0], sentence.span[0]), text="", start=day, end=day,
                           granularity="day", mod=None, calendar="gregorian", relative=True)
    return Event(
        id="", document=document.id, date=date_mention, sentence=sentence,
        summary=_cut(_tidy(document.text[start:sentence.span[1]])),
        actors=_union(t_actors, s_actors), places=_union(t_places, s_places),
        sources=[Source(document.id, sentence)], lead=True, inferred=publication.inferred,
        reason=publication.reason if publication.inferred
        else f"the article's lead, at its publication date {_jalali(day)}",
        kind=lead_kind(sentence.text), basis="lead")


def _union(first: list[str], second: list[str]) -> list[str]:
    return first + [x for x in second if x not in first]
