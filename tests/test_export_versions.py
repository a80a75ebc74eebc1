"""Every export names the text it was made from ("as published on the site, seen DATE"), an
earlier text can be exported (``--version N``), and JSON Lines can carry every text kept.

The sample cache's English conference was edited twice after it was first seen (versions 1 to 3,
at fixed times), the Chinese one once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from snapshot_apps.sample_cache import BACK, EDITED, EN_URL, FIRST_SEEN, ZH_URL, fill_cache
from test_cli import OFFLINE, mfa

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)
EN = "t20251017_99001017"
ZH = "t20251017_99101017"
LATEST = "3 of 3, as published on the site, seen 2025-10-21 06:15 UTC"
FIRST = "1 of 3, as published on the site, seen 2025-10-17 11:30 UTC"


@pytest.fixture(autouse=True)
def edited_cache() -> Iterator[None]:
    """The sample cache, edited, where the commands look for it; nothing reaches the network."""
    fill_cache(Path(os.environ["MFA_READER_CACHE"]), edited=True).close()
    os.environ["MFA_READER_ORIGIN"] = OFFLINE
    yield
    del os.environ["MFA_READER_ORIGIN"]


def export(*args: str) -> str:
    return mfa("export", *args, "-o", "-", check=True).stdout


def test_text_and_markdown_name_the_version(tmp_path: Path) -> None:
    text = export(EN, "-f", "txt")
    assert f"Version:   {LATEST}\n" in text
    markdown = export(EN, "-f", "md")
    front = markdown.split("---\n")[1]
    assert "version: 3\nversions: 3\n" in front
    assert f'version_seen: "{BACK}"' in front
    assert f"Version: {LATEST}" in markdown.split("---\n", 2)[2]  # and said under the title


def test_an_earlier_text_is_exported_under_a_name_of_its_own(tmp_path: Path) -> None:
    text = export(EN, "-f", "txt", "--version", "1")
    assert f"Version:   {FIRST}\n" in text
    assert "The visit will take place next week." in text  # the first text, not the latest
    assert "That concludes today's press conference" not in text
    latest = Path(mfa("export", EN, "-f", "txt", "-o", f"{tmp_path}/", check=True).stdout.strip())
    first = mfa("export", EN, "-f", "txt", "-o", f"{tmp_path}/", "--version", "1", check=True)
    assert "exporting version 1 of 3, as published on the site" in first.stderr
    earlier = Path(first.stdout.strip())
    assert earlier.name == latest.name.replace(".txt", "-v1.txt")
    assert "next week" in earlier.read_text("utf-8") and "next week" not in latest.read_text()
    missing = mfa("export", EN, "-f", "txt", "--version", "7", "-o", "-")
    assert missing.returncode == 2 and "has no version 7; it has versions 1 to 3" in missing.stderr
    many = mfa("export", "--edition", "en", "-f", "txt", "--version", "1", "-o", f"{tmp_path}/")
    assert many.returncode == 2 and "--version N exports an earlier text of one article" in (
        many.stderr
    )


def test_json_names_the_version_and_json_lines_can_carry_every_text() -> None:
    record = json.loads(export(EN, "-f", "json"))
    assert record["version"] == {"number": 3, "of": 3, "seen_at": BACK}
    assert "versions" not in record
    lines = export("--edition", "en,zh", "-f", "jsonl", "--versions").splitlines()
    records = {r["url"]: r for r in map(json.loads, lines)}
    english = records[EN_URL]
    assert [v["number"] for v in english["versions"]] == [1, 2, 3]
    assert [v["seen_at"] for v in english["versions"]] == [FIRST_SEEN, EDITED, BACK]
    first_text = " ".join(b["text"] for b in english["versions"][0]["blocks"])
    assert "The visit will take place next week." in first_text
    assert records[ZH_URL]["version"] == {"number": 2, "of": 2, "seen_at": EDITED}
    assert all(len(r["versions"]) == r["version"]["of"] for r in records.values())
    plain = json.loads(export("--edition", "en", "-f", "jsonl").splitlines()[0])
    assert "versions" not in plain and plain["version"]["number"] >= 1
    refused = mfa("export", EN, "-f", "pdf", "--versions", "-o", "-")
    assert refused.returncode == 2 and "--versions adds every text kept to a JSON" in (
        refused.stderr
    )


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.split())


@needs_poppler
def test_the_pdf_names_the_version_in_the_articles_language(tmp_path: Path) -> None:
    english = Path(mfa("export", EN, "-o", f"{tmp_path}/", check=True).stdout.strip())
    assert f"Version: {LATEST}" in pdf_text(english)
    first = mfa("export", EN, "--version", "1", "-o", f"{tmp_path}/", check=True)
    assert f"Version: {FIRST}" in pdf_text(Path(first.stdout.strip()))
    chinese = Path(mfa("export", ZH, "-o", f"{tmp_path}/", check=True).stdout.strip())
    said = "版本：第2版（共2版），网站所发布的文本，2025-10-18 09:00 UTC所见"
    assert said.replace(" ", "") in pdf_text(chinese).replace(" ", "")  # typst spaces CJK its way
    combined = mfa(
        "export", "--edition", "en,zh", "--combine", "-o", f"{tmp_path}/all.pdf", check=True
    )
    shown = pdf_text(Path(combined.stdout.strip()))
    assert f"Version: {LATEST}" in shown and "第2版（共2版）" in shown.replace(" ", "")
