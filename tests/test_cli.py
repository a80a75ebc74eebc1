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


OFFLINE = "http://127.0.0.1:9"  # nothing listens there: the site cannot be reached
NO_RETRIES = {"MFA_READER_RETRIES": "0"}


def mfa(
    *args: str, check: bool = False, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mfa_reader", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
        cwd=cwd,
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
        env={"MFA_READER_SPACING": "0"},  # politeness is the fetcher's tests' business
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


EN_NEWEST = "/eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
EN_OLDER = "/eng/xw/fyrbt/lxjzh/202510/t20251016_99001016.html"
FMPRC = "https://www.fmprc.gov.cn"


def test_show_asks_again_for_an_article_seen_removed(site_server: SiteServer) -> None:
    site_server.fault(EN_NEWEST, "soft404")  # the site is down for maintenance
    assert sync_all(site_server, "--bodies").returncode == 0
    assert FMPRC + EN_NEWEST not in [e["url"] for e in listed()]
    still = mfa("show", FMPRC + EN_NEWEST, "--origin", site_server.origin)
    assert still.returncode == 3 and "removed" in still.stderr
    site_server.clear_fault(EN_NEWEST)
    back = mfa("show", FMPRC + EN_NEWEST, "--origin", site_server.origin, check=True)
    assert "Regular Press Conference on October 17, 2025" in back.stdout
    assert site_server.count(EN_NEWEST) == 3  # the sync, then each show asked the site
    assert next(e for e in listed() if e["url"] == FMPRC + EN_NEWEST)["fetched"]


def test_show_of_an_article_removed_after_it_was_read_gives_the_kept_text(
    site_server: SiteServer,
) -> None:
    from mfa_reader.cache import Cache

    assert sync_all(site_server, "--bodies").returncode == 0
    with Cache.open(Path(os.environ["MFA_READER_CACHE"])) as cache:
        cache.mark_removed(FMPRC + EN_NEWEST)  # seen removed by an earlier run
    site_server.fault(EN_NEWEST, "soft404")
    shown = mfa("show", FMPRC + EN_NEWEST, "--origin", site_server.origin, check=True)
    assert "Regular Press Conference on October 17, 2025" in shown.stdout
    assert "removed from the site on 20" in shown.stderr and "as last seen" in shown.stderr
    as_json = json.loads(
        mfa("show", FMPRC + EN_NEWEST, "--json", "--origin", site_server.origin, check=True).stdout
    )
    assert as_json["removed_at"] and as_json["blocks"]
    # Offline, it is the same kept text, and the message says the site could not be asked.
    offline = mfa("show", FMPRC + EN_NEWEST, "--origin", OFFLINE, check=True, env=NO_RETRIES)
    assert "Regular Press Conference on October 17, 2025" in offline.stdout
    assert "could not be asked again" in offline.stderr


def test_show_of_a_page_the_site_answers_404_exits_3(site_server: SiteServer) -> None:
    missing = FMPRC + "/eng/xw/fyrbt/lxjzh/202510/t20251099_99009999.html"
    result = mfa("show", missing, "--origin", site_server.origin)
    assert result.returncode == 3 and "removed" in result.stderr and "404" in result.stderr


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("https://example.com/eng/202510/t20251001_1.html", "not an address of the ministry"),
        ("http://[::1/t20251001_1.html", "not a valid address"),
        ("https://www.fmprc.gov.cn/eng/xw/", "not the address of an article"),
    ],
)
def test_show_of_an_address_that_is_not_an_article_is_a_usage_error(
    address: str, words: str
) -> None:
    result = mfa("show", address)
    assert result.returncode == 2 and words in result.stderr


def test_show_of_an_address_that_moved_gives_the_article_it_moved_to(
    site_server: SiteServer,
) -> None:
    site_server.fault(EN_NEWEST, "redirect", location=EN_OLDER)
    shown = mfa("show", FMPRC + EN_NEWEST, "--origin", site_server.origin, check=True)
    assert "October 16, 2025" in shown.stdout and "October 17, 2025" not in shown.stdout
    assert f"moved on the site to {FMPRC + EN_OLDER}" in shown.stderr
    again = mfa("show", FMPRC + EN_NEWEST, "--origin", OFFLINE, check=True, env=NO_RETRIES)
    assert "October 16, 2025" in again.stdout and "moved" in again.stderr


def test_sync_and_import_say_what_they_did_as_one_json_object(
    site_server: SiteServer, tmp_path: Path
) -> None:
    site_server.fault(EN_NEWEST, "status", status=503)
    result = sync_all(site_server, "--bodies", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert FMPRC + EN_OLDER in report["new"] and report["articles"] > 0
    assert report["failed"] == [
        {"where": FMPRC + EN_NEWEST, "reason": report["failed"][0]["reason"], "retry_helps": True}
    ]
    assert "503" in report["failed"][0]["reason"]
    assert "run the same command again" in result.stderr  # a 503 may pass
    mirror = tmp_path / "mirror" / "www.fmprc.gov.cn"
    shutil.copytree(FIXTURE_SITE / "eng", mirror / "eng")
    (mirror / "eng" / "broken.html").write_text("not a page", encoding="utf-8")
    imported = mfa("import", str(tmp_path / "mirror"), "--json")
    assert imported.returncode == 1
    report = json.loads(imported.stdout)
    assert report["new"] == [FMPRC + EN_NEWEST]  # the one the sync could not fetch
    assert [f["where"] for f in report["failed"]] == [str(mirror / "eng" / "broken.html")]
    assert report["failed"][0]["retry_helps"] is False
    assert "run the same command again" not in imported.stderr


def test_running_again_is_offered_only_when_it_can_help(site_server: SiteServer) -> None:
    # The fixture site lacks most Chinese sections: their lists answer 404, for good.
    result = mfa(
        "sync", "--origin", site_server.origin, "--edition", "zh", env={"MFA_READER_SPACING": "0"}
    )
    assert result.returncode == 1
    assert "404" in result.stderr and "not at this address" in result.stderr
    assert "run the same command again" not in result.stderr


def test_export_to_standard_output(site_server: SiteServer) -> None:
    assert sync_all(site_server, "--bodies").returncode == 0
    entry = listed("--edition", "en")[0]
    text = mfa("export", str(entry["doc_id"]), "-f", "txt", "-o", "-", check=True)
    assert text.stdout.startswith(str(entry["title"]))
    many = mfa("export", "--edition", "en", "-f", "jsonl", "-o", "-", check=True)
    lines = [json.loads(line) for line in many.stdout.splitlines()]
    assert [line["url"] for line in lines] == [e["url"] for e in listed("--edition", "en")]


def test_verbose_prints_the_requests_and_log_file_keeps_them(
    site_server: SiteServer, tmp_path: Path
) -> None:
    log = tmp_path / "logs" / "mfa-reader.log"
    result = mfa(
        "--verbose",
        "sync",
        "--origin",
        site_server.origin,
        "--edition",
        "en",
        "--section",
        "press-conferences",
        env={"MFA_READER_SPACING": "0", "MFA_READER_LOG_FILE": str(log)},
    )
    assert result.returncode == 0, result.stderr
    assert f"GET {site_server.origin}/eng/xw/fyrbt/lxjzh/" in result.stderr
    assert f"GET {site_server.origin}/eng/xw/fyrbt/lxjzh/index_1.html" in log.read_text("utf-8")
    quiet = mfa("list", env={"MFA_READER_LOG_FILE": str(log)})
    assert "GET" not in quiet.stderr and quiet.returncode == 0


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
    # The English press conferences of the fixture site: 4 articles, listed on 2 list pages.
    assert result.stdout.startswith("4 new, 0 updated, 0 removed (4 articles and 2 list pages")
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
    assert "--force" in again.stderr
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
