"""Whether a date in a sentence places a happening, and what kind.

One decision per (sentence, date mention), from the words around the
mention in its clause and the verb that ends the clause (Persian puts the
verb last). The word lists are data (``core/lexicon/*.tsv``); the order of
the rules is here:

1. no event when the mention is only part of a number («هزار و ۲۰۰ سال قبل»:
   the engine read «۲۰۰ سال قبل»), the standard of a comparison («نسبت به سال
   گذشته», «در مقایسه با مدت مشابه», «کمتر از ...») or «تا به امروز»;
2. ``recurring`` for an anniversary or yearly day («هر ساله در ۱۳ آبان»,
   «سالروز ۱۵ خرداد», «... روز ملی ...») whose date states no year: a date
   with its own year is the original happening; no event for a day and
   month without a year that name a past happening («کودتای ۲۸ مرداد»);
3. no event for «امروز» in the sense of "nowadays": after a noun it makes
   "present-day" («جامعه امروز»), or with a verb in the present or perfect
   («امروز دنیا تشنه ... است») — unless a noun of one day comes before
   («جلسه امروز») or the verb tells a timetable («امروز برگزار می شود»);
4. ``planned`` for the future tense or a plan word in the clause, a date
   after publication (or from it on), or a present verb on a date not yet past;
5. ``statement`` when the verb is one of saying («گفت», «اظهار داشت») and
   the date a day or a week (a year there is when what was said happened);
6. ``happened`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from core.gazetteer import read_table
from core.lexicon import key, read_rows
from core.model import Mention
from core.normalize import fold

KINDS: tuple[str, ...] = ("happened", "planned", "recurring", "statement")

_WORDS = re.compile(r"[^\W_]+")
_PREVERBS = ("", "در", "بر", "باز", "فرا", "فرو", "وا", "ور")
_PREFIXES = ("نمی", "می", "ن", "ب", "")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")


@dataclass(frozen=True, slots=True)
class _Rules:
    now_words: frozenset[str]
    present_day_heads: frozenset[str]
    day_nouns: frozenset[str]
    comparisons: frozenset[str]
    recurring_right: frozenset[str]
    recurring_before: frozenset[str]
    recurring_after: frozenset[str]
    plans: frozenset[str]
    speech: frozenset[str]
    scheduled: frozenset[str]
    date_names: frozenset[str]
    future: frozenset[str]
    numbers: frozenset[str]
    units: frozenset[str]
    # verb_roles.tsv: role → forms (with spaces, as the words are joined to look them up)
    roles: dict[str, frozenset[str]]
    # verb form (matching spelling) → (past stem, "past" | "present" | "participle")
    verb_forms: dict[str, tuple[str, str]]
    longest: int


def _keys(name: str, column: str | None = None) -> frozenset[str]:
    rows = read_rows(name)
    return frozenset(key(r[0]) for r in rows if column is None or r[1] == column or r[1] == "both")


@cache
def rules() -> _Rules:
    forms: dict[str, tuple[str, str]] = {}
    for past, present in read_table("verb_stems"):
        for e in _PRESENT_ENDINGS:
            forms.setdefault(present + e, (past, "present"))
        for e in _PAST_ENDINGS:
            forms[past + e] = (past, "past")
        forms[past + "ه"] = (past, "participle")
    numbers = {r[0] for r in read_rows("number_words") if r[2] == "cardinal"}
    numbers |= {r[0] for r in read_rows("amount_words")}
    roles: dict[str, set[str]] = {}
    for form, listed in read_rows("verb_roles"):
        for role in listed.split(","):
            roles.setdefault(role, set()).add(form)
    lists = ("now_words", "present_day_heads", "day_nouns", "comparison_words", "recurring_words",
             "plan_words", "speech_verbs")
    longest = max(len(r[0].split()) for name in lists for r in read_rows(name))
    return _Rules(
        now_words=_keys("now_words"),
        present_day_heads=_keys("present_day_heads"),
        day_nouns=_keys("day_nouns"),
        comparisons=_keys("comparison_words"),
        recurring_right=_keys("recurring_words", "right"),
        recurring_before=_keys("recurring_words", "before"),
        recurring_after=_keys("recurring_words", "after"),
        plans=_keys("plan_words"),
        speech=_keys("speech_verbs"),
        scheduled=_keys("scheduled_predicates"),
        date_names=_keys("date_names"),
        future=_keys("future_auxiliaries"),
        numbers=frozenset(numbers),
        units=frozenset(key(r[0]) for r in read_rows("units")),
        roles={role: frozenset(forms) for role, forms in roles.items()},
        verb_forms=forms,
        longest=longest,
    )


def words_of(text: str) -> list[str]:
    """Words of ``text`` in matching spelling (a ZWNJ splits a word in two)."""
    return _WORDS.findall(fold(text))


def _ends_with(words: list[str], keys: frozenset[str], longest: int) -> bool:
    """Whether the last one to ``longest`` words, joined, are one of ``keys``."""
    return any("".join(words[-n:]) in keys for n in range(1, min(longest, len(words)) + 1))


def _starts_with(words: list[str], keys: frozenset[str], longest: int) -> bool:
    return any("".join(words[:n]) in keys for n in range(1, min(longest, len(words)) + 1))


def _holds(words: list[str], keys: frozenset[str], longest: int) -> bool:
    return any("".join(words[i:i + n]) in keys
               for i in range(len(words)) for n in range(1, min(longest, len(words) - i) + 1))


# --- the verb that ends a clause ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verb:
    """The finite verb of a clause: ``tense`` is "past", "perfect",
    "present" (with «می»: now or a timetable), "subjunctive", "state"
    (a copula, «دارد»), or "future"; ``phrase`` is its non-verbal part and
    past stem, as speech_verbs.tsv lists them («اظهارداشت»)."""

    tense: str
    phrase: tuple[str, ...]


def _analyse(word: str) -> tuple[str, str, bool] | None:
    """(past stem, form, with «می») of one verb word, or None."""
    forms = rules().verb_forms
    for preverb in _PREVERBS:
        if not word.startswith(preverb):
            continue
        rest = word[len(preverb):]
        for prefix in _PREFIXES:
            if rest.startswith(prefix) and (stem := forms.get(rest[len(prefix):])) is not None:
                # A short stem needs a real prefix («رشد» is not «ر» + «شد»).
                if not preverb and not prefix and len(rest) <= 1:
                    continue
                return stem[0], stem[1], prefix in rules().roles["progressive"]
    return None


def clause_verb(words: list[str]) -> Verb | None:
    """The verb that ends ``words`` (a clause, matching spelling), if it has one."""
    if not words:
        return None
    r = rules()
    roles = r.roles
    k = len(words) - 1
    # «خواهد شد» is the future; «می خواهند» is "they want".
    if any(w in r.future and (i == 0 or words[i - 1] not in roles["progressive"])
           for i, w in enumerate(words) if i >= k - 2):
        return Verb("future", ())
    last = words[k]
    if last in roles["perfect"] and k > 0 and (a := _analyse(words[k - 1])) and a[1] == "participle":
        return Verb("perfect", (*words[max(0, k - 3):k - 1], a[0]))
    # «فهمیده اند»: a participle before a person ending, even of a verb the stem list does not know.
    if last in roles["person"] and k > 0 and words[k - 1].endswith("ه"):
        return Verb("perfect", tuple(words[max(0, k - 3):k]))
    if last in roles["state"] or (k > 0 and words[k - 1] + " " + last in roles["state"]):
        return Verb("state", ())
    a = _analyse(last)
    progressive = k > 0 and words[k - 1] in roles["progressive"]
    if a is None and progressive:
        return Verb("present", ())  # «می» + a verb the stem list does not know
    if a is None:
        return None
    stem, form, with_mi = a
    head = k - 2 if progressive else k - 1
    phrase = (*words[max(0, head - 1):head + 1], stem)
    if form == "participle":
        return Verb("perfect", phrase)
    if form == "past":
        return Verb("past", phrase)
    if stem in roles["state-stem"] and not (progressive or with_mi):
        return Verb("state", phrase)
    return Verb("present" if progressive or with_mi else "subjunctive", phrase)


def _is_speech(verb: Verb) -> bool:
    r = rules()
    p = verb.phrase
    return any("".join(p[-n:]) in r.speech for n in range(1, len(p) + 1))


# --- one mention --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """``kind`` (one of ``KINDS``) or None when the date places no happening;
    ``rule`` names the rule that decided (for tests, and for a person asking why)."""

    kind: str | None
    rule: str
    tense: str | None = None  # of the clause's verb, when it was looked at


def judge(mention: Mention, before: str, tail: str, published: date | None, states_year: bool) -> Verdict:
    """The verdict on ``mention``. ``before``: its clause's text up to it;
    ``tail``: the text after it to the end of the clauses that carry it (to
    their verb); ``states_year``: the mention writes its own year (an
    anniversary with one is the original happening)."""
    r = rules()
    pre = words_of(before)
    post = words_of(tail)
    own = words_of(mention.text)
    n = r.longest
    # 1. not a date of its own, or not when something happened
    if pre and own and (
            (pre[-1] in r.numbers or pre[-1].isdigit()) and own[0] in r.units
            or len(pre) > 1 and pre[-1] == "و" and (pre[-2] in r.numbers or pre[-2].isdigit())
            and (own[0].isdigit() or own[0] in r.numbers)):
        return Verdict(None, "part of a number")
    if _ends_with(pre, r.comparisons, n) or (
            len(pre) > 1 and pre[-1] == "از" and len(pre[-2]) > 3 and pre[-2].endswith("تر")):
        return Verdict(None, "comparison")
    # 2. anniversaries
    if not states_year and ((pre and pre[-1] in r.recurring_right) or _holds(pre[-4:], r.recurring_before, n)
                            or _starts_with(post, r.recurring_after, n)):
        return Verdict("recurring", "anniversary")
    verb = clause_verb(post)
    tense = verb.tense if verb is not None else None
    planned = _holds(pre, r.plans, n) or _holds(post, r.plans, n)
    # «کودتای ۲۸ مرداد»: a name, its year not written.
    if not states_year and _ends_with(pre, r.date_names, n):
        return Verdict(None, "name of a happening", tense)
    # 3. «امروز» as "nowadays"
    if "".join(own) in r.now_words:
        heads = {"".join(pre[-2:]), pre[-1]} if pre else set()
        if len(pre) > 1 and pre[-1].endswith("ی"):
            heads.add(pre[-2])  # an adjective between: «شرایط اقتصادی امروز»
        if heads & r.day_nouns:
            pass
        elif heads & r.present_day_heads:
            return Verdict(None, "present-day", tense)
        elif verb is not None and not planned:
            if verb.tense in ("state", "subjunctive"):
                return Verdict(None, "nowadays", tense)
            if verb.tense == "perfect" and not _is_speech(verb):
                return Verdict(None, "nowadays", tense)
            if verb.tense == "present" and not (verb.phrase and verb.phrase[-2:-1]
                                                and verb.phrase[-2] in r.scheduled):
                return Verdict(None, "nowadays", tense)
    # 4. plans
    if planned or (verb is not None and verb.tense == "future"):
        return Verdict("planned", "plan", tense)
    # «دو سال آینده»: starts at publication, runs on after it.
    if published is not None and mention.start >= published and mention.end > published:
        return Verdict("planned", "after publication", tense)
    if published is not None and verb is not None and verb.tense == "present" and (
            mention.start >= published
            or mention.end >= published and verb.phrase[-2:-1] and verb.phrase[-2] in r.scheduled):
        return Verdict("planned", "timetable", tense)
    # 5. what someone said
    # The day someone said something; a year before «افزود» belongs to what was said
    # («در سال ۸۴ ... ۲۱ درصد رشد داشت افزود»).
    if verb is not None and _is_speech(verb) and mention.granularity in ("day", "week"):
        return Verdict("statement", "speech", tense)
    return Verdict("happened", "default", tense)


def _is_talk(words: list[str], i: int) -> bool:
    """«گفت‌وگو», «گفت‌وگوی», «گفتگو» at ``i``: a noun, not the verb «گفت»."""
    rest = words[i + 1:i + 3]
    return words[i] == "گفت" and bool(rest) and (rest[0].startswith(("گو", "وگو")) or rest[0] == "و"
                                                  and len(rest) > 1 and rest[1].startswith("گو"))


def lead_kind(sentence: str) -> str:
    """The lead's kind: a statement when its sentence reports speech anywhere
    («... گفت:», «... اعلام کرد که ...»), else what happened."""
    words = words_of(sentence)
    r = rules()
    for i, w in enumerate(words):
        a = _analyse(w)
        # «گفت‌وگو» (a talk) is a noun, not «گفت».
        if a is None or _is_talk(words, i):
            continue
        phrase = (*words[max(0, i - 2):i], a[0])
        if any("".join(phrase[-n:]) in r.speech for n in range(1, len(phrase) + 1)):
            return "statement"
    return "happened"
