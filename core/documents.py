"""Reading inputs into ``Document`` values: .txt files, JSON Lines, folders, stdin.

Text is kept exactly as decoded (only a leading byte order mark goes; line
endings stay), so spans found later quote the file. Anything that cannot be
read becomes a ``Problem`` (one line for stderr) and reading goes on with the
next line or file: ``iter_documents`` never raises on bad input, and input
files are only ever opened for reading.

Choices:
- A JSON Lines record whose ``date`` cannot be read is kept with
  ``published=None``, after a Problem that says so: its text is still worth
  reading and the timeline can infer the date.
- JSON Lines files are read in chunks and yielded record by record, so an
  archive never sits in memory as a list. One .txt article (or one JSON line)
  is at most ``MAX_TEXT_BYTES``.
- After ``MAX_LINE_PROBLEMS`` bad lines in one file the rest are counted, not
  listed, so a file in the wrong format gives a screenful, not a flood.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from core.calendars import jalali_month_length, jalali_to_gregorian
from core.model import Document
from core.normalize import fold

MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_LINE_PROBLEMS = 50
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FOLDER_SUFFIXES = frozenset({".txt"}) | JSONL_SUFFIXES

_CHUNK = 64 * 1024
# (byte order mark, codec, name for messages)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# The label of a trailing source line, in matching spelling (see core.normalize).
_SOURCE_LABEL = "منبع"
_COLON = re.compile("[:：﹕]")
# One line with its ending (\r\n, \r or \n), or a last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\Z")
# Invisible marks that make a line look non-empty without any text in it.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Control characters a terminal would act on, and lone surrogates (a file
# name that is not UTF-8, or a JSON "\\ud800", which no output can encode):
# shown escaped in messages.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ALLOWED_C0 = frozenset("\t\n\r\f")


@dataclass(frozen=True)
class Problem:
    """Why an input (or one line of it) was not read, for one line of stderr."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return _escape_controls(f"{where}: {self.message}")


class _Unreadable(Exception):
    """Internal: the bytes are not text we accept; the message says why."""


class _BinaryFile(_Unreadable):
    def __init__(self) -> None:
        super().__init__("binary file")


def _escape_controls(text: str) -> str:
    # File names and quoted values are untrusted: never let them reach a terminal raw.
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _quote(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- dates -------------------------------------------------------------------

# fold() has made digits ASCII and letters lower case ("T" → "t", "Z" → "z").
_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
                   r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?")


def parse_date(value: str) -> date:
    """``2024-11-30`` (Gregorian) or ``1403-09-10`` / ``1403/09/10`` (Jalali).

    A year below 1700 is Jalali. Persian and Arabic-Indic digits are accepted,
    and a time after the date (``2024-11-30T08:15:00Z``) is ignored.
    Raises ValueError with a message that quotes the value.
    """
    match = _DATE.fullmatch(fold(value).strip())
    if match is None:
        raise ValueError(f"not a date: {_quote(value)} (expected YYYY-MM-DD, or Jalali like 1403-09-10 or 1403/09/10)")
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    if year < 1700:
        if year < 1 or not 1 <= month <= 12:
            raise ValueError(f"not a date: {_quote(value)} (no Jalali month {month} in year {year})")
        length = jalali_month_length(year, month)
        if not 1 <= day <= length:
            raise ValueError(f"not a date: {_quote(value)} (Jalali {year}/{month:02d} has {length} days)")
        return jalali_to_gregorian(year, month, day)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"not a date: {_quote(value)} ({error})") from None


# --- decoding ----------------------------------------------------------------

def _looks_arabic_script(text: str) -> bool:
    """Most letters Arabic-block and no stray control characters: the only
    evidence that a cp1256 decoding (which maps almost any byte) is right."""
    letters = arabic = 0
    for ch in text:
        if ch < " " and ch not in _ALLOWED_C0:
            return False
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06ff":
                arabic += 1
    return letters > 0 and arabic * 2 > letters


def _decode_text(data: bytes) -> str:
    """Bytes of one article → text, or _Unreadable with the reason."""
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8" and b"\x00" in data:
                raise _BinaryFile()
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise _Unreadable(f"not valid {name} text despite its byte order mark") from None
            if "\x00" in text:  # e.g. UTF-32, whose BOM starts like UTF-16's
                raise _BinaryFile()
            return text
    if b"\x00" in data:
        raise _BinaryFile()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if _looks_arabic_script(text):
        return text
    raise _Unreadable("not UTF-8, UTF-16 or Windows-1256 text")


def _is_blank(line: str) -> bool:
    return not line.strip().strip(_INVISIBLE).strip()


# --- .txt articles -------------------------------------------------------------

def _source_of(line: str) -> str | None:
    """The value of a «منبع: …» line, or None if the line is not one."""
    colon = _COLON.search(line)
    if colon is None:
        return None
    label = fold(unicodedata.normalize("NFKC", line[: colon.start()])).strip()
    return line[colon.end():].strip() if label == _SOURCE_LABEL else None


def text_document(text: str, doc_id: str, path: str) -> Document:
    """A .txt article: first non-empty line = title, trailing «منبع:» line = source."""
    lines = [m for m in _LINE.finditer(text) if not _is_blank(m.group())]
    title = source = ""
    body_start = 0
    if lines:
        first = lines[0]
        title = first.group().strip().strip(_INVISIBLE).strip()
        body_start = first.end()
        if len(lines) > 1:
            source = _source_of(lines[-1].group()) or ""
    return Document(id=doc_id, text=text, title=title, source=source, path=path, body_start=body_start)


def _read_text(chunks: Iterable[bytes], doc_id: str, path: str) -> Document | Problem:
    data = bytearray()
    for chunk in chunks:
        data += chunk
        if len(data) > MAX_TEXT_BYTES:
            return Problem(path, None, f"larger than the {_mib(MAX_TEXT_BYTES)} limit for one article")
    try:
        text = _decode_text(bytes(data))
    except _Unreadable as error:
        return Problem(path, None, str(error))
    if _is_blank(text):
        return Problem(path, None, "empty file")
    return text_document(text, doc_id, path)


def _mib(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MiB".replace(".0 MiB", " MiB")


# --- JSON Lines -----------------------------------------------------------------

def _json_type(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return {dict: "object", list: "array", str: "string"}.get(type(value), "number")


def _split_lines(chunks: Iterable[str] | Iterable[bytes], newline: str | bytes) -> Iterator:
    """Lines (with their newline) from chunks; None for a line over the size limit.
    A long line is kept as a list of pieces, joined once (no quadratic copying)."""
    empty = newline[:0]
    pending: list = []
    pending_size = 0
    oversize = False
    for chunk in chunks:
        *complete, last = chunk.split(newline)
        for piece in complete:
            yield None if oversize else empty.join(pending) + piece + newline
            pending, pending_size, oversize = [], 0, False
        if last and not oversize:
            pending.append(last)
            pending_size += len(last)
            if pending_size > MAX_TEXT_BYTES:
                pending, pending_size, oversize = [], 0, True
    if oversize:
        yield None
    elif pending:
        yield empty.join(pending)


def _decoded_lines(chunks: Iterator[bytes]) -> Iterator[str | None | _Unreadable]:
    """Text lines of a JSON Lines stream. UTF-16 (by BOM) is decoded as a stream;
    otherwise each line is decoded alone, so one bad line costs only itself."""
    first = next(chunks, b"")
    for bom, encoding, name in _BOMS:
        if first.startswith(bom):
            first = first[len(bom):]
            break
    else:
        encoding = "utf-8"
        if b"\x00" in first:
            yield _BinaryFile()
            return
    stream = _prepend(first, chunks)
    if encoding.startswith("utf-16"):
        try:
            yield from _split_lines(_decode_stream(stream, encoding), "\n")
        except UnicodeDecodeError:
            yield _Unreadable(f"not valid {name} text despite its byte order mark")
        return
    for raw in _split_lines(stream, b"\n"):
        if raw is None:
            yield None
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            # Windows-1256 only if the record's text reads as Arabic script.
            line = raw.decode("cp1256", errors="replace")
            yield line if _cp1256_record_ok(line) else _Unreadable("not UTF-8 or Windows-1256 text")


def _decode_stream(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)()
    for chunk in chunks:
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)  # a cut-off last character is an error


def _cp1256_record_ok(line: str) -> bool:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and isinstance(record.get("text"), str) and _looks_arabic_script(record["text"])


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _record(line: str, number: int, path: str, stem: str) -> Iterator[Document | Problem]:
    """One JSON line → its Document, or Problems (a bad date gives both)."""
    try:
        record = json.loads(line.rstrip("\r\n"))  # so error columns stay on this line
    except ValueError as error:
        detail = f"{error.msg} (column {error.colno})" if isinstance(error, json.JSONDecodeError) else str(error)
        yield Problem(path, number, f"not valid JSON: {detail}")
        return
    except RecursionError:
        yield Problem(path, number, "not read: a value nested too deeply")
        return
    if not isinstance(record, dict):
        yield Problem(path, number, f"expected a JSON object, got {_json_type(record)}")
        return
    text = record.get("text")
    if not isinstance(text, str):
        what = 'missing "text"' if text is None else f'"text" must be a string, got {_json_type(text)}'
        yield Problem(path, number, what)
        return
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None or doc_id == "":
        doc_id = f"{stem}:{number}"
    # «cat» is the common short name of a category (as in the Fars News dumps).
    category = record.get("category", record.get("cat"))
    fields = {"id": doc_id, "title": record.get("title"), "source": record.get("source"),
              "url": record.get("url"), "category": category}
    for name, value in fields.items():
        if value is None:
            fields[name] = value = ""
        if not isinstance(value, str):
            yield Problem(path, number, f'"{name}" must be a string, got {_json_type(value)}')
            return
    if not fields["source"] and fields["url"]:
        # No «source» field (the Fars News and Varzesh3 dumps): the site the url names.
        fields["source"] = _site(fields["url"])
    tags = record.get("tags")
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        yield Problem(path, number, f'"tags" must be a list of strings, got {_json_type(tags)}')
        return
    # JSON can escape half a character («\\ud800»); no output could encode it.
    for name, value in (("text", text), *fields.items(), *(("tags", t) for t in tags)):
        if (bad := _SURROGATE.search(value)) is not None:
            yield Problem(path, number, f'"{name}" holds a lone surrogate {_quote(bad.group())}, not a character')
            return
    published = None
    raw_date = record.get("date")
    if raw_date is not None:
        try:
            if not isinstance(raw_date, str):
                raise ValueError(f"not a date: {_quote(raw_date)} (expected a string)")
            published = parse_date(raw_date)
        except ValueError as error:
            yield Problem(path, number, f"{error}; read without a publication date")
    yield Document(id=fields["id"], text=text, title=fields["title"], source=fields["source"],
                   published=published, path=path, url=fields["url"], category=fields["category"],
                   tags=tuple(tags), line=number)


def _site(url: str) -> str:
    """«https://www.farsnews.ir/news/1» → «farsnews.ir»; "" when it names no host."""
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


def _read_jsonl(chunks: Iterator[bytes], path: str, stem: str) -> Iterator[Document | Problem]:
    bad_lines = 0
    seen_record = False
    for number, line in enumerate(_decoded_lines(chunks), start=1):
        if isinstance(line, _BinaryFile):
            yield Problem(path, None, "binary file")
            return
        if isinstance(line, str) and _is_blank(line):
            continue
        seen_record = True
        if line is None:
            results: list[Document | Problem] = [
                Problem(path, number, f"line larger than the {_mib(MAX_TEXT_BYTES)} limit for one article")]
        elif isinstance(line, _Unreadable):
            results = [Problem(path, number, str(line))]
        else:
            results = list(_record(line, number, path, stem))
        if any(isinstance(r, Problem) for r in results):
            bad_lines += 1
        for result in results:
            if isinstance(result, Document) or bad_lines <= MAX_LINE_PROBLEMS:
                yield result
    if not seen_record:
        yield Problem(path, None, "empty file")
    elif bad_lines > MAX_LINE_PROBLEMS:
        yield Problem(path, None, f"{bad_lines - MAX_LINE_PROBLEMS} more bad lines not listed ({bad_lines} in all)")


# --- paths, folders, stdin ---------------------------------------------------------

def _file_chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(_CHUNK):
        yield chunk


def _os_problem(path: str, error: OSError) -> Problem:
    reason = (error.strerror or str(error)).lower()
    return Problem(path, None, f"cannot read: {reason}")


def _read_file(path: str) -> Iterator[Document | Problem]:
    if (problem := _undecodable_name(path)) is not None:
        yield problem
        return
    try:
        handle = open(path, "rb")  # read-only, no lock: never alters the input
    except OSError as error:
        yield _os_problem(path, error)
        return
    with handle:
        suffix = Path(path).suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(_file_chunks(handle), path, Path(path).stem)
                return
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_TEXT_BYTES:
                yield Problem(path, None, f"file is {_mib(size)}, larger than the {_mib(MAX_TEXT_BYTES)} limit for one article")
                return
            yield _read_text(_file_chunks(handle), Path(path).stem, path)
        except OSError as error:  # e.g. EISDIR, EIO while reading
            yield _os_problem(path, error)


def _undecodable_name(path: str) -> Problem | None:
    """A Problem if ``path`` is not valid UTF-8 (Python keeps such bytes as lone
    surrogates): its documents could be read but never named in any output."""
    if _SURROGATE.search(path) is None:
        return None
    return Problem(path, None, "name is not valid UTF-8: rename it to read it")


def _folder_files(folder: str) -> Iterator[str | Problem]:
    """Readable article files under ``folder``, sorted, hidden ones skipped.
    Symlinked folders are not followed (no cycles)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield _os_problem(folder, error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _folder_files(entry.path)
            elif entry.is_file() and Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
                yield entry.path
        except OSError as error:
            yield _os_problem(entry.path, error)


def _read_folder(folder: str) -> Iterator[Document | Problem]:
    found = False
    for item in _folder_files(folder):
        if isinstance(item, Problem):
            yield item
            continue
        found = True
        yield from _read_file(item)
    if not found:
        yield Problem(folder, None, "no .txt, .jsonl or .ndjson files in this folder")


def _read_stdin(stream: BinaryIO) -> Iterator[Document | Problem]:
    """JSON Lines if the first non-blank character is «{», else one .txt article."""
    chunks = _file_chunks(stream)
    head = b""
    while (chunk := next(chunks, None)) is not None:
        head += chunk
        if _first_visible(head) is not None:
            break
    whole = _prepend(head, chunks)
    try:
        if _first_visible(head) == "{":
            yield from _read_jsonl(whole, "-", "stdin")
        else:
            yield _read_text(whole, "stdin", "-")
    except OSError as error:
        yield _os_problem("-", error)


def _first_visible(head: bytes) -> str | None:
    encoding, body = "utf-8", head
    for bom, codec, _ in _BOMS:
        if head.startswith(bom):
            encoding, body = codec, head[len(bom):]
            break
    text = body.decode(encoding, errors="replace")  # a cut-off last character does not matter here
    stripped = text.lstrip().lstrip(_INVISIBLE).lstrip()
    return stripped[0] if stripped else None


def iter_documents(paths: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Document | Problem]:
    """Documents from files, folders (recursively) and ``-`` (stdin), in order,
    with a Problem for each thing that could not be read."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:  # started with file descriptor 0 closed
                yield Problem("-", None, "cannot read: standard input is closed")
            else:
                yield from _read_stdin(stream)
        elif os.path.isdir(path):
            yield from _read_folder(path)
        else:
            yield from _read_file(path)
