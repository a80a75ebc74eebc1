"""What a search asks for, read from the words typed into the box or given to ``mfa-reader search``.

Words and "quoted phrases" must all match; ``AND`` between them says the same. ``edition:zh``,
``section:press-conferences``, ``since:2025-01-01`` and ``until:2025-03-31`` narrow the search.

A term matches whole words in the languages written with spaces between words (``Shrine AND
Japan`` does not match the "and" of "Thailand"), and any substring when it is Chinese: 中美 is
found inside 中美关系. The same :func:`match_pattern` finds what the cache's snippets and the
reader's highlights mark, so what was found is what is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from mfa_reader.editions import EDITION_CODES, SECTIONS

FILTERS = ("edition", "section", "since", "until")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_FILTER = re.compile(rf"({'|'.join(FILTERS)}):(\S+)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_APOSTROPHE = re.compile("['’]")
# Scripts written without spaces between words: Han (with its punctuation and full-width forms),
# kana and Hangul.
_UNSPACED_RANGES = (
    (0x2E80, 0x2FFF),
    (0x3000, 0x30FF),
    (0x3100, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)
_UNSPACED = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _UNSPACED_RANGES)
# A letter or digit of a spaced script: what a whole word must not touch. Chinese characters do
# not count, so "APEC" is a word in "APEC会议" as SQLite's word index would not see it. The class
# is the same in either case: matching it case-blind would only double its compiling, the
# costliest part of a search from the command line.
_WORD_CHAR = f"(?-i:[^\\W_{_UNSPACED}])"


class QueryError(ValueError):
    """A filter in the query that cannot be used; the message says which and what would do."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    terms: tuple[str, ...] = ()  # words and phrases, quotes removed, each once
    edition: str | None = None
    section: str | None = None
    since: date | None = None  # published on or after this day
    until: date | None = None  # published on or before this day

    def narrowed(
        self,
        *,
        edition: str | None = None,
        section: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> SearchQuery:
        """The query with the filters given (command-line flags) in place of its own."""
        return replace(
            self,
            edition=edition or self.edition,
            section=section or self.section,
            since=since or self.since,
            until=until or self.until,
        )


def parse_query(text: str) -> SearchQuery:
    """The terms and filters of what was typed; :class:`QueryError` for a filter that cannot be
    used. Anything else is searched for literally, quotes, ``*``, ``-`` and ``NEAR`` included."""
    filters: dict[str, object] = {}
    terms = _terms(text, filters)
    return SearchQuery(terms, **filters)  # type: ignore[arg-type]


def words_to_find(text: str) -> tuple[str, ...]:
    """The terms of what was typed to find in an open article: words and "phrases" as in a
    query; a filter means nothing there, and what looks like one is looked for as written."""
    return _terms(text, None)


def _terms(text: str, filters: dict[str, object] | None) -> tuple[str, ...]:
    terms: list[str] = []
    for token in _TOKEN.finditer(text):
        if token.group(1) is not None:
            term = token.group(1)
        else:
            word = token.group(2)
            found = _FILTER.fullmatch(word) if filters is not None else None
            if filters is not None and found:
                name, value = found.groups()
                filters[name] = _filter_value(name, value)
                continue
            if word == "AND":
                continue
            term = word.replace('"', "")
        term = " ".join(term.split())
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def _filter_value(name: str, value: str) -> object:
    if name == "edition":
        code = value.lower()
        if code == "all":
            return None
        if code not in EDITION_CODES:
            raise QueryError(
                f"edition:{value} — there is no such edition; use one of "
                f"{', '.join(EDITION_CODES)}, or all"
            )
        return code
    if name == "section":
        known = sorted({s.id for s in SECTIONS})
        if value not in known:
            raise QueryError(
                f"section:{value} — there is no such section; use one of {', '.join(known)}"
            )
        return value
    try:
        if _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise QueryError(f"{name}:{value} — write the day as YYYY-MM-DD, such as {name}:2025-01-31")


def is_unspaced(term: str) -> bool:
    """Whether a term is matched as a substring (it has Chinese characters in it)."""
    return any(_unspaced_char(ch) for ch in term)


def _unspaced_char(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UNSPACED_RANGES)


def _word_char(ch: str) -> bool:
    """Whether ``ch`` is what ``_WORD_CHAR`` matches ([^\\W_] is what is alphanumeric)."""
    return ch.isalnum() and not _unspaced_char(ch)


def has_word(term: str) -> bool:
    """Whether a term has a letter or digit, the least a word index can look up."""
    return any(ch.isalnum() for ch in term)


def term_regex(term: str) -> str:
    """The regular expression for one term: spaces match any run of spaces, an apostrophe either
    form of it, and, outside Chinese, the term must start and end at a word's edge."""
    words = (_APOSTROPHE.sub("['’]", re.escape(w)) for w in term.split())
    body = r"\s+".join(words)
    if not term or is_unspaced(term):
        return body
    end = f"(?!{_WORD_CHAR})" if _word_char(term[-1]) else ""
    if not _word_char(term[0]):
        return f"{body}{end}"
    if " " not in term:
        # Of fixed width, the word is looked for first and what comes before it checked after:
        # three times faster than a look-behind in front, which is tried at every character.
        return f"{body}(?<!{_WORD_CHAR}{body}){end}"
    return f"(?<!{_WORD_CHAR}){body}{end}"


def match_pattern(terms: tuple[str, ...] | list[str]) -> re.Pattern[str] | None:
    """What any of the terms matches in a text, case aside; the longest term first, so that a
    phrase is marked whole rather than word by word. None without terms."""
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(term_regex(t) for t in ordered), re.IGNORECASE)
