"""What every notebook does first and last: check its parameters, save figures, write conclusions.

>>> run = start("loans_by_district", years=[2021, 2022], metric="planned_mvnd", lang="vi")
>>> run.save(fig, "planned_mvnd")          # figures/loans_by_district__planned_mvnd__vi.png and .svg
>>> run.say(vi="Tổng vốn …", en="Total capital …")   # a conclusion in the run's language
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from . import config, parameters, plotting

__all__ = ["NotebookRun", "start"]


@dataclass(frozen=True)
class NotebookRun:
    name: str
    params: dict[str, Any]
    defaults: dict[str, Any]
    figures_dir: Path = config.FIGURES_DIR

    @property
    def lang(self) -> str:
        return self.params.get("lang", "vi")

    def save(self, fig: Figure, figure: str) -> list[Path]:
        """Save ``fig`` as PNG and SVG under ``figures/`` with a name built from the parameters."""
        return plotting.save(fig, self.name, figure, self.params, self.defaults, self.figures_dir)

    def pick(self, vi: str, en: str) -> str:
        return vi if self.lang == "vi" else en

    def say(self, vi: str, en: str) -> None:
        """Show a conclusion (Markdown) in the run's language."""
        from IPython.display import Markdown, display

        display(Markdown(self.pick(vi, en)))


def start(notebook: str, **values: Any) -> NotebookRun:
    """Validate the notebook's parameters (one clear error if any is wrong) and set the plot style."""
    checked = parameters.validate(notebook, **values)
    plotting.use_style()
    return NotebookRun(notebook, checked, parameters.defaults(notebook))
