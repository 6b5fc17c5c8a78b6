"""The deck's closing slides: where the documents disagree, in words a reader can check.

Three tables, because three kinds of result say different things:

- a printed figure against what it should be (``kind = "figure"``): where, what is compared,
  what the document prints, what it should be (recomputed, or the other document), the
  difference;
- what a table says of itself (``kind = "table"``: a number used twice, a deadline cell that
  holds a document's subject): where, what is wrong, the cell as printed;
- the results reported after the documents (checks ``reported.…``): which article and its
  quotation, what is compared, what it gives, what another source or the documents give.

Every row points at something a reader can find in the printed document (the appendix or
table, the row, the section) and at the line of our text copy. A cell holds at most
:data:`MAX_LINES` lines on the slide; longer texts are cut with "…" and given in full in the
slide's notes, with the explanation of every row. Rows are spread evenly over as few slides
as they need, and each slide's notes fit a printed notes page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..tables import MISSING
from ..words import sentence_case, t
from .deck import NOTES_INCHES, NOTES_SIZES, TABLE_PT, TableSlide, TextSlide, notes_inches, text_lines

__all__ = ["MAX_LINES", "cell_lines", "disagreement_slides", "fit", "pages", "row_inches"]

TABLE_INCHES, TABLE_ROOM = 13.0, 5.5  # the table's width, and the height it may fill on a slide
MAX_LINES = 4  # a cell taller than this is cut, and given in full in the notes
FIGURE_WIDTHS = (0.04, 0.27, 0.35, 0.12, 0.12, 0.10)  # no., where, compared, printed, should be, difference
TABLE_WIDTHS = (0.04, 0.27, 0.37, 0.32)  # no., where, finding, the cell as printed
REPORTED = "reported."  # checks of the results reported after the documents: a group of their own


def cell_lines(text: str, inches: float, size: float = TABLE_PT) -> int:
    """How many lines ``text`` takes in a table cell ``inches`` wide (see :func:`deck.text_lines`)."""
    return text_lines(text, inches, size)


def fit(text: str, inches: float, max_lines: int = MAX_LINES, size: float = TABLE_PT) -> tuple[str, bool]:
    """``text`` cut at a word so that it takes at most ``max_lines`` lines (with "…"), and whether it was cut."""
    if cell_lines(text, inches, size) <= max_lines:
        return text, False
    words = text.split()
    while words and cell_lines(" ".join(words) + " …", inches, size) > max_lines:
        words.pop()
    return " ".join(words) + " …", True


def row_inches(row: Sequence[str], widths: Sequence[float]) -> float:
    """The height of a table row on a slide: its tallest cell's lines (shared with the cited articles' slides)."""
    lines = max(cell_lines(v, TABLE_INCHES * w) for v, w in zip(row, widths, strict=True))
    return 0.07 + TABLE_PT * 1.05 / 72 * lines


def pages(rows: Sequence[tuple[str, ...]], widths: Sequence[float], room: float,
          notes: Sequence[str] = ()) -> list[list[int]]:  # fmt: skip
    """Row indices split over as few slides as fit ``room`` inches of table (and a notes page each),
    in pages of even length (7 + 6 rather than 10 + 3; 3 + 2 + 2 rather than 3 + 3 + 1). Notes may
    be set as small as the smallest notes size."""
    notes = list(notes) or [""] * len(rows)

    def fits(page: Sequence[int]) -> bool:
        table = sum(row_inches(rows[i], widths) for i in page) <= room
        return table and notes_inches("\n".join(notes[i] for i in page), NOTES_SIZES[-1]) <= NOTES_INCHES

    for count in range(1, len(rows) + 1):
        size, extra = divmod(len(rows), count)  # the first `extra` pages get one row more
        starts = [i * size + min(i, extra) for i in range(count + 1)]
        split = [list(range(starts[i], starts[i + 1])) for i in range(count)]
        if all(fits(page) for page in split):
            return split
    return [[i] for i in range(len(rows))]


def _where(row: Any, lang: str) -> str:
    source_id, _, line = str(row.source).partition(":")
    if str(row.check).startswith(REPORTED):  # an article: its publisher and date, and the quotation
        return t("brief.disagree_article", lang, document=row.document, where=row.where)
    where = t("brief.disagree_place", lang, document=t(f"doc_{source_id}", lang), where=row.where, line=line)
    return sentence_case(where)


def _difference(row: Any, lang: str) -> str:
    from ..words import value_text

    if row.difference is None or row.difference != row.difference:
        return ""
    return ("+" if row.difference > 0 else "") + value_text(row.difference, lang)


def _rows(items: Any, kind: str, lang: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """The table's cells (cut to fit) and each row's notes (full texts and the explanation)."""
    widths = TABLE_WIDTHS if kind == "table" else FIGURE_WIDTHS
    rows, notes = [], []
    for number, row in enumerate(items.itertuples(), start=1):
        cells = [str(number), _where(row, lang), row.subject]
        cells += (
            [row.printed_text]
            if kind == "table"
            else [row.printed_text, row.expected_text or MISSING, _difference(row, lang)]
        )
        shown = [fit(cell, TABLE_INCHES * w - 0.15) for cell, w in zip(cells, widths, strict=True)]
        texts = [text for text, _ in shown]
        if kind == "table":  # the cell as the document prints it: a quotation
            texts[-1] = f"“{texts[-1]}”" if texts[-1] else MISSING
        rows.append(tuple(texts))
        cut = [cells[i] for i, (_, was_cut) in enumerate(shown) if was_cut]
        full = "".join(f" {t('brief.disagree_full', lang, text=text)}" for text in cut)
        notes.append(f"{number}. {row.subject}. {row.detail}{full}")
    return rows, notes


def _slides(items: Any, kind: str, lang: str) -> list[TableSlide]:
    """The slides of one group: ``figure`` and ``table`` (the documents), ``sources`` (reported later)."""
    widths = TABLE_WIDTHS if kind == "table" else FIGURE_WIDTHS
    columns = {
        "figure": ("number", "where", "subject", "printed", "expected", "difference"),
        "table": ("number", "where", "finding", "cell"),
        "sources": ("number", "source", "subject", "source_value", "other_value", "difference"),
    }[kind]
    header = tuple(t(f"brief.disagree_{c}", lang) for c in columns)
    rows, notes = _rows(items, kind, lang)
    title, lead = (
        t(f"brief.disagree_{kind}_title", lang),
        t(f"brief.disagree_{kind}_lead", lang, count=len(rows)),
    )
    footer = t("brief.disagree_notes", lang)
    split = pages(
        rows, widths, TABLE_ROOM - row_inches(header, widths), [*notes[:-1], notes[-1] + "\n" + footer]
    )
    return [
        TableSlide(title + (f" {t('brief.disagree_continued', lang)}" if i else ""), lead, header,
                   tuple(rows[j] for j in page), widths, "\n".join([*(notes[j] for j in page), footer]))
        for i, page in enumerate(split)
    ]  # fmt: skip


def disagreement_slides(checks: Any, lang: str) -> list[TableSlide | TextSlide]:
    """The closing slides for the ``qnlib check`` results (rendered in ``lang``) that are mismatches."""
    mismatches = checks[checks["status"] == "mismatch"]
    if mismatches.empty:
        return [TextSlide(t("brief.disagree_figure_title", lang), (t("brief.disagree_none", lang),))]
    slides: list[TableSlide | TextSlide] = []
    reported = mismatches["check"].str.startswith(REPORTED)
    groups = {"figure": ~reported & (mismatches["kind"] == "figure"), "table": ~reported & (mismatches["kind"] == "table"),
              "sources": reported}  # fmt: skip
    for kind, chosen in groups.items():
        if chosen.any():
            slides += _slides(mismatches[chosen], kind, lang)
    return slides
