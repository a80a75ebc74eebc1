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


# --- many articles --------------------------------------------------------------------------------

MANY = ("--edition", "en", "--section", "press-conferences", "--since", "2025-10-01")
TITLE = "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October {}, 2025"
# the fixture site's English press conferences since 2025-10-01, oldest first
OCTOBER = {f"2025-10-{day}": TITLE.format(day) for day in (16, 17)}


def flat_text(pdf: Path, *args: str) -> str:
    text = subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def contents_rows(pdf: Path) -> list[tuple[str, str, int]]:
    """The PDF's page of contents: (date, title, page) of each row, as laid out on the page."""
    rows: list[list[str]] = []
    in_row = False
    for line in subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines():  # fmt: skip
        words = line.split()
        if words and len(words[0]) == 10 and words[0][4] == "-" and words[-1].isdigit():
            rows.append(words)
        elif words and in_row and line.startswith(" "):  # the rest of a long title
            rows[-1][-1:-1] = words
        in_row = bool(words) and bool(rows)
    return [(w[0], " ".join(w[1:-1]), int(w[-1])) for w in rows]


@needs_poppler
def test_many_articles_one_file_each(synced: SiteServer, tmp_path: Path) -> None:
    out = tmp_path / "october"
    online = ("--origin", synced.origin)
    result = mfa("export", *MANY, "-f", "pdf", "-o", str(out), *online, check=True)
    written = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(p.parent for p in written) == [out, out]
    assert sorted(p.name[:10] for p in written) == sorted(OCTOBER)
    for pdf in written:
        assert OCTOBER[pdf.name[:10]] in flat_text(pdf)
    markdown = mfa("export", *MANY, "-f", "md", "-o", str(out), check=True).stdout.splitlines()
    assert len(markdown) == 2 and all(line.endswith(".md") for line in markdown)
    again = mfa("export", *MANY, "-f", "pdf", "-o", str(out), *online, check=True)
    assert again.stdout == "" and "2 files were there already and are kept" in again.stderr
    assert "--force" in again.stderr
    assert len(list(out.iterdir())) == 4


@needs_poppler
def test_many_articles_combined_in_one_pdf_with_contents(
    synced: SiteServer, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    result = mfa("export", *MANY, "--combine", "-o", f"{tmp_path}/", "--origin", synced.origin)
    assert result.returncode == 0, result.stderr
    pdf = Path(result.stdout.strip())
    assert pdf.name == "mfa_en_press-conferences_since-2025-10-01.pdf"
    reader = PdfReader(pdf)
    contents = flat_text(pdf, "-f", "1", "-l", "1")
    assert "Regular Press Conferences · English" in contents
    assert "2 articles · 2025-10-16 – 2025-10-17" in contents
    # oldest first, each with the page it begins on, and each a link there
    rows = contents_rows(pdf)
    assert [(day, title) for day, title, _ in rows] == list(OCTOBER.items())
    for day, title, page in rows:  # the article begins there: its title, then its facts
        assert f"{title} Published: {day}" in flat_text(pdf, "-f", str(page), "-l", str(page))
    pages = [page.indirect_reference for page in reader.pages]
    linked = {
        pages.index(link.get_object()["/Dest"].get_object()[0]) + 1
        for link in reader.pages[0].get("/Annots") or []
    }
    assert linked == {page for _, _, page in rows}
    assert [o.title for o in reader.outline] == list(OCTOBER.values())  # bookmarks
    assert reader.metadata is not None
    assert reader.metadata.title == "Regular Press Conferences · English"
    assert images_left_out(pdf) == 0


def test_many_articles_combined_in_one_markdown_file(synced: SiteServer, tmp_path: Path) -> None:
    result = mfa("export", *MANY, "--combine", "-f", "md", "-o", str(tmp_path / "oct.md"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "oct.md").read_text("utf-8")
    assert text.startswith('---\ntitle: "Regular Press Conferences · English"\n')
    assert "\narticles: 2\n" in text
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == list(OCTOBER.values())
    listed = [line for line in text.splitlines() if line[:3] in ("1. ", "2. ")]
    assert listed == [f"{n}. {day} · {title}" for n, (day, title) in enumerate(OCTOBER.items(), 1)]


def test_combine_is_for_pdf_and_markdown(synced: SiteServer) -> None:
    text = mfa("export", *MANY, "--combine", "-f", "txt")
    assert text.returncode == 2 and "PDF or Markdown" in text.stderr
    one = mfa("export", ARTICLE, "--combine")
    assert one.returncode == 2 and "many articles" in one.stderr
