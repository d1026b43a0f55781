"""Shared test settings."""

import os

from hypothesis import settings

# CI runs once per submission: the same examples every time, so a red run is
# reproducible by anyone. Locally, hypothesis explores new examples each run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
