"""A test fails when the parser turns an unexpected error into ``ParseError`` during it.

The parser's catch-all (``mfa_reader.parser._guarded``) gives the user a one-line ``ParseError``
for any error, and logs the error with its trace first. The expected failures (a page that cannot
be read) raise ``ParseError`` themselves and log nothing at that level. So an error logged there is
a bug that the catch-all would otherwise hide from the tests. Registered in conftest.py for every
test.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

PARSER_LOGGER = "mfa_reader.parser"


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _parser_bugs_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    logger = logging.getLogger(PARSER_LOGGER)
    monkeypatch.setattr(logger, "disabled", False)  # (a test that set up logging may have)
    recorder = _Recorder()
    logger.addHandler(recorder)
    try:
        yield
    finally:
        logger.removeHandler(recorder)
    if recorder.records:
        traces = "\n".join(recorder.format(record) for record in recorder.records)
        pytest.fail(
            f"the parser turned an unexpected error into ParseError:\n{traces}", pytrace=False
        )
