"""The command line against the fixture site on 127.0.0.1: what a script writer sees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from siteserver import FIXTURE_SITE, SiteServer

EDITIONS = ("en", "zh", "fr", "es", "ru", "ar")


def mfa(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mfa_reader", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=os.environ.copy(),
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def sync_all(server: SiteServer, *extra: str) -> subprocess.CompletedProcess[str]:
    return mfa(
        "sync",
        "--origin",
        server.origin,
        "--edition",
        "all",
        "--section",
        "press-conferences",
        *extra,
    )


def listed(*args: str) -> list[dict[str, object]]:
    out = mfa("list", "--json", "--limit", "1000", *args, check=True).stdout
    entries: list[dict[str, object]] = json.loads(out)
    return entries


def test_sync_then_list_search_show(site_server: SiteServer) -> None:
    first = sync_all(site_server, "--bodies")
    assert first.returncode == 0, first.stderr
    assert " new," in first.stdout and "0 failed" in first.stdout
    entries = listed()
    assert {e["edition"] for e in entries} == set(EDITIONS)
    assert all(e["fetched"] for e in entries)
    # Newest first.
    dates = [str(e["published"]) for e in entries]
    assert dates == sorted(dates, reverse=True)

    again = sync_all(site_server)
    assert again.returncode == 0
    assert again.stdout.startswith("0 new, 0 updated, 0 removed, 0 failed")
    assert listed() == entries

    hits = json.loads(mfa("search", "记者会", "--json", check=True).stdout)
    assert hits and all(h["edition"] == "zh" for h in hits)
    assert "[[记者会]]" in hits[0]["snippet"]

    zh = listed("--edition", "zh")
    shown = mfa("show", str(zh[0]["doc_id"]), check=True).stdout
    assert str(zh[0]["title"]) in shown
    as_json = json.loads(mfa("show", str(zh[0]["url"]), "--json", check=True).stdout)
    assert as_json["edition"] == "zh" and as_json["blocks"]


def test_show_fetches_an_article_only_listed(site_server: SiteServer) -> None:
    assert sync_all(site_server).returncode == 0
    entry = next(e for e in listed("--edition", "fr") if not e["fetched"])
    before = site_server.count()
    shown = mfa("show", str(entry["doc_id"]), "--origin", site_server.origin, check=True)
    assert str(entry["title"]) in shown.stdout
    assert site_server.count() == before + 1
    assert next(e for e in listed("--edition", "fr") if e["url"] == entry["url"])["fetched"]


def test_site_refusal_is_reported_and_the_rest_completes(site_server: SiteServer) -> None:
    site_server.fault("/eng/xw/fyrbt/lxjzh/", "status", status=403)
    result = sync_all(site_server)
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert "run the same command again" in result.stderr
    # A refusal stops that host (www.fmprc.gov.cn serves en fr es ru ar): lists of it already under
    # way may finish, the refused one is not listed; www.mfa.gov.cn goes on.
    editions = {e["edition"] for e in listed()}
    assert "zh" in editions and "en" not in editions


def test_usage_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    result = mfa("sync", "--edition", "xx")
    assert result.returncode == 2 and "unknown edition xx" in result.stderr
    result = mfa("list", "--edition", "zh", "--section", "nope")
    assert result.returncode == 2 and "nope" in result.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('colour = "red"\n', encoding="utf-8")
    result = mfa("list", "--config", str(bad))
    assert result.returncode == 2 and "colour" in result.stderr


def test_editions_and_sections_show_native_names() -> None:
    editions = mfa("editions", check=True).stdout
    for name in ("English", "简体中文", "Français", "Español", "Русский", "عربي"):
        assert name in editions
    sections = json.loads(mfa("sections", "--edition", "zh", "--json", check=True).stdout)
    assert {"id": "press-conferences", "name": "例行记者会实录"}.items() <= sections[0].items()


def test_import_a_mirrored_folder(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror" / "www.fmprc.gov.cn"
    shutil.copytree(FIXTURE_SITE / "eng", mirror / "eng")
    result = mfa("import", str(tmp_path / "mirror"), check=True)
    # The English press conferences of the fixture site: 3 articles, listed on 2 list pages.
    assert result.stdout.startswith("3 new, 0 updated, 0 removed (3 articles and 2 list pages")
    entries = listed("--edition", "en")
    assert entries and all(
        str(e["url"]).startswith("https://www.fmprc.gov.cn/eng/") for e in entries
    )
    assert mfa("import", str(tmp_path / "mirror"), check=True).stdout.startswith("0 new")


def test_corrupt_cache_is_moved_aside_and_work_goes_on(tmp_path: Path) -> None:
    cache = Path(os.environ["MFA_READER_CACHE"])
    cache.write_bytes(b"this is not a database" * 100)
    result = mfa("list")
    assert result.returncode == 0
    assert "moved to" in result.stderr
    assert list(cache.parent.glob(cache.name + ".corrupt-*"))


def test_export_text_markdown_pdf_and_jsonl(site_server: SiteServer, tmp_path: Path) -> None:
    assert sync_all(site_server, "--bodies").returncode == 0
    entry = listed("--edition", "en")[0]
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("txt", "md"):
        path = Path(
            mfa(
                "export", str(entry["doc_id"]), "-f", fmt, "-o", str(out), check=True
            ).stdout.strip()
        )
        assert path.suffix == f".{fmt}" and str(entry["title"]) in path.read_text("utf-8")
    again = mfa("export", str(entry["doc_id"]), "-f", "txt", "-o", str(out))
    assert again.returncode == 1 and "already exists" in again.stderr
    jsonl = mfa("export", "--edition", "en", "--format", "jsonl", "-o", str(out / "en.jsonl"))
    assert jsonl.returncode == 0, jsonl.stderr
    lines = (out / "en.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(listed("--edition", "en"))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    pdf = Path(
        mfa(
            "export",
            str(entry["doc_id"]),
            "-f",
            "pdf",
            "-o",
            str(out),
            "--origin",
            site_server.origin,
            check=True,
        ).stdout.strip()
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Regular Press Conference" in " ".join(text.split())


def test_cache_flag_before_or_after_the_command(tmp_path: Path) -> None:
    cache = tmp_path / "elsewhere.sqlite3"
    mfa("import", str(FIXTURE_SITE / "eng" / "xw" / "fyrbt" / "lxjzh"), "--cache", str(cache))
    assert cache.exists()
    before = json.loads(mfa("--cache", str(cache), "list", "--json", check=True).stdout)
    after = json.loads(mfa("list", "--json", "--cache", str(cache), check=True).stdout)
    assert before == after and before
    folder = mfa("list", "--cache", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
