"""PDF export, read back with poppler's pdftotext and pypdf: text, order, direction, fonts, images.

Each test makes a real PDF with typst and the fonts installed on the machine (fonts-noto-core,
fonts-noto-cjk) and reads it the way a user's tools would.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from pypdf import PdfReader

from mfa_reader.export.errors import ExportError, MissingFontError
from mfa_reader.export.files import export_article
from mfa_reader.export.fonts import font_library, forget_font_libraries
from mfa_reader.export.images import images_from_dir, images_from_mapping, prefetch_images
from mfa_reader.export.pdf import article_to_pdf
from mfa_reader.model import Article, BlockKind
from samples import EDITION_CODES, MARKUP, long_chinese_article, sample_article

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

RETRIEVED = datetime(2026, 11, 26, 9, 30)
SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_PAGE = (
    SHARED
    / "mfa_pages"
    / "en_current_article_lxjzh_press-conference_2025-10-17_t20251017_11735636.html"
)
REAL_URL = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html"
# Closing punctuation that Chinese typesetting never puts at the start of a line.
ZH_CLOSING = set("，。、；：！？）」』】》〉”’")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# --- reading PDFs ---------------------------------------------------------------------------------


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def flat(text: str) -> str:
    """Text compared across line breaks: bidi marks gone, runs of white space one space, hyphens
    gone (pdftotext joins "year-on-" at the end of a line with "year" as "year-onyear")."""
    return " ".join(_BIDI_CONTROLS.sub("", text).replace("-", "").split())


def squashed(text: str) -> str:
    """For Chinese: no white space at all (pdftotext adds spaces between Latin and CJK)."""
    return "".join(_BIDI_CONTROLS.sub("", text).split())


def letters(text: str) -> str:
    """For Arabic: letters and digits only. A text extractor rebuilds logical order from glyph
    positions and cannot know where a neutral mark (``#``, ``:``, a space) between a right-to-left
    and a left-to-right run was typed, so only letters and digits are compared, in order."""
    return "".join(re.findall(r"\w", text))


def body_text(path: Path) -> str:
    """The text inside the page margins (A4, in points): without the running header and footer,
    which would otherwise land in the middle of a paragraph that crosses a page break."""
    return pdftotext(path, "-r", "72", "-x", "0", "-y", "64", "-W", "595", "-H", "716")


def assert_text_in_pdf(article: Article, path: Path) -> None:
    extracted = body_text(path)
    norm = {"zh": squashed, "ar": letters}.get(article.edition, flat)
    haystack = norm(extracted)
    assert norm(article.title) in haystack
    for block in article.blocks:
        if block.kind is not BlockKind.IMAGE:
            assert norm(block.text) in haystack, block.text


def image_count(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


# --- images served by a real HTTP server ----------------------------------------------------------


def png_bytes(colour: str = "#3a6ea5") -> bytes:
    import typst

    page = f'#set page(width: 6cm, height: 4cm, fill: rgb("{colour}"))\n'.encode()
    data = typst.compile(page, format="png", ppi=30)
    assert isinstance(data, bytes)
    return data


def jpeg_bytes(tmp: Path, colour: str = "#a53a3a") -> bytes:
    import typst

    page = f'#set page(width: 8cm, height: 5cm, fill: rgb("{colour}"))\n#rect()'.encode()
    typst.compile(page, output=str(tmp / "stand-in.pdf"), format="pdf")
    subprocess.run(
        ["pdftoppm", "-jpeg", "-r", "40", "-singlefile", str(tmp / "stand-in.pdf"), str(tmp / "i")],
        check=True,
    )
    data = (tmp / "i.jpg").read_bytes()
    assert data.startswith(b"\xff\xd8\xff")
    return data


class ImageServer:
    """Serves ``files`` (path -> bytes) on 127.0.0.1; anything else is a 404."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def source(self, url: str) -> bytes | None:
        """The image source a caller gives the exporter: the site's address, fetched from here."""
        response = httpx.get(self.origin + urlsplit(url).path, timeout=5)
        return response.content if response.status_code == 200 else None

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def stand_in_jpeg(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return jpeg_bytes(tmp_path_factory.mktemp("jpeg"))


@pytest.fixture
def image_server(stand_in_jpeg: bytes) -> Iterator[ImageServer]:
    files = {}
    for code in EDITION_CODES:
        src = sample_article(code).images[0].src
        assert src
        files[urlsplit(src).path] = stand_in_jpeg
    server = ImageServer(files)
    yield server
    server.close()


# --- the six editions -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", EDITION_CODES)
def test_each_edition_holds_title_paragraphs_and_image(
    code: str, tmp_path: Path, image_server: ImageServer
) -> None:
    article = sample_article(code)
    path = export_article(
        article, "pdf", tmp_path, retrieved=RETRIEVED, image_source=image_server.source
    )
    assert path.suffix == ".pdf" and path.parent == tmp_path
    assert_text_in_pdf(article, path)
    assert image_count(path) == 1
    norm = squashed if code == "zh" else flat
    text = norm(pdftotext(path))
    for fact in ("2026-11-26", "2025-10-17 19:15", article.url, article.source):
        assert norm(fact) in text
    reader = PdfReader(path)
    assert reader.metadata is not None and reader.metadata.title == article.title
    links = [
        a.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for a in page.get("/Annots") or []
    ]
    assert article.url in links  # the address is a link a reader can click
    assert reader.trailer["/Root"]["/Lang"] == {"zh": "zh-CN"}.get(code, code)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("code", EDITION_CODES)
def test_pdfinfo_and_qpdf_accept_the_pdf_without_a_word(
    code: str, tmp_path: Path, image_server: ImageServer
) -> None:
    path = export_article(sample_article(code), "pdf", tmp_path, image_source=image_server.source)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert info.stderr == ""  # poppler took typst's "/Suspects false" for a syntax error
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)  # still tagged for screen readers
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout
    assert "WARNING" not in check.stdout + check.stderr


def test_questions_are_bold(tmp_path: Path) -> None:
    article = sample_article("en")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(article_to_pdf(article, retrieved=RETRIEVED))
    bold_text: list[str] = []
    fonts_used: dict[str, list[str]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if font is not None and text.strip():
            fonts_used.setdefault(str(font.get("/BaseFont")), []).append(text)

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    for name, pieces in fonts_used.items():
        if "Bold" in name:
            bold_text.append("".join(pieces))
    bold = flat(" ".join(bold_text))
    assert "Northern Daily" in bold and "signed?" in bold
    assert "Spokesperson: The delegation" not in bold


def test_page_numbers_in_the_footer(tmp_path: Path) -> None:
    en = tmp_path / "en.pdf"
    en.write_bytes(article_to_pdf(sample_article("en"), retrieved=RETRIEVED))
    assert "Page 1 / 1" in pdftotext(en)
    zh = tmp_path / "zh.pdf"
    zh.write_bytes(article_to_pdf(long_chinese_article(), retrieved=RETRIEVED))
    pages = len(PdfReader(zh).pages)
    assert pages >= 2
    text = squashed(pdftotext(zh))
    assert f"第1页/共{pages}页" in text and f"第{pages}页/共{pages}页" in text
    # the running header names the article and the edition on every page
    last_page = pdftotext(
        zh, "-f", str(pages), "-l", str(pages), "-r", "72", "-H", "64", "-W", "595"
    )
    assert squashed("2025年10月17日外交部发言人主持例行记者会") in squashed(last_page)
    assert "简体中文" in last_page


def test_chinese_lines_never_start_with_closing_punctuation(tmp_path: Path) -> None:
    article = long_chinese_article()
    path = tmp_path / "zh.pdf"
    path.write_bytes(article_to_pdf(article, retrieved=RETRIEVED))
    assert_text_in_pdf(article, path)
    lines = [line.strip() for line in pdftotext(path, "-layout").splitlines() if line.strip()]
    assert len(lines) > 40
    starts = [line for line in lines if line[0] in ZH_CLOSING]
    assert starts == []
    # and the breaks did fall next to punctuation somewhere: typst moved them, not luck
    assert any(line[-1] in ZH_CLOSING for line in lines)


def test_chinese_has_no_space_between_chinese_and_latin_or_digits(tmp_path: Path) -> None:
    path = tmp_path / "zh.pdf"
    path.write_bytes(article_to_pdf(sample_article("zh"), retrieved=RETRIEVED))
    text = pdftotext(path)  # not squashed: a gap typst puts there comes out as a space
    assert text.count("2025年10月17日外交部发言人主持例行记者会") == 2  # the title and the header
    assert "第1页 / 共1页" in text
    assert "2025 年" not in text


def test_chinese_non_breaking_spaces_are_set_as_chinese_text(tmp_path: Path) -> None:
    article = sample_article("zh")
    nbsp = "\u00a0"
    spaced = Article.from_dict(
        {**article.to_dict(), "blocks": [{"kind": "paragraph", "text": (
            f"发言人：中方主张通过对话解决分歧，{nbsp}愿同各方一道。“开放”{nbsp}“包容”是我们的立场"
            f"{nbsp}（详见声明）。路透社{nbsp}记者"
        )}]}
    )  # fmt: skip
    path = tmp_path / "zh.pdf"
    path.write_bytes(article_to_pdf(spaced, retrieved=RETRIEVED))
    text = pdftotext(path)
    assert nbsp not in text
    assert "分歧，愿同" in text and "立场（详见" in text  # no gap beside full-width punctuation
    assert "分歧，愿同各方一道。“开放”“包容”是我们的立场（详见声明）。路透社记者" in squashed(text)


def _lines(path: Path) -> list[tuple[float, float, float]]:
    """pdftotext -bbox-layout: each line's left and right edges and its height, in points."""
    xml = pdftotext(path, "-bbox-layout")
    return [
        (float(x0), float(x1), float(y1) - float(y0))
        for x0, y0, x1, y1 in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', xml
        )
    ]


def test_titles_are_never_justified(tmp_path: Path) -> None:
    article = sample_article("en")
    title = "Wang Yi Meets the Chairman of the Standing Committee on Counterproliferation Matters"
    long_title = Article.from_dict({**article.to_dict(), "title": title})
    path = tmp_path / "en.pdf"
    path.write_bytes(article_to_pdf(long_title, retrieved=RETRIEVED))
    lines = _lines(path)
    right_edge = max(x1 for _, x1, _ in lines)  # where justified paragraph lines end
    title_lines = [x1 for _, x1, height in lines if height > 18]  # set at 16 pt
    assert len(title_lines) == 2
    assert title_lines[0] < right_edge - 10  # ragged: the first line's spaces are not stretched


def _words_by_line(path: Path) -> list[list[tuple[float, str]]]:
    """pdftotext -bbox-layout: for each line, its words as (x of the left edge, text)."""
    xml = pdftotext(path, "-bbox-layout")
    lines = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", xml, re.S):
        words = [
            (float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        ]
        lines.append(words)
    return lines


def test_arabic_runs_right_to_left(tmp_path: Path) -> None:
    article = sample_article("ar")
    path = tmp_path / "ar.pdf"
    path.write_bytes(article_to_pdf(article, retrieved=RETRIEVED))
    assert_text_in_pdf(article, path)
    first = article.blocks[0].text.split()
    lines = _words_by_line(path)
    # the line where the first paragraph begins: its first word is the rightmost on the line
    line = next(ln for ln in lines if any(w[::-1] == first[0] for _, w in ln))
    by_x = sorted(line, key=lambda xw: xw[0], reverse=True)  # right to left
    assert by_x[0][1][::-1] == first[0]
    # read right to left (each word's glyphs are stored left to right), the line is the text
    assert [w[::-1] for _, w in by_x] == first[: len(by_x)]
    # and the title's first word is to the right of its last one
    title = article.title.split()
    title_line = next(ln for ln in lines if any(w[::-1] == title[0] for _, w in ln))
    x_first = next(x for x, w in title_line if w[::-1] == title[0])
    assert all(x_first > x for x, w in title_line if w[::-1] != title[0])


def test_arabic_dates_and_address_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    path.write_bytes(article_to_pdf(sample_article("ar"), retrieved=RETRIEVED))
    text = pdftotext(path, "-layout")
    assert "2025-10-17 19:15" in text and "2026-11-26" in text
    assert sample_article("ar").url in _BIDI_CONTROLS.sub("", text)


# --- text that looks like markup ------------------------------------------------------------------


@pytest.mark.parametrize("code", EDITION_CODES)
def test_markup_in_the_text_is_shown_literally(code: str, tmp_path: Path) -> None:
    article = sample_article(code)
    hostile = Article.from_dict(
        {
            **article.to_dict(),
            "title": f"{MARKUP} {article.title}",
            "source": MARKUP,
            "blocks": [
                *article.to_dict()["blocks"],
                {"kind": "heading", "text": MARKUP},
                {"kind": "paragraph", "text": '#import "/etc/passwd" #read("/etc/hostname")'},
                {"kind": "image", "src": "https://x.test/a.jpg?x=<l>#y"},
                {"kind": "caption", "text": MARKUP},
            ],
        }
    )
    path = tmp_path / "h.pdf"
    path.write_bytes(article_to_pdf(hostile, retrieved=RETRIEVED))
    text = pdftotext(path)
    flat_text = flat(text)
    # (in Arabic lines the neutral "#" before a Latin run is shown, and extracted, on its right)
    literal = MARKUP[1:] if code == "ar" else MARKUP
    assert flat_text.count(literal) >= 5  # title, source, question, heading, caption
    include = '#import "/etc/passwd" #read("/etc/hostname")'
    if code == "ar":
        assert letters(include) in letters(flat_text)
    else:
        assert include in flat_text
    # the page was not filled red: the top-left corner of page 1 is white
    subprocess.run(
        ["pdftoppm", "-png", "-r", "10", "-f", "1", "-l", "1", "-singlefile", str(path),
         str(tmp_path / "p")],
        check=True,
    )  # fmt: skip
    assert _first_pixel(tmp_path / "p.png") == (255, 255, 255)


def _first_pixel(png: Path) -> tuple[int, int, int]:
    import struct
    import zlib

    data = png.read_bytes()
    pos, idat, colour = 8, b"", 2
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            colour = chunk[9]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    assert colour == 2  # RGB
    return raw[1], raw[2], raw[3]  # after the filter byte of row 0


# --- images ---------------------------------------------------------------------------------------


def test_image_offline_is_noted_with_its_address(tmp_path: Path) -> None:
    article = sample_article("en")
    path = tmp_path / "offline.pdf"
    path.write_bytes(article_to_pdf(article, retrieved=RETRIEVED, image_source=lambda url: None))
    assert image_count(path) == 0
    text = flat(pdftotext(path))
    assert "Image not included" in text
    assert "W020251017000000000001.jpg" in text
    assert "The spokesperson answers questions at the press conference" in text


def test_broken_image_bytes_do_not_break_the_pdf(tmp_path: Path) -> None:
    article = sample_article("fr")
    jpeg = jpeg_bytes(tmp_path)
    for bad in (b"not an image at all", jpeg[: len(jpeg) // 3]):
        path = tmp_path / "broken.pdf"
        path.write_bytes(
            article_to_pdf(article, retrieved=RETRIEVED, image_source=lambda u, bad=bad: bad)
        )
        assert_text_in_pdf(article, path)


def test_images_from_a_folder_and_a_mapping(tmp_path: Path) -> None:
    article = sample_article("ru")
    src = article.images[0].src
    assert src
    (tmp_path / src.rsplit("/", 1)[1]).write_bytes(png_bytes())
    path = tmp_path / "dir.pdf"
    path.write_bytes(article_to_pdf(article, image_source=images_from_dir(tmp_path)))
    assert image_count(path) == 1
    path.write_bytes(article_to_pdf(article, image_source=images_from_mapping({src: png_bytes()})))
    assert image_count(path) == 1


def test_prefetch_through_the_fetcher(tmp_path: Path, image_server: ImageServer) -> None:
    from mfa_reader.fetcher import Fetcher

    article = sample_article("es")

    async def run() -> dict[str, bytes]:
        missing = Article.from_dict(
            {**article.to_dict(), "blocks": [
                *article.to_dict()["blocks"],
                {"kind": "image", "src": "https://www.fmprc.gov.cn/esp/missing.jpg"},
            ]}
        )  # fmt: skip
        async with Fetcher(origin=image_server.origin, spacing=0, retries=0) as fetcher:
            return await prefetch_images(missing, fetcher)

    found = asyncio.run(run())
    assert list(found) == [article.images[0].src]
    path = tmp_path / "es.pdf"
    path.write_bytes(article_to_pdf(article, image_source=images_from_mapping(found)))
    assert image_count(path) == 1


# --- fonts ----------------------------------------------------------------------------------------


@pytest.fixture
def latin_only_fonts(tmp_path: Path) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    library = font_library()
    face = library.regular("Noto Sans")
    os.symlink(face.path, folder / Path(face.path).name)
    return folder


@pytest.mark.parametrize(("code", "package"), [("zh", "fonts-noto-cjk"), ("ar", "fonts-noto-core")])
def test_missing_fonts_fail_with_the_package_to_install(
    code: str, package: str, tmp_path: Path, latin_only_fonts: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fonts = font_library([latin_only_fonts], system=False)
    with pytest.raises(MissingFontError) as caught:
        export_article(sample_article(code), "pdf", out, fonts=fonts)
    message = str(caught.value)
    assert package in message and "no file was written" in message
    assert caught.value.package == package
    assert list(out.iterdir()) == []
    # the Latin editions are fine with the same fonts
    path = export_article(sample_article("ru"), "pdf", out, fonts=fonts)
    assert_text_in_pdf(sample_article("ru"), path)


def test_a_character_no_font_has_is_refused(tmp_path: Path) -> None:
    article = sample_article("en")
    odd = Article.from_dict(
        {**article.to_dict(), "blocks": [{"kind": "paragraph", "text": "Private use: \U0010fffd"}]}
    )
    if (
        shutil.which("fc-list")
        and subprocess.run(
            ["fc-list", ":charset=10fffd"], capture_output=True, text=True, check=False
        ).stdout.strip()
    ):
        pytest.skip("this machine has a font with a glyph for U+10FFFD")
    with pytest.raises(MissingFontError, match="no installed font has"):
        export_article(odd, "pdf", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_fonts_are_scanned_once_per_process_and_coverage_kept_on_disk() -> None:
    forget_font_libraries()
    assert font_library() is font_library()
    article_to_pdf(sample_article("zh"))
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "mfa-reader" / "font-coverage"
    saved = list(cache.glob("*.json"))
    assert saved  # the next process reads ranges instead of the CJK font's cmap
    library = font_library()
    library._cmaps.clear()
    cjk = library.regular("Noto Sans CJK SC")
    assert ord("中") in library.coverage(cjk)


def test_export_errors_are_export_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_article(sample_article("en"), "pdf", tmp_path / "no" / "such" / "x.pdf")


# --- the real page of 2025-10-17 ------------------------------------------------------------------


def test_the_real_page_with_its_three_images(tmp_path: Path) -> None:
    if not REAL_PAGE.exists():
        pytest.skip("../shared/mfa_pages is not here")
    from mfa_reader.parser import parse_article

    article = parse_article(REAL_PAGE.read_bytes(), REAL_URL)
    texts = [b for b in article.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUESTION)]
    assert len(texts) == 19 and len(article.images) == 3
    colours = ("#3a6ea5", "#a53a3a", "#3aa55a")
    server = ImageServer(
        {
            urlsplit(b.src or "").path: jpeg_bytes(tmp_path, c)
            for b, c in zip(article.images, colours, strict=True)
        }
    )
    try:
        path = export_article(article, "pdf", tmp_path, image_source=server.source)
    finally:
        server.close()
    assert sorted(server.requests) == sorted(urlsplit(b.src or "").path for b in article.images)
    assert image_count(path) == 3
    assert_text_in_pdf(article, path)
