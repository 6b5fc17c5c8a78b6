import numpy as np
import pytest
from matplotlib.figure import Figure

from qnlib.charts import maps


@pytest.mark.parametrize("away", [4.0, 40.0])
def test_a_label_box_moved_by_arithmetic_is_where_matplotlib_draws_it(away):
    """Label placement measures a label once and moves its box to each candidate position; the moved box
    must be the one matplotlib measures for an annotation there, in every direction."""
    fig = Figure(figsize=(8, 6), dpi=150)
    ax = fig.add_subplot()
    ax.set(xlim=(106.5, 108.0), ylim=(20.9, 21.6))
    maps.fix_layout(fig)
    renderer = fig.canvas.get_renderer()
    anchor = (107.2, 21.3, 6.0, 0)  # a marker of radius 6 points
    style = {"fontsize": 10.5, "fontweight": "bold"}
    size = maps.text_box(maps._annotate(ax, "Đầm Hà\n6.000", anchor, 1, 1, 4.0, style), renderer).size
    point = ax.transData.transform(anchor[:2])
    for dx, dy in maps.DIRECTIONS:
        drawn = maps.text_box(
            maps._annotate(ax, "Đầm Hà\n6.000", anchor, dx, dy, away - 6.0, style), renderer
        )
        moved = maps._moved_box(point, away, dx, dy, size, fig.dpi)
        assert np.allclose(moved.bounds, drawn.bounds, atol=1e-6), (dx, dy)
