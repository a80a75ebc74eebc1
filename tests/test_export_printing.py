"""Printing through a real CUPS scheduler with the cups-pdf printer, and the plain reasons why
printing can be impossible (no lp, no scheduler, no printer).

Each scheduler here is a private ``cupsd -f`` started by the test (as root) with its own config,
spool and a Unix socket in a temporary folder, reached through ``CUPS_SERVER``: the machine's own
CUPS set-up is not touched. cups-pdf writes into ``~/PDF`` (``Out`` in /etc/cups/cups-pdf.conf).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mfa_reader.export.errors import PrintError
from mfa_reader.export.pdf import article_to_pdf
from mfa_reader.export.printing import (
    job_completed,
    list_printers,
    print_article,
    print_pdf,
)
from samples import sample_article

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll an outside daemon (cupsd, cups-pdf) until ``condition`` holds, with a deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def finished(job: str, scheduler: Scheduler) -> Callable[[], bool]:
    """The job completed; fails at once when CUPS stopped the queue (a filter failed)."""

    def check() -> bool:
        if job_completed(job):
            return True
        printer = next(p for p in list_printers().printers if p.name == job.rsplit("-", 1)[0])
        if not printer.enabled:
            log = scheduler.log.read_text(errors="replace").splitlines()
            raise AssertionError(f"CUPS stopped the queue: {log[-15:]}")
        return False

    return check


@dataclass
class Scheduler:
    socket: Path
    spool: Path
    process: subprocess.Popen[bytes]
    log: Path

    def lpadmin(self, *args: str) -> None:
        subprocess.run(
            ["lpadmin", *args], check=True, env={**os.environ, "CUPS_SERVER": str(self.socket)}
        )


def _start_cupsd(folder: Path) -> Scheduler:
    if os.geteuid() != 0:
        pytest.skip("starting a CUPS scheduler needs root")
    if shutil.which("cupsd") is None or shutil.which("lpstat") is None:
        pytest.skip("cups is not installed")
    for sub in ("root", "spool", "state", "cache", "log"):
        (folder / sub).mkdir(parents=True)
    folder.chmod(0o755)
    folder.parent.chmod(0o755)
    sock = folder / "cups.sock"
    (folder / "root" / "cupsd.conf").write_text(
        f"Listen {sock}\nLogLevel info\nBrowsing Off\nWebInterface No\nPreserveJobFiles Yes\n"
        "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n"
        "</Policy>\n"
    )
    (folder / "root" / "cups-files.conf").write_text(
        f"ServerRoot {folder}/root\nRequestRoot {folder}/spool\nStateDir {folder}/state\n"
        f"CacheDir {folder}/cache\nErrorLog {folder}/log/error_log\n"
        f"AccessLog {folder}/log/access_log\nPageLog {folder}/log/page_log\n"
        "SystemGroup root\nUser lp\nGroup lp\n"
    )
    process = subprocess.Popen(
        ["cupsd", "-f", "-c", f"{folder}/root/cupsd.conf", "-s", f"{folder}/root/cups-files.conf"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "CUPS_SERVER": str(sock), "LC_ALL": "C"}

    def running() -> bool:
        if process.poll() is not None:
            pytest.skip(f"cupsd could not start (exit {process.returncode})")
        out = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=env).stdout
        return "scheduler is running" in out

    wait_for(running, "cupsd to answer", timeout=20)
    return Scheduler(sock, folder / "spool", process, folder / "log" / "error_log")


def _stop(scheduler: Scheduler) -> None:
    scheduler.process.terminate()
    try:
        scheduler.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        scheduler.process.kill()
        scheduler.process.wait()


@pytest.fixture
def cups_folder() -> Iterator[Path]:
    """Not under pytest's tmp_path: that is private to root (0700), and CUPS filters run as the
    user lp, who must reach the spool; a short path also keeps the socket's name legal."""
    folder = Path(tempfile.mkdtemp(prefix="mfa-cups-"))
    yield folder / "cups"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def empty_scheduler(cups_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scheduler]:
    scheduler = _start_cupsd(cups_folder)
    monkeypatch.setenv("CUPS_SERVER", str(scheduler.socket))
    yield scheduler
    _stop(scheduler)


@pytest.fixture
def pdf_printer(cups_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scheduler]:
    if not (CUPS_PDF_PPD.exists() and CUPS_PDF_BACKEND.exists()):
        pytest.skip("printer-driver-cups-pdf is not installed")
    scheduler = _start_cupsd(cups_folder)
    monkeypatch.setenv("CUPS_SERVER", str(scheduler.socket))
    scheduler.lpadmin(
        "-p", "mfa-pdf", "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD), "-o", "PageSize=A4"
    )
    yield scheduler
    _stop(scheduler)


def _cups_pdf_out() -> Path:
    """Where cups-pdf puts a local user's files: ``Out`` of /etc/cups/cups-pdf.conf."""
    home = pwd.getpwuid(os.getuid()).pw_dir
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            if line.startswith("Out "):
                out = line.split(None, 1)[1].strip()
    return Path(out.replace("${HOME}", home))


def _gray(pdf: Path, prefix: Path) -> tuple[int, int, bytes]:
    """Page 1 as 8-bit grey pixels (a PGM from pdftoppm)."""
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "20",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    data = prefix.with_suffix(".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() :]


# --- a real job -----------------------------------------------------------------------------------


def test_printing_reaches_the_pdf_printer(pdf_printer: Scheduler, tmp_path: Path) -> None:
    status = list_printers()
    assert status.can_print and status.names == ["mfa-pdf"]
    assert status.printers[0].accepting and status.printers[0].enabled
    article = sample_article("en")
    out = _cups_pdf_out()
    before = set(out.glob("*.pdf")) if out.exists() else set()
    job = print_article(article, "mfa-pdf")
    assert re.fullmatch(r"mfa-pdf-\d+", job)
    number = job.rsplit("-", 1)[1]
    wait_for(finished(job, pdf_printer), f"job {job} to complete")

    # The job that arrived is the article's PDF (CUPS keeps the document: PreserveJobFiles).
    document = next(pdf_printer.spool.glob(f"d{int(number):05d}-001"))
    text = subprocess.run(
        ["pdftotext", str(document), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert article.title in flat
    assert "Northern Daily: Can you share more details" in flat

    # And cups-pdf wrote it out. Its PDF went through PostScript, which loses the text layer
    # (the glyphs are there, the Unicode is not), so it is compared with ours as an image.
    printed = [p for p in out.glob(f"*job_{number}.pdf") if p not in before]
    assert len(printed) == 1, sorted(out.iterdir())
    try:
        ours = tmp_path / "ours.pdf"
        ours.write_bytes(article_to_pdf(article))
        w1, h1, a = _gray(ours, tmp_path / "a")
        w2, h2, b = _gray(printed[0], tmp_path / "b")
        assert (w1, h1) == (w2, h2)
        ink = sum(1 for px in a if px < 128)
        assert ink > len(a) // 200  # our page is not blank
        differing = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 96)
        assert differing < len(a) // 50, (differing, len(a))
    finally:
        printed[0].unlink()


def test_print_pdf_to_an_unknown_printer_names_the_real_ones(pdf_printer: Scheduler) -> None:
    with pytest.raises(PrintError) as caught:
        print_pdf(Path("/dev/null"), "no-such-printer")
    assert caught.value.reason == "unknown-printer"
    assert "mfa-pdf" in str(caught.value)


def test_the_only_printer_is_used_when_there_is_no_default(
    pdf_printer: Scheduler, tmp_path: Path
) -> None:
    status = list_printers()
    assert status.default is None
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(article_to_pdf(sample_article("ru")))
    out = _cups_pdf_out()
    before = set(out.glob("*.pdf")) if out.exists() else set()
    job = print_pdf(pdf, title="Русский")
    assert job.startswith("mfa-pdf-")
    wait_for(finished(job, pdf_printer), f"job {job} to complete")
    number = job.rsplit("-", 1)[1]
    printed = [p for p in out.glob(f"*job_{number}.pdf") if p not in before]
    assert len(printed) == 1
    printed[0].unlink()


def test_the_print_command_says_its_job_as_json(pdf_printer: Scheduler) -> None:
    import json
    import sys

    from siteserver import FIXTURE_SITE

    page = "eng/xw/fyrbt/lxjzh/202510/t20251016_99001016.html"
    mirror = Path(tempfile.mkdtemp(prefix="mfa-mirror-")) / "www.fmprc.gov.cn"
    (mirror / page).parent.mkdir(parents=True)
    shutil.copy(FIXTURE_SITE / page, mirror / page)

    def mfa(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mfa_reader", *args], capture_output=True, text=True
        )

    out = _cups_pdf_out()
    before = set(out.glob("*.pdf")) if out.exists() else set()
    try:
        assert mfa("import", str(mirror)).returncode == 0
        result = mfa("print", "99001016", "--printer", "mfa-pdf", "--json")
        assert result.returncode == 0, result.stderr
        job = json.loads(result.stdout)
        assert job["printer"] == "mfa-pdf" and job["job"].startswith("mfa-pdf-")
        assert job["url"] == "https://www.fmprc.gov.cn/" + page
        assert "October 16, 2025" in job["title"]
        wait_for(finished(job["job"], pdf_printer), f"job {job['job']} to complete")
    finally:
        shutil.rmtree(mirror.parent, ignore_errors=True)
        for printed in set(out.glob("*.pdf")) - before:
            printed.unlink()


# --- why printing is impossible -------------------------------------------------------------------


def test_no_lp_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without the CUPS client
    status = list_printers()
    assert status.reason == "no-lp" and not status.can_print
    assert "lp and lpstat are not installed" in status.message and "cups-client" in status.message
    assert "PDF instead" in status.message
    with pytest.raises(PrintError, match="not installed") as caught:
        print_article(sample_article("en"))
    assert caught.value.reason == "no-lp"


def test_no_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("lpstat") is None:
        pytest.skip("cups-client is not installed")
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "nobody-listens.sock"))
    status = list_printers()
    assert status.reason == "no-scheduler"
    assert "scheduler (CUPS) is not running" in status.message and "PDF instead" in status.message
    with pytest.raises(PrintError, match="not running") as caught:
        print_pdf(Path("/dev/null"))
    assert caught.value.reason == "no-scheduler"


def test_no_printer(empty_scheduler: Scheduler) -> None:
    status = list_printers()
    assert status.reason == "no-printer"
    assert "no printer" in status.message and "PDF instead" in status.message
    with pytest.raises(PrintError, match="no printer") as caught:
        print_article(sample_article("zh"))
    assert caught.value.reason == "no-printer"
