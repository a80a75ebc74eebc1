"""An article's body element to blocks in reading order: paragraphs, questions, images, captions.

The walk keeps inline markup together (a word split by ``<span>`` stays one word), turns ``<br>``
into a line break, and notes for each run of text whether it is all bold and whether it is centred:
that is all the site gives to tell questions and captions apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborNode

from mfa_reader.editions import SPEAKERS, speaker
from mfa_reader.model import Block, BlockKind
from mfa_reader.parser.text import clean_line, clean_text, visible_length
from mfa_reader.parser.urls import site_address

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tr td th blockquote section "
    "article center figure figcaption header footer aside pre hr".split()
)
_SKIP_TAGS = frozenset(
    "script style noscript iframe button select textarea input object embed svg form template "
    "map audio video canvas".split()
)
_BOLD_TAGS = frozenset(("strong", "b"))
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0\u3000]*\n")
# A run counts as bold when nearly all of it is (a stray space or colon outside <strong>).
_BOLD_SHARE = 0.95


@dataclass(slots=True)
class RawBlock:
    """A block before classification: text with its looks, or an image (``src`` and no text)."""

    text: str
    src: str | None = None
    bold: bool = False
    centred: bool = False
    heading: bool = False


class _Run:
    """Inline content gathered until the next block boundary."""

    __slots__ = ("bold_parts", "centred", "heading", "parts")

    def __init__(self, centred: bool = False, heading: bool = False) -> None:
        self.centred = centred
        self.heading = heading
        self.parts: list[str] = []
        self.bold_parts: list[str] = []  # those of ``parts`` in bold

    def add(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        if bold:
            self.bold_parts.append(text)

    def is_bold(self) -> bool:
        """Whether all the run's text that shows is in bold (but for a stray space or colon)."""
        if not self.bold_parts:
            return False
        bold = sum(map(visible_length, self.bold_parts))
        return bold >= _BOLD_SHARE * sum(map(visible_length, self.parts))

    def clear(self) -> None:
        self.parts.clear()
        self.bold_parts.clear()


def _is_centred(node: LexborNode) -> bool:
    attrs = node.attributes
    style = attrs.get("style") or ""
    align = attrs.get("align") or ""
    return node.tag == "center" or align.lower() == "center" or bool(_CENTRED.search(style))


class _Walker:
    """Goes through a body in reading order, putting out its raw blocks."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.out: list[RawBlock] = []

    def flush(self, run: _Run) -> None:
        if not run.parts:  # (a block begins or ends: most often nothing was gathered before it)
            return
        joined = "".join(run.parts)
        if joined and not joined.isspace():  # (the spacing between blocks shows nothing)
            bold = run.is_bold()
            for piece in _PARAGRAPH_BREAK.split(joined):
                text = clean_text(piece)
                if text:
                    self.out.append(
                        RawBlock(text, bold=bold, centred=run.centred, heading=run.heading)
                    )
        run.clear()

    def after_image(self) -> bool:
        return bool(self.out) and self.out[-1].src is not None

    def image(self, node: LexborNode) -> None:
        attrs = node.attributes
        src = attrs.get("src") or attrs.get("oldsrc") or attrs.get("data-src") or ""
        address = site_address(src, self.base_url) if src.strip() else None
        if address is not None:
            self.out.append(RawBlock("", src=address))

    def block(self, node: LexborNode, centred: bool, bold: bool) -> None:
        """A block element's text: runs of its own, between the blocks and images inside it."""
        heading = node.tag in _HEADING_TAGS
        # Centring matters only for a caption, which follows an image.
        centred = centred or (self.after_image() and _is_centred(node))
        first = node.first_child
        if first is not None and first.next is None and first.tag == "-text":
            # Text alone, the usual paragraph: what a run of it would give, in fewer steps.
            text = clean_line(first.text_content or "")
            if text:
                self.out.append(RawBlock(text, None, bold or heading, centred, heading))
            return
        run = _Run(centred=centred, heading=heading)
        self.walk(node, run, bold or heading)
        self.flush(run)

    def walk(self, node: LexborNode, run: _Run, bold: bool) -> None:
        """``node``'s content: its text into ``run``, its blocks and images as blocks apart."""
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                # A line break in the HTML source is a space; only <br> breaks a line.
                run.add((child.text_content or "").replace("\n", " "), bold)
            elif tag is None or tag in _SKIP_TAGS or tag.startswith(("-", "!", "_")):
                continue  # comments, doctype, and what shows no text
            elif tag == "br":
                run.add("\n", bold)
            elif tag == "img":
                self.flush(run)
                self.image(child)
            elif tag in _BLOCK_TAGS:
                self.flush(run)
                self.block(child, run.centred, bold)
            else:
                self.walk(child, run, bold or tag in _BOLD_TAGS)


def raw_blocks(container: LexborNode, base_url: str) -> list[RawBlock]:
    """The blocks of a body element; ``base_url``, the page's address, resolves image links."""
    walker = _Walker(base_url)
    run = _Run(centred=_is_centred(container))
    walker.walk(container, run, False)
    walker.flush(run)
    return walker.out


# --- who speaks -----------------------------------------------------------------------------------

_GENERIC_QUESTION = ("Q", "Question", "Follow-up", "Follow-up question", "问", "追问", "Вопрос")
_GENERIC_ANSWER = ("A", "Answer", "答", "Ответ")


@cache
def _speaker_names(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(those who ask, those who answer): the names that open a paragraph, before a colon."""
    markers = SPEAKERS.get(lang, SPEAKERS["en"])
    return (
        frozenset(markers.outlets + markers.question_marks + _GENERIC_QUESTION),
        frozenset(markers.spokespeople + markers.answer_marks + _GENERIC_ANSWER),
    )


# The names are short: a colon further in than this does not end one.
_NAME_SPAN = 64
_SOMEONE_SAYS = re.compile(r"^[^:：\n]{2,60}?\s*[:：]\s*\S")


def _speaker(text: str) -> str | None:
    """What stands before the first colon (``:`` or ``：``) near the start ("Reuters: …")."""
    before, colon, _ = text[:_NAME_SPAN].partition(":")
    name, full_width_colon, _ = before.partition("：")
    return name.rstrip() if colon or full_width_colon else None


def _is_transcript(
    raw: list[RawBlock], names: list[str | None], asks: frozenset[str], answers: frozenset[str]
) -> bool:
    """Whether someone known speaks in the text, or a bold line reads "Someone: …"."""
    return any(
        who in asks or who in answers or (block.bold and _SOMEONE_SAYS.match(block.text))
        for block, who in zip(raw, names, strict=True)
    )


def _is_question(
    block: RawBlock, who: str | None, asks: frozenset[str], answers: frozenset[str]
) -> bool:
    """In a transcript: a line in bold or asked by someone known, and not an answer."""
    return (block.bold or who in asks) and who not in answers


def _is_caption(block: RawBlock) -> bool:
    """Under an image: a short centred line that is not someone speaking."""
    text = block.text
    return (
        block.centred
        and len(text) <= 400
        and any(c.isalnum() for c in text)
        and not _SOMEONE_SAYS.match(text)
    )


# An outlet the speaker table does not know, named before the colon of a question in bold: short,
# and not a sentence.
_OUTLET_NAME = re.compile(r"[^?？!！,，;；。]{2,40}")


def _who_speaks(block: RawBlock, who: str | None, question: bool, lang: str) -> str | None:
    """Who opens a block of a transcript (``who``: the name before its colon): a spokesperson or
    outlet of the speaker table, or the outlet before the colon of a question in bold. Not the
    bare marks ("Q", "答", "س")."""
    if who is None:
        return None
    if speaker(who, lang) is not None:
        return who
    asks, answers = _speaker_names(lang)
    if question and block.bold and _OUTLET_NAME.fullmatch(who):
        return who if who not in asks and who not in answers else None
    return None


def classify(raw: list[RawBlock], lang: str) -> list[Block]:
    """Give each raw block its kind: questions in transcripts, captions under images; and in
    transcripts, who speaks where a turn opens."""
    asks, answers = _speaker_names(lang)
    names = [_speaker(b.text) if b.src is None else None for b in raw]  # who opens each block
    transcript = _is_transcript(raw, names, asks, answers)
    blocks: list[Block] = []
    for b, who in zip(raw, names, strict=True):
        after_image = bool(blocks) and blocks[-1].kind is BlockKind.IMAGE
        if b.src is not None:
            kind = BlockKind.IMAGE
        elif after_image and _is_caption(b):
            kind = BlockKind.CAPTION
        elif transcript and _is_question(b, who, asks, answers):
            kind = BlockKind.QUESTION
        elif b.heading or (b.bold and len(b.text) <= 200):
            kind = BlockKind.HEADING
        else:
            kind = BlockKind.PARAGRAPH
        opens = (
            _who_speaks(b, who, kind is BlockKind.QUESTION, lang)
            if transcript and kind in (BlockKind.QUESTION, BlockKind.PARAGRAPH)
            else None
        )
        blocks.append(Block(kind, b.text, b.src, opens))
    return blocks
