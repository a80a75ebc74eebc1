"""`mfa-reader parse FILE`: what it prints and how it exits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "mfa_pages"
PRESS = PAGES / "en_current_article_lxjzh_press-conference_2025-10-17_t20251017_11735636.html"
REMOVED = PAGES / "soft404_maintenance_page_for_legacy_url_t20210325_9170713.html"
needs_pages = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/mfa_pages is absent")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mfa_reader", *args], capture_output=True, text=True, timeout=60
    )


@needs_pages
def test_parse_article_as_json() -> None:
    result = run("parse", str(PRESS), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "article"
    assert data["title"].startswith("Foreign Ministry Spokesperson Lin Jian’s")
    assert data["published"] == "2025-10-17T19:15:00+08:00"
    assert data["section"] == "press-conferences"
    assert set(data["translations"]) == {"zh", "fr", "es", "ru"}
    assert [b["kind"] for b in data["blocks"]].count("image") == 3
    assert set(data["blocks"][1]) == {"kind", "text", "src", "speaker"}
    assert (data["blocks"][1]["kind"], data["blocks"][1]["speaker"]) == ("question", "Reuters")


@needs_pages
def test_parse_article_as_text() -> None:
    result = run("parse", str(PRESS))
    assert result.returncode == 0, result.stderr
    assert "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference" in result.stdout
    assert "Lin Jian: The latest statistics" in result.stdout


@needs_pages
def test_removed_page_exits_3() -> None:
    result = run("parse", str(REMOVED))
    assert result.returncode == 3
    assert "removed" in result.stderr
    assert result.stdout == ""


def test_unparsable_page_exits_4(tmp_path: Path) -> None:
    page = tmp_path / "junk.html"
    page.write_bytes(b"\x00\x01\x02binary")
    result = run("parse", str(page))
    assert result.returncode == 4
    assert "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_page_needs_its_address_then_parses(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<!doctype html><html><body><div class='news_list'>"
        "<div><a href='./202510/t20251017_11.html'>First</a><div>October 17, 2025</div></div>"
        "<div><a href='./202510/t20251016_10.html'>Second</a><div>October 16, 2025</div></div>"
        "</div><script>var countPage = 7;</script></body></html>",
        encoding="utf-8",
    )
    no_url = run("parse", str(page), "--json")
    assert no_url.returncode == 4 and "--url" in no_url.stderr
    result = run("parse", str(page), "--json", "--url", "https://www.fmprc.gov.cn/eng/xw/zyxw/")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kind": "listing",
        "url": "https://www.fmprc.gov.cn/eng/xw/zyxw/",
        "page_count": 7,
        "items": [
            {
                "url": "https://www.fmprc.gov.cn/eng/xw/zyxw/202510/t20251017_11.html",
                "title": "First",
                "date": "2025-10-17",
            },
            {
                "url": "https://www.fmprc.gov.cn/eng/xw/zyxw/202510/t20251016_10.html",
                "title": "Second",
                "date": "2025-10-16",
            },
        ],
    }


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
