"""One HTML report per executed notebook: narrative, tables, figures and conclusions, no code.

nbconvert's HTML exporter with inputs and prompts hidden, through a template that adds a
heading in the report's language and the figures' sources, and drops the scripts the lab
template would fetch from the internet. Figures are already PNG data inside the executed
notebook, so they are embedded: the file can be emailed on its own.

Only what the notebook marked for readers reaches the report (:mod:`qnlib.run.notebook`: its
``text``, ``table``, ``save`` and ``say`` outputs, all in the run's language); the frames and
printouts an analyst looks at in JupyterLab are left out, as are Markdown cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .. import config
from ..errors import QnlibError
from ..run.tags import tagged_outputs

__all__ = ["TEMPLATE_DIR", "render_report"]

TEMPLATE_DIR = config.PACKAGE_DIR / "templates" / "html"
TEMPLATE = "qnlib_report"


@cache
def _exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )


def render_report(notebook: Path, lang: str, *, title: str, heading: str, lines: list[str],
                  sources_heading: str, sources: list[str], citations_heading: str = "",
                  citations: Sequence[dict[str, str]] = ()) -> str:  # fmt: skip
    """The HTML of ``notebook`` (an executed notebook) without its code; its footer lists the
    figures' sources and the articles they cite (``text`` and ``url`` each, the address a link)."""
    import nbformat

    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError) as error:
        raise QnlibError(f"{notebook}: cannot read the executed notebook: {error}") from None
    nb.metadata["title"] = title
    nb.cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number}"  # nbformat and papermill give new cells random ids on each run
        cell["outputs"] = [output for _, output in tagged_outputs([cell])]  # for readers only
    resources = {
        "metadata": {"name": title},
        "qnlib": {
            "heading": heading,
            "lines": lines,
            "sources_heading": sources_heading,
            "sources": sources,
            "citations_heading": citations_heading,
            "citations": list(citations),
        },
    }
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources)
    return body
