"""What the reader loads before its first paint: nothing of the network, the parser, the bidi
libraries or the export (they load when first used), so the list appears as fast as Textual can."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "httpx",
    "mfa_reader.sync",
    "mfa_reader.fetcher",
    "mfa_reader.parser",
    "selectolax",
    "arabic_reshaper",
    "bidi",
    "mfa_reader.export",
    "typst",
    "textual.widgets._markdown",
    "mfa_reader.ui.article_layout",
    "mfa_reader.distinct_titles",
    "mfa_reader.diffs",
    "mfa_reader.ui.screens.versions",
    "mfa_reader.ui.article_recheck",
    "mfa_reader.report",
)


def test_importing_the_app_leaves_heavy_modules_for_later() -> None:
    code = (
        "import sys, json, mfa_reader.ui.app\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == []
