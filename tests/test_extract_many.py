"""A JSON Lines file of ten thousand sentences goes through one process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def test_ten_thousand_sentences_in_one_run(tmp_path: Path):
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            day, month = i % 28 + 1, MONTHS[i % 12]
            text = f"نشست شماره {i} شورای شهر در {day} {month} ۱۴۰۲ برگزار شد."
            out.write(json.dumps({"id": f"s{i}", "text": text, "date": "1403-09-10"}, ensure_ascii=False) + "\n")
    run = subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(path), "--format", "json"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads(run.stdout)
    assert len(data["documents"]) == 10_000
    assert len(data["mentions"]) == 10_000
    # Each sentence's date is its own: spot-check a few against the calendar.
    by_doc = {m["document"]: m for m in data["mentions"]}
    assert by_doc["s0"]["start"] == "2023-03-21"      # 1 Farvardin 1402
    assert by_doc["s8"]["start"] == "2023-11-30"      # 9 Azar 1402
    assert by_doc["s9999"]["text"] == "4 تیر ۱۴۰۲"
