"""The run machinery moved to qnlib.run (issue 20): the old names still import, warn, and are the same
modules (so a monkeypatch or an isinstance check through either name sees one object)."""

import importlib
import sys

import pytest

MOVED = ["runner", "uptodate", "lock", "changes", "notebook", "parameters"]


@pytest.mark.parametrize("name", MOVED)
def test_the_old_name_warns_and_is_the_same_module(name):
    new = importlib.import_module(f"qnlib.run.{name}")
    sys.modules.pop(f"qnlib.{name}", None)  # import the old name afresh, as an old notebook would
    with pytest.warns(DeprecationWarning, match=rf"qnlib\.{name} moved to qnlib\.run\.{name}"):
        old = importlib.import_module(f"qnlib.{name}")
    assert old is new
    assert sys.modules[f"qnlib.{name}"] is new


def test_the_package_imports_nothing_more():
    """``import qnlib.run`` stays light: a notebook pays only for the modules it uses (``import qnlib``
    itself brings ``changes``, which the store records builds with)."""
    import subprocess

    code = ("import sys, qnlib; before = set(sys.modules); import qnlib.run; "
            "print(sorted(set(sys.modules) - before - {'qnlib.run'}))")  # fmt: skip
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "[]"


def test_nothing_in_the_project_uses_the_old_names():
    """Our own code, notebooks and tests import from qnlib.run: no DeprecationWarning in a run."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    names = "|".join(MOVED)  # a mention in ``double backticks`` (the package's own history) is not a use
    pattern = re.compile(rf"from qnlib import [\w, ]*\b({names})\b|(?<![.\w`])qnlib\.({names})\b")
    files = [*root.glob("qnlib/**/*.py"), *root.glob("notebooks/*.ipynb"), *root.glob("benchmarks/*.py"),
             *root.glob("tests/**/*.py"), root / "README.md", *root.glob("docs/*.md")]  # fmt: skip
    shims = {root / "qnlib" / f"{name}.py" for name in MOVED}
    found = [f"{f.relative_to(root)}: {m.group(0)}" for f in files if f not in shims and f != Path(__file__)
             for m in pattern.finditer(f.read_text(encoding="utf-8"))]  # fmt: skip
    assert found == []
