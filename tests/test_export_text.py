"""Plain-text export: header facts, questions, images, wrapping by cells, literal text."""

from __future__ import annotations

from datetime import datetime

import pytest
from wcwidth import wcswidth

from mfa_reader.export.text import article_to_text
from mfa_reader.model import Article, Block, BlockKind
from samples import EDITION_CODES, MARKUP, sample_article

RETRIEVED = datetime(2026, 11, 26, 9, 30)


@pytest.mark.parametrize("code", EDITION_CODES)
def test_header_and_every_paragraph_in_order(code: str) -> None:
    article = sample_article(code)
    text = article_to_text(article, retrieved=RETRIEVED)
    lines = text.split("\n")
    assert lines[0] == article.title
    assert set(lines[1]) == {"="}
    assert "Published: 2025-10-17 19:15 (UTC+08:00)" in lines
    assert f"URL:       {article.url}" in lines
    assert "Retrieved: 2026-11-26" in lines
    assert f"Source:    {article.source}" in lines
    assert f"Section:   {article.section_name}" in lines
    position = 0
    for block in article.blocks:
        if block.kind is BlockKind.IMAGE:
            continue
        found = text.index(block.text, position)
        position = found + len(block.text)
    assert MARKUP in text


def test_utf8_lf_no_bom() -> None:
    text = article_to_text(sample_article("zh"), retrieved=RETRIEVED)
    data = text.encode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_edition_shown_by_its_own_name() -> None:
    assert "Edition:   简体中文" in article_to_text(sample_article("zh"), retrieved=RETRIEVED)
    assert "Edition:   عربي" in article_to_text(sample_article("ar"), retrieved=RETRIEVED)


def test_questions_are_marked_and_answers_are_not() -> None:
    article = sample_article("en")
    text = article_to_text(article, retrieved=RETRIEVED)
    for block in article.blocks:
        if block.kind is BlockKind.QUESTION:
            assert f"\nQ: {block.text}\n" in text
        elif block.kind is BlockKind.PARAGRAPH:
            assert f"\n{block.text}\n" in text


def test_a_question_that_carries_its_own_mark_gets_no_second_one() -> None:
    article = Article.from_dict(
        {
            **sample_article("ar").to_dict(),
            "blocks": [
                {"kind": "question", "text": "س: هل سيتم توقيع أي اتفاقيات؟"},
                {"kind": "paragraph", "text": "ج: تجري مناقشة عدة وثائق للتعاون."},
            ],
        }
    )
    text = article_to_text(article, retrieved=RETRIEVED)
    assert "\nس: هل سيتم توقيع أي اتفاقيات؟\n" in text
    assert "Q: س" not in text


def test_images_keep_captions_or_give_their_address() -> None:
    article = sample_article("en")
    text = article_to_text(article, retrieved=RETRIEVED)
    assert "\n[Image: The spokesperson answers questions at the press conference]\n" in text
    bare = Article.from_dict(
        {**article.to_dict(), "blocks": [{"kind": "image", "src": "https://x.test/a.jpg"}]}
    )
    assert "\n[Image] https://x.test/a.jpg\n" in article_to_text(bare, retrieved=RETRIEVED)


def test_arabic_stays_in_logical_order() -> None:
    article = sample_article("ar")
    text = article_to_text(article, retrieved=RETRIEVED)
    # the first paragraph as typed, first word first: no reordering, no presentation forms
    assert "\nبدعوة من الوزارة، سيزور وفد" in text
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in text)


@pytest.mark.parametrize("code", EDITION_CODES)
@pytest.mark.parametrize("width", [20, 40, 72])
def test_wrap_counts_cells_and_loses_nothing(code: str, width: int) -> None:
    article = sample_article(code)
    text = article_to_text(article, wrap=width, retrieved=RETRIEVED)
    for line in text.split("\n"):
        if line.startswith("URL:"):
            continue  # an address is never broken
        assert wcswidth(line) <= width, line
        assert not (line and line[0] in CLOSING), line
    unwrapped = article_to_text(article, retrieved=RETRIEVED)
    squeeze = "".join  # compare without the spaces and line breaks wrapping moved
    body = unwrapped.split("\n\n", 2)[2]  # after the title and the facts
    wrapped_body = text.split("\n\n", 2)[2]
    assert squeeze(body.split()) == squeeze(wrapped_body.split())


def body_lines(paragraph: str, wrap: int) -> list[str]:
    """The paragraph's lines in a text export wrapped at ``wrap`` cells."""
    article = Article.from_dict(
        {**sample_article("zh").to_dict(), "blocks": [{"kind": "paragraph", "text": paragraph}]}
    )
    text = article_to_text(article, wrap=wrap, retrieved=RETRIEVED)
    return text.rstrip("\n").split("\n\n")[-1].split("\n")


def test_chinese_wraps_at_twice_the_width_of_latin() -> None:
    chinese = "中" * 30
    assert body_lines(chinese, 20) == ["中" * 10, "中" * 10, "中" * 10]
    assert body_lines("一二三四五，六七八", 10) == ["一二三四", "五，六七八"]


CLOSING = "，。、；：！？）」』】》”…"


def test_closing_punctuation_never_starts_a_line() -> None:
    for width in range(10, 30):
        for line in body_lines(
            "发言人：代表团将会见地方官员，参观两座水坝。“合作”是愿望（目标）。", width
        ):
            assert line[0] not in CLOSING


def test_wrap_breaks_overlong_words_and_keeps_words_whole() -> None:
    lines = body_lines("a supercalifragilistic b", 10)
    assert all(len(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == "asupercalifragilisticb"
    assert body_lines("one two three four", 10) == ["one two", "three four"]
    assert body_lines("a sustained and steady China-UK relationship", 30) == [
        "a sustained and steady",
        "China-UK relationship",
    ]


def test_empty_blocks_are_skipped_and_headings_kept() -> None:
    article = Article.from_dict(
        {
            **sample_article("en").to_dict(),
            "blocks": [
                Block(BlockKind.HEADING, "Opening remarks").to_dict(),
                Block(BlockKind.PARAGRAPH, "  ").to_dict(),
                Block(BlockKind.PARAGRAPH, "Text.").to_dict(),
            ],
        }
    )
    text = article_to_text(article, retrieved=RETRIEVED)
    assert text.endswith("Retrieved: 2026-11-26\n\nOpening remarks\n\nText.\n")


def test_too_narrow_a_wrap_is_a_user_error() -> None:
    from mfa_reader.export.errors import ExportError

    with pytest.raises(ExportError, match="at least 10 cells"):
        article_to_text(sample_article("en"), wrap=5)


def test_importing_export_does_not_load_the_pdf_machinery() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mfa_reader.export, mfa_reader.export.text, mfa_reader.export.markdown\n"
        "print(sorted(m for m in ('typst', 'fontTools', 'rich', 'textual') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
