"""``figures/index.csv``: one row per figure present, from the records the notebooks wrote.

Written with the csv module, not pandas: the runner rebuilds the index after a command's runs,
and a process that only indexes should not import pandas and matplotlib (a second of a run).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from . import config
from .filenames import INDEX_DIR
from .files import write_atomic

__all__ = ["RECORD_ONLY", "write_index"]

RECORD_ONLY = ("title_band",)  # kept in the records for the briefing deck, not in index.csv


def _cell(column: str, value: Any) -> str:
    """A record's value as index.csv shows it: notes and citation URLs joined by " | "."""
    if column == "citations":  # one cell: the URLs of the articles, in order
        return " | ".join(c["url"] for c in value) if isinstance(value, list) else ""
    if isinstance(value, list):
        return " | ".join(value)
    return "" if value is None else str(value)


def write_index(out_dir: Path = config.FIGURES_DIR) -> Path:
    """Rebuild ``index.csv`` from the records of the figures present (one row per figure)."""
    out_dir = Path(out_dir)
    records = []
    for path in sorted((out_dir / INDEX_DIR).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if (out_dir / record["png"]).exists():
            records.append(record)
    columns = list(dict.fromkeys(k for record in records for k in record if k not in RECORD_ONLY))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(c, record.get(c)) for c in columns] for record in records)
    return write_atomic(out_dir / config.FIGURE_INDEX.name, buffer.getvalue())
