"""Every key of the reader, declared once, each with the id a keymap names it by.

The screens and widgets take their ``BINDINGS`` from here; the help screen, the command palette and
the keymap check read the same lists, so none of them can name a key that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

# Shared by the lists that move a cursor: one id, so one keymap entry rebinds them all.
CURSOR_DOWN = Binding("j", "cursor_down", "Down", show=False, id="cursor_down")
CURSOR_UP = Binding("k", "cursor_up", "Up", show=False, id="cursor_up")

# The library screen: the article list and the reader beside it.
LIBRARY = (
    Binding(
        "escape",
        "back",
        "Back",
        show=False,
        tooltip="Back to the list (or from the article to the list)",
        id="back",
    ),
    Binding(
        "q",
        "back_or_quit",
        "Quit",
        show=False,
        tooltip="Back to the list; on the list, quit",
        id="quit",
    ),
    Binding(
        "n",
        "next_article",
        "Next",
        tooltip="Next article of the list, without leaving the reader",
        id="next_article",
    ),
    Binding(
        "p",
        "previous_article",
        "Previous",
        tooltip="Previous article of the list",
        id="previous_article",
    ),
    Binding("s", "toggle_star", "Star", tooltip="Star or unstar the article", id="star"),
    Binding(
        "m", "toggle_read", "Read/unread", tooltip="Mark the article read or unread", id="read"
    ),
    Binding(
        "o",
        "open_in_browser",
        "Browser",
        tooltip="Open the article, or the selected image or link, in the browser",
        id="open",
    ),
    Binding(
        "y",
        "copy_link",
        "Copy link",
        show=False,
        tooltip="Copy the article's (or the selected image's) address",
        id="copy_link",
    ),
    Binding(
        "Y",
        "copy_text",
        "Copy article text",
        show=False,
        tooltip="Copy the whole article as plain text",
        id="copy_text",
    ),
    Binding(
        "t",
        "translation",
        "Language",
        tooltip="Open this article in another language the site links",
        id="translation",
    ),
    Binding(
        "e",
        "export",
        "Export",
        show=False,
        tooltip="Export the article: PDF, text, Markdown or JSON",
        id="export",
    ),
    Binding(
        "P", "print", "Print", show=False, tooltip="Print the article (through CUPS)", id="print"
    ),
    Binding(
        "/",
        "search",
        "Search all",
        tooltip="Search every cached edition (in an open article, / finds words in it)",
        id="search",
    ),
    Binding("L", "pick_edition", "Edition", tooltip="Choose the edition (language)", id="edition"),
    Binding("S", "pick_section", "Section", show=False, tooltip="Choose the section", id="section"),
    Binding(
        "f",
        "toggle_starred_only",
        "Starred only",
        show=False,
        tooltip="Show only starred articles, or all",
        id="starred_only",
    ),
    Binding("r", "refresh", "Refresh", tooltip="Fetch what is new from the site", id="refresh"),
)

# The reader pane (ArticleView).
ARTICLE = (
    Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
    Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
    Binding("space", "page_down", "Page down", show=False, id="page_down"),
    Binding("b", "page_up", "Page up", show=False, id="page_up"),
    Binding("g", "scroll_home", "Top", show=False, id="top"),
    Binding("G", "scroll_end", "Bottom", show=False, id="bottom"),
    Binding("]", "next_target", "Next image/link", show=False, id="next_link"),
    Binding("[", "previous_target", "Previous image/link", show=False, id="previous_link"),
    # While words are found, n and N move between them (as in less and vim); otherwise the keys
    # go on to the library: n is the next article, escape goes back.
    Binding("/", "find", "Find", tooltip="Find words in this article", id="find_in_article"),
    Binding("n", "next_match", "Next match", tooltip="The next word found", id="next_match"),
    Binding(
        "N", "previous_match", "Prev. match", tooltip="The previous word found", id="previous_match"
    ),
    Binding(
        "escape",
        "clear_find",
        "Clear found",
        show=False,
        tooltip="Stop marking the words found",
        id="clear_find",
    ),
)

# The article list (ArticleList).
ARTICLE_LIST = (
    CURSOR_DOWN,
    CURSOR_UP,
    Binding("g", "first", "First", show=False, id="first"),
    Binding("G", "last", "Last", show=False, id="last"),
)

# The sections sidebar (SectionList).
SECTION_LIST = (CURSOR_DOWN, CURSOR_UP)

# Everywhere (the app's own).
APP = (
    Binding("question_mark", "help", "Help", id="help"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="force_quit"),
)

# The dialogs.
PICKER = (Binding("escape", "cancel", "Cancel", id="cancel"), CURSOR_DOWN, CURSOR_UP)
SEARCH = (
    Binding("escape", "cancel", "Close", id="close_search"),
    Binding("down", "to_results", "Hits", show=False, id="search_hits"),
)
FIND = (Binding("escape", "cancel", "Close", id="close_find"),)
HELP = (Binding("escape,q,question_mark", "close", "Close", id="close_help"),)
EXPORT = (Binding("escape", "cancel", "Close", id="close_export"),)
PRINT = (Binding("escape", "cancel", "Close", id="close_print"),)

# What the help screen lists, under these headings (its prose covers lists and dialogs).
HELP_SECTIONS = (
    ("Library and reader", LIBRARY),
    ("In the article", ARTICLE),
    ("In the list", ARTICLE_LIST),
    ("Everywhere", APP),
)

# Leaving a screen is not something to look for in the command palette.
NOT_IN_PALETTE = frozenset({"back", "quit"})

EVERY_BINDING = (
    *LIBRARY,
    *ARTICLE,
    *ARTICLE_LIST,
    *SECTION_LIST,
    *APP,
    *PICKER,
    *SEARCH,
    *FIND,
    *HELP,
    *EXPORT,
    *PRINT,
)


def binding_ids() -> frozenset[str]:
    """Every binding id of the reader: what a keymap may name."""
    return frozenset(binding.id for binding in EVERY_BINDING if binding.id)


class UnknownBindingError(ValueError):
    """A keymap names binding ids that do not exist."""

    def __init__(self, unknown: list[str]) -> None:
        self.unknown = unknown
        super().__init__(
            f"The keymap in the settings names bindings that do not exist: {', '.join(unknown)}. "
            "Those entries are ignored; the other keys work. Name one of these binding ids "
            f"instead: {', '.join(sorted(binding_ids()))}."
        )


def check_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    """The keymap as given when every id it names exists; else :class:`UnknownBindingError`,
    naming the ids that do not."""
    known = binding_ids()
    unknown = sorted(binding_id for binding_id in keymap if binding_id not in known)
    if unknown:
        raise UnknownBindingError(unknown)
    return dict(keymap)
