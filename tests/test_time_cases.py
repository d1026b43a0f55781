"""Every row of tests/cases/*.jsonl, run through ``core.timex.find_mentions``.

The tables are the specification of the time engine (format in
tests/cases/README.md, conventions in docs/time-expressions.md): for each
sentence the engine must find exactly the listed mentions, in order, with
the listed spans and values.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from core.model import CALENDARS, GRANULARITIES, MODS, TYPES, Mention

CASES_DIR = Path(__file__).parent / "cases"
ROW_KEYS = {"text", "dct", "expected", "note"}
MENTION_KEYS = {"text", "start", "end", "granularity", "mod", "calendar", "relative"}
OPTIONAL_MENTION_KEYS = {"occurrence", "same_as", "disagrees", "time", "type", "value"}
# The types a file checks (its rows list every mention of these types, and
# only those): one file per dimension; every other file is about dates (and
# the times of day that stand alone).
DIMENSIONS = {"durations.jsonl": ("duration",), "sets.jsonl": ("set",), "times.jsonl": ("time",)}
DEFAULT_DIMENSION = ("date", "time")
MIN_ROWS = 400
MIN_NEGATIVES = 80


@dataclass(frozen=True)
class Case:
    id: str  # "file.jsonl:line"
    types: tuple[str, ...]
    text: str
    dct: date | None
    expected: list[dict[str, Any]]
    note: str


def _row_problems(row: Any) -> list[str]:
    """What is wrong with one parsed row (empty when it is well formed)."""
    if not isinstance(row, dict):
        return ["row is not a JSON object"]
    problems = []
    if set(row) != ROW_KEYS:
        problems.append(f"keys {sorted(row)} != {sorted(ROW_KEYS)}")
        return problems
    if not isinstance(row["text"], str) or not row["text"]:
        problems.append("text must be a non-empty string")
    if not isinstance(row["note"], str) or not row["note"].strip():
        problems.append("note must say why the row exists")
    if row["dct"] is not None:
        try:
            date.fromisoformat(row["dct"])
        except (TypeError, ValueError):
            problems.append(f"dct {row['dct']!r} is not YYYY-MM-DD or null")
    if not isinstance(row["expected"], list):
        return problems + ["expected must be a list"]
    for k, e in enumerate(row["expected"]):
        problems += [f"expected[{k}]: {p}" for p in _mention_problems(e, k)]
    return problems


def _mention_problems(e: Any, index: int) -> list[str]:
    if not isinstance(e, dict):
        return ["not a JSON object"]
    missing, unknown = MENTION_KEYS - set(e), set(e) - MENTION_KEYS - OPTIONAL_MENTION_KEYS
    if missing or unknown:
        return [f"missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"]
    problems = []
    if e["start"] is None or e["end"] is None:
        if not (e["start"] is None and e["end"] is None and isinstance(e.get("value"), str)):
            problems.append("unknown days: start and end both null, and a value")
    else:
        try:
            if date.fromisoformat(e["start"]) > date.fromisoformat(e["end"]):
                problems.append("start is after end")
        except (TypeError, ValueError):
            problems.append("start/end must be YYYY-MM-DD or null")
    if e.get("type", "date") not in TYPES:
        problems.append(f"type {e.get('type')!r} not in {TYPES}")
    if e["granularity"] not in GRANULARITIES:
        problems.append(f"granularity {e['granularity']!r} not in {GRANULARITIES}")
    if e["mod"] is not None and e["mod"] not in MODS:
        problems.append(f"mod {e['mod']!r} not in {MODS}")
    if e["calendar"] not in CALENDARS:
        problems.append(f"calendar {e['calendar']!r} not in {CALENDARS}")
    if not isinstance(e["relative"], bool):
        problems.append("relative must be true or false")
    if "same_as" in e and not (isinstance(e["same_as"], int) and 0 <= e["same_as"] < index):
        problems.append("same_as must index an earlier expected mention")
    if "disagrees" in e and not isinstance(e["disagrees"], bool):
        problems.append("disagrees must be true or false")
    if "occurrence" in e and not (isinstance(e["occurrence"], int) and e["occurrence"] >= 1):
        problems.append("occurrence must be an integer ≥ 1")
    return problems


def load_cases(directory: Path = CASES_DIR) -> tuple[list[Case], list[str]]:
    """All well-formed rows, and one line per malformed row ("file:line: problem")."""
    cases: list[Case] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                problems.append(f"{where}: empty line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(f"{where}: invalid JSON ({err.msg} at column {err.colno})")
                continue
            row_problems = _row_problems(row)
            if row_problems:
                problems += [f"{where}: {p}" for p in row_problems]
                continue
            dct = date.fromisoformat(row["dct"]) if row["dct"] else None
            cases.append(Case(where, DIMENSIONS.get(path.name, DEFAULT_DIMENSION), row["text"], dct, row["expected"], row["note"]))
    return cases, problems


CASES, PROBLEMS = load_cases()


def expected_span(text: str, e: dict[str, Any]) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) occurrence of ``e["text"]`` in ``text``."""
    start = -1
    for _ in range(e.get("occurrence", 1)):
        start = text.find(e["text"], start + 1)
        if start < 0:
            return None
    return start, start + len(e["text"])


def describe_expected(text: str, e: dict[str, Any]) -> dict[str, Any]:
    d = {"span": expected_span(text, e), "text": e["text"], "start": e["start"], "end": e["end"],
         "granularity": e["granularity"], "mod": e["mod"], "calendar": e["calendar"],
         "relative": e["relative"], "same_as": e.get("same_as"), "disagrees": e.get("disagrees", False)}
    for optional in ("time", "type", "value"):
        if optional in e:
            d[optional] = e[optional]
    return d


def describe_found(text: str, m: Mention, checked: set[str]) -> dict[str, Any]:
    a, b = m.span
    d = {"span": (a, b), "text": text[a:b], "start": m.start and m.start.isoformat(),
         "end": m.end and m.end.isoformat(),
         "granularity": m.granularity, "mod": m.mod, "calendar": m.calendar, "relative": m.relative,
         "same_as": m.same_as, "disagrees": m.disagrees}
    for optional in checked:
        d[optional] = getattr(m, optional)
    return d


def render(d: dict[str, Any]) -> str:
    extra = "".join(f" {k}={d[k]}" for k in ("same_as", "time", "type", "value") if d.get(k) is not None)
    extra += " disagrees" if d["disagrees"] else ""
    span = d["span"] or ("?", "?")
    rel = " relative" if d["relative"] else ""
    return (f"«{d['text']}» [{span[0]}:{span[1]}] {d['start']}..{d['end']} {d['granularity']}"
            f" mod={d['mod']} {d['calendar']}{rel}{extra}")


@pytest.fixture(scope="module")
def find_mentions() -> Callable[[str, date | None], list[Mention]]:
    from core.timex import find_mentions as engine

    return engine


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, find_mentions: Callable[[str, date | None], list[Mention]]) -> None:
    every = find_mentions(case.text, case.dct)
    mentions = [m for m in every if m.type in case.types]
    for m in every:
        a, b = m.span
        assert m.text == case.text[a:b], f"{case.id}: mention text {m.text!r} does not quote span {m.span}"
    expected = [describe_expected(case.text, e) for e in case.expected]
    found = []
    for i, m in enumerate(mentions):
        # «time», «type» and «value» are compared only where the table gives them.
        checked = {k for k in ("time", "type", "value") if i < len(expected) and k in expected[i]}
        found.append(describe_found(case.text, m, checked))
    if found != expected:
        diff = "\n".join(line.rstrip("\n")
                         for line in difflib.ndiff([render(d) for d in expected], [render(d) for d in found]))
        pytest.fail(
            f"{case.id}: {case.note}\n  text: {case.text}\n  dct:  {case.dct}\n"
            f"  (- expected, + found)\n{diff}",
            pytrace=False,
        )


# --- the tables themselves ------------------------------------------------------------


def test_every_row_is_well_formed() -> None:
    assert not PROBLEMS, "malformed rows:\n" + "\n".join(PROBLEMS)


def test_tables_are_big_enough() -> None:
    negatives = [c for c in CASES if not c.expected]
    assert len(CASES) >= MIN_ROWS, f"{len(CASES)} rows, want ≥ {MIN_ROWS}"
    assert len(negatives) >= MIN_NEGATIVES, f"{len(negatives)} negative rows, want ≥ {MIN_NEGATIVES}"


def test_expected_texts_quote_their_row_in_order() -> None:
    bad = []
    for case in CASES:
        end = 0
        for k, e in enumerate(case.expected):
            span = expected_span(case.text, e)
            if span is None:
                bad.append(f"{case.id}: expected[{k}] «{e['text']}» (occurrence {e.get('occurrence', 1)}) not in text")
            elif span[0] < end:
                bad.append(f"{case.id}: expected[{k}] «{e['text']}» overlaps or precedes the previous one")
            else:
                end = span[1]
    assert not bad, "\n".join(bad)


def test_expected_texts_are_trimmed() -> None:
    # A span leaves out surrounding spaces and punctuation (docs/time-expressions.md).
    edge = set(" \u200c\n\t،.؛:()«»!؟")
    bad = [f"{c.id}: «{e['text']}»" for c in CASES for e in c.expected
           if e["text"][0] in edge or e["text"][-1] in edge]
    assert not bad, "spans with untrimmed edges:\n" + "\n".join(bad)


def test_rows_are_not_repeated() -> None:
    seen: dict[str, str] = {}
    repeats = []
    for c in CASES:
        if c.text in seen:
            repeats.append(f"{c.id} repeats {seen[c.text]}")
        seen.setdefault(c.text, c.id)
    assert not repeats, "\n".join(repeats)


def test_row_loader_reports_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "broken.jsonl").write_text(
        '{"text": "x", "dct": null, "expected": [], "note": "ok"}\n'
        '{"text": "x", "dct": "2024-13-01", "expected": [], "note": "bad date"}\n'
        '{"text": "x", "dct": null, "expected": [{"text": "x"}], "note": "short mention"}\n'
        "not json\n",
        encoding="utf-8",
    )
    cases, problems = load_cases(tmp_path)
    assert [c.id for c in cases] == ["broken.jsonl:1"]
    assert [p.split(":")[1] for p in problems] == ["2", "3", "4"]
