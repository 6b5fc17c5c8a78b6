"""Tables know their own extent and numbering (issue 19): Phụ biểu 01 of Quyết định 2877.

Every edit below is one a copy-paste or OCR slip makes. Each must stop the build with the file's
line, or leave the data unchanged – never drop, shift or renumber rows silently.
"""

import pandas as pd
import pytest

from qnlib.datasets.ntm import parse_pb01
from qnlib.errors import ParseError

from .fuzzing import caught_by, fuzz

HEADING, FIRST_ROW, CONG, NOTES = 227, 228, 472, 479  # lines of the raw copy (read in an editor)


@pytest.fixture(scope="module")
def lines(corpus):
    return list(corpus["qd2877_2022"].lines)


def _parse(lines):
    return parse_pb01(lines, "qd2877_2022")


def _swapped(lines, a: int, b: int) -> list[str]:
    """A copy of ``lines`` with lines ``a`` and ``b`` (numbered from 1, as an editor shows them) swapped."""
    edited = list(lines)
    edited[a - 1], edited[b - 1] = edited[b - 1], edited[a - 1]
    return edited


def test_the_lines_this_module_relies_on(lines):
    assert lines[HEADING - 1].strip().startswith("(Kèm theo Quyết định số 2877/QĐ-UBND")
    assert lines[FIRST_ROW - 1].strip() == "Xã Bản Sen" and lines[CONG - 1].strip() == "Cộng"
    assert lines[NOTES - 1] == "Ghi chú:"


def test_an_odd_line_inside_the_table_is_an_error_not_its_start(lines):
    """Before: the walk back from the notes stopped at the odd line, and the 27 rows above it became
    fewer, silently. Now the table runs from its heading to its notes."""
    edited = lines.copy()
    edited[300 - 1] = "2019"  # the tab lost from Liên Vị's year cell (line 300)
    with pytest.raises(
        ParseError, match=r", line 300: expected a cell line \(led by a tab\) or a blank line"
    ):
        _parse(edited)


def test_a_lost_heading_is_an_error(lines):
    edited = lines.copy()
    edited[HEADING - 1] = " (Kèm theo)"
    with pytest.raises(ParseError, match="the heading of Phụ biểu 01"):
        _parse(edited)


def test_two_swapped_lines_cannot_renumber_a_commune(lines):
    """Lục Hồn is commune 96 (line 447); a swap with the district number 4 above it used to give it 4."""
    number = lines.index("\t96")  # 0-based: line number + 1
    edited = _swapped(lines, number + 1, number + 2)
    with pytest.raises(ParseError, match=rf", line {number + 1}: expected commune number 96"):
        _parse(edited)


@pytest.mark.parametrize("change", ["gap", "repeat"])
def test_a_gap_or_a_repeat_in_the_numbering_is_an_error(lines, change):
    edited = lines.copy()
    at = lines.index("\t85")
    edited[at] = "\t86" if change == "gap" else "\t84"
    with pytest.raises(ParseError, match=rf", line {at + 1}: expected commune number 85"):
        _parse(edited)


def test_the_district_numbering_restarts_and_runs_on(lines):
    edited = lines.copy()
    at = lines.index("\t85") + 1  # Tràng An is the 4th commune of Đông Triều
    assert edited[at] == "\t4"
    edited[at] = "\t5"
    with pytest.raises(ParseError, match=rf", line {at + 1}: expected number 4 within the district"):
        _parse(edited)


def test_a_row_after_the_total_is_an_error(lines):
    row = ["\t99", "\t7", "\tXã Mới", "\t2020", "\t ", "\t ", "\t "]
    edited = lines.copy()
    edited[CONG + 4 : CONG + 4] = ["", *row]
    with pytest.raises(
        ParseError, match=f", line {CONG + 6}: expected nothing after the 'Cộng' \\(total\\) row"
    ):
        _parse(edited)
    edited = lines.copy()
    edited[CONG + 4 : CONG + 4] = row  # no blank line between: the lines join the total row
    with pytest.raises(
        ParseError, match=f", line {CONG - 2}: expected the 'Cộng' \\(total\\) row of 7 cells"
    ):
        _parse(edited)


# ------------------------------------------------------------------ a seeded fuzz of the table


def _pb01_frames(result):
    return [result.communes, result.yearly, pd.DataFrame([result.total])]


def test_fuzz_phu_bieu_01_refused_with_a_line_or_unchanged_never_silent(lines):
    outcome = fuzz(_parse, _pb01_frames, lines, FIRST_ROW, CONG, seed=19, count=40)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert len(outcome["refused"]) + len(outcome["unchanged"]) == 40 and outcome["refused"]


def test_a_year_in_the_wrong_column_breaks_the_ladder(lines):
    """Hiệp Hòa (lines 251–255): NTM 2018, advanced 2020. Swapping the two cells would make it reach
    advanced two years before NTM; moving 2020 to the model column, model without advanced."""
    edited = _swapped(lines, 252, 253)
    with pytest.raises(
        ParseError, match=r", line 253: expected the advanced year no earlier than the ntm year"
    ):
        _parse(edited)
    edited = _swapped(lines, 253, 254)
    with pytest.raises(
        ParseError, match=r", line 254: expected the model year no earlier than the advanced year"
    ):
        _parse(edited)


def test_a_year_moved_into_the_note_column_is_an_error(lines):
    """Thủy An (line 348) is model NTM in 2021; swapped with the empty note cell, the year was dropped."""
    edited = _swapped(lines, 348, 349)
    with pytest.raises(
        ParseError, match=r", line 349: expected a note or an empty cell after the year columns"
    ):
        _parse(edited)


def test_slips_at_the_edges_of_the_table_are_parse_errors(lines):
    edited = lines.copy()
    edited[FIRST_ROW - 1 : FIRST_ROW + 1] = [
        lines[FIRST_ROW - 1] + lines[FIRST_ROW]
    ]  # Bản Sen's first two lines
    with pytest.raises(ParseError, match=", line 228: "):
        _parse(edited)
    edited = lines.copy()
    edited[CONG - 2], edited[CONG - 1] = edited[CONG - 1], edited[CONG - 2]  # "Cộng" one cell to the left
    with pytest.raises(ParseError, match=f", line {CONG - 1}: expected 'Cộng' in the name column"):
        _parse(edited)


# ------------------------------------------------------------------ Chương trình 35: the schemes table

SCHEMES_FIRST, SCHEMES_LAST = 607, 722  # scheme 1's number to scheme 29's deadline


@pytest.fixture(scope="module")
def ctr35(corpus):
    return list(corpus["ctr35_2021"].lines)


def _schemes(lines):
    from qnlib.datasets.programme import parse_schemes

    return parse_schemes(lines, "ctr35_2021")


def test_the_schemes_lines_this_module_relies_on(ctr35):
    assert (ctr35[SCHEMES_FIRST - 1], ctr35[SCHEMES_LAST - 4]) == ("1 |", "29 |")
    assert ctr35[SCHEMES_LAST] == "Ý kiến bạn đọc"  # the page's footer ends the section


def test_a_stray_character_inside_the_schemes_table_is_an_error(ctr35):
    """Before: the reader stopped at the first line not ending in "|" and kept 7 of 29 schemes."""
    edited = ctr35.copy()
    edited[639 - 1] = "9 |x"
    with pytest.raises(ParseError, match=r", line 639: expected a cell ending in '\|' inside the table"):
        _schemes(edited)


def test_a_lost_cell_is_named_where_the_rows_shift(ctr35):
    edited = ctr35.copy()
    del edited[613 - 1]  # scheme 2's lead: the next row of four now starts with scheme 3's content
    # (the lines below move up one: scheme 3's content, printed on line 616, is line 615 of the edited text)
    with pytest.raises(ParseError, match=r", line 615: expected scheme number 3 starting a row of 4 cells"):
        _schemes(edited)


def test_fuzz_the_schemes_table_refused_with_a_line_or_faithful_never_silent(ctr35):
    outcome = fuzz(_schemes, lambda r: [r.frame], ctr35, SCHEMES_FIRST, SCHEMES_LAST, seed=35, count=40)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert sum(map(len, outcome.values())) == 40 and outcome["refused"]


# ------------------------------------------------------------------ Báo cáo 06: Phụ lục 1, 3 and 4 (tab layout)

BC06_TABLES = {  # name: (parser, first row line, last line) – read from the raw copy
    "directives": ("parse_directives", 11, 107),
    "mechanisms": ("parse_mechanisms", 138, 152),
    "tasks": ("parse_tasks", 159, 289),
}


@pytest.fixture(scope="module")
def bc06(corpus):
    return list(corpus["bc06_2022"].lines)


def _bc06(name):
    from qnlib.datasets import programme

    parser = getattr(programme, BC06_TABLES[name][0])
    return lambda lines: parser(lines, "bc06_2022")


def _group_rows(lines) -> set[int]:
    from qnlib.datasets.programme import GROUP

    return {
        n
        for n, line in enumerate(lines, start=1)
        if "\t" in line and GROUP.match(line.split("\t")[0].replace("<b>", ""))
    }


def test_a_tab_typed_into_a_cell_is_an_error_not_a_dropped_cell(bc06):
    """Phụ lục 1, line 11: a tab inside "366-TB/TU" used to push the summary into a fifth cell, ignored."""
    edited = bc06.copy()
    assert "366-TB/TU" in edited[11 - 1]
    edited[11 - 1] = edited[11 - 1].replace("366-TB/TU", "366-TB\t/TU")
    with pytest.raises(ParseError, match=r", line 11: expected a row of 4 cells, as the header"):
        _bc06("directives")(edited)


def test_a_row_split_in_two_is_an_error_not_a_cut_text(bc06):
    edited = bc06.copy()
    head, tail = edited[145 - 1].rsplit(" ", 1)
    edited[145 - 1 : 145] = [head, tail]  # Phụ lục 3, mechanism 6: its last word on a line of its own
    with pytest.raises(
        ParseError, match=r", line 146: expected a row of the table \(cells separated by tabs\)"
    ):
        _bc06("mechanisms")(edited)


def test_a_duplicated_row_names_both_lines(bc06):
    edited = bc06.copy()
    edited.insert(140, edited[140 - 1])  # mechanism 3 (line 140) twice
    with pytest.raises(
        ParseError, match=r", line 141: expected one row numbered 3, found 'the row of line 140 again'"
    ):
        _bc06("mechanisms")(edited)


def test_two_swapped_cells_are_caught_by_the_column_vocabulary(bc06):
    """Phụ lục 1, line 13: kind and number swapped used to read the number from the summary."""
    edited = bc06.copy()
    number, kind, reference, summary = edited[13 - 1].split("\t")
    edited[13 - 1] = "\t".join([number, reference, kind, summary])
    with pytest.raises(ParseError, match=r", line 13: expected a kind of document"):
        _bc06("directives")(edited)


def test_the_documented_slip_is_kept_as_printed(bc06):
    """Phụ lục 4 numbers two different tasks 63 (lines 265, 268): read as printed, reported by the checks."""
    tasks = _bc06("tasks")(bc06).frame
    assert tasks.loc[tasks["no"] == 63, "line"].tolist() == [265, 268]


def test_a_group_numeral_out_of_order_is_an_error(bc06):
    edited = bc06.copy()
    edited[260 - 1] = edited[260 - 1].replace("VI\t", "V\t", 1)
    with pytest.raises(ParseError, match=r", line 260: expected group VI \(groups run I, II, III …\)"):
        _bc06("tasks")(edited)


def test_a_group_row_swapped_with_the_task_beside_it_is_an_error(bc06):
    """Phụ lục 4: group II (line 187) starts with task 16. Swapped with task 15 above it, task 15 would
    move to group II silently (both rows well-formed, the numbering running on)."""
    edited = _swapped(bc06, 186, 187)
    with pytest.raises(ParseError, match=r", line 187: expected task 16 first in group II \(as printed"):
        _bc06("tasks")(edited)


def test_a_group_row_joined_to_the_task_above_is_an_error(bc06):
    """Phụ lục 4: the last task of group VI (line 270) joined with the group row VII: its trailing empty
    cells make the row wider than the header, even though the extra cells hold nothing."""
    edited = bc06.copy()
    edited[270 - 1 : 272 - 1] = [edited[270 - 1] + edited[271 - 1]]
    with pytest.raises(
        ParseError, match=r", line 270: expected a row of 5 cells, as the header, found '9 cells"
    ):
        _bc06("tasks")(edited)


def test_a_continuation_line_printed_twice_is_an_error(bc06):
    """Phụ lục 4, line 168 continues task 5 after a page break; twice, it would double task 5's text."""
    edited = bc06.copy()
    edited.insert(168, edited[168 - 1])
    with pytest.raises(
        ParseError, match=r", line 169: expected a continuation row once, found 'the row of line 168 again'"
    ):
        _bc06("tasks")(edited)


@pytest.mark.parametrize("name", list(BC06_TABLES))
def test_fuzz_the_report_tables(bc06, name):
    """Refused with a line, unchanged, or changed only as the edit says; never silent, never a traceback."""
    _, first, last = BC06_TABLES[name]
    outcome = fuzz(_bc06(name), lambda r: [r.frame], bc06, first, last, seed=6, count=30)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert sum(map(len, outcome.values())) == 30 and outcome["refused"]


# ------------------------------------------------------------------ Phụ lục 6 (loans)

LOANS_FIRST, LOANS_LAST = 300, 336  # from the heading 'PHỤ LỤC 6' to the last district row


def _loans(lines):
    from qnlib.datasets.loans import parse_loans

    return parse_loans(lines, "bc06_2022")


def _loans_frames(result):
    totals = sorted(result.totals, key=lambda t: t.years)  # the order totals are printed in carries nothing
    return [
        result.frame,
        pd.DataFrame([{"years": t.years, "values": t.values, "line": t.line} for t in totals]),
    ]


def test_the_loans_lines_this_module_relies_on(bc06):
    assert bc06[LOANS_FIRST - 1].startswith("**PHỤ LỤC 6**")
    assert bc06[LOANS_LAST - 1].startswith("12\tThành phố Móng Cái")
    assert bc06[311 - 1].startswith("<b>Tổng năm 2021+2022</b>") and bc06[321 - 1].startswith("<b>B</b>")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # district 3 of 2021 (line 315) twice: the same row again
        (
            lambda e: e.insert(315, e[315 - 1]),
            r", line 316: expected one row numbered 3, found 'the row of line 315 again'",
        ),
        # two district rows swapped
        (
            lambda e: e.__setitem__(slice(314, 316), [e[316 - 1], e[315 - 1]]),
            r", line 315: expected district number 3 \(",
        ),
        # district 8 of 2021 moved under the year row of 2022
        (
            lambda e: e.__setitem__(slice(319, 321), [e[321 - 1], e[320 - 1]]),
            r", line 321: expected district number 1 \(",
        ),
        # the year row of 2022 twice
        (
            lambda e: e.insert(321, e[321 - 1]),
            r", line 322: expected one total row for 2022, found 'the row of line 321 again'",
        ),
        # the grand total twice
        (lambda e: e.insert(311, e[311 - 1]), r", line 312: expected one total row for 2021\+2022"),
    ],
    ids=["row-twice", "rows-swapped", "row-under-the-next-year", "year-row-twice", "grand-total-twice"],
)
def test_loans_rows_are_numbered_and_their_totals_printed_once(bc06, edit, message):
    edited = bc06.copy()
    edit(edited)
    with pytest.raises(ParseError, match=message):
        _loans(edited)


def test_fuzz_the_loans_table(bc06):
    outcome = fuzz(_loans, _loans_frames, bc06, LOANS_FIRST, LOANS_LAST, seed=6, count=20)
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert sum(map(len, outcome.values())) == 20 and outcome["refused"]


# ------------------------------------------------------------------ Phụ biểu 02 and 03

PB02_FIRST, PB02_LAST, PB03_FIRST, PB03_LAST = 520, 2060, 2096, 2290


def _pb(number):
    from qnlib.datasets.ntm import parse_pb02, parse_pb03

    parse = parse_pb02 if number == 2 else parse_pb03
    return lambda lines: parse(lines, "qd2877_2022")


def test_two_year_cells_of_the_header_swapped_are_an_error(lines):
    """Phụ biểu 03's header (lines 2105–2109): 2024 and 2025 swapped would file every mark of one year
    under the other."""
    assert lines[2108 - 1 : 2110 - 1] == ["\t2024", "\t2025"]
    edited = _swapped(lines, 2108, 2109)
    with pytest.raises(
        ParseError, match=r", line 2108: expected the year 2024 \(a group's years run on by one\)"
    ):
        _pb(3)(edited)


def test_two_marks_for_one_level_are_an_error(lines):
    """Phụ biểu 03, Hải Hà (line 2113): marked 'đã đạt chuẩn' (line 2114); a second mark in the same
    group, as a moved or copied cell makes, is an error, not a second year."""
    edited = lines.copy()
    assert edited[2114 - 1] == "\t1" and edited[2115 - 1] == "\t\xa0"
    edited[2115 - 1] = "\t1"
    with pytest.raises(ParseError, match=r", line 2115: expected one mark for the level 'ntm' in a row"):
        _pb(3)(edited)


def test_a_plan_table_row_number_out_of_place_is_an_error(lines):
    edited = lines.copy()
    at = edited.index("\t7", PB03_FIRST)  # Ba Chẽ, the 7th district
    edited[at] = "\t8"
    with pytest.raises(ParseError, match=rf", line {at + 1}: expected unit number 7 \(TT runs on by one"):
        _pb(3)(edited)


@pytest.mark.parametrize(
    ("number", "first", "last"), [(2, PB02_FIRST, PB02_LAST), (3, PB03_FIRST, PB03_LAST)]
)
def test_fuzz_the_plan_tables(corpus, lines, number, first, last):
    """A mark moved to another year's cell leaves a well-formed row: the table's own totals catch it
    (``qnlib check``), so the fuzz counts it as caught, not silent."""
    from qnlib.checks import ntm as checks

    own = (checks.pb02_subtotals, checks.pb02_total) if number == 2 else (checks.pb03_total,)
    outcome = fuzz(_pb(number), lambda r: [r[0]], lines, first, last, seed=6, count=20,
                   caught=caught_by(corpus, "qd2877_2022", *own))  # fmt: skip
    assert outcome["silent"] == [] and outcome["traceback"] == []
    assert sum(map(len, outcome.values())) == 20 and outcome["refused"]
