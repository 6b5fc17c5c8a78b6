"""Work on the machine's other core: a forked child computes bytes while this process goes on.

A notebook run is one process, and drawing its figures is most of its time: the PNG and the
SVG of a figure are two drawings of the same laid-out figure, independent of each other. With
:func:`start` the SVG is drawn in a child forked at that moment (it sees the figure exactly as
it is) while the parent draws the PNG; :meth:`Pending.result` returns the child's bytes, or
raises the child's exception here; a child that dies or hangs has its work done here instead.

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
import select
import signal
import struct
import sys
import time
from collections.abc import Callable

__all__ = ["CORES_ENV", "Pending", "available", "cores", "prctl", "start"]

PR_SET_PDEATHSIG, PR_SET_NAME = 1, 15  # prctl options: the signal on the parent's death; the name


ANSWER_SECONDS = 120  # a drawing takes a second or two; a child silent this long is stuck
HEADER, OK, FAILED = "!BQ", 0, 1  # an answer: status, length of what follows (bytes or exception)
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
    """Bytes being computed: by a child (``pid``, answering on ``fd``), or already here."""

    def __init__(self, work: Callable[[], bytes], pid: int = 0, fd: int = -1, value: bytes = b"") -> None:
        self.work, self.pid, self.fd, self.value = work, pid, fd, value

    def result(self, timeout: float = ANSWER_SECONDS) -> bytes:
        """Wait for the child: its bytes, or its exception raised here. A child that dies without a
        whole answer (the OOM killer, a signal) or has not answered in ``timeout`` seconds (stuck
        on a lock another thread of the parent held when it forked) is stopped, and the work is
        done here: the child is a speed-up, never a reason to fail or to keep half an answer."""
        if self.pid == 0:
            return self.value
        try:
            answer = self._answer(timeout)
        finally:
            self.cancel()
        header = struct.calcsize(HEADER)
        status, size = struct.unpack(HEADER, answer[:header]) if len(answer) >= header else (None, -1)
        payload = answer[header:]
        if len(payload) != size:  # no answer, or a cut one: the work is done here
            return self.work()
        if status == FAILED:
            raise pickle.loads(payload)
        return payload if status == OK else self.work()

    def _answer(self, timeout: float) -> bytes:
        """All the child wrote before closing its end; what it had written when ``timeout`` ran out."""
        chunks, deadline = [], time.monotonic() + timeout
        poll = select.poll()
        poll.register(self.fd, select.POLLIN)
        while (left := deadline - time.monotonic()) > 0 and poll.poll(left * 1000):
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)

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
        return Pending(work, value=work())
    parent = os.getpid()
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to be had (a limit on processes, memory): draw here
        os.close(read)
        os.close(write)
        return Pending(work, value=work())
    if pid == 0:  # the child: compute, answer, leave; nothing else of the parent's runs here
        code = 1
        try:
            os.close(read)
            _die_with(parent)
            gc.disable()  # no finalizer of the parent's garbage (a kernel's sockets) runs here
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (the child's last file)
            try:
                status, payload = OK, work()
            except BaseException as error:  # every failure goes back to the parent
                status, payload = FAILED, _pickled(error)
            with os.fdopen(write, "wb") as pipe:  # with its length: a cut answer is no answer
                pipe.write(struct.pack(HEADER, status, len(payload)) + payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return Pending(work, pid, read)


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
        data = pickle.dumps(error)
        pickle.loads(data)  # some exceptions pickle but cannot be rebuilt from their arguments
        return data
    except Exception:  # an exception that does not travel is described instead
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
