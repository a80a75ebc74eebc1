"""Every value on the command line is read as what it means, or refused: exit 2, and a message
naming the option, the value and the form expected. Never a traceback, never a silent answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mfa_reader.cache import Cache
from mfa_reader.cli import main
from mfa_reader.model import ArticleRef

EN = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/"
ZH = "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse's own usage errors
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["list", "--limit", "99999999999999999999"], ["--limit", "99999999999999999999", "1 to"]),
        (["list", "--limit", "ten"], ["--limit", "'ten'", "whole number"]),
        (["search", "Gaza", "--limit", "0"], ["--limit", "'0'", "from 1"]),
        (["search", "Gaza", "--limit", "-1"], ["--limit", "'-1'"]),
        (["list", "--since", "2025-13-45"], ["--since", "YYYY-MM-DD", "2025-13-45"]),
        (["list", "--since", "yesterday"], ["--since", "YYYY-MM-DD", "yesterday"]),
        (["list", "--since", "2025-4-1"], ["--since", "YYYY-MM-DD", "2025-4-1"]),
        (["list", "--since", "2025-1-5"], ["--since", "YYYY-MM-DD"]),
        (["export", "--format", "jsonl", "--since", "notadate"], ["--since", "YYYY-MM-DD"]),
        (["sync", "--edition", ","], ["no edition", "all"]),
        (["sync", "--edition", "en,klingon"], ["unknown edition klingon"]),
        (["sync", "--pages", "0"], ["--pages", "'0'"]),
        (["list", "--edition", "en,de"], ["unknown edition de"]),
        (["show", "http://[::1/t20251001_1.html"], ["not a valid address"]),
        (["show", "https://example.com/eng/t20251001_1.html"], ["not an address of the ministry"]),
        (["show", "12345", "--wrap", "-3"], ["--wrap", "'-3'"]),
        (["export", "12345", "--wrap", "-3"], ["--wrap", "'-3'"]),
    ],
)
def test_bad_values_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert out == ""
    for word in words:
        assert word in err


def test_a_bad_since_writes_no_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(
        capsys, "export", "--format", "jsonl", "--since", "notadate", "-o", str(tmp_path)
    )
    assert code == 2 and list(tmp_path.iterdir()) == []


def _listed(cache_path: Path) -> None:
    from datetime import date

    with Cache.open(cache_path) as cache:
        cache.add_refs(
            [
                ArticleRef(EN + "t1.html", "1", "en", None, "January fifth", date(2025, 1, 5)),
                ArticleRef(EN + "t2.html", "2", "en", None, "February first", date(2025, 2, 1)),
                ArticleRef(EN + "t3.html", "3", "en", None, "Last year", date(2024, 12, 31)),
                ArticleRef(ZH + "t4.shtml", "4", "zh", None, "一月十日", date(2025, 1, 10)),
            ]
        )


def test_since_compares_days_as_days(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    _listed(cache)
    code, out, _ = run(capsys, "--cache", str(cache), "list", "--since", "2025-01-05", "--json")
    assert code == 0
    # As text, "2025-1-5" > "2025-02-01": the February article used to be dropped.
    assert [e["title"] for e in json.loads(out)] == ["February first", "一月十日", "January fifth"]


@pytest.mark.parametrize(
    ("edition", "titles"),
    [
        ("all", {"January fifth", "February first", "Last year", "一月十日"}),
        ("en,zh", {"January fifth", "February first", "Last year", "一月十日"}),
        ("zh", {"一月十日"}),
    ],
)
def test_list_takes_editions_as_sync_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, edition: str, titles: set[str]
) -> None:
    cache = tmp_path / "cache.sqlite3"
    _listed(cache)
    code, out, _ = run(capsys, "--cache", str(cache), "list", "--edition", edition, "--json")
    assert code == 0 and {e["title"] for e in json.loads(out)} == titles


def test_the_limit_is_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    _listed(cache)
    code, out, _ = run(capsys, "--cache", str(cache), "list", "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)) == 2


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--help"], ["COMMAND", "search", "export", "--cache"]),
        (["--cache", "list", "search", "--help"], ["QUERY", "--limit", "--edition", "--cache"]),
        (["serch", "Gaza"], ["invalid choice: 'serch'", "'search'", "'list'"]),
        (["--cache"], ["--cache", "expected one argument"]),
    ],
)
def test_help_and_unknown_commands_name_what_there_is(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == (0 if "--help" in argv else 2)
    for word in words:
        assert word in out + err
