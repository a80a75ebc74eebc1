"""``show --parallel EDITION`` and ``export --parallel EDITION``: an article and its version in
another edition, paragraph by paragraph (the layouts are :mod:`mfa_reader.export.parallel`'s), the
version found in the cache or looked for on the site."""

from __future__ import annotations

import sys
from argparse import Namespace
from contextlib import closing
from typing import TYPE_CHECKING

from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REMOVED,
    EXIT_UNPARSABLE,
    STDOUT,
    UserError,
    open_cache,
    print_json,
    run,
    say,
)

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.cli.reading import Found
    from mfa_reader.config import Settings
    from mfa_reader.model import Article
    from mfa_reader.other_editions import Translation
    from mfa_reader.report import Progress


def show_parallel(
    cache: Cache, settings: Settings, found: Found, edition: str, *, as_json: bool, wrap: int | None
) -> int:
    """Print the article of ``found`` with its version in ``edition``; 1 when there is none."""
    from mfa_reader.align import Pair, align
    from mfa_reader.export.parallel import parallel_record, parallel_to_text

    left = found.article
    translation = _translation(cache, settings, left, edition)
    found.tell()
    if translation is not None:
        pairs = align(left, translation.article)
    else:
        pairs = [Pair((i,), (), 0.0) for i in range(len(left.blocks))]
    if as_json:
        right = translation.article if translation else None
        how = translation.matched_by if translation else None
        removed_at = (found.removed_at, _removed_at(cache, translation))
        print_json(parallel_record(left, right, how, pairs, removed_at=removed_at))
    elif translation is not None:
        text = parallel_to_text(left, translation.article, translation.matched_by, pairs, wrap=wrap)
        sys.stdout.write(text)
    if translation is None:
        say(_nothing_found(left, edition))
        return EXIT_PARTIAL
    return EXIT_OK


def export_parallel(settings: Settings, fmt: str, args: Namespace) -> int:
    """Write the article ``args.article`` with its version in ``args.parallel`` (to
    ``args.output``, as ``export`` does); nothing is written when there is none."""
    from mfa_reader.cli.reading import find_article
    from mfa_reader.export.parallel import FORMATS

    if args.parallel is None:
        raise UserError("--interleave lays out the PDF of --parallel EDITION; give both")
    if args.article is None:
        raise UserError("--parallel exports one article beside its version: give its ID|URL")
    if fmt not in FORMATS:
        raise UserError(f"--parallel exports {', '.join(FORMATS)}, not {fmt}")
    with open_cache(settings) as cache:
        found = find_article(cache, settings, args.article)
        translation = _translation(cache, settings, found.article, args.parallel)
        removed_at = (found.removed_at, _removed_at(cache, translation))
    found.tell()
    if translation is None:
        raise UserError(
            f"{_nothing_found(found.article, args.parallel)}; nothing was written", EXIT_PARTIAL
        )
    return _write_parallel(found.article, translation, removed_at, settings, fmt, args)


def _write_parallel(
    left: Article,
    translation: Translation,
    removed_at: tuple[str | None, str | None],
    settings: Settings,
    fmt: str,
    args: Namespace,
) -> int:
    from mfa_reader.align import align
    from mfa_reader.article_images import ArticleImages
    from mfa_reader.cli.exporting import not_written
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import write_export
    from mfa_reader.export.parallel import parallel_filename, render_parallel

    right = translation.article
    try:
        with closing(ArticleImages(settings)) as images:

            def make() -> bytes:
                return render_parallel(
                    left, right, translation.matched_by, align(left, right), fmt,
                    wrap=args.wrap, interleave=args.interleave, removed_at=removed_at,
                    image_source=images.sources([left, right]) if fmt == "pdf" else None,
                )  # fmt: skip

            if args.output == STDOUT:
                sys.stdout.buffer.write(make())
                sys.stdout.flush()
                return EXIT_OK
            name = parallel_filename(left, right, fmt, settings.filename_template)
            # args.output as typed: a trailing "/" says "folder"
            path = write_export(args.output, name, make, force=args.force)
    except ExportError as exc:
        raise not_written(exc) from None
    print(path)
    return EXIT_OK


def _translation(
    cache: Cache, settings: Settings, left: Article, edition: str
) -> Translation | None:
    """The version from the cache, else from the site (telling on stderr what is asked for)."""
    from mfa_reader.editions import edition as edition_named
    from mfa_reader.fetch_errors import FetchError
    from mfa_reader.other_editions import cached_translation, find_translation
    from mfa_reader.parser import ParseError, RemovedPage
    from mfa_reader.report import Step

    name = edition_named(edition).english_name
    if edition == left.edition:
        raise UserError(f"{left.url} is itself the {name} version; choose another edition")
    cached = cached_translation(cache, left, edition)
    if cached is not None:
        return cached

    def tell(progress: Progress) -> None:
        if progress.step is Step.STARTING:
            say(f"looking for the {name} version: asking for {progress.where}")

    async def look() -> Translation | None:
        from mfa_reader.fetcher import Fetcher

        async with Fetcher.from_settings(settings) as fetcher:
            return await find_translation(cache, fetcher, left, edition, tell)

    try:
        return run(look())
    except RemovedPage as exc:
        raise UserError(str(exc), EXIT_REMOVED) from None
    except FetchError as exc:
        raise UserError(
            f"the {name} version could not be looked for on the site: {exc}; "
            "what the cache holds is unchanged, try again later",
            EXIT_PARTIAL,
        ) from None
    except ParseError as exc:
        raise UserError(f"the {name} version cannot be read: {exc}", EXIT_UNPARSABLE) from None


def _nothing_found(left: Article, edition: str) -> str:
    from mfa_reader.editions import edition as edition_named
    from mfa_reader.other_editions import conference_day, where_looked

    name = edition_named(edition).english_name
    how = "was found" if conference_day(left) is not None else "is known"
    return f"no {name} version of {left.url} {how}: {where_looked(left, edition)}"


def _removed_at(cache: Cache, translation: Translation | None) -> str | None:
    entry = cache.entry(translation.article.url) if translation is not None else None
    return entry.removed_at if entry is not None else None
