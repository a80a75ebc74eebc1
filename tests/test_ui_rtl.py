"""Arabic that reads: with the default ``rtl = "auto"`` the reader joins and reorders right-to-left
lines itself unless the terminal is one known to do bidi, and says so once."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from mfa_reader.config import Settings
from mfa_reader.ui.terminal_bidi import reader_reorders_rtl, terminal_does_bidi
from snapshot_apps.helpers import sample_app

WIDE = (140, 36)


@pytest.mark.parametrize(
    ("env", "does_bidi"),
    [
        ({"TERM": "xterm-256color"}, False),  # xterm, kitty, Alacritty, Windows Terminal…
        ({"TERM": "xterm-kitty"}, False),
        ({"TERM": "mlterm"}, True),
        ({"TERM": "xterm", "MLTERM": "3.9.3"}, True),
        ({"TERM": "xterm-256color", "KONSOLE_VERSION": "230805"}, True),
        ({"TERM": "xterm-256color", "VTE_VERSION": "7600"}, True),  # GNOME Terminal on VTE 0.76
        ({"TERM": "xterm-256color", "VTE_VERSION": "5800"}, True),
        ({"TERM": "xterm-256color", "VTE_VERSION": "5202"}, False),  # VTE 0.52: no bidi yet
        ({"TERM": "xterm-256color", "VTE_VERSION": "junk"}, False),
        # In tmux or screen, the variables name the terminal they were started from.
        ({"TERM": "tmux-256color", "VTE_VERSION": "7600", "TMUX": "/tmp/t,1,0"}, False),
        ({"TERM": "screen", "KONSOLE_VERSION": "230805"}, False),
        ({"TERM": "xterm-256color", "STY": "1.pts-0", "KONSOLE_VERSION": "230805"}, False),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "tmux", "VTE_VERSION": "7600"}, False),
    ],
)
def test_the_terminal_is_told_from_its_environment(env: dict[str, str], does_bidi: bool) -> None:
    assert terminal_does_bidi(env) is does_bidi
    assert reader_reorders_rtl("auto", env) is not does_bidi
    assert reader_reorders_rtl("app", env) and not reader_reorders_rtl("terminal", env)


def _has_presentation_forms(line: str) -> bool:
    return any(
        "ARABIC" in unicodedata.name(c, "") and "FORM" in unicodedata.name(c, "") for c in line
    )


@pytest.mark.asyncio
async def test_by_default_arabic_is_joined_and_a_notice_says_how_to_change_it_once(
    tmp_path: Path,
) -> None:
    assert Settings().rtl == "auto"
    app = sample_app(tmp_path)  # English first: nothing to say yet
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not app._notifications  # type: ignore[attr-defined]
        await pilot.press("j", "enter", "t", "down", "enter")  # the article in Arabic
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.edition == "ar"
        assert _has_presentation_forms(reader.plain_lines()[0])
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        notices = [m for m in messages if 'rtl = "terminal"' in m]
        assert len(notices) == 1 and "config.toml" in notices[0]
    app = sample_app(tmp_path, edition="ar")  # the next run: said already
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert _has_presentation_forms(app.library.reader.plain_lines()[0])
        assert not app._notifications  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_a_terminal_with_bidi_gets_logical_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KONSOLE_VERSION", "230805")
    app = sample_app(tmp_path, edition="ar")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        title = app.library.reader.plain_lines()[0]
        assert "المؤتمر الصحفي" in title and not _has_presentation_forms(title)
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any('rtl = "app"' in m for m in messages)


@pytest.mark.asyncio
async def test_a_chosen_mode_is_not_explained(tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="app")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert _has_presentation_forms(app.library.reader.plain_lines()[0])
        assert not app._notifications  # type: ignore[attr-defined]
