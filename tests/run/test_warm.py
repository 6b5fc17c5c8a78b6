"""Warm kernels (forked from a worker's factory) give what cold kernels give, and nothing leaks."""

import json
import os

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from qnlib.run import runner

pytestmark = pytest.mark.notebooks

SWEEP = 6  # districts: with two workers, each runs three in a row (its last ones included)


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _sweep(tmp_path, kind):
    """The first districts' runs into ``tmp_path / "run"`` (the same paths for both kinds), then
    moved to ``tmp_path / kind``."""
    jobs = runner.plan_jobs(["ntm_attainment"], each="district", out_dir=tmp_path / "run" / "notebooks")
    results = runner.run_jobs(jobs[:SWEEP], workers=2, figures_dir=tmp_path / "run" / "figures",
                              log=lambda _: None, cold=kind == "cold")  # fmt: skip
    assert [r.status for r in results] == ["ran"] * SWEEP, [r.error for r in results]
    (tmp_path / "run").rename(tmp_path / kind)
    return results


def test_a_warm_district_sweep_is_byte_identical_to_a_cold_one(tmp_path):
    warm = _sweep(tmp_path, "warm")
    _sweep(tmp_path, "cold")
    by_worker = {}
    for result in warm:
        by_worker.setdefault(result.worker, []).append(result.job.label)
    assert len(by_worker) == 2 and max(map(len, by_worker.values())) >= 3  # a worker's later runs are in it
    for folder in ("notebooks", "figures"):
        warm_files, cold_files = _files(tmp_path / "warm" / folder), _files(tmp_path / "cold" / folder)
        made = [name for name in warm_files if not name.endswith(".log")]  # the kernels' own chatter
        assert sorted(made) == sorted(n for n in cold_files if not n.endswith(".log"))
        different = [name for name in made if warm_files[name] != cold_files[name]]
        assert different == [], different
    names = _files(tmp_path / "warm" / "figures")
    for result in warm:  # every district run draws its communes and their map (and more where counted)
        slug = result.job.output.stem.removeprefix("ntm_attainment__")
        assert {f"ntm_attainment__{figure}__{slug}.png" for figure in ("communes", "map")} <= set(names)
    assert "index.csv" in names
    notebook = (tmp_path / "warm" / "notebooks" / warm[-1].job.output.name).read_text(encoding="utf-8")
    assert "start_time" not in notebook and "duration" not in notebook  # no clock in an executed notebook


def test_svgs_drawn_beside_the_pngs_in_a_kernel_are_the_bytes_of_a_run_on_one_core(tmp_path, monkeypatch):
    """One run has both cores: its kernel forks a child per figure to draw the SVG (among the
    kernel's own threads); the files are those of a run told it has one core."""
    from qnlib import forking

    monkeypatch.delenv(forking.CORES_ENV, raising=False)
    if forking.cores() < 2:
        pytest.skip("one core: no child draws beside the kernel")
    for cores in ("2", "1"):
        monkeypatch.setenv(forking.CORES_ENV, cores)
        jobs = runner.plan_jobs(["poverty_rates"], out_dir=tmp_path / "run" / "notebooks")
        results = runner.run_jobs(
            jobs, workers=1, figures_dir=tmp_path / "run" / "figures", log=lambda _: None
        )
        assert [r.status for r in results] == ["ran"], [r.error for r in results]
        (tmp_path / "run").rename(tmp_path / cores)
    beside, alone = _files(tmp_path / "2"), _files(tmp_path / "1")
    assert sorted(beside) == sorted(alone) and sum(name.endswith(".svg") for name in beside) >= 3
    assert [name for name in beside if not name.endswith(".log") and beside[name] != alone[name]] == []


def _notebook(path, *cells):
    notebook = new_notebook(cells=[new_code_cell("lang = 'vi'", metadata={"tags": ["parameters"]}),
                                   *map(new_code_cell, cells)])  # fmt: skip
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


DIRTY = [
    "import os, matplotlib, matplotlib.pyplot as plt, qnlib.plotting\nLEFTOVER = 1",
    "matplotlib.rcParams['lines.linewidth'] = 9\nmatplotlib.rcParams['font.family'] = 'serif'",
    "qnlib.plotting.save = lambda *a, **k: 'patched'\nqnlib.plotting.DPI = 1",
    "plt.figure(); plt.plot([1, 2])",
    "os.chdir('/')\nos.environ['QNLIB_DIRTY'] = 'left behind'",
]
PROBE = """
import json, os, sys, matplotlib, matplotlib.pyplot as plt, qnlib.plotting
print(json.dumps({
    "leftover": "LEFTOVER" in globals(),
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "family": matplotlib.rcParams["font.family"],
    "save": qnlib.plotting.save.__qualname__,
    "dpi": qnlib.plotting.DPI,
    "figures": plt.get_fignums(),
    "cwd": os.getcwd(),
    "env": os.environ.get("QNLIB_DIRTY"),
    "pid": os.getpid(),
}))
"""


def _printed(path):
    """What the notebook's last cell printed."""
    outputs = nbformat.read(path, as_version=4).cells[-1].outputs
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream").strip()


def test_what_a_notebook_leaves_behind_never_reaches_the_next_run(tmp_path):
    dirty, probe = _notebook(tmp_path / "dirty.ipynb", *DIRTY), _notebook(tmp_path / "probe.ipynb", PROBE)
    out = tmp_path / "out"
    jobs = [runner.Job("poverty_rates", {"lang": "vi"}, path, out / f"{path.stem}{i}.ipynb")
            for i, path in enumerate([probe, dirty, probe, dirty, probe])]  # fmt: skip
    results = runner.run_jobs(jobs, workers=1, figures_dir=tmp_path / "figures", log=lambda _: None)
    assert [r.ok for r in results] == [True] * 5 and len({r.worker for r in results}) == 1
    first, *after = [json.loads(_printed(out / f"probe{i}.ipynb")) for i in (0, 2, 4)]
    assert first == {"leftover": False, "linewidth": 1.5, "family": ["sans-serif"], "save": "save",
                     "dpi": 150, "figures": [], "cwd": str(tmp_path), "env": None, "pid": first["pid"]}  # fmt: skip
    for seen in after:
        assert {**seen, "pid": None} == {**first, "pid": None}  # as clean as the first run
        assert seen["pid"] != first["pid"]  # a fresh kernel process each time


def test_a_kernel_that_dies_or_hangs_fails_its_run_only(tmp_path):
    die = _notebook(tmp_path / "die.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    hang = _notebook(tmp_path / "hang.ipynb", "import time\ntime.sleep(600)")
    good = _notebook(tmp_path / "good.ipynb", "print('still here')")
    out = tmp_path / "out"
    jobs = [runner.Job("poverty_rates", {"lang": "vi"}, path, out / path.name) for path in (die, hang, good)]
    out.mkdir()
    (out / "die.ipynb").write_text("{}")  # an earlier run's notebook: not this run's result
    results = runner.run_jobs(
        jobs, workers=1, figures_dir=tmp_path / "figures", log=lambda _: None, timeout=5
    )
    assert [r.ok for r in results] == [False, False, True]
    assert results[0].error.startswith("DeadKernelError: Kernel died")
    assert results[1].error.startswith(
        "CellTimeoutError: A cell timed out while it was being executed, after 5 seconds"
    )
    assert _printed(out / "good.ipynb") == "still here"
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["good.ipynb"]  # the earlier die.ipynb is gone too
    assert psutil.Process(os.getpid()).children(recursive=True) == []  # no worker, factory or kernel left


def test_cold_runs_start_every_kernel_from_nothing(tmp_path):
    probe = _notebook(tmp_path / "probe.ipynb", "print(open('/proc/self/comm').read())")
    jobs = [
        runner.Job("poverty_rates", {"lang": "vi"}, probe, tmp_path / "out" / f"p{i}.ipynb") for i in (0, 1)
    ]
    results = runner.run_jobs(
        jobs, workers=1, figures_dir=tmp_path / "figures", log=lambda _: None, cold=True
    )
    assert [r.ok for r in results] == [True, True]
    names = [_printed(tmp_path / "out" / f"p{i}.ipynb") for i in (0, 1)]
    assert names == ["python", "python"]  # a kernel papermill started, not "qnlib-kernel" (forked)


def test_a_factory_that_died_is_started_again_for_the_next_run(tmp_path):
    killer = _notebook(tmp_path / "killer.ipynb", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")
    probe = _notebook(tmp_path / "probe.ipynb", "import os\nprint(open(f'/proc/{os.getppid()}/comm').read())")
    out = tmp_path / "out"
    jobs = [runner.Job("poverty_rates", {"lang": "vi"}, path, out / path.name) for path in (killer, probe)]
    results = runner.run_jobs(jobs, workers=1, figures_dir=tmp_path / "figures", log=lambda _: None)
    assert results[1].ok and results[0].worker == results[1].worker  # the same worker, a new factory
    assert _printed(out / "probe.ipynb") == "qnlib-factory"


def test_without_a_factory_a_run_falls_back_to_a_cold_kernel(tmp_path, monkeypatch):
    from qnlib.run import warm

    def broken(*_args, **_kwargs):
        raise warm.FactoryError("the kernel factory stopped answering")

    monkeypatch.setattr(
        warm.Factory, "fork", broken
    )  # the workers are forked from this process: they have it
    probe = _notebook(tmp_path / "probe.ipynb", "print(open('/proc/self/comm').read())")
    out = tmp_path / "out" / "probe.ipynb"
    results = runner.run_jobs([runner.Job("poverty_rates", {"lang": "vi"}, probe, out)], workers=1,
                              figures_dir=tmp_path / "figures", log=lambda _: None)  # fmt: skip
    assert results[0].ok and _printed(out) == "python"  # a kernel papermill started
    assert "no warm kernel (the kernel factory stopped answering)" in out.with_suffix(".log").read_text()


# A run in a forked kernel: the kernel's start, then the code of the two notebooks that call the most
# of qnlib (the NTM one for the province and for a district; the scorecard). What it still has to
# import is paid on every run.
AFTER_PRELOAD = r"""
import json, os, sys, tempfile
from qnlib.run import zygote
zygote._preload()
before = set(sys.modules)
from ipykernel.kernelapp import IPKernelApp
IPKernelApp.instance().initialize(["-f", os.path.join(tempfile.mkdtemp(), "kernel.json")])
import IPython.display
IPython.display.display = lambda *a, **k: None
from qnlib import config
for name in ("ntm_attainment", "scorecard"):
    cells = ["".join(c["source"]) for c in json.loads((config.NOTEBOOKS_DIR / f"{name}.ipynb").read_text())["cells"]
             if c["cell_type"] == "code"]
    for extra in ([""] + (['district = "Bình Liêu"'] if name == "ntm_attainment" else [])):
        namespace = {"__name__": "__main__"}
        exec("\n".join([cells[0], extra, *cells[1:]]), namespace)
open(sys.argv[1], "w").write(json.dumps(sorted(set(sys.modules) - before)))  # the kernel app holds fd 1
"""


def test_a_forked_kernel_imports_nothing_the_factory_could_have(built_once, tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "QNLIB_PROCESSED_DIR": str(built_once), "QNLIB_FIGURES_DIR": str(tmp_path),
           "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}  # fmt: skip
    found = tmp_path / "imported.json"
    done = subprocess.run(
        [sys.executable, "-c", AFTER_PRELOAD, found], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(found.read_text()) == []
