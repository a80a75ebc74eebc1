"""``mfa-reader search`` as a script writer uses it: filters in the query or as options."""

from __future__ import annotations

import json
import os
from pathlib import Path

from snapshot_apps.sample_cache import AR_URL, EN_URL, ZH_URL, fill_cache
from test_cli import mfa


def _hits(*args: str) -> list[dict[str, object]]:
    out = mfa("search", *args, "--json", check=True).stdout
    hits: list[dict[str, object]] = json.loads(out)
    return hits


def test_search_narrowed_by_options_or_by_the_query(tmp_path: Path) -> None:
    fill_cache(Path(os.environ["MFA_READER_CACHE"])).close()
    assert {h["url"] for h in _hits('"17 October"')} == {EN_URL}
    assert [h["url"] for h in _hits("外交部", "--edition", "zh")] == [ZH_URL]
    assert _hits("外交部", "--edition", "en") == []
    assert [h["url"] for h in _hits("وزارة الخارجية edition:ar")] == [AR_URL]
    assert _hits('"17 October"', "--since", "2025-10-18") == []
    assert [h["url"] for h in _hits('"17 October"', "--until", "2025-10-17")] == [EN_URL]
    assert [h["url"] for h in _hits('"17 October" until:2025-10-17')] == [EN_URL]
    assert _hits('"17 October"', "--section", "spokesperson-remarks") == []
    hit = _hits('"trade talks"', "--section", "press-conferences")[0]
    assert hit["url"] == EN_URL and hit["edition"] == "en" and hit["published"]
    snippets = hit["snippets"]
    assert isinstance(snippets, list) and 1 < len(snippets) <= 3
    assert all("[[trade talks]]" in s for s in snippets)


def test_bad_filters_are_usage_errors_that_say_why(tmp_path: Path) -> None:
    fill_cache(Path(os.environ["MFA_READER_CACHE"])).close()
    result = mfa("search", "trade edition:xx")
    assert result.returncode == 2
    assert "edition:xx" in result.stderr and "en, zh" in result.stderr
    result = mfa("search", "trade", "--since", "2025-13-01")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    result = mfa("search", "trade", "--section", "nowhere")
    assert result.returncode == 2 and "nowhere" in result.stderr
    result = mfa("search", "edition:en")
    assert result.returncode == 2 and "give something to search for" in result.stderr
