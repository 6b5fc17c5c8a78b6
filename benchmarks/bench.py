"""Benchmarks whose numbers go into the README (run with `make bench`).

* parse: building every dataset from the raw documents, in memory (no writing),
  first in a fresh process (cold: includes reading the places database) and then
  repeated in the same process (warm).
* notebooks: the four notebooks with their defaults, run by ``qnlib run`` (parallel
  processes) against the ``papermill`` command run once per notebook, one after the
  other; both in this session, alternating, into temporary directories.
* floor: each notebook run alone (``qnlib run NAME``) against a trivial pandas +
  matplotlib notebook under the ``papermill`` command (kernel start, imports, one
  small figure), alternating, in the same session: how far each notebook is from
  the cost of running any notebook at all.
* brief: ``qnlib brief`` (both languages: eight runs, then the decks, reports and index)
  against ``qnlib run --each lang`` (the same eight runs), alternating; and the brief's
  own step alone (decks, reports, index from the executed notebooks), in this process.
* cron: what a scheduled ``qnlib build && qnlib run --each lang`` costs when nothing
  changed (every run up to date), when one raw document changed (only the notebooks
  that read its datasets re-run), and with ``--force`` (everything re-runs, as before
  runs were skipped); on a copy of the documents in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COLD = """
import time
import qnlib.store
t = time.perf_counter()
qnlib.store.build_frames()
print(time.perf_counter() - t)
"""


def bench_parse(repeats: int) -> None:
    from qnlib.store import build_frames

    cold = [float(subprocess.check_output([sys.executable, "-c", COLD], text=True)) for _ in range(3)]
    warm = []
    for _ in range(repeats):
        started = time.perf_counter()
        frames = build_frames()
        warm.append(time.perf_counter() - started)
    rows = sum(len(f) for f in frames.values())
    print(f"parse all {len(frames)} datasets ({rows} rows) from data/raw/:")
    print(f"  cold, fresh process (3 runs):  median {statistics.median(cold):.3f} s, max {max(cold):.3f} s")
    print(
        f"  warm, same process ({repeats} runs): median {statistics.median(warm):.3f} s, max {max(warm):.3f} s"
    )


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"benchmark run failed: {' '.join(command)}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - started


def bench_notebooks(repeats: int) -> None:
    import os
    import tempfile
    from pathlib import Path

    from qnlib import config
    from qnlib.run import parameters, runner

    bin_dir = Path(sys.executable).parent
    kernel = runner.kernel_name()
    runner_times, papermill_times = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "QNLIB_FIGURES_DIR": f"{tmp}/figures",
                "QNLIB_EXECUTED_DIR": f"{tmp}/runner",
                "QNLIB_REPORTS_DIR": f"{tmp}/reports",
            }
            runner_times.append(_timed([str(bin_dir / "qnlib"), "run"], env))
            sequential = 0.0
            for notebook in parameters.NOTEBOOKS:
                source = config.NOTEBOOKS_DIR / f"{notebook}.ipynb"
                command = [str(bin_dir / "papermill"), str(source), f"{tmp}/{notebook}.ipynb", "-k", kernel]
                sequential += _timed(command, env)
            papermill_times.append(sequential)
    print(f"four notebooks, default parameters ({repeats} runs each, {os.cpu_count()} cores):")
    runs = ", ".join(f"{t:.1f}" for t in runner_times)
    print(
        f"  qnlib run (parallel processes):    median {statistics.median(runner_times):.1f} s  (runs: {runs})"
    )
    runs = ", ".join(f"{t:.1f}" for t in papermill_times)
    print(
        f"  papermill CLI, one after the other: median {statistics.median(papermill_times):.1f} s  (runs: {runs})"
    )


TRIVIAL = [
    ("x = 1", ["parameters"]),
    (
        "import matplotlib.pyplot as plt\nimport pandas as pd\n\nframe = pd.DataFrame({'a': [1, 2, 3]})\n"
        "fig, ax = plt.subplots()\nax.bar(frame.index, frame['a'])\nfig.savefig('trivial.png')\nplt.show()",
        [],
    ),
]


def _trivial_notebook(path, kernel: str) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code, metadata={"tags": tags}) for code, tags in TRIVIAL]
    notebook.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    nbformat.write(notebook, str(path))


def bench_floor(repeats: int) -> None:
    import os
    import tempfile
    from pathlib import Path

    from qnlib.run import parameters, runner

    bin_dir = Path(sys.executable).parent
    kernel = runner.kernel_name()
    times: dict[str, list[float]] = {name: [] for name in ["trivial (papermill)", *parameters.NOTEBOOKS]}
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QNLIB_FIGURES_DIR": f"{tmp}/figures",
            "QNLIB_EXECUTED_DIR": f"{tmp}/runner",
            "QNLIB_REPORTS_DIR": f"{tmp}/reports",
        }
        trivial = Path(tmp) / "trivial.ipynb"
        _trivial_notebook(trivial, kernel)
        floor_command = [
            str(bin_dir / "papermill"),
            str(trivial),
            f"{tmp}/out.ipynb",
            "-k",
            kernel,
            "--cwd",
            tmp,
        ]
        for _ in range(repeats):
            for notebook in parameters.NOTEBOOKS:  # alternate: floor, notebook, floor, notebook …
                times["trivial (papermill)"].append(_timed(floor_command, env))
                times[notebook].append(_timed([str(bin_dir / "qnlib"), "run", notebook, "--force"], env))
    floor = statistics.median(times["trivial (papermill)"])
    print(f"each notebook alone against a trivial notebook ({repeats} runs each, alternating):")
    print("| run | median | × trivial |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.1f} s | {statistics.median(values) / floor:.1f}× |")


def _compose_only(tmp: str, repeats: int) -> list[float]:
    """The brief without running anything: the runner returns the runs already in ``tmp``."""
    from qnlib import brief
    from qnlib.run import runner

    jobs = brief.plan(out_dir=f"{tmp}/runner")
    finished = [runner.Result(job, True, 0.0) for job in jobs]
    real, runner.run_jobs = runner.run_jobs, lambda jobs, **_: finished
    times = []
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            brief.brief(
                briefs_dir=f"{tmp}/briefs", figures_dir=f"{tmp}/figures", executed_dir=f"{tmp}/runner"
            )
            times.append(time.perf_counter() - started)
    finally:
        runner.run_jobs = real
    return times


def bench_brief(repeats: int) -> None:
    import os
    import tempfile
    from pathlib import Path

    qnlib = str(Path(sys.executable).parent / "qnlib")
    runs, briefs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QNLIB_FIGURES_DIR": f"{tmp}/figures", "QNLIB_EXECUTED_DIR": f"{tmp}/runner", "QNLIB_REPORTS_DIR": f"{tmp}/reports",
               "QNLIB_BRIEFS_DIR": f"{tmp}/briefs"}  # fmt: skip
        for _ in range(repeats):
            runs.append(_timed([qnlib, "run", "--each", "lang", "--force"], env))
            briefs.append(_timed([qnlib, "brief", "--force"], env))
        compose = _compose_only(tmp, repeats)
    median = statistics.median
    print(f"qnlib brief against the same eight notebook runs ({repeats} runs each, alternating):")
    print(
        f"  qnlib run --each lang:  median {median(runs):.1f} s  (runs: {', '.join(f'{t:.1f}' for t in runs)})"
    )
    print(
        f"  qnlib brief:            median {median(briefs):.1f} s  (runs: {', '.join(f'{t:.1f}' for t in briefs)})"
    )
    print(
        f"  brief step alone (2 decks, 8 reports, index): median {median(compose):.2f} s, max {max(compose):.2f} s"
    )


LOANS_DOC = "2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt"


def _cron_env(tmp: str) -> dict[str, str]:
    import os
    import shutil

    from qnlib import config

    shutil.copytree(config.RAW_DIR, f"{tmp}/raw")
    for path in os.listdir(f"{tmp}/raw"):
        os.chmod(f"{tmp}/raw/{path}", 0o644)
    names = {
        "RAW": "raw",
        "PROCESSED": "processed",
        "FIGURES": "figures",
        "EXECUTED": "runs",
        "REPORTS": "reports",
    }
    return {
        **os.environ,
        **{f"QNLIB_{k}_DIR": f"{tmp}/{v}" for k, v in names.items()},
        "QNLIB_LOCK_FILE": f"{tmp}/lock",
    }


def _cron(env: dict[str, str], *extra: str) -> tuple[float, int]:
    """``qnlib build && qnlib run --each lang``: seconds, and how many notebooks ran."""
    from pathlib import Path

    qnlib = str(Path(sys.executable).parent / "qnlib")
    started = time.perf_counter()
    for command in ([qnlib, "build"], [qnlib, "run", "--each", "lang", *extra]):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"benchmark run failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    ran = sum(" ran " in line for line in done.stdout.splitlines())  # rows of the summary table
    return time.perf_counter() - started, ran


def bench_cron(repeats: int) -> None:
    import tempfile
    from pathlib import Path

    median = statistics.median
    with tempfile.TemporaryDirectory() as tmp:
        env = _cron_env(tmp)
        _cron(env)  # the first run: everything
        noop = [_cron(env) for _ in range(repeats)]
        document = f"{tmp}/raw/{LOANS_DOC}"
        original = Path(document).read_text(encoding="utf-8")
        edited = original.replace("Long\t6.000,00\t86\t", "Long\t6.000,00\t87\t", 1)
        assert edited != original
        one_doc = []
        for i in range(repeats):
            Path(document).write_text(edited if i % 2 == 0 else original, encoding="utf-8")
            one_doc.append(_cron(env))
        forced = [_cron(env, "--force") for _ in range(max(1, repeats // 2))]
    print(
        f"cron: qnlib build && qnlib run --each lang (8 runs), on a copy of the documents ({repeats} runs each):"
    )
    for label, values in (("nothing changed", noop), ("one document changed (Phụ lục 6)", one_doc),
                          ("--force (everything re-runs)", forced)):  # fmt: skip
        print(f"  {label:34} median {median(t for t, _ in values):.2f} s, notebooks run: {values[0][1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="parse, notebooks, floor, brief, cron (default: all)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    known = ["parse", "notebooks", "floor", "brief", "cron"]
    which = args.which or known
    if set(which) - set(known):
        parser.error(f"unknown benchmark {which}; choose from: {', '.join(known)}")
    if "parse" in which:
        bench_parse(args.repeats)
    if "notebooks" in which:
        bench_notebooks(max(1, args.repeats // 10))
    if "floor" in which:
        bench_floor(max(1, args.repeats // 4))
    if "brief" in which:
        bench_brief(max(1, args.repeats // 4))
    if "cron" in which:
        bench_cron(max(2, args.repeats // 4))


if __name__ == "__main__":
    main()
