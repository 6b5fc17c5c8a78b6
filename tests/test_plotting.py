import hashlib
import io
import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.image import imread

from qnlib import config
from qnlib.errors import QnlibError
from qnlib.plotting import Heading, figure_stem, missing_glyphs, save, slide, write_index
from qnlib.sources import cite
from qnlib.words import fmt, t

VIETNAMESE = "Số xã đạt chuẩn nông thôn mới nâng cao, kiểu mẫu – Đầm Hà, Hạ Long, Quảng Yên, Bình Liêu"


def make_figure(lang="vi"):
    fig, ax = slide(
        Heading(VIETNAMESE, "Số xã theo huyện", "Số xã; đã đạt và kế hoạch"),
        cite([("qd2877_2022", 500)]),
        lang=lang,
        notes=["Ghi chú thử"],
    )
    ax.bar(["Hạ Long", "Móng Cái"], [3, 5])
    return fig


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_saving_twice_gives_identical_files(tmp_path):
    first = save(make_figure(), "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    hashes = [digest(p) for p in first]
    plt.close("all")
    second = save(make_figure(), "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    assert [digest(p) for p in second] == hashes
    assert b"Creation" not in first[0].read_bytes() and b"<dc:date>" not in first[1].read_bytes()


def test_png_is_a_16_9_slide_and_text_is_vietnamese(tmp_path):
    png, svg = save(make_figure(), "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    assert imread(png).shape[:2] == (1080, 1920)
    assert svg.read_text().startswith("<?xml")
    assert missing_glyphs(make_figure()) == {}


def test_the_png_is_the_drawing_pixel_for_pixel_in_three_channels(tmp_path):
    import numpy as np
    from PIL import Image

    from qnlib.plotting import DPI, _png

    fig = make_figure()
    engine = fig.get_layout_engine()
    png, _ = save(fig, "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    for dpi in (72, 100.5):  # JupyterLab's preview, and a size that is not a whole number of pixels
        ours, theirs = io.BytesIO(_png(fig, dpi)), io.BytesIO()
        fig.savefig(theirs, format="png", dpi=dpi)
        assert np.array_equal(np.asarray(Image.open(ours)), np.asarray(Image.open(theirs))[..., :3])
    assert fig.get_layout_engine() is engine  # the SVG borrowed the PNG's layout, and gave it back
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)  # matplotlib's own PNG of the same figure
    drawn = np.asarray(Image.open(buffer))
    with Image.open(png) as image:
        assert (image.mode, image.size, image.info["dpi"]) == (
            "RGB",
            (1920, 1080),
            pytest.approx((DPI, DPI), rel=1e-3),
        )  # pixels per metre, rounded
        assert (drawn[..., 3] == 255).all()  # a slide is opaque: the alpha channel carried nothing
        assert np.array_equal(np.asarray(image), drawn[..., :3])


def test_a_glyph_the_font_cannot_draw_is_refused(tmp_path):
    fig = make_figure()
    fig.text(0.5, 0.5, "漢字")
    with pytest.warns(UserWarning):  # matplotlib warns about the missing glyph while drawing
        fig.savefig(io.BytesIO(), format="png")
    assert missing_glyphs(fig) == {"漢字": "字漢"}  # the characters missing, sorted
    with pytest.raises(QnlibError, match="the font cannot draw"):
        save(fig, "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)


def test_every_slide_names_its_source():
    fig = make_figure()
    texts = [t.get_text() for t in fig.texts]
    assert any(text.startswith("Nguồn: Quyết định 2877/QĐ-UBND") and "Phụ biểu 02" in text for text in texts)
    assert texts[0].startswith("Số xã đạt chuẩn")  # the title (the finding) comes first, left-aligned
    assert any(text == "Số xã theo huyện. Số xã; đã đạt và kế hoạch" for text in texts)  # label moves down
    english = [t.get_text() for t in make_figure("en").texts]
    assert any(text.startswith("Source: ") for text in english)


def test_figure_names_include_notebook_and_non_default_parameters():
    defaults = {"district": None, "levels": ["ntm"], "lang": "vi"}
    assert figure_stem("ntm_attainment", "by_year", defaults, defaults) == "ntm_attainment__by_year__vi"
    changed = {"district": "Bình Liêu", "levels": ["ntm", "model"], "lang": "en"}
    assert figure_stem("ntm_attainment", "by_year", changed, defaults) == (
        "ntm_attainment__by_year__district-binh-lieu__levels-ntm-model__en"
    )


def test_index_lists_each_figure_once(tmp_path, monkeypatch):
    monkeypatch.setenv("QNLIB_EXECUTED_NOTEBOOK", str(config.ROOT / "reports" / "notebooks" / "nb__vi.ipynb"))
    save(make_figure(), "nb", "a", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    first = (tmp_path / "index.csv").read_bytes()
    save(make_figure(), "nb", "a", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    assert (tmp_path / "index.csv").read_bytes() == first  # no run time: nothing changed, same bytes
    save(make_figure(), "nb", "b", {"lang": "en"}, {"lang": "vi"}, tmp_path)
    index = pd.read_csv(tmp_path / "index.csv")
    assert list(index["png"]) == ["nb__a__vi.png", "nb__b__en.png"]
    assert set(index.columns) >= {"png", "svg", "notebook", "figure", "title", "parameters", "source"}
    assert "run" not in index and "title_band" not in index
    assert (
        list(index["executed_notebook"]) == ["reports/notebooks/nb__vi.ipynb"] * 2
    )  # relative to the project
    assert index["title"].iloc[0] == VIETNAMESE
    assert (index["finding_title"].iloc[0], index["label_title"].iloc[0]) == (VIETNAMESE, "Số xã theo huyện")
    assert json.loads(index["parameters"].iloc[1]) == {"lang": "en"}
    (tmp_path / "nb__b__en.png").unlink()  # a figure removed by hand drops out of the index
    assert list(pd.read_csv(write_index(tmp_path))["png"]) == ["nb__a__vi.png"]


def test_numbers_follow_the_language():
    assert fmt(1526, "vi") == "1.526" and fmt(1526, "en") == "1,526"
    assert fmt(46.1, "vi", 1) == "46,1" and fmt(46.1, "en", 1) == "46.1"
    assert fmt(13.88, "vi", 2, percent=True) == "13,88%"
    assert t("source", "vi") == "Nguồn"
    with pytest.raises(QnlibError, match="parameter 'lang'"):
        t("source", "fr")


def test_the_title_shows_the_finding_or_the_label():
    heading = Heading("Cả 98 xã đạt chuẩn", "Số xã lũy kế", "Số xã, 2013–2025")
    assert heading.texts("finding", "vi") == ("Cả 98 xã đạt chuẩn", "Số xã lũy kế. Số xã, 2013–2025")
    assert heading.texts("label", "en") == ("Số xã lũy kế", "Số xã, 2013–2025")
    with pytest.raises(QnlibError, match="parameter 'title'"):
        heading.texts("headline", "vi")


def test_a_slide_is_not_registered_with_pyplot():
    """The notebook shows the saved PNG; a figure pyplot knows would be drawn a second time."""
    plt.close("all")
    make_figure()
    assert plt.get_fignums() == []


def test_fast_wrapping_breaks_every_text_where_measuring_each_line_whole_does():
    """The wrap estimates a line from its words' widths and measures whole only lines near the
    limit; on every template text of both languages, at the three sizes, the lines are the same."""
    import math
    import random

    from qnlib import plotting
    from qnlib.words import templates

    texts = sorted(
        {
            line
            for template in templates().values()
            for text in template.texts.values()
            for line in text.splitlines()
            if 90 <= len(line) < 300
        }
    )  # fmt: skip  (long enough to break)
    words = " ".join(texts).split()
    rng = random.Random(7)  # measuring whole lines is slow: a sample of the texts, and made-up ones
    texts = rng.sample(texts, 25) + [" ".join(rng.choices(words, k=rng.randint(5, 40))) for _ in range(15)]
    sizes = [
        (plotting.TITLE_SIZE, "bold"),
        (plotting.SUBTITLE_SIZE, "normal"),
        (plotting.FOOTER_SIZE, "normal"),
    ]
    wrapped = 0
    for text in texts:
        for size, weight in sizes:
            lines = plotting._wrap(text, size, weight)
            assert lines == plotting._wrap(text, size, weight, margin=math.inf), (text, size)
            wrapped += len(lines) > 1
    assert wrapped > 40  # the comparison is about breaks: many texts do break


def test_a_legend_handle_box_is_as_wide_as_its_widest_bubble():
    """A size scale's bubble (the loans map's 10.000 triệu đồng) must not spill over its own label."""
    from matplotlib.lines import Line2D

    from qnlib.plotting import legend_below

    fig = make_figure()
    fig._qnlib.update(legend_y=0.1)
    bubbles = [Line2D([], [], marker="o", linestyle="none", markersize=size) for size in (20.0, 40.0)]
    legend_below(fig, bubbles, ["5.000 triệu đồng", "10.000 triệu đồng"])
    legend = fig.legends[-1]
    assert legend.handlelength * legend._fontsize >= 40.0  # points: the box holds the widest bubble
    fig = make_figure()
    fig._qnlib.update(legend_y=0.1)
    legend_below(fig, [Line2D([], [], color="k")], ["Nông thôn mới"])
    assert fig.legends[-1].handlelength == 2.0  # a line keeps matplotlib's usual handle


def test_the_svg_drawn_beside_the_png_is_the_one_drawn_after_it(tmp_path, monkeypatch):
    """With a spare core a child draws the SVG while the PNG is drawn (:mod:`qnlib.forking`);
    the files are the same bytes as when both are drawn here, one after the other."""
    from qnlib import forking

    monkeypatch.setattr(forking.os, "sched_getaffinity", lambda _pid: {0, 1})
    files, beside, real_start = {}, [], forking.start
    monkeypatch.setattr(forking, "start", lambda work: beside.append(forking.available()) or real_start(work))
    for cores in ("2", "1"):
        monkeypatch.setenv(forking.CORES_ENV, cores)
        paths = save(make_figure(), "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path / cores)
        files[cores] = [p.read_bytes() for p in paths]
    assert beside == [True, False]  # a child drew the first SVG; the second was drawn here
    assert files["2"] == files["1"]


@pytest.mark.parametrize("failing", ["_png", "_svg"])
def test_a_drawing_that_fails_writes_nothing_and_leaves_no_child(tmp_path, monkeypatch, failing):
    """The PNG failing here stops the child drawing the SVG; the SVG failing in the child is
    raised here; either way no file of the figure is written and the figure keeps its layout."""
    import errno

    import psutil

    from qnlib import forking, plotting

    monkeypatch.setattr(forking.os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.setenv(forking.CORES_ENV, "2")
    real = getattr(plotting, failing)

    def half_then_full_disk(fig, *args):
        real(fig, *args)  # the drawing is done, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(plotting, failing, half_then_full_disk)
    fig = make_figure()
    engine = fig.get_layout_engine()
    with pytest.raises(OSError, match="No space left"):
        save(fig, "nb", "fig", {"lang": "vi"}, {"lang": "vi"}, tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert psutil.Process().children() == []
    assert fig.get_layout_engine() is engine
