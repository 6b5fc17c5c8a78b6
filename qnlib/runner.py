"""``qnlib run``: execute the notebooks with papermill, in parallel, and report what happened.

Parameters are checked before any kernel starts (:mod:`qnlib.parameters`). Each
notebook runs in its own process through papermill's Python API; executed copies
go to ``reports/notebooks/`` (never over the source notebooks). A failing notebook
does not stop the others; the run ends with a summary table naming the failing
cell and error, and a non-zero exit code if anything failed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import config, parameters, plotting
from .errors import ParameterError

__all__ = ["Job", "Result", "kernel_name", "plan_jobs", "run_jobs", "summary"]

TIMEOUT_SECONDS = 600


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


def kernel_name() -> str:
    """The project kernel when installed (``make setup`` installs it), else the default Python kernel."""
    from jupyter_client.kernelspec import KernelSpecManager

    return "qnlib" if "qnlib" in KernelSpecManager().find_kernel_specs() else "python3"


def _output_path(notebook: str, params: dict[str, Any], out_dir: Path) -> Path:
    return out_dir / f"{plotting.run_stem(notebook, params, parameters.defaults(notebook))}.ipynb"


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


def _execute(job: Job, kernel: str, run_id: str, figures_dir: str) -> Result:
    """Run one notebook (in a worker process); never raises for a failing notebook."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    os.environ.update(
        QNLIB_RUN_ID=run_id,
        QNLIB_EXECUTED_NOTEBOOK=str(job.output),
        QNLIB_FIGURES_DIR=figures_dir,
        MPLBACKEND="Agg",
    )
    job.output.parent.mkdir(parents=True, exist_ok=True)
    # The kernel inherits this process's stderr: keep its chatter in a log next to the executed
    # notebook instead of interleaving it with the runner's progress lines.
    with open(job.output.with_suffix(".log"), "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(job.input),
            str(job.output),
            parameters=job.params,
            kernel_name=kernel,
            cwd=str(job.input.parent),
            progress_bar=False,
            execution_timeout=TIMEOUT_SECONDS,
        )
    except PapermillExecutionError as error:
        message = f"{error.ename}: {error.evalue}".strip()
        return Result(job, False, time.perf_counter() - started, error.cell_index, message)
    except Exception as error:  # kernel died, notebook unreadable, …: report it and go on
        return Result(job, False, time.perf_counter() - started, None, f"{type(error).__name__}: {error}")
    return Result(job, True, time.perf_counter() - started)


def run_jobs(
    jobs: Sequence[Job],
    workers: int | None = None,
    kernel: str | None = None,
    figures_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> list[Result]:
    """Execute ``jobs`` in parallel processes; progress bar on a terminal, log lines otherwise."""
    if not jobs:
        return []
    for job in jobs:
        if job.output.resolve().is_relative_to(config.NOTEBOOKS_DIR.resolve()):
            raise ParameterError(
                f"refusing to write an executed notebook into {config.NOTEBOOKS_DIR}: {job.output}"
            )
    kernel = kernel or kernel_name()
    figures_dir = Path(figures_dir or config.FIGURES_DIR)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    run_id = f"qnlib run {datetime.now().isoformat(timespec='seconds')}"
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    results: list[Result | None] = [None] * len(jobs)
    done = 0
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(jobs), desc="notebooks", unit="nb", file=sys.stderr)
    else:
        log(f"running {len(jobs)} notebook(s) with {workers} worker(s), kernel {kernel!r}")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_execute, job, kernel, run_id, str(figures_dir)): i for i, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            result = results[futures[future]] = future.result()
            done += 1
            status = "ok" if result.ok else f"FAILED (cell {result.cell}): {result.error}"
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(f"{result.job.notebook}: {'ok' if result.ok else 'FAILED'}")
            else:
                log(f"[{done}/{len(jobs)}] {result.job.label}: {status} ({result.seconds:.1f} s)")
    if bar is not None:
        bar.close()
    if figures_dir.exists():
        plotting.write_index(figures_dir)
    return [r for r in results if r is not None]


def summary(results: Sequence[Result]) -> pd.DataFrame:
    """One row per run: notebook, parameters changed, status, seconds, output or error."""
    rows = []
    for r in results:
        where = config.shown(r.job.output)
        rows.append(
            {
                "notebook": r.job.label,
                "status": "ok" if r.ok else "FAILED",
                "seconds": round(r.seconds, 1),
                "result": where if r.ok else f"cell {r.cell}: {r.error}",
            }
        )
    return pd.DataFrame(rows)
