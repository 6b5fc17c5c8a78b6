import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import qnlib
from qnlib import config
from qnlib.datasets import REGISTRY
from qnlib.errors import ParseError
from qnlib.store import build, build_frames, is_fresh, load


@pytest.fixture(scope="module")
def built(built_once) -> Path:
    return built_once  # read only here: the tests that change a build work on copies


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    for path in raw.iterdir():
        path.chmod(0o644)
    return raw


def test_build_writes_every_dataset_in_three_formats(built):
    names = set(REGISTRY)
    assert {p.stem for p in built.glob("*.parquet")} == names
    assert {p.stem for p in built.glob("*.csv")} == names
    workbook = pd.ExcelFile(built / "qnlib.xlsx")
    assert set(workbook.sheet_names) == names
    assert (built / "manifest.json").exists()


def test_processed_files_read_back_identical(built):
    fresh = build_frames()
    for name in REGISTRY:
        loaded = load(name, built)
        assert_frame_equal(loaded, fresh[name])
        assert loaded.attrs == fresh[name].attrs


def test_csv_keeps_vietnamese_for_excel(built):
    text = (built / "loans.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert "Móng Cái" in text.decode("utf-8-sig")


def test_attrs_say_where_data_comes_from(built):
    frame = load("ntm_communes", built)
    assert frame.attrs["source"] == "qd2877_2022"
    assert "2877" in frame.attrs["source_title"]
    assert frame.attrs["table"].endswith("Phụ biểu 01")
    assert frame.attrs["unit"]
    assert any("part-way" in note for note in frame.attrs["notes"])


def test_load_parses_raw_when_processed_is_stale(built, raw_copy, tmp_path):
    assert is_fresh(built, config.RAW_DIR)
    (raw_copy / "sources.yml").write_text((raw_copy / "sources.yml").read_text() + "\n# touched\n")
    assert not is_fresh(built, raw_copy)
    empty = tmp_path / "nothing-built"
    assert_frame_equal(load("loans", empty, raw_copy), load("loans", built))


def test_failed_build_leaves_previous_outputs_intact(raw_copy, tmp_path, previous_build):
    out = previous_build  # what a build of these documents wrote before
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    report = raw_copy / "2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace("4.600,00\t77", "4.600,00\tbảy mươi"),
        encoding="utf-8",
    )
    with pytest.raises(
        ParseError, match="phu-luc.txt, line 313: expected a whole number in column 'households'"
    ):
        build(raw_copy, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_public_api():
    catalogue = qnlib.datasets()
    assert list(catalogue.columns) == ["name", "title", "description", "source", "table", "unit"]
    assert set(catalogue["name"]) >= {
        "loans",
        "ntm_yearly",
        "ntm_communes",
        "ntm_plan",
        "ntm_district_plan",
    }
    with pytest.raises(qnlib.QnlibError, match="unknown dataset 'loan'; known datasets: loans"):
        qnlib.load("loan")


def test_a_corrupt_processed_file_falls_back_to_the_raw_documents(previous_build):
    out = previous_build
    (out / "loans.parquet").write_bytes(b"PAR1 not a parquet file")
    assert_frame_equal(load("loans", out), build_frames(names=["loans"])["loans"])
    (out / "manifest.json").write_text("[]")  # valid JSON, wrong shape: stale, parse raw
    assert not is_fresh(out)
    assert_frame_equal(load("ntm_yearly", out), build_frames(names=["ntm_yearly"])["ntm_yearly"])


def test_reading_built_data_imports_no_parser_or_schema(built):
    """A notebook that reads built data needs neither the parsers nor pandera (seconds in a kernel)."""
    import subprocess
    import sys

    code = (
        "import sys, qnlib; from qnlib import charts, facts; from qnlib.run import notebook; "
        f"qnlib.load('loans', {str(built)!r}); "
        "print(sorted(m for m in sys.modules if m.startswith(('pandera', 'papermill', 'qnlib.datasets'))))"
    )
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "[]"


@pytest.mark.parametrize(
    ("name", "column", "cast", "equal"),
    [
        ("income", "area", str, {"indicator": "income_per_capita"}),
        ("income", "year", int, {"indicator": "income_per_capita", "kind": "actual"}),
        ("income", "year", int, {"indicator": "income_multiple_vs_2020", "kind": "target"}),
        ("loans", "year", int, {}),
        ("tasks_by_lead", "lead", str, {}),
        ("tasks", "group", str, {}),
    ],
)
def test_distinct_values_from_the_csv_are_those_pandas_reads(built, tmp_path, name, column, cast, equal):
    """A parameter's allowed values read with the csv module (no pandas, for a run with nothing to do)
    are exactly, and of the same type as, those read through load from parquet or the raw files."""
    from qnlib.store import distinct

    light = distinct(name, column, cast, built, config.RAW_DIR, **equal)
    parsed = distinct(name, column, cast, tmp_path / "nothing-built", config.RAW_DIR, **equal)
    assert light == parsed and [type(v) for v in light] == [type(v) for v in parsed] and light
