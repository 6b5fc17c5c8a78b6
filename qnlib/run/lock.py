"""One writer at a time: ``qnlib build``, ``run`` and ``brief`` hold a lock on the project.

A second invocation waits (saying so once) up to ``wait`` seconds, then gives up with
:class:`Busy` (exit 75, "try again later"). The lock is an OS file lock (``filelock``):
it is released when its process ends, even by ``kill -9``, so a dead run never blocks the next.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .. import config
from ..errors import QnlibError

__all__ = ["Busy", "project_lock"]


class Busy(QnlibError):
    """Another qnlib process is writing this project's outputs."""


@cache
def _lock(path: Path) -> Any:  # a filelock.FileLock
    from filelock import FileLock

    return FileLock(path)  # reentrant in one process: `run` may build while it holds the lock


@contextlib.contextmanager
def project_lock(wait: float = 600, path: Path | None = None) -> Iterator[None]:
    """Hold the project's lock; wait up to ``wait`` seconds for another qnlib process to finish."""
    from filelock import Timeout

    lock = _lock(Path(path or config.LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise Busy(
                f"another qnlib build, run or brief is writing this project (lock {lock.lock_file})"
            ) from None
        from ..terminal import lang
        from ..words import t

        print(t("cli.lock_waiting", lang(), wait=f"{wait:g}"), file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise Busy(
                f"another qnlib build, run or brief still holds {lock.lock_file} after {wait:g} s"
            ) from None
    try:
        yield
    finally:
        lock.release()
