"""An article beside its version in another edition, exported: text and Markdown interleaved, JSON
as ``show --parallel --json`` prints it, and a PDF in two columns (read back column by column with
pdftotext) or interleaved. The articles are the fixture site's conference of September 12, 2025."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mfa_reader.align import align
from mfa_reader.export.parallel import parallel_filename, render_parallel
from mfa_reader.model import Article, BlockKind, MatchedBy
from test_align import AR, EN, FR, ZH, article
from test_export_pdf import _words_by_line, flat, letters, pdftotext, squashed

RETRIEVED = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
_NORM = {"zh": squashed, "ar": letters}


def latin(text: str) -> str:
    """Text compared without its white space and hyphens: a narrow column breaks lines after
    dashes too ("Valdoria–" at the end of a line comes back as "Valdoria– China")."""
    return squashed(flat(text))


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def rendered(left: Article, right: Article, fmt: str, **options: object) -> bytes:
    return render_parallel(
        left, right, MatchedBy.DATE, align(left, right), fmt, retrieved=RETRIEVED, **options
    )  # type: ignore[arg-type]


def column(path: Path, side: str) -> str:
    """The text of one column of an A4 page (in points), inside the margins: the left half or
    the right half, so that each column reads on, page after page, as its reader reads it."""
    x, width = ("0", "297") if side == "left" else ("298", "297")
    return pdftotext(path, "-r", "72", "-x", x, "-y", "64", "-W", width, "-H", "716")


def assert_every_paragraph_in(article: Article, text: str) -> None:
    norm = _NORM.get(article.edition, latin)
    haystack = norm(text)
    assert norm(article.title) in haystack
    for block in article.blocks:
        if block.kind is not BlockKind.IMAGE:
            assert norm(block.text) in haystack, block.text


def test_text_puts_each_translation_under_its_paragraph() -> None:
    english, french = article(EN), article(FR)
    out = rendered(english, french, "txt").decode().splitlines()
    assert "Found by:  the date in its title" in out
    reuters = out.index(
        "Reuters: What agreements does China expect to sign during the Premier’s visit?"
    )
    assert out[reuters + 1].startswith("    Reuters : Quels accords la Chine")


def test_markdown_quotes_each_translation_under_its_paragraph() -> None:
    english, french = article(EN), article(FR)
    out = rendered(english, french, "md").decode()
    front = out.split("---\n")[1]
    assert f'translation_url: "{french.url}"' in front
    assert 'found_by: "date"' in front
    assert f"# {english.title.replace('’', '’')}" in out
    assert f"> **{french.title}**" in out
    # The question in bold, then its French version, quoted and bold.
    assert (
        "**Reuters: What agreements does China expect to sign during the Premier’s visit?**\n\n"
        "> **Reuters : Quels accords la Chine compte-t-elle signer pendant la visite du Premier "
        "ministre ?**"
    ) in out
    # AFP's question is not in the French version: the English paragraph after it comes next.
    afp = out.index("**AFP: Can you confirm")
    assert not out[afp:].split("\n\n")[1].startswith(">")


def test_json_is_what_show_parallel_json_prints() -> None:
    english, chinese = article(EN), article(ZH)
    data = json.loads(rendered(english, chinese, "json"))
    assert set(data) == {"left", "right", "matched_by", "pairs"}
    assert data["left"] == {**english.to_dict(), "removed_at": None}
    assert data["right"]["url"] == chinese.url and data["matched_by"] == "date"
    assert data["pairs"] == [p.to_dict() for p in align(english, chinese)]


def test_the_file_is_named_by_both_editions() -> None:
    name = parallel_filename(article(EN), article(ZH), "pdf")
    assert name.startswith("2025-09-12_en-zh_foreign-ministry-spokesperson-guo-jiakuns")
    assert name.endswith(".pdf")


@needs_poppler
@pytest.mark.parametrize("other", [ZH, AR], ids=["en|zh", "en|ar"])
def test_pdf_in_two_columns_holds_every_paragraph_of_each_language(
    other: str, tmp_path: Path
) -> None:
    english, translation = article(EN), article(other)
    path = tmp_path / "parallel.pdf"
    path.write_bytes(rendered(english, translation, "pdf"))
    assert_every_paragraph_in(english, column(path, "left"))
    assert_every_paragraph_in(translation, column(path, "right"))
    # One row per pair: the Reuters question faces its translation, both tops on one level.
    pages = pdftotext(path, "-bbox-layout").split("<page ")
    page = next(p for p in pages if ">Reuters:<" in p)
    tops = [
        (float(x), float(y), text)
        for x, y, text in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S
        )
    ]
    reuters = next(y for x, y, text in tops if ">Reuters:<" in text and x < 297)
    facing = [text for x, y, text in tops if x > 297 and abs(y - reuters) < 6]  # (fonts differ)
    assert len(facing) == 1  # the first line of its translation
    words = re.findall(r">([^<]+)</word>", facing[0])
    if translation.edition == "ar":
        words = [w[::-1] for w in words]  # (each word's glyphs are stored left to right)
    question = next(b.text for b in translation.blocks if b.kind is BlockKind.QUESTION)
    assert all(word in question for word in words), words


@needs_poppler
def test_pdf_sets_arabic_right_to_left_in_its_column(tmp_path: Path) -> None:
    english, arabic = article(EN), article(AR)
    path = tmp_path / "parallel.pdf"
    path.write_bytes(rendered(english, arabic, "pdf"))
    paragraph = next(b.text for b in arabic.blocks if b.text.startswith("خلال الزيارة"))
    first = paragraph.split()
    # The line the paragraph begins on, read right to left, is its first words (each word's
    # glyphs are stored left to right), and it is in the right-hand column.
    right_to_left = [sorted(line, reverse=True) for line in _words_by_line(path)]
    line = next(ln for ln in right_to_left if ln and ln[0][1][::-1] == first[0])
    assert [w[::-1] for _, w in line] == first[: len(line)]
    assert all(x > 297 for x, _ in line)


@needs_poppler
def test_pdf_interleaved_has_each_translation_after_its_paragraph(tmp_path: Path) -> None:
    english, french = article(EN), article(FR)
    path = tmp_path / "parallel.pdf"
    path.write_bytes(rendered(english, french, "pdf", interleave=True))
    text = flat(pdftotext(path, "-r", "72", "-x", "0", "-y", "64", "-W", "595", "-H", "716"))
    assert_every_paragraph_in(english, text)
    assert_every_paragraph_in(french, text)
    question = text.index("Reuters: What agreements does China expect")
    translation = text.index("Reuters : Quels accords la Chine")
    answer = text.index("Guo Jiakun: The two sides are discussing")
    assert question < translation < answer


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("interleave", [False, True], ids=["columns", "interleaved"])
def test_pdfinfo_and_qpdf_accept_the_pdf_without_a_word(interleave: bool, tmp_path: Path) -> None:
    path = tmp_path / "parallel.pdf"
    path.write_bytes(rendered(article(ZH), article(AR), "pdf", interleave=interleave))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert info.stderr == ""
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "WARNING" not in check.stdout + check.stderr
