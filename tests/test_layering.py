"""The core never drags in the screen: textual only in ui/, rich only in ui/ and cli/."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_search_and_list_load_only_what_they_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a command does not use is not imported: each module costs the whole command time."""
    monkeypatch.delenv("MFA_READER_CONFIG")  # a user's usual setup: no settings file
    code = (
        "import json, sys\n"
        "from mfa_reader.cli import main\n"
        "main(sys.argv[1:])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    for command in (["search", "visit", "--json"], ["list", "--json"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True
        )
        loaded = set(json.loads(done.stdout.splitlines()[-1]))
        assert "mfa_reader.cache" in loaded  # it did run
        unused = {
            "logging",  # nothing logs
            "tomllib",  # no settings file
            "hashlib",  # only storing an article hashes it
            "httpx",
            "mfa_reader.cli.exporting",
            "mfa_reader.cli.syncing",
            "mfa_reader.report",
            "mfa_reader.export",
        }
        assert unused & loaded == set(), command


# --- inside ui/: the app is above its screens and widgets, never below them -----------------------

UI = PACKAGE / "ui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def imported_modules(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module that ``source`` (the text of ``module``) imports anywhere: at the top, in a
    function body, under ``if TYPE_CHECKING``, or by name through ``import_module("…")``."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_the_import_reader_sees_every_way_in() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from mfa_reader.ui.app import ReaderApp\n"
        "def later():\n"
        "    from ..app import run_reader\n"
        "    from .. import app\n"
        "    import mfa_reader.ui.app\n"
        "    return import_module('mfa_reader.ui.app')\n"
    )
    found = imported_modules(source, "mfa_reader.ui.screens.library")
    assert "mfa_reader.ui.app" in found
    for line in source.splitlines()[2:]:
        if "app" in line:
            alone = imported_modules(f"def f():\n{line}\n", "mfa_reader.ui.screens.library")
            assert "mfa_reader.ui.app" in alone, line


def test_screens_and_widgets_never_import_the_app() -> None:
    modules = sorted([*(UI / "screens").rglob("*.py"), *(UI / "widgets").rglob("*.py")])
    assert any(p.name == "library.py" for p in modules)
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in modules
        if "mfa_reader.ui.app"
        in imported_modules(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            is_package=path.name == "__init__.py",
        )
    ]
    assert offenders == []


def test_ui_modules_import_each_other_in_one_direction() -> None:
    paths = {_module_name(p): p for p in UI.rglob("*.py")}
    graph = {
        name: {
            m
            for m in imported_modules(
                path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
            )
            if m in paths and m != name
        }
        for name, path in paths.items()
    }
    assert "mfa_reader.ui.screens.library" in graph["mfa_reader.ui.app"]

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for following in sorted(graph[path[-1]]):
            if following == start:
                return [*path, start]
            if following not in path:
                found = cycle_from(start, [*path, following])
                if found:
                    return found
        return None

    cycles = [c for name in sorted(graph) if (c := cycle_from(name, [name]))]
    assert cycles == []
