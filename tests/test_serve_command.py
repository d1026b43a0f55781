"""``ruydad serve``: the command each browser tab runs, and the message without the extra."""

from __future__ import annotations

import builtins
import shlex
from pathlib import Path

import pytest

from tui.serve_command import run_serve, served_command


def test_served_command_runs_the_app_in_visual_mode_on_absolute_paths(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.jsonl").write_text("", encoding="utf-8")
    words = shlex.split(served_command(["news.jsonl"], python="/usr/bin/python3"))
    assert words == ["/usr/bin/python3", "-m", "tui.cli", "--bidi", "visual", str(tmp_path / "news.jsonl")]
    assert shlex.split(served_command([], python="py")) == ["py", "-m", "tui.cli", "--bidi", "visual"]


def test_without_the_extra_one_line_says_how_to_get_it(monkeypatch, capsys) -> None:
    real_import = builtins.__import__

    def no_textual_serve(name, *args, **kwargs):
        if name.startswith("textual_serve"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_textual_serve)
    assert run_serve([]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "ruydad[serve]" in error


@pytest.mark.parametrize("args, says", [(["-"], "standard input"), (["/no/such/file.jsonl"], "no such file")])
def test_refuses_what_cannot_be_served(args, says, capsys) -> None:
    assert run_serve(args) == 2
    assert says in capsys.readouterr().err
