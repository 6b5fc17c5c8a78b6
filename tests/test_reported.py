"""Results reported after the documents (qnlib.reported and the dataset ``reported``).

The expected rows were read off each article's quotation by hand (data/raw/reported/*.yml): the
number printed in the quote, its denominator when it prints "k/n", a hedge ("cơ bản", "ước",
"nearly", "trên") as the comparator, and the poverty standard the quote names.
"""

from pathlib import Path

import pandas as pd
import pytest

import qnlib
from qnlib.errors import ParseError
from qnlib.reported import citations, read_article
from qnlib.sources import Document, Source

# source, line of the quotation, indicator, area, period, value, of, unit, comparator, standard
# fmt: off
EXPECTED = [
    ("daidoanket_2023-02-08", 22, "ntm_province_contents_met", "province", "2023-02-08", 7.0, 8.0, "contents", 'about', None),
    ("ttxvn_2023-09-17", 21, "ntm_communes", "province", "2023-09-17", 98.0, 98.0, "communes", None, None),
    ("ttxvn_2023-09-17", 29, "ntm_advanced_communes", "province", "2023-09-17", 56.0, 98.0, "communes", None, None),
    ("ttxvn_2023-09-17", 36, "ntm_advanced_communes_share", "province", "2023-09-17", 57.1, None, "% of communes", None, None),
    ("ttxvn_2023-09-17", 45, "ntm_model_communes", "province", "2023-09-17", 26.0, 98.0, "communes", None, None),
    ("ttxvn_2023-09-17", 52, "ntm_model_communes_share", "province", "2023-09-17", 26.5, None, "% of communes", None, None),
    ("ttxvn_2023-09-17", 61, "ntm_districts_completed", "province", "2023-09-17", 13.0, 13.0, "districts", None, None),
    ("ttxvn_2023-10-27", 23, "poor_households", "province", "2022", 0.0, None, "households", 'about', 'central'),
    ("baohaiduong_2023-11-24", 23, "grdp_growth", "province", "2023", 11.02, None, "% on previous year", 'about', None),
    ("baohaiduong_2023-11-24", 33, "grdp_per_capita", "province", "2023", 9400.0, None, "USD/person", '>', None),
    ("moitruongvadothi_2023-11-28", 22, "ntm_communes_share", "province", "2023", 100.0, None, "% of communes", None, None),
    ("moitruongvadothi_2023-11-28", 30, "ntm_advanced_communes", "province", "2023", 56.0, 98.0, "communes", None, None),
    ("moitruongvadothi_2023-11-28", 39, "ntm_advanced_communes_share", "province", "2023", 57.1, None, "% of communes", None, None),
    ("moitruongvadothi_2023-11-28", 47, "ntm_model_communes", "province", "2023", 28.0, None, "communes", None, None),
    ("moitruongvadothi_2023-11-28", 56, "ntm_model_communes_share", "province", "2023", 28.57, None, "% of communes", None, None),
    ("moitruongvadothi_2023-11-28", 64, "ntm_districts_completed", "province", "2023", 13.0, 13.0, "districts", None, None),
    ("moitruongvadothi_2023-11-28", 72, "ntm_districts_recognised", "province", "2023", 11.0, 13.0, "districts", None, None),
    ("moitruongvadothi_2023-11-28", 81, "ntm_advanced_districts", "province", "2023", 4.0, 7.0, "districts", 'about', None),
    ("moitruongvadothi_2023-11-28", 90, "ntm_communes", "ethnic_mountain_border_island", "2023", 64.0, 64.0, "communes", None, None),
    ("vietnamvn_p11555", 23, "poor_households", "province", "2022", 0.0, None, "households", 'about', 'central'),
    ("vietnamvn_p11555", 32, "poor_households", "province", "2023-01-01", 246.0, None, "households", None, 'provincial'),
    ("vietnamvn_p11555", 41, "poverty_rate", "province", "2023-01-01", 0.064, None, "% of households", None, 'provincial'),
    ("vietnamvn_p11555", 50, "near_poor_households", "province", "2023-01-01", 3066.0, None, "households", None, 'provincial'),
    ("vietnamvn_p11555", 59, "near_poverty_rate", "province", "2023-01-01", 0.797, None, "% of households", None, 'provincial'),
    ("vietnamvn_giam-ngheo", 22, "poor_households", "province", "2022", 1526.0, None, "households", None, 'unstated'),
    ("vietnamvn_giam-ngheo", 32, "poverty_rate", "province", "2022", 0.41, None, "% of households", None, 'unstated'),
    ("vietnamvn_giam-ngheo", 41, "near_poor_households", "province", "2022", 5553.0, None, "households", None, 'unstated'),
    ("vietnamvn_giam-ngheo", 50, "near_poverty_rate", "province", "2022", 1.48, None, "% of households", None, 'unstated'),
    ("thoibaotaichinh_2024-06", 22, "poor_households", "province", "2023", 0.0, None, "households", None, 'central'),
    ("thoibaotaichinh_2024-06", 29, "income_per_capita", "province", "2023", 73.348, None, "million VND/person/year", None, None),
    ("thoibaotaichinh_2024-06", 38, "income_multiple_vs_2020", "province", "2023", 1.7, None, "times the 2020 value", None, None),
    ("thoibaotaichinh_2024-06", 47, "income_per_capita", "province", "2020", 43.145882, None, "million VND/person/year", None, None),
    ("baodantoc_2024-10-29", 22, "ntm_communes", "ethnic_mountain_border_island", "2021", 64.0, 64.0, "communes", None, None),
    ("baodantoc_2024-10-29", 31, "ntm_advanced_communes", "ethnic_mountain_border_island", "2022", 27.0, 64.0, "communes", None, None),
    ("baodantoc_2024-10-29", 39, "ntm_model_communes", "ethnic_mountain_border_island", "2022", 10.0, 64.0, "communes", None, None),
    ("baodantoc_2024-10-29", 48, "poor_households", "province", "2024-10-29", 0.0, None, "households", None, 'central'),
    ("baodantoc_2024-10-29", 56, "income_per_capita", "ethnic_mountain_border_island", "2023", 73.348, None, "million VND/person/year", None, None),
    ("baodantoc_2024-10-29", 65, "income_per_capita", "ethnic_mountain_border_island", "2020", 43.7, None, "million VND/person/year", None, None),
    ("cafef_2025-02", 22, "grdp_per_capita", "province", "2024", 10272.0, None, "USD/person", 'about', None),
    ("cafef_2025-02", 31, "grdp_growth", "province", "2024", 8.42, None, "% on previous year", None, None),
    ("thoibaotaichinh_2025-09-05", 23, "poor_households", "province", "2021-01-01", 1526.0, None, "households", None, 'unstated'),
    ("thoibaotaichinh_2025-09-05", 32, "poverty_rate", "province", "2021-01-01", 0.41, None, "% of population", None, 'unstated'),
    ("thoibaotaichinh_2025-09-05", 42, "poor_households", "province", "2022", 258.0, None, "households", None, 'unstated'),
    ("thoibaotaichinh_2025-09-05", 51, "poverty_rate", "province", "2022", 0.067, None, "%", None, 'unstated'),
    ("thoibaotaichinh_2025-09-05", 61, "poor_households", "province", "2023", 0.0, None, "households", None, 'unstated'),
    ("vietnamplus_2025-09-24", 22, "grdp_growth", "province", "2025", 10.4, None, "% per year (average 2021–2025)", 'about', None),
    ("dantri_2025-11-04", 21, "ntm_communes", "province", "2025-06", 91.0, 91.0, "communes", None, None),
    ("dantri_2025-11-04", 30, "ntm_advanced_communes", "province", "2025-06", 54.0, None, "communes", None, None),
    ("dantri_2025-11-04", 38, "ntm_advanced_communes_share", "province", "2025-06", 59.3, None, "% of communes", None, None),
    ("dantri_2025-11-04", 46, "ntm_model_communes", "province", "2025-06", 25.0, None, "communes", None, None),
    ("dantri_2025-11-04", 54, "income_per_capita", "rural", "2024", 84.14, None, "million VND/person/year", None, None),
    ("dantri_2025-11-04", 64, "poor_households", "province", "2023", 0.0, None, "households", None, 'unstated'),
    ("baodautu_2025", 22, "ntm_communes", "province", "2025", 91.0, 91.0, "communes", None, None),
    ("baodautu_2025", 31, "ntm_advanced_communes", "province", "2025", 54.0, 91.0, "communes", None, None),
    ("baodautu_2025", 39, "ntm_advanced_communes_share", "province", "2025", 59.3, None, "% of communes", None, None),
    ("baodautu_2025", 47, "ntm_model_communes", "province", "2025", 25.0, 91.0, "communes", None, None),
    ("baodautu_2025", 55, "ntm_advanced_districts", "province", "2025", 5.0, 7.0, "districts", None, None),
    ("baodautu_2025", 63, "income_per_capita", "rural", "2024", 84.14, None, "million VND/person/year", None, None),
    ("baodautu_2025", 73, "poor_households", "province", "2023", 0.0, None, "households", None, 'unstated'),
    ("thongtin_en_nq06", 21, "nq06_targets_met", "ethnic_mountain_border_island", "2025", 21.0, 25.0, "targets", None, None),
    ("vietnamvn_en_nq06", 21, "nq06_targets_met", "ethnic_mountain_border_island", "2025", 21.0, 25.0, "targets", None, None),
    ("vietnamvn_en_nq06", 30, "poor_households", "province", "2024", 0.0, None, "households", None, 'central'),
    ("vietnamvn_en_nq06", 40, "income_per_capita", "ethnic_mountain_border_island", "2024", 84.0, None, "million VND/person/year", 'about', None),
    ("vietnamnet_2026-01-05", 21, "ntm_communes", "province", "2025-06-30", 91.0, 91.0, "communes", None, None),
    ("vietnamnet_2026-01-05", 29, "ntm_advanced_communes", "province", "2025-06-30", 53.0, 91.0, "communes", None, None),
    ("vietnamnet_2026-01-05", 37, "ntm_model_communes", "province", "2025-06-30", 25.0, 91.0, "communes", None, None),
    ("vietnamnet_2026-01-05", 45, "ntm_districts_completed", "province", "2025-06-30", 13.0, 13.0, "districts", None, None),
    ("vietnamnet_2026-01-05", 53, "income_per_capita", "ethnic_mountain_border_island", "2024", 84.147, None, "million VND/person/year", None, None),
    ("thoibaotaichinh_2026-01-08", 22, "grdp_per_capita", "province", "2025", 10402.0, None, "USD/person", None, None),
    ("thoibaotaichinh_2026-01-08", 31, "grdp_growth", "province", "2025", 11.89, None, "% on previous year", None, None),
]
# fmt: on
COLUMNS = ["source", "line", "indicator", "area", "period", "value", "of", "unit", "comparator", "standard"]


@pytest.fixture(scope="module")
def reported():
    return qnlib.load("reported")


def test_every_reported_figure_is_what_its_quotation_says(reported):
    expected = pd.DataFrame(EXPECTED, columns=COLUMNS, dtype=object)
    rows = [
        (source, int(line), indicator, area, period, round(float(value), 6), None if of != of else float(of), unit,
         comparator if isinstance(comparator, str) else None, standard if isinstance(standard, str) else None)
        for source, line, indicator, area, period, value, of, unit, comparator, standard in reported[COLUMNS].itertuples(index=False)
    ]  # fmt: skip
    found = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)


def test_every_row_is_cited_with_url_publisher_date_and_a_short_quote(reported):
    assert len(reported) == 70 and reported["source"].nunique() == 18
    assert reported["url"].str.match(r"^https?://").all()
    assert reported["publisher"].str.len().gt(0).all()
    assert reported["published"].str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all()
    assert set(reported["source_kind"]) <= {"official", "state", "press"}
    assert reported["quote"].str.split().str.len().le(30).all()
    for quote, printed, formula in zip(
        reported["quote"], reported["printed"], reported["formula"], strict=True
    ):
        if isinstance(formula, str):
            continue  # a figure the article implies: the numbers of its formula are in the quote
        assert str(printed) in quote


ARTICLE = """\
id: test_2025
url: https://example.org/a
publisher: Báo Thử
kind: press
published: "2025-07-01"
published_from: page
language: vi
figures:
  - indicator: ntm_communes
    area: province
    period: "2025-06-30"
    period_from: printed
    value: {value}
    number: "{number}"
    unit: communes
    quote: "Đến 30/6/2025 tỉnh có 91/91 xã đạt chuẩn nông thôn mới"
"""


def _document(text: str) -> Document:
    source = Source("test_2025", "test.yml", "", "test_2025", "test_2025", "test_2025", "", "", "", "text")
    return Document(source, text, Path("data/raw/reported/test.yml"))


def test_an_article_read_by_hand():
    (figure,) = read_article(_document(ARTICLE.format(value=91, number="91/91")), "test_2025")
    assert (figure.indicator, figure.value, figure.of, figure.line) == ("ntm_communes", 91.0, 91.0, 16)


@pytest.mark.parametrize(("value", "number"), [(92, "91/91"), (91, "92/91"), (91, "91/98")])
def test_a_number_not_in_its_quotation_stops_the_build_with_file_and_line(value, number):
    with pytest.raises(ParseError) as caught:
        read_article(_document(ARTICLE.format(value=value, number=number)), "test_2025")
    message = str(caught.value)
    assert message.startswith("data/raw/reported/test.yml, line 16: ") and "\n" not in message


def test_a_long_quotation_is_refused():
    long = ARTICLE.format(value=91, number="91/91").replace("nông thôn mới", "nông thôn mới " + "rất " * 30)
    with pytest.raises(ParseError, match="words"):
        read_article(_document(long), "test_2025")


def test_citations_name_each_article_once_in_order_of_use(reported):
    rows = pd.DataFrame({"source": ["vietnamnet_2026-01-05", "bc06_2022", "vietnamnet_2026-01-05", "dantri_2025-11-04"],
                         "line": [29, 313, 29, 30]})  # fmt: skip
    assert [(c["source"], c["line"], c["publisher"], c["published"]) for c in citations(rows, reported)] == [
        ("vietnamnet_2026-01-05", "29", "VietNamNet", "2026-01-05"),
        ("dantri_2025-11-04", "30", "Báo Dân trí", "2025-11-04"),
    ]
    assert citations(rows, None) == []


def test_a_citation_as_the_reader_reads_it():
    from qnlib.words import citation_text

    citation = {"publisher": "VietNamNet", "published": "2026-01-05", "url": "https://vietnamnet.vn/a",
                "quote": "53/91 xã đạt chuẩn nông thôn mới nâng cao", "source": "s", "line": "29"}  # fmt: skip
    assert citation_text(citation, "vi") == (
        "VietNamNet, 05/01/2026: “53/91 xã đạt chuẩn nông thôn mới nâng cao” – https://vietnamnet.vn/a"
    )
    assert citation_text(citation, "en").startswith("VietNamNet, 5 January 2026: “53/91 xã")
