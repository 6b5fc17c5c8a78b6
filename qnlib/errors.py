"""Errors that reach the user as one clear sentence instead of a traceback.

Parsers work on plain text and know only line numbers; the layer that read the
file adds its path (:meth:`QnlibError.in_file`), so every message names the file,
the line and what was expected.
"""

from __future__ import annotations

from pathlib import Path


class QnlibError(Exception):
    """Base class: anything the CLI reports as a one-line message with exit code 2."""


class ParseError(QnlibError):
    """A raw document does not have the shape or content the parser expects."""

    def __init__(
        self,
        expected: str,
        *,
        found: str | None = None,
        line: int | None = None,
        file: str | Path | None = None,
    ) -> None:
        self.expected = expected
        self.found = found
        self.line = line
        self.file = str(file) if file is not None else None
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.file or "<text>"
        if self.line is not None:
            where += f", line {self.line}"
        message = f"{where}: expected {self.expected}"
        if self.found is not None:
            found = self.found if len(self.found) <= 80 else self.found[:77] + "..."
            message += f", found {found!r}"
        return message

    def in_file(self, file: str | Path) -> ParseError:
        """The same error, naming the file it came from (keeps an already named file)."""
        if self.file is not None:
            return self
        return type(self)(self.expected, found=self.found, line=self.line, file=file)


class UnknownPlaceError(ParseError):
    """A district or commune name that the places registry does not know."""


class ValidationError(QnlibError):
    """A dataset breaks its schema; the message lists every failure at once."""


class ParameterError(QnlibError):
    """An invalid notebook parameter, reported before any kernel starts."""


def unnamed_source(source_id: str) -> QnlibError:
    """A row cites an article the caller did not name: a clear error instead of an id on a slide."""
    return QnlibError(
        f"cannot name the source {source_id!r}: it is none of the documents; name the articles reported "
        "later with articles= (qnlib.reported.article_names) or pass reported= (the dataset)"
    )
