"""The core never drags in the screen: textual only in ui/, rich only in ui/ and cli/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mfa_reader"


def _modules(*, include_cli: bool) -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts
        if "ui" in parts or parts[-1] == "__main__":
            continue
        if "cli" in parts and not include_cli:
            continue
        names.append(".".join(p for p in parts if p != "__init__"))
    return names


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_core_imports_neither_textual_nor_rich() -> None:
    modules = _modules(include_cli=False)
    assert "mfa_reader.parser" in modules and "mfa_reader.model" in modules
    loaded = _loaded_after_import(modules)
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_command_line_does_not_import_textual() -> None:
    loaded = _loaded_after_import(["mfa_reader.cli"])
    assert "textual" not in loaded
