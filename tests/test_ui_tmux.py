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


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
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
    }
    session = Tmux(tmp_path / "tmux.sock")
    command = " ".join(shlex.quote(part) for part in _command())
    args = ["new-session", "-d", "-s", "reader", "-x", "120", "-y", "36"]
    for name, value in env.items():
        args += ["-e", f"{name}={value}"]
    session.run(*args, command)
    session.run("set-option", "-t", "reader", "status", "off")
    session.run("resize-window", "-t", "reader", "-x", "120", "-y", "36")
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
