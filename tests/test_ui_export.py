"""The export and print dialogs of the reader, over the export package: real files, real lpstat."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from mfa_reader.ui.app import ReaderApp
from siteserver import FIXTURE_SITE
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


async def test_export_asks_before_replacing_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    await _open_article_and_export(tmp_path / "a", folder, "down", "down", "enter")
    [markdown] = folder.glob("*.md")
    markdown.write_text("the user's own notes", encoding="utf-8")
    app = sample_app(tmp_path / "b", export_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e", "down", "down", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        asked = " ".join(screen_text(app).split())
        assert "Replace?" in asked and markdown.name[:40] in asked
        assert "--force" not in asked  # the command line's words, not the reader's
        await pilot.press("n")
        await pilot.pause()
        kept = " ".join(screen_text(app).split())
        assert "is kept" in kept and "Replace?" not in kept
        assert markdown.read_text(encoding="utf-8") == "the user's own notes"
        await pilot.press("enter")  # the formats list has the focus again: Markdown once more
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Replace?" in screen_text(app)
        await pilot.press("y")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Replace?" not in screen_text(app) and "Plain text" not in screen_text(app)
    assert "Foreign Ministry Spokesperson Lin Jian" in markdown.read_text(encoding="utf-8")
    assert list(folder.glob("*.md")) == [markdown]


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


def folder_offered(app: ReaderApp) -> str:
    """The export dialog's folder field (a long path is wider than the field on screen)."""
    return app.screen.query_one("#export-folder", Input).value


async def test_the_dialog_offers_the_last_folder_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    setting = tmp_path / "exports"
    chosen = tmp_path / "notes"
    app = sample_app(tmp_path, export_dir=setting)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e")
        await pilot.pause()
        assert folder_offered(app) == str(setting)  # the setting, the first time
        await pilot.press("down", "tab", "ctrl+u", *"~/notes", "enter")  # text, into a folder
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert len(list(chosen.glob("*.txt"))) == 1 and not setting.exists()

    again = sample_app(tmp_path, export_dir=setting)  # the next run, on the same cache
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e")
        await pilot.pause()
        assert folder_offered(again) == str(chosen)
    elsewhere = tmp_path / "new-setting"
    changed = sample_app(tmp_path, export_dir=elsewhere)  # a changed setting is the newer word
    async with changed.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e")
        await pilot.pause()
        assert folder_offered(changed) == str(elsewhere)


async def test_a_pdf_from_the_dialog_holds_the_images_kept_before(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from mfa_reader.article_images import KeptImages
    from snapshot_apps.sample_cache import EN_URL

    folder = tmp_path / "exports"
    app = sample_app(tmp_path, export_dir=folder)  # its site cannot be reached
    article = app.cache.article(EN_URL)
    assert article is not None and article.images[0].src
    kept = (FIXTURE_SITE / "eng/xw/fyrbt/lxjzh/202510/W020251017990010170001.jpg").read_bytes()
    KeptImages().put(article.images[0].src, kept)  # as an earlier export left it
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e", "enter")  # PDF, the first format
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    [pdf] = folder.glob("*.pdf")
    assert sum(len(page.images) for page in PdfReader(pdf).pages) == 1


async def test_a_pdf_from_the_dialog_offline_notes_the_image(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "exports"
    app = sample_app(tmp_path, export_dir=folder)  # its site cannot be reached; nothing kept
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "e", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    [pdf] = folder.glob("*.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Image not included" in " ".join(text.split())
