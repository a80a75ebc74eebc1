"""Keys a newcomer can find: the footer at 80×24, export from the list, a keymap that would steal
a key, history, questions, mark all read and other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from snapshot_apps.helpers import sample_app, screen_text

pytestmark = pytest.mark.asyncio

SMALL = (80, 24)
WIDE = (140, 36)


def _footer(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


@pytest.mark.parametrize("edition", ["en", "zh", "ar"])
async def test_at_80x24_the_footer_always_shows_help_and_quit(tmp_path: Path, edition: str) -> None:
    app = sample_app(tmp_path, edition=edition)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        footer = _footer(app)
        assert footer.startswith(" ? Help  q Quit"), footer
        await pilot.press("enter")  # an article open: more keys apply, lesser ones give way
        await pilot.pause()
        footer = _footer(app)
        assert footer.startswith(" ? Help  q Quit"), footer
        assert "^p palette" in footer
        await pilot.resize_terminal(140, 36)  # room again: the lesser keys come back
        await pilot.pause()
        assert "Refresh" in _footer(app) and "Star" in _footer(app)
