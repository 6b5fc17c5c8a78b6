"""The house style for briefing figures, and saving them so they can be trusted.

Every figure is a 16:9 slide (1920 × 1080 px as PNG) with a left-aligned title and
subtitle, units on the axes, notes where a value is derived, planned or from OCR,
and a source line naming the document and table ("Nguồn: …"). Colours are the
Okabe–Ito palette, readable with colour-blindness. Text is DejaVu Sans, which has
every Vietnamese glyph; :func:`save` refuses a figure whose text the font cannot
draw rather than paste boxes into a briefing.

:func:`save` writes PNG (for pasting) and SVG, with no timestamps, so saving twice
gives byte-identical files, and records the figure in ``figures/index.csv``. Files are written
through a temporary file and a rename (:func:`qnlib.files.write_atomic`). The figure is laid out
once; where a core is spare its SVG is drawn by a child process while the PNG is drawn here
(:mod:`qnlib.forking`), the same bytes as drawing one after the other.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import matplotlib
from cycler import cycler
from matplotlib import font_manager, ft2font
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import config, forking
from .errors import ParameterError, QnlibError
from .figure_index import write_index
from .filenames import INDEX_DIR, figure_stem, parameter_slug, run_stem
from .files import write_atomic
from .vocabulary import TITLE_MODES
from .words import fill, fmt, t

__all__ = [
    "COLOURS",
    "LEVEL_COLOURS",
    "TITLE_MODES",
    "YEAR_COLOURS",
    "Heading",
    "figure_stem",
    "format_axis",
    "label_bars",
    "legend_below",
    "legend_clashes",
    "missing_glyphs",
    "parameter_slug",
    "run_stem",
    "save",
    "slide",
    "use_style",
    "write_index",
]

# Okabe & Ito (2008), colour-blind safe.
COLOURS = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
LEVEL_COLOURS = {"ntm": COLOURS["green"], "advanced": COLOURS["blue"], "model": COLOURS["vermillion"]}
YEAR_COLOURS = [COLOURS["sky"], COLOURS["blue"], COLOURS["orange"], COLOURS["green"]]
KIND_COLOURS = {
    "actual": COLOURS["blue"],
    "derived": COLOURS["sky"],
    "target": COLOURS["orange"],
    "reported": COLOURS["green"],  # results reported after the documents (data/raw/reported)
}

SLIDE_INCHES = (12.8, 7.2)  # 16:9
DPI = 150  # 1920 × 1080 px
FONT = "DejaVu Sans"
LEFT = 0.012
TEXT_GREY = "#4D4D4D"
TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE = 21, 14, 10.5


@dataclass(frozen=True)
class Heading:
    """What a figure says: the finding (a sentence with its number, ONS/GSS "say what you see"),
    the label (what is measured, today's plain title) and the detail (measure, place, period)."""

    finding: str
    label: str
    detail: str

    @classmethod
    def of(cls, figure: str, lang: str, facts: Any) -> Heading:
        """The heading of ``figure`` ("ntm.cumulative") from its templates ``…_finding``,
        ``…_title`` and ``…_subtitle``, filled from the analysis's facts."""
        return cls(*(fill(f"{figure}_{part}", lang, facts) for part in ("finding", "title", "subtitle")))

    def texts(self, mode: str, lang: str) -> tuple[str, str]:
        """(title, subtitle): the finding on top and the label in the subtitle, or the label alone."""
        if mode == "label":
            return self.label, self.detail
        if mode != "finding":
            raise ParameterError(f"parameter 'title': expected one of {', '.join(TITLE_MODES)}, got {mode!r}")
        return self.finding, t("subtitle_with_label", lang, label=self.label, detail=self.detail)


def use_style() -> None:
    """Set matplotlib up for slides: font, sizes, palette, quiet axes, reproducible SVG."""
    matplotlib.rcParams.update(
        {
            "font.family": FONT,
            "font.size": 13,
            "axes.titlesize": 14,
            "axes.labelsize": 13,
            "axes.labelcolor": TEXT_GREY,
            "xtick.labelsize": 12,
            "ytick.labelsize": 12,
            "xtick.color": TEXT_GREY,
            "ytick.color": TEXT_GREY,
            "legend.fontsize": 12,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": "#B0B0B0",
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#E6E6E6",
            "grid.linewidth": 0.8,
            "axes.axisbelow": True,
            "axes.prop_cycle": cycler(
                color=[COLOURS[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")]
            ),
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "svg.fonttype": "path",  # text as shapes: the SVG looks the same without the font installed
            "svg.hashsalt": "qnlib",  # stable element ids, so the SVG is byte-identical run to run
            "hatch.color": "white",
        }
    )


@cache
def _font(size: float, weight: str) -> FontProperties:
    return FontProperties(family=FONT, weight=weight, size=size)


@lru_cache(maxsize=16384)
def _width_pt(text: str, size: float, weight: str) -> float:
    """The width of ``text`` in points, from the font's metrics (no drawing)."""
    width, _, _ = TextToPath().get_text_width_height_descent(text, _font(size, weight), ismath=False)
    return width


# Measuring a string costs about 15 µs a character, and greedy wrapping measures every growing
# line: a slide's texts cost a third of a second. A line's width is the sum of its words' and
# spaces' widths within far less than this share of the line (kerning and side bearings at the
# joins), so only a line that close to the limit is measured whole: the lines are the same.
WRAP_MARGIN = 0.02


def _wrap(text: str, size: float, weight: str = "normal", margin: float = WRAP_MARGIN) -> list[str]:
    """Word-wrap ``text`` to the figure's width, measuring it in the font it will be drawn in.

    A candidate line whose estimated width is within ``margin`` (a share) of the limit is measured
    whole; ``margin=math.inf`` measures every one (the tests compare the two)."""
    limit = (1 - 2 * LEFT) * SLIDE_INCHES[0] * 72
    space = _width_pt("x x", size, weight) - 2 * _width_pt("x", size, weight)
    lines: list[str] = []
    width = 0.0  # of the last line, estimated or measured
    for word in text.split(" "):
        if lines:
            candidate = f"{lines[-1]} {word}"
            estimate = width + space + _width_pt(word, size, weight)
            if abs(estimate - limit) <= margin * limit:
                estimate = _width_pt(candidate, size, weight)
            if estimate <= limit:
                lines[-1], width = candidate, estimate
                continue
        lines.append(word)
        width = _width_pt(word, size, weight)
    return lines or [""]


PNG_COMPRESSION = 3  # zlib level: Pillow's default (6) takes 40 % longer for files 3 % smaller


def _png(fig: Figure, dpi: float = 72) -> bytes:
    """The figure as an opaque PNG (a slide has no transparency): three channels, not four, and
    a faster compression level; half the encoding time a PNG took, for files no larger."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=dpi)
    size = int(fig.get_figwidth() * dpi), int(fig.get_figheight() * dpi)  # as Agg sizes its canvas
    image = Image.frombuffer("RGBA", size, buffer.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


@contextmanager
def _laid_out(fig: Figure, dpi: float) -> Iterator[None]:
    """The figure laid out once, at ``dpi``, by its layout engine alone, and drawn with that layout
    until the block ends (``savefig`` would lay it out by a whole drawing pass before each file)."""
    engine, shown = fig.get_layout_engine(), fig.dpi
    if engine is None:
        yield
        return
    fig.dpi = dpi
    try:
        engine.execute(fig)
    finally:
        fig.dpi = shown
    fig.set_layout_engine("none")
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def _svg(fig: Figure) -> bytes:
    """The figure as SVG, text as outlines, with no date or creator: the same bytes every run."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def slide(
    heading: Heading,
    source: str,
    *,
    lang: str = "vi",
    title: str = "finding",
    notes: Sequence[str] = (),
    nrows: int = 1,
    ncols: int = 1,
    legend_below: bool | int = False,
    citations: Sequence[dict[str, str]] = (),
    **subplots: Any,
) -> tuple[Figure, Any]:
    """A 16:9 figure with the header (title, subtitle) and footer (notes, source) in place.

    ``title`` chooses what the title says (:class:`Heading`): the finding or the label.
    ``source`` names the document(s) and table(s); it is printed after "Nguồn:" / "Source:".
    ``legend_below`` keeps a band above the footer for :func:`legend_below` (a legend shared by
    several panels, or kept clear of the data): one row, or as many rows as it says.
    ``citations`` (:func:`qnlib.reported.citations`) go with the figure into its record: the URL and
    quotation of each article a value comes from, too long for the slide itself. Returns the figure and its axes (as ``plt.subplots`` does). The figure is
    not registered with pyplot, so a notebook never draws it a second time on its own.
    """
    use_style()
    title_text, subtitle_text = heading.texts(title, lang)
    title_lines = _wrap(title_text, TITLE_SIZE, "bold")
    subtitle_lines = _wrap(subtitle_text, SUBTITLE_SIZE)
    footer_lines = [line for note in notes for line in _wrap(f"{t('note', lang)}: {note}", FOOTER_SIZE)]
    footer_lines += _wrap(f"{t('source', lang)}: {source}", FOOTER_SIZE)
    header = 0.035 + 0.062 * len(title_lines) + 0.042 * len(subtitle_lines)
    footer = 0.025 + 0.031 * len(footer_lines)
    legend_y = footer
    footer += 0.045 * int(legend_below) + 0.005 if legend_below else 0
    engine = ConstrainedLayoutEngine(
        rect=(LEFT, footer, 1.0 - 2 * LEFT, 1.0 - header - footer), h_pad=0.02, w_pad=0.03
    )
    fig = Figure(figsize=SLIDE_INCHES, layout=engine)
    axes = fig.subplots(nrows, ncols, **subplots)
    y = 0.975
    for line in title_lines:
        fig.text(LEFT, y, line, fontsize=TITLE_SIZE, fontweight="bold", va="top", ha="left")
        y -= 0.062
    y -= 0.006
    title_band = round(1 - y - 0.008, 4)  # the top share of the slide that holds the title alone
    for line in subtitle_lines:
        fig.text(LEFT, y, line, fontsize=SUBTITLE_SIZE, color=TEXT_GREY, va="top", ha="left")
        y -= 0.042
    y = 0.018
    for line in reversed(footer_lines):
        fig.text(LEFT, y, line, fontsize=FOOTER_SIZE, color=TEXT_GREY, va="bottom", ha="left")
        y += 0.031
    fig._qnlib = {
        "title": title_text,
        "subtitle": subtitle_text,
        "finding_title": heading.finding,
        "label_title": heading.label,
        "source": source,
        "notes": list(notes),
        "legend_y": legend_y,
        "legend_rows": int(legend_below),
        "title_band": title_band,
        "citations": [dict(c) for c in citations],
    }
    fig._repr_png_ = lambda: _png(fig)  # shown in JupyterLab when a chart function is called alone
    return fig, axes


def legend_below(fig: Figure, handles: Sequence[Any] = (), labels: Sequence[str] = ()) -> None:
    """One legend for all panels, in the band :func:`slide` kept above the footer, clear of the data
    (by default the first axes' own handles and labels), in as many rows as the band has. A handle's
    box is widened to its widest marker (a bubble of a size scale), which would otherwise spill over
    the label beside it."""
    if not handles:
        handles, labels = fig.axes[0].get_legend_handles_labels()
    rows = max(1, fig._qnlib.get("legend_rows", 1))
    size = 11
    widest = max((h.get_markersize() for h in handles if hasattr(h, "get_markersize")), default=0.0)
    fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(LEFT, fig._qnlib["legend_y"]),
               ncols=math.ceil(len(labels) / rows), fontsize=size, borderaxespad=0.2,
               handlelength=max(2.0, widest / size + 0.4))  # fmt: skip


def legend_clashes(fig: Figure) -> list[str]:
    """What a legend inside its axes covers: a line (reference lines too), a bar, a marker or a label.
    A chart whose legend hides data or a target line fails its test instead of a briefing."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        for line in ax.get_lines():
            points = line.get_transform().transform(line.get_xydata())
            dense = np.vstack([np.linspace(a, b, 40) for a, b in itertools.pairwise(points)] or [points])
            if any(box.contains(x, y) for x, y in dense):
                found.append(f"line {line.get_label()!r}")
        found += [f"bar {p.get_label()!r}" for p in ax.patches if p.get_window_extent(renderer).overlaps(box)]
        found += [f"label {a.get_text()!r}" for a in ax.texts
                  if a.get_text() and Text.get_window_extent(a, renderer).overlaps(box)]  # fmt: skip
        for collection in ax.collections:
            centres = collection.get_offset_transform().transform(collection.get_offsets())
            radii = (
                np.sqrt(np.resize(collection.get_sizes(), len(centres)) if len(collection.get_sizes()) else 0)
                / 2
            )
            radii = radii * fig.dpi / 72
            if any(
                box.padded(r).contains(x, y) for (x, y), r in zip(centres, np.atleast_1d(radii), strict=False)
            ):
                found.append(f"markers {collection.get_label()!r}")
    return found


@cache
def _charmap(path: str) -> frozenset[int]:
    return frozenset(ft2font.FT2Font(path).get_charmap())


def missing_glyphs(fig: Figure) -> dict[str, str]:
    """Characters of the figure's text that its font cannot draw, by text."""
    missing = {}
    for text in fig.findobj(Text):
        content = text.get_text()
        if not content:
            continue
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        absent = "".join(sorted({c for c in content if not c.isspace() and ord(c) not in _charmap(path)}))
        if absent:
            missing[content] = absent
    return missing


def save(
    fig: Figure,
    notebook: str,
    figure: str,
    parameters: dict[str, Any],
    defaults: dict[str, Any],
    out_dir: Path = config.FIGURES_DIR,
) -> list[Path]:
    """Write ``fig`` as PNG and SVG (byte-identical on every run) and record it in the index."""
    missing = missing_glyphs(fig)
    if missing:
        detail = "; ".join(f"{chars!r} in {text[:40]!r}" for text, chars in missing.items())
        raise QnlibError(f"figure {notebook}/{figure}: the font cannot draw {detail}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = figure_stem(notebook, figure, parameters, defaults)
    png, svg = out_dir / f"{stem}.png", out_dir / f"{stem}.svg"
    # The SVG is drawn with the PNG's layout (the same picture) by a child on the other core while
    # this process draws the PNG (:mod:`qnlib.forking`).
    with _laid_out(fig, DPI):
        drawing = forking.start(lambda: _svg(fig))  # or here, first, where no core is spare
        try:
            png_bytes = _png(fig, DPI)
            svg_bytes = drawing.result()
        finally:
            drawing.cancel()
    # Drawn into memory and renamed into place: a reader (or a killed run) never sees half a file.
    write_atomic(png, png_bytes)
    write_atomic(svg, svg_bytes)
    meta = getattr(fig, "_qnlib", {})
    record = {
        "png": png.name,
        "svg": svg.name,
        "notebook": notebook,
        "figure": figure,
        "title": meta.get("title", ""),
        "subtitle": meta.get("subtitle", ""),
        "finding_title": meta.get("finding_title", ""),
        "label_title": meta.get("label_title", ""),
        "lang": parameters.get("lang", "vi"),
        "parameters": json.dumps(parameters, ensure_ascii=False, sort_keys=True),
        "source": meta.get("source", ""),
        "notes": list(meta.get("notes", [])),
        "title_band": meta.get("title_band", 0.0),
        "citations": list(meta.get("citations", [])),
        # Relative to the project and without a run time: the index changes only when a figure does.
        "executed_notebook": config.shown(executed)
        if (executed := os.environ.get("QNLIB_EXECUTED_NOTEBOOK"))
        else "",
    }
    index_dir = out_dir / INDEX_DIR
    index_dir.mkdir(exist_ok=True)
    write_atomic(index_dir / f"{stem}.json", json.dumps(record, ensure_ascii=False, indent=1))
    write_index(out_dir)
    return [png, svg]


def format_axis(
    ax: Axes, lang: str, which: str = "y", decimals: int = 0, percent: bool = False, integer: bool = False
) -> None:
    """Tick labels written the reader's way: "1.500" and "0,4" in Vietnamese, "1,500" and "0.4" in
    English; ``integer`` keeps ticks on whole numbers (counts of communes, households)."""
    axis = ax.yaxis if which == "y" else ax.xaxis
    axis.set_major_formatter(FuncFormatter(lambda value, _: fmt(value, lang, decimals, percent=percent)))
    if integer:
        axis.set_major_locator(MaxNLocator(integer=True))


def label_bars(
    ax: Axes, bars: Any, labels: Sequence[str], *, inside: bool = False, horizontal: bool = False, **text: Any
) -> None:
    """Write a value label on each bar (outside its end, or inside when asked)."""
    for bar, label in zip(bars, labels, strict=True):
        if horizontal:
            x, y = bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2
            ax.annotate(label, (x, y), xytext=(-4 if inside else 4, 0), textcoords="offset points",
                        ha="right" if inside else "left", va="center", **text)  # fmt: skip
        else:
            x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()
            ax.annotate(label, (x, y), xytext=(0, -4 if inside else 3), textcoords="offset points",
                        ha="center", va="top" if inside else "bottom", **text)  # fmt: skip
