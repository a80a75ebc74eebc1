"""Images for the PDF: where their bytes come from, and which bytes typst can embed.

The exporter never touches the network itself: the caller passes an *image source*, a function
from an image's address to its bytes (or ``None`` when it cannot have them, e.g. offline).
:func:`images_from_dir` and :func:`images_from_mapping` make one from a folder or a dict;
:func:`prefetch_images` fills a dict through a fetcher (any object with an async
``fetch_bytes(url)``). ``mfa_reader.article_images`` puts these together for the command line and
the reader: images kept on disk, the others fetched once.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Container, Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from mfa_reader.fetch_errors import FetchError
from mfa_reader.model import Article

log = logging.getLogger(__name__)

ImageSource = Callable[[str], bytes | None]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


def image_format(data: bytes) -> str | None:
    """ "png", "jpg", "gif", "webp" or "svg" when typst can embed ``data``; ``None`` otherwise."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


def images_from_mapping(images: Mapping[str, bytes]) -> ImageSource:
    return images.get


def images_from_dir(folder: Path) -> ImageSource:
    """Images saved in ``folder`` under the last part of their address (``W0201….jpg``)."""

    def source(url: str) -> bytes | None:
        name = posixpath.basename(urlsplit(url).path)
        if not name or name in (".", ".."):
            return None
        try:
            return (folder / name).read_bytes()
        except OSError:
            return None

    return source


class _Fetcher(Protocol):
    async def fetch_bytes(self, url: str) -> bytes: ...


def image_urls(article: Article) -> list[str]:
    """The addresses of the article's images, each once, in reading order."""
    return list(dict.fromkeys(b.src for b in article.images if b.src))


async def prefetch_images(
    article: Article, fetcher: _Fetcher, *, skip: Container[str] = ()
) -> dict[str, bytes]:
    """The article's images (but those in ``skip``) fetched through ``fetcher``; ones that fail
    are left out (the PDF then says the image could not be fetched). One after the other: the
    site's spacing between requests is the wait either way, and a failure is known before the next
    image waits its turn."""
    found: dict[str, bytes] = {}
    for url in image_urls(article):
        if url in skip:
            continue
        try:
            found[url] = await fetcher.fetch_bytes(url)
        except FetchError as exc:  # offline, refused, too big: the PDF notes the image instead
            log.info("image not fetched: %s", exc)
    return found
