"""What a notebook run produced, read back from its executed notebook and the figure records.

The executed notebook is the record of a run: :meth:`qnlib.run.notebook.NotebookRun.save` and
``say`` tag their outputs, so the figures (in the order the notebook shows them) and the
conclusions are found there, and each figure's title, source and notes in the record
:func:`qnlib.plotting.save` wrote next to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import config
from ..errors import QnlibError
from ..filenames import INDEX_DIR
from ..run.runner import Result
from ..run.tags import tagged_outputs

__all__ = ["FigureRecord", "RunOutputs", "plain_text", "read_outputs", "read_record"]


@dataclass(frozen=True)
class FigureRecord:
    stem: str
    png: Path
    svg: Path
    notebook: str
    title: str
    subtitle: str
    source: str
    notes: tuple[str, ...]
    parameters: dict[str, Any]
    title_band: float  # the top share of the picture that holds its title
    citations: tuple[dict[str, str], ...] = ()  # the articles a value comes from (URL, quotation)


@dataclass(frozen=True)
class RunOutputs:
    result: Result
    figures: tuple[FigureRecord, ...] = ()
    conclusions: tuple[str, ...] = ()  # Markdown, as the notebook showed them

    @property
    def ok(self) -> bool:
        return self.result.ok


def read_record(stem: str, figures_dir: Path = config.FIGURES_DIR) -> FigureRecord:
    """The record of the figure ``stem``; a figure whose record or PNG is missing is an error."""
    figures_dir = Path(figures_dir)
    path = figures_dir / INDEX_DIR / f"{stem}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        png, svg = figures_dir / record["png"], figures_dir / record["svg"]
    except (OSError, ValueError, KeyError) as error:
        raise QnlibError(
            f"missing figure {stem!r}: no readable record {path} ({type(error).__name__})"
        ) from None
    for file in (png, svg):
        if not file.is_file():
            raise QnlibError(f"missing figure {stem!r}: {file} does not exist (run the notebook again)")
    notes = record.get("notes") or []
    return FigureRecord(
        stem=stem,
        png=png,
        svg=svg,
        notebook=record["notebook"],
        title=record["title"],
        subtitle=record.get("subtitle", ""),
        source=record.get("source", ""),
        notes=tuple(notes if isinstance(notes, list) else [n for n in notes.split(" | ") if n]),
        parameters=json.loads(record.get("parameters") or "{}"),
        title_band=float(record.get("title_band") or 0.0),
        citations=tuple(record.get("citations") or ()),
    )


def read_outputs(result: Result, figures_dir: Path = config.FIGURES_DIR) -> RunOutputs:
    """The figures and conclusions of a successful run, in the order the notebook showed them."""
    if not result.ok:
        return RunOutputs(result)
    import nbformat

    try:
        nb = nbformat.read(result.job.output, as_version=4)
    except (OSError, ValueError) as error:
        raise QnlibError(f"{result.job.output}: cannot read the executed notebook: {error}") from None
    figures, conclusions = [], []
    for tag, output in tagged_outputs(nb.cells):
        if "figure" in tag:
            figures.append(read_record(tag["figure"], figures_dir))
        elif "conclusion" in tag:
            conclusions.append(output["data"]["text/markdown"])
    return RunOutputs(result, tuple(figures), tuple(conclusions))


def plain_text(markdown: str) -> str:
    """Markdown conclusions as speaker-notes text: bullets kept as "•", emphasis and code marks dropped."""
    text = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda m: next(g for g in m.groups() if g), markdown)
    return re.sub(r"^\s*[-*] ", "• ", text, flags=re.MULTILINE).strip()
