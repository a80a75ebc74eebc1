"""The guard every test runs under (parser_guard.py): a parser bug must not pass as a ParseError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"

INNER_TESTS = r"""
import pytest

import mfa_reader.parser.article
from mfa_reader.parser import ParseError, parse_article, parse_page

PAGE = (
    b"<!doctype html><html><head><meta name='ArticleTitle' content='A title'></head>"
    b"<body><div class='TRS_UEDITOR'><p>October 17, 2025. Text.</p></div></body></html>"
)
URL = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_1.html"


def test_a_bug_in_the_parser(monkeypatch):
    def classify_with_a_bug(raw, lang):
        return 1 / 0

    monkeypatch.setattr(mfa_reader.parser.article, "classify", classify_with_a_bug)
    with pytest.raises(ParseError, match="ZeroDivisionError") as raised:
        parse_article(PAGE, URL)
    assert "\n" not in str(raised.value)  # what the user sees: one line


def test_an_expected_parse_failure():
    with pytest.raises(ParseError, match="empty"):
        parse_page(b"", URL)


def test_a_page_that_parses():
    assert parse_article(PAGE, URL).title == "A title"
"""


def test_a_bug_turned_into_parse_error_fails_its_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join((str(TESTS), str(SRC))))
    pytester.makeconftest('pytest_plugins = ("parser_guard",)')
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    # The bug's test errs (at teardown, showing the trace the parser logged); the others pass.
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_a_bug_in_the_parser*",
            "*the parser turned an unexpected error into ParseError:*",
            "*unexpected error while parsing a page*",
            "Traceback (most recent call last):",
            "*in classify_with_a_bug*",
            "ZeroDivisionError: division by zero",
        ]
    )
