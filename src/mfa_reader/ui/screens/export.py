"""The export (``e``) and print (``P``) dialogs, over :mod:`mfa_reader.export`.

The work (a PDF takes a fraction of a second, printing asks CUPS) runs in thread workers; the
dialog says what happened in one line: where the file went, the print job, or why it could not.
A file already at the export's place is replaced only when the user says so (``ReplaceScreen``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mfa_reader.model import Article, TextSeen
from mfa_reader.ui import bindings
from mfa_reader.ui.progress import first_line
from mfa_reader.ui.reader_state import recall, remember
from mfa_reader.ui.text import one_line

if TYPE_CHECKING:
    from mfa_reader.config import Settings
    from mfa_reader.export.images import ImageSource
    from mfa_reader.export.printing import PrinterStatus

FORMATS = (
    ("pdf", "PDF", "to read, print or cite (fonts for every script)"),
    ("txt", "Plain text", "wrapped, with the source line"),
    ("md", "Markdown", "with front matter for notes"),
    ("json", "JSON", "every field, for scripts"),
)


def offered_folder(settings: Settings) -> str:
    """The folder the export dialog offers: the one the last export went to, unless the export_dir
    setting has changed since (a new setting is the user's newer word)."""
    last = recall(settings.cache).get("export_folder")
    if (
        isinstance(last, dict)
        and isinstance(last.get("folder"), str)
        and last.get("setting") == str(settings.export_dir)
    ):
        return str(last["folder"])
    return str(settings.export_dir)


def remember_folder(settings: Settings, folder: Path) -> None:
    remember(
        settings.cache,
        {"export_folder": {"folder": str(folder), "setting": str(settings.export_dir)}},
    )


class ArticleDialog(ModalScreen[None]):
    """A dialog about one article: its title, what to choose, and a line saying what happened."""

    HEADING: ClassVar[str]
    FIRST_MESSAGE: ClassVar[str]

    def __init__(
        self, article: Article, settings: Settings, version: TextSeen | None = None
    ) -> None:
        super().__init__(classes="dialog")
        self.article = article
        self.settings = settings
        self.version = version  # which text of the article this is: the file names it

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label(Content(self.HEADING), id="dialog-title")
            yield Label(Content(one_line(self.article.title)), id="dialog-subject")
            yield from self.compose_choices()
            yield Static(Content(self.FIRST_MESSAGE), id="dialog-message")

    def compose_choices(self) -> ComposeResult:
        """What the dialog offers, between the article's title and the message line."""
        yield from ()

    def say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#dialog-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    def say_from_thread(self, text: str, error: bool = False) -> None:
        self.app.call_from_thread(self.say, text, error)

    def images(self) -> ImageSource | None:
        """The article's images for its PDF, as the command line gets them (call in a thread)."""
        from mfa_reader.article_images import images_of

        return images_of(self.article, self.settings)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ArticleDialog):
    """Pick a format (enter exports) and the folder to write into."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.EXPORT]
    HEADING = "Export"
    FIRST_MESSAGE = "enter exports · escape closes"

    def __init__(
        self, article: Article, settings: Settings, version: TextSeen | None = None
    ) -> None:
        super().__init__(article, settings, version)
        self.saved: Path | None = None

    def compose_choices(self) -> ComposeResult:
        yield OptionList(
            *(
                Option(Content.assemble((name, "bold"), "  ", (note, "$text-muted")), id=key)
                for key, name, note in FORMATS
            ),
            id="export-formats",
            markup=False,
        )
        yield Label(Content("Folder"), classes="dialog-label")
        yield Input(offered_folder(self.settings), id="export-folder")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._export(event.option.id or "pdf")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.query_one(OptionList).highlighted_option
        self._export(option.id if option and option.id else "pdf")

    def _export(self, fmt: str, replace: bool = False) -> None:
        self.say(f"Exporting as {fmt.upper()}…")
        folder = self.query_one("#export-folder", Input).value.strip()
        self.export_file(fmt, folder, replace)

    @work(thread=True, exclusive=True, group="export")
    def export_file(self, fmt: str, folder: str, replace: bool) -> None:
        from mfa_reader.export import ExportError, FileExistsExportError, export_article

        # A trailing slash tells export_article the folder may be made.
        dest = str(Path(folder).expanduser()) + "/" if folder else None
        try:
            path = export_article(
                self.article,
                fmt,
                dest,
                force=replace,
                template=self.settings.filename_template,
                default_folder=self.settings.export_dir,
                image_source=self.images() if fmt == "pdf" else None,
                version=self.version,
            )
        except FileExistsExportError as exc:
            self.app.call_from_thread(self._ask_to_replace, fmt, Path(exc.path))
            return
        except (ExportError, OSError) as exc:
            self.say_from_thread(first_line(str(exc), 300), True)
            return
        self.app.call_from_thread(self._saved, path)

    def _ask_to_replace(self, fmt: str, path: Path) -> None:
        self.say(f"{path.name} is already in {path.parent}.")

        def answered(replace: bool | None) -> None:
            if replace:
                self._export(fmt, replace=True)
            else:
                self.say("The file that was there is kept; choose another folder or format.")

        self.app.push_screen(ReplaceScreen(path), answered)

    def _saved(self, path: Path) -> None:
        self.saved = path
        remember_folder(self.settings, path.parent)
        self.app.notify(f"Saved {path}", timeout=6)
        self.dismiss(None)


class ReplaceScreen(ModalScreen[bool]):
    """Replace? A file of the export's name is already in the folder: y replaces it, n keeps it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.REPLACE]

    def __init__(self, path: Path) -> None:
        super().__init__(classes="dialog")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Label(Content("Replace?"), id="dialog-title")
            yield Label(Content(self.path.name), id="dialog-subject")
            yield Static(
                Content(f"A file of this name is already in {self.path.parent}. Replace it?"),
                id="dialog-message",
            )
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Replace (y)"), id="replace", variant="warning")
                yield Button(Content("Keep it (n)"), id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()  # enter alone never loses a file

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "replace")

    def action_replace(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)


class PrintScreen(ArticleDialog):
    """The printers CUPS offers (the default first); enter prints the article's PDF."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PRINT]
    HEADING = "Print"
    FIRST_MESSAGE = "Asking CUPS for the printers…"

    def __init__(
        self, article: Article, settings: Settings, version: TextSeen | None = None
    ) -> None:
        super().__init__(article, settings, version)
        self.job: str | None = None

    def compose_choices(self) -> ComposeResult:
        yield OptionList(id="printers", markup=False)

    def on_mount(self) -> None:
        self.find_printers()

    @work(thread=True, exclusive=True, group="print")
    def find_printers(self) -> None:
        from mfa_reader.export import list_printers

        status = list_printers()
        self.app.call_from_thread(self._show_printers, status)

    def _show_printers(self, status: PrinterStatus) -> None:
        printers = self.query_one(OptionList)
        if not status.can_print:
            self.say(status.message, True)
            return
        wanted = self.settings.printer or status.default
        ordered = sorted(status.printers, key=lambda p: p.name != wanted)
        printers.set_options(
            Option(
                Content.assemble(
                    (p.name, "bold"),
                    "  ",
                    ("default · " if p.is_default else "", "$text-muted"),
                    (p.state, "$text-muted"),
                ),
                id=p.name,
            )
            for p in ordered
        )
        printers.highlighted = 0
        printers.focus()
        self.say("enter prints · escape closes")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.say(f"Making the PDF and sending it to {event.option.id}…")
        self.print_to(event.option.id)

    @work(thread=True, exclusive=True, group="print")
    def print_to(self, printer: str | None) -> None:
        from mfa_reader.export import ExportError, PrintError, print_article

        try:
            job = print_article(
                self.article, printer, image_source=self.images(), version=self.version
            )
        except (PrintError, ExportError, OSError) as exc:
            self.say_from_thread(first_line(str(exc), 300), True)
            return
        self.app.call_from_thread(self._printed, job)

    def _printed(self, job: str) -> None:
        self.job = job
        self.app.notify(f"Sent to the printer (job {job}).", timeout=6)
        self.dismiss(None)
