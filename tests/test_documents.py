"""Reading inputs: encodings, .txt titles and sources, JSON Lines, folders, stdin."""

from __future__ import annotations

import io
import json
import os
import random
import sys
from datetime import date
from pathlib import Path

import pytest

import core.documents as documents
from core.documents import Problem, iter_documents, parse_date, text_document
from core.model import Document

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "etemadonline-688273.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")

# An article written for these tests: Persian ی/ک, ZWNJs, Persian digits, CRLF endings.
OWN_TEXT = (
    "کاهش بارش‌ها در استان فارس\r\n"
    "\r\n"
    "به گفته کارشناسان هواشناسی، بارندگی از اول مهر ۱۴۰۲ تا پایان آذر همان سال "
    "نسبت به دوره مشابه سال گذشته ۳۰ درصد کمتر بوده است.\r\n"
    "کشاورزان می‌گویند اگر تا اسفند باران نبارد، کشت گندم دیم در خطر است.\r\n"
    "منبع : روزنامه نمونه\r\n"
)
OWN_TITLE = "کاهش بارش‌ها در استان فارس"
OWN_SOURCE = "روزنامه نمونه"

# Windows-1256 has Arabic ي/ك but not Persian ی, nor Persian digits: a cp1256
# file holds the same article spelled that way (as Persian cp1256 files do).
CP1256_SPELLING = str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789")

FRENCH = "Le président a annoncé à Genève que les négociations reprendront à l'été.\nÇa commence déjà.\n"


def only_documents(items: list) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), [str(i) for i in items if isinstance(i, Problem)]
    return items


def read(paths: list[str], stdin: io.BytesIO | None = None) -> list[Document | Problem]:
    return list(iter_documents(paths, stdin))


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


# --- encodings -------------------------------------------------------------------

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16-le BOM": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
}


@pytest.mark.parametrize("text", [SEED_TEXT, OWN_TEXT], ids=["seed", "own"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_each_encoding_decodes_to_the_utf8_text(tmp_path, text, encoding):
    reference, = only_documents(read([write(tmp_path, "ref/a.txt", text.encode("utf-8"))]))
    doc, = only_documents(read([write(tmp_path, "enc/a.txt", ENCODINGS[encoding](text))]))
    assert doc.text == reference.text == text
    assert (doc.title, doc.source, doc.body_start) == (reference.title, reference.source, reference.body_start)


@pytest.mark.parametrize("text", [SEED_TEXT, OWN_TEXT], ids=["seed", "own"])
def test_windows_1256_decodes_to_the_same_text_as_utf8(tmp_path, text):
    spelled = text.translate(CP1256_SPELLING)
    reference, = only_documents(read([write(tmp_path, "ref/a.txt", spelled.encode("utf-8"))]))
    doc, = only_documents(read([write(tmp_path, "cp/a.txt", spelled.encode("cp1256"))]))
    assert doc.text == reference.text == spelled
    assert (doc.title, doc.source, doc.body_start) == (reference.title, reference.source, reference.body_start)
    assert doc.source != "" and doc.title != ""


def test_seed_title_source_and_body_start():
    doc, = only_documents(read([str(SEED)]))
    assert doc.id == "etemadonline-688273"
    assert doc.title == SEED_TEXT.splitlines()[0].strip()
    assert doc.source == "etemadonline-688273"
    assert doc.body_start == len(SEED_TEXT.splitlines(keepends=True)[0])
    assert doc.published is None and doc.path == str(SEED)


def test_own_text_keeps_crlf_and_finds_title_and_source(tmp_path):
    doc, = only_documents(read([write(tmp_path, "farsrain.txt", OWN_TEXT.encode("utf-8"))]))
    assert doc.text == OWN_TEXT and "\r\n" in doc.text
    assert (doc.id, doc.title, doc.source) == ("farsrain", OWN_TITLE, OWN_SOURCE)
    assert doc.text[doc.body_start:].startswith("\r\nبه گفته")


def _random_bytes(seed: int, size: int, with_nul: bool) -> bytes:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(size))
    return data if with_nul else data.replace(b"\x00", b"\x01")


REFUSED = [
    ("random binary", _random_bytes(1, 4096, True), "binary file"),
    ("random bytes without NUL", _random_bytes(2, 4096, False), "not UTF-8, UTF-16 or Windows-1256 text"),
    ("Latin-1 French", FRENCH.encode("latin-1"), "not UTF-8, UTF-16 or Windows-1256 text"),
    ("Windows-1252 German", "Grüße aus München, schöne Straße.\n".encode("cp1252"), "not UTF-8, UTF-16 or Windows-1256 text"),
    ("cp1256 with control bytes", "خبر\x02\x03 فوري".encode("cp1256") + b"\xe1", "not UTF-8, UTF-16 or Windows-1256 text"),
    ("UTF-8 with NUL", "خبر\x00فوری".encode("utf-8"), "binary file"),
    ("UTF-32 with BOM", "خبر فوری".encode("utf-32"), "binary file"),
    ("UTF-8 BOM, bad bytes", b"\xef\xbb\xbf\xd8\xae\xff\xfe", "not valid UTF-8 text despite its byte order mark"),
    ("UTF-16 BOM, odd length", b"\xff\xfe\x2e\x06\x31", "not valid UTF-16 text despite its byte order mark"),
    ("empty", b"", "empty file"),
    ("whitespace only", b" \n\t\r\n  \n", "empty file"),
    ("BOM and ZWNJ only", "\ufeff\u200c \n".encode("utf-8"), "empty file"),
    ("UTF-16 BOM only", b"\xff\xfe", "empty file"),
]


@pytest.mark.parametrize("name, data, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_inputs_give_one_problem(tmp_path, name, data, message):
    path = write(tmp_path, "in.txt", data)
    assert read([path]) == [Problem(path, None, message)]


def test_french_in_latin1_is_not_turned_into_mojibake(tmp_path):
    # cp1256 maps every byte, so only the script check stands between this and garbage.
    assert all(isinstance(r, Problem) for r in read([write(tmp_path, "fr.txt", FRENCH.encode("latin-1"))]))
    assert only_documents(read([write(tmp_path, "fr8.txt", FRENCH.encode("utf-8"))]))[0].text == FRENCH


def test_huge_text_file_is_refused_naming_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    problem, = read([str(path)])
    assert problem == Problem(str(path), None, "file is 65 MiB, larger than the 64 MiB limit for one article")


# --- titles and sources ---------------------------------------------------------

TITLE_CASES = [
    # text, title, source, text after body_start begins with
    ("عنوان\nمتن خبر\nمنبع: ایرنا", "عنوان", "ایرنا", "متن"),
    ("\n\n  عنوان خبر  \r\nمتن\r\nمنبع:ایسنا  \r\n\r\n", "عنوان خبر", "ایسنا", "متن"),
    ("\u200c\n\u200fعنوان\rمتن\rمنبع : خبرگزاری مهر", "عنوان", "خبرگزاری مهر", "متن"),
    ("عنوان\nمتن\nمنـبع: تسنیم", "عنوان", "تسنیم", "متن"),            # kashida in the label
    ("عنوان\nمتن\nﻣﻨﺒﻊ: فارس", "عنوان", "فارس", "متن"),               # presentation forms
    ("عنوان\nمتن\n منبع ：همشهری ", "عنوان", "همشهری", "متن"),          # full-width colon
    ("عنوان\nمنبع: ایرنا\nادامه متن", "عنوان", "", "منبع"),             # not the last line
    ("عنوان\nمتن\nمنابع: ایرنا", "عنوان", "", "متن"),                  # another word
    ("عنوان\nمتن\nبه نقل از منبع: ایرنا", "عنوان", "", "متن"),          # label not first
    ("عنوان\nمتن\nمنبع ایرنا", "عنوان", "", "متن"),                    # no colon
    ("منبع: ایرنا", "منبع: ایرنا", "", ""),                           # the only line is the title
    ("فقط عنوان", "فقط عنوان", "", ""),
]


@pytest.mark.parametrize("text, title, source, body", TITLE_CASES)
def test_title_source_and_body_start(text, title, source, body):
    doc = text_document(text, "x", "x.txt")
    assert (doc.title, doc.source) == (title, source)
    assert doc.text == text
    assert doc.text[doc.body_start:].lstrip("\r\n").startswith(body)
    if not body:
        assert doc.body_start == len(text)


# --- JSON Lines ------------------------------------------------------------------

def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                   for r in records).encode("utf-8")


def summary(items: list) -> list[tuple]:
    return [("P", i.line, i.message) if isinstance(i, Problem) else ("D", i.id, i.published) for i in items]


def test_broken_lines_between_good_ones(tmp_path):
    path = write(tmp_path, "mixed.jsonl", jsonl(
        {"id": "a", "text": "خبر اول"},                   # 1
        "",                                                # 2 blank
        '{"text": "بی‌پایان"',                             # 3
        {"text": "بدون شناسه", "extra": [1, 2]},           # 4
        [1, 2],                                            # 5
        {"title": "بی‌متن"},                               # 6
        {"text": 5},                                       # 7
        "   ",                                             # 8 blank
        {"id": "b", "text": "خبر دوم", "date": "1404/12/30"},  # 9
        "null",                                            # 10
        {"id": True, "text": "خبر"},                       # 11
        {"id": 42, "text": "خبر سوم", "title": None},      # 12
        {"text": "خبر", "title": ["x"]},                   # 13
        {"id": "c", "text": "خبر چهارم", "date": "2024-11-30"},  # 14
    ))
    assert summary(read([path])) == [
        ("D", "a", None),
        ("P", 3, "not valid JSON: Expecting ',' delimiter (column 20)"),
        ("D", "mixed:4", None),
        ("P", 5, "expected a JSON object, got array"),
        ("P", 6, 'missing "text"'),
        ("P", 7, '"text" must be a string, got number'),
        ("P", 9, "not a date: '1404/12/30' (Jalali 1404/12 has 29 days); read without a publication date"),
        ("D", "b", None),
        ("P", 10, "expected a JSON object, got null"),
        ("P", 11, '"id" must be a string, got true'),
        ("D", "42", None),
        ("P", 13, '"title" must be a string, got array'),
        ("D", "c", date(2024, 11, 30)),
    ]
    assert str(read([path])[1]) == f"{path}:3: not valid JSON: Expecting ',' delimiter (column 20)"


JSONL_DATES = [
    ("1403-09-07", date(2024, 11, 27)),
    ("1403/09/07", date(2024, 11, 27)),
    ("۱۴۰۳/۰۹/۰۷", date(2024, 11, 27)),
    ("١٤٠٣-٠٩-٠٧", date(2024, 11, 27)),
    ("1403/12/30", date(2025, 3, 20)),
    ("1391-12-22", date(2013, 3, 12)),
    ("2024-11-27", date(2024, 11, 27)),
    ("2024/11/27", date(2024, 11, 27)),
    ("۲۰۲۴-۱۱-۲۷", date(2024, 11, 27)),
    ("2024-11-27T08:15:00Z", date(2024, 11, 27)),
    ("2024-11-27 08:15", date(2024, 11, 27)),
    (" 2024-11-27 ", date(2024, 11, 27)),
    (None, None),
]


@pytest.mark.parametrize("value, expected", JSONL_DATES)
def test_jsonl_dates(tmp_path, value, expected):
    doc, = only_documents(read([write(tmp_path, "d.ndjson", jsonl({"text": "خبر", "date": value}))]))
    assert doc.published == expected


BAD_DATES = [
    ("1404/12/30", "Jalali 1404/12 has 29 days"),
    ("1403-13-01", "no Jalali month 13"),
    ("1403-00-10", "no Jalali month 0"),
    ("2024-02-30", "day is out of range for month"),
    ("2023-13-01", "month must be in 1..12"),
    ("27/11/2024", "expected YYYY-MM-DD"),
    ("1403-09/07", "expected YYYY-MM-DD"),
    ("24-11-27", "expected YYYY-MM-DD"),
    ("2024-11-27 garbage", "expected YYYY-MM-DD"),
    ("۷ آذر ۱۴۰۳", "expected YYYY-MM-DD"),
    ("", "expected YYYY-MM-DD"),
]


@pytest.mark.parametrize("value, reason", BAD_DATES)
def test_parse_date_refuses_with_a_clear_message(value, reason):
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value).startswith(f"not a date: {value!r}") and reason in str(error.value)


@pytest.mark.parametrize("value, expected", [v for v in JSONL_DATES if v[0] is not None])
def test_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


def test_bad_date_type_keeps_the_document(tmp_path):
    path = write(tmp_path, "d.jsonl", jsonl({"id": "x", "text": "خبر", "date": 20241127}))
    assert summary(read([path])) == [
        ("P", 1, "not a date: 20241127 (expected a string); read without a publication date"),
        ("D", "x", None)]


def test_jsonl_text_title_source_kept_exactly(tmp_path):
    record = {"id": "r1", "title": " عنوان ", "source": "ایرنا", "text": "\ufeffسطر اول\r\nسطر دوم\n"}
    doc, = only_documents(read([write(tmp_path, "r.JSONL", jsonl(record))]))
    assert (doc.text, doc.title, doc.source, doc.body_start) == (record["text"], " عنوان ", "ایرنا", 0)


JSONL_ENCODINGS = [
    ("utf-8 BOM", lambda b: b"\xef\xbb\xbf" + b),
    ("utf-16-le BOM", lambda b: b.decode("utf-8").encode("utf-16")),
    ("utf-16-be BOM", lambda b: b"\xfe\xff" + b.decode("utf-8").encode("utf-16-be")),
    ("CRLF", lambda b: b.replace(b"\n", b"\r\n")),
]


@pytest.mark.parametrize("name, encode", JSONL_ENCODINGS, ids=[e[0] for e in JSONL_ENCODINGS])
def test_jsonl_encodings(tmp_path, name, encode):
    data = jsonl({"id": "a", "text": "خبر اول"}, {"id": "b", "text": "خبر دوم", "date": "1403-09-07"})
    assert summary(read([write(tmp_path, "e.jsonl", encode(data))])) == [
        ("D", "a", None), ("D", "b", date(2024, 11, 27))]


def test_jsonl_line_in_windows_1256_is_decoded_and_latin1_refused(tmp_path):
    persian = json.dumps({"id": "w", "text": "خبر فوري از تهران"}, ensure_ascii=False).encode("cp1256")
    french = json.dumps({"id": "f", "text": "négociations à Genève"}, ensure_ascii=False).encode("latin-1")
    path = write(tmp_path, "w.jsonl", persian + b"\n" + french + b"\n" + jsonl({"id": "u", "text": "خبر"}))
    items = read([path])
    assert summary(items) == [("D", "w", None), ("P", 2, "not UTF-8 or Windows-1256 text"), ("D", "u", None)]
    assert items[0].text == "خبر فوري از تهران"


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"\n \n\r\n", "empty file"),
    (b'{"text": "x"}\x00\x00\x00garbage', "binary file"),
])
def test_jsonl_refused_whole(tmp_path, data, message):
    path = write(tmp_path, "bad.jsonl", data)
    assert read([path]) == [Problem(path, None, message)]


def test_many_bad_lines_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_LINE_PROBLEMS", 3)
    path = write(tmp_path, "junk.jsonl", jsonl(*(["nope"] * 5), {"id": "ok", "text": "خبر"}, "nope"))
    assert summary(read([path])) == [
        ("P", 1, "not valid JSON: Expecting value (column 1)"),
        ("P", 2, "not valid JSON: Expecting value (column 1)"),
        ("P", 3, "not valid JSON: Expecting value (column 1)"),
        ("D", "ok", None),
        ("P", None, "3 more bad lines not listed (6 in all)"),
    ]


def test_oversized_jsonl_line_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_BYTES", 200)
    monkeypatch.setattr(documents, "_CHUNK", 64)
    path = write(tmp_path, "big.jsonl", jsonl({"id": "a", "text": "الف"}, {"id": "b", "text": "ب" * 300},
                                              {"id": "c", "text": "ج" * 50}))
    assert summary(read([path])) == [
        ("D", "a", None), ("P", 2, "line larger than the 200 bytes limit for one article"), ("D", "c", None)]


def test_ten_thousand_lines_are_all_read_in_order(tmp_path):
    records = [{"id": f"n{i}", "text": f"خبر شماره {i}", "date": "1403-09-07"} for i in range(10_000)]
    docs = only_documents(read([write(tmp_path, "big.jsonl", jsonl(*records))]))
    assert [d.id for d in docs] == [r["id"] for r in records]
    assert docs[-1].text == "خبر شماره 9999" and docs[-1].published == date(2024, 11, 27)


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_jsonl_is_streamed_not_read_whole():
    data = jsonl(*({"id": f"n{i}", "text": "خبر " * 20} for i in range(10_000)))
    stream = CountingStream(data)
    items = iter_documents(["-"], stream)
    first = next(items)
    assert first.id == "n0"
    assert stream.bytes_read < len(data) / 10
    assert sum(1 for _ in items) == 9_999 and stream.bytes_read == len(data)


# --- paths, folders, stdin ---------------------------------------------------------

def test_folder_is_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    write(tmp_path, "b.txt", "عنوان ب\nمتن".encode())
    write(tmp_path, "a/z.jsonl", jsonl({"id": "az", "text": "خبر"}))
    write(tmp_path, "a/c.TXT", "عنوان ج\nمتن".encode())
    write(tmp_path, "a/deep/d.ndjson", jsonl({"text": "خبر"}))
    write(tmp_path, "a/notes.md", "یادداشت".encode())
    write(tmp_path, ".hidden/h.txt", "پنهان".encode())
    write(tmp_path, "a/.h.txt", "پنهان".encode())
    docs = only_documents(read([str(tmp_path)]))
    assert [d.id for d in docs] == ["c", "d:1", "az", "b"]
    assert docs[0].path == str(tmp_path / "a" / "c.TXT")


@pytest.mark.parametrize("files", [[], ["notes.md"], [".hidden.txt"]])
def test_folder_with_nothing_to_read(tmp_path, files):
    for name in files:
        write(tmp_path, name, "متن".encode())
    assert read([str(tmp_path)]) == [Problem(str(tmp_path), None, "no .txt, .jsonl or .ndjson files in this folder")]


def test_explicit_file_with_another_extension_is_text(tmp_path):
    doc, = only_documents(read([write(tmp_path, "article.md", "عنوان\n{متن}".encode())]))
    assert (doc.id, doc.title, doc.text) == ("article", "عنوان", "عنوان\n{متن}")


def test_unreadable_paths_give_problems_and_reading_goes_on(tmp_path, monkeypatch):
    good = write(tmp_path, "good.txt", "عنوان\nمتن".encode())
    missing = str(tmp_path / "missing.txt")
    under_file = str(Path(good) / "inner.txt")
    items = read([missing, good, under_file])
    assert summary(items) == [
        ("P", None, "cannot read: no such file or directory"),
        ("D", "good", None),
        ("P", None, "cannot read: not a directory"),
    ]

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(documents, "open", denied, raising=False)
    assert read([good]) == [Problem(good, None, "cannot read: permission denied")]


STDIN_CASES = [
    # input bytes, expected summary
    ("عنوان\nمتن خبر\nمنبع: ایرنا\n".encode(), [("D", "stdin", None)]),
    (b"  \n\t" + jsonl({"text": "خبر", "date": "2024-11-27"}, "oops"),
     [("D", "stdin:2", date(2024, 11, 27)), ("P", 3, "not valid JSON: Expecting value (column 1)")]),
    (jsonl({"id": "u", "text": "خبر"}).decode().encode("utf-16"), [("D", "u", None)]),
    (b"\xef\xbb\xbf" + jsonl({"id": "b", "text": "خبر"}), [("D", "b", None)]),
    ("[فهرست] عنوان\nمتن".encode(), [("D", "stdin", None)]),
    (b"", [("P", None, "empty file")]),
    (b"   \n", [("P", None, "empty file")]),
    (FRENCH.encode("latin-1"), [("P", None, "not UTF-8, UTF-16 or Windows-1256 text")]),
]


@pytest.mark.parametrize("data, expected", STDIN_CASES)
def test_stdin(data, expected):
    items = read(["-"], io.BytesIO(data))
    assert summary(items) == expected
    assert all(i.path == "-" for i in items)


def test_stdin_text_document_fields():
    doc, = only_documents(read(["-"], io.BytesIO("عنوان\r\nمتن خبر\r\nمنبع: ایرنا".encode())))
    assert (doc.id, doc.title, doc.source, doc.text) == ("stdin", "عنوان", "ایرنا", "عنوان\r\nمتن خبر\r\nمنبع: ایرنا")


def test_stdin_defaults_to_the_process_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl({"id": "s", "text": "خبر"}))))
    assert summary(read(["-"])) == [("D", "s", None)]


def test_reading_leaves_files_unchanged(tmp_path):
    paths = [write(tmp_path, "a.txt", OWN_TEXT.encode("utf-16")),
             write(tmp_path, "b.jsonl", jsonl({"text": "خبر"}, "broken")),
             write(tmp_path, "c.txt", OWN_TEXT.translate(CP1256_SPELLING).encode("cp1256"))]
    past = 1_600_000_000_000_000_000
    for path in paths:
        os.utime(path, ns=(past, past))
    before = {p: (Path(p).read_bytes(), os.stat(p).st_mtime_ns, os.stat(p).st_mode) for p in paths}
    assert len(read(paths + [str(tmp_path)])) == 8
    assert {p: (Path(p).read_bytes(), os.stat(p).st_mtime_ns, os.stat(p).st_mode) for p in paths} == before


# --- problems -------------------------------------------------------------------------

@pytest.mark.parametrize("problem, shown", [
    (Problem("a.jsonl", 7, "not valid JSON"), "a.jsonl:7: not valid JSON"),
    (Problem("a.txt", None, "empty file"), "a.txt: empty file"),
    (Problem("evil\x1b[2J.txt", None, "bad \x9b31m"), "evil\\x1b[2J.txt: bad \\x9b31m"),
    (Problem("-", 2, "خط\nدوم"), "-:2: خط\\nدوم"),
])
def test_problem_is_one_safe_line(problem, shown):
    assert str(problem) == shown


@pytest.mark.parametrize("fields, source", [
    ({"source": "ایرنا", "url": "https://www.farsnews.ir/news/1"}, "ایرنا"),   # given: kept
    ({"url": "https://www.farsnews.ir/news/13911222000865/x"}, "farsnews.ir"),  # none: the url's site
    ({"url": "https://varzesh3.com/news/1"}, "varzesh3.com"),
    ({"url": "not a url"}, ""),
    ({}, ""),
])
def test_a_record_keeps_its_provenance_and_names_its_site_when_it_has_no_source(tmp_path, fields, source):
    record = {"id": "a", "text": "متن", "cat": "ورزشی", "tags": ["فوتبال", "لیگ"], **fields}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = list(iter_documents([str(path)]))
    assert doc.source == source
    assert (doc.url, doc.category, doc.tags, doc.line) == (fields.get("url", ""), "ورزشی", ("فوتبال", "لیگ"), 1)
