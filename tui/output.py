"""Where ``ruydad extract`` writes, so that output is never lost or misplaced.

- Every write is checked: a short or failed write (a full disk) raises
  ``OutputError`` with the reason, never exit 0 with half a file.
- ``-o FILE`` is written to a temporary file in FILE's folder, synced, then
  renamed over FILE: readers see the old file or the whole new one, and a
  failure leaves the old file as it was. A FILE that is not a regular file
  (``/dev/stdout``, a FIFO) is written in place.
- An input is never an output: files are compared by device and inode (a
  hard link or symlink to an input is that input), standard input by the
  file behind it (``- -o in.jsonl < in.jsonl``), and standard output too
  (``>> in.jsonl``); nothing is written into a folder being read.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from core.documents import FOLDER_SUFFIXES

STDIN, STDOUT = 0, 1


class OutputError(Exception):
    """Output could not be written; the message says where and why, in one line."""


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def input_files(paths: Sequence[str]) -> set[tuple[int, int]]:
    """Device and inode of every file the inputs name, or that their folders
    hold and the reader reads (as ``core.documents`` chooses them: not hidden,
    a known suffix), and of standard input's file if ``-`` is read from one."""
    found: set[tuple[int, int]] = set()
    for path in paths:
        try:
            st = os.fstat(STDIN) if path == "-" else os.stat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith(".") or Path(name).suffix.lower() not in FOLDER_SUFFIXES:
                        continue
                    try:
                        found.add(_identity(os.stat(os.path.join(root, name))))
                    except OSError:
                        pass
        elif stat.S_ISREG(st.st_mode):
            found.add(_identity(st))
    return found


def clash(output: str | None, paths: Sequence[str]) -> str | None:
    """Why writing ``output`` (None: standard output) would overwrite an input, or None."""
    inputs = input_files(paths)
    if output is None:
        try:
            st = os.fstat(STDOUT)
        except OSError:
            return None
        if stat.S_ISREG(st.st_mode) and _identity(st) in inputs:
            return "standard output is one of the inputs"
        return None
    try:
        st = os.stat(output)
    except OSError:
        st = None
    if st is not None and _identity(st) in inputs:
        return f"output {output} is one of the inputs"
    target = Path(output).resolve()
    for path in paths:
        if path != "-" and os.path.isdir(path) and Path(path).resolve() in target.parents:
            return f"output {output} is inside the input folder {path}"
    return None


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd``, or OSError (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(0, "nothing written")
        view = view[written:]


def write_stdout(data: bytes) -> None:
    try:
        write_all(STDOUT, data)
    except BrokenPipeError:
        raise  # the reader went away (| head): the caller treats it as the end
    except OSError as error:
        raise OutputError(f"cannot write standard output: {_reason(error)}") from None


def write_file(output: str, data: bytes) -> None:
    """``data`` as the whole content of ``output``, atomically when it is (or
    will be) a regular file."""
    try:
        st = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as error:
        raise OutputError(f"cannot write {output}: {_reason(error)}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_in_place(output, data)
        return
    # Through a symlink to the file it names, so the link stays a link.
    target = os.path.realpath(output)
    folder = os.path.dirname(target) or "."
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {output}: {_reason(error)}") from None
    try:
        try:
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except OSError as error:
        raise OutputError(f"cannot write {output}: {_reason(error)}; it is left as it was") from None
    finally:
        # Gone after the rename; still there if anything failed or we were stopped.
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


def _write_in_place(output: str, data: bytes) -> None:
    try:
        fd = os.open(output, os.O_WRONLY)
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as error:
        raise OutputError(f"cannot write {output}: {_reason(error)}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
