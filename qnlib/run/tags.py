"""How a notebook marks the outputs meant for readers, and how they are found again.

``run.save`` and ``run.say`` (:mod:`qnlib.run.notebook`) tag their outputs; ``qnlib brief`` and the
up-to-date check read them back from the executed notebook. Reading needs only the notebook's JSON,
so it lives here, apart from the notebook side and its plotting imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

OUTPUT_TAG = "qnlib"


def tagged_outputs(cells: Iterable[Any]) -> Iterator[tuple[dict[str, str], Any]]:
    """(tag, output) for every output ``save`` or ``say`` marked, in notebook order (cells as
    nbformat nodes or plain JSON)."""
    for cell in cells:
        for output in cell.get("outputs", []):
            tag = output.get("metadata", {}).get(OUTPUT_TAG)
            if tag:
                yield tag, output


def output_tag(**values: str) -> dict[str, dict[str, str]]:
    """The metadata marking a notebook output as a saved figure or a conclusion (read by ``qnlib brief``)."""
    return {OUTPUT_TAG: values}
