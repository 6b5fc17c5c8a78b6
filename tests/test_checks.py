import pandas as pd
import pytest

from qnlib.checks import loan_checks, ntm_checks, run_checks
from qnlib.datasets import Tables
from qnlib.sources import Corpus, Document
from tests.datasets.test_loans import SMALL


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
    tables = results[~results["check"].str.startswith("cross:")]
    mismatches = tables[tables["status"] == "mismatch"].set_index("check")
    assert list(mismatches.index) == ["Phụ biểu 01 'Cộng' vs yearly notes (model)"]
    row = mismatches.iloc[0]
    assert (row["expected"], row["found"], row["source"]) == (21, 20, "qd2877_2022:470")
    assert "21" in row["detail"] and "20" in row["detail"]


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


def test_a_wrong_rate_on_a_district_row_is_named():
    wrong = SMALL.replace("500,00\t83,26", "500,00\t88,26")
    corpus = Corpus({"bc06_2022": Document.from_text(wrong, "bc06_2022")})
    results = pd.DataFrame([vars(r) for r in loan_checks(Tables(corpus))]).set_index("check")
    row = results.loc["loans 2021: disbursement rate per district"]
    assert row["status"] == "mismatch" and "Hạ Long (line 14)" in row["detail"]


def test_ntm_checks_only_need_the_decision(corpus):
    only = Corpus({"qd2877_2022": corpus["qd2877_2022"]})
    assert len(list(ntm_checks(Tables(only)))) > 40
