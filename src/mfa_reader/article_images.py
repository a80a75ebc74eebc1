"""The images of articles for PDFs and printing: kept on disk once fetched, fetched once at most.

``ArticleImages`` is what the command line and the reader's dialogs use for one job (an export, a
bulk export, a print): an image kept from before is read from disk; the others are fetched through
one fetcher for the whole job and kept. Images are optional in a PDF (a missing one is noted with
its address), so each is asked for once, without retries, and once the site cannot be reached
nothing more is asked of it: an export offline costs one failed connection, not a wait per image.

The kept images are files in the platform's cache folder (``locations.image_dir``), one per
address, named by the address's SHA-256: they can be fetched again, so they stay out of the cache
file, which holds the user's read marks and stars and is backed up with them.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
from collections.abc import Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mfa_reader import locations
from mfa_reader.export.images import ImageSource, image_format, image_urls, prefetch_images
from mfa_reader.model import Article

if TYPE_CHECKING:
    import asyncio

    from mfa_reader.config import Settings
    from mfa_reader.fetcher import Fetcher

log = logging.getLogger(__name__)


class KeptImages:
    """Images kept in ``folder``, one file per address; what is not an image is never kept."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else locations.image_dir()

    def _file(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def has(self, url: str) -> bool:
        return self._file(url).is_file()

    def get(self, url: str) -> bytes | None:
        try:
            return self._file(url).read_bytes()
        except OSError:
            return None

    def put(self, url: str, data: bytes) -> bool:
        """Keep ``data`` for ``url`` (written whole or not at all); whether it is kept. What is
        not an image (a page of the site's instead, say) is not; nor on a full disk."""
        if image_format(data) is None:
            return False
        path = self._file(url)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError as exc:
            log.warning("could not keep the image of %s: %s", url, exc)
            with contextlib.suppress(OSError):
                partial.unlink()
            return False
        return True


class ArticleImages:
    """The images of one job's articles::

    with closing(ArticleImages(settings)) as images:
        export_article(article, "pdf", image_source=images.source(article))
    """

    def __init__(self, settings: Settings, kept: KeptImages | None = None) -> None:
        self.settings = settings
        self.kept = kept if kept is not None else KeptImages()
        self._held: dict[str, bytes] = {}  # fetched but not kept on disk (a full disk, say)
        self._runner: asyncio.Runner | None = None
        self._fetcher: Fetcher | None = None

    def source(self, article: Article) -> ImageSource | None:
        """The article's images: those kept, and the others fetched now (and kept); ``None`` when
        the article has none."""
        urls = image_urls(article)
        if not urls:
            return None
        have = {url for url in urls if url in self._held or self.kept.has(url)}
        if len(have) < len(urls):
            for url, data in self._run_fetch(article, skip=have).items():
                if not self.kept.put(url, data):
                    self._held[url] = data
        return self.image

    def sources(self, articles: Iterable[Article]) -> ImageSource:
        """The images of all ``articles`` (for one PDF of them), fetched now when not kept; read
        from disk when the PDF is made, not held in memory."""
        for article in articles:
            self.source(article)
        return self.image

    def image(self, url: str) -> bytes | None:
        """An image of this job's articles (see :meth:`source`); None when it could not be had."""
        held = self._held.get(url)
        return held if held is not None else self.kept.get(url)

    def _run_fetch(self, article: Article, skip: Container[str]) -> dict[str, bytes]:
        # httpx and the event loop only when an image is missing: a kept article needs neither.
        if self._runner is None:
            import asyncio

            from mfa_reader.fetcher import Fetcher

            self._runner = asyncio.Runner()
            self._fetcher = Fetcher.from_settings(self.settings, retries=0)
        assert self._fetcher is not None
        return self._runner.run(prefetch_images(article, self._fetcher, skip=skip))

    def close(self) -> None:
        if self._runner is not None:
            if self._fetcher is not None:
                self._runner.run(self._fetcher.aclose())
            self._runner.close()
            self._runner = self._fetcher = None


def images_of(article: Article, settings: Settings) -> ImageSource | None:
    """One article's images, for a job of one article (an export, a print)."""
    with contextlib.closing(ArticleImages(settings)) as images:
        return images.source(article)
