"""Importing saved pages and mirrored folders: what was on disk is readable from the cache."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mfa_reader.cache import Cache
from mfa_reader.importer import import_pages, site_url_of_path
from mfa_reader.model import Article
from mfa_reader.report import Progress, Step
from siteserver import FIXTURE_SITE
from test_sync import LEGACY_REMOVED, expected_site

FMPRC = "https://www.fmprc.gov.cn"
EN_NEWEST = "eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "reader.sqlite3") as c:
        yield c


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """The fixture site as ``wget --mirror`` leaves it: one folder per host."""
    root = tmp_path / "mirror"
    shutil.copytree(FIXTURE_SITE, root / "www.fmprc.gov.cn", ignore=shutil.ignore_patterns("web"))
    shutil.copytree(FIXTURE_SITE / "web", root / "www.mfa.gov.cn" / "web")
    return root


def test_addresses_come_from_the_mirrors_folders(tmp_path: Path) -> None:
    assert site_url_of_path(tmp_path / "www.fmprc.gov.cn" / "eng" / "a" / "t1.html") == (
        FMPRC + "/eng/a/t1.html"
    )
    assert site_url_of_path(tmp_path / "mfa.gov.cn" / "web" / "t2.shtml.html") == (
        "https://www.mfa.gov.cn/web/t2.shtml"
    )
    assert site_url_of_path(tmp_path / "saved" / "page.html") is None


def test_a_mirror_imports_as_the_site_syncs(cache: Cache, mirror: Path) -> None:
    events: list[Progress] = []
    report = import_pages(cache, [mirror], on_progress=events.append)
    assert report.failed == []
    expected = expected_site()
    for url, article in expected.items():
        entry = cache.entry(url)
        assert entry is not None, url
        if article is None:
            assert entry.removed, url
        else:
            assert cache.article(url) == article, url
    assert FMPRC + LEGACY_REMOVED in report.removed
    assert FMPRC + LEGACY_REMOVED not in report.new
    assert cache.missing_bodies() == []
    assert events[-1].step is Step.DONE and events[-1].pages_done == events[-1].pages_total
    # Importing again changes nothing.
    again = import_pages(cache, [mirror])
    assert (again.new, again.updated, again.failed) == ([], [], [])


def test_a_saved_page_finds_its_address_in_itself(cache: Cache, tmp_path: Path) -> None:
    saved = tmp_path / "Downloads" / "press conference.html"
    saved.parent.mkdir()
    shutil.copy(FIXTURE_SITE / EN_NEWEST, saved)
    report = import_pages(cache, [saved])
    assert report.new == [FMPRC + "/" + EN_NEWEST]
    article = cache.article(FMPRC + "/" + EN_NEWEST)
    assert isinstance(article, Article) and "October 17, 2025" in article.title


def test_bad_files_are_reported_and_the_rest_goes_in(cache: Cache, tmp_path: Path) -> None:
    folder = tmp_path / "www.fmprc.gov.cn" / "eng" / "xw" / "fyrbt" / "lxjzh" / "202510"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE_SITE / EN_NEWEST, folder / "t20251017_99001017.html")
    (folder / "t20251018_99001018.html").write_bytes(b"\x89PNG\r\n\x1a\n not a page")
    saved_list = tmp_path / "list.html"
    shutil.copy(FIXTURE_SITE / "eng/xw/fyrbt/lxjzh/index.html", saved_list)
    report = import_pages(cache, [tmp_path / "www.fmprc.gov.cn", saved_list, tmp_path / "nope"])
    reasons = {f.where: f.reason for f in report.failed}
    assert set(reasons) == {
        str(folder / "t20251018_99001018.html"),
        str(saved_list),
        str(tmp_path / "nope"),
    }
    assert "not an HTML page" in reasons[str(folder / "t20251018_99001018.html")]
    assert "www.fmprc.gov.cn" in reasons[str(saved_list)]
    assert "no such file" in reasons[str(tmp_path / "nope")]
    assert report.new == [FMPRC + "/" + EN_NEWEST]


HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="A statement">
<meta name="PubDate" content="2025-10-17"><title>A statement</title></head><body>
<div class="news_header"><div class="news_header_title">A \u202estatement\u202c</div>
<div class="news_header_lang"><span data-desc="中文"><a href="file:///etc/passwd"></a></span>
<span data-desc="法文"><a href="javascript:alert(1)"></a></span></div></div>
<div class="content_text"><div class="TRS_UEDITOR">
<p style="text-align: center;"><img src="file:///etc/passwd"></p>
<p style="text-align: center;"><img src="javascript:alert(1)"></p>
<p style="text-align: center;"><img src="https://evil.example/pixel.png"></p>
<p style="text-align: center;"><img src="./W020251017000001.jpg"></p>
<p>The spokesperson said.</p></div></div></body></html>"""


def test_addresses_from_a_hostile_page_never_reach_an_export(cache: Cache, tmp_path: Path) -> None:
    """Only images and links on the site's hosts are kept, so exports never point elsewhere."""
    from pypdf import PdfReader

    from mfa_reader.export.files import render

    page = tmp_path / "www.fmprc.gov.cn" / "eng" / "xw" / "zyxw" / "202510" / "t20251017_1.html"
    page.parent.mkdir(parents=True)
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    assert import_pages(cache, [tmp_path / "www.fmprc.gov.cn"]).ok
    article = cache.article(FMPRC + "/eng/xw/zyxw/202510/t20251017_1.html")
    assert article is not None
    assert article.title == "A statement" and article.translations == {}
    assert [b.src for b in article.images] == [FMPRC + "/eng/xw/zyxw/202510/W020251017000001.jpg"]
    markdown = render(article, "md").decode()
    for bad in ("file:", "javascript:", "evil.example", "\u202e"):
        assert bad not in markdown
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(render(article, "pdf"))
    uris = [
        str(annotation.get_object()["/A"].get("/URI"))
        for p in PdfReader(pdf).pages
        for annotation in p.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert uris and all(uri.startswith(FMPRC) for uri in uris), uris
