"""Benchmarks whose numbers go into the README (run with `make bench`).

* parse: building every dataset from the raw documents, in memory (no writing),
  first in a fresh process (cold: includes reading the places database) and then
  repeated in the same process (warm).
* notebooks: the four notebooks with their defaults, run by ``qnlib run`` (parallel
  processes) against the ``papermill`` command run once per notebook, one after the
  other; both in this session, alternating, into temporary directories.
* floor: every run against the trivial pandas + matplotlib notebook under the ``papermill``
  command (kernel start, imports, one small figure), measured before each of them so both see the
  same machine: each notebook alone (``qnlib run NAME --force``) cold (``--cold``) and warm, each
  notebook in a worker that is already up (cold and warm, no command-line start), the district
  sweep and ``--each lang`` cold and warm, a no-op ``qnlib build && qnlib run --each lang`` and a
  no-op ``make run``; printed as ratios to the floor, with the goals of issue 20.
* breakdown: where the time goes in one warm run of ntm_attainment (kernel start cold and forked,
  then the notebook's code by what it calls, under cProfile).
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
from pathlib import Path

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


def _project_env(tmp: str) -> dict[str, str]:
    """Outputs into ``tmp``; the processed data of the project."""
    import os

    names = {"FIGURES": "figures", "EXECUTED": "runner", "REPORTS": "reports", "BRIEFS": "briefs"}
    return {**os.environ, **{f"QNLIB_{k}_DIR": f"{tmp}/{v}" for k, v in names.items()},
            "QNLIB_LOCK_FILE": f"{tmp}/lock"}  # fmt: skip


def _floor_command(tmp: str, kernel: str) -> list[str]:
    from pathlib import Path

    trivial = Path(tmp) / "trivial.ipynb"
    if not trivial.exists():
        _trivial_notebook(trivial, kernel)
    papermill = str(Path(sys.executable).parent / "papermill")
    return [papermill, str(trivial), f"{tmp}/trivial-out.ipynb", "-k", kernel, "--cwd", tmp]


IN_WORKER = r"""
import json, os, sys, time
from qnlib.run import parameters, runner, warm
from qnlib.run.imports import skip_unused_slow_imports
skip_unused_slow_imports()
out = sys.argv[1]
os.environ.update(QNLIB_FIGURES_DIR=out + "/figures", MPLBACKEND="Agg")
warm.factory().start()
kernel = runner.kernel_name()
times = {}
for repeat in range(int(sys.argv[2])):
    for notebook in parameters.NOTEBOOKS:
        for cold in (True, False):
            job = runner.plan_jobs([notebook], out_dir=out + "/runs")[0]
            started = time.perf_counter()
            result = runner._execute(job, kernel, cold=cold)
            assert result.ok, result.error
            times.setdefault(notebook + (" cold" if cold else " warm"), []).append(time.perf_counter() - started)
print(json.dumps(times))
"""


def _in_worker(tmp: str, repeats: int) -> dict[str, list[float]]:
    """Each notebook run by a runner worker whose factory is ready (warm) or by papermill starting
    its kernel (cold), alternating, in one process: no command-line start, no pool."""
    import json

    done = subprocess.run([sys.executable, "-c", IN_WORKER, tmp, str(repeats)], capture_output=True, text=True,
                          env=_project_env(tmp))  # fmt: skip
    if done.returncode:
        sys.exit(f"benchmark run failed: in-worker runs\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def bench_floor(repeats: int) -> None:
    """Every run against the trivial notebook under papermill (the floor), measured alternately with it."""
    import os
    import tempfile

    from qnlib.run import parameters, runner

    qnlib = str(Path(sys.executable).parent / "qnlib")
    kernel = runner.kernel_name()
    median = statistics.median
    floor: list[float] = []
    times: dict[str, list[float]] = {}

    with tempfile.TemporaryDirectory() as tmp:
        env = _project_env(tmp)

        def measure(label: str, command: list[str], env: dict[str, str], cwd: str | None = None) -> None:
            """The floor once, then the command once: alternating, so both see the same machine."""
            floor.append(_timed(_floor_command(tmp, kernel), _project_env(tmp)))
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=cwd)
            if done.returncode:
                sys.exit(f"benchmark run failed: {' '.join(command)}\n{done.stderr[-2000:]}")
            times.setdefault(label, []).append(time.perf_counter() - started)

        for _ in range(repeats):
            for notebook in parameters.NOTEBOOKS:
                for extra in (["--cold"], []):
                    label = f"`qnlib run {notebook}` alone, {'cold' if extra else 'warm'}"
                    measure(label, [qnlib, "run", notebook, "--force", *extra], env)
        in_worker = _in_worker(tmp, repeats)
        for _ in range(max(1, repeats - 1)):
            for extra in (["--cold"], []):
                kind = "cold" if extra else "warm"
                measure(f"district sweep (13 runs), {kind}",
                        [qnlib, "run", "ntm_attainment", "--each", "district", "--force", *extra], env)  # fmt: skip
                measure(
                    f"`qnlib run --each lang` (12 runs), {kind}",
                    [qnlib, "run", "--each", "lang", "--force", *extra],
                    env,
                )
        for _ in range(repeats):
            measure("no-op `qnlib build && qnlib run --each lang`",
                    ["bash", "-c", f"{qnlib} build && {qnlib} run --each lang"], env)  # fmt: skip
        root = str(Path(__file__).resolve().parent.parent)
        subprocess.run(["make", "run"], cwd=root, capture_output=True, check=True)  # everything up to date
        for _ in range(repeats):
            measure("no-op `make run`", ["make", "run"], {**os.environ}, cwd=root)
    unit = median(floor)
    print(f"Runs against the floor: a trivial pandas + matplotlib notebook under the papermill command, "
          f"measured before each of them ({len(floor)} times: median {unit:.2f} s, "
          f"min {min(floor):.2f} s, max {max(floor):.2f} s); {os.cpu_count()} cores:")  # fmt: skip
    print("| run | median | × floor |")
    print("|---|---|---|")
    for label, values in [*times.items()]:
        print(f"| {label} | {median(values):.2f} s | {median(values) / unit:.2f}× |")
    print("| each notebook in a worker (no command-line start): cold / warm | | |")
    for notebook in parameters.NOTEBOOKS:
        cold, warm = median(in_worker[f"{notebook} cold"]), median(in_worker[f"{notebook} warm"])
        print(f"| `{notebook}` in a worker, cold / warm | {cold:.2f} s / {warm:.2f} s | "
              f"{cold / unit:.2f}× / {warm / unit:.2f}× |")  # fmt: skip
    sweep = median(times["district sweep (13 runs), warm"])
    slowest = max(median(v) for k, v in times.items() if k.endswith("alone, warm"))
    goals = [("district sweep, warm", sweep / (13 * unit), 0.35, "× (13 × floor)"),
             ("slowest notebook alone", slowest / unit, 1.5, "× floor"),
             ("no-op build + run", median(times["no-op `qnlib build && qnlib run --each lang`"]) / unit, 0.15, "× floor"),
             ("no-op make run", median(times["no-op `make run`"]) / unit, 0.3, "× floor")]  # fmt: skip
    print("Goals of issue 20:")
    for name, ratio, goal, unit_text in goals:
        print(f"  {name:24} {ratio:.2f}{unit_text} (goal ≤ {goal}) {'met' if ratio <= goal else 'NOT met'}")


BREAKDOWN = r"""
import cProfile, json, os, pstats, sys, time
os.environ.update(MPLBACKEND="Agg", QNLIB_FIGURES_DIR=sys.argv[1] + "/figures")
from qnlib.run import zygote, warm, runner
started = time.perf_counter()
zygote._preload()
preload = time.perf_counter() - started
import asyncio
factory = warm.factory(); factory.start()
kernel = runner.kernel_name()
async def start_and_stop(manager):
    await manager.start_kernel(cwd=os.getcwd())
    client = manager.client(); client.start_channels()
    await client.wait_for_ready(timeout=60)
    client.stop_channels()
starts = {}
from jupyter_client.manager import AsyncKernelManager
for kind, make in (("cold", AsyncKernelManager), ("warm", warm.WarmKernelManager)):
    for _ in range(3):
        manager = make(kernel_name=kernel)
        began = time.perf_counter()
        asyncio.run(start_and_stop(manager))
        starts.setdefault(kind, []).append(time.perf_counter() - began)
        if kind == "warm":
            manager.stop()
        else:
            asyncio.run(manager.shutdown_kernel(now=True))
notebook = json.load(open(sys.argv[2], encoding="utf-8"))
code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
import IPython.display
IPython.display.display = lambda *a, **k: None  # what a kernel sends to the notebook: not measured here
profile = cProfile.Profile()
began = time.perf_counter()
namespace = {"__name__": "__main__"}
profile.runctx(compile(code, "notebook", "exec"), namespace, namespace)
cells = time.perf_counter() - began
parts = {}
for (path, _, name), (_, _, _, _, callers) in pstats.Stats(profile).stats.items():
    for (caller_path, _, _), (_, _, _, cumulative) in callers.items():
        if caller_path != "notebook":
            continue
        kind = ("data" if "qnlib/store" in path or name == "load" else "analysis and facts" if "qnlib/analysis" in path or "qnlib/facts" in path
                else "building the charts" if "qnlib/charts" in path else "drawing and saving the figures" if name == "save"
                else "imports" if "importlib" in path or name == "__import__"
                else "the run's words and tables (parameters, templates)")
        parts[kind] = parts.get(kind, 0.0) + cumulative
encode = sum(v[3] for (p, _, n), v in pstats.Stats(profile).stats.items() if n == "<method 'encode' of 'ImagingEncoder' objects>")
print(json.dumps({"preload": preload, "starts": starts, "cells": cells, "parts": parts, "png_encoding": encode}))
"""


def bench_breakdown() -> None:
    """Where the time goes in one warm run of ntm_attainment (defaults): the kernel's start, then
    the notebook's code by what it calls (cProfile, in a process with the factory's imports done)."""
    import json
    import tempfile

    from qnlib import config

    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", BREAKDOWN, tmp, str(config.NOTEBOOKS_DIR / "ntm_attainment.ipynb")],
                              capture_output=True, text=True, env=_project_env(tmp))  # fmt: skip
    if done.returncode:
        sys.exit(f"benchmark run failed: breakdown\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.splitlines()[-1])
    median = statistics.median
    print("Where the time goes in one warm run of ntm_attainment (defaults; cProfile adds about a third):")
    print("| part | seconds |")
    print("|---|---|")
    print(
        f"| the factory's imports and first drawing (once per worker, not per run) | {found['preload']:.2f} |"
    )
    print(f"| a kernel ready to run: cold (papermill's start) / warm (forked) | "
          f"{median(found['starts']['cold']):.2f} / {median(found['starts']['warm']):.2f} |")  # fmt: skip
    for part, seconds in sorted(found["parts"].items(), key=lambda item: -item[1]):
        print(f"| {part} | {seconds:.2f} |")
    print(f"| of which PNG compression | {found['png_encoding']:.2f} |")
    print(f"| the notebook's code in all (profiled) | {found['cells']:.2f} |")


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
        "QNLIB_LANG": "en",  # the summary table's status words are counted below
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
    ran = sum(line.startswith("[ran]") for line in done.stdout.splitlines())  # the summary's "[ran] name (s)"
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
        f"cron: qnlib build && qnlib run --each lang (12 runs), on a copy of the documents ({repeats} runs each):"
    )
    for label, values in (("nothing changed", noop), ("one document changed (Phụ lục 6)", one_doc),
                          ("--force (everything re-runs)", forced)):  # fmt: skip
        print(f"  {label:34} median {median(t for t, _ in values):.2f} s, notebooks run: {values[0][1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", help="parse, notebooks, floor, brief, cron (default: all)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    known = ["parse", "notebooks", "floor", "breakdown", "brief", "cron"]
    which = args.which or known
    if set(which) - set(known):
        parser.error(f"unknown benchmark {which}; choose from: {', '.join(known)}")
    if "parse" in which:
        bench_parse(args.repeats)
    if "notebooks" in which:
        bench_notebooks(max(1, args.repeats // 10))
    if "floor" in which:
        bench_floor(max(1, args.repeats // 4))
    if "breakdown" in which:
        bench_breakdown()
    if "brief" in which:
        bench_brief(max(1, args.repeats // 4))
    if "cron" in which:
        bench_cron(max(2, args.repeats // 4))


if __name__ == "__main__":
    main()
