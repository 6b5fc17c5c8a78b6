"""One-line bugs a person could make, each pinned by a test that fails when it is made (issue 19)."""

import json

import pandas as pd
import pytest

from qnlib.datasets import get
from qnlib.datasets.base import validate
from qnlib.deadlines import parse_deadline
from qnlib.errors import ValidationError
from qnlib.run import uptodate


def _notebook(tmp_path, cells):
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_a_markdown_only_change_reruns_the_notebook(tmp_path):
    """Hashing only the code cells would leave a report with the old words."""
    code = {"cell_type": "code", "source": ["x = 1"], "metadata": {}, "outputs": [], "execution_count": None}
    before = uptodate.ingredients(
        _notebook(tmp_path, [code, {"cell_type": "markdown", "source": ["Old"], "metadata": {}}]), {}, "c"
    )
    after = uptodate.ingredients(
        _notebook(tmp_path, [code, {"cell_type": "markdown", "source": ["New"], "metadata": {}}]), {}, "c"
    )
    assert before["notebook"] != after["notebook"]


def test_a_lone_hang_nam_is_a_recurring_deadline_without_years():
    deadline = parse_deadline("Hàng năm", line=1)
    assert (deadline.form, deadline.start_year, deadline.end_year, deadline.due, deadline.recurring) == (
        "annual", None, None, None, True)  # fmt: skip


def test_swapped_coordinates_fail_the_provinces_bounding_box(data):
    """Quảng Ninh lies within 20°40'–21°40' N and 106°26'–108°31' E: a latitude and longitude swapped
    (21.0, 107.0 -> 107.0, 21.0) cannot pass."""
    places = data["places"].copy()
    places.loc[0, ["latitude", "longitude"]] = places.loc[0, ["longitude", "latitude"]].to_numpy()
    with pytest.raises(ValidationError, match="latitude"):
        validate(places, get("places").schema, "places")


def test_announced_counts_at_the_edges_of_their_range():
    """The "KẾT QUẢ THỰC HIỆN 73 NHIỆM VỤ" title is read whatever its number's width."""
    from qnlib.datasets.programme import ANNOUNCED

    for text, number in [("KẾT QUẢ THỰC HIỆN 1 NHIỆM VỤ", 1), ("KẾT QUẢ THỰC HIỆN 73 NHIỆM VỤ", 73),
                         ("KẾT QUẢ THỰC HIỆN 100 NHIỆM VỤ", 100)]:  # fmt: skip
        found = ANNOUNCED.search(text)
        assert found is not None and int(found.group(1)) == number, text


def test_a_row_that_only_moved_is_reported_as_moved_not_changed():
    from qnlib.run.changes import _frame_changes

    old = pd.DataFrame({"year": [2022, 2022], "district": ["Hạ Long", "Cô Tô"], "households": [10, 20],
                        "source": ["d", "d"], "line": [5, 6]})  # fmt: skip
    assert _frame_changes("loans", old, old.assign(line=[7, 8])) == {
        "added": [], "removed": [], "changed": [], "moved": 2}  # fmt: skip
    changed = _frame_changes("loans", old, old.assign(line=[7, 8], households=[10, 21]))
    assert changed["moved"] == 1 and changed["changed"] == ["2022 · Cô Tô (line 8): households 20 → 21"]


def test_a_template_edit_makes_processed_data_stale(tmp_path, monkeypatch):
    """The processed files are a function of qnlib's code *and* its templates (dataset titles, check
    texts): leaving the templates out of the fingerprint would keep serving stale words."""
    import shutil

    from qnlib import config, store

    package = tmp_path / "qnlib"
    shutil.copytree(config.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    before = store.code_hash()
    template = package / "templates" / "datasets.yml"
    template.write_text(template.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert store.code_hash() != before
