"""``ruydad extract`` never loses output silently, never writes onto an input,
stops cleanly on Ctrl-C and SIGTERM, and says when a document failed."""

from __future__ import annotations

import io
import json
import os
import pty
import resource
import select
import signal
import subprocess
import sys
import time
from contextlib import redirect_stderr
from pathlib import Path

import pytest

import core.timeline
from tui.extract_command import run_extract

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).resolve().parent / "articles"
COMMAND = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "extract"]
NO_SPACE = "no space left on device"


def extract(*args: str, stdin=None, stdout=subprocess.PIPE, limit: int | None = None) -> subprocess.CompletedProcess:
    def limit_file_size() -> None:  # a disk that fills up after ``limit`` bytes
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([*COMMAND, *args], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT,
                          timeout=300, preexec_fn=limit_file_size if limit else None)


def errors(result: subprocess.CompletedProcess) -> list[str]:
    text = result.stderr.decode("utf-8")
    assert "Traceback" not in text
    return text.splitlines()


# --- writes are checked ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "csv", "md", "timelinejs", "table"])
def test_a_full_disk_on_standard_output_is_an_error(fmt):
    with open("/dev/full", "wb") as full:
        result = extract(str(ARTICLES), "--format", fmt, stdout=full)
    assert result.returncode == 74
    assert errors(result) == [f"ruydad: cannot write standard output: {NO_SPACE}"]


def test_standard_output_cut_short_is_an_error_and_the_whole_output_otherwise(tmp_path):
    out = tmp_path / "out.json"
    with out.open("wb") as f:
        cut = extract(str(ARTICLES), stdout=f, limit=4096)
    assert cut.returncode == 74 and errors(cut) == ["ruydad: cannot write standard output: file too large"]
    with out.open("wb") as f:
        whole = extract(str(ARTICLES), stdout=f)
    assert whole.returncode == 0 and json.loads(out.read_bytes())["documents"]


def test_output_file_on_a_full_disk_leaves_the_previous_file(tmp_path):
    out = tmp_path / "timeline.json"
    out.write_text("previous\n")
    result = extract(str(ARTICLES), "-o", str(out), limit=4096)
    assert result.returncode == 74
    assert errors(result) == [f"ruydad: cannot write {out}: file too large; it is left as it was"]
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.json"]  # no temporary file left


def test_output_file_is_replaced_whole_keeping_its_mode(tmp_path):
    out = tmp_path / "timeline.json"
    out.write_text("previous\n")
    out.chmod(0o640)
    result = extract(str(ARTICLES), "-o", str(out))
    assert result.returncode == 0 and errors(result) == []
    assert json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.json"]


def test_output_device_is_written_in_place_and_checked():
    result = extract(str(ARTICLES), "-o", "/dev/full")
    assert result.returncode == 74 and errors(result) == [f"ruydad: cannot write /dev/full: {NO_SPACE}"]
    assert extract(str(ARTICLES), "-o", "/dev/null").returncode == 0


# (which descriptors are closed, arguments, exit status, what stderr says)
CLOSED = [
    ((0, 1, 2), ["-o", "{out}"], 0, None),
    ((0,), ["-"], 1, ["ruydad: -: cannot read: standard input is closed"]),
    ((1,), [], 74, ["ruydad: cannot write standard output: bad file descriptor"]),
    ((2,), ["{missing}"], 1, None),  # the problem goes nowhere, and never into the JSON on stdout
]


@pytest.mark.parametrize("closed, args, status, said", CLOSED, ids=[str(c[0]) for c in CLOSED])
def test_closed_standard_descriptors_are_no_crash(tmp_path, closed, args, status, said):
    out, missing = tmp_path / "out.json", tmp_path / "missing.txt"
    args = [a.format(out=out, missing=missing) for a in args]
    paths = [] if "-" in args else [str(ARTICLES)]
    script = ("import os, sys\n"
              f"for fd in {closed!r}: os.close(fd)\n"
              "os.execv(sys.executable, sys.argv[1:])\n")
    result = subprocess.run([sys.executable, "-c", script, *COMMAND, *paths, *args], cwd=ROOT, timeout=300,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert result.returncode == status
    if said is not None:
        assert errors(result) == said
    if 2 in closed:
        assert result.stderr == b""
    if 1 not in closed:
        assert json.loads(result.stdout)["documents"] is not None
    if "-o" in args:
        assert json.loads(out.read_bytes())["documents"]


# --- an input is never an output -------------------------------------------------------

def make_input(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "دیروز ۱۲ آذر ۱۴۰۳ جلسه برگزار شد."}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    return source


def hard_link(source: Path) -> str:
    link = source.with_name("link.json")
    os.link(source, link)
    return str(link)


def symlink(source: Path) -> str:
    link = source.with_name("sym.json")
    link.symlink_to(source)
    return str(link)


def copy(source: Path) -> str:
    other = source.with_name("copy.jsonl")
    other.write_bytes(source.read_bytes())
    return str(other)


# (name, how the output is named from the input, reads stdin?, refused?)
TARGETS = [
    ("same path", lambda s: str(s), False, True),
    ("roundabout path", lambda s: str(s.parent / ".." / s.parent.name / s.name), False, True),
    ("hard link", hard_link, False, True),
    ("symlink", symlink, False, True),
    ("stdin read back into its file", lambda s: str(s), True, True),
    ("stdin read back into a hard link", hard_link, True, True),
    ("a copy", copy, False, False),
    ("stdin into another file", lambda s: str(s.with_name("out.json")), True, False),
]


@pytest.mark.parametrize("name, target, from_stdin, refused", TARGETS, ids=[t[0] for t in TARGETS])
def test_an_input_is_never_an_output(tmp_path, name, target, from_stdin, refused):
    source = make_input(tmp_path)
    before = source.read_bytes()
    output = target(source)
    if from_stdin:
        with source.open("rb") as stdin:
            result = extract("-", "-o", output, stdin=stdin)
    else:
        result = extract(str(source), "-o", output)
    assert source.read_bytes() == before
    if refused:
        assert result.returncode == 2
        assert errors(result)[0].endswith("is one of the inputs; inputs are never overwritten")
    else:
        assert result.returncode == 0, result.stderr
        assert json.loads(Path(output).read_bytes())["documents"][0]["id"] == "a"


@pytest.mark.parametrize("name, refused", [("news.jsonl", True), ("more.txt", True), ("out.json", False),
                                           (".hidden.jsonl", False)])
def test_standard_output_into_an_input_folder_is_refused_only_onto_what_is_read(tmp_path, name, refused):
    folder = tmp_path / "news"
    folder.mkdir()
    source = make_input(folder)
    (folder / name).touch()  # as the shell does for `> news/NAME` before ruydad starts
    with (folder / name).open("ab") as out:
        result = extract(str(folder), stdout=out)
    assert source.read_text(encoding="utf-8").startswith('{"id": "a"')
    assert result.returncode == (2 if refused else 0), result.stderr


def test_standard_output_appending_to_an_input_is_refused(tmp_path):
    source = make_input(tmp_path)
    before = source.read_bytes()
    with source.open("ab") as out:
        result = extract(str(source), stdout=out)
    assert result.returncode == 2 and source.read_bytes() == before
    assert errors(result) == ["ruydad extract: error: standard output is one of the inputs; "
                              "inputs are never overwritten"]


# --- a document that fails ---------------------------------------------------------------

def test_a_document_whose_analysis_fails_is_named_and_the_exit_status_says_so(tmp_path, monkeypatch, capsys):
    source = tmp_path / "news.jsonl"
    texts = ["دیروز ۱۲ آذر ۱۴۰۳ جلسه برگزار شد.", "جلسه بعدی ۱۵ آذر ۱۴۰۳ است.", "در ۲ دی ۱۴۰۳ تمام شد."]
    source.write_text("\n".join(json.dumps({"id": f"d{k}", "text": t}, ensure_ascii=False)
                                for k, t in enumerate(texts)) + "\n", encoding="utf-8")
    real = core.timeline.analyze

    def fails_on_d1(document, published=None, merge_words=True):
        if document.id == "d1":
            raise OverflowError("date value out of range")
        return real(document, published, merge_words)

    monkeypatch.setattr(core.timeline, "analyze", fails_on_d1)
    out = tmp_path / "out.json"
    assert run_extract([str(source), "--workers", "1", "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"ruydad: {source}:2: document d1 not analysed: OverflowError: date value out of range "
        f"(at tests/test_extract_safety.py:{fails_on_d1.__code__.co_firstlineno + 2})"]
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]] == ["d0", "d2"]


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "timelinejs", "table"])
def test_a_date_out_of_a_calendar_range_costs_its_document_only(tmp_path, fmt):
    source = tmp_path / "news.jsonl"
    texts = {"d0": "دیروز ۱۲ آذر ۱۴۰۳ جلسه برگزار شد.", "old": "این شهر در ۱۲ مارس ۳۰۰ میلادی بنا شد.",
             "d2": "جلسه بعدی ۱۵ آذر ۱۴۰۳ است."}
    source.write_text("\n".join(json.dumps({"id": k, "date": "2024-11-30", "text": t}, ensure_ascii=False)
                                for k, t in texts.items()) + "\n", encoding="utf-8")
    result = extract(str(source), "--format", fmt)
    assert result.returncode in (0, 1)
    lines = errors(result)
    assert len(lines) == result.returncode  # the document named if it failed, nothing else
    shown = result.stdout.decode("utf-8")
    assert "۱۲ آذر ۱۴۰۳" in shown and "۱۵ آذر ۱۴۰۳" in shown


# --- Ctrl-C and SIGTERM ------------------------------------------------------------------

def write_corpus(path: Path, count: int) -> None:
    """``count`` articles of a few sentences each, dated, all different."""
    months = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            sentences = [f"شورای شهر {n} در {1 + (n + k) % 28} {months[(n + k) % 12]} {1390 + k} طرح {k} را تصویب کرد."
                         for k in range(6)]
            out.write(json.dumps({"id": f"n{n}", "date": "2024-01-01", "text": " ".join(sentences)},
                                 ensure_ascii=False) + "\n")


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.add(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def wait_for(condition, guard: float) -> bool:
    """Poll ``condition`` until true or ``guard`` seconds (a hang guard, not a speed test)."""
    deadline = time.monotonic() + guard
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def alive(pids: set[int]) -> set[int]:
    return {p for p in pids if os.path.exists(f"/proc/{p}")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    write_corpus(path, 4000)
    return path


@pytest.mark.parametrize("delay", [0.0, 1.0], ids=["as-workers-start", "while-working"])
@pytest.mark.parametrize("signum, status, line", [
    (signal.SIGINT, 130, "ruydad: interrupted"),
    (signal.SIGTERM, 143, "ruydad: terminated"),
])
def test_a_stop_signal_ends_the_run_and_its_workers_without_a_traceback(corpus, tmp_path, signum, status, line,
                                                                          delay):
    out = tmp_path / "out.json"
    proc = subprocess.Popen([*COMMAND, str(corpus), "--workers", "2", "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: set[int] = set()
    assert wait_for(lambda: len(workers.update(children(proc.pid)) or workers) >= 2, guard=120), "no workers"
    time.sleep(delay)
    assert proc.poll() is None, "finished before the signal: make the corpus larger"
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)  # hang guard
    assert proc.returncode == status
    assert stderr.decode("utf-8").splitlines() == [line] and stdout == b""
    assert wait_for(lambda: not alive(workers), guard=10), f"workers left: {alive(workers)}"
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written


def running(pids: set[int]) -> set[int]:
    """Those of ``pids`` not yet exited (an exited orphan may wait as a zombie for init to reap it)."""
    left = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                    left.add(pid)
        except OSError:
            pass
    return left


def test_workers_exit_when_their_parent_is_killed_outright(corpus, tmp_path):
    proc = subprocess.Popen([*COMMAND, str(corpus), "--workers", "2", "-o", str(tmp_path / "out.json")], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    assert wait_for(lambda: len(workers.update(children(proc.pid)) or workers) >= 2, guard=120), "no workers"
    time.sleep(0.5)
    proc.kill()  # SIGKILL: no cleanup of any kind in the parent
    proc.wait(timeout=60)
    assert wait_for(lambda: not running(workers), guard=10), f"workers left: {running(workers)}"


def test_ctrl_c_on_a_terminal_stops_the_run_and_its_workers(corpus, tmp_path):
    out = tmp_path / "out.json"
    pid, terminal = pty.fork()
    if pid == 0:  # the child: a session of its own, the pseudo-terminal as its controlling terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [*COMMAND, str(corpus), "--workers", "2", "-o", str(out)])
    shown = bytearray()

    def read_terminal(wait: float) -> None:
        while select.select([terminal], [], [], wait)[0]:
            try:
                data = os.read(terminal, 65536)
            except OSError:
                return
            if not data:
                return
            shown.extend(data)
            wait = 0.05

    workers: set[int] = set()
    assert wait_for(lambda: len(workers.update(children(pid)) or workers) >= 2, guard=120), "no workers"
    read_terminal(1.0)
    os.write(terminal, b"\x03")  # Ctrl-C: SIGINT to the terminal's foreground process group
    deadline = time.monotonic() + 60  # hang guard
    status = None
    while status is None and time.monotonic() < deadline:
        read_terminal(0.1)
        done, code = os.waitpid(pid, os.WNOHANG)
        status = os.waitstatus_to_exitcode(code) if done else None
    read_terminal(0.1)
    os.close(terminal)
    text = shown.decode("utf-8", errors="replace")
    assert status == 130, text
    assert "Traceback" not in text and text.rstrip().endswith("ruydad: interrupted")
    assert wait_for(lambda: not alive(workers), guard=10), f"workers left: {alive(workers)}"
    assert not out.exists()


def test_workers_beyond_the_cores_are_not_started_from_the_command_line(tmp_path, monkeypatch, capsys):
    import core.parallel as parallel
    import core.workers as worker_module

    source = tmp_path / "news.jsonl"
    write_corpus(source, 60)
    started = []
    real = worker_module.start_worker
    monkeypatch.setattr(worker_module, "start_worker", lambda: started.append(1) or real())
    with redirect_stderr(io.StringIO()):
        assert run_extract([str(source), "--workers", "1000", "-o", str(tmp_path / "out.json")]) == 0
    cores = parallel.usable_cores()
    assert len(started) == (cores if cores > 1 else 0)
