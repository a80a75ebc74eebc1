"""Where mfa-reader's log goes: stderr with ``--verbose``, a file with the ``log_file`` setting.

Nothing is logged anywhere unless one of them is asked for. Every module logs under
``mfa_reader.*``: each request at INFO, details (retries, addresses dropped from a page, what a
broad ``except`` caught, with its trace) at DEBUG or WARNING. The command line imports this module
before running a command that logs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = logging.getLogger("mfa_reader")
# Without a handler, Python would print warnings and their traces on stderr, over the reader's
# screen.
ROOT.addHandler(logging.NullHandler())


def log_to_stderr(verbosity: int) -> None:
    """``--verbose`` once: what is done (requests, failures); twice: every detail."""
    if verbosity <= 0:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)
    handler.setFormatter(logging.Formatter("mfa-reader: %(levelname)s %(name)s: %(message)s"))
    _add(handler)


def log_to_file(path: Path) -> str | None:
    """Everything, to ``path`` (appended); a message for the user when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        return f"cannot write the log to {path} ({exc.strerror or exc}); going on without it"
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _add(handler)
    return None


def _add(handler: logging.Handler) -> None:
    ROOT.addHandler(handler)
    level = min(h.level for h in ROOT.handlers if h.level)
    ROOT.setLevel(level)
