"""Bytes to text, and text as the site's editors leave it to text a reader can use."""

from __future__ import annotations

import html
import re

from mfa_reader.parser.errors import ParseError

# Zero-width characters the site's editor leaves inside words and questions.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Terminal escape sequences (CSI, OSC, other ESC sequences), then any control character left.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST (or the end)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Runs of spacing within a line; line breaks are kept (they come from <br>). A lone plain space is
# left alone, which keeps the substitution cheap on ordinary text.
_SPACING = "[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_ODD_SPACING = "[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(f"(?: {_SPACING}|{_ODD_SPACING}){_SPACING}*")
_AROUND_NEWLINE = re.compile(r" *\n[ \n]*")
_STRIP = " \n\t\f\v\u00a0\u3000"


def decode(data: bytes) -> str:
    """Decode a page: UTF-8 as the site mostly is, GB18030 where it is not.

    Declared charsets are unreliable on this site, so they are not read. A body cut off in the
    middle of a UTF-8 sequence is still UTF-8: only the broken tail is dropped.
    """
    if not data or not data.strip():
        raise ParseError("the page is empty")
    head = data[:4096]
    if b"\x00" in head:
        raise ParseError("the file holds binary data, not an HTML page")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def clean_text(text: str) -> str:
    """Fold whitespace, drop zero-width and control characters and terminal escapes.

    Line breaks survive (one at a time); everything else that spaces becomes a single space.
    """
    if _UNUSUAL.search(text):
        text = _ZERO_WIDTH.sub("", text)
        if "\x1b" in text or "\x9b" in text:
            text = _ESCAPES.sub("", text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROLS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _AROUND_NEWLINE.sub("\n", text)
    return text.strip(_STRIP)


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (titles, sources): line breaks become spaces."""
    return clean_text(text).replace("\n", " ")


def clean_meta(value: str | None) -> str:
    """A ``<meta content>`` value: the CMS sometimes escapes entities twice, so decode once more."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    return clean_line(value)
