"""What every notebook does first and last: check its parameters, save figures, show its words.

>>> run = start("loans_by_district", years=[2021, 2022], metric="planned_mvnd", lang="vi", title="finding")
>>> run.text("loans.intro")                                    # narrative from the templates, in the run's language
>>> run.table(charts.loans.district_table(table, metric, lang=run.lang))  # a table for readers
>>> run.save(charts.loans.metric(table, facts, **run.chart), "planned_mvnd")  # figures/…__planned_mvnd__vi.png
>>> run.say("loans.conclusions", facts)                        # conclusions from the templates

Everything a reader of the report sees is shown through ``text``, ``table``, ``save`` or ``say``:
each marks its output (``metadata["qnlib"]``), and the report keeps marked outputs only. Raw
frames an analyst displays in JupyterLab never reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from .. import config, plotting
from ..tables import Table
from ..words import render, t
from . import parameters
from .tags import OUTPUT_TAG, output_tag, tagged_outputs

__all__ = ["OUTPUT_TAG", "NotebookRun", "output_tag", "start", "tagged_outputs"]


@dataclass(frozen=True)
class NotebookRun:
    name: str
    params: dict[str, Any]
    defaults: dict[str, Any]
    figures_dir: Path = config.FIGURES_DIR

    @property
    def lang(self) -> str:
        return self.params.get("lang", "vi")

    @property
    def chart(self) -> dict[str, str]:
        """The keywords every chart function takes from the run: ``lang`` and ``title``."""
        return {"lang": self.lang, "title": self.params.get("title", "finding")}

    def save(self, fig: Figure, figure: str) -> None:
        """Save ``fig`` as PNG and SVG under ``figures/`` and show the PNG that was written.

        The notebook shows exactly the file a briefing will use, drawn once; the figure is not
        drawn again by the inline backend.
        """
        paths = plotting.save(fig, self.name, figure, self.params, self.defaults, self.figures_dir)
        from IPython.display import Image, display

        # The metadata tells `qnlib brief` which saved figure this output is, in notebook order.
        display(
            Image(data=paths[0].read_bytes(), format="png", width=960),
            metadata=output_tag(figure=paths[0].stem, alt=getattr(fig, "_qnlib", {}).get("title", "")),
        )

    def say(self, key: str, facts: Any) -> None:
        """Show a conclusion (Markdown) rendered from the template ``key`` in the run's language."""
        from IPython.display import Markdown, display

        display(Markdown(render(key, self.lang, facts)), metadata=output_tag(conclusion=key))

    def text(self, key: str, facts: Any = None) -> None:
        """Show a passage of the narrative (Markdown: headings, questions, data notes) from the
        template ``key``, filled with the run's parameters and, if given, the facts."""
        from IPython.display import Markdown, display

        values = {**self.params, **({f.name: getattr(facts, f.name) for f in fields(facts)} if facts else {})}
        values.pop("lang", None)
        display(Markdown(t(key, self.lang, **values)), metadata=output_tag(narrative=key))

    def table(self, table: Table) -> None:
        """Show a reader table (:mod:`qnlib.tables`), marked for the report."""
        from IPython.display import HTML, display

        display(HTML(table._repr_html_()), metadata=output_tag(table=table.name))


def start(notebook: str, **values: Any) -> NotebookRun:
    """Validate the notebook's parameters (one clear error if any is wrong) and set the plot style."""
    checked = parameters.validate(notebook, **values)
    plotting.use_style()
    return NotebookRun(notebook, checked, parameters.defaults(notebook))
