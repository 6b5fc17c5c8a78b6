"""Atomic writes: a write that fails part-way leaves the previous file and no temporary file."""

import errno
import io

import pytest

from qnlib import files


class _DiskFillsUp(io.BytesIO):
    """A file that takes a few bytes and then fails as a full disk does."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def write(self, data):
        with open(self.path, "wb") as real:  # half the data reaches the disk
            real.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_midway_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    files.write_atomic(target, b"previous deck")
    monkeypatch.setattr(files, "open", lambda path, mode: _DiskFillsUp(path), raising=False)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"new deck " * 1000)
    assert target.read_bytes() == b"previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]  # the half-written temporary is gone


def test_text_is_written_as_utf8(tmp_path):
    path = files.write_atomic(tmp_path / "index.html", "Quảng Ninh")
    assert path.read_bytes() == "Quảng Ninh".encode()
