"""Ctrl-C and SIGTERM as exceptions, so a command stops through its ``finally``
blocks (worker processes ended, temporary files removed) and then exits with
one line and the conventional status: 128 + the signal's number."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Stopped(BaseException):
    """A stop signal arrived. A BaseException, like KeyboardInterrupt, so that
    code catching ``Exception`` (one document's failure) does not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        return "interrupted" if self.signum == signal.SIGINT else "terminated"


def _raise(signum: int, _frame: object) -> None:
    raise Stopped(signum)


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """While inside: SIGTERM (and SIGINT, unless this process was started with
    it ignored, as by ``nohup`` or ``&`` in a script) raise ``Stopped``.
    Only the main thread can set handlers; elsewhere this does nothing."""
    previous: dict[int, Callable | int | None] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            current = signal.getsignal(signum)
            if current is signal.SIG_IGN:
                continue
            previous[signum] = signal.signal(signum, _raise)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    except KeyboardInterrupt:  # raised before the handler was set, or by the handler Python installs
        raise Stopped(signal.SIGINT) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def report_stop(stop: Stopped, program: str = "ruydad") -> int:
    """One line on stderr; the exit status to return."""
    try:
        print(f"{program}: {stop.message}", file=sys.stderr)
    except (OSError, ValueError):
        pass
    return stop.exit_status
