"""The installed reader in a real terminal: tmux runs it against a filled cache, keys go in with
``send-keys``, the screen comes back with ``capture-pane``. Polling the pane (with a deadline) is
waiting on another process, not sleeping on work of our own."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from snapshot_apps.helpers import CLOSED_ORIGIN
from snapshot_apps.sample_cache import fill_cache

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _command() -> list[str]:
    """``mfa-reader`` with no arguments, from this checkout (the tests put src/ on PYTHONPATH)."""
    return [sys.executable, "-m", "mfa_reader"]


class Tmux:
    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
        )

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "reader").stdout

    def wait_for(self, text: str, deadline: float = 15.0) -> str:
        end = time.monotonic() + deadline
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)  # polling another process's terminal, bounded by the deadline
        raise AssertionError(f"{text!r} did not appear within {deadline}s; the screen:\n{screen}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", "reader", check=False).returncode == 0

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "reader", *keys)


def _start(tmp_path: Path, width: int, height: int) -> Tmux:
    """The reader in a tmux session of ``width`` × ``height`` on the sample cache."""
    cache = tmp_path / "cache.sqlite3"
    fill_cache(cache).close()
    config = tmp_path / "config.toml"
    config.write_text('refresh = "never"\n', encoding="utf-8")
    env = {
        "MFA_READER_CACHE": str(cache),
        "MFA_READER_CONFIG": str(config),
        "MFA_READER_ORIGIN": CLOSED_ORIGIN,
        "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT / "src")),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(tmp_path),
        # Programs started from the test process inherit COLUMNS=80 and LINES=24, and the
        # reader (shutil.get_terminal_size) believes them over the pane: empty, they are not.
        "COLUMNS": "",
        "LINES": "",
    }
    session = Tmux(tmp_path / "tmux.sock")
    command = " ".join(shlex.quote(part) for part in _command())
    args = ["new-session", "-d", "-s", "reader", "-x", str(width), "-y", str(height)]
    for name, value in env.items():
        args += ["-e", f"{name}={value}"]
    session.run(*args, command)
    session.run("set-option", "-t", "reader", "status", "off")
    session.run("resize-window", "-t", "reader", "-x", str(width), "-y", str(height))
    return session


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = _start(tmp_path, 120, 36)
    try:
        yield session
    finally:
        session.run("kill-server", check=False)


def test_reader_in_a_real_terminal(tmux: Tmux) -> None:
    screen = tmux.wait_for("33 articles")
    assert "English · Regular Press Conferences" in screen
    assert "2025-10-17  Foreign Ministry Spokesperson Lin Jian" in screen
    tmux.keys("j", "Enter")
    screen = tmux.wait_for("Reuters: Can you confirm")
    assert "▣ Image: The spokesperson at the podium" in screen
    tmux.keys("n")
    screen = tmux.wait_for("[bold]Not bold[/] and [@click=app.quit]not a link[/]")
    tmux.keys("L")
    tmux.wait_for("简体中文")
    tmux.keys("Down", "Enter")
    tmux.wait_for("2025年10月17日外交部发言人林剑主持例行记者会")
    tmux.keys("q")
    end = time.monotonic() + 10
    while tmux.alive() and time.monotonic() < end:
        time.sleep(0.05)
    assert not tmux.alive(), "q did not quit the reader"


def test_beside_an_article_the_first_rows_can_be_told_apart(tmp_path: Path) -> None:
    session = _start(tmp_path, 120, 40)
    try:
        session.wait_for("33 articles")
        session.keys("j", "Enter")
        screen = session.wait_for("Reuters: Can you confirm")
        rows = [line.split("▏")[0] for line in screen.splitlines()[1:6]]
        assert all("2025-10-1" in row for row in rows), rows
        titles = [row.split("  ", 2)[-1].strip() for row in rows]  # after the marks and date
        assert len(set(titles)) == 5, titles
        assert "Lin Jian" in titles and "Mao Ning" in titles and "Guo Jiakun" in titles
    finally:
        session.run("kill-server", check=False)


def test_at_80x24_the_footer_shows_help_and_quit(tmp_path: Path) -> None:
    session = _start(tmp_path, 80, 24)
    try:
        screen = session.wait_for("33 articles")
        footer = screen.splitlines()[-1]
        assert footer.startswith(" ? Help  q Quit"), footer
        session.keys("j", "Enter")
        screen = session.wait_for("Reuters: Can you confirm")
        assert screen.splitlines()[-1].startswith(" ? Help  q Quit")
    finally:
        session.run("kill-server", check=False)
