"""What the reader remembers between runs: one small JSON file beside the cache.

Each part of the reader keeps its own keys in it (the place shown last, the folder of the last
export, the one-time notices shown); a write keeps the keys it does not name. Remembering is a
convenience: a file that cannot be read counts as empty, and one that cannot be written is left
as it was.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

STATE_FILE = "reader-state.json"  # beside the cache


def state_file(cache_path: str | Path) -> Path:
    return Path(cache_path).with_name(STATE_FILE)


def recall(cache_path: str | Path) -> dict[str, Any]:
    """Everything remembered, or nothing when the file is missing or unreadable."""
    try:
        state = json.loads(state_file(cache_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def remember(cache_path: str | Path, values: Mapping[str, Any]) -> None:
    """Keep ``values`` (JSON values) beside what else is remembered."""
    state = {**recall(cache_path), **values}
    with contextlib.suppress(OSError):
        state_file(cache_path).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def notice_shown(name: str, cache_path: str | Path) -> bool:
    """Whether the one-time notice ``name`` was shown in an earlier run."""
    shown = recall(cache_path).get("notices_shown")
    return isinstance(shown, list) and name in shown


def remember_notice(name: str, cache_path: str | Path) -> None:
    shown = recall(cache_path).get("notices_shown")
    names = [n for n in shown if isinstance(n, str)] if isinstance(shown, list) else []
    if name not in names:
        remember(cache_path, {"notices_shown": [*names, name]})
