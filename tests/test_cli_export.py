"""``mfa-reader export`` as a script writer meets it: where files land, many articles at once,
images fetched once and kept, and no waiting when the site cannot be reached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from siteserver import SiteServer
from test_cli import mfa

ARTICLE = "99001017"  # 2025-10-17, with two images


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
