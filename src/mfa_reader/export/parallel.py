"""An article beside its version in another edition, paragraph by paragraph (see ``align``).

- Text and Markdown are interleaved: each paragraph, then its translation (indented in text, a
  quotation in Markdown), both headers first and how the version was found.
- JSON is one object: ``{"left": ARTICLE, "right": ARTICLE or null, "matched_by": …,
  "pairs": [{"left": [block indexes], "right": [block indexes], "score": float}]}``, ARTICLE being
  what ``show --json`` prints; ``show --parallel --json`` prints the same.
- The PDF sets the pairs in two columns, each in its language's fonts and direction, or
  interleaved (the translation dimmed under each paragraph).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import wcwidth

from mfa_reader.export.errors import ExportError
from mfa_reader.export.filenames import DEFAULT_TEMPLATE, filename_for
from mfa_reader.export.parts import Part, body, header
from mfa_reader.model import Article, BlockKind, MatchedBy

if TYPE_CHECKING:
    from mfa_reader.align import Pair
    from mfa_reader.export.fonts import FontLibrary
    from mfa_reader.export.images import ImageSource

FORMATS = ("txt", "md", "json", "pdf")
TRANSLATION_INDENT = "    "

# How the version was found, said after "Found by:".
FOUND_BY = {
    MatchedBy.LINK: "its page's language link",
    MatchedBy.BACKLINK: "a link to it from another page",
    MatchedBy.DATE: "the date in its title",
}
# The same, in the words of the PDF's first article.
_FOUND_BY_IN = {
    "en": ("Version found by", FOUND_BY),
    "zh": (
        "译文查找方式",
        {
            MatchedBy.LINK: "页面的语言链接",
            MatchedBy.BACKLINK: "其他页面指向它的链接",
            MatchedBy.DATE: "标题中的日期",
        },
    ),
    "fr": (
        "Version trouvée par",
        {
            MatchedBy.LINK: "le lien de langue de sa page",
            MatchedBy.BACKLINK: "un lien vers elle depuis une autre page",
            MatchedBy.DATE: "la date de son titre",
        },
    ),
    "es": (
        "Versión encontrada por",
        {
            MatchedBy.LINK: "el enlace de idioma de su página",
            MatchedBy.BACKLINK: "un enlace a ella desde otra página",
            MatchedBy.DATE: "la fecha de su título",
        },
    ),
    "ru": (
        "Версия найдена по",
        {
            MatchedBy.LINK: "языковой ссылке её страницы",
            MatchedBy.BACKLINK: "ссылке на неё с другой страницы",
            MatchedBy.DATE: "дате в её заголовке",
        },
    ),
    "ar": (
        "عُثر على النسخة عبر",
        {
            MatchedBy.LINK: "رابط اللغة في صفحتها",
            MatchedBy.BACKLINK: "رابط إليها من صفحة أخرى",
            MatchedBy.DATE: "التاريخ الوارد في عنوانها",
        },
    ),
}


def parallel_filename(
    left: Article, right: Article, fmt: str, template: str = DEFAULT_TEMPLATE
) -> str:
    """The left article's file name, with both editions where the template puts the edition:
    ``2025-09-12_en-zh_foreign-ministry-spokesperson….pdf``."""
    both = left._replace(edition=f"{left.edition}-{right.edition}")
    return filename_for(both, fmt, template)


def render_parallel(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    fmt: str,
    *,
    wrap: int | None = None,
    interleave: bool = False,
    removed_at: tuple[str | None, str | None] = (None, None),
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
) -> bytes:
    """The two articles in format ``fmt`` (txt, md, json or pdf) as bytes. ``interleave`` lays
    a PDF out as text and Markdown are; ``removed_at`` says, for JSON, when the site was seen to
    remove each article."""
    if fmt == "pdf":
        return parallel_to_pdf(
            left, right, matched_by, pairs, interleave=interleave, retrieved=retrieved,
            image_source=image_source, fonts=fonts,
        )  # fmt: skip
    if fmt == "txt":
        text = parallel_to_text(left, right, matched_by, pairs, wrap=wrap, retrieved=retrieved)
    elif fmt == "md":
        text = parallel_to_markdown(left, right, matched_by, pairs, retrieved=retrieved)
    elif fmt == "json":
        record = parallel_record(left, right, matched_by, pairs, removed_at=removed_at)
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    else:
        raise ExportError(
            f"An article and its version in another edition are exported as {', '.join(FORMATS)},"
            f" not {fmt}."
        )
    return text.encode("utf-8")


# --- JSON -----------------------------------------------------------------------------------------


def parallel_record(
    left: Article,
    right: Article | None,
    matched_by: MatchedBy | None,
    pairs: Sequence[Pair],
    *,
    removed_at: tuple[str | None, str | None] = (None, None),
) -> dict[str, Any]:
    """Both articles as ``show --json`` prints them, how the right one was found, and the pairs;
    ``right`` None when no version was found."""
    return {
        "left": {**left.to_dict(), "removed_at": removed_at[0]},
        "right": {**right.to_dict(), "removed_at": removed_at[1]} if right is not None else None,
        "matched_by": matched_by.value if matched_by is not None else None,
        "pairs": [p.to_dict() for p in pairs],
    }


# --- text -----------------------------------------------------------------------------------------


def parallel_to_text(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    *,
    wrap: int | None = None,
    retrieved: datetime | None = None,
) -> str:
    """Both headers, then each block of ``left`` followed by its counterparts in ``right``
    (indented), wrapped at ``wrap`` cells when given."""
    from mfa_reader.export.text import MIN_WRAP, header_lines

    if wrap is not None and wrap < MIN_WRAP:
        raise ExportError(f"The wrap width must be at least {MIN_WRAP} cells (got {wrap}).")
    lines = [*header_lines(header(left, retrieved), wrap), ""]
    lines += [*header_lines(header(right, retrieved), wrap)]
    lines.append(f"{'Found by:':<11}{FOUND_BY[matched_by]}")
    for pair in pairs:
        lines.append("")
        for i in pair.left:
            lines += _block_lines(left, i, "", wrap)
        for j in pair.right:
            lines += _block_lines(right, j, TRANSLATION_INDENT, wrap)
    return "\n".join(lines) + "\n"


def _block_lines(article: Article, index: int, indent: str, wrap: int | None) -> list[str]:
    block = article.blocks[index]
    if block.kind is BlockKind.IMAGE:
        return [f"{indent}[Image] {block.src}"]  # (an address is never broken)
    out: list[str] = []
    for line in block.text.split("\n"):
        width = max((wrap or 0) - wcwidth.width(indent), 1)
        pieces = wcwidth.wrap(line, width, break_on_hyphens=False) if wrap else [line]
        out += [indent + piece for piece in pieces or [""]]
    return out


# --- Markdown -------------------------------------------------------------------------------------


def parallel_to_markdown(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    *,
    retrieved: datetime | None = None,
) -> str:
    """The left article as :func:`article_to_markdown` writes it, each part followed by its
    translation as a quotation; the version's header is quoted under the left one's."""
    from mfa_reader.export.markdown import (
        escape_inline,
        facts,
        front_matter,
        part_lines,
        yaml_string,
    )

    h, r = header(left, retrieved), header(right, retrieved)
    about_right = {
        "translation_title": r.title,
        "translation_edition": r.edition,
        "translation_url": r.url,
        "found_by": matched_by.value,
    }
    out = front_matter(h)[:-1]
    out += [*(f"{key}: {yaml_string(value)}" for key, value in about_right.items()), "---", ""]
    out += [f"# {escape_inline(' '.join(h.title.split()))}", "", facts(h), ""]
    out += _quoted([f"**{escape_inline(' '.join(r.title.split()))}**", "", facts(r)])
    out += ["", f"Found by: {FOUND_BY[matched_by]}"]
    for pair in pairs:
        for part in _parts(left, pair.left):
            out += ["", *part_lines(part, 1)]
        for part in _parts(right, pair.right):
            out += ["", *_quoted(part_lines(part, 1))]
    return "\n".join(out) + "\n"


def _quoted(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _parts(article: Article, indexes: Sequence[int]) -> list[Part]:
    """The parts of some of an article's blocks (an image with the caption after it, if that
    is among them, is one figure)."""
    return body(article._replace(blocks=tuple(article.blocks[i] for i in indexes)))


# --- PDF ------------------------------------------------------------------------------------------


def parallel_to_pdf(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    *,
    interleave: bool = False,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
) -> bytes:
    """The pairs in two columns (each article in its language's fonts and direction) or, with
    ``interleave``, each paragraph followed by its translation, dimmed. Raises as
    :func:`~mfa_reader.export.pdf.article_to_pdf` does."""
    from mfa_reader.export.pdf import article_data, compile_pdf, part_data

    def document(fonts: FontLibrary, images: dict[str, str]) -> dict[str, Any]:
        shown = [article_data(header(a, retrieved), a, fonts, images) for a in (left, right)]
        for data in shown:
            data["parts"] = []
        rows = []
        for pair in pairs:
            row = {}
            for side, article, data, indexes in zip(
                ("left", "right"), (left, right), shown, (pair.left, pair.right), strict=True
            ):
                parts = [part_data(p, article.edition, images) for p in _parts(article, indexes)]
                row[side] = list(range(len(data["parts"]), len(data["parts"]) + len(parts)))
                data["parts"] += parts
            rows.append(row)
        label, how = _FOUND_BY_IN.get(left.edition, _FOUND_BY_IN["en"])
        colon = "：" if left.edition == "zh" else ": "
        return {
            "title": shown[0]["title"],
            "author": shown[0]["source"],
            "keywords": list(dict.fromkeys(k for k in (h["edition"] for h in shown) if k)),
            "contents": None,
            "articles": shown,
            "parallel": {
                "columns": not interleave,
                "found_by": f"{label}{colon}{how[matched_by]}",
                "rows": rows,
            },
        }

    return compile_pdf([left, right], document, image_source, fonts)
