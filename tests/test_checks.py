import pandas as pd
import pytest

from qnlib.checks import CHECKS, loans, ntm, run_checks
from qnlib.datasets import Tables
from qnlib.errors import ParseError
from qnlib.sources import Corpus, Document
from tests.datasets.test_loans import SMALL


def loan_checks(tables):
    return [*loans.loan_totals(tables), *loans.loan_rates(tables)]


@pytest.fixture(scope="module")
def results(corpus) -> pd.DataFrame:
    return run_checks(Tables(corpus))


def test_check_table_shape(results):
    assert list(results.columns) == ["check", "status", "expected", "found", "detail", "source"]
    assert set(results["status"]) <= {"ok", "mismatch"}
    assert results["source"].str.fullmatch(r"[a-z0-9_]+:\d+").all()
    assert results["check"].is_unique


def test_table_mismatches_in_the_documents(results):
    """Read from the document: the yearly notes under Phụ biểu 01 count 1 + 11 + 8 = 20 model
    communes (lines 486–488); its 'Cộng' row (line 470) and Phụ biểu 02 say 21."""
    tables = results[~results["check"].str.startswith(("cross:", *PROGRAMME))]
    mismatches = tables[tables["status"] == "mismatch"].set_index("check")
    assert list(mismatches.index) == ["Phụ biểu 01 'Cộng' vs yearly notes (model)"]
    row = mismatches.iloc[0]
    assert (row["expected"], row["found"], row["source"]) == (21, 20, "qd2877_2022:470")
    assert "21" in row["detail"] and "20" in row["detail"]


# Disagreements found by reading the documents (each computed by hand before the check existed):
CROSS_MISMATCHES = {
    # 952 / 1.526 = 62,39%, the report prints 62,93 (bc06, line 114)
    "cross: ethnic-minority share of poor households 2021 (bc06)": (62.93, 62.39),
    # 58/98 = 59,18% and 32/98 = 32,65%: printed truncated as 59,1 and 32,6 (qd2877, line 38)
    "cross: ntm_advanced_communes_share 2025 (qd2877_2022)": (59.1, 59.2),
    "cross: ntm_model_communes_share 2025 (qd2877_2022)": (32.6, 32.7),
    # 9/65 = 13,8%, printed 15% (bc06, line 131)
    "cross: ntm_model_communes_share 2021 (bc06_2022)": (15, 14),
    # prose targets vs Phụ biểu 02: 44 + 7 = 51 advanced by 2022 (≥ 54 stated); 66 and 34 by 2025 (58, 32 stated)
    "cross: advanced communes by 2022, prose vs Phụ biểu 02": (54, 51),
    "cross: advanced communes by 2025, prose vs Phụ biểu 02": (58, 66),
    "cross: model communes by 2025, prose vs Phụ biểu 02": (32, 34),
    # the 2022 resolution (OCR, lines 66–67): +4 advanced, +3 model; Phụ biểu 02 plans 7 and 5 for 2022
    "cross: advanced communes added in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 02": (4, 7),
    "cross: model communes added in 2022, Nghị quyết 2022 (OCR) vs Phụ biểu 02": (3, 5),
    # the yearly notes count 20 model communes by 2021; Phụ biểu 02 marks 21 as achieved
    "cross: model communes by 2021, yearly notes vs Phụ biểu 02": (21, 20),
    # bc06 names Húc Động for advanced NTM in 2022; Phụ biểu 02 plans it for 2023 (line 2057)
    "cross: advanced communes named for 2022, bc06 vs Phụ biểu 02": (4, 3),
}


PROGRAMME = ("Phụ lục", "Chương trình 35")
# The programme tables against themselves, read from the documents: check -> (expected, found, source).
PROGRAMME_MISMATCHES = {
    # line 152: "KẾT QUẢ THỰC HIỆN 73 NHIỆM VỤ"; the table numbers 1–73 and prints 63 twice (lines 265, 268)
    "Phụ lục 4 (tasks): count in the title vs rows": (73, 74, "bc06_2022:152"),
    "Phụ lục 4 (tasks): numbering": ("1–73 once each", "repeated: 63 ×2", "bc06_2022:265"),
    # Phụ lục 1: 366-TB/TU (lines 11 and 21, different dates), 13/2022/QĐ-UBND (63, 67), 21/BC-UBND (71, 75)
    "Phụ lục 1: document 366-TB/TU listed 2 times": ("listed once", "listed 2 times", "bc06_2022:11"),
    "Phụ lục 1: document 13/2022/QĐ-UBND listed 2 times": ("listed once", "listed 2 times", "bc06_2022:63"),
    "Phụ lục 1: document 21/BC-UBND listed 2 times": ("listed once", "listed 2 times", "bc06_2022:71"),
    # task 67's deadline cell holds a document's subject (line 275)
    "Phụ lục 4 (tasks): row 67 has no deadline": (
        "a deadline",
        "V/v triển khai thực hiện Nghị quyết số 10/NQ-CP ngày 28/01/2022 của Chính phủ ban hành Chiến lược công "
        "tác dân tộc giai đoạn 2021-2030, tầm nhìn đến 2045.",
        "bc06_2022:275",
    ),
    # Phụ lục 3 row 7 has an empty lead cell (line 146); task 66's lead cell is a document number (line 272)
    "Phụ lục 3 (mechanisms): row 7 names no lead agency": ("an agency", "(empty)", "bc06_2022:146"),
    "Phụ lục 4 (tasks): row 66 names no lead agency": (
        "an agency",
        "1920/UBND-TH4 ngày 28/3/2022",
        "bc06_2022:272",
    ),
}


def test_programme_tables_against_themselves(results):
    programme = results[results["check"].str.startswith(PROGRAMME)].set_index("check")
    mismatches = programme[programme["status"] == "mismatch"]
    found = {name: (row["expected"], row["found"], row["source"]) for name, row in mismatches.iterrows()}
    assert found == PROGRAMME_MISMATCHES
    ok = set(programme.index[programme["status"] == "ok"])
    assert ok == {
        "Phụ lục 1 (directives, Tỉnh ủy): numbering", "Phụ lục 1 (directives, HĐND): numbering",
        "Phụ lục 1 (directives, UBND): numbering", "Phụ lục 3 (mechanisms): numbering",
        "Chương trình 35 (schemes): numbering", "Chương trình 35 (schemes): every row has a deadline",
        "Chương trình 35 (schemes): every row names a lead agency",
    }  # fmt: skip


def test_cross_document_mismatches(results):
    cross = results[results["check"].str.startswith("cross:")].set_index("check")
    mismatches = cross[cross["status"] == "mismatch"]
    assert set(mismatches.index) == set(CROSS_MISMATCHES)
    for name, (expected, found) in CROSS_MISMATCHES.items():
        assert (mismatches.at[name, "expected"], mismatches.at[name, "found"]) == (expected, found), name
    assert (
        "Húc Động" in mismatches.at["cross: advanced communes named for 2022, bc06 vs Phụ biểu 02", "detail"]
    )
    assert len(cross) >= 35


def test_cross_checks_show_both_sides_and_where(results):
    growth = results.set_index("check").loc["cross: income growth 2020→2021 (bc06)"]
    assert growth["status"] == "ok" and growth["source"] == "bc06_2022:114"
    assert "52,5 / 46,1" in growth["detail"] and "13,88" in growth["detail"]
    multiple = results.set_index("check").loc[
        "cross: 2024 income target as a multiple of 2020 (kh54 vs bc06)"
    ]
    assert "kh54_2024:49" in multiple["detail"] and "bc06_2022:114" in multiple["detail"]
    households = results.set_index("check").loc[
        "cross: 2022 poverty reduction, rate vs households (nq2022 vs bc06)"
    ]
    assert households["status"] == "ok" and "nq2022_ocr:65" in households["detail"]


def test_loans_totals_reconcile(results):
    loans = results[results["check"].str.startswith("loans")]
    assert len(loans) == 3 * 5 + 2  # 3 printed totals x 5 columns + per-district rate per year
    households = loans.set_index("check").loc["loans Tổng năm 2021+2022: households"]
    assert (households["expected"], households["found"]) == (1255, 1255)


def test_every_district_subtotal_of_phu_bieu_02_is_checked(results):
    subtotals = results[results["check"].str.startswith("Phụ biểu 02 subtotal")]
    assert len(subtotals) == 13 * 2
    assert (subtotals["status"] == "ok").all()


def test_a_wrong_printed_total_is_reported_not_raised():
    wrong = SMALL.replace(
        "<b>12</b>\t<b>1.000,00</b>\t<b>800,00</b>", "<b>13</b>\t<b>1.000,00</b>\t<b>800,00</b>"
    )
    corpus = Corpus({"bc06_2022": Document.from_text(wrong, "bc06_2022")})
    results = pd.DataFrame([vars(r) for r in loan_checks(Tables(corpus))]).set_index("check")
    row = results.loc["loans Tổng năm 2021+2022: households"]
    assert row["status"] == "mismatch"
    assert (row["expected"], row["found"]) == (13, 12)
    assert "printed 13, computed 12" in row["detail"]
    assert row["source"] == "bc06_2022:12"


def test_a_wrong_rate_on_a_district_row_stops_before_any_check():
    # A row's rate that is not its own disbursed ÷ planned can only be a misread: the parser stops
    # (tests/datasets/test_loans.py), so the checks never reconcile a shifted row.
    wrong = SMALL.replace("500,00\t83,26", "500,00\t88,26")
    corpus = Corpus({"bc06_2022": Document.from_text(wrong, "bc06_2022")})
    with pytest.raises(
        ParseError, match=r"line 14: expected a disbursement rate equal to disbursed ÷ planned"
    ):
        list(loan_checks(Tables(corpus)))


def test_ntm_checks_only_need_the_decision(corpus):
    only = Tables(Corpus({"qd2877_2022": corpus["qd2877_2022"]}))
    checks = [ntm.pb01_total_vs_notes, ntm.pb02_subtotals, ntm.pb02_total, ntm.pb02_vs_pb01, ntm.pb03_total,
              ntm.pb03_denominators]  # fmt: skip
    # 3 (Phụ biểu 01) + 26 (13 subtotals × 2 levels) + 6 + 2 + 4 + 2
    assert sum(len(list(check(only))) for check in checks) == 43


def test_checks_are_small_named_functions_that_say_what_they_compare():
    import inspect

    for check in CHECKS:
        lines, _ = inspect.getsourcelines(check)
        assert len(lines) <= 40, f"{check.__name__} has {len(lines)} lines"
        assert check.__doc__, f"{check.__name__} says nothing of what it compares"
    assert len({c.__name__ for c in CHECKS}) == len(CHECKS)


def test_the_checks_report_112_results_20_of_them_mismatches(results):
    # 17 loans + 43 NTM tables + 37 across documents + 15 programme tables; the mismatches are listed above
    mismatches = (results["status"] == "mismatch").sum()
    assert len(results) == 112 and mismatches == 1 + len(CROSS_MISMATCHES) + len(PROGRAMME_MISMATCHES)
