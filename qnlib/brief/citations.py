"""The deck's last slides: every article a figure of the deck cites, with its quotations and address.

A figure that draws a value reported after the documents carries, in its record, the article's
publisher, date, URL and the quotation that holds the number (:func:`qnlib.reported.citations`).
On a slide's notes page these would crowd out the conclusions, so the notes name the articles by
number and these slides list them once: number, publisher and date, the quotations, the address.
Long cells are cut to fit and given in full in the slide's notes, as on the disagreement slides.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..words import date_text, t
from .deck import TableSlide
from .disagreements import TABLE_INCHES, TABLE_ROOM, fit, pages, row_inches
from .outputs import FigureRecord

__all__ = ["WIDTHS", "article_numbers", "citation_slides"]

WIDTHS = (0.05, 0.2, 0.45, 0.30)  # no., publisher and date, quotations, address


def article_numbers(records: Sequence[FigureRecord]) -> dict[str, int]:
    """Each cited article (by URL) numbered in the order the deck first cites it."""
    numbers: dict[str, int] = {}
    for record in records:
        for citation in record.citations:
            numbers.setdefault(citation["url"], len(numbers) + 1)
    return numbers


def citation_slides(records: Sequence[FigureRecord], lang: str) -> list[TableSlide]:
    """The slides listing the articles the figures of ``records`` cite (none when none do)."""
    numbers = article_numbers(records)
    if not numbers:
        return []
    articles: dict[str, dict[str, object]] = {}
    for record in records:
        for c in record.citations:
            entry = articles.setdefault(c["url"], {"citation": c, "quotes": []})
            if c["quote"] not in entry["quotes"]:
                entry["quotes"].append(c["quote"])  # type: ignore[union-attr]
    rows, notes = [], []
    for url, number in numbers.items():
        c, quotes = articles[url]["citation"], articles[url]["quotes"]
        name = f"{c['publisher']}, {date_text(c['published'], lang)}"  # type: ignore[index]
        quoted = " / ".join(f"“{q}”" for q in quotes)  # type: ignore[union-attr]
        cells = [str(number), name, quoted, url]
        shown = [fit(cell, TABLE_INCHES * w - 0.15) for cell, w in zip(cells, WIDTHS, strict=True)]
        rows.append(tuple(text for text, _ in shown))
        notes.append(f"{number}. {name}: {quoted} – {url}")
    header = tuple(t(f"brief.cited_{c}", lang) for c in ("number", "article", "quotes", "url"))
    title, lead = t("brief.cited_title", lang), t("brief.cited_lead", lang, count=len(rows))
    split = pages(rows, WIDTHS, TABLE_ROOM - row_inches(header, WIDTHS), notes)
    return [
        TableSlide(title + (f" {t('brief.disagree_continued', lang)}" if i else ""), lead, header,
                   tuple(rows[j] for j in page), WIDTHS, "\n".join(notes[j] for j in page))
        for i, page in enumerate(split)
    ]  # fmt: skip
