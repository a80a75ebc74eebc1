"""File names from a template, safe on every platform and still readable in Chinese and Arabic.

The default template is ``{date}_{edition}_{slug}.{ext}``, e.g.
``2025-10-17_zh_2025年10月17日外交部发言人主持例行记者会.pdf``.
A name never holds a path separator, never climbs (``..``), never is a name Windows reserves
(``CON``, ``NUL``, ``COM1`` …), never starts with a dot, and is at most :data:`MAX_NAME_BYTES`
bytes of UTF-8 (file systems count bytes: 255 on most, so a Chinese title must be cut by bytes).
"""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import date

from mfa_reader.config import DEFAULT_FILENAME_TEMPLATE, FILENAME_FIELDS
from mfa_reader.export.errors import ExportError
from mfa_reader.model import Article

DEFAULT_TEMPLATE = DEFAULT_FILENAME_TEMPLATE  # the settings check templates against FIELDS
FIELDS = FILENAME_FIELDS
MAX_NAME_BYTES = 200

_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
_RESERVED |= {f"{dev}{n}" for dev in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
# Anything that is not a letter, a digit or a combining mark becomes a separator.
_KEEP_CATEGORIES = ("L", "N", "M")
_DASHES = re.compile(r"[-\s]+")


def _slug_chars(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "'’ʼ":
            continue  # "Spokesperson's" -> "spokespersons", not "spokesperson-s"
        category = unicodedata.category(ch)
        if category[0] in _KEEP_CATEGORIES:
            out.append(ch.lower() if ch.isascii() else ch)
        else:
            out.append("-")
    return _DASHES.sub("-", "".join(out)).strip("-")


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` bytes of UTF-8, never in the middle of a
    character nor between a letter and its combining marks."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    while cut and unicodedata.category(text[len(cut)])[0] == "M":  # keep marks with their base
        cut = cut[:-1]
    return cut


def slugify(title: str, limit: int = MAX_NAME_BYTES) -> str:
    """Words of the title joined by ``-``: letters of every script kept, punctuation dropped."""
    return cut_to_bytes(_slug_chars(title), limit).strip("-")


def _safe_part(value: str) -> str:
    """A template field: no separators, no control characters, nothing Windows refuses."""
    value = "".join(
        "-" if ch in '/\\:*?"<>|' or unicodedata.category(ch)[0] == "C" else ch
        for ch in unicodedata.normalize("NFC", value)
    )
    return value.strip()


def safe_filename(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """``name`` made safe as one file name (see the module's docstring); keeps the extension."""
    name = _safe_part(name)
    name = re.sub(r"\.{2,}", ".", name).strip(" .-")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, dot, ext = name, "", ""
    ext_bytes = len((dot + ext).encode("utf-8"))
    stem = cut_to_bytes(stem, max(limit - ext_bytes, 1)).rstrip(" .-") or "article"
    if stem.split(".", 1)[0].strip().upper() in _RESERVED:
        stem = "_" + stem
        stem = cut_to_bytes(stem, max(limit - ext_bytes, 1))
    return stem + dot + ext


def filename_for(
    article: Article, ext: str, template: str = DEFAULT_TEMPLATE, limit: int = MAX_NAME_BYTES
) -> str:
    """The file name of ``article`` from ``template`` (fields: date, edition, section, doc_id,
    slug, ext). The slug gets whatever room the other fields leave."""
    used = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    unknown = used - set(FIELDS)
    if unknown:
        raise ExportError(
            f"The file name template {template!r} has unknown field(s) "
            f"{', '.join(sorted(unknown))}; the fields are {', '.join(FIELDS)}."
        )
    values = {
        "date": article.published[:10],
        "edition": article.edition,
        "section": article.section or "",
        "doc_id": article.doc_id,
        "ext": ext,
    }
    fixed = {k: _slug_chars(v) if k == "section" else _safe_part(v) for k, v in values.items()}
    without_slug = template.format(**fixed, slug="")
    room = limit - len(without_slug.encode("utf-8"))
    slug = slugify(article.title, max(room, 8)) or _safe_part(article.doc_id) or "article"
    return safe_filename(template.format(**fixed, slug=slug), limit)


def earlier_text_filename(name: str, number: int) -> str:
    """``…_slug-v2.pdf``: an earlier text of an article is not taken for its latest."""
    stem, dot, ext = name.rpartition(".")
    return safe_filename(f"{stem}-v{number}{dot}{ext}" if dot else f"{name}-v{number}")


def collection_filename(
    ext: str, *, edition: str | None = None, section: str | None = None, since: date | None = None
) -> str:
    """A name for many articles in one file: ``mfa_en_press-conferences_since-2025-01-01.jsonl``."""
    parts = ["mfa", edition or "all", _slug_chars(section) if section else "all-sections"]
    if since:
        parts.append(f"since-{since.isoformat()}")
    return safe_filename("_".join(parts) + f".{ext}")
