"""The programme tables (Báo cáo 06 Phụ lục 1, 3, 4; Chương trình 35's schemes).

Expected rows were typed while reading the documents (line numbers of the raw files), not from the parser.
"""

import re

import pandas as pd
import pytest

from qnlib.agencies import UnknownAgencyError
from qnlib.datasets.programme import parse_tasks, read_status
from qnlib.errors import ParseError


@pytest.fixture(scope="module")
def built(data):
    return data


# ------------------------------------------------------------------ directives (Phụ lục 1, lines 9–104)


def test_directives_first_last_and_awkward_rows(built):
    d = built["directives"].set_index(["issuer", "no"])
    assert len(d) == 82
    assert d.groupby(level="issuer").size().to_dict() == {"HĐND": 9, "Tỉnh ủy": 11, "UBND": 62}
    rows = {
        ("Tỉnh ủy", 1): ("Thông báo", "366-TB/TU", "2021-09-24", 11),  # the first row
        ("Tỉnh ủy", 11): ("Kết luận", "366-TB/TU", "2022-04-20", 21),  # the same number again
        ("HĐND", 9): ("Nghị quyết", "21/2021/NQ-HĐND", "2021-07-16", 33),  # printed "số 21/2021/NQ-HĐND"
        ("UBND", 1): ("Chương trình hành động", "4594/CTr-UBND", "2021-07-19", 35),
        ("UBND", 46): ("Công văn", "8189/UBND-NLN3; 8534/UBND-NLN3", "2021-11-15", 86),  # two letters
        ("UBND", 62): ("Công văn", "4482/UBND-TH4", "2022-08-08", 104),  # the last row
    }
    for key, (doc_type, number, day, line) in rows.items():
        row = d.loc[key]
        assert (row["doc_type"], row["number"], row["date"], row["line"]) == (
            doc_type,
            number,
            pd.Timestamp(day),
            line,
        )
    assert (
        d.loc[("UBND", 46), "reference"] == "8189/UBND-NLN3 ngày 15/11/2021 và 8534/UBND-NLN3 ngày 26/11/2021"
    )
    assert (
        d.loc[("Tỉnh ủy", 5), "summary"]
        == "Kết luận của BTV Tỉnh ủy tại buổi làm việc với BTV Huyện ủy Bình Liêu"
    )


# ------------------------------------------------------------------ mechanisms (Phụ lục 3, lines 137–149)

MECHANISMS = [
    (1, "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", 138),
    (2, "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", 139),
    (3, "Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội", 140),
    (4, "Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội", 141),
    (5, "Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội", 144),
    (6, "Sở Nội vụ", "Sở Nội vụ", 145),
    (7, "", "", 146),  # no lead, no progress in the document
    (8, "Sở Công Thương", "Sở Công thương", 147),
    (9, "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Phát triển nông thôn", 148),
    (10, "Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh; Bộ CHQS tỉnh", 149),
]


def test_mechanisms_every_row(built):
    m = built["mechanisms"]
    assert list(m[["no", "lead", "lead_text", "line"]].itertuples(index=False, name=None)) == MECHANISMS
    assert m.loc[6, "progress"] == ""
    assert m.loc[5, "mechanism"] == "Cơ chế, chính sách đặc thù trong tuyển dụng công chức,"  # as printed


# ------------------------------------------------------------------ tasks (Phụ lục 4, lines 157–283)

# no, group, lead, deadline_text, form, start, end, recurring, status, line
TASKS = {
    159: (1, "I", "Sở Giáo dục và Đào tạo", "Năm 2021", "year", 2021, 2021, False, "", ),
    165: (5, "I", "Sở Giáo dục và Đào tạo", "Năm 2021", "year", 2021, 2021, False, ""),  # <p> cells
    179: (12, "I", "Sở Nội vụ", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, ""),
    185: (14, "I", "Ban Dân tộc tỉnh", "Cả giai đoạn (2021 - 2025)", "period", 2021, 2025, False, ""),
    200: (24, "II", "Sở Tài nguyên và Môi trường", "Từ năm 2021", "from", 2021, None, False, ""),
    210: (30, "II", "UBND các huyện, thị xã, thành phố", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, "in progress"),
    212: (31, "III", "Ban Dân tộc tỉnh", "Quý III/2021", "quarter", 2021, 2021, False, ""),
    220: (37, "III", "Ban Dân tộc tỉnh", "Cả giai đoạn 2021 - 2025 và hàng năm", "period+annual", 2021, 2025, True, ""),
    248: (53, "V", "Hội Liên hiệp Phụ nữ tỉnh", "Năm 2021 và thực hiện cả giai đoạn 2021 - 2025", "year+period", 2021, 2025, False, ""),
    263: (61, "VI", "Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh; Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, ""),
    265: (63, "VI", "Bộ Chỉ huy Quân sự tỉnh", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, ""),
    268: (63, "VI", "UBND các huyện, thị xã, thành phố", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, ""),
    272: (66, "VII", "", "Cả giai đoạn 2021 - 2025", "period", 2021, 2025, False, ""),  # lead cell: a document number
    275: (67, "VII", "Sở Nội vụ", "V/v triển khai thực hiện Nghị quyết số 10/NQ-CP ngày 28/01/2022 của Chính phủ ban hành Chiến lược công tác dân tộc giai đoạn 2021-2030, tầm nhìn đến 2045.", "none", None, None, False, ""),
    281: (71, "VII", "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố", "Xong trước ngày 15/7/2021", "before", 2021, 2021, False, "completed"),
    283: (73, "VII", "Ban Dân tộc tỉnh", "Hàng năm, cả giai đoạn 2021-2025", "annual+period", 2021, 2025, True, ""),
}  # fmt: skip
COLUMNS = [
    "no",
    "group",
    "lead",
    "deadline_text",
    "deadline_form",
    "start_year",
    "end_year",
    "recurring",
    "status",
]


def test_tasks_awkward_rows(built):
    tasks = built["tasks"].set_index("line")
    for line, expected in TASKS.items():
        row = tasks.loc[line, COLUMNS]
        found = tuple(None if pd.isna(v) else v for v in row)
        assert found == expected, line


def test_tasks_numbering_groups_and_cells(built):
    tasks = built["tasks"]
    # 74 rows: 1–73 with 63 printed twice (lines 265 and 268)
    assert tasks["no"].tolist() == [*range(1, 64), 63, *range(64, 74)]
    assert tasks.groupby("group", sort=False).size().to_dict() == {
        "I": 15, "II": 15, "III": 12, "IV": 6, "V": 12, "VI": 6, "VII": 8}  # fmt: skip
    titles = tasks.drop_duplicates("group").set_index("group")["group_title"]
    assert (
        titles["I"] == "Về phát triển giáo dục đào tạo, nâng cao chất lượng nguồn nhân lực"
    )  # line 158 (<b>I</b> | <b>…)
    assert titles["III"].startswith("Về huy động, sử dụng có hiệu quả mọi nguồn lực")  # line 211: one cell
    assert titles["VI"].startswith(
        "Về tăng cường xây dựng, củng cố hệ thống chính trị"
    )  # line 260: "VI" not bold
    first = tasks.iloc[0]
    assert first["task"].startswith("Rà soát, đề xuất hỗ trợ đầu tư xây dựng, sửa chữa, nâng cấp")
    assert not any("<" in t for t in tasks["task"].tolist() + tasks["progress"].tolist())  # HTML stripped
    five = tasks.set_index("line").loc[165, "progress"]  # continued on line 168 after a page break
    assert (
        five.startswith("- Sở GDĐT đã ban hành các văn bản rà soát")
        and "- Tiếp tục: (1) Tham mưu UBND tỉnh" in five
    )
    assert tasks.set_index("line").loc[272, "lead_text"] == "1920/UBND-TH4 ngày 28/3/2022"
    assert (tasks["reported"] == pd.Timestamp("2022-08-31")).all()  # "ngày /8/2022": the month's last day


def test_status_only_from_a_text_that_is_a_status():
    assert read_status("Đã hoàn thành") == ("completed", "Đã hoàn thành")
    assert read_status("Đang triển khai thực hiện;") == ("in progress", "Đang triển khai thực hiện;")
    # task 15: "huyện đã hoàn thành năm học 2021 - 2022" is about a school year, not the task
    assert read_status(
        "Đến nay, các nhiệm vụ năm học cơ bản đảm bảo tiến độ: huyện đã hoàn thành năm học"
    ) == ("", "")


def test_tasks_by_lead_has_a_row_per_lead(built):
    long = built["tasks_by_lead"]
    assert len(long) == 74 + 2 + 1 + 1  # task 61 has three leads, tasks 62 and 71 two
    assert long.loc[long["line"] == 263, "lead"].tolist() == [
        "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]  # fmt: skip
    assert (long.loc[long["line"] == 263, "leads"] == 3).all()
    unled = long[long["line"] == 272]
    assert unled[["lead", "leads", "lead_kind"]].values.tolist() == [["", 0, ""]]
    labour = long[long["lead"] == "Sở Lao động - Thương binh và Xã hội"]
    assert labour["no"].tolist() == [2, 3, 8, 9, 51, 52]  # "Sở Lao động, TB và XH" in the table
    assert (labour["lead_short"] == "Sở LĐ-TB&XH").all()


# ------------------------------------------------------------------ schemes (Chương trình 35, lines 603–722)

SCHEMES = [
    ("Ban Tổ chức Tỉnh ủy", "Tháng 01/2021"), ("Sở Công Thương", "Tháng 01/2021"),
    ("Sở Kế hoạch và Đầu tư", "Quý I năm 2021"), ("Ban Xúc tiến và Hỗ trợ đầu tư tỉnh", "Quý I năm 2021"),
    ("Ban Quản lý Khu kinh tế tỉnh", "Quý I năm 2021"), ("Sở Tài nguyên và Môi trường", "Quý I năm 2021"),
    ("Ban Nội chính Tỉnh ủy", "Quý I năm 2021"), ("Ban Dân tộc tỉnh", "Quý I năm 2021"),
    ("Bộ Chỉ huy Quân sự tỉnh", "Quý I năm 2021"), ("Công an tỉnh", "Quý I năm 2021"),
    ("Sở Khoa học và Công nghệ", "Quý I năm 2021"), ("Sở Văn hóa và Thể thao", "Quý I năm 2021"),
    ("Ban Dân tộc tỉnh", "Quý I năm 2021"), ("Sở Nông nghiệp và Phát triển nông thôn", "Quý II/2021"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Quý II năm 2021"), ("Sở Thông tin và Truyền thông", "Quý II năm 2021"),
    ("Sở Kế hoạch và Đầu tư", "Quý II năm 2021"), ("Sở Kế hoạch và Đầu tư", "Quý II năm 2021"),
    ("Sở Giáo dục và Đào tạo", "Quý II năm 2021"), ("Sở Kế hoạch và Đầu tư", "Quý II năm 2021"),
    ("Sở Tài nguyên và Môi trường", "Quý II năm 2021"),
    ("Văn phòng Điều phối Xây dựng nông thôn mới tỉnh", "Quý II năm 2021"),
    ("Sở Y tế", "Quý II năm 2021"), ("Sở Nông nghiệp và Phát triển nông thôn", "Quý II năm 2021"),
    ("Sở Giáo dục và Đào tạo", "Tháng 7/2021"), ("Sở Tài chính", "Quý IV năm 2021"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Quý II/2021"), ("Sở Nông nghiệp và Phát triển nông thôn", "Quý IV năm 2021"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Quý IV năm 2021"),
]  # fmt: skip


def test_schemes_every_row(built):
    s = built["schemes"]
    assert s["no"].tolist() == list(range(1, 30))
    assert s["line"].tolist() == [607 + 4 * i for i in range(29)]
    assert list(s[["lead", "deadline_text"]].itertuples(index=False, name=None)) == SCHEMES
    assert s.loc[0, "support"] == "Ban Cán sự Đảng UBND tỉnh"  # "…; Ban cán sự Đảng UBND phối hợp"
    assert s.loc[0, "due"] == pd.Timestamp("2021-01-31") and s.loc[24, "due"] == pd.Timestamp("2021-07-31")
    assert s.loc[28, "scheme"] == "Đề án chi trả dịch vụ môi trường rừng theo Luật Lâm nghiệp"  # the last row


# ------------------------------------------------------------------ fixture texts: the parser's own rules

HEADER = "TT\tNhiệm vụ\tChủ trì\tThời gian hoàn thành (theo CTHĐ số 4594)\tKết quả, tiến độ thực hiện"
SMALL = [
    "**PHỤ LỤC 4**",
    "**KẾT QUẢ THỰC HIỆN 2 NHIỆM VỤ CỤ THỂ**",
    "(Kèm theo Báo cáo số: -BC/BCSD ngày /8/2022 của Ban Cán sự Đảng UBND tỉnh Quảng Ninh)",
    HEADER,
    "<b>I</b>\t<b>Về giáo dục</b>\t\t\t",
    "1\t<p>Việc một</p>\t<p>Sở LĐ,TB&XH</p>\t<p>Quý III/2021</p>\t<p>Phần đầu</p>",
    HEADER,
    "\t\t\t\tphần sau",
    "2\tViệc hai\tSở Y tế\tNăm 2022\tĐã hoàn thành",
]


def test_a_small_table_by_the_parser_rules():
    table = parse_tasks(SMALL, "fixture")
    frame = table.frame
    assert (table.announced, table.title_line) == (2, 2)
    assert frame[["no", "group", "group_title", "task", "lead", "deadline_form", "progress", "status", "line"]].values.tolist() == [
        [1, "I", "Về giáo dục", "Việc một", "Sở Lao động - Thương binh và Xã hội", "quarter", "Phần đầu phần sau", "", 6],
        [2, "I", "Về giáo dục", "Việc hai", "Sở Y tế", "year", "Đã hoàn thành", "completed", 9],
    ]  # fmt: skip


def _error(lines) -> str:
    """The message a user sees: the parser's error, named with the file it read."""
    with pytest.raises(ParseError) as caught:
        parse_tasks(lines, "fixture")
    return str(caught.value.in_file("data/raw/fixture.txt"))


def test_an_unknown_agency_names_file_and_line():
    lines = [*SMALL[:-1], "2\tViệc hai\tSở Ngoại vụ\tNăm 2022\t"]
    with pytest.raises(UnknownAgencyError):
        parse_tasks(lines, "fixture")
    assert re.match(
        r"data/raw/fixture.txt, line 9: expected agency names .* found 'Sở Ngoại vụ'$", _error(lines)
    )


def test_an_unknown_deadline_form_names_file_and_line():
    lines = [*SMALL[:-1], "2\tViệc hai\tSở Y tế\tQuý V/2022\t"]
    assert re.match(
        r"data/raw/fixture.txt, line 9: expected a deadline such as .* found 'Quý V/2022'$", _error(lines)
    )


def test_a_row_that_is_neither_task_nor_group_names_its_line():
    lines = [*SMALL[:-1], "a)\tViệc hai\tSở Y tế\tNăm 2022\t"]
    assert "fixture.txt, line 9: expected a numbered row, a group row" in _error(lines)
