"""The footer: the keys that apply now, the ones a newcomer looks for first.

Textual's ``Footer`` shows keys in the order the bindings are found and lets the last ones run off
a narrow terminal, ``?`` help and ``q`` quit among them. This one leads with them and fills the
row in the order of :data:`mfa_reader.ui.bindings.FOOTER_ORDER`, leaving out lesser keys first
(the help lists every key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from mfa_reader.ui import bindings

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding

_KEY_PADDING = 3  # " k " before the description and " " after it (Footer's own CSS)
_PALETTE_FRAME = 2  # the palette key's left border and right padding


def key_width(key_display: str, description: str) -> int:
    """The cells a key takes in the footer."""
    return cell_len(key_display) + cell_len(description) + _KEY_PADDING


class FooterEntry(NamedTuple):
    """One key as the footer shows it (what a FooterKey is made of)."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool  # the command palette's key, apart at the right


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._composed: list[FooterEntry] | None = None  # the keys shown

    async def recompose(self) -> None:
        # Textual asks for it twice on each change of focus; building the keys again costs
        # more than painting an article, so only when the keys that apply are others.
        if self._composed is not None and self._entries() == self._composed:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed = self._entries()
        for entry in self._composed:
            key = FooterKey(
                entry.key,
                entry.display,
                entry.description,
                entry.action,
                classes="-command-palette" if entry.palette else "",
                disabled=not entry.enabled,
                tooltip=entry.tooltip,
            )
            yield key if entry.palette else key.data_bind(compact=Footer.compact)

    def _entries(self) -> list[FooterEntry]:
        """The keys that apply now and fit the footer's width, in FOOTER_ORDER."""
        width = self.size.width
        entries: list[FooterEntry] = []
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette:
            _, binding, _, _ = palette
            display = self.app.get_key_display(binding)
            width -= key_width(display, binding.description) + _PALETTE_FRAME
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        rank = {binding_id: n for n, binding_id in enumerate(bindings.FOOTER_ORDER)}
        for binding, enabled, tooltip in sorted(
            shown.values(), key=lambda shown_key: rank.get(shown_key[0].id or "", len(rank))
        ):
            display = self.app.get_key_display(binding)
            width -= key_width(display, binding.description)
            if width < 0:
                break  # the rest are lesser keys
            entries.append(
                FooterEntry(
                    binding.key, display, binding.description, binding.action, enabled, tooltip,
                    palette=False,
                )
            )  # fmt: skip
        if palette is not None and self.show_command_palette:
            _, binding, enabled, _ = palette
            entries.append(
                FooterEntry(
                    binding.key, self.app.get_key_display(binding), binding.description,
                    binding.action, enabled, binding.tooltip or binding.description, palette=True,
                )
            )  # fmt: skip
        return entries

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:  # more keys fit, or fewer
            self.call_after_refresh(self.recompose)
