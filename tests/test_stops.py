"""Stopping a run as cron and people do: SIGTERM (timeout), Ctrl-C, kill -9 of the runner.
Nothing may be left running, every file already written stays whole, the next run repairs."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import psutil
import pytest
from PIL import Image

from tests.test_notebooks import EXPECTED_FIGURES

pytestmark = pytest.mark.notebooks

# Three notebooks keep both workers and their kernels busy when the signal comes, with one still
# queued (each takes seconds; the signal comes a second after the kernels start). They are the three
# quickest: the next run has to run them all again.
NOTEBOOKS = ["poverty_rates", "income_growth", "programme_tasks"]


def _start(tmp_path, *extra):
    env = {**os.environ, "QNLIB_LANG": "en", "QNLIB_FIGURES_DIR": str(tmp_path / "figures"), "QNLIB_EXECUTED_DIR": str(tmp_path / "nb"), "QNLIB_REPORTS_DIR": str(tmp_path / "reports"),
           "QNLIB_LOCK_FILE": str(tmp_path / "lock"), "PYTHONUNBUFFERED": "1"}  # fmt: skip
    command = [sys.executable, "-m", "qnlib.cli", "run", *NOTEBOOKS, "--jobs", "2", *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env), env


def _is_kernel(process: psutil.Process) -> bool:
    """A kernel papermill started (cold), or one forked by a worker's factory (warm)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        return "ipykernel" in " ".join(process.cmdline()) or process.name() == "qnlib-kernel"
    return False


def _kernels_running(runner: psutil.Process, timeout: float = 60) -> list[psutil.Process]:
    """Wait until the runner's workers have started kernels; every process it started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = runner.children(recursive=True)
        if sum(_is_kernel(p) for p in family if p.is_running()) >= 2:
            time.sleep(1.0)  # let the kernels get to work (and write some files)
            return runner.children(recursive=True)
        time.sleep(0.1)
    raise AssertionError("the runner started no kernels")


def _gone(processes: list[psutil.Process], timeout: float = 10) -> list[str]:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return [" ".join(p.cmdline())[:80] for p in alive]


def _sound(tmp_path) -> None:
    """Every file a reader can see is complete."""
    for png in (tmp_path / "figures").glob("*.png"):
        with Image.open(png) as image:
            image.verify()
    for notebook in (tmp_path / "nb").glob("*.ipynb"):
        json.loads(notebook.read_text())
    if (tmp_path / "figures" / "index.csv").exists():
        index = pd.read_csv(tmp_path / "figures" / "index.csv")
        assert all((tmp_path / "figures" / png).exists() for png in index["png"])


def _next_run_repairs(tmp_path, env) -> None:
    done = subprocess.run([sys.executable, "-m", "qnlib.cli", "run", *NOTEBOOKS], capture_output=True, text=True,
                          env=env, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    index = pd.read_csv(tmp_path / "figures" / "index.csv")
    assert sorted(set(index["notebook"])) == sorted(NOTEBOOKS)
    assert len(index) == sum(len(EXPECTED_FIGURES[n]) for n in NOTEBOOKS)  # the runs' figures, all of them
    _sound(tmp_path)
    folders = ("nb", "figures", "figures/.index")
    hidden = [p.name for folder in folders for p in (tmp_path / folder).glob(".*") if p.is_file()]
    assert hidden == []  # the half-executed notebooks and temporary files of the stopped run are gone


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_every_worker_and_kernel(tmp_path, signum, code):
    process, env = _start(tmp_path)
    family = _kernels_running(psutil.Process(process.pid))
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert f"stopped by {signal.Signals(signum).name}: finished:" in err and "not finished:" in err
    assert NOTEBOOKS[-1] in err.split("not finished:")[1]  # still queued when the signal came
    assert "Traceback" not in err
    assert _gone(family) == []
    _sound(tmp_path)
    _next_run_repairs(tmp_path, env)


def test_kill_9_of_the_runner_leaves_no_worker_or_kernel(tmp_path):
    process, env = _start(tmp_path)
    family = _kernels_running(psutil.Process(process.pid))
    process.kill()
    process.communicate(timeout=30)
    assert _gone(family, timeout=15) == []  # the workers notice their parent is gone, and take their kernels
    _sound(tmp_path)
    _next_run_repairs(tmp_path, env)


def test_a_worker_killed_from_outside_fails_its_runs_in_one_line(tmp_path):
    process, env = _start(tmp_path)
    runner = psutil.Process(process.pid)
    family = _kernels_running(runner)
    worker = next(p for p in runner.children() if p.children())  # a worker running a kernel
    worker.kill()  # as the OOM killer would
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1 and "Traceback" not in err
    assert "the worker process died (killed?)" in err
    assert _gone(family) == []
    _sound(tmp_path)
    _next_run_repairs(tmp_path, env)
