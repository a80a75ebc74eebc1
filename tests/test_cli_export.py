"""``mfa-reader export`` as a script writer meets it: where files land, many articles at once,
images fetched once and kept, and no waiting when the site cannot be reached."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from siteserver import SOFT404, SiteServer
from test_cli import OFFLINE, mfa

ARTICLE = "99001017"  # 2025-10-17, with two images

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


@pytest.fixture
def synced(site_server: SiteServer) -> SiteServer:
    """The fixture site's English press conferences, bodies and all, in the test's cache."""
    mfa(
        "sync", "--origin", site_server.origin, "--edition", "en", "--section",
        "press-conferences", "--bodies", env={"MFA_READER_SPACING": "0"}, check=True,
    )  # fmt: skip
    site_server.reset()  # the requests counted from here are the export's
    return site_server


def test_export_without_output_writes_into_the_current_folder(
    synced: SiteServer, tmp_path: Path
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    written = Path(mfa("export", ARTICLE, "-f", "txt", cwd=here, check=True).stdout.strip())
    assert written.parent == here and written.suffix == ".txt"
    assert "Regular Press Conference" in written.read_text("utf-8")
    documents = Path(os.environ["XDG_DOCUMENTS_DIR"])
    assert not documents.exists() or not any(documents.rglob("*.txt"))  # not the reader's folder


def images_left_out(pdf: Path) -> int:
    """How many images the PDF notes as not included (the fixture's two are the same picture, so
    the PDF holds it once however often it is shown)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return " ".join(text.split()).count("Image not included")


IMAGE_PATHS = {
    "/eng/xw/fyrbt/lxjzh/202510/W020251017990010170001.jpg",
    "/eng/xw/fyrbt/lxjzh/202510/W020251017990010170002.jpg",
}


@needs_poppler
def test_images_are_fetched_once_and_kept_for_the_next_export(
    synced: SiteServer, tmp_path: Path
) -> None:
    online = ["--origin", synced.origin]
    first = Path(mfa("export", ARTICLE, "-o", f"{tmp_path}/a/", *online, check=True).stdout.strip())
    assert images_left_out(first) == 0
    assert {r.path for r in synced.requests} == IMAGE_PATHS and synced.count() == 2
    synced.reset()
    again = Path(mfa("export", ARTICLE, "-o", f"{tmp_path}/b/", *online, check=True).stdout.strip())
    assert images_left_out(again) == 0
    assert synced.count() == 0  # the kept images: no request at all
    # and with no network at all, the kept images are still there
    offline = mfa("export", ARTICLE, "-o", f"{tmp_path}/c/", "--origin", OFFLINE, "-v", check=True)
    assert images_left_out(Path(offline.stdout.strip())) == 0
    assert "GET " not in offline.stderr


@needs_poppler
def test_offline_export_asks_once_and_notes_the_images(synced: SiteServer, tmp_path: Path) -> None:
    result = mfa("export", ARTICLE, "-o", f"{tmp_path}/", "--origin", OFFLINE, "-v", check=True)
    assert images_left_out(Path(result.stdout.strip())) == 2
    assert result.stderr.count("GET ") == 1  # one failed connection; the second image not asked


@needs_poppler
def test_a_page_served_for_an_image_is_not_kept(synced: SiteServer, tmp_path: Path) -> None:
    broken = sorted(IMAGE_PATHS)[0]
    synced.fault(broken, SOFT404)  # the site's maintenance page, with 200, instead of the image
    online = ["--origin", synced.origin]
    first = Path(mfa("export", ARTICLE, "-o", f"{tmp_path}/a/", *online, check=True).stdout.strip())
    assert images_left_out(first) == 1
    synced.reset()
    again = Path(mfa("export", ARTICLE, "-o", f"{tmp_path}/b/", *online, check=True).stdout.strip())
    assert images_left_out(again) == 0
    assert [r.path for r in synced.requests] == [broken]  # asked again; the good one was kept
