"""Lint the language data: the engine trusts these files, so check them here."""

from __future__ import annotations

from importlib.resources import files

import pytest

from core.lexicon import key, read_rows
from core.normalize import fold

LEXICONS = sorted(p.name.removesuffix(".tsv") for p in (files("core") / "lexicon").iterdir()
                  if p.name.endswith(".tsv"))

# Columns each file must have (the first is always the form).
COLUMNS = {
    "months": 4, "weekdays": 2, "seasons": 2, "calendar_suffixes": 2, "units": 2, "deixis": 3,
    "relative_words": 3, "parts_of_day": 2, "modifiers": 3, "number_words": 3, "place_nouns": 1,
    "not_dates": 1, "year_nouns": 2, "amount_words": 1, "period_qualifiers": 1,
    # What makes a date an event, and of which kind (core/event_rules.py).
    "now_words": 1, "present_day_heads": 1, "day_nouns": 1, "comparison_words": 1, "recurring_words": 2,
    "plan_words": 1, "speech_verbs": 1, "scheduled_predicates": 1, "future_auxiliaries": 1,
    "summary_connectors": 1, "verb_roles": 2, "date_names": 1,
}


def test_every_lexicon_is_known():
    assert set(LEXICONS) == set(COLUMNS)


@pytest.mark.parametrize("name", LEXICONS)
def test_forms_are_in_matching_spelling(name):
    for row in read_rows(name):
        form = row[0]
        assert form == fold(form), f"{name}: «{form}» is not normalized (expected «{fold(form)}»)"
        assert form == form.strip() and "  " not in form, f"{name}: stray spaces in «{form}»"


@pytest.mark.parametrize("name", LEXICONS)
def test_rows_have_their_columns(name):
    for row in read_rows(name):
        assert len(row) >= COLUMNS[name], f"{name}: {row} has {len(row)} columns, wants {COLUMNS[name]}"


@pytest.mark.parametrize("name", LEXICONS)
def test_no_form_maps_to_two_values(name):
    """Forms are compared as the engine matches them, spaces optional: this is
    what catches «دو شنبه» filed under two different days."""
    seen: dict[str, tuple[str, ...]] = {}
    for row in read_rows(name):
        k = key(row[0])
        value = tuple(row[1:])
        assert k not in seen, f"{name}: «{row[0]}» listed twice ({seen[k]} and {value})"
        seen[k] = value


def test_month_numbers_and_flags():
    counts: dict[str, set[int]] = {}
    for form, calendar, month, ambiguous in read_rows("months"):
        assert calendar in ("jalali", "gregorian", "hijri"), form
        assert 1 <= int(month) <= 12, form
        assert ambiguous in ("0", "1", "2", "3"), form
        counts.setdefault(calendar, set()).add(int(month))
    for calendar, months in counts.items():
        assert months == set(range(1, 13)), f"{calendar} months missing: {set(range(1, 13)) - months}"


def test_weekdays_cover_the_week():
    assert {int(r[1]) for r in read_rows("weekdays")} == set(range(7))


def test_a_word_is_not_two_kinds_of_date_word():
    """A form may not be both a month and a weekday, season or unit."""
    kinds = {name: {key(r[0]) for r in read_rows(name)}
             for name in ("months", "weekdays", "seasons", "units", "relative_words")}
    names = list(kinds)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not kinds[a] & kinds[b], f"{a} and {b} share {kinds[a] & kinds[b]}"


def test_number_words_values():
    for form, value, kind in read_rows("number_words"):
        assert kind in ("cardinal", "ordinal"), form
        assert 1 <= int(value) <= 1000, form


def test_modifier_parts():
    for form, mod, part in read_rows("modifiers"):
        assert mod in ("START", "MID", "END", "APPROX", "BEFORE", "AFTER"), form
        assert part in ("third", "half", "whole"), form


def test_recurring_words_say_where_they_stand():
    assert {r[1] for r in read_rows("recurring_words")} <= {"right", "before", "after", "both"}


def test_verb_roles_are_known():
    roles = {role for r in read_rows("verb_roles") for role in r[1].split(",")}
    assert roles == {"state", "perfect", "person", "progressive", "state-stem"}
