"""``briefs/index.html``: every figure with its title, parameters and source, and the briefing pack.

Built from the figure records in ``figures/`` (all figures present, from any run) and the
files in ``briefs/``. Links are relative, so the project folder can be moved or zipped whole.
The page's own words are in both languages: it lists figures of both.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .. import config, parameters
from ..files import write_atomic
from ..plotting import INDEX_DIR
from ..words import t
from .outputs import FigureRecord, read_record
from .report import TEMPLATE_DIR

__all__ = ["write_index"]


def _both(key: str, **values: Any) -> str:
    vi, en = t(key, "vi", **values), t(key, "en", **values)
    return vi if vi == en else f"{vi} · {en}"


def _vietnamese_first(path: Path) -> tuple[bool, str]:
    return not path.stem.endswith("__vi"), path.stem


def _parameter_text(record: FigureRecord) -> str:
    defaults = parameters.defaults(record.notebook) if record.notebook in parameters.NOTEBOOKS else {}
    shown = {k: v for k, v in record.parameters.items() if k == "lang" or v != defaults.get(k)}
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(shown.items()))


def _figure_row(record: FigureRecord, link: str) -> dict[str, str]:
    return {
        "title": record.title,
        "subtitle": record.subtitle,
        "parameters": _parameter_text(record),
        "source": record.source,
        "notes": " | ".join(record.notes),
        "png": f"{link}/{record.png.name}",
        "svg": f"{link}/{record.svg.name}",
    }


def _pack(briefs_dir: Path) -> list[dict[str, str]]:
    files = []
    for path in sorted(briefs_dir.glob("*.pptx")) + sorted(briefs_dir.glob("*.html")):
        if path.name != "index.html":
            kind = "brief.index_deck" if path.suffix == ".pptx" else "brief.index_report"
            files.append({"name": path.name, "href": path.name, "what": _both(kind)})
    return files


@cache
def _template() -> Any:
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    return environment.get_template("index.html.j2")


def write_index(briefs_dir: Path, figures_dir: Path = config.FIGURES_DIR) -> Path:
    """Rebuild ``briefs_dir/index.html`` from the figures present and the pack's files."""
    briefs_dir, figures_dir = Path(briefs_dir), Path(figures_dir)
    link = Path(os.path.relpath(figures_dir.resolve(), briefs_dir.resolve())).as_posix()
    groups: dict[str, list[dict[str, str]]] = {}
    for path in sorted((figures_dir / INDEX_DIR).glob("*.json"), key=_vietnamese_first):
        if (figures_dir / f"{path.stem}.png").exists():
            record = read_record(path.stem, figures_dir)
            groups.setdefault(record.notebook, []).append(_figure_row(record, link))
    order = [name for name in parameters.NOTEBOOKS if name in groups] + sorted(
        set(groups) - set(parameters.NOTEBOOKS)
    )
    html = _template().render(
        title=_both("brief.index_title"),
        lead=_both("brief.index_lead"),
        files=_pack(briefs_dir),
        groups=[
            {
                "name": _both(f"brief.notebook_{name}") if name in parameters.NOTEBOOKS else name,
                "figures": groups[name],
            }
            for name in order
        ],
        labels={
            "pack": _both("brief.index_pack"),
            "figure": _both("brief.index_figure"),
            "title": _both("brief.index_title_column"),
            "source": _both("source"),
            "files": _both("brief.index_files"),
            "parameters": _both("brief.index_parameters"),
            "notes": _both("note"),
        },
    )
    return write_atomic(briefs_dir / "index.html", html)
