"""An article's body element to blocks in reading order: paragraphs, questions, images, captions.

The walk keeps inline markup together (a word split by ``<span>`` stays one word), turns ``<br>``
into a line break, and notes for each run of text whether it is all bold and whether it is centred:
that is all the site gives to tell questions and captions apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, partial

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.editions import SPEAKERS
from mfa_reader.model import Block, BlockKind
from mfa_reader.parser.select import tag_ids
from mfa_reader.parser.text import clean_line, clean_text, visible_length
from mfa_reader.parser.urls import canonical_url

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table thead tbody tr td th blockquote section "
    "article center figure figcaption header footer aside pre hr".split()
)
_SKIP_TAGS = frozenset(
    "script style noscript iframe button select textarea input object embed svg form template "
    "map audio video canvas".split()
)
_BOLD_TAGS = frozenset(("strong", "b"))
_LEAF_BREAKERS = _BLOCK_TAGS | _SKIP_TAGS | {"img", "br"}
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


_BLOCK_IDS = tag_ids(_BLOCK_TAGS)
_BOLD_IDS = tag_ids(_BOLD_TAGS)
_BREAKER_IDS = tag_ids(_LEAF_BREAKERS)
_HEADING_IDS = tag_ids(_HEADING_TAGS)
(_BR_ID,) = tag_ids(("br",))
(_IMG_ID,) = tag_ids(("img",))
(_CENTER_ID,) = tag_ids(("center",))
# A text node's id, as lexbor gives it to every text node.
_TEXT_ID = LexborHTMLParser("<p>x</p>").css_first("p").first_child.tag_id  # type: ignore[union-attr]
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0\u3000]*\n")


@dataclass(slots=True)
class _Run:
    """Inline content gathered until the next block boundary."""

    centred: bool = False
    heading: bool = False
    parts: list[str] = field(default_factory=list)
    bold_chars: int = 0
    all_chars: int = 0

    def add(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        n = visible_length(text)
        self.all_chars += n
        if bold:
            self.bold_chars += n


# A block before classification: (text, image src, bold, centred, heading); an image has its src
# and no text. A plain tuple: one is made for every block of every page, and a tuple is made in a
# sixth of the time of the slotted dataclass it was.
RawBlock = tuple[str, str | None, bool, bool, bool]


def _is_centred(node: LexborNode) -> bool:
    # (All the attributes at once: looking one up that is missing, as ``align`` mostly is, costs
    # more than reading the few a block has.)
    attrs = node.attributes
    style = attrs.get("style")
    if style and "enter" in style and _CENTRED.search(style):
        return True
    align = attrs.get("align")
    return (align is not None and align.lower() == "center") or node.tag_id == _CENTER_ID


def _ends_block(br: LexborNode, block: LexborNode) -> bool:
    """Whether only spacing follows ``br`` in ``block`` (questions end in ``<br></strong>``)."""
    end = block.mem_id
    node: LexborNode | None = br
    while node is not None and node.mem_id != end:
        after = node.next
        while after is not None:
            if after.tag_id != _TEXT_ID or not (after.text_content or "").isspace():
                return False
            after = after.next
        node = node.parent
    return True


class _Walker:
    __slots__ = ("after_image", "base_url", "out")

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.out: list[RawBlock] = []
        self.after_image = False  # whether the last block out is an image

    def flush(self, run: _Run) -> None:
        if not run.all_chars:
            run.parts.clear()
            return
        bold = run.bold_chars >= 0.95 * run.all_chars
        joined = "".join(run.parts)
        for piece in _PARAGRAPH_BREAK.split(joined) if "\n" in joined else (joined,):
            text = clean_text(piece)
            if text:
                self.out.append((text, None, bold, run.centred, run.heading))
                self.after_image = False
        run.parts.clear()
        run.bold_chars = run.all_chars = 0

    def image(self, node: LexborNode) -> None:
        attrs = node.attrs  # (one by one: the site's images carry a dozen, and have a src)
        src = attrs.get("src") or attrs.get("oldsrc") or attrs.get("data-src") or ""
        src = src.strip()
        if src and not src.startswith("data:"):
            self.out.append(("", canonical_url(src, self.base_url), False, False, False))
            self.after_image = True

    def leaf_block(self, node: LexborNode, centred: bool, heading: bool, bold: bool) -> bool:
        """A block of text and inline markup only, the usual ``<p>``: read by lexbor in one go. So
        is a block of images only (a photo is ``<p><strong><img></strong></p>``).

        Returns False, having done nothing, when the block holds line breaks (but for a last one,
        which ends nothing), other blocks, anything to skip or images beside text: the walk then
        takes it apart node by node.
        """
        first = node.first_child
        if first is None:
            return True
        alone = first.next is None
        tag_id = first.tag_id
        if alone and tag_id == _TEXT_ID:  # text alone, the most common block: nothing to check
            text = first.text_content or ""
            is_bold = bold
        else:
            # A block whose one child is bold is bold throughout (a question, mostly).
            all_bold = bold or (alone and tag_id in _BOLD_IDS)
            bold_chars = 0
            images: list[LexborNode] = []
            elements = node.traverse()
            next(elements)  # the block itself
            for element in elements:
                tag_id = element.tag_id
                if tag_id in _BOLD_IDS:
                    if not all_bold:
                        bold_chars += visible_length(element.text(deep=True))
                elif tag_id == _IMG_ID:
                    images.append(element)
                elif tag_id in _BREAKER_IDS and not (
                    tag_id == _BR_ID and _ends_block(element, node)
                ):
                    return False
            text = node.text(deep=True)
            if images:
                if text and not text.isspace():
                    return False
                for image in images:
                    self.image(image)
                return True
            is_bold = all_bold or (bold_chars > 0 and bold_chars >= 0.95 * visible_length(text))
        cleaned = clean_line(text)  # (no <br> inside: line breaks are the source's, spaces)
        if cleaned:
            self.out.append((cleaned, None, is_bold, centred, heading))
            self.after_image = False
        return True

    def walk(self, node: LexborNode, run: _Run, bold: bool) -> None:
        # The most frequent first: blocks (a body is mostly <p>), then text.
        for child in node.iter(include_text=True):
            tag_id = child.tag_id
            if tag_id in _BLOCK_IDS:
                if run.all_chars:
                    self.flush(run)
                elif run.parts:  # spacing, line breaks: nothing that shows
                    run.parts.clear()
                # Centring only matters for a caption, which follows an image: look only then.
                centred = run.centred or (self.after_image and _is_centred(child))
                heading = tag_id in _HEADING_IDS
                if not self.leaf_block(child, centred, heading, bold or heading):
                    inner = _Run(centred=centred, heading=heading)
                    self.walk(child, inner, bold or heading)
                    self.flush(inner)
            elif tag_id == _TEXT_ID:
                # The spacing between blocks, mostly: it shows nothing. (ASCII spacing is told
                # without making the text; other spacing, a no-break space, below.)
                if child.is_empty_text_node:
                    if run.all_chars:  # (and before any text, it would be stripped)
                        run.parts.append(" ")
                    continue
                text = child.text_content
                if not text:
                    continue
                if text.isspace():
                    if run.all_chars:  # (and before any text, it would be stripped)
                        run.parts.append(" ")
                else:
                    # A line break in the HTML source is a space; only <br> breaks a line.
                    run.add(text.replace("\n", " ") if "\n" in text else text, bold)
            elif tag_id == _BR_ID:
                run.parts.append("\n")
            elif tag_id == _IMG_ID:
                if run.parts:
                    self.flush(run)
                self.image(child)
            else:
                tag = child.tag
                if tag is None or tag in _SKIP_TAGS or tag.startswith(("-", "!", "_")):
                    continue
                self.walk(child, run, bold or tag in _BOLD_TAGS)


def raw_blocks(container: LexborNode, base_url: str) -> list[RawBlock]:
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


def _speaker(text: str) -> str | None:
    """What stands before the first colon (``:`` or ``：``) near the start ("Reuters: …").

    A set of names looked up with this is much quicker than a pattern made of them all (and
    ``partition`` quicker than ``find``, whose arguments take long to read).
    """
    before, colon, _ = text[:_NAME_SPAN].partition(":")
    name, full_colon, _ = before.partition("：")
    if full_colon or colon:
        return name.rstrip()
    return None


_SOMEONE_SAYS = re.compile(r"^[^:：\n]{2,60}?\s*[:：]\s*\S")


def _is_transcript(raw: list[RawBlock], asks: frozenset[str], answers: frozenset[str]) -> bool:
    """Whether someone known speaks in the text, or a bold line reads "Someone: …"."""
    for text, src, bold, _centred, _heading in raw:
        if src is None:
            who = _speaker(text)
            if (who is not None and (who in asks or who in answers)) or (
                bold and _SOMEONE_SAYS.match(text)
            ):
                return True
    return False


def _is_question(text: str, bold: bool, asks: frozenset[str], answers: frozenset[str]) -> bool:
    """In a transcript: a line in bold or asked by someone known, and not an answer."""
    who = _speaker(text)
    return (bold or who in asks) and who not in answers


_IMAGE, _CAPTION, _QUESTION = BlockKind.IMAGE, BlockKind.CAPTION, BlockKind.QUESTION
_HEADING, _PARAGRAPH = BlockKind.HEADING, BlockKind.PARAGRAPH
# Blocks made from their fields' tuple, without the named tuple's constructor (a Python function).
_block = partial(tuple.__new__, Block)


def classify(raw: list[RawBlock], lang: str) -> list[Block]:
    """Give each raw block its kind: questions in transcripts, captions under images."""
    asks, answers = _speaker_names(lang)
    transcript = _is_transcript(raw, asks, answers)
    blocks: list[Block] = []
    after_image = False
    for text, src, bold, centred, heading in raw:
        if src is not None:
            blocks.append(_block((_IMAGE, "", src)))
            after_image = True
            continue
        if (
            after_image
            and centred
            and len(text) <= 400
            and any(c.isalnum() for c in text)
            and not _SOMEONE_SAYS.match(text)
        ):
            kind = _CAPTION
        elif transcript and _is_question(text, bold, asks, answers):
            kind = _QUESTION
        elif heading or (bold and len(text) <= 200):
            kind = _HEADING
        else:
            kind = _PARAGRAPH
        blocks.append(_block((kind, text, None)))
        after_image = False
    return blocks
