"""An article laid out as terminal lines for one width: wrapped by cells, questions set apart,
images and links as targets, right-to-left editions right-aligned (reordered with rtl = "app").

Pure text work on ``Content`` objects (never markup), so the view only has to paint lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style

from mfa_reader.editions import SPEAKERS, edition
from mfa_reader.model import Article, Block, BlockKind
from mfa_reader.ui.text import clean, is_rtl, long_date, one_line, visual_content

_URL = re.compile(r"https?://[^\s<>\"'，。）)\]]+")
QUESTION_BAR = "┃ "
IMAGE_MARK = "▣ "
IMAGE_WORD = {
    "en": "Image",
    "zh": "图片",
    "fr": "Image",
    "es": "Imagen",
    "ru": "Изображение",
    "ar": "صورة",
}


@dataclass(frozen=True, slots=True)
class Target:
    """Something in the article that ``o`` can open: an image or a link."""

    kind: str  # "image" or "link"
    url: str
    label: str


TITLE = -1  # the key of the title among the texts a layout keeps (blocks are 0, 1, 2…)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a line's text comes from: ``texts[text][start:end]`` of its layout, shown from
    ``shift`` on (after a prefix or a right-aligned line's padding), in visual order when
    ``visual`` (laid out by the reader for ``rtl = "app"``)."""

    text: int
    start: int
    end: int
    shift: int = 0
    visual: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    content: Content
    target: int | None = None  # index into the article's targets
    source: Source | None = None  # None: not the article's text (the header's details, a rule)


@dataclass(frozen=True, slots=True)
class ArticleStyles:
    title: Style
    meta: Style
    question: Style
    bar: Style
    speaker: Style
    heading: Style
    image: Style
    caption: Style
    link: Style
    rule: Style
    notice: Style

    @classmethod
    def plain(cls) -> ArticleStyles:
        """Styles without a theme (for tests and exports of the layout)."""
        bold, dim = Style(bold=True), Style(dim=True)
        return cls(
            title=bold,
            meta=dim,
            question=bold,
            bar=Style(),
            speaker=bold,
            heading=bold,
            image=Style(italic=True),
            caption=Style(italic=True, dim=True),
            link=Style(underline=True),
            rule=dim,
            notice=bold,
        )


@dataclass(frozen=True, slots=True)
class Layout:
    lines: list[Line]
    targets: list[Target]
    width: int
    complete: bool = True  # False: stopped after ``max_lines`` (the rest is laid out later)
    questions: tuple[int, ...] = ()  # the line each question (of a transcript) starts on
    texts: dict[int, str] = field(default_factory=dict)  # the title's and blocks' text, as laid out


def article_targets(article: Article) -> list[Target]:
    """Images and links in reading order (the same list at every width)."""
    targets: list[Target] = []
    seen: set[str] = set()
    for index, block in enumerate(article.blocks):
        if block.kind is BlockKind.IMAGE and block.src:
            targets.append(Target("image", block.src, _image_label(article, index)))
            continue
        for match in _URL.finditer(clean(block.text)):
            url = match.group(0).rstrip(".,;:")
            if url not in seen:
                seen.add(url)
                targets.append(Target("link", url, url))
    return targets


def _caption_is_label(article: Article, index: int) -> bool:
    """An image without alt text takes the caption that follows it as its label."""
    block = article.blocks[index]
    following = article.blocks[index + 1] if index + 1 < len(article.blocks) else None
    return (
        block.kind is BlockKind.IMAGE
        and not block.text.strip()
        and following is not None
        and following.kind is BlockKind.CAPTION
        and bool(following.text.strip())
    )


def _image_label(article: Article, index: int) -> str:
    block = article.blocks[index]
    if block.text.strip():
        return one_line(block.text)
    following = article.blocks[index + 1] if index + 1 < len(article.blocks) else None
    if following is not None and following.kind is BlockKind.CAPTION and following.text.strip():
        return one_line(following.text)
    return (block.src or "").rsplit("/", 1)[-1]


class LineWriter:
    """Accumulates lines for one width and direction (an article, or what changed in one)."""

    def __init__(self, width: int, rtl: bool, app_bidi: bool) -> None:
        self.width = max(width, 8)
        self.rtl = rtl
        self.app_bidi = rtl and app_bidi
        self.lines: list[Line] = []
        self.texts: dict[int, str] = {}

    def blank(self) -> None:
        if self.lines and self.lines[-1].content.plain:
            self.lines.append(Line(Content("")))

    def text(
        self,
        content: Content,
        *,
        source: int | None = None,
        prefix: str = "",
        prefix_style: Style | None = None,
        target: int | None = None,
        targets_by_line: list[tuple[str, int]] | None = None,
    ) -> None:
        """Wrap ``content`` into lines; ``source`` is its key among the texts that finding in
        the article searches (None: not searched)."""
        inner = max(self.width - cell_len(prefix), 4)
        current = None if targets_by_line else target
        plain = content.plain
        if source is not None:
            self.texts[source] = plain
        position = 0
        for line in content.wrap(inner):
            line = line.rstrip()
            start = plain.find(line.plain, position) if line.plain else -1
            if start >= 0:
                position = start + len(line.plain)
            if targets_by_line:
                for url_start, index in targets_by_line:
                    if url_start in line.plain:
                        current = index
            length = len(line.plain)
            if self.app_bidi:
                line = visual_content(line)
            shift = 0
            if prefix:
                mark = Content.styled(prefix, prefix_style or Style())
                if self.rtl:
                    line = (
                        line
                        + Content(" ")
                        + Content.styled(prefix.strip(), prefix_style or Style())
                    )
                else:
                    line = mark + line
                    shift = len(prefix)
            if self.rtl:
                shift = max(self.width - line.cell_length, 0)
                line = line.pad_left(shift)
            origin = None
            if source is not None and start >= 0:
                origin = Source(source, start, start + length, shift, self.app_bidi)
            self.lines.append(Line(line, current, origin))

    def rule(self, style: Style) -> None:
        self.lines.append(Line(Content.styled("─" * self.width, style)))


def _styled(text: str, style: Style | None, link_style: Style) -> Content:
    content = Content(clean(text))
    if style is not None and content.plain:
        content = content.stylize(style)
    for match in _URL.finditer(content.plain):
        content = content.stylize(link_style, match.start(), match.end())
    return content


def _speaker_end(article: Article, text: str) -> int:
    """Length of a leading "Spokesperson:" in an answer paragraph, or 0."""
    markers = SPEAKERS.get(article.edition)
    if markers is None:
        return 0
    for name in markers.spokespeople:
        if text.startswith(name):
            rest = text[len(name) : len(name) + 1]
            if rest in (":", "："):
                return len(name) + 1
    return 0


def layout_article(
    article: Article,
    width: int,
    *,
    app_bidi: bool = False,
    styles: ArticleStyles | None = None,
    max_lines: int | None = None,
    notice: str | None = None,
) -> Layout:
    """The article's lines at ``width`` cells; with ``max_lines``, stop once that many are laid out
    (enough to paint the first screen of a long transcript at once). ``notice`` is said under the
    header (the site removed the article, say)."""
    st = styles or ArticleStyles.plain()
    rtl = is_rtl(article.edition)
    out = LineWriter(width, rtl, app_bidi)
    targets = article_targets(article)
    link_index = {t.url: i for i, t in enumerate(targets) if t.kind == "link"}
    image_index = {t.url: i for i, t in enumerate(targets) if t.kind == "image"}

    _write_header(article, out, st, notice)
    out.rule(st.rule)
    out.blank()

    used_captions = {i + 1 for i, b in enumerate(article.blocks) if _caption_is_label(article, i)}
    questions: list[int] = []
    for index, block in enumerate(article.blocks):
        if max_lines is not None and len(out.lines) >= max_lines:
            return Layout(out.lines, targets, out.width, False, tuple(questions), texts=out.texts)
        if index in used_captions:
            continue  # already shown as the image's label
        if block.kind is BlockKind.QUESTION:
            questions.append(len(out.lines))
        _write_block(article, index, block, out, st, link_index, image_index)
        following = article.blocks[index + 1] if index + 1 < len(article.blocks) else None
        caption_next = following is not None and following.kind is BlockKind.CAPTION
        if not (block.kind is BlockKind.IMAGE and caption_next and index + 1 not in used_captions):
            out.blank()
    return Layout(out.lines, targets, out.width, questions=tuple(questions), texts=out.texts)


def header_lines(
    article: Article,
    width: int,
    *,
    app_bidi: bool = False,
    styles: ArticleStyles | None = None,
    notice: str | None = None,
) -> list[Line]:
    """The lines of the article's header at ``width`` cells: its title, when and where it was
    published, its address, its other languages, and ``notice``."""
    out = LineWriter(width, is_rtl(article.edition), app_bidi)
    _write_header(article, out, styles or ArticleStyles.plain(), notice)
    return out.lines


def block_lines(
    article: Article,
    index: int,
    width: int,
    *,
    app_bidi: bool = False,
    styles: ArticleStyles | None = None,
) -> list[Line]:
    """The lines of the article's block ``index`` at ``width`` cells, as :func:`layout_article`
    lays it out (none for a caption shown as its image's label), its links not targets."""
    if index > 0 and _caption_is_label(article, index - 1):
        return []
    out = LineWriter(width, is_rtl(article.edition), app_bidi)
    block = article.blocks[index]
    _write_block(article, index, block, out, styles or ArticleStyles.plain(), {}, {})
    return out.lines


def _write_header(article: Article, out: LineWriter, st: ArticleStyles, notice: str | None) -> None:
    out.text(Content(one_line(article.title) or "(untitled)").stylize(st.title), source=TITLE)
    out.blank()
    section = one_line(article.section_name)
    try:
        edition_name = edition(article.edition).native_name
    except KeyError:
        edition_name = article.edition
    meta = " · ".join(p for p in (long_date(article.published), section, edition_name) if p)
    out.text(Content.styled(meta, st.meta))
    if article.source.strip():
        out.text(Content.styled(one_line(article.source), st.meta))
    out.text(Content.styled(clean(article.url), st.link))
    others = [code for code in article.translations if code != article.edition]
    if others:
        names = " · ".join(_native(code) for code in others)
        out.text(Content.styled(f"⇄ {names}  (t)", st.meta))
    if notice:
        out.text(Content.styled(notice, st.notice))


def _write_block(
    article: Article,
    index: int,
    block: Block,
    out: LineWriter,
    st: ArticleStyles,
    link_index: dict[str, int],
    image_index: dict[str, int],
) -> None:
    text = clean(block.text).strip()
    urls = [
        (m.group(0)[:24], link_index[u])
        for m in _URL.finditer(text)
        if (u := m.group(0).rstrip(".,;:")) in link_index
    ]
    first = urls[0][1] if urls else None
    if block.kind is BlockKind.IMAGE:
        target = image_index.get(block.src or "")
        label = _image_label(article, index)
        word = IMAGE_WORD.get(article.edition, "Image") + (
            "：" if article.edition == "zh" else ": "
        )
        out.text(
            Content.styled(f"{IMAGE_MARK}{word}{label}", st.image),
            source=index,
            target=target,
        )
        if block.src:
            out.text(Content.styled(clean(block.src), st.link), prefix="  ", target=target)
    elif block.kind is BlockKind.QUESTION:
        out.text(
            _styled(text, st.question, st.link),
            source=index,
            prefix=QUESTION_BAR,
            prefix_style=st.bar,
            target=first,
            targets_by_line=urls,
        )
    elif block.kind is BlockKind.HEADING:
        out.text(
            _styled(text, st.heading, st.link), source=index, target=first, targets_by_line=urls
        )
    elif block.kind is BlockKind.CAPTION:
        out.text(_styled(text, st.caption, st.link), source=index, prefix="  ")
    else:
        content = _styled(text, None, st.link)
        speaker = _speaker_end(article, text)
        if speaker:
            content = content.stylize(st.speaker, 0, speaker)
        out.text(content, source=index, target=first, targets_by_line=urls)


def _native(code: str) -> str:
    try:
        return edition(code).native_name
    except KeyError:
        return code
