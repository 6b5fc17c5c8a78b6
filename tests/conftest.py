import pytest

from qnlib.sources import Corpus, read_corpus


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The five raw documents of data/raw/."""
    return read_corpus()


@pytest.fixture(scope="session")
def data(corpus):
    """Every dataset, parsed from the raw documents (not from data/processed/)."""
    from qnlib.datasets import REGISTRY, Tables

    tables = Tables(corpus)
    return {name: dataset.build(tables) for name, dataset in REGISTRY.items()}


@pytest.fixture(autouse=True)
def _vietnamese_by_default(monkeypatch):
    """Tests see the command line's default language (Vietnamese) whatever the developer's shell sets."""
    monkeypatch.delenv("QNLIB_LANG", raising=False)


@pytest.fixture(autouse=True)
def _private_lock(monkeypatch, tmp_path_factory):
    """Each test's writers take a lock of their own (in this process and in the commands it starts):
    tests run in parallel (pytest-xdist), and a developer's own `make run` may hold the project's."""
    from qnlib import config

    lock = tmp_path_factory.mktemp("lock") / "project.lock"
    monkeypatch.setenv("QNLIB_LOCK_FILE", str(lock))
    monkeypatch.setattr(config, "LOCK_FILE", lock)


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """``data/processed/`` built once per test run (in a temporary folder), read-only: a test that needs
    "a previous build" copies it instead of building again (a build is seconds; many tests need one).
    With pytest-xdist the workers share it: the first one to need it builds it, under a file lock."""
    import os

    from filelock import FileLock

    from qnlib import config
    from qnlib.store import build

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all the workers' folders are in
    out = root / "built_once" / "processed"
    with FileLock(root / "built_once.lock"):
        if not (out / "manifest.json").exists():
            build(config.RAW_DIR, out)
    return out


@pytest.fixture
def previous_build(built_once, tmp_path):
    """A private copy of :func:`built_once` at ``tmp_path / "processed"``, byte for byte."""
    import shutil

    return shutil.copytree(built_once, tmp_path / "processed")


@pytest.fixture(scope="session")
def default_pack(tmp_path_factory):
    """``qnlib brief`` with its defaults (every notebook, Vietnamese and English) into temporary folders,
    once per test run: the pack's tests and the notebooks' tests read the same runs."""
    from qnlib.brief import brief

    out = tmp_path_factory.mktemp("brief")
    where = {"briefs_dir": out / "briefs", "figures_dir": out / "figures", "executed_dir": out / "notebooks"}
    return out, where, brief(log=lambda line: None, **where)
