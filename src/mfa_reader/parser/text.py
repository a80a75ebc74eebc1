"""Bytes to text, and text as the site's editors leave it to text a reader can use."""

from __future__ import annotations

import codecs
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


# The encoding is told from this many bytes, from the first non-ASCII one on (see page_input).
_SAMPLE = 1024
_CHUNK = 1024


def decode(data: bytes) -> str:
    """Decode a page: UTF-8 as the site mostly is, GB18030 where it is not."""
    page, _encoding = page_input(data)
    return page if isinstance(page, str) else page.decode("utf-8", errors="replace")


def page_input(data: bytes) -> tuple[bytes | str, str]:
    """What lexbor is to read for a page, and the page's encoding (``utf-8`` or ``gb18030``).

    lexbor reads bytes as UTF-8, so a UTF-8 page is handed over as it is, saving a decoding and a
    copy; a GB18030 one as its decoded text. Declared charsets are unreliable on this site, so
    they are not read. Instead the bytes from the first non-ASCII one on (1 KB of them) are
    decoded as UTF-8: Chinese text in GB18030 breaks UTF-8's rules within a few characters (each
    has about one chance in seven of passing; the site's GB18030 pages have dozens in it). A
    UTF-8 page with a broken sequence further on stays UTF-8 (lexbor puts U+FFFD in its place)
    rather than being read whole as GB18030 and garbled. A body cut off in the middle of a UTF-8
    sequence is still UTF-8: only the broken tail is dropped.
    """
    if not data or data.isspace():  # (isspace stops at the first other byte; strip would copy)
        raise ParseError("the page is empty")
    if data.find(b"\x00", 0, 4096) >= 0:
        raise ParseError("the file holds binary data, not an HTML page")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _looks_utf8(data):
        return _without_broken_tail(data), "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8"


def _looks_utf8(data: bytes) -> bool:
    """Whether the first 1 KB from the first non-ASCII byte on is UTF-8 (all ASCII is)."""
    at = 0
    while at < len(data) and data[at : at + _CHUNK].isascii():  # (isascii: 8 bytes at a time)
        at += _CHUNK
    # ``at`` follows ASCII bytes, so it starts a character.
    # A sample may end inside a character (not final: that is no error); the page too, when it is
    # cut short.
    sample = data[at : at + _SAMPLE]
    try:
        codecs.utf_8_decode(sample, "strict", len(sample) < _SAMPLE)
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True


def _without_broken_tail(data: bytes) -> bytes:
    """``data`` without an incomplete UTF-8 sequence at its very end."""
    if data[-1] < 0x80:
        return data
    lead = len(data) - 1
    while lead > len(data) - 4 and lead > 0 and 0x80 <= data[lead] < 0xC0:
        lead -= 1  # back over continuation bytes to the sequence's first byte
    first = data[lead]
    needed = 2 if 0xC0 <= first < 0xE0 else 3 if 0xE0 <= first < 0xF0 else 4 if first >= 0xF0 else 1
    return data[:lead] if len(data) - lead < needed else data


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
    if text.isprintable():  # clean_text's quick way, inline: this is called for every title
        return " ".join(text.split()) if "  " in text else text.strip(" ")
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
