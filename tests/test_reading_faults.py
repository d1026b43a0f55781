"""Single records and file names that used to end a whole run: each is now one
Problem naming it, and the documents around it are read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.documents import Problem, iter_documents
from core.model import Document

ROOT = Path(__file__).resolve().parents[1]
GOOD = "دیروز ۱۲ آذر ۱۴۰۳ جلسه شورا برگزار شد."


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# (name, the JSON line, the problem's message or None if the record is read)
RECORDS = [
    ("surrogate in text", '{"id": "s", "text": "a \\ud800 b"}', '"text" holds a lone surrogate'),
    ("low surrogate in title", '{"id": "s", "title": "\\udfff", "text": "x"}', '"title" holds a lone surrogate'),
    ("surrogate in id", '{"id": "\\udc80", "text": "x"}', '"id" holds a lone surrogate'),
    ("surrogate in a tag", '{"id": "s", "tags": ["ok", "\\ud83d"], "text": "x"}', '"tags" holds a lone surrogate'),
    ("surrogate pair is a character", '{"id": "s", "text": "خبر \\ud83d\\ude00"}', None),
    ("deeply nested field", '{"id": "s", "text": "x", "extra": ' + nested(100_000) + "}", "nested too deeply"),
    ("deeply nested line", nested(100_000), "nested too deeply"),
    ("nested a little", '{"id": "s", "text": "x", "extra": ' + nested(50) + "}", None),
]


@pytest.mark.parametrize("name, line, message", RECORDS, ids=[r[0] for r in RECORDS])
def test_one_bad_record_is_one_problem_between_good_ones(tmp_path, name, line, message):
    path = tmp_path / "news.jsonl"
    good = [json.dumps({"id": f"g{n}", "text": GOOD}, ensure_ascii=False) for n in range(2)]
    path.write_text("\n".join([good[0], line, good[1]]) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)]))
    problems = [i for i in items if isinstance(i, Problem)]
    ids = [i.id for i in items if isinstance(i, Document)]
    if message is None:
        assert problems == [] and ids == ["g0", "s", "g1"]
    else:
        assert ids == ["g0", "g1"]
        assert len(problems) == 1 and problems[0].line == 2 and message in problems[0].message
        str(problems[0]).encode("utf-8")  # printable anywhere: no surrogate left in the line


def test_a_cp1256_line_nested_too_deeply_is_refused_not_fatal(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"\xe1" + nested(100_000).encode() + b"\n" + json.dumps({"id": "g", "text": GOOD}).encode() + b"\n")
    items = list(iter_documents([str(path)]))
    assert [type(i).__name__ for i in items] == ["Problem", "Document"]


# (file or folder name as bytes, read?)
NAMES = [
    (b"\xff\xfe.txt", False),
    (b"caf\xe9.txt", False),              # Latin-1, not UTF-8
    ("خبر.txt".encode(), True),           # UTF-8 Persian
    (b"plain.txt", True),
]


@pytest.mark.parametrize("name, read", NAMES, ids=[repr(n[0]) for n in NAMES])
def test_a_file_name_that_is_not_utf8_is_one_problem_in_a_folder(tmp_path, name, read):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-good.txt").write_text("خبر\n" + GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), name), "wb") as f:
        f.write(("عنوان\n" + GOOD).encode("utf-8"))
    items = list(iter_documents([str(folder)]))
    documents = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert "a-good" in [d.id for d in documents]
    if read:
        assert len(documents) == 2 and problems == []
    else:
        assert len(documents) == 1 and len(problems) == 1
        assert "not valid UTF-8" in problems[0].message
        str(problems[0]).encode("utf-8")


def test_a_folder_name_or_a_named_path_that_is_not_utf8_is_one_problem(tmp_path):
    base = os.fsencode(tmp_path)
    os.mkdir(os.path.join(base, b"bad\xff"))
    with open(os.path.join(base, b"bad\xff", b"inside.txt"), "wb") as f:
        f.write(("عنوان\n" + GOOD).encode("utf-8"))
    named = os.path.join(base, b"named\xff.txt")
    with open(named, "wb") as f:
        f.write(("عنوان\n" + GOOD).encode("utf-8"))
    (tmp_path / "good.txt").write_text("عنوان\n" + GOOD, encoding="utf-8")
    items = list(iter_documents([str(tmp_path), os.fsdecode(named)]))
    assert [i.id for i in items if isinstance(i, Document)] == ["good"]
    assert sorted("not valid UTF-8" in p.message for p in items if isinstance(p, Problem)) == [True, True, True]


def test_extract_prints_the_good_documents_and_names_the_bad_ones(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "g1", "text": GOOD}, ensure_ascii=False), RECORDS[0][1], RECORDS[5][1],
             json.dumps({"id": "g2", "text": GOOD}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"\xff.txt"), "wb") as f:
        f.write(("عنوان\n" + GOOD).encode("utf-8"))
    result = subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(path), str(folder), "--format", "json",
                             "--date", "2024-11-30"], capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1
    errors = result.stderr.decode("utf-8").splitlines()
    assert len(errors) == 3 and "Traceback" not in result.stderr.decode("utf-8")
    assert errors[0].endswith("news.jsonl:2: \"text\" holds a lone surrogate '\\ud800', not a character")
    assert errors[1].endswith("news.jsonl:3: not read: a value nested too deeply")
    assert "not valid UTF-8" in errors[2]
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["g1", "g2"]
