"""Command line: ``qnlib build``, ``check``, ``datasets``, ``notebooks``, ``run`` and ``brief``.

Exit codes (each failure is one line on stderr, never a traceback):

- 0: success (``check`` also returns 0 when documents disagree with themselves: that is a
  finding, not a failure), including "nothing to do: up to date";
- 1: a notebook failed (``run`` and ``brief`` still finish the others);
- 2: input or the system cannot be used: a raw file that does not parse, an invalid parameter,
  an unknown notebook, a missing figure, a folder that is read-only or a full disk;
- 75: another qnlib build, run or brief holds the project's lock (try again later);
- 130 / 143: stopped by SIGINT (Ctrl-C) / SIGTERM; every worker and kernel is stopped first.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from . import config
from .errors import QnlibError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUSY = 0, 1, 2, 75


def _table(frame: pd.DataFrame, max_colwidth: int = 90) -> str:
    with pd.option_context(
        "display.max_rows", None, "display.width", 250, "display.max_colwidth", max_colwidth
    ):
        return frame.to_string(index=False)


def cmd_build(args: argparse.Namespace) -> int:
    from .lock import project_lock
    from .store import build, is_fresh

    with project_lock(args.wait):
        if not args.force and is_fresh(args.out_dir, args.raw_dir):
            print(
                f"{config.shown(args.out_dir)} is up to date with {config.shown(args.raw_dir)} and the code: nothing to do"
            )
            return EXIT_OK
        result = build(args.raw_dir, args.out_dir)
    summary = pd.DataFrame(
        [
            {"dataset": name, "rows": len(frame), "source": frame.attrs["source"]}
            for name, frame in result.frames.items()
        ]
    )
    print(_table(summary))
    print(
        f"\nwrote {result.out_dir} (parquet, csv, {config.WORKBOOK_NAME}); parsed in {result.parse_seconds:.2f} s"
    )
    changed = result.changes.get("datasets", {})
    print("changed: " + ", ".join(changed) if changed else "no dataset changed")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import check

    results = check(args.raw_dir)
    counts = results["status"].value_counts()
    if args.mismatches:
        results = results[results["status"] == "mismatch"]
    print(_table(results, max_colwidth=None if args.full else 90))
    print(
        f"\n{counts.get('ok', 0)} ok, {counts.get('mismatch', 0)} mismatch (mismatches are in the documents)"
    )
    return EXIT_OK


def cmd_datasets(args: argparse.Namespace) -> int:
    from .datasets import catalogue

    print(_table(catalogue()[["name", "title", "source", "unit"]]))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from . import runner
    from .lock import project_lock

    overrides = dict(args.param or [])
    jobs = runner.plan_jobs(args.notebooks, overrides, args.each)  # checks every parameter first
    with project_lock(args.wait):
        _ensure_data()
        try:
            results = runner.run_jobs(jobs, workers=args.jobs, kernel=args.kernel, force=args.force)
        except runner.RunStopped as stop:
            return _stopped(stop)
        changed = _report_changes()
    print(_table(runner.summary(results), max_colwidth=120))
    failed = sum(not r.ok for r in results)
    print(f"\n{len(results) - failed} ok, {failed} failed; figures in {config.shown(config.FIGURES_DIR)}")
    print(changed)
    return EXIT_FAILED if failed else EXIT_OK


def _ensure_data() -> None:
    """Build data/processed when it is stale; if it cannot be written, the notebooks parse raw."""
    from .store import build, is_fresh

    if not is_fresh():
        print("data/processed is out of date with data/raw (or the code): building it first", file=sys.stderr)
        try:
            build()
        except OSError as error:
            print(
                f"could not write data/processed ({_os_error(error)}); the notebooks will parse data/raw",
                file=sys.stderr,
            )


def _report_changes() -> str:
    """Write reports/changes.md; the line that says what changed."""
    from .changes import write_report

    path, summary = write_report()
    return f"{summary} (see {config.shown(path)})"


def _stopped(stop: Any) -> NoReturn:
    """What a run stopped by a signal had finished, and what it had not; exit 130 or 143."""
    finished = ", ".join(r.job.label for r in stop.finished) or "none"
    unfinished = ", ".join(j.label for j in stop.unfinished) or "none"
    print(f"stopped by {stop}: finished: {finished}; not finished: {unfinished}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    # Exit now: at interpreter exit concurrent.futures joins the pool's manager thread, which can
    # still be waiting on the workers the stop just killed. Every file is already complete.
    os._exit(stop.exit_code)


def cmd_brief(args: argparse.Namespace) -> int:
    from . import brief
    from .lock import project_lock
    from .runner import RunStopped

    overrides = dict(args.param or [])
    brief.plan(args.notebooks, overrides, args.each, args.lang)  # checks every parameter first
    with project_lock(args.wait):
        _ensure_data()
        try:
            result = brief.brief(args.notebooks, overrides, args.each, args.lang, workers=args.jobs,
                                 kernel=args.kernel, force=args.force)  # fmt: skip
        except RunStopped as stop:
            return _stopped(stop)
        changed = _report_changes()
    for path in [*result.decks, *result.reports, result.index]:
        print(config.shown(path))
    for failed in result.failed:
        print(f"FAILED {failed.job.label} (cell {failed.cell}): {failed.error}", file=sys.stderr)
    print(
        f"\n{len(result.decks)} deck(s), {len(result.reports)} report(s); "
        f"{len(result.results) - len(result.failed)} notebook run(s) ok, {len(result.failed)} failed"
    )
    print(changed)
    return EXIT_FAILED if result.failed else EXIT_OK


def cmd_notebooks(args: argparse.Namespace) -> int:
    from . import parameters

    rows = []
    for notebook, specs in parameters.NOTEBOOKS.items():
        declared = parameters.declared(notebook)
        for name, spec in specs.items():
            rows.append(
                {
                    "notebook": notebook,
                    "parameter": name,
                    "default": declared[name]["default"],
                    "allowed": spec.describe(),
                    "help": declared[name]["help"],
                }
            )
    print(_table(pd.DataFrame(rows), max_colwidth=70))
    return EXIT_OK


def _run_arguments(command: argparse.ArgumentParser) -> None:
    """The arguments ``run`` and ``brief`` share: which notebooks, with which parameters."""
    command.add_argument("notebooks", nargs="*", help="notebook names (default: all); see `qnlib notebooks`")
    command.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                         help="set a parameter (YAML value: 2022, true, [2021, 2022], none)")  # fmt: skip
    command.add_argument("--each", metavar="NAME", help="run once for every allowed value of this parameter")
    command.add_argument(
        "-j", "--jobs", type=int, default=None, help="parallel processes (default: CPU count)"
    )
    command.add_argument(
        "--kernel", default=None, help="Jupyter kernel (default: qnlib if installed, else python3)"
    )
    _writer_arguments(command, "re-run notebooks even when they are up to date")


def _writer_arguments(command: argparse.ArgumentParser, force: str) -> None:
    """The arguments of every command that writes outputs (and so takes the project's lock)."""
    command.add_argument("--force", action="store_true", help=force)
    command.add_argument("--wait", type=float, default=600, metavar="SECONDS",
                         help="wait this long for another qnlib build/run/brief to finish, then exit 75 (default 600)")  # fmt: skip


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="qnlib", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="parse data/raw into data/processed (parquet, csv, xlsx)")
    build.add_argument("--raw-dir", type=Path, default=config.RAW_DIR, help="raw documents and sources.yml")
    build.add_argument("--out-dir", type=Path, default=config.PROCESSED_DIR, help="where to write")
    _writer_arguments(build, "rebuild even when the processed data is up to date")
    build.set_defaults(func=cmd_build)

    check = commands.add_parser("check", help="reconcile the documents against their own totals")
    check.add_argument("--raw-dir", type=Path, default=config.RAW_DIR)
    check.add_argument("--mismatches", action="store_true", help="show only mismatches")
    check.add_argument("--full", action="store_true", help="do not shorten the detail column")
    check.set_defaults(func=cmd_check)

    datasets = commands.add_parser("datasets", help="list the datasets")
    datasets.set_defaults(func=cmd_datasets)

    run = commands.add_parser(
        "run",
        help="execute notebooks with papermill (all four by default) and write their figures",
        description="Execute notebooks in parallel; executed copies go to reports/notebooks/, figures to figures/.",
        epilog='examples: qnlib run | qnlib run ntm_attainment -p district "Bình Liêu" | qnlib run --each lang',
    )
    _run_arguments(run)
    run.set_defaults(func=cmd_run)

    brief = commands.add_parser(
        "brief",
        help="run the notebooks and write the briefing pack to briefs/ (decks, HTML reports, index)",
        description="Run the notebooks (both languages by default) and write briefs/: briefing__<lang>.pptx, "
        "one code-free HTML report per run and index.html.",
        epilog="examples: qnlib brief | qnlib brief --lang vi | qnlib brief ntm_attainment --each district",
    )
    _run_arguments(brief)
    brief.add_argument(
        "--lang", choices=["vi", "en", "all"], default="all", help="deck language(s) (default: all)"
    )
    brief.set_defaults(func=cmd_brief)

    notebooks = commands.add_parser("notebooks", help="list the notebooks and their parameters")
    notebooks.set_defaults(func=cmd_notebooks)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except QnlibError as error:
        from .lock import Busy

        print(f"qnlib {args.command}: error: {error}", file=sys.stderr)
        return EXIT_BUSY if isinstance(error, Busy) else EXIT_BAD_INPUT
    except OSError as error:  # read-only folder, full disk, missing permission: the system, not qnlib
        print(f"qnlib {args.command}: error: {_os_error(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"qnlib {args.command}: stopped by SIGINT", file=sys.stderr)
        return 130


HINTS = {
    errno.ENOSPC: "free some disk space and run again",
    errno.EROFS: "the file system is read-only: run where the project can be written",
    errno.EACCES: "check the folder's permissions (it must be writable by this user)",
    errno.EPERM: "check the folder's permissions (it must be writable by this user)",
    errno.EDQUOT: "the disk quota is exceeded: free some space",
}


def _os_error(error: OSError) -> str:
    """An OSError as one line: the path, what the system said, and what to do."""
    where = error.filename or "a file"
    hint = HINTS.get(error.errno or 0, "check that the path exists and can be read and written")
    return f"{where}: {error.strerror or error}; {hint}"


if __name__ == "__main__":
    sys.exit(main())
