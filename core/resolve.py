"""The calendar arithmetic under the name the app imports it by; it lives in
the engine's package, ``core/timex/arithmetic.py``."""

from core.timex.arithmetic import *  # noqa: F403
from core.timex.arithmetic import calendar_year, shift_unit, year_period  # noqa: F401
