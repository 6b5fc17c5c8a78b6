import errno
import os
import signal
import struct
import subprocess
import sys
import time

import pytest

from qnlib import forking

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the child runs beside its parent on Linux only"
)


class Rebuilt(Exception):
    """Pickles, but cannot be rebuilt: its arguments do not fit its __init__."""

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")


@pytest.fixture
def two_cores(monkeypatch):
    """A run with two cores, whatever the machine running the tests has."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.delenv(forking.CORES_ENV, raising=False)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone too, waiting for its reaper
        return stat.read().split(") ")[1].startswith("Z")


def test_the_work_runs_in_a_child_and_its_bytes_come_back(two_cores):
    drawing = forking.start(lambda: f"{os.getpid()} {os.getppid()}".encode() + b"\0" * 200_000)
    child, parent = drawing.result()[:30].split(b"\0")[0].decode().split()
    assert int(parent) == os.getpid() and int(child) != os.getpid()
    assert gone(int(child))  # reaped
    assert len(forking.start(lambda: b"x" * 1_000_000).result()) == 1_000_000  # more than a pipe holds


def test_with_one_core_for_the_run_the_work_runs_here(two_cores, monkeypatch):
    monkeypatch.setenv(forking.CORES_ENV, "1")
    assert not forking.available()
    assert forking.start(lambda: str(os.getpid()).encode()).result() == str(os.getpid()).encode()


def test_the_cores_of_a_run_are_the_fewer_of_the_machine_and_the_runner(two_cores, monkeypatch):
    assert (forking.cores(), forking.available()) == (2, True)
    for value, expected in (("1", 1), ("8", 2), ("0", 1), ("many", 2)):
        monkeypatch.setenv(forking.CORES_ENV, value)
        assert forking.cores() == expected, value
    monkeypatch.delenv(forking.CORES_ENV)
    monkeypatch.setattr(sys, "platform", "darwin")  # fork beside a kernel's threads: Linux only
    assert not forking.available()


def test_the_childs_exception_is_raised_here_as_it_was(two_cores):
    def full_disk() -> bytes:
        raise OSError(errno.ENOSPC, "No space left on device", "figure.svg")

    with pytest.raises(OSError) as raised:
        forking.start(full_disk).result()
    assert (raised.value.errno, raised.value.filename) == (errno.ENOSPC, "figure.svg")


def test_an_exception_that_cannot_travel_is_described(two_cores):
    class Local(Exception):  # a local class does not pickle
        pass

    def fails() -> bytes:
        raise Local("the font is missing")

    def fails_too() -> bytes:
        raise Rebuilt("figure.svg", "the font is missing")

    with pytest.raises(RuntimeError, match="Local: the font is missing"):
        forking.start(fails).result()
    with pytest.raises(RuntimeError, match="Rebuilt: figure.svg: the font is missing"):
        forking.start(fails_too).result()


def test_a_child_that_dies_or_hangs_has_its_work_done_here(two_cores):
    parent = os.getpid()

    def dies_in_the_child() -> bytes:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # the OOM killer, say
        return f"drawn by {os.getpid()}".encode()

    def hangs_in_the_child() -> bytes:
        if os.getpid() != parent:
            time.sleep(60)  # stuck on a lock another thread held at the fork
        return f"drawn by {os.getpid()}".encode()

    assert forking.start(dies_in_the_child).result() == f"drawn by {parent}".encode()
    drawing = forking.start(hangs_in_the_child)
    child = drawing.pid
    started = time.monotonic()
    assert drawing.result(timeout=0.5) == f"drawn by {parent}".encode()
    assert time.monotonic() - started < 10 and gone(child)


def test_no_process_to_be_had_means_the_work_is_done_here(two_cores, monkeypatch):
    def no_fork():
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    drawing = forking.start(lambda: str(os.getpid()).encode())
    assert (drawing.pid, drawing.result()) == (0, str(os.getpid()).encode())


def test_a_cut_answer_is_no_answer(two_cores):
    """A child killed while it wrote leaves part of its bytes in the pipe: never taken for a drawing."""
    read, write = os.pipe()
    os.write(write, struct.pack(forking.HEADER, forking.OK, 100) + b"<svg")  # 4 bytes of 100
    os.close(write)
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    assert forking.Pending(lambda: b"drawn here", pid, read).result() == b"drawn here"


def test_cancel_stops_a_child_still_working_and_reaps_it(two_cores):
    drawing = forking.start(lambda: time.sleep(60) or b"")
    pid = drawing.pid
    assert not gone(pid)
    started = time.monotonic()
    drawing.cancel()
    assert gone(pid) and time.monotonic() - started < 5
    drawing.cancel()  # twice is harmless


def test_a_child_dies_with_its_parent(tmp_path):
    """A killed kernel leaves no child drawing behind it (prctl's parent-death signal)."""
    script = (
        "import os, sys, time\n"
        "os.sched_getaffinity = lambda _pid: {0, 1}\n"
        "from qnlib import forking\n"
        "drawing = forking.start(lambda: time.sleep(60) or b'')\n"
        "print(drawing.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, forking.CORES_ENV: "2"})  # fmt: skip
    child = int(parent.stdout.readline())
    assert not gone(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while not gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(child)
