import pandas as pd
import pytest

from qnlib.checks import CHECKS, COLUMNS, loans, ntm, render, run_checks
from qnlib.checks import results as all_results
from qnlib.datasets import Tables
from qnlib.errors import ParseError
from qnlib.sources import Corpus, Document
from qnlib.words import templates
from tests.datasets.test_loans import SMALL
from tests.language import foreign_words

TEMPLATES = templates()


def loan_checks(tables):
    return [*loans.loan_totals(tables), *loans.loan_rates(tables)]


@pytest.fixture(scope="module")
def results(corpus) -> pd.DataFrame:
    return run_checks(Tables(corpus), "vi")


def test_check_table_shape(results):
    assert list(results.columns) == COLUMNS == [
        "check", "status", "kind", "subject", "document", "where", "printed", "expected", "difference",
        "printed_text", "expected_text", "detail", "source", "other",
    ]  # fmt: skip
    assert set(results["status"]) <= {"ok", "mismatch"} and set(results["kind"]) <= {"figure", "table"}
    assert results["source"].str.fullmatch(r"[a-z0-9_.-]+:\d+").all()  # a document's id, or an article's
    assert results["other"].str.fullmatch(r"([a-z0-9_.-]+:\d+(-\d+)?)?").all()
    assert results["check"].is_unique
    assert (
        (results["subject"] != "").all()
        and (results["where"] != "").all()
        and (results["detail"] != "").all()
    )


def test_table_mismatches_in_the_documents(results):
    """Read from the document: the yearly notes under Phụ biểu 01 count 1 + 11 + 8 = 20 model
    communes (lines 486–488); its 'Cộng' row (line 470) says 21."""
    tables = results[~results["check"].str.startswith(("cross.", "reported.", *PROGRAMME))]
    mismatches = tables[tables["status"] == "mismatch"].set_index("check")
    assert list(mismatches.index) == ["pb01.total/model"]
    row = mismatches.iloc[0]
    assert (row["printed"], row["expected"], row["difference"]) == (21, 20, 1.0)
    assert (row["source"], row["other"]) == ("qd2877_2022:470", "qd2877_2022:480-488")
    assert row["where"] == "Phụ biểu 01, dòng “Cộng” và ghi chú dưới bảng"
    assert row["detail"] == (
        "Dòng “Cộng” ghi 21 xã; các ghi chú số xã đạt chuẩn từng năm 2013–2021 dưới bảng cộng lại được 20 xã."
    )


# Disagreements found by reading the documents (each computed by hand before the check existed):
# check -> (printed, expected), printed being what the document prints and expected what it should be.
CROSS_MISMATCHES = {
    # 952 / 1.526 = 62,39%, the report prints 62,93 (bc06, line 114)
    "cross.em_share_of_poor/2021": (62.93, 62.39),
    # 58/98 = 59,18% and 32/98 = 32,65%: printed truncated as 59,1 and 32,6 (qd2877, line 38)
    "cross.share/ntm_advanced_share_2025": (59.1, 59.2),
    "cross.share/ntm_model_share_2025": (32.6, 32.7),
    # 9/65 = 13,8%, printed 15% (bc06, line 131)
    "cross.share/ntm_model_share_2021_dtts": (15, 14),
    # prose targets vs Phụ biểu 02: 44 + 7 = 51 advanced by 2022 (≥ 54 stated); 66 and 34 by 2025 (58, 32 stated)
    "cross.target_vs_pb02/advanced/2022": (54, 51),
    "cross.target_vs_pb02/advanced/2025": (58, 66),
    "cross.target_vs_pb02/model/2025": (32, 34),
    # the 2022 resolution (OCR, lines 66–67): +4 advanced, +3 model; Phụ biểu 02 plans 7 and 5 for 2022
    "cross.added_2022_vs_pb02/advanced": (4, 7),
    "cross.added_2022_vs_pb02/model": (3, 5),
    # Phụ biểu 02 marks 21 model communes achieved; the yearly notes count 20 by 2021
    "cross.notes_vs_pb02/model": (21, 20),
    # bc06 names Húc Động for advanced NTM in 2022; Phụ biểu 02 plans it for 2023 (line 2057)
    "cross.named_2022/advanced/Húc Động": ("2022", "2023"),
}


PROGRAMME = ("pl1", "pl3", "pl4", "ctr35_schemes")
# The programme tables against themselves, read from the documents: check -> (kind, printed, source).
PROGRAMME_MISMATCHES = {
    # line 152: "KẾT QUẢ THỰC HIỆN 73 NHIỆM VỤ"; the table has 74 numbered rows, number 63 twice (lines 265, 268)
    "pl4.announced": ("figure", 73, "bc06_2022:152"),
    "pl4.numbering/repeated/63": ("table", 63, "bc06_2022:265"),
    # Phụ lục 1: 366-TB/TU (lines 11 and 21, different dates), 13/2022/QĐ-UBND (63, 67), 21/BC-UBND (71, 75)
    "pl1.repeated/366-TB/TU": ("table", "366-TB/TU", "bc06_2022:11"),
    "pl1.repeated/13/2022/QĐ-UBND": ("table", "13/2022/QĐ-UBND", "bc06_2022:63"),
    "pl1.repeated/21/BC-UBND": ("table", "21/BC-UBND", "bc06_2022:71"),
    # task 67's deadline cell holds a document's subject (line 275)
    "pl4.deadline/67": (
        "table",
        "V/v triển khai thực hiện Nghị quyết số 10/NQ-CP ngày 28/01/2022 của Chính phủ ban hành Chiến lược công "
        "tác dân tộc giai đoạn 2021-2030, tầm nhìn đến 2045.",
        "bc06_2022:275",
    ),
    # Phụ lục 3 row 7 has an empty lead cell (line 146); task 66's lead cell is a document number (line 272)
    "pl3.lead/7": ("table", "", "bc06_2022:146"),
    "pl4.lead/66": ("table", "1920/UBND-TH4 ngày 28/3/2022", "bc06_2022:272"),
}


def test_programme_tables_against_themselves(results):
    programme = results[results["check"].str.startswith(PROGRAMME)].set_index("check")
    mismatches = programme[programme["status"] == "mismatch"]
    found = {name: (row["kind"], row["printed"], row["source"]) for name, row in mismatches.iterrows()}
    assert found == PROGRAMME_MISMATCHES
    assert mismatches.loc["pl4.announced", "expected"] == 74
    assert (
        mismatches.loc[mismatches["kind"] == "table", "expected"].isna().all()
    )  # findings: nothing "expected"
    ok = set(programme.index[programme["status"] == "ok"])
    assert ok == {
        "pl1/Tỉnh ủy.numbering", "pl1/HĐND.numbering", "pl1/UBND.numbering", "pl3.numbering",
        "ctr35_schemes.numbering", "ctr35_schemes.deadline", "ctr35_schemes.lead",
    }  # fmt: skip


def test_programme_findings_say_what_is_wrong_in_both_languages(corpus):
    both = {lang: run_checks(Tables(corpus), lang).set_index("check") for lang in ("vi", "en")}
    repeated = {lang: frame.loc["pl4.numbering/repeated/63"] for lang, frame in both.items()}
    assert repeated["vi"]["subject"] == "Số thứ tự 63 được dùng 2 lần"
    assert repeated["en"]["subject"] == "Number 63 is used 2 times"
    assert (
        repeated["vi"]["where"] == "Phụ lục 4, nhiệm vụ số 63"
        and repeated["en"]["where"] == "Phụ lục 4, task 63"
    )
    lead = {lang: frame.loc["pl4.lead/66"] for lang, frame in both.items()}
    assert (
        lead["vi"]["detail"]
        == "Cột chủ trì ghi: “1920/UBND-TH4 ngày 28/3/2022”. Dữ liệu để trống cơ quan chủ trì."
    )
    assert lead["en"]["detail"] == (
        "The lead cell reads: “1920/UBND-TH4 ngày 28/3/2022”. The data leave the lead agency empty."
    )


def test_cross_document_mismatches(results):
    cross = results[results["check"].str.startswith("cross.")].set_index("check")
    mismatches = cross[cross["status"] == "mismatch"]
    assert set(mismatches.index) == set(CROSS_MISMATCHES)
    for name, (printed, expected) in CROSS_MISMATCHES.items():
        assert (mismatches.at[name, "printed"], mismatches.at[name, "expected"]) == (printed, expected), name
    assert mismatches.at["cross.target_vs_pb02/advanced/2022", "printed_text"] == "ít nhất 54"
    assert mismatches.at["cross.share/ntm_advanced_share_2025", "printed_text"] == "59,1%"
    assert mismatches.at["cross.named_2022/advanced/Húc Động", "other"] == "qd2877_2022:2057"
    assert len(cross) == 37


def test_cross_checks_show_both_sides_and_where(results):
    by_id = results.set_index("check")
    growth = by_id.loc["cross.income_growth/2021"]
    assert growth["status"] == "ok" and growth["source"] == "bc06_2022:114"
    assert growth["detail"] == "52,5 ÷ 46,1 − 1 = 13,88%, làm tròn là 13,88%; văn bản ghi 13,88%."
    multiple = by_id.loc["cross.income_multiple/2024"]
    assert (
        multiple["source"] == "kh54_2024:49" and "46,1 (năm 2020, Báo cáo 06 (8/2022))" in multiple["detail"]
    )
    households = by_id.loc["cross.poverty_households/2022"]
    assert households["status"] == "ok" and households["source"] == "nq2022_ocr:66"  # "411 ho nghéo"
    assert (households["printed"], households["expected"]) == (411, 409)
    assert households["where"] == "mục I – Mục tiêu và các chỉ tiêu chủ yếu, chỉ tiêu giảm nghèo"


def test_loans_totals_reconcile(results):
    loans = results[results["check"].str.startswith("loans")]
    assert len(loans) == 3 * 5 + 20  # 3 printed totals x 5 columns + the rate of each of the 20 district rows
    households = loans.set_index("check").loc["loans.total/Tổng năm 2021+2022/households"]
    assert (households["printed"], households["expected"], households["difference"]) == (1255, 1255, 0.0)
    assert households["where"] == "Phụ lục 6, dòng “Tổng năm 2021+2022”"


def test_every_district_subtotal_of_phu_bieu_02_is_checked(results):
    subtotals = results[results["check"].str.startswith("pb02.subtotal/")]
    assert len(subtotals) == 13 * 2
    assert (subtotals["status"] == "ok").all()
    hai_ha = subtotals.set_index("check").loc["pb02.subtotal/Hải Hà/advanced"]
    assert (hai_ha["printed"], hai_ha["expected"], hai_ha["source"]) == (
        "3/1/1/0/1",
        "3/1/1/0/1",
        "qd2877_2022:514",
    )


def test_a_wrong_printed_total_is_reported_not_raised():
    wrong = SMALL.replace(
        "<b>12</b>\t<b>1.000,00</b>\t<b>800,00</b>", "<b>13</b>\t<b>1.000,00</b>\t<b>800,00</b>"
    )
    corpus = Corpus({"bc06_2022": Document.from_text(wrong, "bc06_2022")})
    results = render(loan_checks(Tables(corpus)), "en", sources={}).set_index("check")
    row = results.loc["loans.total/Tổng năm 2021+2022/households"]
    assert row["status"] == "mismatch"
    assert (row["printed"], row["expected"], row["difference"]) == (13, 12, 1.0)
    assert row["detail"] == "The “Tổng năm 2021+2022” row prints 13; its 2 district rows add up to 12."
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


# The results reported after the documents, read from their quotations (data/raw/reported/*.yml):
# check -> (status, printed, expected, source, other).
REPORTED = {
    # TTXVN 17/09/2023 and Môi trường và Đô thị 28/11/2023 both print 56/98 advanced, 57,1 %
    "reported.sources/ntm_advanced_communes/province/2023": ("ok", 56, 56, "ttxvn_2023-09-17:29", "moitruongvadothi_2023-11-28:30"),
    "reported.sources/ntm_advanced_communes_share/province/2023": ("ok", 57.1, 57.1, "ttxvn_2023-09-17:36", "moitruongvadothi_2023-11-28:39"),
    # but 26/98 model communes (26,5 %) against "28 xã (28,57% xã)"
    "reported.sources/ntm_model_communes/province/2023": ("mismatch", 26, 28, "ttxvn_2023-09-17:45", "moitruongvadothi_2023-11-28:47"),
    "reported.sources/ntm_model_communes_share/province/2023": ("mismatch", 26.5, 28.57, "ttxvn_2023-09-17:52", "moitruongvadothi_2023-11-28:56"),
    "reported.sources/ntm_districts_completed/province/2023": ("ok", 13, 13, "ttxvn_2023-09-17:61", "moitruongvadothi_2023-11-28:64"),
    # 2022: "cơ bản không còn hộ nghèo" (TTXVN) against "còn 1.526 hộ nghèo" (vietnam.vn) and "258 hộ" (Thời báo Tài chính)
    "reported.sources/poor_households/province/2022/central": ("mismatch", 0, 1526, "ttxvn_2023-10-27:23", "vietnamvn_giam-ngheo:22"),
    "reported.sources/poor_households/province/2023/central": ("ok", 0, 0, "thoibaotaichinh_2024-06:22", "baodautu_2025:73"),
    "reported.sources/poor_households/province/2024/central": ("ok", 0, 0, "baodantoc_2024-10-29:48", "vietnamvn_en_nq06:30"),
    "reported.sources/ntm_communes/province/2025": ("ok", 91, 91, "dantri_2025-11-04:21", "vietnamnet_2026-01-05:21"),
    # mid-2025: "54 xã đạt chuẩn NTM nâng cao" (Dân trí, Báo Đầu tư) against "53/91" (VietNamNet)
    "reported.sources/ntm_advanced_communes/province/2025": ("mismatch", 54, 53, "dantri_2025-11-04:30", "vietnamnet_2026-01-05:29"),
    "reported.sources/ntm_advanced_communes_share/province/2025": ("ok", 59.3, 59.3, "dantri_2025-11-04:38", "baodautu_2025:39"),
    "reported.sources/ntm_model_communes/province/2025": ("ok", 25, 25, "dantri_2025-11-04:46", "vietnamnet_2026-01-05:37"),
    "reported.sources/income_per_capita/rural/2024": ("ok", 84.14, 84.14, "dantri_2025-11-04:54", "baodautu_2025:63"),
    "reported.sources/nq06_targets_met/ethnic_mountain_border_island/2025": ("ok", 21, 21, "thongtin_en_nq06:21", "vietnamvn_en_nq06:21"),
    # "nearly 84" agrees with 84,147 at the precision it is printed with
    "reported.sources/income_per_capita/ethnic_mountain_border_island/2024": ("ok", 84, 84.147, "vietnamvn_en_nq06:40", "vietnamnet_2026-01-05:53"),
    # 73,348 for 2023, as Kế hoạch 54 implies (100,0 − 26,652); but 73,348 − 29,648 = 43,7 for 2020, not 46,1
    "reported.documents/income_per_capita/ethnic_mountain_border_island/2023/baodantoc_2024-10-29": ("ok", 73.348, 73.348, "baodantoc_2024-10-29:56", "kh54_2024:49"),
    "reported.documents/income_per_capita/ethnic_mountain_border_island/2020/baodantoc_2024-10-29": ("mismatch", 43.7, 46.1, "baodantoc_2024-10-29:65", "bc06_2022:114"),
    "reported.documents/poor_households/province/2021/thoibaotaichinh_2025-09-05": ("ok", 1526, 1526, "thoibaotaichinh_2025-09-05:23", "bc06_2022:114"),
    # denominators: 65 DTTS communes in Báo cáo 06, 64 in Báo Dân tộc; 98 communes, then 91 after 1/11/2024
    "reported.denominator/ntm_advanced_communes/ethnic_mountain_border_island": ("mismatch", 64, 65, "baodantoc_2024-10-29:31", "bc06_2022:131"),
    "reported.denominator/ntm_advanced_communes/province": ("mismatch", 91, 98, "vietnamnet_2026-01-05:29", "moitruongvadothi_2023-11-28:30"),
    "reported.denominator/ntm_communes/province": ("mismatch", 91, 98, "dantri_2025-11-04:21", "ttxvn_2023-09-17:21"),
    "reported.denominator/ntm_model_communes/ethnic_mountain_border_island": ("mismatch", 64, 65, "baodantoc_2024-10-29:39", "bc06_2022:131"),
    "reported.denominator/ntm_model_communes/province": ("mismatch", 91, 98, "vietnamnet_2026-01-05:37", "ttxvn_2023-09-17:45"),
    "reported.denominator/steady": ("ok", None, None, "ttxvn_2023-09-17:21", ""),
    # one figure, two areas: 73,348 (province in Thời báo Tài chính, DTTS area in Báo Dân tộc); 84,14 (rural; DTTS)
    "reported.areas/income_per_capita/2023/73.348": ("mismatch", 73.348, None, "thoibaotaichinh_2024-06:29", ""),
    "reported.areas/income_per_capita/2024/84.14": ("mismatch", 84.14, None, "dantri_2025-11-04:54", ""),
}  # fmt: skip


def test_the_reported_results_against_each_other_and_the_documents(results):
    reported = results[results["check"].str.startswith("reported.")].set_index("check")
    found = {
        check: (r.status, None if r.printed is None or r.printed != r.printed else float(r.printed),
                None if r.expected is None or r.expected != r.expected else float(r.expected), r.source, r.other)
        for check, r in reported.iterrows()
    }  # fmt: skip
    expected = {k: (s, p if p is None else float(p), e if e is None else float(e), a, b)
                for k, (s, p, e, a, b) in REPORTED.items()}  # fmt: skip
    assert found == expected


def test_a_denominator_change_names_the_merger(results):
    row = results.set_index("check").loc["reported.denominator/ntm_communes/province"]
    assert row["detail"] == (
        "98/98 theo TTXVN (infographics.vn) (đến 17/09/2023), rồi 91/91 theo Báo Dân trí (đến 30/06/2025). "
        "Giữa hai mốc là đợt sắp xếp đơn vị hành chính từ 1/11/2024 (Nghị quyết 1199/NQ-UBTVQH15): số xã hai mốc "
        "không so trực tiếp được, bảng kết quả so theo tỷ lệ."
    )


def test_the_checks_report_156_results_32_of_them_mismatches(results):
    # 35 loans + 43 NTM tables + 37 across documents + 15 programme tables + 26 reported results
    mismatches = (results["status"] == "mismatch").sum()
    reported = sum(v[0] == "mismatch" for v in REPORTED.values())
    assert len(results) == 130 + len(REPORTED) == 156
    assert mismatches == 1 + len(CROSS_MISMATCHES) + len(PROGRAMME_MISMATCHES) + reported == 32


def test_every_check_has_its_texts_in_both_languages(corpus):
    """The same results in Vietnamese and English: same values, texts of each check in each language."""
    vi, en = (run_checks(Tables(corpus), lang).set_index("check") for lang in ("vi", "en"))
    assert list(vi.index) == list(en.index)
    for column in ("status", "kind", "printed", "expected", "source", "other"):
        assert vi[column].equals(en[column]), column
    for check in vi.index:
        assert vi.at[check, "subject"] != en.at[check, "subject"], check
        assert vi.at[check, "detail"] != en.at[check, "detail"], check
    keys = {result.key for result in all_results(Tables(corpus))}
    assert len(keys) == 40 and keys | set(UNEXERCISED) == CHECK_KEYS  # the others: the test below


CHECK_KEYS = {
    k[len("checks.") : -len("_subject")]
    for k in TEMPLATES
    if k.startswith("checks.") and k.endswith("_subject")
}
# Checks the five documents never trigger, with the values each would carry when one fails.
UNEXERCISED = {
    "pb02_vs_pb01": (
        "Đã đạt chuẩn",
        None,
        {
            "level": "model",
            "commune": "Bình Dân",
            "district": "Vân Đồn",
            "achieved": True,
            "planned": None,
            "year": None,
        },
    ),
    "pb01_rows_vs_notes": (3, 4, {"level": "advanced", "year": 2019}),
    "named_2022_count": (4, 3, {"level": "advanced", "names": ["Quảng Nghĩa", "Cái Chiên", "Hoàng Tân"]}),
    "numbering_skipped": (None, None, {"table": "pl4", "issuer": "", "numbers": [12, 13]}),
    "repeated_none": (None, None, {"rows": 82}),
}


@pytest.mark.parametrize("key", sorted(UNEXERCISED))
def test_checks_the_documents_never_trigger_have_their_texts_too(key):
    from qnlib.checks.base import CheckResult

    printed, expected, values = UNEXERCISED[key]
    result = CheckResult(
        f"test/{key}", "mismatch", "figure", printed, expected, "qd2877_2022:470", key, values
    )
    vi, en = (render([result], lang).iloc[0] for lang in ("vi", "en"))
    for column in ("subject", "where", "detail"):
        assert vi[column] and en[column] and (vi[column] != en[column] or column == "where"), column
        assert foreign_words(vi[column], "vi") == [] and foreign_words(en[column], "en") == [], column


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_check_speaks_its_readers_language(corpus, lang):
    frame = run_checks(Tables(corpus), lang)
    foreign = {
        row.check: found
        for row in frame.itertuples()
        if (found := foreign_words(f"{row.subject} · {row.document} · {row.where} · {row.detail}", lang))
    }
    assert foreign == {}


def _fields(results) -> list[tuple]:
    return [
        (r.check, r.status, r.printed, r.expected, r.source, r.key, dict(r.values), r.other) for r in results
    ]


def test_every_loans_check_of_a_small_table_in_full():
    """Every field of every result, for a table whose rates are not 100 (SMALL: 500 ÷ 600,5 = 83,26 %,
    300 ÷ 399,5 = 75,09 %, 800 ÷ 1.000 = 80,00 %; the totals print 1.000,00 | 12 | 1.000,00 | 800,00 | 80,00)."""
    corpus = Corpus({"bc06_2022": Document.from_text(SMALL, "bc06_2022")})
    tables = Tables(corpus)
    rates = [
        ("loans.rate/2021/Hạ Long", "ok", 83.26, 83.26, "bc06_2022:14", "loans_rate", {"district": "Hạ Long", "year": 2021, "unit": "%"}, ""),
        ("loans.rate/2021/Đông Triều", "ok", 75.09, 75.09, "bc06_2022:18", "loans_rate", {"district": "Đông Triều", "year": 2021, "unit": "%"}, ""),
    ]  # fmt: skip
    assert _fields(loans.loan_rates(tables)) == rates
    totals = []
    for label, line, other in (
        ("Tổng năm 2021+2022", 12, "bc06_2022:14-18"),
        ("NĂM 2021", 13, "bc06_2022:14-18"),
    ):
        for column, printed in (("planned_mvnd", 1000.0), ("households", 12), ("lent_mvnd", 1000.0),
                                ("disbursed_mvnd", 800.0)):  # fmt: skip
            totals.append((f"loans.total/{label}/{column}", "ok", printed, printed, f"bc06_2022:{line}", "loans_total",
                           {"label": label, "column": column, "rows": 2}, other))  # fmt: skip
        totals.append((f"loans.total/{label}/disbursement_rate_pct", "ok", 80.0, 80.0, f"bc06_2022:{line}",
                       "loans_total_rate", {"label": label, "unit": "%"}, f"bc06_2022:{line}"))  # fmt: skip
    assert _fields(loans.loan_totals(tables)) == totals


def test_phu_bieu_02_against_phu_bieu_01_in_full(corpus):
    """The documents agree (so the check's mismatch branch never runs on them): make them disagree
    twice, as a slip in Phụ biểu 01 would, and pin every field of both findings.
    Hiệp Hòa (Phụ biểu 01, line 251): PB02 plans it model NTM in 2024 (line 1685); give it a model
    year, 2021, on line 254. Thượng Yên Công (line 314): PB02 marks it "Đã đạt chuẩn" model (line 1794);
    blank its model year 2020 on line 317."""
    lines = list(corpus["qd2877_2022"].lines)
    assert (lines[251 - 1], lines[254 - 1]) == ("\tXã Hiệp Hòa", "\t\xa0")
    assert (lines[314 - 1], lines[317 - 1]) == ("\tXã Thượng Yên Công", "\t2020")
    lines[254 - 1], lines[317 - 1] = "\t2021", "\t\xa0"
    document = corpus["qd2877_2022"]
    edited = Corpus({"qd2877_2022": Document(document.source, "\n".join(lines), document.path)})
    found = _fields(ntm.pb02_vs_pb01(Tables(edited)))
    assert found == [
        ("pb02.vs_pb01/advanced", "ok", None, None, "qd2877_2022:228", "pb02_vs_pb01_all",
         {"level": "advanced", "communes": 27}, ""),
        ("pb02.vs_pb01/model/Hiệp Hòa", "mismatch", "2024", "2021", "qd2877_2022:228", "pb02_vs_pb01",
         {"level": "model", "commune": "Hiệp Hòa", "district": "Quảng Yên", "achieved": False, "planned": 2024,
          "year": 2021}, ""),
        ("pb02.vs_pb01/model/Thượng Yên Công", "mismatch", "Đã đạt chuẩn", None, "qd2877_2022:228", "pb02_vs_pb01",
         {"level": "model", "commune": "Thượng Yên Công", "district": "Uông Bí", "achieved": True, "planned": None,
          "year": None}, ""),
    ]  # fmt: skip
