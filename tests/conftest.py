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
