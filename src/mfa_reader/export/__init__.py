"""Taking articles out of the reader: plain text, Markdown, PDF, JSON / JSON Lines, and printing.

The API for the command line and the screen (every error carries a one-line message for the user)::

    export_article(article, fmt, dest=None, *, force=False, wrap=None, retrieved=None,
                   image_source=None, template=DEFAULT_TEMPLATE, version=None) -> Path
    export_articles(articles, dest=None, *, force=False, retrieved=None,
                    edition=None, section=None, since=None, version_of=None,
                    history_of=None) -> (Path, count)   # JSON Lines
    export_each(articles, fmt, folder=None, *, force=False, images=None, version_of=None, …)
        -> each Path written, or the FileExistsExportError of a file kept
    export_combined(articles, "pdf" | "md", dest=None, *, force=False, image_source=None, …)
        -> Path                                  # one PDF (with contents) or Markdown file
    render(article, fmt, *, wrap=None, retrieved=None, image_source=None, version=None) -> bytes
    list_printers() -> PrinterStatus          # never raises; .can_print, .reason, .message
    print_article(article, printer=None, *, retrieved=None, image_source=None, version=None)
        -> job id
    print_pdf(path, printer=None, *, title=None) -> job id
    job_completed(job_id) -> bool

``version`` (a :class:`~mfa_reader.model.TextSeen`) says which text of the article this is, and
every format names it; ``version_of`` and ``history_of`` answer it for each of many articles (the
caller asks the cache: this package never does).

Importing this package is cheap: the PDF compiler, fontTools and the font scan load only when a
PDF is made.
"""

from __future__ import annotations

from mfa_reader.export.errors import (
    ExportError,
    FileExistsExportError,
    MissingFontError,
    PrintError,
)
from mfa_reader.export.filenames import DEFAULT_TEMPLATE, filename_for
from mfa_reader.export.files import (
    FORMATS,
    export_article,
    export_articles,
    export_combined,
    export_each,
    render,
)
from mfa_reader.export.images import (
    ImageSource,
    images_from_dir,
    images_from_mapping,
    prefetch_images,
)
from mfa_reader.export.printing import (
    Printer,
    PrinterStatus,
    job_completed,
    list_printers,
    print_article,
    print_pdf,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "FORMATS",
    "ExportError",
    "FileExistsExportError",
    "ImageSource",
    "MissingFontError",
    "PrintError",
    "Printer",
    "PrinterStatus",
    "export_article",
    "export_articles",
    "export_combined",
    "export_each",
    "filename_for",
    "images_from_dir",
    "images_from_mapping",
    "job_completed",
    "list_printers",
    "prefetch_images",
    "print_article",
    "print_pdf",
    "render",
]
