"""Command line: qnlib build, check, datasets, notebooks, run and brief.

Exit codes (each failure is one line on stderr, never a traceback):

- 0: success (``check`` also returns 0 when documents disagree with themselves: that is a
  finding, not a failure), including "nothing to do: up to date";
- 1: a notebook failed (``run`` and ``brief`` still finish the others);
- 2: input or the system cannot be used: a raw file that does not parse, an invalid parameter,
  an unknown notebook, a missing figure, a folder that is read-only or a full disk;
- 75: another qnlib build, run or brief holds the project's lock (try again later);
- 130 / 143: stopped by SIGINT (Ctrl-C) / SIGTERM; every worker and kernel is stopped first.

Its own words come from ``templates/cli.yml`` in the language of ``--lang`` or ``$QNLIB_LANG``
(Vietnamese by default); listings are one wrapped block per item, readable at 80 columns.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import config, terminal
from .errors import QnlibError
from .run.imports import skip_unused_slow_imports
from .words import t, value_text

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUSY = 0, 1, 2, 75
FORMATS = ("text", "csv", "json")


def _say(lines: Sequence[str] | str) -> None:
    print("\n".join([lines] if isinstance(lines, str) else lines))


def _machine(frame: Any, form: str) -> None:
    """A listing for machines: every column, CSV or JSON records (UTF-8, no index)."""
    import json

    if form == "csv":
        sys.stdout.write(frame.to_csv(index=False))
        return
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n")


def cmd_build(args: argparse.Namespace) -> int:
    from .run.lock import project_lock
    from .store import build, is_fresh

    lang = terminal.lang(args.lang)
    with project_lock(args.wait):
        if not args.force and is_fresh(args.out_dir, args.raw_dir):
            _say(t("cli.build_fresh", lang, out=config.shown(args.out_dir), raw=config.shown(args.raw_dir)))
            return EXIT_OK
        result = build(args.raw_dir, args.out_dir)
    _say([t("cli.build_row", lang, name=name, rows=len(frame), source=frame.attrs["source"])
          for name, frame in result.frames.items()])  # fmt: skip
    _say(["", t("cli.build_wrote", lang, out=config.shown(result.out_dir), workbook=config.WORKBOOK_NAME,
                seconds=result.parse_seconds)])  # fmt: skip
    changed = list(result.changes.get("datasets", {}))
    _say(t("cli.build_changed", lang, names=changed) if changed else t("cli.build_unchanged", lang))
    return EXIT_OK


def check_blocks(results: Any, lang: str, columns: int | None = None) -> list[str]:
    """Each check as a wrapped block: status and what is compared; where to find it; both sides; why."""
    blocks = []
    for row in results.itertuples():
        status = (
            "check_ok"
            if row.status == "ok"
            else ("check_finding" if row.kind == "table" else "check_mismatch")
        )
        line = row.source.partition(":")[2]
        lines = [t("cli.check_place", lang, document=row.document, where=row.where, line=line)]
        if row.status != "ok" and row.kind == "figure":
            difference = (
                ""
                if row.difference is None or row.difference != row.difference
                else (("+" if row.difference > 0 else "") + value_text(row.difference, lang))
            )
            lines.append(t("cli.check_sides", lang, printed=row.printed_text, expected=row.expected_text,
                           difference=difference))  # fmt: skip
        if row.status != "ok":
            lines.append(row.detail)
        blocks.append(terminal.block(f"[{t('cli.' + status, lang)}] {row.subject}", lines, columns=columns))
    return blocks


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import check

    lang = terminal.lang(args.lang)
    results = check(args.raw_dir, lang)
    counts = results["status"].value_counts()
    shown = results[results["status"] == "mismatch"] if args.mismatches else results
    if args.format != "text":
        _machine(shown, args.format)
        return EXIT_OK
    _say(["\n".join(check_blocks(shown, lang)), ""] if len(shown) else [])
    summary = t("cli.check_summary", lang, total=len(results), ok=counts.get("ok", 0),
                mismatch=counts.get("mismatch", 0))  # fmt: skip
    _say(terminal.block(summary))
    return EXIT_OK


def cmd_datasets(args: argparse.Namespace) -> int:
    from .datasets import catalogue

    lang = terminal.lang(args.lang)
    frame = catalogue(lang)
    if args.format != "text":
        _machine(frame, args.format)
        return EXIT_OK
    from .sources import load_sources

    sources = load_sources()
    for row in frame.itertuples():
        names = "; ".join(sources[s].named(lang) if s in sources else s for s in row.source.split(","))
        _say(terminal.block(t("cli.datasets_item", lang, name=row.name, title=row.title),
                            [t("cli.datasets_source", lang, source=names, unit=row.unit)]))  # fmt: skip
    _say(["", t("cli.datasets_summary", lang, count=len(frame))])
    return EXIT_OK


def _notebook_rows(lang: str) -> list[dict[str, Any]]:
    from .run import parameters

    rows = []
    for notebook, specs in parameters.NOTEBOOKS.items():
        declared = parameters.declared(notebook)
        for name in specs:
            rows.append({"notebook": notebook, "parameter": name, "default": declared[name]["default"],
                         "allowed": parameters.describe(notebook, name, lang),
                         "help": parameters.help_text(notebook, name, lang)})  # fmt: skip
    return rows


def cmd_notebooks(args: argparse.Namespace) -> int:
    import pandas as pd

    lang = terminal.lang(args.lang)
    rows = _notebook_rows(lang)
    if args.format != "text":
        _machine(pd.DataFrame(rows), args.format)
        return EXIT_OK
    notebooks = list(dict.fromkeys(r["notebook"] for r in rows))
    for notebook in notebooks:
        lines = []
        for row in (r for r in rows if r["notebook"] == notebook):
            lines.append(
                t(
                    "cli.notebooks_param",
                    lang,
                    name=row["parameter"],
                    default=row["default"],
                    help=row["help"],
                )
            )
            lines.append("  " + t("cli.notebooks_allowed", lang, allowed=row["allowed"]))
        title = t(f"brief.notebook_{notebook}", lang)
        _say([terminal.block(t("cli.notebooks_item", lang, name=notebook, title=title), lines), ""])
    _say(t("cli.notebooks_summary", lang, count=len(notebooks)))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from .run import runner
    from .run.lock import project_lock

    lang = terminal.lang(args.lang)
    overrides = dict(args.param or [])
    jobs = runner.plan_jobs(args.notebooks, overrides, args.each)  # checks every parameter first
    with project_lock(args.wait):
        _ensure_data(lang)
        try:
            results = runner.run_jobs(
                jobs, workers=args.jobs, kernel=args.kernel, force=args.force, cold=args.cold
            )
        except runner.RunStopped as stop:
            return _stopped(stop, lang)
        changed = _report_changes(lang)
    _say(run_blocks(results, lang))
    failed = sum(not r.ok for r in results)
    _say(["", t("cli.run_summary", lang, ok=len(results) - failed, failed=failed,
                figures=config.shown(config.FIGURES_DIR)), changed])  # fmt: skip
    return EXIT_FAILED if failed else EXIT_OK


def run_blocks(results: Sequence[Any], lang: str) -> list[str]:
    """One block per run: status, the run, seconds; where it wrote, or the failing cell and error."""
    blocks = []
    for r in results:
        status = t(f"cli.run_status_{r.status.replace(' ', '_')}", lang)
        detail = (
            config.shown(r.job.output) if r.ok else t("cli.run_failed_at", lang, cell=r.cell, error=r.error)
        )
        seconds = t("cli.seconds", lang, seconds=round(r.seconds, 1))
        blocks.append(terminal.block(f"[{status}] {r.job.label} ({seconds})", [detail]))
    return blocks


def _ensure_data(lang: str) -> None:
    """Build data/processed when it is stale; if it cannot be written, the notebooks parse raw."""
    from .store import build, is_fresh

    if not is_fresh():
        print(t("cli.building_first", lang), file=sys.stderr)
        try:
            build()
        except OSError as error:
            print(t("cli.build_failed_parse_raw", lang, error=_os_error(error)), file=sys.stderr)


def _report_changes(lang: str) -> str:
    """Write reports/changes.md; the line that says what changed."""
    from .run.changes import write_report

    path, summary = write_report()
    return t("cli.changes_line", lang, summary=summary, path=config.shown(path))


def _stopped(stop: Any, lang: str) -> NoReturn:
    """What a run stopped by a signal had finished, and what it had not; exit 130 or 143."""
    none = t("cli.none", lang)
    finished = ", ".join(r.job.label for r in stop.finished) or none
    unfinished = ", ".join(j.label for j in stop.unfinished) or none
    print(t("cli.stopped", lang, signal=str(stop), finished=finished, unfinished=unfinished), file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    # Exit now: at interpreter exit concurrent.futures joins the pool's manager thread, which can
    # still be waiting on the workers the stop just killed. Every file is already complete.
    os._exit(stop.exit_code)


def cmd_brief(args: argparse.Namespace) -> int:
    from . import brief
    from .run.lock import project_lock
    from .run.runner import RunStopped

    lang = terminal.lang(args.cli_lang)
    overrides = dict(args.param or [])
    brief.plan(args.notebooks, overrides, args.each, args.lang)  # checks every parameter first
    with project_lock(args.wait):
        _ensure_data(lang)
        try:
            result = brief.brief(args.notebooks, overrides, args.each, args.lang, workers=args.jobs,
                                 kernel=args.kernel, force=args.force, cold=args.cold)  # fmt: skip
        except RunStopped as stop:
            return _stopped(stop, lang)
        changed = _report_changes(lang)
    _say([config.shown(path) for path in [*result.decks, *result.reports, *result.indexes]])
    for failed in result.failed:
        print(
            t("cli.brief_failed", lang, label=failed.job.label, cell=failed.cell, error=failed.error),
            file=sys.stderr,
        )
    ok = len(result.results) - len(result.failed)
    _say(["", t("cli.brief_summary", lang, decks=len(result.decks), reports=len(result.reports), ok=ok,
                failed=len(result.failed)), changed])  # fmt: skip
    return EXIT_FAILED if result.failed else EXIT_OK


def _run_arguments(command: argparse.ArgumentParser, lang: str) -> None:
    """The arguments ``run`` and ``brief`` share: which notebooks, with which parameters."""
    command.add_argument("notebooks", nargs="*", help=t("cli.help_notebook_names", lang))
    command.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                         help=t("cli.help_param", lang))  # fmt: skip
    command.add_argument("--each", metavar="NAME", help=t("cli.help_each", lang))
    command.add_argument("-j", "--jobs", type=int, default=None, help=t("cli.help_jobs", lang))
    command.add_argument("--kernel", default=None, help=t("cli.help_kernel", lang))
    command.add_argument("--cold", action="store_true", help=t("cli.help_cold", lang))
    _writer_arguments(command, t("cli.help_force_run", lang), lang)


def _writer_arguments(command: argparse.ArgumentParser, force: str, lang: str) -> None:
    """The arguments of every command that writes outputs (and so takes the project's lock)."""
    command.add_argument("--force", action="store_true", help=force)
    command.add_argument("--wait", type=float, default=600, metavar="SECONDS", help=t("cli.help_wait", lang))


def _listing_arguments(command: argparse.ArgumentParser, lang: str) -> None:
    """The arguments of the commands that list things for people or machines."""
    command.add_argument("--format", choices=FORMATS, default="text", help=t("cli.help_format", lang))


def _argparse_words(lang: str) -> None:
    """argparse's own words ("usage:", "options", …) in ``lang``: it looks them up through the
    module-level gettext function ``argparse._`` each time it formats help."""
    words = {
        key: t(f"cli.argparse_{i}", lang) + key[len(key.rstrip()) :] for i, key in enumerate(ARGPARSE_WORDS)
    }
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]


ARGPARSE_WORDS = ("usage: ", "positional arguments", "options", "show this help message and exit",
                  "invalid choice: %(value)r (choose from %(choices)s)", "the following arguments are required: %s",
                  "unrecognized arguments: %s", "%(prog)s: error: %(message)s\n",
                  "argument %(argument_name)s: %(message)s", "expected one argument", "invalid %(type)s value: %(value)r")  # fmt: skip


def parser(lang: str | None = None) -> argparse.ArgumentParser:
    lang = terminal.lang(lang)
    _argparse_words(lang)
    language = argparse.ArgumentParser(add_help=False)  # --lang, accepted by every command
    language.add_argument("--lang", choices=["vi", "en"], default=None, help=t("cli.help_lang", lang))
    main = argparse.ArgumentParser(prog="qnlib", description=t("cli.description", lang), epilog=t("cli.epilog", lang),
                                   parents=[language])  # fmt: skip
    commands = main.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help=t("cli.help_build", lang), parents=[language])
    build.add_argument("--raw-dir", type=Path, default=config.RAW_DIR, help=t("cli.help_raw_dir", lang))
    build.add_argument("--out-dir", type=Path, default=config.PROCESSED_DIR, help=t("cli.help_out_dir", lang))
    _writer_arguments(build, t("cli.help_force_build", lang), lang)
    build.set_defaults(func=cmd_build)

    check = commands.add_parser("check", help=t("cli.help_check", lang), parents=[language])
    check.add_argument("--raw-dir", type=Path, default=config.RAW_DIR, help=t("cli.help_raw_dir", lang))
    check.add_argument("--mismatches", action="store_true", help=t("cli.help_mismatches", lang))
    _listing_arguments(check, lang)
    check.set_defaults(func=cmd_check)

    datasets = commands.add_parser("datasets", help=t("cli.help_datasets", lang), parents=[language])
    _listing_arguments(datasets, lang)
    datasets.set_defaults(func=cmd_datasets)

    run = commands.add_parser("run", help=t("cli.help_run", lang), description=t("cli.help_run_description", lang),
                              epilog=t("cli.help_run_epilog", lang), parents=[language])  # fmt: skip
    _run_arguments(run, lang)
    run.set_defaults(func=cmd_run)

    brief = commands.add_parser("brief", help=t("cli.help_brief", lang), description=t("cli.help_brief_description", lang),
                                epilog=t("cli.help_brief_epilog", lang))  # fmt: skip
    _run_arguments(brief, lang)
    # brief's --lang chooses the decks' languages; its messages follow $QNLIB_LANG.
    brief.add_argument(
        "--lang", choices=["vi", "en", "all"], default="all", help=t("cli.help_brief_lang", lang)
    )
    brief.set_defaults(func=cmd_brief, cli_lang=None)

    notebooks = commands.add_parser("notebooks", help=t("cli.help_notebooks", lang), parents=[language])
    _listing_arguments(notebooks, lang)
    notebooks.set_defaults(func=cmd_notebooks)
    return main


def _early_lang(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line, if any (help texts are built before parsing)."""
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("vi", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("vi", "en"):
            return arg[7:]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    skip_unused_slow_imports()
    try:
        args = parser(_early_lang(argv)).parse_args(argv)
    except QnlibError as error:  # a bad $QNLIB_LANG
        print(f"qnlib: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except QnlibError as error:
        from .run.lock import Busy

        print(f"qnlib {args.command}: error: {error}", file=sys.stderr)
        return EXIT_BUSY if isinstance(error, Busy) else EXIT_BAD_INPUT
    except BrokenPipeError:  # `qnlib check | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return EXIT_OK
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
