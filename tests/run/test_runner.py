"""The runner: planning and checking runs (fast), and failure handling (one tiny kernel run)."""

import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from qnlib import config
from qnlib.errors import ParameterError
from qnlib.run import parameters, runner


def test_default_plan_runs_every_notebook_with_defaults(tmp_path):
    jobs = runner.plan_jobs(out_dir=tmp_path)
    assert [j.notebook for j in jobs] == [
        "scorecard",
        "income_growth",
        "poverty_rates",
        "ntm_attainment",
        "loans_by_district",
        "programme_tasks",
    ]
    assert [j.output.name for j in jobs] == [
        "scorecard__vi.ipynb",
        "income_growth__vi.ipynb",
        "poverty_rates__vi.ipynb",
        "ntm_attainment__vi.ipynb",
        "loans_by_district__vi.ipynb",
        "programme_tasks__vi.ipynb",
    ]
    assert all(j.input.parent == config.NOTEBOOKS_DIR and j.output.parent == tmp_path for j in jobs)


def test_parameters_and_sweeps(tmp_path):
    (job,) = runner.plan_jobs(["ntm_attainment"], {"district": "Bình Liêu"}, out_dir=tmp_path)
    assert job.params["district"] == "Bình Liêu"
    assert job.output.name == "ntm_attainment__district-binh-lieu__vi.ipynb"
    sweep = runner.plan_jobs(["ntm_attainment"], each="district", out_dir=tmp_path)
    assert len(sweep) == 13 and len({j.output for j in sweep}) == 13
    languages = runner.plan_jobs(each="lang", out_dir=tmp_path)
    assert len(languages) == 2 * len(parameters.NOTEBOOKS)
    # -p applies to the notebooks that have the parameter
    mixed = runner.plan_jobs(["poverty_rates", "loans_by_district"], {"years": "[2022]"}, out_dir=tmp_path)
    assert mixed[1].params["years"] == [2022] and "years" not in mixed[0].params


@pytest.mark.parametrize(
    ("notebooks", "overrides", "each", "message"),
    [
        (["ntm_attainment"], {"district": "Hoành Bồ"}, None, "parameter 'district' = 'Hoành Bồ' is invalid"),
        ([], {"colour": "red"}, None, "unknown parameter 'colour'"),
        (["poverty_rates"], {}, "district", "unknown parameter 'district' for poverty_rates"),
        (["gdp"], {}, None, "unknown notebook 'gdp'"),
        (["loans_by_district"], {"years": "[2020]"}, None, "expected list\\[int\\], one of: 2021, 2022"),
    ],
)
def test_invalid_requests_fail_before_any_kernel(tmp_path, notebooks, overrides, each, message):
    with pytest.raises(ParameterError, match=message):
        runner.plan_jobs(notebooks, overrides, each, out_dir=tmp_path)


def test_executed_notebooks_never_go_into_notebooks(tmp_path):
    (job,) = runner.plan_jobs(["poverty_rates"], out_dir=config.NOTEBOOKS_DIR)
    with pytest.raises(ParameterError, match="refusing to write an executed notebook"):
        runner.run_jobs([job], figures_dir=tmp_path)


def test_cli_rejects_a_bad_parameter_with_exit_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "qnlib.cli", "run", "ntm_attainment", "-p", "district", "Hoành Bồ"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'Bình Liêu'" in result.stderr  # the allowed values are listed


def _notebook(path, source):
    nb = new_notebook(
        cells=[new_code_cell("lang = 'vi'", metadata={"tags": ["parameters"]}), *map(new_code_cell, source)]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_a_failing_notebook_is_reported_and_the_others_still_run(tmp_path):
    good = _notebook(tmp_path / "good.ipynb", ["x = 1"])
    bad = _notebook(tmp_path / "bad.ipynb", ["y = 2", "raise ValueError('broken on purpose')"])
    out = tmp_path / "out"
    jobs = [
        runner.Job("poverty_rates", {"lang": "vi"}, bad, out / "bad.ipynb"),
        runner.Job("poverty_rates", {"lang": "vi"}, good, out / "good.ipynb"),
    ]
    lines = []
    results = runner.run_jobs(jobs, workers=2, figures_dir=tmp_path / "figures", log=lines.append)
    assert [r.ok for r in results] == [False, True]
    assert results[0].error == "ValueError: broken on purpose"
    assert results[0].cell == 3  # papermill counts its injected-parameters cell too
    assert (out / "good.ipynb").exists() and (
        out / "bad.ipynb"
    ).exists()  # the failed run is kept for reading
    table = runner.summary(results)
    assert list(table["status"]) == ["failed", "ran"] and "broken on purpose" in table["result"].iloc[0]
    assert any("LỖI" in line for line in lines) and any(
        "đã chạy" in line for line in lines
    )  # plain log lines
