"""PDF through typst: the article goes in as JSON (``sys.inputs``), never as markup.

The layout is ``article.typ`` beside this file. Images are written to a private temporary folder
that is the typst project's root, so the template can embed them and nothing else is readable.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from mfa_reader.export.errors import ExportError, MissingFontError
from mfa_reader.export.fonts import FontLibrary, font_library, forget_font_libraries
from mfa_reader.export.images import ImageSource, image_format
from mfa_reader.export.parts import Figure, Header, body, header
from mfa_reader.model import Article

log = logging.getLogger(__name__)

# Words of the PDF around the article, in the article's language.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "published": "Published", "section": "Section", "source": "Source", "url": "Link",
        "retrieved": "Retrieved", "sep": ": ",
        "page": "Page {n} / {m}",
        "no_image": "Image not included: it could not be fetched (offline?).",
    },
    "zh": {
        "published": "发布时间", "section": "栏目", "source": "来源", "url": "链接",
        "retrieved": "获取日期", "sep": "：",
        "page": "第{n}页 / 共{m}页",
        "no_image": "图片未能获取（可能处于离线状态），未收入本文件。",
    },
    "fr": {
        "published": "Publié le", "section": "Rubrique", "source": "Source", "url": "Lien",
        "retrieved": "Consulté le", "sep": " : ",
        "page": "Page {n} / {m}",
        "no_image": "Image non incluse : elle n'a pas pu être récupérée (hors ligne ?).",
    },
    "es": {
        "published": "Publicado", "section": "Sección", "source": "Fuente", "url": "Enlace",
        "retrieved": "Consultado", "sep": ": ",
        "page": "Página {n} / {m}",
        "no_image": "Imagen no incluida: no se pudo obtener (¿sin conexión?).",
    },
    "ru": {
        "published": "Опубликовано", "section": "Раздел", "source": "Источник", "url": "Ссылка",
        "retrieved": "Дата обращения", "sep": ": ",
        "page": "Страница {n} / {m}",
        "no_image": "Изображение не включено: его не удалось загрузить (нет сети?).",
    },
    "ar": {
        "published": "تاريخ النشر", "section": "القسم", "source": "المصدر", "url": "الرابط",
        "retrieved": "تاريخ الاسترجاع", "sep": ": ",
        "page": "صفحة {n} / {m}",
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


def _document(
    h: Header, article: Article, fonts: FontLibrary, images: dict[str, str]
) -> dict[str, Any]:
    labels = LABELS.get(h.edition_code, LABELS["en"])
    lang, _, region = h.lang.partition("-")
    spaced: Callable[[str], str] = chinese_spacing if h.edition_code == "zh" else _unchanged
    facts = [
        {"label": labels["published"], "value": _ltr(h.published, h.rtl)},
        {"label": labels["section"], "value": spaced(h.section)},
        {"label": labels["source"], "value": spaced(h.source)},
    ]
    parts: list[dict[str, Any]] = []
    for part in body(article):
        if isinstance(part, Figure):
            if part.src is None:
                parts.append({"kind": "paragraph", "text": spaced(part.caption)})
            else:
                parts.append(
                    {
                        "kind": "figure",
                        "path": images.get(part.src),
                        "src": part.src,
                        "caption": spaced(part.caption),
                        "note": labels["no_image"],
                    }
                )
        else:
            parts.append({"kind": part.kind.value, "text": spaced(part.text)})
    title = spaced(h.title)
    return {
        "title": title,
        "short_title": _short(title),
        "edition": h.edition,
        "source": h.source or "",
        "keywords": [k for k in (h.edition, h.section) if k],
        "lang": lang.lower(),
        "region": region.lower() or None,
        "rtl": h.rtl,
        "fonts": fonts.chain(h.edition_code),
        "url": h.url,
        "url_text": _ltr(h.url, h.rtl),
        "retrieved": _ltr(h.retrieved, h.rtl),
        "facts": [f for f in facts if f["value"]],
        "labels": labels,
        "parts": parts,
    }


def _shown_text(document: dict[str, Any]) -> list[str]:
    """Every string the PDF shows, for the font check."""
    shown = [document["title"], document["short_title"], document["edition"], document["url"]]
    shown += [document["retrieved"], *document["labels"].values()]
    shown += [f"{f['label']}{f['value']}" for f in document["facts"]]
    for part in document["parts"]:
        shown += [part.get("text", ""), part.get("caption", "")]
        if part.get("kind") == "figure" and part["path"] is None:
            shown.append(part["src"])
    shown.append("0123456789/")
    return shown


def article_to_pdf(
    article: Article,
    *,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
) -> bytes:
    """The article as a PDF (bytes). Raises :class:`MissingFontError` before compiling when the
    installed fonts lack some of its characters, :class:`ExportError` when typst fails."""
    import typst

    own_library = fonts is None
    fonts = fonts or font_library()
    h = header(article, retrieved)
    with tempfile.TemporaryDirectory(prefix="mfa-reader-pdf-") as tmp:
        root = Path(tmp)
        images: dict[str, str] = {}
        for n, block in enumerate(article.images):
            if not block.src or block.src in images or image_source is None:
                continue
            try:
                data = image_source(block.src)
            except Exception:  # a failing source is the same as an offline one
                log.warning("the image source failed for %s", block.src, exc_info=True)
                data = None
            kind = image_format(data) if data else None
            if data and kind:
                (root / f"image-{n}.{kind}").write_bytes(data)
                images[block.src] = f"/image-{n}.{kind}"
        document = _document(h, article, fonts, images)
        try:
            fonts.check(h.edition_code, _shown_text(document))
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
        document = _document(h, article, fonts, {})
        try:
            return _compile(root, document, fonts)
        except typst.TypstError as exc:
            raise ExportError(f"Cannot make the PDF: typst failed: {exc.message}") from exc


def _compile(root: Path, document: dict[str, Any], fonts: FontLibrary) -> bytes:
    import typst

    compiler = typst.Compiler(
        _template(),
        root=str(root),
        font_paths=fonts.fonts,
        ignore_system_fonts=True,  # the library already holds the system's fonts, or must not
        sys_inputs={"article": json.dumps(document, ensure_ascii=False)},
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
