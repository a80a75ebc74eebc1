"""Bytes to text, and text as the site's editors leave it to text a reader can use."""

from __future__ import annotations

import html
import re

from mfa_reader.parser.errors import ParseError

# Zero-width characters the site's editor leaves inside words and questions.
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
# Terminal escape sequences (CSI, OSC, other ESC sequences), then any control character left.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST (or the end)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode(data: bytes) -> str:
    """Decode a page: UTF-8 as the site mostly is, GB18030 where it is not."""
    return decode_page(data)[0]


def decode_page(data: bytes) -> tuple[str, bool]:
    """The page's text, and whether ``data`` is plain UTF-8 (so lexbor can read the bytes as is).

    Declared charsets are unreliable on this site, so they are not read. A body cut off in the
    middle of a UTF-8 sequence is still UTF-8: only the broken tail is dropped.
    """
    if not data or data.isspace():  # (isspace stops at the first other byte; strip would copy)
        raise ParseError("the page is empty")
    if b"\x00" in data[:4096]:
        raise ParseError("the file holds binary data, not an HTML page")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), False
    try:
        return data.decode("gb18030"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), False


def clean_text(text: str) -> str:
    """Fold whitespace, drop zero-width and control characters and terminal escapes.

    Line breaks survive (one at a time); every other run of spacing becomes a single space.
    ``str.split`` does the folding: it knows every Unicode space and runs at C speed.
    """
    if text.isprintable():
        # The common case: no line breaks, controls, zero-width or unusual spaces (all of them
        # are "not printable"), so only doubled plain spaces can be left to fold.
        return " ".join(text.split()) if "  " in text else text.strip(" ")
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        folded = " ".join(line.split())  # no-break and ideographic spaces go here
        if not folded.isprintable():  # zero-width or control characters left (or bidi marks)
            folded = " ".join(_CONTROLS.sub(" ", _ZERO_WIDTH.sub("", folded)).split())
        if folded:
            lines.append(folded)
    return "\n".join(lines)


def visible_length(text: str) -> int:
    """Characters that show, spaces inside included: the measure of how much of a run is bold."""
    n = len(text.strip())
    if n and not text.isprintable():  # zero-width characters are "not printable": count them out
        n -= sum(text.count(char) for char in _ZERO_WIDTH_CHARS)
    return n


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (titles, sources): line breaks become spaces."""
    if "\n" in text:  # before cleaning, so that the text can take the quick way through it
        text = text.replace("\n", " ")
    cleaned = clean_text(text)
    return cleaned.replace("\n", " ") if "\n" in cleaned else cleaned


def clean_meta(value: str | None) -> str:
    """A ``<meta content>`` value: the CMS sometimes escapes entities twice, so decode once more."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    return clean_line(value)
