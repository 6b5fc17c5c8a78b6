"""Phụ biểu 01–03 of Quyết định 2877. Expected rows were typed while reading the document."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qnlib.datasets.ntm import level_of, parse_pb01, parse_pb02, parse_pb03
from qnlib.errors import ParseError, UnknownPlaceError

NA = None
SOURCE = "qd2877_2022"

# Phụ biểu 01 as printed (lines 228–470): number, district, commune, NTM, advanced, model, line of the name.
PB01 = [
    (NA, "Vân Đồn", "Bản Sen", 2018, NA, NA, 228),  # the copy starts here, mid-table
    (73, "Quảng Yên", "Cẩm La", 2019, NA, NA, 243),
    (74, "Quảng Yên", "Hiệp Hòa", 2018, 2020, NA, 251),
    (75, "Quảng Yên", "Hoàng Tân", 2015, NA, NA, 259),
    (76, "Quảng Yên", "Liên Hòa", 2018, NA, NA, 267),
    (77, "Quảng Yên", "Sông Khoai", 2018, NA, NA, 275),
    (78, "Quảng Yên", "Tiền An", 2017, 2020, NA, 283),
    (79, "Quảng Yên", "Tiền Phong", 2019, NA, NA, 291),
    (80, "Quảng Yên", "Liên Vị", 2019, NA, NA, 299),
    (81, "Uông Bí", "Thượng Yên Công", 2014, 2020, 2020, 314),
    (82, "Đông Triều", "Bình Dương", 2013, 2019, 2021, 329),
    (83, "Đông Triều", "Nguyễn Huệ", 2013, 2019, NA, 337),
    (84, "Đông Triều", "Thủy An", 2014, 2019, 2021, 345),
    (85, "Đông Triều", "Việt Dân", 2013, 2018, 2019, 353),
    (86, "Đông Triều", "An Sinh", 2014, 2019, 2020, 361),
    (87, "Đông Triều", "Tân Việt", 2014, 2019, 2020, 369),
    (88, "Đông Triều", "Bình Khê", 2013, 2019, 2020, 377),
    (89, "Đông Triều", "Tràng Lương", 2015, 2020, NA, 385),
    (90, "Đông Triều", "Hồng Thái Đông", 2014, 2020, NA, 393),  # printed "Xã H. Thái Đông"
    (91, "Đông Triều", "Yên Đức", 2014, 2019, 2020, 401),
    (92, "Đông Triều", "Hồng Thái Tây", 2015, 2020, NA, 409),
    (93, "Bình Liêu", "Đồng Văn", 2020, NA, NA, 424),
    (94, "Bình Liêu", "Hoành Mô", 2018, 2021, NA, 432),
    (95, "Bình Liêu", "Đồng Tâm", 2021, NA, NA, 440),
    (96, "Bình Liêu", "Lục Hồn", 2020, NA, NA, 448),
    (97, "Bình Liêu", "Vô Ngại", 2020, NA, NA, 456),
    (98, "Bình Liêu", "Húc Động", 2019, NA, NA, 464),
]

# The notes under the table (lines 480–488): year, level, communes.
YEARLY = [
    (2013, "ntm", 4, 480), (2014, "ntm", 8, 481), (2015, "ntm", 6, 482), (2016, "ntm", 10, 483),
    (2017, "ntm", 14, 484), (2018, "ntm", 22, 485), (2018, "advanced", 1, 485),
    (2019, "ntm", 17, 486), (2019, "advanced", 11, 486), (2019, "model", 1, 486),
    (2020, "ntm", 11, 487), (2020, "advanced", 23, 487), (2020, "model", 11, 487),
    (2021, "ntm", 6, 488), (2021, "advanced", 9, 488), (2021, "model", 8, 488),
]  # fmt: skip

# Phụ biểu 02: number, district, commune, line of the name, advanced, model.
# "A" = Đã đạt chuẩn (achieved), a year = planned year, None = no mark.
PB02 = [
    (1, "Hải Hà", "Quảng Long", 528, "A", 2022), (2, "Hải Hà", "Quảng Minh", 542, 2023, 2024),
    (3, "Hải Hà", "Quảng Chính", 556, "A", "A"), (4, "Hải Hà", "Quảng Phong", 570, None, None),
    (5, "Hải Hà", "Quảng Thành", 584, "A", "A"), (6, "Hải Hà", "Đường Hoa", 598, 2025, None),
    (7, "Hải Hà", "Quảng Thịnh", 612, None, None), (8, "Hải Hà", "Cái Chiên", 626, 2022, None),
    (9, "Hải Hà", "Quảng Đức", 640, None, None), (10, "Hải Hà", "Quảng Sơn", 654, None, None),
    (11, "Đầm Hà", "Đại Bình", 682, 2023, None), (12, "Đầm Hà", "Dực Yên", 696, "A", None),
    (13, "Đầm Hà", "Quảng Tân", 710, "A", None), (14, "Đầm Hà", "Quảng An", 724, None, None),
    (15, "Đầm Hà", "Quảng Lâm", 738, None, None), (16, "Đầm Hà", "Đầm Hà", 752, "A", "A"),
    (17, "Đầm Hà", "Tân Bình", 766, "A", 2023), (18, "Đầm Hà", "Tân Lập", 780, "A", None),
    (19, "Hạ Long", "Lê Lợi", 808, 2022, None), (20, "Hạ Long", "Thống Nhất", 822, 2022, None),
    (21, "Hạ Long", "Sơn Dương", 836, "A", None), (22, "Hạ Long", "Dân Chủ", 850, "A", 2023),
    (23, "Hạ Long", "Quảng La", 864, 2023, None), (24, "Hạ Long", "Bằng Cả", 878, None, None),
    (25, "Hạ Long", "Tân Dân", 892, None, None), (26, "Hạ Long", "Vũ Oai", 906, 2024, None),
    (27, "Hạ Long", "Hòa Bình", 920, None, None), (28, "Hạ Long", "Đồng Lâm", 934, None, None),
    (29, "Hạ Long", "Đồng Sơn", 948, None, None), (30, "Hạ Long", "Kỳ Thượng", 962, None, None),
    (31, "Cô Tô", "Thanh Lân", 990, "A", None), (32, "Cô Tô", "Đồng Tiến", 1004, "A", 2023),
    (33, "Móng Cái", "Quảng Nghĩa", 1032, 2022, None), (34, "Móng Cái", "Vạn Ninh", 1046, "A", "A"),
    (35, "Móng Cái", "Hải Sơn", 1060, 2024, None), (36, "Móng Cái", "Bắc Sơn", 1074, "A", "A"),
    (37, "Móng Cái", "Vĩnh Trung", 1088, None, None), (38, "Móng Cái", "Vĩnh Thực", 1102, None, None),
    (39, "Móng Cái", "Hải Tiến", 1116, None, None), (40, "Móng Cái", "Hải Đông", 1130, 2024, 2025),
    (41, "Móng Cái", "Hải Xuân", 1144, "A", 2024),
    (42, "Tiên Yên", "Đồng Rui", 1172, "A", "A"), (43, "Tiên Yên", "Đông Ngũ", 1186, "A", "A"),
    (44, "Tiên Yên", "Hải Lạng", 1200, "A", None), (45, "Tiên Yên", "Tiên Lãng", 1214, "A", "A"),
    (46, "Tiên Yên", "Đông Hải", 1228, "A", "A"), (47, "Tiên Yên", "Yên Than", 1242, "A", "A"),
    (48, "Tiên Yên", "Điền Xá", 1256, "A", None), (49, "Tiên Yên", "Phong Dụ", 1270, "A", None),
    (50, "Tiên Yên", "Hà Lâu", 1284, None, None), (51, "Tiên Yên", "Đại Dực", 1298, None, None),
    (52, "Ba Chẽ", "Lương Mông", 1326, "A", None), (53, "Ba Chẽ", "Minh Cầm", 1340, 2023, None),
    (54, "Ba Chẽ", "Đạp Thanh", 1354, None, None), (55, "Ba Chẽ", "Thanh Lâm", 1368, 2024, None),
    (56, "Ba Chẽ", "Thanh Sơn", 1382, None, None), (57, "Ba Chẽ", "Nam Sơn", 1396, None, None),
    (58, "Ba Chẽ", "Đồn Đạc", 1410, None, None),
    (59, "Cẩm Phả", "Cẩm Hải", 1438, "A", "A"), (60, "Cẩm Phả", "Cộng Hòa", 1452, "A", "A"),
    (61, "Cẩm Phả", "Dương Huy", 1466, "A", "A"),
    (62, "Vân Đồn", "Hạ Long", 1494, None, None), (63, "Vân Đồn", "Đông Xá", 1508, 2022, None),
    (64, "Vân Đồn", "Vạn Yên", 1522, 2025, None), (65, "Vân Đồn", "Đoàn Kết", 1536, 2022, None),
    (66, "Vân Đồn", "Bình Dân", 1550, None, None), (67, "Vân Đồn", "Đài Xuyên", 1564, None, None),
    (68, "Vân Đồn", "Quan Lạn", 1578, "A", 2023), (69, "Vân Đồn", "Minh Châu", 1592, "A", 2022),
    (70, "Vân Đồn", "Thắng Lợi", 1606, None, None), (71, "Vân Đồn", "Ngọc Vừng", 1620, 2023, None),
    (72, "Vân Đồn", "Bản Sen", 1634, None, None),
    (73, "Quảng Yên", "Cẩm La", 1662, None, None), (74, "Quảng Yên", "Hiệp Hòa", 1676, "A", 2024),
    (75, "Quảng Yên", "Hoàng Tân", 1690, 2022, None), (76, "Quảng Yên", "Liên Hòa", 1704, 2024, None),
    (77, "Quảng Yên", "Sông Khoai", 1718, 2023, None), (78, "Quảng Yên", "Tiền An", 1732, "A", 2022),
    (79, "Quảng Yên", "Tiền Phong", 1746, None, None), (80, "Quảng Yên", "Liên Vị", 1760, None, None),
    (81, "Uông Bí", "Thượng Yên Công", 1788, "A", "A"),
    (82, "Đông Triều", "Bình Dương", 1816, "A", "A"), (83, "Đông Triều", "Nguyễn Huệ", 1830, "A", 2022),
    (84, "Đông Triều", "Thủy An", 1844, "A", "A"), (85, "Đông Triều", "Việt Dân", 1858, "A", "A"),
    (86, "Đông Triều", "An Sinh", 1872, "A", "A"), (87, "Đông Triều", "Tân Việt", 1886, "A", "A"),
    (88, "Đông Triều", "Bình Khê", 1900, "A", "A"), (89, "Đông Triều", "Tràng Lương", 1914, "A", None),
    (90, "Đông Triều", "Hồng Thái Đông", 1928, "A", 2022), (91, "Đông Triều", "Yên Đức", 1942, "A", "A"),
    (92, "Đông Triều", "Hồng Thái Tây", 1956, "A", None),
    (93, "Bình Liêu", "Đồng Văn", 1984, None, None), (94, "Bình Liêu", "Hoành Mô", 1998, "A", None),
    (95, "Bình Liêu", "Đồng Tâm", 2012, 2024, None), (96, "Bình Liêu", "Lục Hồn", 2026, None, None),
    (97, "Bình Liêu", "Vô Ngại", 2040, None, None), (98, "Bình Liêu", "Húc Động", 2054, 2023, None),
]  # fmt: skip

# Phụ biểu 03: district, GSO code, line of the name, NTM ("A"/year/None), advanced.
PB03 = [
    ("Hải Hà", "201", 2113, "A", 2025), ("Đầm Hà", "200", 2127, "A", 2022),
    ("Hạ Long", "193", 2141, 2022, None), ("Cô Tô", "207", 2155, "A", 2024),
    ("Móng Cái", "194", 2169, "A", None), ("Tiên Yên", "199", 2183, "A", 2022),
    ("Ba Chẽ", "202", 2197, 2022, None), ("Cẩm Phả", "195", 2211, "A", None),
    ("Vân Đồn", "203", 2225, 2022, 2023), ("Quảng Yên", "206", 2239, "A", None),
    ("Uông Bí", "196", 2253, "A", None), ("Đông Triều", "205", 2267, "A", None),
    ("Bình Liêu", "198", 2281, 2022, None),
]  # fmt: skip


def mark_rows(name_line: int, marks: dict[str, object], first_group: int = 0) -> list[dict]:
    """Rows for the marked levels of one unit. Each cell sits on its own line after the name:
    group g (0 or 1) has 'Đã đạt chuẩn' at name+1+5g and years 2022..2025 after it."""
    rows = []
    for group, (level, mark) in enumerate(marks.items(), start=first_group):
        if mark is None:
            continue
        offset = 0 if mark == "A" else mark - 2021
        line = name_line + 1 + 5 * group + offset
        rows.append(
            {
                "level": level,
                "achieved": mark == "A",
                "year": None if mark == "A" else mark,
                "line": line,
            }
        )
    return rows


def test_pb01_communes(corpus):
    result = parse_pb01(corpus[SOURCE].lines, SOURCE)
    expected = pd.DataFrame(
        PB01,
        columns=[
            "commune_no",
            "district",
            "commune",
            "year_ntm",
            "year_advanced",
            "year_model",
            "line",
        ],
    )
    for column in ("commune_no", "year_ntm", "year_advanced", "year_model"):
        expected[column] = expected[column].astype("Int64")
    frame = result.communes.drop(columns=["commune_code", "source"])
    assert_frame_equal(frame, expected, check_dtype=False)
    assert frame["commune_no"].dtype == "Int64"
    assert (result.communes["source"] == SOURCE).all()
    assert not result.complete
    assert list(result.notes) == [  # every note, whole: a commune read without its district row adds one
        "Phụ biểu 01 is incomplete in this copy: its heading and header are missing and it starts part-way "
        "through the table, at line 228 (Xã Bản Sen | 2018). Only the rows present are loaded; column order "
        "assumed: commune_no, local_no, commune, ntm, advanced, model, note.",
        "Bản Sen (line 228) comes before any district row in this copy; its district (Vân Đồn) is taken from "
        "the places registry and its row number is unknown.",
    ]
    assert result.total == {"ntm": 98, "advanced": 44, "model": 21}
    assert result.total_line == 470


def test_pb01_commune_codes(corpus):
    codes = parse_pb01(corpus[SOURCE].lines).communes.set_index("commune")["commune_code"]
    assert codes["Hồng Thái Đông"] == "07111"
    assert codes["Bản Sen"] == "07018"
    assert pd.isna(codes["Tân Việt"])  # merged into Việt Dân in 2024


def test_pb01_yearly_notes(corpus):
    yearly = parse_pb01(corpus[SOURCE].lines, SOURCE).yearly
    expected = pd.DataFrame(YEARLY, columns=["year", "level", "communes", "line"])
    assert_frame_equal(yearly.drop(columns="source"), expected, check_dtype=False)


def test_pb02_plan(corpus):
    frame, table = parse_pb02(corpus[SOURCE].lines, SOURCE)
    rows = []
    for number, district, commune, name_line, advanced, model in PB02:
        for mark in mark_rows(name_line, {"advanced": advanced, "model": model}):
            rows.append({"commune_no": number, "district": district, "commune": commune, **mark})
    expected = pd.DataFrame(rows)[["commune_no", "district", "commune", "level", "achieved", "year", "line"]]
    expected["year"] = expected["year"].astype("Int64")
    assert_frame_equal(frame.drop(columns=["commune_code", "source"]), expected, check_dtype=False)
    assert len(frame) == 100
    assert {u.number for u in table.units} == set(range(1, 99))  # every commune row is read, marked or not
    assert table.total.counts[("advanced", None)] == 44 and table.total.line == 2068
    assert table.group_totals == {"advanced": ("66", 2083), "model": ("34", 2084)}
    hai_ha = table.subtotals[0]
    assert hai_ha.label == "Huyện Hải Hà" and hai_ha.line == 514
    assert [hai_ha.counts[("advanced", y)] for y in (None, 2022, 2023, 2024, 2025)] == [
        3,
        1,
        1,
        0,
        1,
    ]


def test_pb03_district_plan(corpus):
    frame, table = parse_pb03(corpus[SOURCE].lines, SOURCE)
    rows = []
    for district, code, name_line, ntm, advanced in PB03:
        for mark in mark_rows(name_line, {"ntm": ntm, "advanced": advanced}):
            rows.append({"district": district, "district_code": code, **mark})
    expected = pd.DataFrame(rows)[["district", "district_code", "level", "achieved", "year", "line"]]
    expected["year"] = expected["year"].astype("Int64")
    assert_frame_equal(frame.drop(columns="source"), expected, check_dtype=False)
    assert table.group_totals["advanced"] == ("5/7 huyện", 2311)


# ------------------------------------------------------------------ small fixtures


def cells(*values: str) -> str:
    return "".join("\t" + (v or "\u00a0") + "\n" for v in values) + "\n"


YEARS = ("Đã đạt chuẩn", "2022", "2023", "2024", "2025")
GROUPS = ("Lộ trình xã đạt chuẩn nông thôn mới nâng cao", "Lộ trình xã đạt chuẩn nông thôn mới Kiểu mẫu")
HEADER_02 = cells("TT", "Tên đơn vị", *GROUPS, "Ghi chú") + cells("", "", *YEARS, *YEARS, "")
EMPTY5 = ("",) * 5


def small_pb02(rows: str) -> list[str]:
    return ("PHỤ BIỂU: 02\nKẾ HOẠCH …\n" + HEADER_02 + rows + "Ghi chú: …\n").split("\n")


ROWS_02 = (
    cells("I", "TX Đông Triều", "1", "", "", "", "", "", "1", "", "", "", "")
    + cells("1", "Xã H. Thái Đông", "1", "", "", "", "", "", "1", "", "", "", "")
    + cells("II", "Huyện Vân Đồn", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "")
    + cells("2", "Xã Hạ Long", "", "1", *EMPTY5, "", "", "", "")
)


def test_small_pb02_with_aliases_and_the_two_ha_longs():
    frame, table = parse_pb02(small_pb02(ROWS_02), "x")
    assert list(frame["commune"]) == ["Hồng Thái Đông", "Hồng Thái Đông", "Hạ Long"]
    assert list(frame["district"]) == ["Đông Triều", "Đông Triều", "Vân Đồn"]
    assert list(frame["achieved"]) == [True, False, False]
    assert frame["year"].tolist() == [pd.NA, 2022, 2022]
    assert [s.label for s in table.subtotals] == ["TX Đông Triều", "Huyện Vân Đồn"]


def test_repeated_header_and_extra_blank_lines_are_ignored():
    rows = (
        ROWS_02.replace("\n\n", "\n\n\n")
        + HEADER_02
        + cells("3", "Xã Đông Xá", "", "", "1", *EMPTY5, "", "", "")
    )
    frame, _ = parse_pb02(small_pb02(rows), "x")
    assert list(frame["commune"]) == ["Hồng Thái Đông", "Hồng Thái Đông", "Hạ Long", "Đông Xá"]


def test_bad_mark_names_its_line():
    good = cells("1", "Xã H. Thái Đông", "1", "", "", "", "", "", "1", "", "", "", "")
    bad = cells("1", "Xã H. Thái Đông", "x", "", "", "", "", "", "1", "", "", "", "")
    lines = small_pb02(ROWS_02.replace(good, bad))
    mark_line = lines.index("\tx") + 1
    with pytest.raises(
        ParseError, match=rf"line {mark_line}: expected '1' \(a mark\) or an empty cell, found 'x'"
    ):
        parse_pb02(lines)


def test_unknown_commune_names_the_district():
    lines = small_pb02(ROWS_02.replace("Xã Hạ Long", "Xã Cái Rồng"))
    with pytest.raises(UnknownPlaceError, match="a commune of Vân Đồn"):
        parse_pb02(lines)


def test_changed_shape():
    lines = small_pb02(
        ROWS_02.replace(
            cells("2", "Xã Hạ Long", "", "1", *EMPTY5, "", "", "", ""),
            cells("2", "Xã Hạ Long", "1"),
        )
    )
    with pytest.raises(ParseError, match="expected a row of 13 cells"):
        parse_pb02(lines)


def test_missing_table():
    with pytest.raises(ParseError, match="the heading 'PHỤ BIỂU 03'"):
        parse_pb03(small_pb02(ROWS_02))


def test_pb01_without_its_notes_is_an_error():
    with pytest.raises(ParseError, match="the notes under Phụ biểu 01"):
        parse_pb01(small_pb02(ROWS_02))


def test_pb01_bad_year():
    text = "(Kèm theo Quyết định số 2877/QĐ-UBND)\n"
    text += cells("X", "TX. Quảng Yên", "", "", "", "") + cells("73", "1", "Xã Cẩm La", "20l9", "", "", "")
    text += (
        cells("", "", "Cộng", "1", "0", "0", "") + "Ghi chú:\nNăm 2019: có 01 xã đạt chuẩn nông thôn mới.\n"
    )
    with pytest.raises(
        ParseError, match=r"line 12: expected a year such as 2019 or an empty cell, found '20l9'"
    ):
        parse_pb01(text.split("\n"))


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Lộ trình xã đạt chuẩn nông thôn mới Kiểu mẫu", "model"),
        ("NTM nâng cao", "advanced"),
        ("Lộ trình cấp huyện đạt chuẩn/hoàn thành nhiệm vụ xây dựng nông thôn mới", "ntm"),
        ("xã đạt chuẩn nông thôn mới", "ntm"),
    ],
)
def test_level_of(label, level):
    assert level_of(label) == level
