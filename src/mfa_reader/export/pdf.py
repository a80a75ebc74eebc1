"""PDF through typst: the article goes in as JSON (``sys.inputs``), never as markup.

The layout is ``article.typ`` beside this file: one article, or many after a page of contents
(:func:`articles_to_pdf`). Images are written to a private temporary folder that is the typst
project's root, so the template can embed them and nothing else is readable.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from mfa_reader.dates import utc_minute
from mfa_reader.export.errors import ExportError, MissingFontError
from mfa_reader.export.fonts import FontLibrary, font_library, forget_font_libraries
from mfa_reader.export.images import ImageSource, image_format
from mfa_reader.export.parts import (
    Collection,
    Header,
    Part,
    Text,
    VersionOf,
    body,
    collection,
    header,
)
from mfa_reader.model import Article, TextSeen

log = logging.getLogger(__name__)

# Words of the PDF around the article, in the article's language.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "published": "Published", "section": "Section", "source": "Source", "url": "Link",
        "retrieved": "Retrieved", "sep": ": ",
        "page": "Page {n} / {m}", "articles": "{n} articles",
        "version": "Version",
        "as_published": "{n} of {m}, as published on the site, seen {date}",
        "no_image": "Image not included: it could not be fetched (offline?).",
    },
    "zh": {
        "published": "发布时间", "section": "栏目", "source": "来源", "url": "链接",
        "retrieved": "获取日期", "sep": "：",
        "page": "第{n}页 / 共{m}页", "articles": "共{n}篇",
        "version": "版本",
        "as_published": "第{n}版（共{m}版），网站所发布的文本，{date}所见",
        "no_image": "图片未能获取（可能处于离线状态），未收入本文件。",
    },
    "fr": {
        "published": "Publié le", "section": "Rubrique", "source": "Source", "url": "Lien",
        "retrieved": "Consulté le", "sep": " : ",
        "page": "Page {n} / {m}", "articles": "{n} articles",
        "version": "Version",
        "as_published": "{n} sur {m}, telle que publiée sur le site, vue le {date}",
        "no_image": "Image non incluse : elle n'a pas pu être récupérée (hors ligne ?).",
    },
    "es": {
        "published": "Publicado", "section": "Sección", "source": "Fuente", "url": "Enlace",
        "retrieved": "Consultado", "sep": ": ",
        "page": "Página {n} / {m}", "articles": "{n} artículos",
        "version": "Versión",
        "as_published": "{n} de {m}, tal como se publicó en el sitio, vista el {date}",
        "no_image": "Imagen no incluida: no se pudo obtener (¿sin conexión?).",
    },
    "ru": {
        "published": "Опубликовано", "section": "Раздел", "source": "Источник", "url": "Ссылка",
        "retrieved": "Дата обращения", "sep": ": ",
        "page": "Страница {n} / {m}", "articles": "Статей: {n}",
        "version": "Версия",
        "as_published": "{n} из {m}, в редакции, опубликованной на сайте, по состоянию на {date}",
        "no_image": "Изображение не включено: его не удалось загрузить (нет сети?).",
    },
    "ar": {
        "published": "تاريخ النشر", "section": "القسم", "source": "المصدر", "url": "الرابط",
        "retrieved": "تاريخ الاسترجاع", "sep": ": ",
        "page": "صفحة {n} / {m}", "articles": "عدد المقالات: {n}",
        "version": "النسخة",
        "as_published": "{n} من {m}، كما نُشرت على الموقع، شوهدت في {date}",
        "no_image": "لم تُدرج الصورة: تعذّر تنزيلها (ربما لا يوجد اتصال).",
    },
}  # fmt: skip

_TEMPLATE: bytes | None = None


def _template() -> bytes:
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = files("mfa_reader.export").joinpath("article.typ").read_bytes()
    return _TEMPLATE


def _short(title: str, limit: int = 90) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _ltr(value: str, rtl: bool) -> str:
    """Dates and addresses keep their left-to-right order inside Arabic lines (an isolate:
    without it the bidi algorithm shows 2025-10-17 as 17-10-2025)."""
    return f"\u2066{value}\u2069" if rtl and value else value


# Full-width punctuation carries its own blank half: a space beside it shows as a gap.
_FULL_WIDTH_PUNCTUATION = "，。、；：！？“”‘’（）《》〈〉「」『』【】"
_SPACE_BESIDE_PUNCTUATION = re.compile(
    f"[ \u00a0]+(?=[{_FULL_WIDTH_PUNCTUATION}])|(?<=[{_FULL_WIDTH_PUNCTUATION}])[ \u00a0]+"
)


def chinese_spacing(text: str) -> str:
    """Chinese text as typst should set it: the page's non-breaking spaces made ordinary ones,
    which typst's CJK line-breaking and punctuation rules know, and no space beside full-width
    punctuation."""
    return _SPACE_BESIDE_PUNCTUATION.sub("", text.replace("\u00a0", " "))


def _unchanged(text: str) -> str:
    return text


def _language(lang_tag: str, rtl: bool, fonts: list[str | dict[str, Any]]) -> dict[str, Any]:
    lang, _, region = lang_tag.partition("-")
    return {"lang": lang.lower(), "region": region.lower() or None, "rtl": rtl, "fonts": fonts}


def _as_published(h: Header, labels: dict[str, str]) -> str | None:
    """Which text of the article this is, in its language (None when not known)."""
    if h.version is None:
        return None
    return labels["as_published"].format(
        n=h.version.number, m=h.version.latest, date=_ltr(utc_minute(h.version.seen_at), h.rtl)
    )


def article_data(
    h: Header, article: Article, fonts: FontLibrary, images: dict[str, str]
) -> dict[str, Any]:
    """What the template shows of one article: its header's facts, in its language, and its
    parts (``images``: the address of each image written into the project -> its path)."""
    labels = LABELS.get(h.edition_code, LABELS["en"])
    spaced = _spacing(h.edition_code)
    facts = [
        {"label": labels["published"], "value": _ltr(h.published, h.rtl)},
        {"label": labels["section"], "value": spaced(h.section)},
        {"label": labels["source"], "value": spaced(h.source)},
    ]
    title = spaced(h.title)
    return {
        **_language(h.lang, h.rtl, fonts.chain(h.edition_code)),
        "edition_code": h.edition_code,
        "title": title,
        "short_title": _short(title),
        "date": _ltr(h.published_iso[:10], h.rtl),
        "edition": h.edition,
        "section": h.section,
        "source": h.source or "",
        "url": h.url,
        "url_text": _ltr(h.url, h.rtl),
        "retrieved": _ltr(h.retrieved, h.rtl),
        "version": _as_published(h, labels),
        "facts": [f for f in facts if f["value"]],
        "labels": labels,
        "parts": [part_data(part, h.edition_code, images) for part in body(article)],
    }


def part_data(part: Part, edition_code: str, images: dict[str, str]) -> dict[str, Any]:
    """One part of an article's body as the template shows it."""
    spaced = _spacing(edition_code)
    if isinstance(part, Text):
        return {"kind": part.kind.value, "text": spaced(part.text)}
    if part.src is None:
        return {"kind": "paragraph", "text": spaced(part.caption)}
    return {
        "kind": "figure",
        "path": images.get(part.src),
        "src": part.src,
        "caption": spaced(part.caption),
        "note": LABELS.get(edition_code, LABELS["en"])["no_image"],
    }


def _spacing(edition_code: str) -> Callable[[str], str]:
    return chinese_spacing if edition_code == "zh" else _unchanged


def _contents(c: Collection, fonts: FontLibrary) -> dict[str, Any]:
    """The page of contents before many articles, in the first article's language."""
    labels = LABELS.get(c.edition_code, LABELS["en"])
    span = c.first if c.first == c.last else f"{c.first} – {c.last}"
    return {
        **_language(c.lang, c.rtl, fonts.chain(c.edition_code)),
        "title": c.title,
        "short_title": _short(c.title),
        "edition": "",
        "subtitle": f"{labels['articles'].format(n=c.count)} · {_ltr(span, c.rtl)}",
        "labels": labels,
    }


def _document(
    articles: Sequence[Article],
    contents: Collection | None,
    fonts: FontLibrary,
    images: dict[str, str],
    retrieved: datetime | None,
    version_of: VersionOf | None,
) -> dict[str, Any]:
    shown = [
        article_data(header(a, retrieved, version_of(a) if version_of else None), a, fonts, images)
        for a in articles
    ]
    first = shown[0]
    named = [contents.title] if contents else [first["edition"], first["section"]]
    return {
        "title": contents.title if contents else first["title"],
        "author": first["source"],
        "keywords": list(dict.fromkeys(k for k in named if k)),
        "contents": _contents(contents, fonts) if contents else None,
        "articles": shown,
        "parallel": None,
    }


def _check_fonts(document: dict[str, Any], fonts: FontLibrary) -> None:
    """Every string the PDF shows has a font, in each article's own chain of fonts."""
    for article in document["articles"]:
        shown = [article["title"], article["short_title"], article["edition"], article["url"]]
        shown += [article["retrieved"], article["date"], *article["labels"].values()]
        shown.append(article["version"] or "")
        shown += [f"{f['label']}{f['value']}" for f in article["facts"]]
        for part in article["parts"]:
            shown += [part.get("text", ""), part.get("caption", "")]
            if part.get("kind") == "figure" and part["path"] is None:
                shown.append(part["src"])
        shown.append("0123456789/")
        fonts.check(article["edition_code"], shown)
    first = document["articles"][0]["edition_code"]
    contents = document["contents"]
    if contents is not None:
        fonts.check(first, [contents["title"], contents["subtitle"], "0123456789"])
    if document["parallel"] is not None:
        fonts.check(first, [document["parallel"]["found_by"]])


def article_to_pdf(
    article: Article,
    *,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    version: TextSeen | None = None,
) -> bytes:
    """The article as a PDF (bytes); ``version``: which text of it this is. Raises
    :class:`MissingFontError` before compiling when the installed fonts lack some of its
    characters, :class:`ExportError` when typst fails."""
    return compile_pdf(
        [article],
        lambda fonts, images: _document(
            [article], None, fonts, images, retrieved, lambda _: version
        ),
        image_source,
        fonts,
    )


def articles_to_pdf(
    articles: Sequence[Article],
    *,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    version_of: VersionOf | None = None,
) -> bytes:
    """Many articles in one PDF, in the order given, after a page of contents that links to each
    (each one also a bookmark); each article begins on a new page; ``version_of`` says which text
    of each it is. Raises as :func:`article_to_pdf` does."""
    if not articles:
        raise ExportError("No articles to put in the PDF; nothing was written.")
    contents = collection(articles)
    return compile_pdf(
        articles,
        lambda fonts, images: _document(articles, contents, fonts, images, retrieved, version_of),
        image_source,
        fonts,
    )


# What the template is given (see article.typ), made with the fonts and the images written.
DocumentMaker = Callable[[FontLibrary, dict[str, str]], dict[str, Any]]


def compile_pdf(
    articles: Sequence[Article],
    document_of: DocumentMaker,
    image_source: ImageSource | None,
    fonts: FontLibrary | None,
) -> bytes:
    """The PDF of the document ``document_of`` makes of ``articles`` and their images. Raises as
    :func:`article_to_pdf` does."""
    import typst

    own_library = fonts is None
    fonts = fonts or font_library()
    with tempfile.TemporaryDirectory(prefix="mfa-reader-pdf-") as tmp:
        root = Path(tmp)
        images = _write_images(root, articles, image_source)
        document = document_of(fonts, images)
        try:
            _check_fonts(document, fonts)
        except MissingFontError:
            if own_library:
                forget_font_libraries()
            raise
        try:
            return _compile(root, document, fonts)
        except typst.TypstError as exc:
            if not images:
                raise ExportError(f"Cannot make the PDF: typst failed: {exc.message}") from exc
        # An image typst cannot decode (a truncated download, say): try once without images.
        document = document_of(fonts, {})
        try:
            return _compile(root, document, fonts)
        except typst.TypstError as exc:
            raise ExportError(f"Cannot make the PDF: typst failed: {exc.message}") from exc


def _write_images(
    root: Path, articles: Sequence[Article], image_source: ImageSource | None
) -> dict[str, str]:
    """The images typst can embed, written into the project's ``root``: address -> path."""
    images: dict[str, str] = {}
    if image_source is None:
        return images
    for block in (b for article in articles for b in article.images):
        if not block.src or block.src in images:
            continue
        try:
            data = image_source(block.src)
        except Exception:  # a failing source is the same as an offline one
            log.warning("the image source failed for %s", block.src, exc_info=True)
            data = None
        kind = image_format(data) if data else None
        if data and kind:
            name = f"image-{len(images)}.{kind}"
            (root / name).write_bytes(data)
            images[block.src] = f"/{name}"
    return images


def _compile(root: Path, document: dict[str, Any], fonts: FontLibrary) -> bytes:
    import typst

    compiler = typst.Compiler(
        _template(),
        root=str(root),
        font_paths=fonts.fonts,
        ignore_system_fonts=True,  # the library already holds the system's fonts, or must not
        sys_inputs={"document": json.dumps(document, ensure_ascii=False)},
    )
    pdf = compiler.compile(format="pdf")
    if not isinstance(pdf, bytes):
        raise ExportError("Cannot make the PDF: typst returned no document.")
    return without_false_suspects(pdf)


_FALSE_SUSPECTS = b"/Suspects false"


def without_false_suspects(pdf: bytes) -> bytes:
    """The PDF with its catalog's ``/Suspects false`` blanked out.

    typst (0.14 on) tags its PDFs and marks them ``/MarkInfo <</Marked true /Suspects false>>``,
    which is valid; but poppler takes any /Suspects that is not true for a wrong type, and pdfinfo,
    pdftotext and every viewer built on it print "Syntax Error: Suspects object is wrong type
    (boolean)". False is the default, so the entry can go: it becomes spaces of the same length,
    and the cross-reference table's byte offsets stay true. Only the catalog is looked at (it holds
    no text of the article), so nothing the article says can be touched.
    """
    start = pdf.find(b"/Type/Catalog")
    end = pdf.find(b"endobj", start)
    at = pdf.find(_FALSE_SUSPECTS, start, end) if start >= 0 and end >= 0 else -1
    if at < 0:
        return pdf
    return pdf[:at] + b" " * len(_FALSE_SUSPECTS) + pdf[at + len(_FALSE_SUSPECTS) :]
