"""Bytes to text, and text as the site's editors leave it to text a reader can use."""

from __future__ import annotations

import codecs
import html
import re

from mfa_reader.parser.errors import ParseError

# Characters that show nothing: zero-width ones the site's editor leaves inside words and
# questions, and the bidi controls (U+202A-U+202E, U+2066-U+2069), which would reorder the text
# around them on the reader's screen and in exports.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Terminal escape sequences (CSI, OSC, other ESC sequences), then any control character left.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST (or the end)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# The encoding is told from this many bytes, from the first non-ASCII one on (see page_input).
_SAMPLE = 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def decode(data: bytes) -> str:
    """Decode a page: UTF-8 as the site mostly is, GB18030 where it is not."""
    page, _encoding = page_input(data)
    return page if isinstance(page, str) else page.decode("utf-8", errors="replace")


def page_input(data: bytes) -> tuple[bytes | str, str]:
    """What lexbor is to read for a page, and the page's encoding (``utf-8`` or ``gb18030``).

    lexbor reads bytes as UTF-8, so a UTF-8 page is handed over as it is; a GB18030 one as its
    decoded text. Declared charsets are unreliable on this site, so they are not read. Instead the
    bytes from the first non-ASCII one on (1 KB of them) are decoded as UTF-8: Chinese text in
    GB18030 breaks UTF-8's rules within a few characters (each has about one chance in seven of
    passing; the site's GB18030 pages have dozens in that sample). A UTF-8 page with a broken
    sequence further on stays UTF-8 (lexbor puts U+FFFD in its place) rather than being read whole
    as GB18030 and garbled. A body cut off in the middle of a UTF-8 character is still UTF-8: only
    the broken tail is dropped.
    """
    if not data or data.isspace():
        raise ParseError("the page is empty")
    if data.find(b"\x00", 0, 4096) >= 0:
        raise ParseError("the file holds binary data, not an HTML page")
    data = data.removeprefix(b"\xef\xbb\xbf")
    if _looks_utf8(data):
        return _without_broken_tail(data), "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8"


def _looks_utf8(data: bytes) -> bool:
    """Whether the first 1 KB from the first non-ASCII byte on is UTF-8 (all ASCII is)."""
    first = _NON_ASCII.search(data) if not data.isascii() else None
    if first is None:
        return True
    sample = data[first.start() : first.start() + _SAMPLE]
    try:  # not final: the sample may end inside a character
        codecs.utf_8_decode(sample, "strict", False)
    except UnicodeDecodeError:
        return False
    return True


def _without_broken_tail(data: bytes) -> bytes:
    """``data`` without an incomplete UTF-8 character at its very end."""
    tail = data[-3:]  # (an incomplete character is at most three bytes long)
    _text, read = codecs.utf_8_decode(tail, "replace", False)  # not final: stops before one
    return data[: len(data) - (len(tail) - read)]


def clean_text(text: str) -> str:
    """Fold whitespace, drop invisible and control characters and terminal escapes.

    Line breaks survive (one at a time); every other run of spacing becomes a single space
    (``str.split`` knows every Unicode space).
    """
    if text.isprintable() and "  " not in text:  # the usual paragraph: nothing to fold or remove
        return text.strip(" ")
    if "\x1b" in text or "\x9b" in text:  # (rare: the pattern is not run over every text)
        text = _ESCAPES.sub("", text)
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        if not line.isprintable():  # what is left to remove is all "not printable"
            line = " ".join(_CONTROLS.sub(" ", _INVISIBLE.sub("", line)).split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (titles, sources): line breaks become spaces."""
    return clean_text(text).replace("\n", " ")


def visible_length(text: str) -> int:
    """Characters that show, spaces inside included: the measure of how much of a run is bold."""
    if not text.isprintable():
        text = _INVISIBLE.sub("", text)
    return len(text.strip())


def clean_meta(value: str | None) -> str:
    """A ``<meta content>`` value: the CMS sometimes escapes entities twice, so decode once more."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    return clean_line(value)
