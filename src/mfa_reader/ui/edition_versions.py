"""The article shown, in another edition: ``t`` opens that version, ``T`` reads it beside.

One way of finding it, :mod:`mfa_reader.other_editions`'s: the editions that have a version are
what the cache can tell (``translation_links``, read in a thread) and are offered first; for a
press conference the others can be looked for on the site by its date. The version itself comes
from the cache, else from the site (``find_translation``, through :class:`~mfa_reader.ui.site.Site`)
in a worker of the screen, with progress; every way it can fail is said in words.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from mfa_reader.editions import edition as edition_named
from mfa_reader.model import Article, TranslationLink
from mfa_reader.ui.progress import first_line, progress_line
from mfa_reader.ui.text import native_name

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.other_editions import Translation
    from mfa_reader.report import Progress
    from mfa_reader.ui.site import Site
    from mfa_reader.ui.widgets.parallel_view import ParallelView

log = logging.getLogger(__name__)

# What is done with the edition picked, and the link the cache knows to it (None: to be looked
# for on the site).
Picked = Callable[[Article, str, TranslationLink | None], object]


class EditionVersions:
    def __init__(
        self,
        node: DOMNode,
        site: Site,
        cache: Cache,
        shown: Callable[[], Article | None],
        beside_ready: Callable[[], object],
    ) -> None:
        self.node = node  # runs the workers and shows the picker and the notices
        self.site = site
        self.cache = cache
        self.shown = shown  # the article the reader shows now
        self.beside_ready = beside_ready  # the parallel view has something to show

    # --- which edition ------------------------------------------------------------------------

    def offer(self, article: Article, title: str, then: Picked) -> None:
        """Ask which edition (the ones with a known version first), then ``then``; say so when
        no other edition can have it."""
        self.node.run_worker(
            lambda: self._known(article, title, then), thread=True, group="versions", exclusive=True
        )

    def _known(self, article: Article, title: str, then: Picked) -> None:
        from mfa_reader.cache import CacheError
        from mfa_reader.other_editions import conference_day, translation_links

        try:
            links = translation_links(self.cache, article)
        except CacheError as exc:
            self.node.app.call_from_thread(
                self.node.app.notify, first_line(str(exc), 200), severity="error", timeout=8
            )
            return
        searchable = conference_day(article) is not None
        self.node.app.call_from_thread(self._ask, article, title, links, searchable, then)

    def _ask(
        self,
        article: Article,
        title: str,
        links: dict[str, TranslationLink],
        searchable: bool,
        then: Picked,
    ) -> None:
        if self.shown() is not article:
            return  # the reader has moved on
        if not links and not searchable:
            self.node.app.notify(
                "No other language of this article is known: its page links none, and no "
                "cached page in another language links to it.",
                timeout=5,
            )
            return
        from mfa_reader.ui.screens.pickers import version_picker

        def picked(code: str | None) -> None:
            if code is not None:
                then(article, code, links.get(code))

        picker = version_picker(title, article.edition, links, searchable=searchable)
        self.node.app.push_screen(picker, picked)

    # --- t: open it ---------------------------------------------------------------------------

    def open_found(self, article: Article, edition: str, then: Callable[[Article], None]) -> None:
        """Look for the version on the site (the cache knows of none), then ``then`` with it."""
        name = edition_named(edition).english_name
        self.node.app.notify(f"Looking for the {name} version on the site…", timeout=4)
        self.node.run_worker(
            self._open_found(article, edition, then), group="version", exclusive=True
        )

    async def _open_found(
        self, article: Article, edition: str, then: Callable[[Article], None]
    ) -> None:
        try:
            found = await self.site.find_translation(article, edition, lambda progress: None)
        except Exception as exc:  # every failure becomes a notice
            log.info("looking for the %s version of %s failed", edition, article.url, exc_info=True)
            self.node.app.notify(version_problem(exc, edition), severity="error", timeout=8)
            return
        if found is None:
            self.node.app.notify(none_found(article, edition), severity="warning", timeout=8)
        elif self.shown() is article:
            then(found.article)

    # --- T: read it beside --------------------------------------------------------------------

    def show_beside(
        self, view: ParallelView, article: Article, edition: str, *, waiting: bool = False
    ) -> None:
        """``article`` beside its version in ``edition``, in ``view``: at once when the cache
        holds it, else alone while the version is looked for on the site, or when there is none.
        ``waiting``: the article is itself being fetched (its text is the reader's message)."""
        self.stop()
        native = native_name(edition, app_bidi=view.app_bidi)
        if waiting:
            self._alone(view, article, f"⇄ {native}: once the article is here")
        elif article.edition == edition:
            self._alone(view, article, f"⇄ This is the {native} version itself: T chooses another.")
        else:
            self.node.run_worker(
                self._beside(view, article, edition), group="parallel", exclusive=True
            )

    def stop(self) -> None:
        """Stop looking for a version (the screen shows one language again, or another)."""
        self.node.workers.cancel_group(self.node, "parallel")

    def _alone(self, view: ParallelView, article: Article, notice: str) -> None:
        view.show_alone(article, notice)
        self.beside_ready()

    async def _beside(self, view: ParallelView, article: Article, edition: str) -> None:
        from mfa_reader.align import align

        native = native_name(edition, app_bidi=view.app_bidi)

        def on_progress(progress: Progress) -> None:
            where = progress_line(progress)
            view.show_alone(article, f"⇄ Looking for the {native} version on the site: {where}")

        translation: Translation | None
        try:
            translation = await self.site.cached_translation(article, edition)
            if translation is None:
                self._alone(view, article, f"⇄ Looking for the {native} version on the site…")
                translation = await self.site.find_translation(article, edition, on_progress)
        except Exception as exc:  # every failure becomes a line above the article
            log.info("looking for the %s version of %s failed", edition, article.url, exc_info=True)
            self._alone(view, article, f"⇄ {version_problem(exc, edition)}")
            return
        if translation is None:
            self._alone(view, article, f"⇄ {none_found(article, edition)} T chooses another.")
            return
        pairs = await asyncio.to_thread(align, article, translation.article)
        view.show_pair(article, translation.article, translation.matched_by, pairs)
        self.beside_ready()


def none_found(article: Article, edition: str) -> str:
    from mfa_reader.other_editions import where_looked

    name = edition_named(edition).english_name
    return f"No {name} version of this article was found: {where_looked(article, edition)}."


def version_problem(exc: BaseException, edition: str) -> str:
    """Why the version in ``edition`` could not be had, for the user."""
    from mfa_reader.cache import CacheError
    from mfa_reader.fetch_errors import FetchError
    from mfa_reader.parser import ParseError, RemovedPage

    name = edition_named(edition).english_name
    if isinstance(exc, RemovedPage):
        return f"{str(exc)[:1].upper()}{first_line(str(exc))[1:]}."
    if isinstance(exc, FetchError):
        return (
            f"Could not look for the {name} version on the site ({first_line(str(exc), 120)}); "
            "the cache is unchanged. Try again later."
        )
    if isinstance(exc, ParseError):
        return f"The {name} version cannot be read: {first_line(str(exc), 120)}."
    if isinstance(exc, CacheError):
        return f"Could not keep the {name} version: {first_line(str(exc), 120)}."
    return f"Could not find the {name} version: {first_line(str(exc), 120)}."
