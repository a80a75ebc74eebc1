"""Rows of one line, drawn as Visuals: pieces of plain text cut to the width the row gets, never
wrapped (a long section name wrapped onto a second line looks like another section)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + "…"


class OneLineRow(Visual):
    """A row laid out for its width by :meth:`parts`; the strip is kept until the width or the
    style changes (rows are painted on every cursor move)."""

    _rendered: tuple[tuple[int, Style], list[Strip]] | None = None

    def parts(self, width: int) -> list[tuple[str, str]]:
        """The row at ``width`` cells as (text, style) pieces, left to right on the screen."""
        raise NotImplementedError

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        # Segments straight from the pieces: several times cheaper than wrapping a Content.
        key = (width, style)
        if self._rendered is not None and self._rendered[0] == key:
            return self._rendered[1]  # lists clear their caches on resize; rows keep theirs
        get_style = options.get_style
        base = style.rich_style
        segments = [
            Segment(text, (style + get_style(name)).rich_style if name else base)
            for text, name in self.parts(width)
        ]
        strips = [Strip(segments).crop_extend(0, width, base)]
        self._rendered = (key, strips)
        return strips

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1
