"""Whether the terminal lays out right-to-left text itself (bidi), told from its environment.

Few terminals do: mlterm, Konsole, and those built on VTE from 0.58 (GNOME Terminal, Tilix…). In
tmux or GNU screen the answer is no, whatever the terminal around them: the multiplexer draws cell
by cell, and the variables it hands on name the terminal it was started from, not the one attached
now.
"""

from __future__ import annotations

from collections.abc import Mapping

from mfa_reader.config import RtlMode

VTE_WITH_BIDI = 5800  # VTE_VERSION of VTE 0.58.0, the first to do bidi


def terminal_does_bidi(env: Mapping[str, str]) -> bool:
    term = env.get("TERM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return False
    if env.get("TERM_PROGRAM") == "tmux":
        return False
    if env.get("MLTERM") or term.startswith("mlterm") or env.get("KONSOLE_VERSION"):
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= VTE_WITH_BIDI


def reader_reorders_rtl(mode: RtlMode, env: Mapping[str, str]) -> bool:
    """Whether the reader joins and reorders right-to-left lines itself: ``rtl = "app"``, or
    ``"auto"`` in a terminal that does no bidi."""
    if mode == "auto":
        return not terminal_does_bidi(env)
    return mode == "app"


def rtl_notice(reader_reorders: bool) -> str:
    """What the first Arabic shown says about the automatic choice, and how to change it."""
    if reader_reorders:
        return (
            "Arabic is joined and reordered by the reader, as this terminal does not lay out "
            "right-to-left text itself. If yours does (mlterm, Konsole, GNOME Terminal), set rtl = "
            '"terminal" in config.toml; ctrl+p switches it for now.'
        )
    return (
        "Arabic is left to this terminal to lay out: it does bidi. If letters show unjoined or "
        'backwards, set rtl = "app" in config.toml; ctrl+p switches it for now.'
    )
