"""Fixtures shared by every test: a clean settings environment and the test site server."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if str(SRC) not in sys.path:  # the package may not be installed in the venv
    sys.path.insert(0, str(SRC))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from siteserver import FIXTURE_SITE, SiteServer  # noqa: E402

# Every test fails when the parser's catch-all hides an unexpected error in it (parser_guard.py);
# pytester runs the test that shows it.
pytest_plugins = ("parser_guard", "pytester")


@pytest.fixture(autouse=True)
def _keep_the_developers_files_out(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own settings file, cache file and platform folders.

    The developer's own ``config.toml`` and cache are never read or written by a test; the
    ``MFA_READER_*`` variables of the developer's shell are removed.
    """
    home = tmp_path_factory.mktemp("home")
    for name in list(os.environ):
        if name.startswith("MFA_READER_"):
            monkeypatch.delenv(name)
    # rtl = "auto" reads the terminal from these: every test sees a terminal without bidi.
    for name in ("TMUX", "STY", "TERM_PROGRAM", "VTE_VERSION", "KONSOLE_VERSION", "MLTERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DOCUMENTS_DIR", "documents"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    config = home / "config.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("MFA_READER_CONFIG", str(config))
    monkeypatch.setenv("MFA_READER_CACHE", str(home / "cache.sqlite3"))
    # Subprocesses (the CLI, a sync killed mid-run) import the package from the checkout.
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", str(SRC) + (os.pathsep + path if path else ""))
    yield home


@pytest.fixture(scope="session")
def _site_server_session() -> Iterator[SiteServer]:
    server = SiteServer(FIXTURE_SITE).start()
    yield server
    server.stop()


@pytest.fixture
def site_server(_site_server_session: SiteServer) -> Iterator[SiteServer]:
    """The fixture site on a real socket on 127.0.0.1; faults and counts are reset per test.

    ``site_server.origin`` is what to give the fetcher as ``origin``; ``site_server.fault(path,
    kind, …)``, ``latency``, ``put(path, body)``, ``root``, ``count(path)`` and ``requests`` shape
    and observe it (see tests/siteserver.py).
    """
    _site_server_session.reset()
    yield _site_server_session
    _site_server_session.reset()
