import pytest
from hypothesis import given
from hypothesis import strategies as st

from qnlib.errors import ParseError
from qnlib.layouts import (
    cell_rows,
    find_line,
    header_columns,
    is_roman,
    pipe_cells,
    pipe_rows,
    strip_html,
    tab_rows,
)
from qnlib.text import normalize_space

# Cell text: Vietnamese letters, digits, punctuation and inner spaces; never tabs or newlines.
WORDS = st.text(
    alphabet="aăâđêôơưbcdhklmnoqstuvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789.,%/()-",
    min_size=1,
    max_size=8,
)
CELL = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
CELL_OR_EMPTY = st.one_of(st.just(""), CELL)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_tab_rows_strip_html_and_keep_lines():
    text = "title\n\nTT\tĐịa phương\tSố hộ\n<b>A</b>\t<b>NĂM 2021</b>\t<b>586</b>\n1\tHuyện Vân Đồn\t8\t\n"
    rows = tab_rows(lines_of(text))
    assert [r.texts for r in rows] == [
        ("TT", "Địa phương", "Số hộ"),
        ("A", "NĂM 2021", "586"),
        ("1", "Huyện Vân Đồn", "8", ""),
    ]
    assert [r.line for r in rows] == [3, 4, 5]


# A line of nothing but tabs carries no row: rows have at least one non-empty cell.
TAB_ROW = st.lists(CELL_OR_EMPTY, min_size=2, max_size=6).filter(any)


@given(st.lists(TAB_ROW, min_size=1, max_size=8), st.data())
def test_tab_rows_read_back_what_was_written(table, data):
    lines, expected_lines = [], []
    for row in table:
        lines.extend([""] * data.draw(st.integers(0, 2)))  # blank lines move rows around
        bold = data.draw(st.booleans())
        lines.append("\t".join(f"<b>{c}</b>" if bold and c else c for c in row))
        expected_lines.append(len(lines))
    rows = tab_rows(lines)
    assert [list(r.texts) for r in rows] == [[normalize_space(c) for c in row] for row in table]
    assert [r.line for r in rows] == expected_lines


@given(st.lists(st.lists(CELL_OR_EMPTY, min_size=1, max_size=6), min_size=1, max_size=8), st.data())
def test_cell_rows_read_back_what_was_written(table, data):
    lines, expected_lines = ["heading"], []
    for row in table:
        lines.extend([""] * data.draw(st.integers(1, 3)))
        expected_lines.append(len(lines) + 1)
        for cell in row:
            lines.append("\t" + (cell or "\u00a0"))
    rows = cell_rows(lines)
    assert [list(r.texts) for r in rows] == table
    assert [r.line for r in rows] == expected_lines
    assert all(c.line == r.line + i for r in rows for i, c in enumerate(r.cells))


def test_cell_rows_accept_a_leading_space_and_text_ends_a_row():
    lines = [" \tXã Bản Sen", "\t2018", "\t\u00a0", "Ghi chú:", "\tX"]
    assert [r.texts for r in cell_rows(lines)] == [("Xã Bản Sen", "2018", ""), ("X",)]


@given(st.lists(CELL_OR_EMPTY, min_size=1, max_size=30), st.data())
def test_pipe_cells_read_back_what_was_written(cells, data):
    lines = []
    index = 0
    while index < len(cells):
        if cells[index]:
            lines.append(cells[index] + " |")
            index += 1
        else:  # a run of empty cells may be written as one line of pipes
            run = 1
            while index + run < len(cells) and not cells[index + run] and data.draw(st.booleans()):
                run += 1
            lines.append("|" * run)
            index += run
    lines.append("TITLE OF THE NEXT TABLE")
    assert [c.text for c in pipe_cells(lines)] == cells


def test_pipe_rows_group_cells_and_detect_a_changed_shape():
    cells = pipe_cells(["1 |", "Tốc độ tăng trưởng |", "% |", "|", "2 |", "GRDP |", "USD |", ">10.000 |"])
    assert [r.texts for r in pipe_rows(cells, 4)] == [
        ("1", "Tốc độ tăng trưởng", "%", ""),
        ("2", "GRDP", "USD", ">10.000"),
    ]
    with pytest.raises(ParseError, match="a table of 3 columns"):
        pipe_rows(cells, 3)


def test_header_columns_merge_spanning_cells():
    rows = tab_rows(["TT\tTổng vốn\tKết quả\t\t", "\t\tSố hộ vay\tSố vốn\tTỷ lệ (%)"])
    assert header_columns(rows) == ["TT", "Tổng vốn", "Số hộ vay", "Số vốn", "Tỷ lệ (%)"]


def test_find_line_and_roman():
    lines = ["a", "**PHỤ LỤC 6**", "Phu luc 7"]
    assert find_line(lines, r"PHỤ LỤC\s+6") == 2
    assert find_line(lines, r"phu luc 7", ignore_accents=True) == 3
    with pytest.raises(ParseError, match="the loans table"):
        find_line(lines, r"PHỤ LỤC\s+9", what="the loans table")
    assert is_roman("XIII") and is_roman("iv") and not is_roman("A") and not is_roman("")


def test_strip_html():
    assert strip_html('<ul style="x"> <li>- a &amp; b</li> <li>c</li> </ul>') == "- a & b c"
