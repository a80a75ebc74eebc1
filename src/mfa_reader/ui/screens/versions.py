"""An article's history (``h`` in the reader): every text the site served, with the times they
were seen and the removals and returns between them; the version chosen is shown against the one
before it, by paragraph and then by word (by character in Chinese)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mfa_reader.dates import utc_minute
from mfa_reader.diffs import changed_counts, diff_versions
from mfa_reader.model import ArticleEvent, EventKind, History, Version
from mfa_reader.ui import bindings
from mfa_reader.ui.diff_layout import summary
from mfa_reader.ui.text import is_rtl, one_line, visual_order
from mfa_reader.ui.widgets.diff_view import DiffView
from mfa_reader.ui.widgets.key_footer import KeyFooter
from mfa_reader.ui.widgets.title_bar import TitleBar

NARROW = 100  # columns under which the versions stand above what changed, not beside it
EVENT_WORDS = {
    EventKind.REMOVED: "Removed from the site",
    EventKind.BACK: "Served again by the site",
}


class VersionList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.VERSION_LIST]


def version_option(version: Version, changed: int, current: int) -> Option:
    """Two lines: the version (and whether it is the text shown now), when it was seen and how
    many paragraphs it changed."""
    name = f"Version {version.number}" + (" (current)" if version.number == current else "")
    if version.number == 1:
        what = "first seen"
    else:
        what = f"{changed} paragraph{'s' if changed != 1 else ''} changed"
    prompt = Content.assemble(
        (name, "bold"), "\n", (f"{utc_minute(version.seen_at)} · {what}", "$foreground-muted")
    )
    return Option(prompt, id=f"v{version.number}")


def event_option(event: ArticleEvent) -> Option:
    prompt = Content.assemble(
        (EVENT_WORDS[event.kind], "$text-warning"),
        "\n",
        (utc_minute(event.at), "$foreground-muted"),
    )
    return Option(prompt, disabled=True)


class VersionsScreen(Screen[None]):
    """The versions on one side, what the highlighted one changed on the other."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.VERSIONS]

    def __init__(self, history: History, *, edition: str, app_bidi: bool = False) -> None:
        super().__init__(classes="-rtl" if is_rtl(edition) else "")
        self.history = history
        self.edition = edition
        self.app_bidi = app_bidi
        self.changed = changed_counts(history.versions)
        self.diff = DiffView(app_bidi=app_bidi, id="diff")
        self.versions = VersionList(id="versions", markup=False)
        self.shown: int | None = None  # the version whose changes are shown

    def compose(self) -> ComposeResult:
        self._apply_width(self.app.size.width)
        bar = TitleBar()
        title = one_line(self.history.current.title)
        if self.app_bidi and is_rtl(self.edition):
            title = visual_order(title)
        bar.place = f"History · {title}"
        yield bar
        with Horizontal(id="history-panes"):
            yield self.versions
            yield self.diff
        yield KeyFooter()

    def on_mount(self) -> None:
        current = self.history.current.number
        for n, seen in enumerate(self.history.timeline()):
            if n:
                self.versions.add_option(None)  # a rule between them
            if isinstance(seen, Version):
                self.versions.add_option(version_option(seen, self.changed[seen.number], current))
            else:
                self.versions.add_option(event_option(seen))
        self.versions.highlighted = self.versions.get_option_index(f"v{current}")
        self.versions.focus()

    def on_resize(self) -> None:
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        number = int((event.option.id or "v0")[1:])
        if number != self.shown:
            self.show_version(number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.diff.focus()

    def show_version(self, number: int) -> None:
        """What version ``number`` changed from the one before it (the first: its whole text)."""
        version = self.history.version(number)
        if version is None:
            return
        self.shown = number
        seen = utc_minute(version.seen_at)
        before = self.history.version(number - 1)
        if before is None:
            changes = diff_versions(version, version)
            first = (f"Version {number}, seen {seen}: the first text seen of this article.",)
            self.diff.show(changes, edition=self.edition, heading=first, context=None)
            return
        changes = diff_versions(before, version)
        heading = (
            f"Version {number}, seen {seen}, against version {before.number}, seen "
            f"{utc_minute(before.seen_at)}.",
            summary(changes),
        )
        self.diff.show(changes, edition=self.edition, heading=heading, context=1)

    def action_close(self) -> None:
        self.dismiss(None)
