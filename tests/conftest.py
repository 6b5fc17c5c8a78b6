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
