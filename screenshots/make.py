"""Regenerate the README's screenshots (screenshots/*.svg) from the fixture site.

The fixture site (tests/fixtures/site/, invented text in the real page shapes) is served on
127.0.0.1, synced into a fresh cache (English, Chinese and Arabic press conferences with their
bodies), and the reader is driven headless at a fixed size; each screen is saved as SVG.

    .venv/bin/python screenshots/make.py [--out screenshots]

Arabic is shown with ``rtl = "terminal"``: SVG viewers (browsers) lay out right-to-left text
themselves, like a terminal with bidi support.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from mfa_reader.cache import Cache  # noqa: E402
from mfa_reader.config import Settings  # noqa: E402
from mfa_reader.fetcher import Fetcher  # noqa: E402
from mfa_reader.model import BlockKind  # noqa: E402
from mfa_reader.sync import refresh  # noqa: E402
from mfa_reader.ui.app import ReaderApp  # noqa: E402
from siteserver import FIXTURE_SITE, SiteServer  # noqa: E402

WIDE = (132, 36)
NARROW = (100, 32)
EDITIONS = ("en", "zh", "ar")

Steps = Callable[[Any, ReaderApp], Awaitable[None]]


async def fill(cache: Cache, origin: str) -> None:
    async with Fetcher(origin=origin, spacing=0.0, retries=0) as fetcher:
        await refresh(cache, fetcher, editions=EDITIONS, bodies=True)


def edit_on_the_site(cache: Cache) -> None:
    """Store an edited text of the newest English conference, as a recheck would find it: words
    added to an answer, a paragraph taken out (for the history screen)."""
    entry = cache.entries("en", "press-conferences", limit=1)[0]
    article = cache.article(entry.url)
    assert article is not None, entry.url
    blocks = list(article.blocks)
    paragraphs = [i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]
    edited, dropped = paragraphs[1], paragraphs[2]
    blocks[edited] = blocks[edited]._replace(
        text=blocks[edited].text.replace(".", ", as both sides agreed.", 1)
    )
    del blocks[dropped]
    cache.store_article(article._replace(blocks=tuple(blocks)))


async def shoot(
    settings: Settings, cache: Cache, size: tuple[int, int], steps: Steps, path: Path
) -> None:
    app = ReaderApp(settings=settings, cache=cache)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot, app)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(path.name, str(path.parent))
    print(f"wrote {path}")


def keys(*names: str) -> Steps:
    async def run(pilot: Any, app: ReaderApp) -> None:
        await pilot.press(*names)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, SiteServer(FIXTURE_SITE) as server:
        path = Path(tmp) / "cache.sqlite3"
        cache = Cache.open(path)
        await fill(cache, server.origin)
        edit_on_the_site(cache)

        def settings(**options: Any) -> Settings:
            base: dict[str, Any] = {"cache": path, "refresh": "never", "origin": server.origin}
            return Settings(**{**base, **options})

        shots: list[tuple[str, Settings, tuple[int, int], Steps]] = [
            ("library.svg", settings(), WIDE, keys()),
            ("reader-en.svg", settings(), WIDE, keys("enter")),
            ("reader-zh.svg", settings(edition="zh"), NARROW, keys("enter")),
            ("reader-ar.svg", settings(edition="ar"), WIDE, keys("enter")),
            ("search.svg", settings(), WIDE, keys("slash", *"Valdoria")),
            ("edition-picker.svg", settings(), WIDE, keys("L")),
            ("help.svg", settings(), WIDE, keys("question_mark")),
            ("history.svg", settings(), WIDE, keys("enter", "h")),
            # The conference of September 12 (third row) beside its Chinese version, first offered.
            ("parallel.svg", settings(), WIDE, keys("j", "j", "enter", "T", "enter")),
        ]
        for name, options, size, steps in shots:
            await shoot(options, cache, size, steps, out / name)
            (Path(tmp) / "reader-state.json").unlink(missing_ok=True)
            for entry in cache.entries(limit=1000):  # every shot starts with unread articles
                if entry.read:
                    cache.set_read(entry.url, False)
        cache.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    asyncio.run(main(parser.parse_args().out))
