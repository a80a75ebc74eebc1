"""Every key is declared once, in mfa_reader.ui.bindings: the screens and widgets, the help screen,
the command palette and the keymap check all take their bindings from there."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from mfa_reader.ui import bindings
from snapshot_apps.helpers import sample_app
from snapshot_apps.sample_cache import EN_URL

UI = Path(bindings.__file__).parent
WIDE = (140, 36)


def _ui_classes_with_bindings() -> list[type[DOMNode]]:
    import mfa_reader.ui

    owners = []
    for info in pkgutil.walk_packages(mfa_reader.ui.__path__, "mfa_reader.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            own = cls.__module__ == module.__name__ and "BINDINGS" in vars(cls)
            if own and issubclass(cls, DOMNode):
                owners.append(cls)
    return owners


def test_every_binding_has_an_id_and_the_keymap_knows_them_all() -> None:
    owners = _ui_classes_with_bindings()
    names = {cls.__name__ for cls in owners}
    assert {"ReaderApp", "LibraryScreen", "ArticleView", "ArticleList", "PickerScreen"} <= names
    assert {"SearchScreen", "HelpScreen", "ExportScreen", "PrintScreen"} <= names
    ids: set[str] = set()
    for owner in owners:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (owner, binding)
            ids.add(binding.id)
    assert bindings.binding_ids() == ids


def test_every_screen_and_widget_takes_its_keys_from_the_bindings_module() -> None:
    declared = {id(b) for b in bindings.EVERY_BINDING}
    for owner in _ui_classes_with_bindings():
        for binding in owner.BINDINGS:
            assert id(binding) in declared, (owner, binding)
    # No key is made anywhere else in ui/.
    for path in sorted(UI.rglob("*.py")):
        if path.name == "bindings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                assert name != "Binding", f"{path.relative_to(UI)}:{node.lineno} makes a Binding"


def test_the_keymap_rejects_an_unknown_binding_id_naming_it() -> None:
    assert bindings.check_keymap({"star": "x", "next_article": "n,J"}) == {
        "star": "x",
        "next_article": "n,J",
    }
    with pytest.raises(bindings.UnknownBindingError, match="no_such_binding") as caught:
        bindings.check_keymap({"star": "x", "no_such_binding": "z"})
    assert caught.value.unknown == ["no_such_binding"]
    assert "star" not in caught.value.unknown
    assert "next_article" in str(caught.value)  # the ids there are, to choose from


@pytest.mark.asyncio
async def test_help_lists_the_keys_of_the_bindings_module(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("#help").source  # type: ignore[attr-defined]
    listed = re.findall(r"^- .* — id `([^`]*)`$", help_text, flags=re.MULTILINE)
    in_help = [b.id for _, keys in bindings.HELP_SECTIONS for b in keys]
    assert listed == in_help
    assert set(listed) <= bindings.binding_ids()
    for title, _ in bindings.HELP_SECTIONS:
        assert f"## {title}" in help_text


@pytest.mark.asyncio
async def test_the_palette_offers_the_actions_of_the_bindings_module(tmp_path: Path) -> None:
    from mfa_reader.ui.commands import ReaderCommands

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")  # the reader pane is there: its keys are offered too
        await pilot.pause()
        provider = ReaderCommands(app.screen)
        offered = {name for name, _, _ in provider._commands()}
    keyed = {name.rpartition("  (")[0] for name in offered if name.endswith(")") and "  (" in name}
    descriptions = {
        b.description
        for keys in (bindings.LIBRARY, bindings.ARTICLE, bindings.APP)
        for b in keys
        if b.description and b.id not in bindings.NOT_IN_PALETTE
    }
    assert keyed == descriptions
    assert "Edition: 简体中文 (Chinese)" in offered


@pytest.mark.asyncio
async def test_a_keymap_with_an_unknown_id_is_reported_and_the_rest_applied(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path, keymap={"no_such_binding": "z", "star": "x"})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("no_such_binding" in m and "do not exist" in m for m in messages), messages
        await pilot.press("j", "x")
        await pilot.pause()
        assert app.cache.entry(EN_URL).starred  # type: ignore[union-attr]


def test_a_keymap_that_takes_a_key_already_bound_is_refused_naming_both() -> None:
    with pytest.raises(bindings.KeyTakenError) as caught:
        bindings.check_keys_free({"star": "S", "next_article": "n,J"})
    assert caught.value.refused == ["star"]
    message = str(caught.value)
    assert 'star = "S"' in message and "section" in message
    # A key moved away is free; keys of bindings never in force together do not meet.
    bindings.check_keys_free({"star": "S", "section": "z"})
    bindings.check_keys_free({"star": "x", "next_article": "n,J"})
    bindings.check_keys_free({"close_search": "q"})  # the search dialog has no q of its own
    with pytest.raises(bindings.KeyTakenError, match="scroll_down"):
        bindings.check_keys_free({"search": "j"})  # j scrolls the article under the reader's keys
    with pytest.raises(bindings.KeyTakenError, match="help"):
        bindings.check_keys_free({"refresh": "?"})  # "?" is question_mark


def test_the_keymap_examples_steal_no_key() -> None:
    import tomllib

    docs = [Path(__file__).parents[1] / "README.md", UI / "help.md"]
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in docs)
    inline = re.findall(r"`keymap = (\{[^`]*\})`", text)
    examples = inline + re.findall(r"^keymap = (\{.*\})$", text, re.MULTILINE)  # and in a file
    assert len(examples) == 3
    for example in examples:
        bindings.check_keys_free(tomllib.loads(f"keymap = {example}")["keymap"])


@pytest.mark.asyncio
async def test_a_keymap_stealing_a_key_is_reported_and_both_keys_keep_their_meaning(
    tmp_path: Path,
) -> None:
    from mfa_reader.ui.screens.pickers import PickerScreen

    app = sample_app(tmp_path, keymap={"star": "S"})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any('star = "S"' in m and "section" in m for m in messages), messages
        await pilot.press("j", "s")  # s still stars
        await pilot.pause()
        assert app.cache.entry(EN_URL).starred  # type: ignore[union-attr]
        await pilot.press("S")  # and S still chooses the section
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
