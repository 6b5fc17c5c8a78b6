"""Is a notebook run up to date? Decided by content, not by file times.

A run of (notebook, parameters) is skipped when its ingredients hash the same as at its
last successful run: the notebook's cells, the parameter values, the content of each
dataset the notebook actually read (noted by :func:`qnlib.load` while it ran), qnlib's
code and templates, and the versions of Python, pandas and matplotlib; and when what it
made (the executed notebook, its figures) is still there. The record of the last success
is a small JSON file beside the executed notebook: ``reports/notebooks/<run>.run.json``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..filenames import INDEX_DIR
from ..files import write_atomic
from .tags import tagged_outputs

__all__ = [
    "ingredients",
    "read_reads",
    "reads_path",
    "record_path",
    "shown_figures",
    "up_to_date",
    "write_record",
]


def record_path(executed: Path) -> Path:
    return Path(executed).with_suffix(".run.json")


def reads_path(executed: Path) -> Path:
    """Where the kernel notes the datasets it reads during the run (removed afterwards)."""
    executed = Path(executed)
    return executed.with_name(f".{executed.stem}.reads")


def _notebook_hash(path: Path) -> str:
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    text = json.dumps([(c["cell_type"], "".join(c["source"])) for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "pandas": version("pandas"),
        "matplotlib": version("matplotlib"),
    }


def ingredients(notebook: Path, params: dict[str, Any], code: str) -> dict[str, Any]:
    """Everything a run's outputs depend on, apart from the data it reads."""
    return {"notebook": _notebook_hash(notebook), "parameters": params, "code": code, "versions": _versions()}


def read_reads(path: Path) -> dict[str, str]:
    """The datasets a kernel noted (name -> content hash); empty when it read none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    return dict(line.split("\t", 1) for line in lines if "\t" in line)


def shown_figures(executed: Path) -> list[str]:
    """The figures (file stems) an executed notebook saved, in the order it showed them."""
    cells = json.loads(Path(executed).read_text(encoding="utf-8"))["cells"]
    return [tag["figure"] for tag, _ in tagged_outputs(cells) if "figure" in tag]


def write_record(
    executed: Path, made_of: dict[str, Any], datasets: dict[str, str], figures: list[str]
) -> Path:
    record = {"ingredients": made_of, "datasets": dict(sorted(datasets.items())), "figures": figures}
    return write_atomic(record_path(executed), json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def up_to_date(executed: Path, made_of: dict[str, Any], hashes: dict[str, str], figures_dir: Path) -> bool:
    """True when the last successful run had the same ingredients and data, and its outputs remain."""
    try:
        record = json.loads(record_path(executed).read_text(encoding="utf-8"))
        same = record["ingredients"] == made_of and all(
            hashes.get(name) == sha for name, sha in record["datasets"].items()
        )
        figures = record["figures"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False  # no record, or one this version cannot read: run
    present = Path(executed).is_file() and all(
        (Path(figures_dir) / name).is_file()
        for stem in figures
        for name in (f"{stem}.png", f"{stem}.svg", f"{INDEX_DIR}/{stem}.json")
    )
    return same and present
