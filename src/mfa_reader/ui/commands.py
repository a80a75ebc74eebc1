"""The command palette (ctrl+p): every action of the reader, each edition and each section.

Commands are generated from the bindings (:mod:`mfa_reader.ui.bindings`), so the palette, the footer
and the help screen never disagree about what exists or which key does it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from mfa_reader.editions import EDITIONS, sections
from mfa_reader.ui import bindings
from mfa_reader.ui.screens.library import LibraryScreen


def _key(app: App[Any], binding: Binding) -> str:
    return str(app.get_key_display(binding))


class ReaderCommands(Provider):
    """Actions from the bindings of the library, the reader pane and the app; places to go."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        library = app.screen_stack[0] if app.screen_stack else None
        if not isinstance(library, LibraryScreen):
            return
        seen: set[str] = set()
        places: list[tuple[tuple[Binding, ...], Widget | App[Any]]] = [(bindings.LIBRARY, library)]
        if library.reader_if_mounted is not None:
            places.append((bindings.ARTICLE, library.reader_if_mounted))
        places.append((bindings.APP, app))
        for keys, node in places:
            for binding in keys:
                if not binding.description or binding.id in bindings.NOT_IN_PALETTE:
                    continue
                if binding.action in seen:
                    continue
                seen.add(binding.action)
                name = f"{binding.description}  ({_key(app, binding)})"
                yield name, binding.tooltip or "", partial(node.run_action, binding.action)
        yield "Quit", "Leave the reader", app.exit
        for e in EDITIONS:
            yield (
                f"Edition: {e.native_name} ({e.english_name})",
                "Show this edition's articles",
                partial(library.show_edition, e.code),
            )
        for s in sections(library.place.edition):
            yield f"Section: {s.native_name}", s.english_name, partial(library.show_section, s.id)
        yield (
            "Section: all sections",
            "Every section of this edition",
            partial(library.show_section, None),
        )
        other = "app" if not library.app_bidi else "terminal"

        def lay_out_rtl() -> None:
            library.app_bidi = other == "app"

        yield (
            f"Right-to-left text: let the {'reader' if other == 'app' else 'terminal'} lay it out",
            f'Same as the setting rtl = "{other}"',
            lay_out_rtl,
        )

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
