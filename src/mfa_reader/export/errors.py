"""Errors of exporting and printing, each with a message written for the user."""

from __future__ import annotations


class ExportError(Exception):
    """Exporting failed; ``str(error)`` is a one-line message for the user (nothing was written)."""


class MissingFontError(ExportError):
    """No installed font has some characters of the article; ``package`` is what to install."""

    def __init__(self, message: str, package: str, characters: str) -> None:
        super().__init__(message)
        self.package = package
        self.characters = characters


class FileExistsExportError(ExportError):
    """The destination exists and overwriting was not asked for; the message does not say how to
    ask (``--force`` on the command line, a question in the reader)."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class PrintError(Exception):
    """Printing is not possible or failed; ``str(error)`` says why and what to do instead."""

    def __init__(self, message: str, reason: str = "failed") -> None:
        super().__init__(message)
        self.reason = reason  # "no-lp", "no-scheduler", "no-printer", "unknown-printer", "failed"
