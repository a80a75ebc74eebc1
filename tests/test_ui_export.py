"""The export and print dialogs of the reader, over the export package: real files, real lpstat."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from snapshot_apps.helpers import sample_app, screen_text

pytestmark = pytest.mark.asyncio

SIZE = (140, 36)


async def _open_article_and_export(tmp_path: Path, folder: Path, *keys: str) -> str:
    app = sample_app(tmp_path, export_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e")
        await pilot.pause()
        assert "Export" in screen_text(app) and "Plain text" in screen_text(app)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        return screen_text(app)


async def test_export_plain_text_to_the_settings_folder(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    await _open_article_and_export(tmp_path, folder, "down", "enter")
    files = list(folder.glob("*.txt"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    assert "Foreign Ministry Spokesperson Lin Jian" in text
    assert "Reuters: Can you confirm the dates" in text


async def test_export_refuses_to_overwrite_and_says_how(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    await _open_article_and_export(tmp_path / "a", folder, "down", "down", "enter")
    screen = await _open_article_and_export(tmp_path / "b", folder, "down", "down", "enter")
    assert "Replace" in screen
    assert len(list(folder.glob("*.md"))) == 1


@pytest.mark.skipif(shutil.which("lpstat") is None, reason="CUPS client tools are not installed")
async def test_print_dialog_says_why_it_cannot_print_or_lists_printers(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "P")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Print" in text
        assert "Printing is not possible" in text or "enter prints" in text
