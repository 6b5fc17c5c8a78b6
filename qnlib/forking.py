"""Work on the machine's other core: a forked child computes bytes while this process goes on.

A notebook run is one process, and drawing its figures is most of its time: the PNG and the
SVG of a figure are two drawings of the same laid-out figure, independent of each other. With
:func:`start` the SVG is drawn in a child forked at that moment (it sees the figure exactly as
it is) while the parent draws the PNG; :meth:`Pending.result` returns the child's bytes, or
raises the child's exception here.

The child only computes: it writes no file (the parent writes what it returns, atomically),
prints nothing (a kernel's streams belong to threads the child does not have), dies with its
parent, and leaves by ``os._exit``. Where ``fork`` is missing or unsafe (Windows, macOS), or
only one core is this run's (:data:`CORES_ENV`), the work runs in this process: only speed
depends on it, never a byte of the result.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable

__all__ = ["CORES_ENV", "Pending", "available", "cores", "prctl", "start"]

PR_SET_PDEATHSIG, PR_SET_NAME = 1, 15  # prctl options: the signal on the parent's death; the name


CORES_ENV = "QNLIB_CORES"  # the cores one run may use: set by the runner (its cores ÷ workers)


def cores() -> int:
    """The cores this process may use: its CPU affinity, or ``QNLIB_CORES`` if that is fewer."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with contextlib.suppress(ValueError):
        count = min(count, int(os.environ.get(CORES_ENV, count)))
    return max(1, count)


def available() -> bool:
    """Whether a child can run beside this process: Linux (fork is safe with a kernel's threads
    as long as the child touches none of their objects) and more than one core for this run.
    When the runner's workers already use every core, a child would only take turns with them
    (measured: a two-worker sweep 8 % slower), so the runner says how many cores a run has."""
    return sys.platform == "linux" and cores() > 1


class Pending:
    """Bytes being computed: by a child (``pid``, reading ``fd``), or already here."""

    def __init__(self, pid: int = 0, fd: int = -1, value: bytes = b"") -> None:
        self.pid, self.fd, self.value = pid, fd, value

    def result(self) -> bytes:
        """Wait for the child; its bytes, or its exception raised here."""
        if self.pid == 0:
            return self.value
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                self.fd = -1
                answer = pipe.read()
        finally:
            self.cancel()
        if answer[:1] == b"0":
            return answer[1:]
        if answer[:1] == b"1":
            raise pickle.loads(answer[1:])
        raise RuntimeError("the child process drawing beside this one died without an answer")

    def cancel(self) -> None:
        """Stop the child if it still runs (the parent failed first) and reap it."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: reaped by the system
                os.waitpid(self.pid, 0)
            self.pid = 0


def start(work: Callable[[], bytes]) -> Pending:
    """``work()`` in a forked child if :func:`available`, else here and now."""
    if not available():
        return Pending(value=work())
    parent = os.getpid()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, answer, leave; nothing else of the parent's runs here
        code = 1
        try:
            os.close(read)
            _die_with(parent)
            gc.disable()  # no finalizer of the parent's garbage (a kernel's sockets) runs here
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (the child's last file)
            try:
                answer = b"0" + work()
            except BaseException as error:  # every failure goes back to the parent
                answer = b"1" + _pickled(error)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(answer)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return Pending(pid, read)


def prctl(option: int, value: int | bytes) -> None:
    """Linux's prctl(2) on this process; nothing where it is missing. The C library is the one
    Python runs on (``CDLL(None)``): looking it up by name would run ``ldconfig`` every time."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _die_with(parent: int) -> None:
    """SIGKILL this child when its parent dies (Linux), so a killed run leaves no process."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _pickled(error: BaseException) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:  # an exception that does not pickle is described instead
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
