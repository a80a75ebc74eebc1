"""The ``mfa-reader`` command: the reader with no arguments, sub-commands for scripted work.

Each sub-command is a ``cmd_*`` function taking the parsed arguments and returning the exit code
(see ``common`` for the codes); ``build_parser`` registers them. Heavy modules (the parser, the
cache, httpx, the export, Textual) load only in the command that needs them, so
``mfa-reader --help`` and the scripts stay quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mfa_reader.cli.arguments import day_arg, limit_arg, pages_arg, wrap_arg
from mfa_reader.cli.common import EXIT_PARTIAL, UserError, load_settings, say
from mfa_reader.cli.exporting import STDOUT, cmd_export, cmd_print
from mfa_reader.cli.reading import (
    cmd_editions,
    cmd_list,
    cmd_parse,
    cmd_search,
    cmd_sections,
    cmd_show,
)
from mfa_reader.cli.syncing import cmd_import, cmd_sync

EDITIONS_HELP = "en, zh, fr, es, ru, ar; several as en,zh; or all"


def cmd_reader(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    from mfa_reader.ui.app import run_reader

    return run_reader(settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mfa-reader",
        description="Read the press releases of China's Ministry of Foreign Affairs. "
        "With no command, opens the reader.",
    )

    def add_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--origin", help="fetch from this origin instead of the site (a mirror)")
        p.add_argument("--cache", help="the cache file to use")
        p.add_argument("--config", type=Path, help="the settings file to use")
        p.add_argument(
            "-v",
            "--verbose",
            action="count",
            help="log the requests made to stderr; twice, every detail (the reader logs only "
            "to the log_file setting)",
        )

    # Global options work before or after the command; SUPPRESS keeps the sub-command's copy from
    # erasing a value given before the command.
    add_common(parser)
    shared = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    add_common(shared)
    parser.set_defaults(func=cmd_reader)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str, **kw: Any) -> Any:
        p = sub.add_parser(name, parents=[shared], help=help, description=kw.pop("desc", help))
        p.set_defaults(func=func)
        return p

    def json_flag(p: argparse.ArgumentParser, what: str = "print one JSON object") -> None:
        p.add_argument("--json", action="store_true", help=what)

    since_help = "only articles published on or after this day (YYYY-MM-DD)"

    p = command(
        "parse",
        cmd_parse,
        "parse a saved page of the site and print what it holds",
        desc="Parse a saved list or article page. Exit 3 for a removed page, "
        "4 for a page that cannot be parsed.",
    )
    p.add_argument("file", metavar="FILE", help="a saved HTML page")
    p.add_argument("--url", help="the page's address, when the file does not carry it")
    json_flag(p)

    p = command("sync", cmd_sync, "refresh the cache from the site")
    p.add_argument("--edition", help=f"editions to refresh: {EDITIONS_HELP} (default: settings)")
    p.add_argument("--section", help="section ids, comma-separated (default: all of them)")
    p.add_argument("--pages", type=pages_arg, help="read at most N list pages per list")
    p.add_argument("--bodies", action="store_true", help="fetch every article not yet fetched")
    json_flag(p, "print what was done as one JSON object")

    p = command("editions", cmd_editions, "list the site's editions")
    json_flag(p)
    p = command("sections", cmd_sections, "list the sections of the editions")
    p.add_argument("--edition", help=f"only these editions: {EDITIONS_HELP}")
    json_flag(p)

    p = command("list", cmd_list, "list cached articles, newest first")
    p.add_argument("--edition", help=f"only these editions: {EDITIONS_HELP}")
    p.add_argument("--section")
    p.add_argument("--limit", type=limit_arg, default=30, help="at most N articles (30)")
    p.add_argument("--since", type=day_arg, help=since_help)
    p.add_argument("--starred", action="store_true", help="only starred articles")
    json_flag(p)

    p = command("show", cmd_show, "print an article (fetched on demand when only listed)")
    p.add_argument("article", metavar="ID|URL", help="doc id or address of the article")
    p.add_argument("--wrap", type=wrap_arg, help="wrap lines at N terminal cells")
    json_flag(p)

    p = command(
        "search",
        cmd_search,
        "search everything cached",
        desc='Search everything cached. Every word must match, "quoted words" as a phrase; '
        "whole words, except in Chinese. The query may say edition:zh, section:ID, "
        "since:YYYY-MM-DD and until:YYYY-MM-DD; the options below say the same.",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--edition", help="only this edition, or all")
    p.add_argument("--section", help="only this section (see `mfa-reader sections`)")
    p.add_argument("--since", type=day_arg, help=since_help)
    p.add_argument("--until", type=day_arg, help="only articles published on or before this day")
    p.add_argument("--limit", type=limit_arg, default=20, help="at most N hits (20)")
    json_flag(p)

    p = command("import", cmd_import, "put saved pages or a mirrored folder into the cache")
    p.add_argument("paths", metavar="PATH", nargs="+", help="HTML files or folders")
    json_flag(p, "print what was done as one JSON object")

    p = command("export", cmd_export, "write an article (or many) to a file")
    p.add_argument("article", metavar="ID|URL", nargs="?", help="omit with --format jsonl")
    p.add_argument("--format", "-f", default="pdf", help="pdf, txt, md, json or jsonl")
    p.add_argument(
        "-o",
        "--output",
        help=f"file or folder (default: the export_dir setting); {STDOUT} for standard output",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--wrap", type=wrap_arg, help="text: wrap lines at N terminal cells")
    p.add_argument("--edition", help=f"jsonl: only these editions: {EDITIONS_HELP}")
    p.add_argument("--section", help="jsonl: only this section")
    p.add_argument("--since", type=day_arg, help=f"jsonl: {since_help}")

    p = command("print", cmd_print, "print an article")
    p.add_argument("article", metavar="ID|URL")
    p.add_argument("--printer", help="printer name (default: settings, then the system's)")
    json_flag(p, "print the job as one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is not cmd_reader:  # the reader's screen is on stderr's terminal
        from mfa_reader.logs import log_to_stderr

        log_to_stderr(args.verbose or 0)
    try:
        code: int = args.func(args)
    except UserError as exc:
        say(str(exc))
        return exc.code
    except Exception as exc:
        # Imported only here: the cache package is not needed by --help, parse or the reader's
        # start, and a command that failed on the cache has loaded it already.
        from mfa_reader.cache.errors import CacheError

        if not isinstance(exc, CacheError):
            raise
        say(f"{exc}; what was stored before is kept")  # the file went bad or read-only
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        say("interrupted; what was finished is kept")
        return 130
    return code
