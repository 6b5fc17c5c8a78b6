"""Every notebook, executed through papermill with its defaults (slow: `make test-fast` skips these)."""

import base64
import json

import nbformat
import pandas as pd
import pytest
from matplotlib.image import imread

from qnlib import config
from qnlib.run import parameters, runner

# The default pack is made once per test process: its readers share one (pytest-xdist, --dist loadgroup).
pytestmark = [pytest.mark.notebooks, pytest.mark.xdist_group("default_pack")]

# The figures each notebook writes with its default parameters (Vietnamese).
EXPECTED_FIGURES = {  # in the deck's order: the scorecard answers first
    "scorecard": ["summary", "progress_ntm_all", "progress_others"],
    "income_growth": ["trajectory", "growth"],
    "poverty_rates": ["poor_households", "target_paths", "reported"],
    "ntm_attainment": ["by_year", "cumulative", "districts", "district_roadmap", "map"],
    "loans_by_district": ["planned_mvnd", "avg_loan", "share", "map"],
    "programme_tasks": ["groups", "leads", "deadlines"],
}


@pytest.fixture(scope="module")
def executed(default_pack):
    """Every notebook with its defaults (Vietnamese): the runs of the default pack, made once per test run."""
    out, _, pack = default_pack
    return out, [r for r in pack.results if r.job.params["lang"] == "vi"]


def test_every_notebook_runs_with_its_defaults(executed):
    _, results = executed
    failures = {r.job.notebook: f"cell {r.cell}: {r.error}" for r in results if not r.ok}
    assert not failures
    assert len(results) == len(EXPECTED_FIGURES)


def test_every_figure_is_written_as_png_and_svg(executed):
    out, _ = executed
    figures = out / "figures"
    for notebook, names in EXPECTED_FIGURES.items():
        for name in names:
            png, svg = figures / f"{notebook}__{name}__vi.png", figures / f"{notebook}__{name}__vi.svg"
            assert png.exists() and svg.exists(), png.name
            assert imread(png).shape[:2] == (1080, 1920)
    index = pd.read_csv(figures / "index.csv")
    index = index[index["lang"] == "vi"]  # the pack's runs are in both languages
    assert len(index) == sum(map(len, EXPECTED_FIGURES.values()))
    assert (index["title"] == index["finding_title"]).all()  # titles state the finding by default
    assert index["label_title"].str.len().gt(10).all() and index["subtitle"].str.len().gt(10).all()
    assert index["source"].str.len().gt(10).all() and "run" not in index  # no run time: deterministic
    assert index["executed_notebook"].str.endswith(".ipynb").all()


def test_executed_notebooks_hold_computed_conclusions(executed):
    out, results = executed
    for result in results:
        nb = nbformat.read(result.job.output, as_version=4)
        markdown = [
            o["data"]["text/markdown"]
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
            if "text/markdown" in o.get("data", {})
        ]
        assert markdown, f"{result.job.notebook} shows no conclusions"
    income = nbformat.read(out / "notebooks" / "income_growth__vi.ipynb", as_version=4)
    text = json.dumps(income.cells[-1]["outputs"], ensure_ascii=False)
    assert "46,1" in text and "92,2" in text  # the 2020 income and 2 × 2020, computed, in Vietnamese format
    card = nbformat.read(out / "notebooks" / "scorecard__vi.ipynb", as_version=4)
    text = json.dumps([o for c in card.cells for o in c.get("outputs", [])], ensure_ascii=False)
    assert "**83 chỉ tiêu có số**" in text and "**24**" in text  # the counts of tests/test_scorecard.py


@pytest.mark.parametrize("notebook", list(parameters.NOTEBOOKS))
def test_source_notebooks_are_stored_clean(notebook):
    nb = nbformat.read(config.NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] and nb.metadata["kernelspec"]["language"] == "python"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    # Every sentence a reader sees comes from the templates, in the run's language: no Markdown cell,
    # an introduction and a conclusions heading through run.text, conclusions through run.say.
    assert [c.cell_type for c in nb.cells] == ["code"] * len(nb.cells)
    assert "parameters" in nb.cells[0].metadata.get("tags", [])
    analysis = {"income_growth": "income", "poverty_rates": "poverty", "ntm_attainment": "ntm",
                "loans_by_district": "loans", "programme_tasks": "programme", "scorecard": "scorecard"}[notebook]  # fmt: skip
    source = "\n".join(c.source for c in code)
    assert f'run.text("{analysis}.intro")' in nb.cells[1].source
    assert source.index(f'run.text("{analysis}.conclusions_heading")') < source.index(
        f'run.say("{analysis}.conclusions"'
    )


def test_each_figure_is_shown_once_as_the_saved_png(executed):
    """The notebook shows the file it wrote (drawn once), not a second render by the inline backend."""
    out, results = executed
    for result in results:
        nb = nbformat.read(result.job.output, as_version=4)
        images = [o["data"]["image/png"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if "image/png" in o.get("data", {})]  # fmt: skip
        names = EXPECTED_FIGURES[result.job.notebook]
        assert len(images) == len(names), result.job.notebook
        saved = [(out / "figures" / f"{result.job.notebook}__{name}__vi.png").read_bytes() for name in names]
        assert [base64.b64decode(i) for i in images] == saved


def test_label_titles_on_request(tmp_path):
    jobs = runner.plan_jobs(["poverty_rates"], {"title": "label"}, out_dir=tmp_path / "notebooks")
    [result] = runner.run_jobs(jobs, figures_dir=tmp_path / "figures", log=lambda line: None)
    assert result.ok, result.error
    index = pd.read_csv(tmp_path / "figures" / "index.csv").set_index("figure")
    assert index.at["target_paths", "title"] == "Tỷ lệ hộ nghèo: các mục tiêu giảm nghèo quy ra lộ trình"
    assert index.at["target_paths", "finding_title"].startswith("Tỷ lệ hộ nghèo năm 2021 là 0,41%")
    assert list(index.index) == ["poor_households", "reported", "target_paths"]  # the index is sorted by file


def test_units_2025_groups_a_districts_communes_by_todays_units(tmp_path):
    params = {"units": "2025", "district": "Đông Triều", "lang": "en"}
    jobs = runner.plan_jobs(["ntm_attainment"], params, out_dir=tmp_path / "notebooks")
    [result] = runner.run_jobs(jobs, figures_dir=tmp_path / "figures", log=lambda line: None)
    assert result.ok, result.error
    index = pd.read_csv(tmp_path / "figures" / "index.csv").set_index("figure")
    assert sorted(index.index) == ["by_year", "communes", "cumulative", "map", "units_2025"]
    assert (
        index.at["units_2025", "png"] == "ntm_attainment__units_2025__district-dong-trieu__units-2025__en.png"
    )
    # Đông Triều's 11 communes fall in 4 of today's units (phường An Sinh holds Bình Dương, Việt Dân, An Sinh
    # and Tân Việt, all model NTM by 2021 per Phụ biểu 02).
    assert index.at["units_2025", "title"].startswith(
        "4 of today's 4 units hold former communes that were model NTM by 2021; An Sinh ward holds the most (4)"
    )
    executed = nbformat.read(result.job.output, as_version=4)
    tables = [o for c in executed.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("An Sinh" in o["data"]["text/html"] and "Hoàng Quế" in o["data"]["text/html"] for o in tables)
