"""Mentions and events read back from their JSON records (``core.export``).

The archive keeps each mention and event as the record ``extract --format
json`` writes, so that fields added to the contract later travel through it
untouched: a record is turned back into a value by the value's own fields,
whatever they are, and a field the record lacks keeps its default.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date
from typing import Any

from core.model import Event, Mention, Sentence, Source

_SPANS = frozenset({"span"})
_DATES = frozenset({"start", "end"})


def _value(name: str, value: Any) -> Any:
    if name in _SPANS and isinstance(value, list):
        return (value[0], value[1])
    if name in _DATES and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _build(cls: type, record: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    kwargs = {}
    for f in fields(cls):
        if f.name in skip:
            continue
        if f.name in record:
            kwargs[f.name] = _value(f.name, record[f.name])
        elif f.default is MISSING and f.default_factory is MISSING:
            kwargs[f.name] = None
    return kwargs


def sentence_from_record(record: dict[str, Any]) -> Sentence:
    return Sentence(index=record["index"], span=(record["span"][0], record["span"][1]), text=record["text"])


def mention_from_record(record: dict[str, Any], same_as: int | None = None) -> Mention:
    """``same_as``: the index the record's ``same_as`` span has in its document's mentions."""
    kwargs = _build(Mention, record, skip=frozenset({"same_as"}))
    return Mention(**kwargs, same_as=same_as)


def mentions_from_records(records: list[dict[str, Any]]) -> list[Mention]:
    """One document's mentions, ``same_as`` (written as a span) pointing by index again."""
    index = {(r["span"][0], r["span"][1]): k for k, r in enumerate(records)}
    return [mention_from_record(r, index.get(tuple(r["same_as"])) if r.get("same_as") else None)
            for r in records]


def event_from_record(record: dict[str, Any]) -> Event:
    kwargs = _build(Event, record, skip=frozenset({"date", "sentence", "sources"}))
    return Event(**kwargs,
                 date=mention_from_record(record["date"]),
                 sentence=sentence_from_record(record["sentence"]),
                 sources=[Source(s["document"], sentence_from_record(s["sentence"])) for s in record["sources"]])
