"""Markdown export: a CommonMark renderer shows exactly the article's text; front matter is YAML."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from mfa_reader.export.markdown import article_to_markdown
from mfa_reader.model import Article, Block, BlockKind
from samples import EDITION_CODES, MARKUP, sample_article

RETRIEVED = datetime(2026, 11, 26, 9, 30)
HOSTILE = [
    MARKUP,
    "# not a heading",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "2025) nor this",
    "> not a quote",
    "***",
    "___",
    "===",
    "| a | b |",
    "```python",
    "~~~",
    "<div>not html</div>",
    "[ref]: https://example.com/",
    "a_b_c and *star* and **bold** and `code` and ~~strike~~",
    "AT&T &amp; &#169; &copy; Q&A",
    "https://example.com/ and <https://example.com/>",
    "![not](an image)",
    "trailing backslash \\",
    "line one\nline two",
]


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(_inline_text(child))
    return "".join(out)


def rendered(markdown: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """(front matter, [(block kind, text as a reader sees it)]) from a real CommonMark parser."""
    md = MarkdownIt("commonmark").use(front_matter_plugin)
    tokens = md.parse(markdown)
    meta: dict[str, Any] = {}
    blocks: list[tuple[str, str]] = []
    stack: list[str] = []
    for token in tokens:
        if token.type == "front_matter":
            meta = yaml.safe_load(token.content)
        elif token.nesting == 1:
            stack.append(token.type)
        elif token.nesting == -1:
            stack.pop()
        elif token.type == "inline":
            children = [c for c in token.children or [] if c.type != "text" or c.content]
            kinds = {c.type for c in children}
            if "strong_open" in kinds and children[0].type == "strong_open":
                kind = "question"
            elif "image" in kinds:
                kind = "image"
            elif children and children[0].type == "em_open":
                kind = "caption"
            else:
                kind = stack[-1]
            blocks.append((kind, _inline_text(token)))
        else:
            blocks.append((token.type, token.content))  # anything else is a failure of escaping
    return meta, blocks


@pytest.mark.parametrize("code", EDITION_CODES)
def test_renders_back_to_the_article(code: str) -> None:
    article = sample_article(code)
    meta, blocks = rendered(article_to_markdown(article, retrieved=RETRIEVED))
    assert meta == {
        "title": article.title,
        "published": "2025-10-17T19:15:00+08:00",
        "edition": {
            "en": "English",
            "zh": "简体中文",
            "fr": "Français",
            "es": "Español",
            "ru": "Русский",
            "ar": "عربي",
        }[code],
        "edition_code": code,
        "lang": "zh-CN" if code == "zh" else code,
        "section": article.section_name,
        "source": article.source,
        "url": article.url,
        "retrieved": "2026-11-26",
    }
    assert blocks[0] == ("heading_open", article.title) or blocks[0][1] == article.title
    facts = blocks[1][1]
    assert article.url in facts and "Retrieved: 2026-11-26" in facts
    expected = []
    for block in article.blocks:
        if block.kind is BlockKind.IMAGE:
            continue
        if block.kind is BlockKind.CAPTION:
            expected += [("image", block.text), ("caption", block.text)]
        else:
            expected.append(
                ("question" if block.kind is BlockKind.QUESTION else "paragraph_open", block.text)
            )
    assert blocks[2:] == expected


def test_hostile_text_reads_back_identical() -> None:
    base = sample_article("en")
    blocks = [Block(BlockKind.PARAGRAPH, t) for t in HOSTILE]
    blocks += [Block(BlockKind.QUESTION, t) for t in HOSTILE if "\n" not in t]
    blocks += [
        Block(BlockKind.IMAGE, "", "https://x.test/a b(1).jpg"),
        Block(BlockKind.CAPTION, MARKUP),
    ]
    title = "Title: with # and *stars* and \"quotes\" and 'single' and \\ and \u2028 and \x85 end"
    article = Article.from_dict(
        {
            **base.to_dict(),
            "title": title,
            "source": "- source: [x]",
            "blocks": [b.to_dict() for b in blocks],
        }
    )
    markdown = article_to_markdown(article, retrieved=RETRIEVED)
    meta, got = rendered(markdown)
    assert meta["title"] == title
    assert meta["source"] == "- source: [x]"
    texts = [text for _, text in got]
    for hostile in HOSTILE:
        assert hostile in texts, hostile
    assert [
        k for k, t in got if t == "a_b_c and *star* and **bold** and `code` and ~~strike~~"
    ] == [
        "paragraph_open",
        "question",
    ]
    assert ("image", MARKUP) in got and ("caption", MARKUP) in got
    assert "](https://x.test/a%20b%281%29.jpg)" in markdown
    assert "\r" not in markdown


def test_image_without_caption_is_still_a_link() -> None:
    base = sample_article("en")
    article = Article.from_dict(
        {**base.to_dict(), "blocks": [{"kind": "image", "src": "https://x.test/a.jpg"}]}
    )
    assert article_to_markdown(article, retrieved=RETRIEVED).endswith(
        "\n![](https://x.test/a.jpg)\n"
    )


ALPHABET = "ab 中文عربي#*_`[]()<>!\\&;:|~$-+=.>0123456789\t\n\"'{}@^%"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=60))
def test_any_text_reads_back_identical(text: str) -> None:
    expected = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    if not expected:
        return
    base = sample_article("en")
    article = Article.from_dict(
        {
            **base.to_dict(),
            "blocks": [
                {"kind": "paragraph", "text": text},
                {"kind": "question", "text": text.replace("\n", " ")},
            ],
        }
    )
    _, got = rendered(article_to_markdown(article, retrieved=RETRIEVED))
    assert got[2] == ("paragraph_open", expected)
    question = " ".join(text.split("\n")).strip()
    assert got[3] == ("question", question)
