"""Every path the project uses, in one place.

Paths are resolved from this file's location, never from the current working
directory, so the CLI, the notebooks and the tests behave the same wherever
they are started. Functions that read or write take these as defaults and accept
other directories as arguments (the tests build into temporary directories).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent

DATA_DIR = ROOT / "data"
# The environment variables let a benchmark or a test work on a copy of the documents.
RAW_DIR = Path(os.environ.get("QNLIB_RAW_DIR", DATA_DIR / "raw"))
PROCESSED_DIR = Path(os.environ.get("QNLIB_PROCESSED_DIR", DATA_DIR / "processed"))
SOURCES_FILE = RAW_DIR / "sources.yml"

NOTEBOOKS_DIR = ROOT / "notebooks"
# Where notebooks write figures and where the runner writes executed notebooks. The environment
# variables exist so the runner can hand the choice to its kernels (and tests can use a temporary
# directory); by default both are inside the project.
FIGURES_DIR = Path(os.environ.get("QNLIB_FIGURES_DIR", ROOT / "figures"))
FIGURE_INDEX = FIGURES_DIR / "index.csv"
REPORTS_DIR = Path(os.environ.get("QNLIB_REPORTS_DIR", ROOT / "reports"))  # executed notebooks, changes.md
EXECUTED_NOTEBOOKS_DIR = Path(os.environ.get("QNLIB_EXECUTED_DIR", REPORTS_DIR / "notebooks"))
# The briefing pack (`qnlib brief`): decks, code-free HTML reports, index.html.
BRIEFS_DIR = Path(os.environ.get("QNLIB_BRIEFS_DIR", ROOT / "briefs"))

# Held by `qnlib build`, `run` and `brief` so that only one of them writes at a time (qnlib.run.lock).
LOCK_FILE = Path(os.environ.get("QNLIB_LOCK_FILE", ROOT / ".qnlib.lock"))

# Declared observations read out of the reports' prose (issue: income, poverty, targets).
OBSERVATIONS_FILE = PACKAGE_DIR / "observations.yml"

PROCESSED_MANIFEST = "manifest.json"
WORKBOOK_NAME = "qnlib.xlsx"


def shown(path: Path) -> str:
    """How messages and tables name a file: relative to the project when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
