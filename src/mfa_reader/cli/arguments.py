"""The values given on the command line, read as what they mean or refused as a usage error.

The ``*_arg`` functions are argparse types: a bad value makes argparse say so, naming the option,
the value and the form expected, and exit 2, in every command alike.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

from mfa_reader.cli.common import UserError

MAX_LIMIT = 1_000_000
MAX_PAGES = 100_000
MAX_WRAP = 1_000
MAX_DAYS = 36_500
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _whole_number(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from {low} to {high:,}, not {text!r}"
        )
    return value


def limit_arg(text: str) -> int:
    return _whole_number(text, 1, MAX_LIMIT)


def pages_arg(text: str) -> int:
    return _whole_number(text, 1, MAX_PAGES)


def days_arg(text: str) -> int:
    return _whole_number(text, 0, MAX_DAYS)


def version_arg(text: str) -> int:
    return _whole_number(text, 1, MAX_LIMIT)


def wrap_arg(text: str) -> int:
    from mfa_reader.export.text import MIN_WRAP

    return _whole_number(text, MIN_WRAP, MAX_WRAP)


def day_arg(text: str) -> date:
    """A day as YYYY-MM-DD (compared as a date: 2025-1-5 would sort after 2025-01-31 as text)."""
    try:
        if _DAY.fullmatch(text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        f"must be a day written YYYY-MM-DD, such as 2025-01-05, not {text!r}"
    )


def editions_arg(value: str) -> list[str]:
    """Editions to work on: ``en``, ``en,zh``, or ``all``."""
    from mfa_reader.editions import EDITION_CODES

    if value.strip() == "all":
        return list(EDITION_CODES)
    codes = list(dict.fromkeys(c.strip() for c in value.split(",") if c.strip()))
    if not codes:
        raise UserError(
            f"no edition in --edition {value!r}; give codes such as en,zh "
            f"({', '.join(EDITION_CODES)}) or all"
        )
    unknown = [c for c in codes if c not in EDITION_CODES]
    if unknown:
        raise UserError(
            f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITION_CODES)} or 'all'"
        )
    return codes


def edition_arg(text: str) -> str:
    """One edition's code: ``zh``."""
    from mfa_reader.editions import EDITION_CODES

    code = text.strip()
    if code not in EDITION_CODES:
        raise argparse.ArgumentTypeError(
            f"must be one edition, {', '.join(EDITION_CODES)}, not {text!r}"
        )
    return code


def edition_filter(value: str | None) -> list[str] | None:
    """The editions a listing is limited to (``en``, ``en,zh``), or None for all of them."""
    if value is None or value.strip() == "all":
        return None
    return editions_arg(value)


def check_section(editions: list[str] | None, section: str | None) -> None:
    """A usage error unless ``section`` is a section of (one of) the editions."""
    from mfa_reader.editions import section as find_section
    from mfa_reader.editions import sections

    if section is None:
        return
    if editions is None:
        if not any(s.id == section for s in sections()):
            raise UserError(f"no edition has a section {section!r}; see `mfa-reader sections`")
        return
    for code in editions:
        try:
            find_section(code, section)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
