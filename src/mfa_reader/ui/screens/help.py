"""The help screen (``?``): the prose of ``help.md`` and a table of every key, generated from the
bindings (with the user's keymap applied), so it can never fall out of date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from mfa_reader.ui import bindings


def _keys(app: App[Any], binding: Binding, keymap: Mapping[str, str]) -> str:
    keys = keymap.get(binding.id or "", binding.key)
    shown = []
    for key in keys.split(","):
        shown.append(str(app.get_key_display(replace(binding, key=key.strip()))))
    return " ".join(f"`{k}`" for k in shown)


def help_markdown(app: App[Any], keymap: Mapping[str, str]) -> str:
    """``help.md`` with the tables of keys (``keymap`` applied) where it says ``<!-- keys -->``."""
    prose = resources.files("mfa_reader.ui").joinpath("help.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for title, keys in bindings.HELP_SECTIONS:
        lines += [f"## {title}", ""]
        for binding in keys:
            action = binding.tooltip or binding.description or binding.action
            lines.append(f"- {_keys(app, binding, keymap)} {action} — id `{binding.id or ''}`")
        lines.append("")
    lines += [
        "## Lists and dialogs",
        "",
        "`up`/`down` (or `j`/`k`) move, `enter` opens, `escape` closes a dialog. `ctrl+p` opens "
        "the command palette, where every action, edition and section can be found by name.",
        "",
    ]
    keys_text = "\n".join(lines)
    if "<!-- keys -->" in prose:
        return prose.replace("<!-- keys -->", keys_text).rstrip() + "\n"
    return prose.rstrip() + "\n\n" + keys_text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.HELP]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__(classes="help")
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_markdown(self.app, self.keymap), id="help")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
