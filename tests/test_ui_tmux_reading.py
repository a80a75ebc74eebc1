"""The installed reader in tmux with default settings: Arabic shown joined and in visual order, and
a word found near the end of a long article brought on screen, marked."""

from __future__ import annotations

import re
import unicodedata

from mfa_reader.ui.text import visual_order
from test_ui_tmux import Tmux, pytestmark, tmux  # noqa: F401 - the fixture and the skip mark

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def test_arabic_is_joined_and_in_visual_order_by_default_in_tmux(tmux: Tmux) -> None:  # noqa: F811
    tmux.wait_for("33 articles")
    tmux.keys("j", "Enter")
    tmux.wait_for("Reuters: Can you confirm")
    tmux.keys("t")
    tmux.wait_for("This article in")
    tmux.keys("Down", "Enter")  # the second offered: عربي
    screen = tmux.wait_for(visual_order("المؤتمر الصحفي"))
    forms = [
        c
        for c in screen
        if "ARABIC" in unicodedata.name(c, "") and "FORM" in unicodedata.name(c, "")
    ]
    assert len(forms) > 100  # joined: presentation forms on screen
    assert "المؤتمر" not in screen  # no word left in logical order, unjoined


def test_a_word_near_the_end_is_found_on_screen_and_marked(tmux: Tmux) -> None:  # noqa: F811
    tmux.wait_for("33 articles")
    tmux.keys("j", "Enter")
    screen = tmux.wait_for("Reuters: Can you confirm")
    assert "number 12" not in screen  # the last question is far below
    tmux.keys("/", "1", "2", "Enter")  # typed at once: nothing is lost while the bar opens
    screen = tmux.wait_for("1 of 2")
    assert "number 12" in screen
    colored = tmux.run("capture-pane", "-p", "-e", "-t", "reader").stdout
    line = next(row for row in colored.splitlines() if "number 12" in _SGR.sub("", row))
    before = line.partition("12")[0]
    marked = _SGR.findall(before)[-1]  # the style the word is painted in
    plain = _SGR.findall(line.partition("number")[0])[-1]
    assert marked != plain, line  # painted apart from the text around it
