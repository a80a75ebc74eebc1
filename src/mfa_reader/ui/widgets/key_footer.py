"""The footer: the keys that apply now, the ones a newcomer looks for first.

Textual's ``Footer`` shows keys in the order the bindings are found and lets the last ones run off
a narrow terminal, ``?`` help and ``q`` quit among them. This one leads with them and fills the
row in the order of :data:`mfa_reader.ui.bindings.FOOTER_ORDER`, leaving out lesser keys first
(the help lists every key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed_width = width = self.size.width
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
            yield FooterKey(
                binding.key,
                display,
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None and self.show_command_palette:
            _, binding, enabled, _ = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
