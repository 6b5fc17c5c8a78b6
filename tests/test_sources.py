from pathlib import Path

import pytest

from qnlib import config
from qnlib.errors import ParseError
from qnlib.sources import Document, load_reported_files, load_sources, read_document, sha256_of

SEEDS = config.ROOT.parent / "shared" / "seeds"


def test_every_raw_file_is_listed_and_unchanged():
    sources = load_sources()
    assert len(sources) == 5
    listed = {s.file for s in sources.values()}
    on_disk = {p.name for p in config.RAW_DIR.glob("*.txt")}
    assert listed == on_disk
    for source in sources.values():
        assert sha256_of(config.RAW_DIR / source.file) == source.sha256, f"{source.file} was modified"


def test_every_reported_article_is_listed_and_unchanged():
    """The articles of data/raw/reported are checksummed like the documents: an edit to a quotation
    or a figure must come with a new hash in sources.yml."""
    articles = load_reported_files()
    assert len(articles) == 18
    assert {a.file for a in articles.values()} == {
        p.relative_to(config.RAW_DIR).as_posix() for p in (config.RAW_DIR / "reported").glob("*.yml")
    }
    for article in articles.values():
        assert sha256_of(config.RAW_DIR / article.file) == article.sha256, f"{article.file} was modified"


@pytest.mark.skipif(not SEEDS.exists(), reason="the shared seeds folder is not next to this clone")
def test_raw_files_are_byte_identical_to_the_seeds():
    for source in load_sources().values():
        assert (config.RAW_DIR / source.file).read_bytes() == (SEEDS / source.seed).read_bytes()


def test_sources_describe_each_document():
    sources = load_sources()
    assert sources["nq2022_ocr"].is_ocr
    assert sum(s.is_ocr for s in sources.values()) == 1
    for source in sources.values():
        assert source.title and source.issuer and source.date and source.tables


def test_lines_are_numbered_like_an_editor():
    document = Document.from_text("a\r\nb\u2028still b\n\nd")
    assert document.lines == ("a", "b\u2028still b", "", "d")
    assert document.line(4) == "d"


def test_missing_and_undecodable_files_are_clear_errors(tmp_path: Path):
    source = next(iter(load_sources().values()))
    with pytest.raises(ParseError, match="raw document 'bc06_2022' listed in sources.yml"):
        read_document(source, tmp_path)
    (tmp_path / source.file).write_bytes(b"ok\nbad \xff\xfe here\n")
    with pytest.raises(ParseError, match=r"line 2: expected UTF-8 text"):
        read_document(source, tmp_path)
