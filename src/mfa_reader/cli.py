"""The ``mfa-reader`` command: the reader with no arguments, sub-commands for scripted work.

Each sub-command is a ``cmd_*`` function taking the parsed arguments and returning the exit code;
``build_parser`` registers them. Exit codes: 0 success, 1 partial failure, 2 usage error,
3 removed page, 4 page that cannot be parsed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mfa_reader.model import Listing

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_REMOVED = 3
EXIT_UNPARSABLE = 4


def _error(message: str) -> None:
    print(f"mfa-reader: {message}", file=sys.stderr)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --- parse ----------------------------------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    from mfa_reader.export.text import article_to_text
    from mfa_reader.model import Article
    from mfa_reader.parser import ParseError, RemovedPage, parse_page

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        _error(f"cannot read {path}: {exc.strerror or exc}")
        return EXIT_USAGE
    try:
        result = parse_page(data, args.url)
    except RemovedPage as exc:
        _error(f"{path}: {exc} (the site answers removed pages with a maintenance page)")
        return EXIT_REMOVED
    except ParseError as exc:
        _error(f"{path}: cannot be read as a page of the ministry's site: {exc}")
        return EXIT_UNPARSABLE
    if args.json:
        _print_json(result.to_dict())
    elif isinstance(result, Article):
        sys.stdout.write(article_to_text(result))
    else:
        sys.stdout.write(_listing_text(result))
    return EXIT_OK


def _listing_text(listing: Listing) -> str:
    pages = f"{listing.page_count} pages" if listing.page_count else "page count not given"
    lines = [f"{listing.url} ({len(listing.items)} entries, {pages})", ""]
    for item in listing.items:
        day = item.date.isoformat() if item.date else "          "
        lines.append(f"{day}  {item.title}")
        lines.append(f"            {item.url}")
    return "\n".join(lines) + "\n"


# --- the parser of the command line ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mfa-reader",
        description="Read the press releases of China's Ministry of Foreign Affairs. "
        "With no command, opens the reader.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--origin", help="fetch from this origin instead of the site (a mirror)")
    common.add_argument("--cache", type=Path, help="the cache file to use")
    common.add_argument("--config", type=Path, help="the settings file to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "parse",
        parents=[common],
        help="parse a saved page of the site and print what it holds",
        description="Parse a saved list or article page. Exit 3 for a removed page, "
        "4 for a page that cannot be parsed.",
    )
    p.add_argument("file", metavar="FILE", help="a saved HTML page")
    p.add_argument("--url", help="the page's address, when the file does not carry it")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        _error("the reader is not available yet; see `mfa-reader --help` for the commands")
        return EXIT_USAGE
    try:
        code: int = func(args)
    except KeyboardInterrupt:
        _error("interrupted; what was finished is kept")
        return 130
    return code
