"""The name ``core.timeline`` and older callers import the engine by; the
engine itself is the package ``core/timex/``."""

from core.timex import find_mentions

__all__ = ["find_mentions"]
