"""Phụ lục 6 (loans). Expected values were typed from the document (lines 311–336), not from the parser."""

import io
import re

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qnlib.datasets.loans import parse_loans
from qnlib.errors import ParseError, UnknownPlaceError

# year, district, type, code, planned, households, line  (lent = disbursed = planned, rate 100,00 on every row)
DOCUMENT_ROWS = """\
2021,Hạ Long,thành phố,193,4600,77,313
2021,Vân Đồn,huyện,203,400,8,314
2021,Tiên Yên,huyện,199,4200,52,315
2021,Ba Chẽ,huyện,202,9200,115,316
2021,Bình Liêu,huyện,198,10000,170,317
2021,Đầm Hà,huyện,200,6000,82,318
2021,Hải Hà,huyện,201,3600,55,319
2021,Móng Cái,thành phố,194,2000,27,320
2022,Hạ Long,thành phố,193,6000,86,322
2022,Đông Triều,thị xã,205,1500,15,323
2022,Uông Bí,thành phố,196,1000,19,324
2022,Cẩm Phả,thành phố,195,2000,20,325
2022,Vân Đồn,huyện,203,5000,71,326
2022,Cô Tô,huyện,207,1500,15,330
2022,Tiên Yên,huyện,199,6000,89,331
2022,Ba Chẽ,huyện,202,6000,64,332
2022,Bình Liêu,huyện,198,6000,81,333
2022,Đầm Hà,huyện,200,5500,71,334
2022,Hải Hà,huyện,201,5500,87,335
2022,Móng Cái,thành phố,194,4000,51,336
"""


def expected_frame(rows: str, source: str) -> pd.DataFrame:
    raw = pd.read_csv(
        io.StringIO(rows),
        header=None,
        names=[
            "year",
            "district",
            "district_type",
            "district_code",
            "planned_mvnd",
            "households",
            "line",
        ],
        dtype={"district_code": str},
    )
    return pd.DataFrame(
        {
            "year": raw["year"].astype("int64"),
            "district": raw["district"],
            "district_type": raw["district_type"],
            "district_code": raw["district_code"],
            "planned_mvnd": raw["planned_mvnd"].astype(float),
            "households": raw["households"].astype("int64"),
            "lent_mvnd": raw["planned_mvnd"].astype(float),
            "disbursed_mvnd": raw["planned_mvnd"].astype(float),
            "disbursement_rate_pct": 100.0,
            "as_of": pd.Series(pd.Timestamp("2022-08-08"), index=raw.index).astype("datetime64[ns]"),
            "source": source,
            "line": raw["line"].astype("int64"),
        }
    )


def test_document_table(corpus):
    table = parse_loans(corpus["bc06_2022"].lines, "bc06_2022")
    assert_frame_equal(table.frame, expected_frame(DOCUMENT_ROWS, "bc06_2022"))
    printed = {
        t.label: (t.years, t.values["planned_mvnd"], t.values["households"], t.line) for t in table.totals
    }
    assert printed == {
        "Tổng năm 2021+2022": ((2021, 2022), 90000.0, 1255, 311),
        "NĂM 2021": ((2021,), 40000.0, 586, 312),
        "NĂM 2022": ((2022,), 50000.0, 669, 321),
    }


HEADER = (
    "TT\tĐịa phương được bố trí vốn vay\tTổng vốn kế hoạch giao\tKết quả thực hiện tính đến ngày 08/8/2022\t\t\t\tGhi chú\n"
    "\t\t\tSố hộ vay\tSố vốn cho vay\tSố vốn đã giải ngân\tTỷ lệ giải ngân (%)\t\n"
)
SMALL = (
    "**PHỤ LỤC 5**\nkhác\n\n"
    "**PHỤ LỤC 6**  \n**(Số liệu tính đến ngày 08/8/2022)**\n\n*Đơn vị tính vốn: Triệu đồng*\n\n"
    + HEADER
    + "1\t2\t3\t4\t5\t6\t7\t\n"
    "<b>Tổng năm 2021+2022</b>\t\t<b>1.000,00</b>\t<b>12</b>\t<b>1.000,00</b>\t<b>800,00</b>\t<b>80,00</b>\t\n"
    "<b>A</b>\t<b>NĂM 2021</b>\t<b>1.000,00</b>\t<b>12</b>\t<b>1.000,00</b>\t<b>800,00</b>\t<b>80,00</b>\t\n"
    "1\tThành phố Hạ Long\t600,50\t7\t600,50\t500,00\t83,26\t\n"
    "\n" + HEADER + "2\tTX Đông Triều\t399,50\t5\t399,50\t300,00\t75,09\t\n"
)
SMALL_ROWS = """\
2021,Hạ Long,thành phố,193,600.5,7,14
2021,Đông Triều,thị xã,205,399.5,5,18
"""


def test_small_table_with_a_repeated_header():
    table = parse_loans(SMALL.split("\n"), "x")
    expected = expected_frame(SMALL_ROWS, "x")
    expected["disbursed_mvnd"] = [500.0, 300.0]
    expected["disbursement_rate_pct"] = [83.26, 75.09]
    expected["as_of"] = expected["as_of"].astype("datetime64[ns]")
    assert_frame_equal(table.frame, expected)
    assert [t.label for t in table.totals] == ["Tổng năm 2021+2022", "NĂM 2021"]


def test_rows_move_and_blank_lines_change():
    lines = SMALL.replace("\n\n", "\n\n\n\n").split("\n")
    table = parse_loans(lines, "x")
    assert list(table.frame["district"]) == ["Hạ Long", "Đông Triều"]
    assert list(table.frame["line"]) == [
        lines.index(s) + 1 for s in lines if s.startswith(("1\tThành", "2\tTX"))
    ]


def test_non_numeric_cell_names_line_and_column():
    bad = SMALL.replace("600,50\t7\t", "600,50\tbảy\t")
    with pytest.raises(
        ParseError, match=r"line 14: expected a whole number in column 'households', found 'bảy'"
    ):
        parse_loans(bad.split("\n"))


def test_english_number_format_is_rejected():
    bad = SMALL.replace("399,50\t5\t399,50", "399.50\t5\t399,50")
    with pytest.raises(
        ParseError, match=r"line 18: expected a number such as 4.600,00 in column 'planned_mvnd'"
    ):
        parse_loans(bad.split("\n"))


def test_unknown_district():
    bad = SMALL.replace("TX Đông Triều", "Huyện Hoành Bồ")
    with pytest.raises(UnknownPlaceError, match=r"line 18: expected one of the 13 districts"):
        parse_loans(bad.split("\n"))


def test_missing_table():
    with pytest.raises(ParseError, match="the heading 'PHỤ LỤC 6'"):
        parse_loans(SMALL.replace("PHỤ LỤC 6", "PHỤ LỤC 7").split("\n"))


def test_changed_shape_missing_column():
    bad = SMALL.replace("\tSố hộ vay", "\tSố người vay")
    with pytest.raises(ParseError, match="missing households"):
        parse_loans(bad.split("\n"))


def test_changed_shape_short_row():
    bad = SMALL.replace("2\tTX Đông Triều\t399,50\t5\t399,50\t300,00\t75,09\t", "2\tTX Đông Triều\t399,50\t5")
    with pytest.raises(ParseError, match=r"line 18: expected a row of 7 tab-separated cells"):
        parse_loans(bad.split("\n"))


def test_unit_other_than_million_dong_is_an_error():
    with pytest.raises(ParseError, match="Triệu đồng"):
        parse_loans(SMALL.replace("Triệu đồng", "Tỷ đồng").split("\n"))


def test_district_row_before_any_year():
    bad = SMALL.replace("<b>A</b>\t<b>NĂM 2021</b>", "<b>A</b>\t<b>CỘNG</b>")
    with pytest.raises(ParseError, match="line 13: expected a district row"):
        parse_loans(bad.split("\n"))


ROW_18 = "2\tTX Đông Triều\t399,50\t5\t399,50\t300,00\t75,09\t"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # a tab inside "300,00": disbursed reads 30, the rate 0,00, and 75,09 lands in "Ghi chú"
        ("2\tTX Đông Triều\t399,50\t5\t399,50\t30\t0,00\t75,09\t",
         r"line 18: expected a disbursement rate equal to disbursed ÷ planned = 30 ÷ 399.5 = 7.51 %, found '0'"),
        # a value in a cell the header does not have
        (ROW_18 + "\t12", r"line 18: expected at most 8 cells, as in the header \(a stray tab shifts the row's values\)"),
        # "75,09" misread as "7509"
        (ROW_18.replace("75,09", "7509"), r"line 18: expected a disbursement rate between 0 and 100 %, found '7509'"),
        # a rate that is a plausible percentage but not this row's disbursed ÷ planned
        (ROW_18.replace("75,09", "57,09"), r"line 18: .*= 75.09 %, found '57.09'"),
        (ROW_18.replace("300,00", "-300,00"), r"line 18: expected a value ≥ 0 in column 'disbursed_mvnd', found '-300.0'"),
    ],
)  # fmt: skip
def test_a_row_whose_values_cannot_be_right_stops_the_parse(row, message):
    with pytest.raises(ParseError, match=message):
        parse_loans(SMALL.replace(ROW_18, row).split("\n"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("tính đến ngày", "tại ngày"),
         r"^<text>, line 4: expected the cut-off date 'tính đến ngày dd/mm/yyyy'$"),
        (("*Đơn vị tính vốn: Triệu đồng*", "*Triệu đồng*"),
         r"^<text>, line 4: expected the unit line 'Đơn vị tính vốn: Triệu đồng'$"),
        (("Triệu đồng", "Tỷ đồng"), r"^<text>, line 7: expected amounts in 'Triệu đồng' \(million VND\), found 'Tỷ đồng'$"),
        (("TT\tĐịa phương", "Số\tĐịa phương"), r"^<text>, line 4: expected a table header starting with 'TT'$"),
        (("<b>A</b>\t<b>NĂM 2021</b>", "<b>A</b>\t<b>NĂM</b>"),
         r"^<text>, line 13: expected a district row .*"),
        ((ROW_18, "2\tTX Đông Triều\t399,50\t5"),
         r"^<text>, line 18: expected a row of 7 tab-separated cells, found '2 \| TX Đông Triều \| 399,50 \| 5'$"),
    ],
    ids=["no-cut-off-date", "no-unit-line", "other-unit", "no-header", "no-year-row", "short-row"],
)  # fmt: skip
def test_each_missing_piece_is_one_line_naming_what_was_expected(change, message):
    """The whole message a user sees (before the file is named), not a fragment of it."""
    with pytest.raises(ParseError) as caught:
        parse_loans(SMALL.replace(*change).split("\n"))
    assert re.match(message, str(caught.value)), str(caught.value)
