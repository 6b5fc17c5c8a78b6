"""The datasets qnlib builds, each declared next to the parser that makes it."""

from __future__ import annotations

import pandas as pd

from ..errors import QnlibError
from . import indicators, loans, ntm, ntm_levels, places, programme, reported, scorecard
from .base import Dataset, Tables

__all__ = ["REGISTRY", "Dataset", "Tables", "catalogue", "get"]

REGISTRY: dict[str, Dataset] = {
    d.name: d
    for d in [
        loans.DATASET,
        *ntm.DATASETS,
        ntm_levels.DATASET,
        *indicators.DATASETS,
        reported.DATASET,
        scorecard.DATASET,
        *programme.DATASETS,
        places.DATASET,
    ]
}


def get(name: str) -> Dataset:
    """The dataset called ``name``; an unknown name lists the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise QnlibError(f"unknown dataset {name!r}; known datasets: {', '.join(REGISTRY)}") from None


def catalogue(lang: str = "vi") -> pd.DataFrame:
    """One row per dataset: name, title (in ``lang``), description, source document, table and unit."""
    return pd.DataFrame(
        [
            {
                "name": d.name,
                "title": d.title_in(lang),
                "description": d.description,
                "source": d.source,
                "table": d.table,
                "unit": d.unit_in(lang),
            }
            for d in REGISTRY.values()
        ]
    )
