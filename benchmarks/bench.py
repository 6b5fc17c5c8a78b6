"""Benchmarks whose numbers go into the README (run with `make bench`).

* parse: building every dataset from the raw documents, in memory (no writing),
  first in a fresh process (cold: includes reading the places database) and then
  repeated in the same process (warm).
* notebooks: the four notebooks with their defaults, run by ``qnlib run`` (parallel
  processes) against the ``papermill`` command run once per notebook, one after the
  other; both in this session, alternating, into temporary directories.
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
    subprocess.run(command, check=True, env=env, capture_output=True)
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
            env = {**os.environ, "QNLIB_FIGURES_DIR": f"{tmp}/figures", "QNLIB_EXECUTED_DIR": f"{tmp}/runner"}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="parse, notebooks (default: both)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    which = args.which or ["parse", "notebooks"]
    if set(which) - {"parse", "notebooks"}:
        parser.error(f"unknown benchmark {which}; choose from: parse, notebooks")
    if "parse" in which:
        bench_parse(args.repeats)
    if "notebooks" in which:
        bench_notebooks(max(1, args.repeats // 10))


if __name__ == "__main__":
    main()
