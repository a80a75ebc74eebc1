"""The help screen (``?``): the prose of ``help.md`` and a table of every key, generated from the
bindings (with the user's keymap applied), so it can never fall out of date."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

if TYPE_CHECKING:
    from mfa_reader.ui.app import ReaderApp


def _groups() -> list[tuple[str, list[Binding]]]:
    from mfa_reader.ui.app import ReaderApp
    from mfa_reader.ui.screens.library import LibraryScreen
    from mfa_reader.ui.widgets.article_list import ArticleList
    from mfa_reader.ui.widgets.article_view import ArticleView

    def only(bindings: list[BindingType]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    return [
        ("Library and reader", only(LibraryScreen.BINDINGS)),
        ("In the article", only(ArticleView.BINDINGS)),
        ("In the list", only(ArticleList.BINDINGS)),
        ("Everywhere", only(ReaderApp.BINDINGS)),
    ]


def _keys(app: Any, binding: Binding, keymap: dict[str, str]) -> str:
    keys = keymap.get(binding.id or "", binding.key)
    shown = []
    for key in keys.split(","):
        key = key.strip()
        try:
            shown.append(str(app.get_key_display(Binding(key, binding.action))))
        except Exception:
            shown.append(key)
    return " ".join(f"`{k}`" for k in shown)


def help_markdown(app: ReaderApp) -> str:
    """``help.md`` with the tables of keys where it says ``<!-- keys -->``."""
    prose = resources.files("mfa_reader.ui").joinpath("help.md").read_text(encoding="utf-8")
    keymap = dict(app.settings.keymap)
    lines: list[str] = []
    for title, bindings in _groups():
        lines += [f"## {title}", ""]
        for binding in bindings:
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
    keys = "\n".join(lines)
    if "<!-- keys -->" in prose:
        return prose.replace("<!-- keys -->", keys).rstrip() + "\n"
    return prose.rstrip() + "\n\n" + keys


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="close_help"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__(classes="help")
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_markdown(self.app), id="help")  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
