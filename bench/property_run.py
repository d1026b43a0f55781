"""Runs the span and pipeline properties of tests/test_spans_property.py with
many examples (100,000 by default): prints what ran and how long, asserts
nothing itself (pytest reports a failing example).

    .venv/bin/python bench/property_run.py [--examples 100000] [-k pipeline]

CI runs the same properties with 300 examples, the same ones every run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("-k", default="any_text or spliced or pipeline or same_spans",
                        help="which properties (pytest -k expression)")
    args = parser.parse_args()
    env = dict(os.environ, RUYDAD_PROPERTY_EXAMPLES=str(args.examples))
    command = [sys.executable, "-m", "pytest", "tests/test_spans_property.py", "-q", "-k", args.k, "-p", "no:cacheprovider"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    tail = "\n".join(done.stdout.strip().splitlines()[-3:])
    print(f"{args.examples:,} examples per property ({args.k}) in {seconds:.0f} s, exit {done.returncode}\n{tail}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
