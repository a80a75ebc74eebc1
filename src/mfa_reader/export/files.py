"""Where an export lands, and the calls the screen and the command line use.

    path = export_article(article, "pdf", Path("~/Documents").expanduser(), force=False)

``dest`` may be a folder (the name comes from the template), a file path, or ``None`` (the current
folder). An existing file is never replaced unless ``force`` is true, and a failed export leaves
nothing behind: the output is written to a hidden temporary file beside the destination and moved
into place only when complete. Many articles go one file each into a folder (:func:`export_each`),
or together into one file (:func:`export_combined`: PDF or Markdown; :func:`export_articles`:
JSON Lines).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mfa_reader.export.errors import ExportError, FileExistsExportError
from mfa_reader.export.filenames import (
    DEFAULT_TEMPLATE,
    collection_filename,
    earlier_text_filename,
    filename_for,
)
from mfa_reader.export.images import ImageSource
from mfa_reader.model import Article, History, TextSeen

if TYPE_CHECKING:
    from mfa_reader.export.fonts import FontLibrary
    from mfa_reader.export.jsonl import HistoryOf
    from mfa_reader.export.parts import VersionOf

FORMATS = ("pdf", "txt", "md", "json", "jsonl")
COMBINABLE = ("pdf", "md")  # the formats one file of many articles can be read in
_ALIASES = {"text": "txt", "markdown": "md", "ndjson": "jsonl"}


def normalise_format(fmt: str) -> str:
    name = _ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
    if name not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return name


def render(
    article: Article,
    fmt: str,
    *,
    wrap: int | None = None,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    version: TextSeen | None = None,
    history: History | None = None,
) -> bytes:
    """The article in format ``fmt`` as bytes (for stdout or a clipboard); nothing is written.
    ``version`` says which text of it this is; ``history`` (JSON only) lists every text kept."""
    fmt = normalise_format(fmt)
    if fmt == "pdf":
        from mfa_reader.export.pdf import article_to_pdf

        return article_to_pdf(
            article, retrieved=retrieved, image_source=image_source, fonts=fonts, version=version
        )
    if fmt == "txt":
        from mfa_reader.export.text import article_to_text

        text = article_to_text(article, wrap=wrap, retrieved=retrieved, version=version)
        return text.encode("utf-8")
    if fmt == "md":
        from mfa_reader.export.markdown import article_to_markdown

        return article_to_markdown(article, retrieved=retrieved, version=version).encode("utf-8")
    from mfa_reader.export.jsonl import article_to_json, articles_to_jsonl

    if fmt == "json":
        json_text = article_to_json(article, retrieved=retrieved, version=version, history=history)
        return json_text.encode("utf-8")
    line = articles_to_jsonl(
        [article], retrieved=retrieved, version_of=lambda _: version, history_of=lambda _: history
    )
    return "".join(line).encode("utf-8")


def destination(
    dest: Path | str | None, default_name: str, default_folder: Path | None = None
) -> Path:
    """The file to write.

    - ``dest`` an existing folder, a string ending with a slash, or a new name without an
      extension (``~/exports``): the ``default_name`` inside it, the folder made when missing.
      (Pass ``-o`` as typed: ``Path`` drops the trailing slash.)
    - ``dest`` any other path (``x.pdf``): that file (its folder must exist).
    - no ``dest``: ``default_name`` in ``default_folder`` (created if missing; the settings'
      export folder), else in the current folder.
    """
    if dest is None:
        if default_folder is None:
            return Path.cwd() / default_name
        return _make_folder(Path(os.path.expanduser(str(default_folder)))) / default_name
    text = str(dest)
    path = Path(os.path.expanduser(text))
    if path.is_dir():
        return path / default_name
    if text.endswith((os.sep, "/")) or (not path.exists() and not path.suffix):
        return _make_folder(path) / default_name
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist; nothing was written.")
    return path


def _make_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"Cannot make the folder {folder}: {exc.strerror or exc}; nothing was written."
        ) from exc
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder; nothing was written.")
    return folder


def check_target(path: Path, *, force: bool) -> None:
    """Raise :class:`ExportError` unless an export may be written at ``path``: nothing there, or
    a regular file when ``force``. Only a regular file is ever replaced: moving the new file into
    place would turn a device or a pipe into a file."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name or the folder to write into.")
    if path.exists() and not path.is_file():
        raise ExportError(
            f"{path} is not a regular file (a device, a pipe or a socket); nothing was written. "
            "Give a file name, or - to write to standard output."
        )
    if path.exists() and not force:
        raise _exists(path)


def write_atomically(path: Path, produce: Callable[[BinaryIO], object], *, force: bool) -> Path:
    """Write through ``produce`` into a temporary file beside ``path``, then move it into place;
    an existing ``path`` is kept (and :class:`FileExistsExportError` raised) unless ``force``.
    """
    check_target(path, force=force)
    tmp = path.parent / f".{path.name[:40]}.{secrets.token_hex(4)}.part"
    try:
        # created like any new file (the umask applies), and only by us
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise ExportError(f"Cannot write into {path.parent}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            produce(out)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    except OSError as exc:
        raise ExportError(
            f"Cannot write {path}: {exc.strerror or exc}; nothing was written."
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` unless something is there (also when it appeared meanwhile)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: check, then move
        if path.exists():
            raise _exists(path) from None
        os.replace(tmp, path)


def _exists(path: Path) -> FileExistsExportError:
    # How to replace it is the front end's to say: a flag on the command line, a question on screen.
    return FileExistsExportError(f"{path} already exists; nothing was written.", str(path))


def export_article(
    article: Article,
    fmt: str,
    dest: Path | str | None = None,
    *,
    force: bool = False,
    wrap: int | None = None,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    template: str = DEFAULT_TEMPLATE,
    fonts: FontLibrary | None = None,
    default_folder: Path | None = None,
    version: TextSeen | None = None,
    history: History | None = None,
) -> Path:
    """Export one article to a file and return its path (``version``, ``history``: as
    :func:`render`). Raises :class:`ExportError` (or a subclass: :class:`MissingFontError`,
    :class:`FileExistsExportError`) with a message for the user; on error no file is left
    behind."""
    fmt = normalise_format(fmt)
    name = filename_for(article, fmt, template)
    if version is not None and version.number < version.latest:
        name = earlier_text_filename(name, version.number)

    def make() -> bytes:
        return render(
            article, fmt, wrap=wrap, retrieved=retrieved, image_source=image_source, fonts=fonts,
            version=version, history=history,
        )  # fmt: skip

    return write_export(dest, name, make, force=force, default_folder=default_folder)


def write_export(
    dest: Path | str | None,
    name: str,
    make: Callable[[], bytes],
    *,
    force: bool,
    default_folder: Path | None = None,
) -> Path:
    """Write what ``make`` renders to ``dest`` (as :func:`destination` reads it, ``name`` where
    it is a folder) and return the path. The target is checked before the work of making a PDF;
    on error no file is left behind."""
    path = destination(dest, name, default_folder)
    check_target(path, force=force)
    data = make()
    return write_atomically(path, lambda out: out.write(data), force=force)


def export_articles(
    articles: Iterable[Article],
    dest: Path | str | None = None,
    *,
    force: bool = False,
    retrieved: datetime | None = None,
    edition: str | None = None,
    section: str | None = None,
    since: date | None = None,
    default_folder: Path | None = None,
    version_of: VersionOf | None = None,
    history_of: HistoryOf | None = None,
) -> tuple[Path, int]:
    """Many articles into one JSON Lines file, streamed; returns (path, number of articles).
    ``version_of`` says which text of each it is; ``history_of`` gives every text kept."""
    from mfa_reader.export.jsonl import articles_to_jsonl

    name = collection_filename("jsonl", edition=edition, section=section, since=since)
    path = destination(dest, name, default_folder)
    count = 0

    def produce(out: BinaryIO) -> None:
        nonlocal count
        lines = articles_to_jsonl(
            articles, retrieved=retrieved, version_of=version_of, history_of=history_of
        )
        for line in lines:
            out.write(line.encode("utf-8"))
            count += 1

    write_atomically(path, produce, force=force)
    return path, count


def export_each(
    articles: Iterable[Article],
    fmt: str,
    dest: Path | str | None = None,
    *,
    force: bool = False,
    wrap: int | None = None,
    retrieved: datetime | None = None,
    images: Callable[[Article], ImageSource | None] | None = None,
    template: str = DEFAULT_TEMPLATE,
    fonts: FontLibrary | None = None,
    version_of: VersionOf | None = None,
) -> Iterator[Path | FileExistsExportError]:
    """Each article into a file of its own in the folder ``dest`` (made when missing; ``None``:
    the current folder), yielding each path as it is written, or the
    :class:`FileExistsExportError` of a file that was there and is kept. ``images`` gives an
    article's image source, asked only for a PDF that is written; ``version_of`` which text of
    it each is. Any other error stops the export; the files written before it stay."""
    fmt = normalise_format(fmt)
    folder = folder_for_many(dest)
    for article in articles:
        path = folder / filename_for(article, fmt, template)
        try:
            check_target(path, force=force)
        except FileExistsExportError as kept:
            yield kept
            continue
        source = images(article) if images is not None and fmt == "pdf" else None
        yield export_article(
            article, fmt, path, force=force, wrap=wrap, retrieved=retrieved,
            image_source=source, fonts=fonts, version=version_of(article) if version_of else None,
        )  # fmt: skip


def folder_for_many(dest: Path | str | None) -> Path:
    """The folder many files go into: ``dest`` (made when missing), or the current folder."""
    if dest is None:
        return Path.cwd()
    text = str(dest)
    path = Path(os.path.expanduser(text))
    if path.is_dir() or (not path.exists() and (text.endswith((os.sep, "/")) or not path.suffix)):
        return _make_folder(path)
    raise ExportError(
        f"{path} names a file, but many articles go one file each into a folder; give a folder "
        "(or put them together in one file); nothing was written."
    )


def render_combined(
    articles: Sequence[Article],
    fmt: str,
    *,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    version_of: VersionOf | None = None,
) -> bytes:
    """Many articles, in the order given, as one PDF (with a page of contents) or Markdown file;
    ``version_of`` says which text of each it is."""
    fmt = normalise_format(fmt)
    if fmt == "pdf":
        from mfa_reader.export.pdf import articles_to_pdf

        return articles_to_pdf(
            articles, retrieved=retrieved, image_source=image_source, fonts=fonts,
            version_of=version_of,
        )  # fmt: skip
    if fmt == "md":
        from mfa_reader.export.markdown import articles_to_markdown

        text = articles_to_markdown(articles, retrieved=retrieved, version_of=version_of)
        return text.encode("utf-8")
    raise ExportError(
        f"Many articles go together into a PDF or a Markdown file, not {fmt}; for scripts, "
        "JSON Lines holds them one per line."
    )


def export_combined(
    articles: Sequence[Article],
    fmt: str,
    dest: Path | str | None = None,
    *,
    force: bool = False,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    edition: str | None = None,
    section: str | None = None,
    since: date | None = None,
    version_of: VersionOf | None = None,
) -> Path:
    """Many articles in one PDF or Markdown file (see :func:`render_combined`); the name says what
    they are (``mfa_en_press-conferences_since-2025-10-01.pdf``)."""
    fmt = normalise_format(fmt)
    name = collection_filename(fmt, edition=edition, section=section, since=since)

    def make() -> bytes:
        return render_combined(
            articles, fmt, retrieved=retrieved, image_source=image_source, fonts=fonts,
            version_of=version_of,
        )  # fmt: skip

    return write_export(dest, name, make, force=force)
