"""``ruydad extract``: formats, files, errors and exit statuses, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

import tui.extract_command as extract_command

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "etemadonline-688273.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"


def ruydad(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())",
                           "extract", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300, env=env)


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


# --- formats --------------------------------------------------------------------------

def test_json_is_the_default_when_piped_and_follows_the_seed_story():
    result = ruydad(str(SEED), "--date", "2024-11-30")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    data = json.loads(result.stdout)
    events = data["events"]
    assert data["documents"][0]["published"] == "2024-11-30" and not data["documents"][0]["published_inferred"]
    years = [e["date"]["start"][:4] for e in events if not e["lead"]]
    assert years[:4] == ["2017", "2018", "2018", "2020"]
    lead = next(e for e in events if e["lead"])
    assert lead["date"]["start"] == "2024-11-30" and lead["date"]["jalali"] == "1403/09/10"
    assert events.index(lead) > max(i for i, e in enumerate(events) if e["date"]["start"] == "2024-11-27")


def test_without_date_the_json_says_the_publication_date_is_inferred():
    data = json.loads(ruydad(str(SEED)).stdout)
    assert data["documents"][0]["published_inferred"] is True
    lead = next(e for e in data["events"] if e["lead"])
    assert lead["inferred"] and "inferred" in lead["reason"]


def test_jalali_date_flag_and_every_format_parse_back(tmp_path):
    base = ruydad(str(ARTICLES), "--date", "1403/09/10", "--format", "json")
    assert base.returncode == 0, base.stderr
    events = json.loads(base.stdout)["events"]
    assert {e["date"]["start"] for e in events if e["lead"]} == {"2024-11-30"}

    rows = list(csv.DictReader(io.StringIO(ruydad(str(ARTICLES), "--date", "2024-11-30", "--format", "csv",
                                                  "--calendar", "gregorian").stdout.decode("utf-8"))))
    assert [r["id"] for r in rows] == [e["id"] for e in events]
    assert rows[0]["date"] == rows[0]["gregorian"]

    md = ruydad(str(ARTICLES), "--date", "2024-11-30", "--format", "md").stdout.decode("utf-8").splitlines()
    assert md[0].startswith("| # | date (Jalali) |") and len(md) == 2 + len(events)

    out = tmp_path / "timeline.json"
    result = ruydad(str(ARTICLES), "--date", "2024-11-30", "--format", "timelinejs", "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert [e["unique_id"] for e in json.loads(out.read_text(encoding="utf-8"))["events"]] == [e["id"] for e in events]


def test_output_file_defaults_to_json_and_inputs_are_never_overwritten(tmp_path):
    out = tmp_path / "out.json"
    assert ruydad(str(SEED), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["events"]
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes())
    result = ruydad(str(article), "-o", str(article))
    assert result.returncode == 2 and article.read_bytes() == SEED.read_bytes()
    assert ruydad(str(tmp_path), "-o", str(tmp_path / "inside.json")).returncode == 2


def test_table_escapes_article_text_so_it_cannot_inject_markup_or_escapes(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text("عنوان [bold red]خطر[/bold red]\n"
                       "شورای شهر در ۳ بهمن ۱۴۰۱ طرح \x1b[2J\x07[link=evil]جدید[/link] [bold]را[/] تصویب کرد.\n",
                       encoding="utf-8")
    result = ruydad(str(article), "--format", "table")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    assert "[link=evil]" in out and "[bold]" in out
    assert "1401/11/03" in out and "2023-01-23" in out


def test_a_terminal_gets_a_table_by_default():
    status, screen = run_on_terminal([str(SEED), "--date", "2024-11-30"], "stdout")
    assert status == 0
    assert "Jalali" in screen and "Gregorian" in screen and "1403/09/07" in screen
    assert not screen.lstrip().startswith("{")


def test_standard_input_is_read_with_a_dash():
    result = ruydad("-", "--date", "2024-11-30", stdin=SEED.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["documents"][0]["path"] == "-"


def test_windows_1256_article_gives_the_same_timeline(tmp_path):
    text = SEED.read_text(encoding="utf-8").translate(str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789"))
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode("cp1256"))

    def shape(args):
        data = json.loads(ruydad(*args, "--date", "2024-11-30").stdout)
        return [(e["date"]["start"], e["date"]["end"], e["date"]["span"], e["actors"], e["places"])
                for e in data["events"]]

    assert shape([str(path)]) == shape([str(SEED)])


# --- errors ------------------------------------------------------------------------------------

def test_unreadable_inputs_get_one_line_each_and_the_rest_is_processed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "ok", "date": "2024-12-05", "text": "در ۵ دسامبر ۲۰۲۴ نشست برگزار شد."},
                   ensure_ascii=False) + "\n{broken json\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = ruydad(str(tmp_path), str(missing), str(SEED))
    assert result.returncode == 1
    lines = stderr_lines(result)
    assert "Traceback" not in result.stderr.decode()
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("binary.txt" in line for line in lines)
    assert any(re.search(r"lines\.jsonl:2\b", line) for line in lines)
    assert any("missing.txt" in line for line in lines)
    assert len(lines) == 4 and all(line.startswith("ruydad: ") for line in lines)
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["ok", "etemadonline-688273"]


@pytest.mark.parametrize("args", [
    [],
    [str(SEED), "--format", "xml"],
    [str(SEED), "--date", "30/11/2024"],
    [str(SEED), "--date", "1403/13/01"],
    [str(SEED), "--calendar", "hijri"],
    [str(SEED), "--workers", "0"],
    [str(SEED), "--no-such-flag"],
])
def test_usage_errors_exit_2_with_a_message_and_no_traceback(args):
    result = ruydad(*args)
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "error" in err and "Traceback" not in err and result.stdout == b""


def test_help_exits_0():
    result = ruydad("--help")
    assert result.returncode == 0 and b"--format" in result.stdout


def test_a_bug_is_one_line_and_exit_70(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom \x1b[31m")

    monkeypatch.setattr(extract_command, "build_timeline", broken)
    assert extract_command.run_extract([str(SEED)]) == 70
    err = capsys.readouterr().err
    assert err.splitlines() == ["ruydad: internal error: RuntimeError: boom [31m"]


def test_ten_thousand_sentences_in_one_jsonl_through_one_process(tmp_path):
    days = ["۱ فروردین ۱۴۰۲", "۱۵ تیر ۱۴۰۱", "۳ مهر ۱۴۰۰", "۲۰ دی ۱۳۹۹"]
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(200):
            sentences = [f"شورای شهر در {days[(n + k) % 4]} طرح شماره {n * 50 + k} را تصویب کرد." if k % 5 == 0
                         else f"این جمله شماره {k} از خبر {n} است و تاریخی ندارد." for k in range(50)]
            out.write(json.dumps({"id": f"n{n}", "date": "2024-01-01", "text": " ".join(sentences)},
                                 ensure_ascii=False) + "\n")
    result = ruydad(str(path), "--workers", "1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 200
    assert len(data["mentions"]) == 200 * 10
    assert sum(len(e["sources"]) for e in data["events"] if not e["lead"]) == 200 * 10


def run_on_terminal(args: list[str], stream: str) -> tuple[int, str]:
    """Run with one of stdout/stderr on a pseudo-terminal; what it showed there."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"COLUMNS": "120"}
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} | {stream: child}
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())",
                             "extract", *args], cwd=ROOT, env=env, **streams)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_is_plain_text_on_a_terminal_only(tmp_path):
    status, shown = run_on_terminal([str(ARTICLES), "-o", str(tmp_path / "out.json")], "stderr")
    assert status == 0
    assert "6/6 documents" in shown and "\x1b" not in shown
    piped = ruydad(str(ARTICLES), "-o", str(tmp_path / "again.json"))
    assert piped.returncode == 0 and piped.stderr == b""


@pytest.mark.parametrize("bidi, reordered", [("visual", True), ("logical", False), ("auto", False)])
def test_table_bidi_reorders_persian_when_asked(bidi, reordered):
    from tui.bidi import to_visual

    result = ruydad(str(SEED), "--date", "2024-11-30", "--format", "table", "--bidi", bidi)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    word = "اردوغان"  # an actor, drawn on one line of its cell
    assert (to_visual(word)[0] in out) is reordered
    assert (word in out) is not reordered
    assert "1403/09/07" in out and "2024-11-27" in out  # dates read as written in both modes


def test_json_on_a_terminal_is_indented():
    status, screen = run_on_terminal([str(SEED), "--date", "2024-11-30", "--format", "json"], "stdout")
    assert status == 0
    assert screen.lstrip().startswith("{") and '\n  "documents"' in screen.replace("\r\n", "\n")
