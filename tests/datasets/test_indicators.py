"""income, poverty, targets. Expected rows were typed while reading the documents (source:line)."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qnlib.datasets import Tables, get

DTTS = "ethnic_mountain_border_island"
MVND = "million VND/person/year"
TIMES = "times the 2020 value"

# indicator, area, year, value, unit, kind, comparator, source, line
INCOME = [
    ("income_growth", DTTS, 2021, 13.88, "% on previous year", "actual", None, "bc06_2022", 114),
    ("income_multiple_vs_2020", DTTS, 2024, 2.2, TIMES, "target", "about", "kh54_2024", 49),
    ("income_multiple_vs_2020", DTTS, 2025, 2.0, TIMES, "target", ">=", "bc06_2022", 114),
    ("income_multiple_vs_2020", "rural", 2025, 2.0, TIMES, "target", ">=", "qd2877_2022", 40),
    ("income_per_capita", DTTS, 2020, 46.1, MVND, "actual", None, "bc06_2022", 114),
    ("income_per_capita", DTTS, 2021, 52.5, MVND, "actual", None, "bc06_2022", 114),
    ("income_per_capita", DTTS, 2023, 73.348, MVND, "derived", None, "kh54_2024", 49),  # 100,0 − 26,652
    ("income_per_capita", DTTS, 2024, 100.0, MVND, "target", "about", "kh54_2024", 49),
    ("income_per_capita_usd", "rural", 2025, 5000.0, "USD/person/year", "target", "=", "ctr35_2021", 513),
]

PP = "percentage points/year"
POVERTY = [
    (
        "near_poor_households_reduction",
        DTTS,
        2024,
        50.0,
        "% of near-poor households",
        "target",
        "=",
        "kh54_2024",
        49,
    ),
    ("poor_households", "ethnic_minority", 2021, 952.0, "households", "actual", None, "bc06_2022", 114),
    ("poor_households", "province", 2021, 1526.0, "households", "actual", None, "bc06_2022", 114),
    ("poor_households_reduction", "province", 2022, 411.0, "households", "target", "=", "nq2022_ocr", 66),
    ("poverty_rate", "ethnic_minority", 2021, 2.75, "% of households", "actual", None, "bc06_2022", 114),
    ("poverty_rate", "province", 2021, 0.41, "% of households", "actual", None, "bc06_2022", 114),
    ("poverty_rate", "province", 2025, 1.0, "% of households", "target", "<", "ctr35_2021", 348),
    ("poverty_rate_reduction", DTTS, 2025, 3.0, PP, "target", "=", "bc06_2022", 114),
    ("poverty_rate_reduction", "province", 2022, 0.11, PP, "target", "=", "nq2022_ocr", 65),
    ("poverty_rate_reduction", "province", 2025, 0.8, PP, "target", "=", "ctr35_2021", 328),
    ("poverty_rate_reduction", "rural", 2025, 1.5, PP, "target", "=", "ctr35_2021", 343),
    ("poverty_rate_reduction", "urban", 2025, 0.3, PP, "target", "=", "ctr35_2021", 338),
    (
        "share_of_poor_households",
        "ethnic_minority",
        2021,
        62.93,
        "% of poor households",
        "actual",
        None,
        "bc06_2022",
        114,
    ),
]

COLUMNS = ["indicator", "area", "year", "value", "unit", "kind", "comparator", "source", "line"]


@pytest.fixture(scope="module")
def tables(corpus) -> Tables:
    return Tables(corpus)


@pytest.mark.parametrize(("name", "rows"), [("income", INCOME), ("poverty", POVERTY)])
def test_topic_datasets(tables, name, rows):
    frame = get(name).build(tables)
    standard = ["standard"] if name == "poverty" else []
    assert list(frame.columns) == [*COLUMNS[:5], *standard, *COLUMNS[5:], "evidence", "formula", "note"]
    documents = frame[frame["kind"] != "reported"].reset_index(drop=True)
    expected = pd.DataFrame(rows, columns=COLUMNS).astype(frame[COLUMNS].dtypes.to_dict())
    assert_frame_equal(documents[COLUMNS], expected)


def test_poverty_figures_name_their_standard(tables):
    """The documents count by the Government's standard, except the 2024 plan's near-poor target,
    which names the province's own ("quy định tại Nghị quyết số 13/2023/NQ-HĐND", kh54 line 49)."""
    poverty = get("poverty").build(tables)
    documents = poverty[poverty["kind"] != "reported"]
    provincial = documents[documents["standard"] == "provincial"]
    assert list(zip(provincial["indicator"], provincial["source"], strict=True)) == [
        ("near_poor_households_reduction", "kh54_2024")]  # fmt: skip
    assert set(documents["standard"]) == {"central", "provincial"}


@pytest.mark.parametrize("name", ["income", "poverty"])
def test_reported_rows_are_the_reported_figures_of_their_topic(tables, name):
    frame = get(name).build(tables)
    reported = get("reported").build(tables)
    later = frame[frame["kind"] == "reported"]
    cited = reported.set_index(["source", "line"])
    for row in later.itertuples():
        figure = cited.loc[(row.source, row.line)]
        assert (figure["indicator"], figure["area"], figure["value"]) == (row.indicator, row.area, row.value)
    topic = reported[reported["indicator"].isin(frame["indicator"])]
    assert len(later) == len(topic) == {"income": 9, "poverty": 20}[name]


def test_evidence_quotes_the_document(tables):
    income = get("income").build(tables)
    income = income[income["kind"] != "reported"].set_index(["indicator", "year"])
    assert income.loc[("income_per_capita", 2020), "evidence"] == "Năm 2020 đạt 46,1 triệu đồng/người"
    derived = income.loc[("income_per_capita", 2023), "evidence"]
    assert "100,0" in derived and "26,652" in derived and "so với năm 2023" in derived
    assert income.loc[("income_per_capita", 2023), "formula"] == "100,0 − 26,652"
    assert income["formula"].notna().sum() == 1
    poverty = get("poverty").build(tables)
    ocr = poverty[poverty["source"] == "nq2022_ocr"]
    assert set(ocr["evidence"]) == {"giam nghéo dat 0,11%", "giam 411 ho nghéo"}
    assert any("OCR" in note for note in poverty.attrs["notes"])
    assert not any("OCR" in note for note in income.attrs["notes"])


def test_targets_hold_the_programme_tables_and_the_ntm_targets(tables):
    targets = get("targets").build(tables)
    assert set(targets["comparator"]) <= {"=", "about", ">=", "<=", ">", "<", "between", "text"}
    keyed = targets.set_index(["indicator", "area", "year", "source"])
    # Chương trình 35, main table: "Công nghiệp - xây dựng | 49-50" (line 219) keeps both bounds.
    row = keyed.loc[("grdp_share_industry_construction", "province", 2025, "ctr35_2021")]
    assert (row["value"], row["value_max"], row["comparator"], row["line"]) == (49.0, 50.0, "between", 219)
    # Quyết định 2877, line 34: "Có ít nhất 54/98 xã … nâng cao" by 2022; line 38: 58/98 and 32/98 by 2025.
    assert keyed.loc[
        ("ntm_advanced_communes", "province", 2022, "qd2877_2022"), ["value", "comparator"]
    ].tolist() == [54.0, ">="]
    assert keyed.loc[("ntm_advanced_communes", "province", 2025, "qd2877_2022"), "value"] == 58.0
    assert keyed.loc[("ntm_model_communes", "province", 2025, "qd2877_2022"), "value"] == 32.0
    assert keyed.loc[("ntm_villages", "province", 2025, "qd2877_2022"), "value"] == 367.0
    assert keyed.loc[("ntm_advanced_districts", "province", 2025, "qd2877_2022"), "value"] == 5.0
    # Chương trình 35: "Đến hết năm 2023 … ít nhất 50%" (line 364).
    assert keyed.loc[("ntm_advanced_communes_share", "province", 2023, "ctr35_2021"), "line"] == 364
    # Every target of the income and poverty datasets is also a target here.
    for name in ("income", "poverty"):
        topic = get(name).build(tables)
        assert (topic["kind"] == "target").sum() == (targets["topic"] == name).sum()
    # main table + quantitative table (23 numbers, 2 rank goals) + "Số sinh viên/vạn dân" (line 565)
    assert (targets["source"] == "ctr35_2021").sum() == 32 + 23 + 3


# Targets stated in words (typed from the documents): indicator, year, value_text, source, line.
WORDED = [
    ("ict_index_rank", 2025, "Nhóm dẫn đầu cả nước", "ctr35_2021", 537),
    ("import_export_revenue", 2025, "Vượt chỉ tiêu TW giao", "ctr35_2021", 525),
    ("ntm_province_completed", 2022, "hoàn thành nhiệm vụ xây dựng nông thôn mới", "qd2877_2022", 32),
    ("students_per_10000_people", 2025, "> mức trung bình cả nước", "ctr35_2021", 567),
]
# Quyết định 2877 §4.2 b) (4), line 41: the OCOP targets; indicator, value, comparator.
OCOP = [
    ("ocop_5star_candidate_products_added", 10.0, "="),  # "Phát triển thêm 10 sản phẩm … tiềm năng đạt 5 sao"
    ("ocop_5star_products_recognised", 5.0, ">="),  # "tối thiểu 05 sản phẩm được công nhận đạt chuẩn 5 sao"
    ("ocop_new_organisations_per_year", 10.0, ">="),  # "ít nhất 10 tổ chức kinh tế/năm"
    ("ocop_products_traceable_share", 100.0, "="),  # "100% sản phẩm OCOP … được dán tem điện tử"
]


def test_targets_stated_in_words_keep_their_words(tables):
    targets = get("targets").build(tables)
    worded = targets[targets["comparator"] == "text"].sort_values("indicator")
    assert (
        list(worded[["indicator", "year", "value_text", "source", "line"]].itertuples(index=False, name=None))
        == WORDED
    )
    assert worded["value"].isna().all()
    assert targets.loc[targets["comparator"] != "text", "value_text"].isna().all()


def test_the_ocop_targets_of_quyet_dinh_2877(tables):
    targets = get("targets").build(tables)
    ocop = targets[targets["indicator"].str.startswith("ocop_")].sort_values("indicator")
    assert list(ocop[["indicator", "value", "comparator"]].itertuples(index=False, name=None)) == OCOP
    assert (
        set(ocop["year"]) == {2025} and set(ocop["line"]) == {41} and set(ocop["source"]) == {"qd2877_2022"}
    )
