"""Every key of the reader, declared once, each with the id a keymap names it by.

The screens and widgets take their ``BINDINGS`` from here; the help screen, the command palette and
the keymap check read the same lists, so none of them can name a key that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import key_to_character

# Shared by the lists that move a cursor: one id, so one keymap entry rebinds them all.
CURSOR_DOWN = Binding("j", "cursor_down", "Down", show=False, id="cursor_down")
CURSOR_UP = Binding("k", "cursor_up", "Up", show=False, id="cursor_up")

# Moving through a text: the reader pane's keys, the parallel view's and the history's diff.
SCROLL = (
    Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
    Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
    Binding("space", "page_down", "Page down", show=False, id="page_down"),
    Binding("b", "page_up", "Page up", show=False, id="page_up"),
    Binding("g", "scroll_home", "Top", show=False, id="top"),
    Binding("G", "scroll_end", "Bottom", show=False, id="bottom"),
)
QUESTIONS = (
    Binding(
        "right_curly_bracket",
        "next_question",
        "Next question",
        show=False,
        tooltip="The next question of a press conference, at the top",
        id="next_question",
    ),
    Binding(
        "left_curly_bracket",
        "previous_question",
        "Previous question",
        show=False,
        tooltip="The previous question of a press conference",
        id="previous_question",
    ),
)

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
        tooltip="Back to the list; on the list, quit",
        id="quit",
    ),
    Binding(
        "backspace,ctrl+o,alt+left",
        "history_back",
        "Back",
        show=False,
        tooltip="Back to the article read before this one",
        id="history_back",
    ),
    Binding(
        # ctrl+i would pair with ctrl+o, but terminals send it as tab
        "alt+right,ctrl+right_square_bracket",
        "history_forward",
        "Forward",
        show=False,
        tooltip="Forward again, to the article left by going back",
        id="history_forward",
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
        "T",
        "parallel",
        "Parallel",
        tooltip="Read this article beside its version in another language, paragraph by paragraph",
        id="parallel",
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
        tooltip="Show only the starred articles of this list, or all",
        id="starred_only",
    ),
    Binding(
        "F",
        "toggle_starred_everywhere",
        "Starred, every edition",
        show=False,
        tooltip="Show the starred articles of every edition in one list, or all of this list",
        id="starred_everywhere",
    ),
    Binding(
        "E",
        "toggle_edited_only",
        "Edited only",
        show=False,
        tooltip="Show only the articles of this list that the site edited (✎), or all",
        id="edited_only",
    ),
    Binding(
        "X",
        "toggle_removed_only",
        "Removed only",
        show=False,
        tooltip="Show only the articles of this list that the site removed, or all",
        id="removed_only",
    ),
    Binding(
        "h",
        "history",
        "History",
        show=False,
        tooltip="The texts the site served for this article, and what changed between them",
        id="history",
    ),
    Binding(
        "A",
        "mark_all_read",
        "All read",
        show=False,
        tooltip="Mark every article of the list shown read (asks first)",
        id="mark_all_read",
    ),
    Binding("r", "refresh", "Refresh", tooltip="Fetch what is new from the site", id="refresh"),
)

# The reader pane (ArticleView).
ARTICLE = (
    *SCROLL,
    Binding("]", "next_target", "Next image/link", show=False, id="next_link"),
    Binding("[", "previous_target", "Previous image/link", show=False, id="previous_link"),
    *QUESTIONS,
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

# The article beside its version in another edition (ParallelView): it scrolls as the reader does.
ONE_LANGUAGE = Binding(
    "escape",
    "one_language",
    "One language",
    tooltip="Back to the article alone, in its own language",
    id="one_language",
)
PARALLEL = (*SCROLL, *QUESTIONS, ONE_LANGUAGE)

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
CONFIRM = (
    Binding("y,enter", "confirm", "Yes", id="confirm"),
    Binding("n,escape", "decline", "No", id="decline"),
)
# An article's history (h): its versions, and what changed in the one chosen.
VERSIONS = (
    Binding("escape,q,h", "close", "Close", tooltip="Back to the article", id="close_history"),
)
VERSION_LIST = (CURSOR_DOWN, CURSOR_UP)
# What changed between two versions (DiffView): scrolled, and walked change by change.
CHANGE_STEPS = (
    Binding(
        "n",
        "next_change",
        "Next change",
        tooltip="The next paragraph that changed",
        id="next_change",
    ),
    Binding(
        "N",
        "previous_change",
        "Prev. change",
        tooltip="The previous paragraph that changed",
        id="previous_change",
    ),
)
DIFF = (*SCROLL, *CHANGE_STEPS)
EXPORT = (Binding("escape", "cancel", "Close", id="close_export"),)
PRINT = (Binding("escape", "cancel", "Close", id="close_print"),)
REPLACE = (
    Binding("y", "replace", "Replace", tooltip="Replace the file that is there", id="replace_file"),
    Binding("n,escape", "keep", "Keep", tooltip="Keep the file that is there", id="keep_file"),
)

# The footer's keys, most wanted first: a narrow footer leaves out the last ones first.
FOOTER_ORDER = (
    "help",
    "quit",
    "one_language",  # shown only beside another language
    "next_match",  # shown only while words found are marked
    "previous_match",
    "find_in_article",
    "search",
    "next_article",
    "previous_article",
    "edition",
    "translation",
    "refresh",
    "star",
    "read",
    "open",
    "parallel",
)

# What the help screen lists, under these headings (its prose covers lists and dialogs).
HELP_SECTIONS = (
    ("Library and reader", LIBRARY),
    ("In the article", ARTICLE),
    ("Beside another language (T)", (ONE_LANGUAGE,)),
    ("In the list", ARTICLE_LIST),
    ("In an article's history (h)", (*VERSIONS, *CHANGE_STEPS)),
    ("Everywhere", APP),
)

# Leaving a screen is not something to look for in the command palette.
NOT_IN_PALETTE = frozenset({"back", "quit"})

EVERY_BINDING = (
    *LIBRARY,
    *ARTICLE,
    *PARALLEL,
    *ARTICLE_LIST,
    *SECTION_LIST,
    *APP,
    *PICKER,
    *SEARCH,
    *FIND,
    *HELP,
    *VERSIONS,
    *DIFF,
    *CONFIRM,
    *EXPORT,
    *PRINT,
    *REPLACE,
)


# Bindings in force at the same time: the focused widget's, its screen's and the app's. Within
# one of these, a key may mean one thing only.
ACTIVE_TOGETHER = (
    (*ARTICLE, *LIBRARY, *APP),
    (*PARALLEL, *LIBRARY, *APP),
    (*ARTICLE_LIST, *LIBRARY, *APP),
    (*SECTION_LIST, *LIBRARY, *APP),
    (*PICKER, *APP),
    (*SEARCH, *APP),
    (*HELP, *APP),
    (*VERSION_LIST, *VERSIONS, *APP),
    (*VERSIONS, *DIFF, *APP),
    (*CONFIRM, *APP),
    (*EXPORT, *APP),
    (*PRINT, *APP),
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


@dataclass(frozen=True, slots=True)
class TakenKey:
    """A key the keymap gives a binding that another binding in force with it already has."""

    binding_id: str
    key: str  # as the keymap writes it
    holder: Binding

    def __str__(self) -> str:
        what = self.holder.tooltip or self.holder.description
        return f'{self.binding_id} = "{self.key}" ({self.key} is {self.holder.id}: {what})'


class KeyTakenError(ValueError):
    """A keymap gives keys that other bindings have."""

    def __init__(self, taken: list[TakenKey]) -> None:
        self.taken = taken
        self.refused = sorted({t.binding_id for t in taken})
        super().__init__(
            "The keymap in the settings gives keys that other bindings have: "
            f"{'; '.join(map(str, taken))}. Those entries are refused and both keys keep their "
            "meaning: give the other binding a key of its own in the keymap too, or choose a "
            "free key."
        )


def _same_key(key: str) -> str:
    """A key as the terminal sends it, so that "?" and "question_mark" are one key."""
    key = key.strip()
    return key_to_character(key) or key


def check_keys_free(keymap: Mapping[str, str]) -> None:
    """:class:`KeyTakenError` when the keymap gives a binding a key that another binding in force
    at the same time has (after the keymap: a binding moved away frees its key)."""

    def keys(binding: Binding) -> dict[str, str]:
        written = keymap.get(binding.id or "", binding.key)
        return {_same_key(key): key.strip() for key in written.split(",")}

    taken: list[TakenKey] = []
    for binding_id in keymap:
        for together in ACTIVE_TOGETHER:
            own = next((b for b in together if b.id == binding_id), None)
            if own is None:
                continue
            given = keys(own)
            new = given.keys() - {_same_key(key) for key in own.key.split(",")}
            for other in together:
                if other.id == binding_id:
                    continue
                for key in sorted(new & keys(other).keys()):
                    found = TakenKey(binding_id, given[key], other)
                    if found not in taken:
                        taken.append(found)
    if taken:
        raise KeyTakenError(taken)
