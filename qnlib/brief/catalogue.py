"""``briefs/index.html`` (Vietnamese) and ``briefs/index__en.html``: every figure of the
language with its title, parameters and source, and that language's decks and reports.

Built from the figure records in ``figures/`` (all figures present, from any run) and the
files in ``briefs/``. Links are relative, so the project folder can be moved or zipped whole.
Each page is in one language and links the other.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .. import config
from ..filenames import INDEX_DIR
from ..files import write_atomic
from ..run import parameters
from ..words import t
from .outputs import FigureRecord, read_record
from .report import TEMPLATE_DIR

__all__ = ["write_index"]


INDEX = {"vi": "index.html", "en": "index__en.html"}


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


def _pack(briefs_dir: Path, lang: str) -> list[dict[str, str]]:
    files = []
    for path in sorted(briefs_dir.glob(f"*__{lang}.pptx")) + sorted(briefs_dir.glob(f"*__{lang}.html")):
        if path.name in INDEX.values():
            continue
        kind = "brief.index_deck" if path.suffix == ".pptx" else "brief.index_report"
        files.append({"name": path.name, "href": path.name, "what": t(kind, lang)})
    return files


@cache
def _template() -> Any:
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    return environment.get_template("index.html.j2")


def _groups(figures_dir: Path, link: str, lang: str) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for path in sorted((figures_dir / INDEX_DIR).glob("*.json")):
        if (figures_dir / f"{path.stem}.png").exists():
            record = read_record(path.stem, figures_dir)
            if record.parameters.get("lang", "vi") == lang:
                groups.setdefault(record.notebook, []).append(_figure_row(record, link))
    order = [name for name in parameters.NOTEBOOKS if name in groups] + sorted(
        set(groups) - set(parameters.NOTEBOOKS)
    )
    return [
        {
            "name": t(f"brief.notebook_{name}", lang) if name in parameters.NOTEBOOKS else name,
            "figures": groups[name],
        }
        for name in order
    ]


def write_index(briefs_dir: Path, figures_dir: Path = config.FIGURES_DIR) -> list[Path]:
    """Rebuild ``index.html`` (Vietnamese) and ``index__en.html`` from the figures present and the
    pack's files; returns their paths."""
    briefs_dir, figures_dir = Path(briefs_dir), Path(figures_dir)
    link = Path(os.path.relpath(figures_dir.resolve(), briefs_dir.resolve())).as_posix()
    written = []
    for lang, name in INDEX.items():
        other = next(code for code in INDEX if code != lang)
        labels = {
            key: t(f"brief.index_{key}", lang)
            for key in ("pack", "figure", "title_column", "files", "parameters")
        }
        html = _template().render(
            lang=lang,
            title=t("brief.index_title", lang),
            lead=t("brief.index_lead", lang),
            other={"href": INDEX[other], "text": t("brief.index_other", other)},
            files=_pack(briefs_dir, lang),
            groups=_groups(figures_dir, link, lang),
            labels={**labels, "source": t("source", lang), "notes": t("note", lang)},
        )
        written.append(write_atomic(briefs_dir / name, html))
    return written
