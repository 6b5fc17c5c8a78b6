"""Point maps without tiles: geocoded places on plain axes, labels placed so none overlap.

No package can ship Quảng Ninh's boundaries offline, so these maps show what the
``places`` dataset holds: geocoded points (not boundaries). Each map says so in its
notes. Axes are longitude/latitude with the aspect of the province's latitude, so
distances look right.

Labels are placed greedily: each tries positions around its point, nearest first,
and keeps the first that overlaps no label, no marker and no axes edge; far positions
get a thin leader line. :func:`overlaps` checks a drawn figure, and the tests call it
on every map.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Bbox

from ..words import fmt, t

__all__ = [
    "Placed",
    "box_centre_note",
    "fix_layout",
    "map_axes",
    "map_points",
    "misplaced",
    "overlaps",
    "place_labels",
    "places_note",
    "places_source",
    "spread",
]

SEA = "#F4F8FB"
LABEL_TAG = "qnlib_map_label"
# Directions tried around a point, right first (how maps are read), then above, left, below.
DIRECTIONS = [(1, 0), (1, 1), (1, -1), (0, 1), (0, -1), (-1, 0), (-1, 1), (-1, -1)]
DISTANCES = (4, 12, 22, 34, 48, 64, 82, 100)  # points from the marker's edge
LEADER_FROM = 24  # labels this far away get a leader line


def places_source(places: pd.DataFrame, lang: str) -> str:
    """How a map's source line names the package its points come from ("gói dữ liệu mở …")."""
    return t("maps.source", lang, name=places["source"].iloc[0])


def places_note(places: pd.DataFrame, lang: str) -> str:
    """The first note of every map: estimated points of the package, not boundaries."""
    return t("maps.geocoded", lang)


def map_points(places: pd.DataFrame) -> pd.DataFrame:
    """``places`` with the point each map draws (``x``, ``y``) and ``at_box_centre``.

    A geocoded point outside its own bounding box is an error of the geocoder (Kỳ Thượng's,
    in vietnamadminunits 1.0.4, lies in Hạ Long's city centre); it is drawn at the centre of
    the box instead, and the map names it in its notes.
    """
    inside = places["latitude"].between(places["lat_min"], places["lat_max"]) & places["longitude"].between(
        places["lon_min"], places["lon_max"]
    )
    return places.assign(
        x=places["longitude"].where(inside, (places["lon_min"] + places["lon_max"]) / 2),
        y=places["latitude"].where(inside, (places["lat_min"] + places["lat_max"]) / 2),
        at_box_centre=~inside,
    )


def box_centre_note(points: pd.DataFrame, lang: str) -> list[str]:
    """The note naming places drawn at their box's centre (none: no note)."""
    moved = points.loc[points["at_box_centre"], "name"]
    return [t("maps.box_centre", lang, names=", ".join(moved))] if len(moved) else []


def map_axes(
    ax: Axes, x: Sequence[float], y: Sequence[float], lang: str, pad: float = 0.08, min_span: float = 0.12
) -> None:
    """Longitude/latitude axes around the points, at the aspect of their latitude, no grid clutter;
    degrees written the reader's way ("21,6°B", "106,5°Đ" / "21.6°N", "106.5°E")."""
    x0, x1, y0, y1 = min(x), max(x), min(y), max(y)
    span_x, span_y = max(x1 - x0, min_span), max(y1 - y0, min_span)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # At least as wide as tall on screen: a narrow district leaves its labels room beside their points.
    span_x = max(span_x, span_y / math.cos(math.radians(cy)))
    ax.set_xlim(cx - span_x * (0.5 + pad), cx + span_x * (0.5 + pad))
    ax.set_ylim(cy - span_y * (0.5 + pad), cy + span_y * (0.5 + pad))
    ax.set_aspect(1 / math.cos(math.radians(cy)))  # a degree of longitude is shorter than one of latitude
    ax.set_facecolor(SEA)
    ax.grid(False)
    ax.tick_params(length=0, labelsize=10, colors="#8C8C8C")
    decimals = 1 if max(span_x, span_y) > 0.6 else 2
    for axis, hemisphere in ((ax.xaxis, t("maps.east", lang)), (ax.yaxis, t("maps.north", lang))):
        axis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        axis.set_major_formatter(lambda v, _, h=hemisphere: f"{fmt(v, lang, decimals)}°{h}")
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#D0D7DE")


def fix_layout(fig: Figure) -> None:
    """Lay the figure out now and keep it: labels are placed in screen space, so axes must not move."""
    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


def _same_point(x: Sequence[float], y: Sequence[float]) -> list[list[int]]:
    """Indices of the points, grouped by location (to a micro-degree), in order of first appearance."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, key in enumerate(zip(np.round(list(x), 6), np.round(list(y), 6), strict=True)):
        groups.setdefault(key, []).append(i)
    return list(groups.values())


def spread(
    ax: Axes, x: Sequence[float], y: Sequence[float], gap: float = 7.0
) -> tuple[np.ndarray, np.ndarray]:
    """Points that share a location (communes merged in 2024 share their holder's point) moved
    apart side by side by ``gap`` points, so each marker shows."""
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    to_screen, to_data = ax.transData, ax.transData.inverted()
    scale = ax.figure.dpi / 72
    for members in _same_point(x, y):
        for k, i in enumerate(members):
            shift = (k - (len(members) - 1) / 2) * gap * scale
            sx, sy = to_screen.transform((x[i], y[i]))
            x[i], y[i] = to_data.transform((sx + shift, sy))
    return x, y


def shared_labels(
    x: Sequence[float], y: Sequence[float], names: Sequence[str]
) -> tuple[list[str], list[list[int]]]:
    """One label per location: places sharing a point (see :func:`spread`) are named together,
    "Việt Dân, Tân Việt", next to any of their markers. Returns labels and ``groups`` for
    :func:`place_labels`."""
    groups, names = _same_point(x, y), list(names)
    return [", ".join(names[i] for i in group) for group in groups], groups


@dataclass(frozen=True)
class Placed:
    text: str
    annotation: Annotation
    distance: float  # points from the marker's edge (0 when it could not be placed)


def marker_boxes(ax: Axes, x: Sequence[float], y: Sequence[float], radii: Sequence[float]) -> list[Bbox]:
    scale = ax.figure.dpi / 72
    boxes = []
    for (sx, sy), r in zip(ax.transData.transform(np.column_stack([x, y])), radii, strict=True):
        boxes.append(Bbox.from_extents(sx - r * scale, sy - r * scale, sx + r * scale, sy + r * scale))
    return boxes


def line_boxes(ax: Axes, line: Any, step: float = 6.0) -> list[Bbox]:
    """Small boxes along a drawn line (every ``step`` pixels of each segment), so that a label placed
    with :func:`place_labels` does not sit on the line between its points. The line's own transform
    places it (a reference line from ``axhline`` spans the axes, whatever its data)."""
    points = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]))
    width = line.get_linewidth()
    half = width * ax.figure.dpi / 72
    boxes = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        count = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        for share in np.linspace(0, 1, count + 1):
            sx, sy = x0 + share * (x1 - x0), y0 + share * (y1 - y0)
            boxes.append(Bbox.from_extents(sx - half, sy - half, sx + half, sy + half))
    return boxes


def text_box(annotation: Annotation, renderer: Any) -> Bbox:
    """The box of a label's text alone (an annotation's own extent includes its leader line)."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


def _free(box: Bbox, taken: list[Bbox], frame: Bbox) -> bool:
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return inside and not any(box.overlaps(other) for other in taken)


def place_labels(
    ax: Axes,
    x: Sequence[float],
    y: Sequence[float],
    labels: Sequence[str],
    radii: Sequence[float],
    *,
    groups: Sequence[Sequence[int]] | None = None,
    obstacles: Sequence[Bbox] = (),
    distances: Sequence[float] = DISTANCES,
    **text: Any,
) -> list[Placed]:
    """Label points (x, y, marker radius in points) where no label overlaps another label, a
    marker or the axes' edge: nearest positions first, far ones with a leader line.

    By default label *i* names point *i*. With ``groups``, label *i* may sit next to any point of
    ``groups[i]`` (a district's name next to any of its communes), tried in that order. Call after
    :func:`fix_layout` and after drawing the markers; ``obstacles`` are more screen boxes to keep
    clear. Raises ``ValueError`` naming a label that finds no room, so a crowded map fails in the
    tests rather than in front of a reader.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer).padded(-2)
    taken = [*marker_boxes(ax, x, y, radii), *obstacles]
    markers = Markers(ax.transData.transform(np.column_stack([x, y])), np.asarray(radii) * ax.figure.dpi / 72)
    groups = groups if groups is not None else [[i] for i in range(len(labels))]
    style = {"fontsize": 10.5, "color": "#222222", **text}
    placed = []
    for label, group in zip(labels, groups, strict=True):
        found = _place(ax, renderer, label, [(x[i], y[i], radii[i], i) for i in group], distances, taken, frame,
                       markers, style, list(group))  # fmt: skip
        if found is None:
            raise ValueError(
                f"map label {label!r}: no room near its point without overlapping a label or marker"
            )
        placed.append(found)
    return placed


@dataclass(frozen=True)
class Markers:
    """Markers on screen: centres (pixels) and radii (pixels)."""

    centres: np.ndarray
    radii: np.ndarray

    def gaps(self, box: Bbox) -> np.ndarray:
        """How far each marker's edge is from ``box`` (negative when the box reaches into it)."""
        dx = np.maximum.reduce(
            [box.x0 - self.centres[:, 0], np.zeros(len(self.radii)), self.centres[:, 0] - box.x1]
        )
        dy = np.maximum.reduce(
            [box.y0 - self.centres[:, 1], np.zeros(len(self.radii)), self.centres[:, 1] - box.y1]
        )
        return np.hypot(dx, dy) - self.radii

    def _mine(self, owners: Sequence[int]) -> np.ndarray:
        """The markers at the place of any of ``owners`` (a dot and its ring are one marker)."""
        return np.any([np.hypot(*(self.centres - self.centres[i]).T) < 0.5 for i in owners], axis=0)

    def owns(self, box: Bbox, owners: Sequence[int], margin: float = 0.0) -> bool:
        """The marker nearest to ``box`` is one of ``owners`` (a district's name: any of its communes),
        by at least ``margin`` pixels."""
        gaps, mine = self.gaps(box), self._mine(owners)
        return bool(gaps[mine].min() + margin < gaps[~mine].min()) if (~mine).any() else True

    def clear_line(self, start: tuple[float, float], end: tuple[float, float], owners: Sequence[int]) -> bool:
        """A leader line from ``start`` (the text) to ``end`` (its marker) crosses no other marker."""
        points = np.linspace(start, end, 24)
        mine = self._mine(owners)
        for centre, radius in zip(self.centres[~mine], self.radii[~mine], strict=True):
            if np.any(np.hypot(*(points - centre).T) < radius):
                return False
        return True


HALIGN = {1: "left", 0: "center", -1: "right"}
VALIGN = {1: "bottom", 0: "center", -1: "top"}


def _place(ax: Axes, renderer: Any, label: str, anchors: list[tuple[float, float, float, int]],
           distances: Sequence[float], taken: list[Bbox], frame: Bbox, markers: Markers,
           style: dict[str, Any], owners: list[int]) -> Placed | None:  # fmt: skip
    """The first free position, nearest first, where the label is plainly its own marker's: nearer
    to it than to any other, and with a leader line that crosses no other marker.

    A label's box is the same at every position, moved: it is measured once and moved to each
    candidate arithmetically; only a candidate that passes is made an annotation and checked again
    as drawn (a map tries up to 64 positions a label)."""
    probe = _annotate(ax, label, anchors[0], 1, 1, distances[0], style)
    size = text_box(probe, renderer).size
    probe.remove()
    points = ax.transData.transform([anchor[:2] for anchor in anchors])  # on screen, once
    for distance in distances:
        for anchor, point in zip(anchors, points, strict=True):
            index = anchor[3]
            for dx, dy in DIRECTIONS:
                estimate = _moved_box(point, anchor[2] + distance, dx, dy, size, ax.figure.dpi)
                if not _fits(estimate, taken, frame, markers, index, owners, distance):
                    continue
                annotation = _annotate(ax, label, anchor, dx, dy, distance, style)
                label_box = text_box(annotation, renderer)
                if _fits(label_box, taken, frame, markers, index, owners, distance):  # as drawn
                    taken.append(label_box.padded(1.5))
                    annotation.set_gid(LABEL_TAG)
                    annotation.qnlib_owners = [tuple(markers.centres[i]) for i in owners]  # for misplaced()
                    return Placed(label, annotation, distance)
                annotation.remove()
    return None


def _moved_box(
    point: Sequence[float], away: float, dx: int, dy: int, size: Sequence[float], dpi: float
) -> Bbox:
    """The screen box of a label of ``size`` (pixels) set ``away`` points from ``point`` (pixels) in
    direction (dx, dy), aligned as :func:`_annotate` aligns it: what matplotlib would measure."""
    norm = math.hypot(dx, dy)
    x = point[0] + away * dx / norm * dpi / 72 - (1 - dx) * size[0] / 2  # left, centre, right
    y = point[1] + away * dy / norm * dpi / 72 - (1 - dy) * size[1] / 2  # bottom, centre, top
    return Bbox.from_bounds(x, y, size[0], size[1])


def _fits(label_box: Bbox, taken: list[Bbox], frame: Bbox, markers: Markers, index: int, owners: list[int],
          distance: float) -> bool:  # fmt: skip
    """The label's box is free, and plainly its marker's (by its leader line, or by being nearest)."""
    centre = tuple(markers.centres[index])
    return _free(label_box.padded(1.5), taken, frame) and (
        markers.clear_line(_nearest_point(label_box, centre), centre, owners)
        if distance >= LEADER_FROM
        else markers.owns(label_box, owners, margin=2.0)
    )


def _annotate(ax: Axes, label: str, anchor: tuple[float, float, float, int], dx: int, dy: int, distance: float,
              style: dict[str, Any]) -> Annotation:  # fmt: skip
    xi, yi, radius, _ = anchor
    norm = math.hypot(dx, dy)
    offset = ((radius + distance) * dx / norm, (radius + distance) * dy / norm)
    arrow = {"arrowstyle": "-", "color": "#9A9A9A", "lw": 0.7, "shrinkA": 0, "shrinkB": radius}
    return ax.annotate(label, (xi, yi), xytext=offset, textcoords="offset points", ha=HALIGN[dx], va=VALIGN[dy],
                       arrowprops=arrow if distance >= LEADER_FROM else None, **style)  # fmt: skip


def _nearest_point(box: Bbox, point: tuple[float, float]) -> tuple[float, float]:
    return (min(max(point[0], box.x0), box.x1), min(max(point[1], box.y0), box.y1))


def _markers_of(ax: Axes) -> Markers:
    """Every scatter marker of the axes, on screen (sizes are areas in points²)."""
    centres, radii = [], []
    for collection in ax.collections:
        offsets = collection.get_offsets()
        if not len(offsets) or not hasattr(collection, "get_sizes"):
            continue
        sizes = np.resize(collection.get_sizes(), len(offsets))
        centres.append(ax.transData.transform(offsets))
        radii.append(np.sqrt(sizes) / 2 * ax.figure.dpi / 72)
    if not centres:
        return Markers(np.zeros((0, 2)), np.zeros(0))
    return Markers(np.vstack(centres), np.concatenate(radii))


def misplaced(fig: Figure) -> list[str]:
    """Map labels that do not sit plainly by their own marker: another marker is nearer to the text
    (a label without a leader line), or the leader line crosses another marker."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        markers = _markers_of(ax)
        if not len(markers.radii):
            continue
        for label in (a for a in ax.texts if a.get_gid() == LABEL_TAG):
            anchor = ax.transData.transform([label.xy])[0]
            centres = [anchor, *getattr(label, "qnlib_owners", [])]
            owners = sorted({int(np.argmin(np.hypot(*(markers.centres - c).T))) for c in centres})
            box = text_box(label, renderer)
            own = tuple(markers.centres[owners[0]]) if len(owners) == 1 else tuple(anchor)
            leader = label.arrow_patch is not None
            if not (
                markers.clear_line(_nearest_point(box, own), own, owners)
                if leader
                else markers.owns(box, owners)
            ):
                found.append(label.get_text())
    return found


def overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of map labels whose boxes overlap, and labels that reach outside their axes ("", label)."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        labels = [a for a in ax.texts if a.get_gid() == LABEL_TAG]
        boxes = [text_box(a, renderer) for a in labels]
        frame = ax.get_window_extent(renderer)
        for a, box in zip(labels, boxes, strict=True):
            if not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1):
                found.append(("", a.get_text()))
        for i, (a, box_a) in enumerate(zip(labels, boxes, strict=True)):
            found += [(a.get_text(), b.get_text()) for b, box_b in zip(labels[i + 1 :], boxes[i + 1 :], strict=True)
                      if box_a.overlaps(box_b)]  # fmt: skip
    return found
