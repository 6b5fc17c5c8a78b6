"""Skipping runs that are up to date: decided by content (notebook, parameters, the data the
notebook read, qnlib's code, versions) and by what the run made still being there."""

import json
import shutil

import pytest

from qnlib.run import runner, uptodate
from qnlib.store import code_hash, dataset_hashes

pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """poverty_rates run once into temporary folders; its record."""
    out = tmp_path_factory.mktemp("uptodate")
    (job,) = runner.plan_jobs(["poverty_rates"], out_dir=out / "notebooks")
    (result,) = runner.run_jobs([job], figures_dir=out / "figures", log=lambda line: None)
    assert result.status == "ran"
    return out, job, json.loads(uptodate.record_path(job.output).read_text())


def test_the_record_names_what_the_notebook_read_and_made(ran):
    _, job, record = ran
    hashes = dataset_hashes()  # noted by qnlib.load in the kernel
    assert record["datasets"] == {"poverty": hashes["poverty"], "reported": hashes["reported"]}
    assert record["figures"] == [
        "poverty_rates__poor_households__vi", "poverty_rates__target_paths__vi", "poverty_rates__reported__vi"]  # fmt: skip
    assert record["ingredients"] == uptodate.ingredients(job.input, job.params, code_hash())


def test_nothing_changed_skips_without_starting_a_kernel(ran):
    out, job, _ = ran
    lines = []
    (result,) = runner.run_jobs([job], figures_dir=out / "figures", log=lines.append, kernel="no-such-kernel")
    assert (result.ok, result.status, result.seconds) == (True, "up to date", 0.0)
    assert lines == ["cả 1 lần chạy sổ tay đều đã mới"]  # the command line's words, Vietnamese by default


def _fresh(out, job, *, notebook=None, params=None, code=None, hashes=None):
    made_of = uptodate.ingredients(notebook or job.input, params or job.params, code or code_hash())
    return uptodate.up_to_date(job.output, made_of, hashes or dataset_hashes(), out / "figures")


def test_each_ingredient_decides(ran, tmp_path):
    out, job, _ = ran
    assert _fresh(out, job)
    edited = tmp_path / "poverty_rates.ipynb"
    notebook = json.loads(job.input.read_text())
    notebook["cells"][0]["source"] = ["# Poverty (edited introduction)\n"]  # a markdown cell counts too
    edited.write_text(json.dumps(notebook))
    assert not _fresh(out, job, notebook=edited)
    assert not _fresh(out, job, params={**job.params, "title": "label"})
    assert not _fresh(out, job, code="another version of qnlib")
    assert not _fresh(out, job, hashes={**dataset_hashes(), "poverty": "changed"})
    assert _fresh(out, job, hashes={**dataset_hashes(), "loans": "changed"})  # data it did not read


def test_a_missing_output_makes_the_run_again(ran):
    out, job, _ = ran
    png = out / "figures" / "poverty_rates__target_paths__vi.png"
    kept = png.read_bytes()
    png.unlink()
    assert not _fresh(out, job)
    (result,) = runner.run_jobs([job], figures_dir=out / "figures", log=lambda line: None)
    assert result.status == "ran" and png.read_bytes() == kept  # repaired, byte for byte
    shutil.copy(job.output, out / "kept.ipynb")
    job.output.unlink()
    assert not _fresh(out, job)
    shutil.copy(out / "kept.ipynb", job.output)
    assert _fresh(out, job)


def test_force_runs_anyway(ran):
    out, job, _ = ran
    (result,) = runner.run_jobs([job], figures_dir=out / "figures", log=lambda line: None, force=True)
    assert result.status == "ran"


LIGHT = (
    "import sys; from qnlib import cli\n"
    "try: code = cli.main(sys.argv[1:])\n"
    "except SystemExit as stop: code = stop.code\n"
    "print(code, sorted(m for m in ('pandas', 'matplotlib', 'papermill', 'pandera', 'pptx', 'jupyter_client')\n"
    "                   if m in sys.modules))"
)


def test_build_and_run_with_nothing_to_do_import_neither_pandas_nor_matplotlib(built_once, tmp_path):
    """A scheduled ``qnlib build && qnlib run`` with nothing to do pays for no data or plotting library:
    deciding needs hashes and file names only (issue 20). When it runs notebooks, its workers and
    kernels import them; the command's own process still does not (the index is written without)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QNLIB_PROCESSED_DIR": str(built_once), "QNLIB_FIGURES_DIR": str(tmp_path / "figures"),
           "QNLIB_EXECUTED_DIR": str(tmp_path / "nb"), "QNLIB_LOCK_FILE": str(tmp_path / "lock"), "QNLIB_LANG": "en"}  # fmt: skip

    def light(*args):
        done = subprocess.run([sys.executable, "-c", LIGHT, *args], capture_output=True, text=True, env=env)
        return done.stdout.strip().splitlines()[-1]

    def executed():
        return {p.name: p.stat().st_mtime_ns for p in (tmp_path / "nb").glob("*.ipynb")}

    assert light("build", "--out-dir", str(built_once)) == "0 []"
    assert light("run", "poverty_rates") == "0 []"
    first = executed()
    assert list(first) == ["poverty_rates__vi.ipynb"]  # it ran
    assert light("run", "poverty_rates") == "0 []"
    assert executed() == first  # nothing ran
    assert light("run", "poverty_rates", "--each", "lang") == "0 []"
    assert sorted(executed()) == [
        "poverty_rates__en.ipynb",
        "poverty_rates__vi.ipynb",
    ]  # the English run is new
    both = executed()
    assert light("run", "poverty_rates", "--each", "lang") == "0 []"
    index = tmp_path / "figures" / "index.csv"
    rows = index.read_bytes()
    index.unlink()  # as a run stopped between its figure records and the index would leave it
    assert light("run", "poverty_rates", "--each", "lang") == "0 []"
    assert (executed(), index.read_bytes()) == (both, rows)  # nothing ran; the index is written again
    env["QNLIB_BRIEFS_DIR"] = str(
        tmp_path / "briefs"
    )  # a `make run` with nothing to do ends in `qnlib brief`
    composed = light("brief", "poverty_rates", "--lang", "en")
    assert (
        composed.startswith("0 [") and "'pptx'" in composed
    )  # the pack was written (its libraries imported)
    assert light("brief", "poverty_rates", "--lang", "en") == "0 []"  # the pack is up to date: nothing heavy
