import pytest

from qnlib.sources import Corpus, read_corpus


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The five raw documents of data/raw/."""
    return read_corpus()
