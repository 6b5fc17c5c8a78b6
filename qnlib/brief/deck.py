"""Writing the briefing deck with python-pptx: 16:9 slides, editable titles, reproducible files.

This module knows slides, not analyses: it receives finished texts and pictures
(:class:`Cover`, :class:`FigureSlide`, …) grouped in :class:`Section` s and writes them.

Two things python-pptx would stamp with the current time are fixed, so that two builds
of the same data give byte-identical files: the document's core properties (created and
modified are the date of the data) and the timestamps of the zip entries.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..files import write_atomic

__all__ = [
    "NOTES_INCHES",
    "TABLE_PT",
    "Cover",
    "FigureSlide",
    "Section",
    "TableSlide",
    "TextSlide",
    "notes_inches",
    "notes_size",
    "text_lines",
    "write_deck",
]

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9, PowerPoint's "Widescreen"
MARGIN = Inches(0.16)  # the figures' left margin (1.2 % of the width)
FONT = "Arial"  # on every PowerPoint and Google Slides, with all Vietnamese letters
TITLE_PT = 22  # the figures' 21 pt title, scaled from their 12.8 in to the slide's 13.33 in
TABLE_PT = 13
NOTES_PT = 12
NOTES_SIZES = (12, 11, 10)  # the notes' size: the largest at which they fit the notes page
# The printed notes page (portrait 7.5 × 10 in): the slide at 16:9 on top, the notes below it.
NOTES_IMAGE = (Inches(0.75), Inches(0.45), Inches(6.0), Inches(3.375))
NOTES_BOX = (Inches(0.75), Inches(4.0), Inches(6.0), Inches(5.35))
NOTES_INCHES = 5.35 - 0.1  # the box's height, less its top and bottom insets
GREY = RGBColor(0x4D, 0x4D, 0x4D)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
LAYOUT_TITLE, LAYOUT_SECTION, LAYOUT_TITLE_ONLY = 0, 2, 5  # in python-pptx's default template


@dataclass(frozen=True)
class Cover:
    title: str
    lines: tuple[str, ...]  # date of the data, contents, parameters
    documents_heading: str
    documents: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class FigureSlide:
    """A figure: its title as editable text, and its picture without the title, at full width."""

    title: str
    picture: bytes  # the figure's PNG, as saved
    alt: str
    notes: str
    name: str = ""  # the figure's file stem: the picture's name in PowerPoint's selection pane
    crop_top: float = 0.0  # the top share of the picture holding its own title, cropped off on the slide


@dataclass(frozen=True)
class TextSlide:
    title: str
    lines: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class TableSlide:
    title: str
    lead: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the width, one per column
    notes: str = ""


Slide = FigureSlide | TextSlide | TableSlide


@dataclass(frozen=True)
class Section:
    """Slides shown together; PowerPoint lists sections in its slide pane. ``header`` adds a
    section header slide (for a sweep: one section per value)."""

    name: str
    slides: tuple[Slide, ...]
    header: str | None = None
    header_detail: str = ""


def _style(paragraph, size: float, *, bold: bool = False, colour: RGBColor | None = None) -> None:
    for run in paragraph.runs:
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        if colour is not None:
            run.font.color.rgb = colour


def _fill(
    frame, lines: Sequence[str], size: float, *, bold: bool = False, colour=None, space: float = 0
) -> None:
    """Put ``lines`` (one paragraph each) into a text frame: wrapped, top-aligned, never shrunk."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.space_after = Pt(space)
        paragraph.alignment = PP_ALIGN.LEFT  # as on the figures; the template centres titles
        _style(paragraph, size, bold=bold, colour=colour)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _title(slide, text: str, top: int, height: int, size: float = TITLE_PT) -> None:
    title = slide.shapes.title
    _place(title, MARGIN, top, WIDTH - 2 * MARGIN, height)
    _fill(title.text_frame, [text], size, bold=True)


def text_lines(text: str, inches: float, size: float) -> int:
    """How many lines ``text`` (one paragraph) takes in a box ``inches`` wide: about 132 / size
    characters an inch of Arial (measured on LibreOffice's rendering), words not broken, 0.2 in of
    insets."""
    per_line = max(1, int((132 / size) * (inches - 0.2)))
    lines, current = 1, 0
    for word in text.split():
        needed = len(word) if current == 0 else current + 1 + len(word)
        if needed > per_line and current:
            lines, current = lines + 1, len(word)
        else:
            current = needed
    return lines


def notes_inches(text: str, size: float = NOTES_PT) -> float:
    """How tall ``text`` is in the notes box at ``size`` points (1.2 lines a point size)."""
    lines = sum(text_lines(paragraph, Emu(NOTES_BOX[2]).inches, size) for paragraph in text.split("\n"))
    return lines * size * 1.2 / 72


def notes_size(text: str) -> float:
    """The largest of :data:`NOTES_SIZES` at which ``text`` fits the notes page (else the smallest)."""
    return next((size for size in NOTES_SIZES if notes_inches(text, size) <= NOTES_INCHES), NOTES_SIZES[-1])


def _notes(slide, text: str) -> None:
    """Speaker notes that fit a printed notes page: the slide at 16:9 above a taller notes box,
    at the largest size that fits (the template's 4:3 picture and size overflow the page)."""
    if not text:
        return
    notes = slide.notes_slide
    for shape in notes.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.SLIDE_IMAGE:
            _place(shape, *NOTES_IMAGE)
        elif kind == PP_PLACEHOLDER.BODY:
            _place(shape, *NOTES_BOX)
    frame = notes.notes_text_frame
    frame.text = text
    frame.word_wrap = True
    size = notes_size(text)
    for paragraph in frame.paragraphs:
        _style(paragraph, size)


def _cover(prs, cover: Cover) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _title(slide, cover.title, Inches(0.9), Inches(1.2), size=34)
    subtitle = slide.placeholders[1]
    # The lines' own height (they wrap), so the list of documents starts below them, never on them.
    width = (WIDTH - 2 * MARGIN) / 914400
    lines = sum(text_lines(line, width - 0.3, 18) for line in cover.lines)
    height = lines * 18 * 1.2 / 72 + 6 * len(cover.lines) / 72 + 0.2
    _place(subtitle, MARGIN, Inches(1.9), WIDTH - 2 * MARGIN, Inches(height))
    _fill(subtitle.text_frame, cover.lines, 18, colour=GREY, space=6)
    top = max(3.3, 1.9 + height + 0.15)
    box = slide.shapes.add_textbox(MARGIN, Inches(top), WIDTH - 2 * MARGIN, Inches(7.3 - top))
    _fill(box.text_frame, [cover.documents_heading], 16, bold=True, space=6)
    for document in cover.documents:
        paragraph = box.text_frame.add_paragraph()
        paragraph.text = f"• {document}"
        paragraph.space_after = Pt(4)
        paragraph.alignment = PP_ALIGN.LEFT
        _style(paragraph, 14)
    _notes(slide, cover.notes)


def _figure(prs, spec: FigureSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    picture = slide.shapes.add_picture(io.BytesIO(spec.picture), 0, 0, WIDTH)  # height from the aspect ratio
    # The figure's title band is cropped (not cut out of the file: "Reset picture" brings it back),
    # so the picture is the saved PNG itself and its title is the slide's editable title.
    picture.crop_top = spec.crop_top
    picture.height = round(picture.height * (1 - spec.crop_top))
    picture.top = HEIGHT - picture.height
    room = HEIGHT - Inches(0.9)  # a figure without a title band to crop still leaves room for the title
    if picture.height > room:
        picture.width, picture.height = round(picture.width * room / picture.height), room
        picture.left, picture.top = (WIDTH - picture.width) // 2, HEIGHT - room
    picture._element.nvPicPr.cNvPr.set("descr", spec.alt)  # alt text, read out by screen readers
    if spec.name:
        picture.name = spec.name
    top = round(HEIGHT * 0.025)  # where the figure's own title starts
    _title(slide, spec.title, top, picture.top - top)
    _notes(slide, spec.notes)


def _text(prs, spec: TextSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _title(slide, spec.title, Inches(0.3), Inches(1.0))
    box = slide.shapes.add_textbox(MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.0))
    _fill(box.text_frame, spec.lines, 16, space=8)
    _notes(slide, spec.notes)


def _table(prs, spec: TableSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _title(slide, spec.title, Inches(0.3), Inches(0.6))
    lead = slide.shapes.add_textbox(MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.4))
    _fill(lead.text_frame, [spec.lead], 13, colour=GREY)
    rows, columns = len(spec.rows) + 1, len(spec.header)
    shape = slide.shapes.add_table(
        rows, columns, MARGIN, Inches(1.45), WIDTH - 2 * MARGIN, Inches(0.3) * rows
    )
    table = shape.table
    for i, share in enumerate(spec.widths):
        table.columns[i].width = Emu(round((WIDTH - 2 * MARGIN) * share))
    for r, values in enumerate([spec.header, *spec.rows]):
        table.rows[r].height = Inches(0.3)
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.text = value
            _style(cell.text_frame.paragraphs[0], TABLE_PT, bold=r == 0)
    _notes(slide, spec.notes)


def _section_header(prs, section: Section) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_SECTION])
    _title(slide, section.header or section.name, Inches(2.6), Inches(1.2), size=34)
    body = slide.placeholders[1]
    _place(body, MARGIN, Inches(3.9), WIDTH - 2 * MARGIN, Inches(1.0))
    _fill(body.text_frame, [section.header_detail], 18, colour=GREY)


DRAW = {FigureSlide: _figure, TextSlide: _text, TableSlide: _table}

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"


def _record_sections(prs, sections: Sequence[tuple[str, list[int]]]) -> None:
    """Write PowerPoint sections (the p14 extension; python-pptx has no API for them).
    Their ids are derived from their names, so the file stays reproducible."""
    ext_list = prs.part._element.find(f"{{{P}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(prs.part._element, f"{{{P}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{P}}}ext", uri=SECTIONS_EXT)
    listing = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for i, (name, ids) in enumerate(sections):
        guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"qnlib-section/{i}/{name}")).upper() + "}"
        element = etree.SubElement(listing, f"{{{P14}}}section", name=name, id=guid)
        id_list = etree.SubElement(element, f"{{{P14}}}sldIdLst")
        for slide_id in ids:
            etree.SubElement(id_list, f"{{{P14}}}sldId", id=str(slide_id))


def _reproducible(pptx: bytes) -> bytes:
    """The same package with every zip entry dated ZIP_TIME instead of now."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(pptx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def write_deck(
    path: Path,
    cover: Cover,
    sections: Sequence[Section],
    *,
    title: str,
    dated: datetime,
    cover_section: str,
    lang: str,
) -> Path:
    """Write the deck: the cover, each section (with its header slide when it has one), in order.

    ``dated`` is the date of the data: the file's created and modified properties, never now().
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    properties = prs.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "qnlib", "qnlib brief"
    properties.created = properties.modified = dated
    properties.revision, properties.language = 1, lang
    listing: list[tuple[str, list[int]]] = []

    def slide_ids_after(count: int) -> list[int]:
        return [int(s.get("id")) for s in list(prs.slides._sldIdLst)[count:]]

    _cover(prs, cover)
    listing.append((cover_section, slide_ids_after(0)))
    for section in sections:
        before = len(prs.slides)
        if section.header is not None:
            _section_header(prs, section)
        for spec in section.slides:
            DRAW[type(spec)](prs, spec)
        listing.append((section.name, slide_ids_after(before)))
    _record_sections(prs, listing)
    buffer = io.BytesIO()
    prs.save(buffer)
    return write_atomic(path, _reproducible(buffer.getvalue()))
