"""``qnlib run``: execute the notebooks with papermill, in parallel, and report what happened.

Parameters are checked before any kernel starts (:mod:`qnlib.run.parameters`). Each
notebook runs in its own process through papermill's Python API; executed copies
go to ``reports/notebooks/`` (never over the source notebooks). A failing notebook
does not stop the others; the run ends with a summary table naming the failing
cell and error, and a non-zero exit code if anything failed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import config, terminal
from ..errors import ParameterError
from ..figure_index import write_index
from ..filenames import INDEX_DIR, run_stem
from ..forking import CORES_ENV, cores
from ..store import READS_ENV
from ..words import t
from . import parameters, uptodate
from .imports import skip_unused_slow_imports

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Job", "Result", "RunStopped", "kernel_name", "plan_jobs", "run_jobs", "summary"]

TIMEOUT_SECONDS = 600
# A kernel that dies before it answers (seen once, starting right after a stopped run) is started once more.
KERNEL_START_FAILED, STARTS = "Kernel died before replying to kernel_info", 2


@dataclass(frozen=True)
class Job:
    notebook: str
    params: dict[str, Any]
    input: Path
    output: Path

    @property
    def label(self) -> str:
        changed = {k: v for k, v in self.params.items() if v != parameters.defaults(self.notebook).get(k)}
        return self.notebook + (" " + " ".join(f"{k}={v!r}" for k, v in changed.items()) if changed else "")


@dataclass
class Result:
    job: Job
    ok: bool
    seconds: float
    cell: int | None = None  # index of the failing cell (0-based, as papermill counts)
    error: str | None = None
    status: str = ""  # "ran", "up to date" or "failed"
    worker: int | None = None  # the pid of the worker process that ran it

    def __post_init__(self) -> None:
        self.status = self.status or ("ran" if self.ok else "failed")


def kernel_name() -> str:
    """The project kernel when installed (``make setup`` installs it), else the default Python kernel.

    Looked up where jupyter_client's kernel spec manager looks (a folder with a ``kernel.json`` in
    one of Jupyter's data paths), without importing jupyter_client into the command's process."""
    from jupyter_core.paths import jupyter_path

    found = any((Path(folder) / "qnlib" / "kernel.json").is_file() for folder in jupyter_path("kernels"))
    return "qnlib" if found else "python3"


def _output_path(notebook: str, params: dict[str, Any], out_dir: Path) -> Path:
    return out_dir / f"{run_stem(notebook, params, parameters.defaults(notebook))}.ipynb"


def plan_jobs(
    notebooks: Sequence[str] = (),
    overrides: dict[str, str] | None = None,
    each: str | None = None,
    out_dir: Path | None = None,
) -> list[Job]:
    """The runs asked for, every parameter checked; raises :class:`ParameterError` otherwise.

    ``overrides`` are ``-p name value`` pairs (text); with several notebooks a parameter
    applies to those that have it. ``each`` sweeps one parameter over all its allowed values.
    """
    names = list(notebooks) or list(parameters.NOTEBOOKS)
    for name in names:
        parameters.notebook_path(name)  # unknown notebook -> error listing the notebooks
    overrides = overrides or {}
    out_dir = Path(out_dir or config.EXECUTED_NOTEBOOKS_DIR)
    for name in [*overrides, *([each] if each else [])]:
        if not any(name in parameters.NOTEBOOKS[nb] for nb in names):
            known = sorted({p for nb in names for p in parameters.NOTEBOOKS[nb]})
            raise ParameterError(
                f"unknown parameter {name!r} for {', '.join(names)}; parameters are: {', '.join(known)}"
            )
    jobs = []
    for notebook in names:
        values = parameters.defaults(notebook)
        for name, text in overrides.items():
            if name in values:
                values[name] = parameters.coerce(notebook, name, text)
        sweep = [None]
        if each and each in values:
            sweep = [v for v in parameters.allowed(notebook, each) if v is not None]
            if not sweep:
                raise ParameterError(f"{notebook}: parameter {each!r} has no list of allowed values to sweep")
        for value in sweep:
            params = dict(values, **({each: value} if value is not None else {}))
            params = parameters.validate(notebook, **params)
            path = parameters.notebook_path(notebook)
            jobs.append(Job(notebook, params, path, _output_path(notebook, params, out_dir)))
    return jobs


def _execute(job: Job, kernel: str, cold: bool = False, timeout: float = TIMEOUT_SECONDS) -> Result:
    """Run one notebook (in a worker process); never raises for a failing notebook.

    papermill writes the executed notebook once, at the end (or with the error marked, when a cell
    fails), not after every cell: that is a megabyte of JSON with the figures in it, written twenty
    times a run. It writes to a hidden ``.partial`` file that is renamed into place, so a killed run
    never leaves a half-executed notebook where the finished one was; a run that ends without one
    (its kernel died, or hung) removes the previous run's, which is not this run's result. The
    kernel is forked by the worker's factory (:mod:`qnlib.run.warm`), or with ``cold`` started
    afresh by papermill.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    reads = uptodate.reads_path(job.output)
    reads.unlink(missing_ok=True)
    os.environ.update({"QNLIB_EXECUTED_NOTEBOOK": str(job.output), READS_ENV: str(reads)})
    job.output.parent.mkdir(parents=True, exist_ok=True)
    # The kernel inherits this process's stderr: keep its chatter in a log next to the executed
    # notebook instead of interleaving it with the runner's progress lines.
    log_path = job.output.with_suffix(".log")
    with open(log_path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
    partial = job.output.with_name(f".{job.output.name}.partial")
    started = time.perf_counter()
    from . import warm  # jupyter_client: only in a worker (a run with nothing to do never imports it)

    for attempt in range(1, STARTS + 2):  # one more: a cold start when the factory fails
        km = None if cold else warm.WarmKernelManager(kernel_name=kernel, kernel_log=str(log_path))
        try:
            papermill.execute_notebook(str(job.input), str(partial), parameters=job.params, kernel_name=kernel,
                                       cwd=str(job.input.parent), progress_bar=False,
                                       request_save_on_cell_execute=False,
                                       execution_timeout=timeout, **({"km": km} if km else {}))  # fmt: skip
        except PapermillExecutionError as error:
            message = f"{error.ename}: {error.evalue}".strip()
            result = Result(job, False, time.perf_counter() - started, error.cell_index, message)
        except Exception as error:  # kernel died, notebook unreadable, …: report it and go on
            result = Result(
                job, False, time.perf_counter() - started, None, f"{type(error).__name__}: {error}"
            )
            if isinstance(error, warm.FactoryError) and not cold:
                note = f"qnlib: no warm kernel ({error}); this run starts a cold one\n"
                os.write(2, note.encode())  # fd 2 is the run's log
                cold = True  # a warm kernel is a speed-up, never a reason for a run to fail
                continue
            if KERNEL_START_FAILED in str(error) and attempt < STARTS:
                time.sleep(1.0)
                continue  # two kernels starting at once can race for ports: start this one again
        else:
            result = Result(job, True, time.perf_counter() - started)
        finally:
            if km is not None:
                km.stop()
        break
    if partial.exists():
        # papermill wrote it: if it cannot be read back, keep it as it is
        with contextlib.suppress(OSError, ValueError, KeyError, AttributeError):
            _deterministic(partial, job.output)
        os.replace(partial, job.output)
    else:
        job.output.unlink(missing_ok=True)
    result.worker = os.getpid()
    return result


# When papermill and nbclient say a run or a cell started and ended: different on every run.
RUN_TIMES = ("start_time", "end_time", "duration")


def _deterministic(path: Path, output: Path) -> None:
    """Make the executed notebook a function of its job alone: no clock times, cell ids by
    position (nbformat draws random ones), paths as the project shows them.

    Two runs of the same job, warm or cold, then write byte-identical notebooks; the seconds a
    run took are in the summary table."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    papermill = notebook.metadata.get("papermill", {})
    for key in RUN_TIMES:
        papermill.pop(key, None)
    for key, where in (("input_path", papermill.get("input_path")), ("output_path", output)):
        if where:
            papermill[key] = config.shown(Path(where))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
        cell.metadata.pop("execution", None)
        for key in RUN_TIMES:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(notebook, path)


def _worker_start(parent: int, figures_dir: str, cold: bool, run_cores: int) -> None:
    """In each worker: the run's environment (with the ``run_cores`` a run may use), its kernel
    factory already importing (unless ``cold``); leave Ctrl-C to the runner, and exit (with the
    kernels) if the runner dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    skip_unused_slow_imports()
    os.environ.update({"QNLIB_FIGURES_DIR": figures_dir, "MPLBACKEND": "Agg", CORES_ENV: str(run_cores)})
    if not cold:
        from . import warm

        warm.factory().start()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        _kill_tree(os.getpid(), include_root=False)  # the factory and kernels: they also watch us
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="qnlib-parent-watch").start()


def _kill_tree(pid: int, include_root: bool = True) -> None:
    """Stop a process and everything it started (a worker's kernel runs in its own session)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = root.children(recursive=True) + ([root] if include_root else [])
    except psutil.NoSuchProcess:
        return
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=3)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    psutil.wait_procs(alive, timeout=3)


class RunStopped(Exception):
    """SIGINT or SIGTERM stopped a run: what finished, and what did not."""

    def __init__(self, signum: int, finished: list[Result], unfinished: list[Job]):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.finished, self.unfinished = signum, finished, unfinished

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # 130 for SIGINT, 143 for SIGTERM, as shells report them


class _Signal(BaseException):
    def __init__(self, signum: int):
        self.signum = signum


def _raise_signal(signum: int, _frame: Any) -> None:
    raise _Signal(signum)


@contextlib.contextmanager
def _signals_raise() -> Any:
    """SIGINT and SIGTERM become an exception in the runner (only in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _plan_runs(
    jobs: Sequence[Job], figures_dir: Path, force: bool
) -> tuple[dict[int, Result], dict[int, dict]]:
    """Which jobs are up to date (their results) and the ingredients of all of them."""
    from ..store import code_hash, dataset_hashes

    code = code_hash()
    made_of = {i: uptodate.ingredients(job.input, job.params, code) for i, job in enumerate(jobs)}
    if force:
        return {}, made_of
    hashes = dataset_hashes()
    fresh = {i: Result(job, True, 0.0, status="up to date") for i, job in enumerate(jobs)
             if uptodate.up_to_date(job.output, made_of[i], hashes, figures_dir)}  # fmt: skip
    return fresh, made_of


def _remember(result: Result, made_of: dict) -> None:
    """After a successful run: write its record (what it was made of, what it read and made)."""
    reads = uptodate.reads_path(result.job.output)
    if result.ok:
        figures = uptodate.shown_figures(result.job.output)
        uptodate.write_record(result.job.output, made_of, uptodate.read_reads(reads), figures)
    else:
        uptodate.record_path(result.job.output).unlink(missing_ok=True)
    reads.unlink(missing_ok=True)


def _remove_leftovers(folders: set[Path]) -> None:
    """Hidden files of a run that was killed: half-executed notebooks, notes of datasets read,
    temporary files of atomic writes. Complete outputs are never among them."""
    for folder in folders:
        for pattern in (".*.partial", ".*.reads", ".*.tmp"):
            for path in folder.glob(pattern):
                path.unlink(missing_ok=True)


def run_jobs(
    jobs: Sequence[Job],
    workers: int | None = None,
    kernel: str | None = None,
    figures_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    force: bool = False,
    cold: bool = False,
    timeout: float = TIMEOUT_SECONDS,
) -> list[Result]:
    """Execute the ``jobs`` that are not up to date, in parallel processes (all with ``force``).

    Each run gets a fresh kernel forked from its worker's warm factory (:mod:`qnlib.run.warm`);
    ``cold`` starts each kernel from nothing, as papermill does. A cell running longer than
    ``timeout`` seconds fails its run. SIGINT or SIGTERM stops every worker and kernel and
    raises :class:`RunStopped`.
    """
    if not jobs:
        return []
    for job in jobs:
        if job.output.resolve().is_relative_to(config.NOTEBOOKS_DIR.resolve()):
            raise ParameterError(
                f"refusing to write an executed notebook into {config.NOTEBOOKS_DIR}: {job.output}"
            )
    figures_dir = Path(figures_dir or config.FIGURES_DIR)
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    _remove_leftovers({job.output.parent for job in jobs} | {figures_dir, figures_dir / INDEX_DIR})
    results, made_of = _plan_runs(jobs, figures_dir, force)
    todo = [i for i in range(len(jobs)) if i not in results]
    if todo:
        kernel = kernel or kernel_name()
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        log(
            t(
                "cli.run_start",
                terminal.lang(),
                todo=len(todo),
                workers=workers,
                kernel=kernel,
                fresh=len(results),
            )
        )
        with _signals_raise():
            pool = _Pool(workers, kernel, figures_dir, cold, timeout)
            _run_pool(jobs, todo, results, made_of, pool, log)
    else:
        log(t("cli.run_all_fresh", terminal.lang(), count=len(jobs)))
    if figures_dir.exists() and (todo or _index_stale(figures_dir)):
        write_index(figures_dir)
    return [results[i] for i in range(len(jobs))]


def _index_stale(figures_dir: Path) -> bool:
    """index.csv is missing or older than a figure record (a run stopped between the two)."""
    index = figures_dir / config.FIGURE_INDEX.name
    if not index.exists():
        return True
    written = index.stat().st_mtime_ns
    return any(p.stat().st_mtime_ns > written for p in (figures_dir / INDEX_DIR).glob("*.json"))


@dataclass(frozen=True)
class _Pool:
    """How the workers run: how many, which kernel, where figures go, warm or cold, time limit."""

    workers: int
    kernel: str
    figures_dir: Path
    cold: bool
    timeout: float


def _run_pool(
    jobs: Sequence[Job],
    todo: list[int],
    results: dict[int, Result],
    made_of: dict[int, dict],
    how: _Pool,
    log: Callable[[str], None],
) -> None:
    """Run ``todo`` (indices of ``jobs``) in worker processes, filling ``results``; a progress bar
    on a terminal, log lines otherwise (cron, CI). On SIGINT/SIGTERM stop every worker and kernel."""
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="notebooks", unit="nb", file=sys.stderr)
    pool = ProcessPoolExecutor(max_workers=how.workers, initializer=_worker_start,
                               initargs=(os.getpid(), str(how.figures_dir), how.cold,
                                         max(1, cores() // how.workers)))  # fmt: skip
    try:
        futures = {pool.submit(_execute, jobs[i], how.kernel, how.cold, how.timeout): i for i in todo}
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                result = results[i] = future.result()
            except BrokenProcessPool:  # a worker was killed from outside (OOM killer, kill -9 of a worker)
                result = results[i] = Result(jobs[i], False, 0.0, None, "the worker process died (killed?)")
            _remember(result, made_of[i])
            lang = terminal.lang()
            status = (
                t("cli.run_status_ran", lang)
                if result.ok
                else (
                    f"{t('cli.run_status_failed', lang)} ({t('cli.run_failed_at', lang, cell=result.cell, error=result.error)})"
                )
            )
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(f"{result.job.notebook}: {result.status}")
            else:
                log(t("cli.run_progress", lang, done=done, total=len(todo), label=result.job.label, status=status,
                      seconds=result.seconds))  # fmt: skip
    except _Signal as stop:
        for process in list(
            (pool._processes or {}).values()
        ):  # the pool has no public way to stop its workers
            _kill_tree(process.pid)
        pool.shutdown(wait=False, cancel_futures=True)
        unfinished = [jobs[i] for i in todo if i not in results]
        raise RunStopped(stop.signum, [results[i] for i in sorted(results)], unfinished) from None
    finally:
        if bar is not None:
            bar.close()
    pool.shutdown(wait=True)


def summary(results: Sequence[Result]) -> pd.DataFrame:
    """One row per run: notebook, parameters changed, status, seconds, output or error."""
    import pandas as pd

    rows = []
    for r in results:
        where = config.shown(r.job.output)
        rows.append(
            {
                "notebook": r.job.label,
                "status": r.status,
                "seconds": round(r.seconds, 1),
                "result": where if r.ok else f"cell {r.cell}: {r.error}",
            }
        )
    return pd.DataFrame(rows)
