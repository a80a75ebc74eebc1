"""Printing through CUPS: find printers with ``lpstat``, send the PDF with ``lp``.

``lpstat`` exits 0 even when nothing can print ("scheduler is not running", no destinations), so
its output is read, in the C locale. When printing is impossible the reason is one of
``no-lp`` (the CUPS client commands are missing), ``no-scheduler`` (CUPS is not running or does not
answer) and ``no-printer`` (CUPS knows no printer); the message says so plainly and offers the PDF.
``CUPS_SERVER`` and the user's ``~/.cups/client.conf`` are honoured, as by every CUPS command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mfa_reader.export.errors import PrintError

if TYPE_CHECKING:
    from mfa_reader.export.fonts import FontLibrary
    from mfa_reader.export.images import ImageSource
    from mfa_reader.model import Article, TextSeen

TIMEOUT_S = 15.0
_OFFER = "You can export the article as a PDF instead."
MESSAGES = {
    "no-lp": "Printing is not possible: the CUPS commands lp and lpstat are not installed "
    f"(Debian/Ubuntu: sudo apt install cups-client). {_OFFER}",
    "no-scheduler": "Printing is not possible: the print scheduler (CUPS) is not running or does "
    f"not answer. Start it (e.g. sudo systemctl start cups) and try again. {_OFFER}",
    "no-printer": "Printing is not possible: CUPS has no printer set up. Add one in the system's "
    f"printer settings (or with lpadmin) and try again. {_OFFER}",
}


@dataclass(frozen=True, slots=True)
class Printer:
    name: str
    is_default: bool
    enabled: bool  # not paused ("disabled") by the administrator
    accepting: bool  # takes new jobs
    state: str  # lpstat's words: "idle", "printing", "disabled" …


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    printers: tuple[Printer, ...]
    default: str | None
    reason: str | None  # None when printing is possible, else a key of MESSAGES
    message: str  # for the user: why printing is impossible, or which printers there are

    @property
    def can_print(self) -> bool:
        return self.reason is None

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.printers]


def _env() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            args, capture_output=True, text=True, env=_env(), timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise PrintError(MESSAGES["no-scheduler"], "no-scheduler") from exc
    except OSError as exc:
        raise PrintError(MESSAGES["no-lp"], "no-lp") from exc


def _unavailable(reason: str) -> PrinterStatus:
    return PrinterStatus((), None, reason, MESSAGES[reason])


def list_printers() -> PrinterStatus:
    """The printers CUPS offers, or why printing is impossible (never raises for that)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None or shutil.which("lp") is None:
        return _unavailable("no-lp")
    try:
        scheduler = _run([lpstat, "-r"])
        if "scheduler is running" not in scheduler.stdout:
            return _unavailable("no-scheduler")
        names = [n.strip() for n in _run([lpstat, "-e"]).stdout.splitlines() if n.strip()]
        default_out = _run([lpstat, "-d"]).stdout
        states = _run([lpstat, "-p", "-a"]).stdout
    except PrintError as exc:
        return _unavailable(exc.reason)
    if not names:
        return _unavailable("no-printer")
    match = re.search(r"system default destination: (\S+)", default_out)
    default = match.group(1) if match else None
    printers = tuple(_printer(name, name == default, states) for name in names)
    listed = ", ".join(p.name + (" (default)" if p.is_default else "") for p in printers)
    return PrinterStatus(printers, default, None, f"Printers: {listed}.")


def _printer(name: str, is_default: bool, states: str) -> Printer:
    quoted = re.escape(name)
    state_line = re.search(rf"^printer {quoted} (.*)$", states, re.M)
    words = state_line.group(1) if state_line else ""
    enabled = "disabled" not in words
    state = "disabled" if not enabled else "printing" if "printing" in words else "idle"
    accepting = re.search(rf"^{quoted} accepting requests", states, re.M) is not None
    if state_line is None:  # a class, or an answer we cannot read: let lp decide
        accepting = True
    return Printer(name, is_default, enabled, accepting, state)


def choose_printer(status: PrinterStatus, printer: str | None) -> str:
    """The printer to use: the one asked for, else the default, else the only one."""
    if not status.can_print:
        raise PrintError(status.message, status.reason or "failed")
    names = status.names
    if printer is not None:
        if printer not in names:
            raise PrintError(
                f"There is no printer named {printer!r}; the printers are: {', '.join(names)}.",
                "unknown-printer",
            )
        return printer
    if status.default:
        return status.default
    if len(names) == 1:
        return names[0]
    raise PrintError(
        f"No default printer is set; choose one of: {', '.join(names)} (--printer NAME).",
        "no-default",
    )


def print_pdf(path: Path, printer: str | None = None, *, title: str | None = None) -> str:
    """Send the PDF at ``path`` to ``printer`` (default: the system's default) and return the
    CUPS job id (e.g. ``"Office-42"``). Raises :class:`PrintError` with a message for the user."""
    status = list_printers()
    name = choose_printer(status, printer)
    lp = shutil.which("lp")
    if lp is None:
        raise PrintError(MESSAGES["no-lp"], "no-lp")
    args = [lp, "-d", name]
    if title:
        args += ["-t", title[:200]]
    args.append(str(Path(path).resolve()))  # absolute: never read as an option
    done = _run(args)
    match = re.search(r"request id is (\S+)", done.stdout)
    if done.returncode != 0 or match is None:
        detail = (done.stderr or done.stdout).strip().removeprefix("lp: ").strip()
        raise PrintError(
            f"The printer {name!r} did not take the job: {detail or 'lp failed'}. {_OFFER}",
            "failed",
        )
    return match.group(1)


def print_article(
    article: Article,
    printer: str | None = None,
    *,
    retrieved: datetime | None = None,
    image_source: ImageSource | None = None,
    fonts: FontLibrary | None = None,
    version: TextSeen | None = None,
) -> str:
    """Make the article's PDF (``version``: which text of it this is) and print it; returns the
    job id. Checks the printers first, so a machine that cannot print says so before the PDF is
    made."""
    from mfa_reader.export.pdf import article_to_pdf

    choose_printer(list_printers(), printer)
    pdf = article_to_pdf(
        article, retrieved=retrieved, image_source=image_source, fonts=fonts, version=version
    )
    with tempfile.TemporaryDirectory(prefix="mfa-reader-print-") as tmp:
        path = Path(tmp) / f"{article.doc_id or 'article'}.pdf"
        path.write_bytes(pdf)
        return print_pdf(path, printer, title=article.title)  # lp has sent the file when it returns


def job_completed(job_id: str) -> bool:
    """Whether CUPS lists the job among its completed ones."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        raise PrintError(MESSAGES["no-lp"], "no-lp")
    out = _run([lpstat, "-W", "completed", "-o"]).stdout
    return any(line.split(maxsplit=1)[:1] == [job_id] for line in out.splitlines())
