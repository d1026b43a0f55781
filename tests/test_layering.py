"""``core`` must never import Textual, Rich or ``tui``: the engine runs headless and starts fast."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("textual", "rich", "tui")

# Imports every module under core/ in a fresh interpreter and reports which
# forbidden packages ended up loaded, and by then which core modules exist.
PROBE = """
import importlib, json, pkgutil, sys
import core
names = ["core"] + sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))
for name in names:
    importlib.import_module(name)
forbidden = %r
loaded = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
print(json.dumps({"modules": names, "loaded": loaded}))
""" % (FORBIDDEN,)


def test_importing_every_core_module_loads_no_ui_package():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "core.calendars" in report["modules"] and "core.model" in report["modules"]
    assert report["loaded"] == []


IMPORT_LINE = re.compile(r"^\s*(?:from\s+(\.*[\w.]*)\s+import\b|import\s+(.+))")


def imported_roots(source: str) -> set[str]:
    """Top-level package names a module's import statements name."""
    roots = set()
    for line in source.splitlines():
        match = IMPORT_LINE.match(line)
        if not match:
            continue
        if match[1] is not None:
            roots.add(match[1].split(".")[0])
        else:
            for part in match[2].split("#")[0].split(","):
                roots.add(part.strip().split(" ")[0].split(".")[0])
    return roots


@pytest.mark.parametrize("line, roots", [
    ("import textual", {"textual"}),
    ("from rich.text import Text", {"rich"}),
    ("    from tui.app import RuydadApp", {"tui"}),
    ("import os, rich.console as rc  # why", {"os", "rich"}),
    ("from core.model import Document", {"core"}),
    ("from . import model", {""}),
    ("x = 'import textual'", set()),
    ("# import rich", set()),
    ("import richer", {"richer"}),
])
def test_import_lines_are_read_right(line, roots):
    assert imported_roots(line) == roots


def test_no_core_source_imports_a_ui_package():
    sources = sorted((ROOT / "core").rglob("*.py"))
    assert ROOT / "core" / "calendars.py" in sources
    offenders = {str(p.relative_to(ROOT)): sorted(imported_roots(p.read_text(encoding="utf-8")) & set(FORBIDDEN))
                 for p in sources}
    assert {p: r for p, r in offenders.items() if r} == {}


def test_keymap_imports_no_screen_and_no_app():
    """app → help screen → keymap must not lead back to the app (a circle)."""
    probe = "import sys, tui.keymap; print(sorted(m for m in sys.modules if m.startswith(('tui.app', 'tui.screens'))))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
