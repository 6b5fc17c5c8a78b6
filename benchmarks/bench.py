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

    from qnlib import config, parameters, runner

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

    from qnlib import parameters, runner

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
                times[notebook].append(_timed([str(bin_dir / "qnlib"), "run", notebook], env))
    floor = statistics.median(times["trivial (papermill)"])
    print(f"each notebook alone against a trivial notebook ({repeats} runs each, alternating):")
    print("| run | median | × trivial |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.1f} s | {statistics.median(values) / floor:.1f}× |")


def _compose_only(tmp: str, repeats: int) -> list[float]:
    """The brief without running anything: the runner returns the runs already in ``tmp``."""
    from qnlib import brief, runner

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
            runs.append(_timed([qnlib, "run", "--each", "lang"], env))
            briefs.append(_timed([qnlib, "brief"], env))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="parse, notebooks, floor, brief (default: all)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    which = args.which or ["parse", "notebooks", "floor", "brief"]
    if set(which) - {"parse", "notebooks", "floor", "brief"}:
        parser.error(f"unknown benchmark {which}; choose from: parse, notebooks, floor, brief")
    if "parse" in which:
        bench_parse(args.repeats)
    if "notebooks" in which:
        bench_notebooks(max(1, args.repeats // 10))
    if "floor" in which:
        bench_floor(max(1, args.repeats // 4))
    if "brief" in which:
        bench_brief(max(1, args.repeats // 4))


if __name__ == "__main__":
    main()
