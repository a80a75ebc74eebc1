"""``show --parallel EDITION``: an article and its version in another edition, paragraph by
paragraph: as text, each paragraph followed by its translation (indented); as JSON, both articles
and the pairs of block indexes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REMOVED,
    EXIT_UNPARSABLE,
    UserError,
    print_json,
    run,
    say,
)

if TYPE_CHECKING:
    from mfa_reader.align import Pair
    from mfa_reader.cache import Cache
    from mfa_reader.cli.reading import Found
    from mfa_reader.config import Settings
    from mfa_reader.model import Article, MatchedBy
    from mfa_reader.other_editions import Translation
    from mfa_reader.report import Progress

TRANSLATION_INDENT = "    "
_HOW = {
    "link": "its page's language link",
    "backlink": "a link to it from another page",
    "date": "the date in its title",
}


def show_parallel(
    cache: Cache, settings: Settings, found: Found, edition: str, *, as_json: bool, wrap: int | None
) -> int:
    """Print the article of ``found`` with its version in ``edition``; 1 when there is none."""
    from mfa_reader.align import Pair, align
    from mfa_reader.editions import edition as edition_named

    left = found.article
    name = edition_named(edition).english_name
    if edition == left.edition:
        raise UserError(f"{left.url} is itself the {name} version; choose another edition")
    translation = _translation(cache, settings, left, edition, name)
    found.tell()
    if translation is not None:
        pairs = align(left, translation.article)
    else:
        pairs = [Pair((i,), (), 0.0) for i in range(len(left.blocks))]
    if as_json:
        print_json(_as_json(cache, found.removed_at, left, translation, pairs))
    elif translation is not None:
        sys.stdout.write(
            parallel_text(left, translation.article, translation.matched_by, pairs, wrap)
        )
    if translation is None:
        say(_nothing_found(left, name))
        return EXIT_PARTIAL
    return EXIT_OK


def _translation(
    cache: Cache, settings: Settings, left: Article, edition: str, name: str
) -> Translation | None:
    """The version from the cache, else from the site (telling on stderr what is asked for)."""
    from mfa_reader.fetch_errors import FetchError
    from mfa_reader.other_editions import cached_translation, find_translation
    from mfa_reader.parser import ParseError, RemovedPage
    from mfa_reader.report import Step

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


def _nothing_found(left: Article, name: str) -> str:
    from mfa_reader.other_editions import conference_day

    day = conference_day(left)
    if day is None:
        return (
            f"no {name} version of {left.url} is known: its page links to none and no cached "
            "page links to it (only press conferences are also looked for by their date)"
        )
    return (
        f"no {name} version of {left.url} was found: its page links to none, no cached page "
        f"links to it, and the {name} press-conference list has no conference of "
        f"{day.isoformat()}"
    )


def _as_json(
    cache: Cache,
    removed_at: str | None,
    left: Article,
    translation: Translation | None,
    pairs: list[Pair],
) -> dict[str, Any]:
    right = None
    if translation is not None:
        entry = cache.entry(translation.article.url)
        right = {
            **translation.article.to_dict(),
            "removed_at": entry.removed_at if entry is not None else None,
        }
    return {
        "left": {**left.to_dict(), "removed_at": removed_at},
        "right": right,
        "matched_by": translation.matched_by.value if translation is not None else None,
        "pairs": [p.to_dict() for p in pairs],
    }


def parallel_text(
    left: Article, right: Article, matched_by: MatchedBy, pairs: list[Pair], wrap: int | None
) -> str:
    """Both headers, then each block of ``left`` followed by its counterparts in ``right``."""
    from mfa_reader.export.parts import header
    from mfa_reader.export.text import header_lines

    lines = [*header_lines(header(left), wrap), "", *header_lines(header(right), wrap)]
    lines.append(f"{'Found by:':<11}{_HOW[matched_by.value]}")
    for pair in pairs:
        lines.append("")
        for i in pair.left:
            lines += _block_lines(left, i, "", wrap)
        for j in pair.right:
            lines += _block_lines(right, j, TRANSLATION_INDENT, wrap)
    return "\n".join(lines) + "\n"


def _block_lines(article: Article, index: int, indent: str, wrap: int | None) -> list[str]:
    import wcwidth

    from mfa_reader.model import BlockKind

    block = article.blocks[index]
    if block.kind is BlockKind.IMAGE:
        return [f"{indent}[Image] {block.src}"]  # (an address is never broken)
    out: list[str] = []
    for line in block.text.split("\n"):
        width = max((wrap or 0) - wcwidth.width(indent), 1)
        pieces = wcwidth.wrap(line, width, break_on_hyphens=False) if wrap else [line]
        out += [indent + piece for piece in pieces or [""]]
    return out
