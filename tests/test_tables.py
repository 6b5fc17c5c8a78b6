"""Reader tables: labelled columns in the reader's language, no index or NaN, values written the
reader's way, the documents' own words marked as quotations, the same HTML on every run."""

import pandas as pd
import pytest

from qnlib import analysis, charts
from qnlib.errors import QnlibError
from qnlib.tables import MISSING, Column, cell_text, reader_table, unit_text

FRAME = pd.DataFrame(
    {
        "year": [2020, 2023],
        "kind": ["actual", "derived"],
        "value": [46.1, 73.348],
        "households": [1526.0, None],
        "source": ["bc06_2022", "kh54_2024"],
        "evidence": ["Năm 2020 đạt 46,1 triệu đồng/người", "đạt khoảng 100,0 triệu đồng/người/năm"],
    }
)
COLUMNS = [
    Column("year", "col_year", "year"),
    Column("kind", "col_kind", "label:kind_"),
    Column("value", "col_value", "num1"),
    Column("households", "unit_households", "int"),
    Column("source", "col_source", "doc"),
    Column("evidence", "col_evidence", quote=True),
]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", [["2020", "thực hiện", "46,1", "1.526", "Báo cáo 06 (8/2022)", "Năm 2020 đạt 46,1 triệu đồng/người"],
                ["2023", "suy ra từ văn bản", "73,3", MISSING, "Kế hoạch 54/KH-UBND", "đạt khoảng 100,0 triệu đồng/người/năm"]]),
        ("en", [["2020", "actual", "46.1", "1,526", "the 08/2022 report on Resolution 06",
                 "Năm 2020 đạt 46,1 triệu đồng/người"],
                ["2023", "derived from the document", "73.3", MISSING, "Plan 54/KH-UBND",
                 "đạt khoảng 100,0 triệu đồng/người/năm"]]),
    ],
)  # fmt: skip
def test_every_cell_is_written_for_the_reader(lang, expected):
    table = reader_table(FRAME, COLUMNS, lang, "test-table")
    headers = {"vi": ["Năm", "Loại số liệu", "Giá trị", "hộ", "Văn bản", "Câu trong văn bản"],
               "en": ["Year", "Kind", "Value", "households", "Document", "The document's words"]}[lang]  # fmt: skip
    assert list(table.cells.columns) == headers
    assert table.cells.to_numpy().tolist() == expected
    assert table.numeric == (headers[2], headers[3]) and table.quoted == (headers[5],)


def test_the_html_has_no_index_or_nan_and_is_the_same_every_time():
    html = reader_table(FRAME, COLUMNS, "vi", "test-table")._repr_html_()
    assert html == reader_table(FRAME, COLUMNS, "vi", "test-table")._repr_html_()
    assert 'class="qnlib-table"' in html and "nan" not in html.lower() and "NaN" not in html
    assert "row_heading" not in html and "index_name" not in html  # no index column
    assert html.count("qnlib-quote") == 2  # the two quoted cells
    assert "#T_test-table_row0_col2" in html  # numbers aligned right, by a fixed id


def test_values_codes_and_units_in_words():
    assert [cell_text(v, "value", "vi") for v in (1526.0, 0.41, 2.0)] == ["1.526", "0,41", "2"]
    assert cell_text("in progress", "label:programme.status_", "en") == "In progress"
    assert cell_text("", "text", "vi") == MISSING and cell_text(float("nan"), "int", "en") == MISSING
    assert cell_text("2022-08-31", "date", "en") == "31 August 2022"
    assert (unit_text("% of households", "vi"), unit_text("percentage points/year", "en")) == (
        "% tổng số hộ",
        "percentage points a year",
    )
    assert unit_text("a unit with no words yet", "vi") == "a unit with no words yet"


def test_the_income_tables_of_the_report(data):
    """Read from the documents: 46,1 (2020) and 52,5 (2021) in Báo cáo 06; 100,0 − 26,652 = 73,348 for
    2023 from Kế hoạch 54; growth 2020→2021 13,88%. Reported later (read from the quotations): Báo Dân
    tộc 73,348 for 2023 and 73,348 − 29,648 for 2020; VietNamNet 84,147 and vietnam.vn/en "nearly 84"
    for 2024."""
    series = analysis.income_series(data["income"], "ethnic_mountain_border_island")
    table = charts.income.series_table(series, reported=data["reported"], lang="en").cells
    assert table["Year"].tolist() == ["2020", "2020", "2021", "2023", "2023", "2024", "2024", "2024"]
    assert table["Million VND per person a year"].tolist() == [
        "46.1", "43.7", "52.5", "73.348", "73.348", "84.147", "≈84", "≈100"]  # fmt: skip
    assert table["How it is derived"].tolist() == [
        MISSING, "73.348 − 29.648", MISSING, "100.0 − 26.652", MISSING, MISSING, MISSING, MISSING]  # fmt: skip
    later = "reported after the documents"
    assert table["Kind"].tolist() == [
        "actual", later, "actual", "derived from the document", later, later, later, "target"]  # fmt: skip
    assert table["Document"].tolist() == [
        "the 08/2022 report on Resolution 06", "Báo Dân tộc và Phát triển 29 October 2024",
        "the 08/2022 report on Resolution 06", "Plan 54/KH-UBND", "Báo Dân tộc và Phát triển 29 October 2024",
        "VietNamNet 5 January 2026", "vietnam.vn/en 2025", "Plan 54/KH-UBND"]  # fmt: skip
    steps = charts.income.steps_table(analysis.growth_steps(series), lang="vi").cells
    # 52,5/46,1; (73,348/52,5)^½; 84,147/73,348 (VietNamNet's 2024 after the derived 2023)
    assert steps["Tăng bình quân mỗi năm"].tolist() == ["13,9%", "18,2%", "14,7%"]
    with pytest.raises(QnlibError, match="cannot name the source"):
        charts.income.series_table(series, lang="en")


def test_a_poverty_path_stops_where_it_reaches_zero(data):
    """CTr 35's −0,80 point a year from 0,41% (2021) reaches 0 in 2022: the table stops there."""
    from qnlib.facts import poverty_facts

    facts = poverty_facts(data["poverty"])
    paths = analysis.poverty_paths(data["poverty"], start_year=facts.year)
    table = charts.poverty.paths_table(paths, lang="vi").cells
    assert table.to_numpy().tolist() == [
        ["Nghị quyết nhiệm vụ năm 2022", "0,11", "2021", "0,41%", "1.526"],
        ["Nghị quyết nhiệm vụ năm 2022", "0,11", "2022", "0,30%", "1.117"],
        ["Chương trình 35/CTr-UBND", "0,80", "2021", "0,41%", "1.526"],
        ["Chương trình 35/CTr-UBND", "0,80", "2022", "0,00%", "0"],
    ]


def test_the_due_tasks_keep_the_reports_words_and_name_agencies_in_english(data):
    from qnlib.facts import programme_facts

    tasks = data["tasks"]
    frames = [data[n] for n in ("tasks", "tasks_by_lead", "schemes", "mechanisms", "directives")]
    facts = programme_facts(*frames)
    due = tasks[analysis.task_timing(tasks, facts.as_of, facts.last_year) == "due"]
    table = charts.programme.due_table(due, lang="en").cells
    assert table["No."].tolist() == ["1", "5", "31", "42", "46", "71"]  # Phụ lục 4: due by 31/08/2022
    assert table["Lead agencies"].tolist()[:3] == [
        "Department of Education and Training",
        "Department of Education and Training",
        "Provincial Ethnic Minorities Committee",
    ]
    assert table["Status"].tolist() == [MISSING] * 5 + ["Completed"]
    assert table["Progress (the report's words)"].iloc[-1] == "Đã hoàn thành"  # quoted as printed, in full
    assert all(len(text) > 60 for text in table["Progress (the report's words)"].iloc[:5])  # never cut
