"""The deck writer on its own: 16:9, editable titles, pictures with alt text, notes, sections,
and the same bytes from the same input."""

import io
import zipfile
from datetime import datetime

from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from qnlib.brief.deck import ZIP_TIME, Cover, FigureSlide, Section, TableSlide, TextSlide, write_deck

P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


def _png(width=1920, height=1080, colour="steelblue"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


COVER = Cover("Quảng Ninh qua số liệu", ("Số liệu theo văn bản mới nhất, ngày 23/02/2024",), "2 văn bản nguồn",
              ("Quyết định số 2877/QĐ-UBND (06/10/2022)", "Kế hoạch số 54/KH-UBND (23/02/2024)"))  # fmt: skip
SECTIONS = [
    Section(
        "Nông thôn mới",
        (
            FigureSlide(
                "Cả 98 xã đã đạt chuẩn nông thôn mới",
                _png(),
                "Cả 98 xã đã đạt chuẩn",
                "Nguồn: QĐ 2877",
                "ntm__cumulative__vi",
                crop_top=0.15,
            ),
            TextSlide("Chưa có hình của Hộ nghèo: sổ tay chạy lỗi", ("Lỗi ở ô 4: ValueError",), "Lỗi ở ô 4"),
        ),
        header="Địa phương: Bình Liêu",
        header_detail="Nông thôn mới",
    ),
    Section(
        "Không khớp",
        (
            TableSlide(
                "Những chỗ không khớp",
                "1 chỗ",
                ("Văn bản", "Chi tiết"),
                (("QĐ 2877, dòng 38", "58/98 = 59,18"),),
                (0.4, 0.6),
                "qnlib check",
            ),
        ),
    ),
]


def _write(path):
    return write_deck(
        path, COVER, SECTIONS, title="Tóm tắt", dated=datetime(2024, 2, 23), cover_section="Bìa", lang="vi"
    )


def test_slides_in_order_with_titles_pictures_notes_and_sections(tmp_path):
    prs = Presentation(_write(tmp_path / "deck.pptx"))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles == ["Quảng Ninh qua số liệu", "Địa phương: Bình Liêu", "Cả 98 xã đã đạt chuẩn nông thôn mới",
                      "Chưa có hình của Hộ nghèo: sổ tay chạy lỗi", "Những chỗ không khớp"]  # fmt: skip
    figure = prs.slides[2]
    (picture,) = [s for s in figure.shapes if s.shape_type == 13]  # PICTURE
    assert (
        picture.width == prs.slide_width and picture.top + picture.height == prs.slide_height
    )  # full width, at the bottom
    assert picture.crop_top == 0.15  # the figure's own title band, cropped: the slide title replaces it
    assert round(picture.height / picture.width, 3) == round(1080 * 0.85 / 1920, 3)  # not stretched
    assert (
        picture._element.nvPicPr.cNvPr.get("descr") == "Cả 98 xã đã đạt chuẩn"
        and picture.name == "ntm__cumulative__vi"
    )
    assert (
        figure.shapes.title.top + figure.shapes.title.height <= picture.top
    )  # the title does not cover the picture
    assert figure.notes_slide.notes_text_frame.text == "Nguồn: QĐ 2877"
    table = next(s for s in prs.slides[4].shapes if s.has_table).table
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Văn bản", "Chi tiết"],
        ["QĐ 2877, dòng 38", "58/98 = 59,18"],
    ]
    sections = prs.part._element.iter(f"{P14}section")
    assert [(s.get("name"), len(list(s.iter(f"{P14}sldId")))) for s in sections] == [
        ("Bìa", 1), ("Nông thôn mới", 3), ("Không khớp", 1)]  # fmt: skip
    assert prs.core_properties.modified == datetime(2024, 2, 23) == prs.core_properties.created


def test_two_writes_are_byte_identical_and_carry_no_clock(tmp_path):
    first, second = _write(tmp_path / "a.pptx").read_bytes(), _write(tmp_path / "b.pptx").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {entry.date_time for entry in package.infolist()} == {ZIP_TIME}


def test_a_figure_without_a_title_band_is_shrunk_to_leave_room_for_the_title(tmp_path):
    section = Section("Hình", (FigureSlide("Tiêu đề", _png(), "Tiêu đề", "Nguồn: …"),))
    path = write_deck(
        tmp_path / "d.pptx",
        COVER,
        [section],
        title="T",
        dated=datetime(2024, 2, 23),
        cover_section="Bìa",
        lang="vi",
    )
    slide = Presentation(path).slides[1]
    (picture,) = [s for s in slide.shapes if s.shape_type == 13]
    assert picture.top + picture.height == Inches(7.5) and picture.top == Inches(0.9)
    assert round(picture.width / picture.height, 3) == round(1920 / 1080, 3)  # shrunk, not squeezed
    assert slide.shapes.title.height > 0 and slide.shapes.title.top + slide.shapes.title.height <= picture.top
