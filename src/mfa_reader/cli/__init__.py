"""The ``mfa-reader`` command: the reader with no arguments, sub-commands for scripted work.

Each sub-command is a ``cmd_*`` function taking the parsed arguments and returning the exit code
(see ``common`` for the codes); ``COMMANDS`` lists them with their options. A command's module,
and the heavy ones (the parser, the cache, httpx, the export, Textual), load only when that
command runs, so ``mfa-reader --help`` and the scripts stay quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from mfa_reader.cli.arguments import (
    day_arg,
    days_arg,
    edition_arg,
    limit_arg,
    pages_arg,
    version_arg,
    wrap_arg,
)
from mfa_reader.cli.common import EXIT_PARTIAL, STDOUT, UserError, load_settings, say

Run = Callable[[argparse.Namespace], int]


def _loaded_when_run(module: str, name: str) -> Run:
    """The command ``name`` of ``mfa_reader.cli.<module>``, imported when it runs."""

    def run(args: argparse.Namespace) -> int:
        command: Run = getattr(import_module(f"mfa_reader.cli.{module}"), name)
        return command(args)

    run.__name__ = name
    return run


cmd_export = _loaded_when_run("exporting", "cmd_export")
cmd_print = _loaded_when_run("exporting", "cmd_print")
cmd_editions = _loaded_when_run("reading", "cmd_editions")
cmd_list = _loaded_when_run("reading", "cmd_list")
cmd_parse = _loaded_when_run("reading", "cmd_parse")
cmd_search = _loaded_when_run("reading", "cmd_search")
cmd_sections = _loaded_when_run("reading", "cmd_sections")
cmd_show = _loaded_when_run("reading", "cmd_show")
cmd_import = _loaded_when_run("syncing", "cmd_import")
cmd_sync = _loaded_when_run("syncing", "cmd_sync")
cmd_history = _loaded_when_run("versions", "cmd_history")
cmd_diff = _loaded_when_run("versions", "cmd_diff")
# Commands that run no code that logs: they need not load logging (a twentieth of a search).
QUIET = frozenset({cmd_editions, cmd_sections, cmd_list, cmd_search})

EDITIONS_HELP = "en, zh, fr, es, ru, ar; several as en,zh; or all"


def cmd_reader(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    from mfa_reader.ui.app import run_reader

    return run_reader(settings)


def add_common(p: argparse.ArgumentParser) -> None:
    """The options every command takes, before or after its name."""
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


def _json_flag(p: argparse.ArgumentParser, what: str = "print one JSON object") -> None:
    p.add_argument("--json", action="store_true", help=what)


SINCE_HELP = "only articles published on or after this day (YYYY-MM-DD)"
ARTICLE_HELP = "doc id or address of the article"


def _parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a saved HTML page")
    p.add_argument("--url", help="the page's address, when the file does not carry it")
    _json_flag(p)


def _sync_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--edition", help=f"editions to refresh: {EDITIONS_HELP} (default: settings)")
    p.add_argument("--section", help="section ids, comma-separated (default: all of them)")
    p.add_argument("--pages", type=pages_arg, help="read at most N list pages per list")
    p.add_argument("--bodies", action="store_true", help="fetch every article not yet fetched")
    p.add_argument(
        "--recheck",
        type=days_arg,
        metavar="DAYS",
        help="ask again for the articles published in the last DAYS days, to see whether the "
        "site edited or removed them (default: the recheck_days setting; 0: none)",
    )
    _json_flag(p, "print what was done as one JSON object")


def _editions_options(p: argparse.ArgumentParser) -> None:
    _json_flag(p)


def _sections_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--edition", help=f"only these editions: {EDITIONS_HELP}")
    _json_flag(p)


def _list_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--edition", help=f"only these editions: {EDITIONS_HELP}")
    p.add_argument("--section")
    p.add_argument("--limit", type=limit_arg, default=30, help="at most N articles (30)")
    p.add_argument(
        "--since", type=day_arg, help=f"{SINCE_HELP}; with --changed, edited on or after it"
    )
    p.add_argument("--starred", action="store_true", help="only starred articles")
    p.add_argument("--changed", action="store_true", help="only articles the site edited")
    p.add_argument("--removed", action="store_true", help="only articles the site removed")
    _json_flag(p)


def _show_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ID|URL", help=ARTICLE_HELP)
    p.add_argument("--wrap", type=wrap_arg, help="wrap lines at N terminal cells")
    p.add_argument(
        "--version", type=version_arg, metavar="N", help="an earlier text kept (see history)"
    )
    p.add_argument(
        "--parallel",
        type=edition_arg,
        metavar="EDITION",
        help="with its version in another edition, paragraph by paragraph (fetched when missing)",
    )
    _json_flag(p)


def _history_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ID|URL", help=ARTICLE_HELP)
    _json_flag(p)


def _diff_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ID|URL", help=ARTICLE_HELP)
    p.add_argument(
        "--from", dest="start", type=version_arg, metavar="N", help="the older version (M - 1)"
    )
    p.add_argument("--to", type=version_arg, metavar="M", help="the newer version (the latest)")


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--edition", help="only this edition, or all")
    p.add_argument("--section", help="only this section (see `mfa-reader sections`)")
    p.add_argument("--since", type=day_arg, help=SINCE_HELP)
    p.add_argument("--until", type=day_arg, help="only articles published on or before this day")
    p.add_argument("--limit", type=limit_arg, default=20, help="at most N hits (20)")
    _json_flag(p)


def _import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", metavar="PATH", nargs="+", help="HTML files or folders")
    _json_flag(p, "print what was done as one JSON object")


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ID|URL", nargs="?", help="omit to export many")
    p.add_argument("--format", "-f", default="pdf", help="pdf, txt, md, json or jsonl")
    p.add_argument(
        "-o",
        "--output",
        help=f"file or folder (default: the current folder); {STDOUT} for standard output",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--wrap", type=wrap_arg, help="text: wrap lines at N terminal cells")
    p.add_argument("--edition", help=f"many: only these editions: {EDITIONS_HELP}")
    p.add_argument("--section", help="many: only this section")
    p.add_argument("--since", type=day_arg, help=f"many: {SINCE_HELP}")
    p.add_argument(
        "--combine", action="store_true", help="many: one PDF or Markdown file, oldest first"
    )
    p.add_argument(
        "--version", type=version_arg, metavar="N", help="an earlier text kept (see history)"
    )
    p.add_argument(
        "--versions",
        action="store_true",
        help="JSON and JSON Lines: with every text kept of each article (a versions list)",
    )
    p.add_argument(
        "--parallel",
        type=edition_arg,
        metavar="EDITION",
        help="with its version in another edition, paragraph by paragraph (fetched when missing)",
    )
    p.add_argument(
        "--interleave",
        action="store_true",
        help="--parallel PDF: each paragraph, then its translation (not two columns)",
    )


def _print_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ID|URL")
    p.add_argument("--printer", help="printer name (default: settings, then the system's)")
    _json_flag(p, "print the job as one JSON object")


class Command(NamedTuple):
    """A sub-command: what runs it, its line in ``--help``, and the options it takes."""

    run: Run
    help: str
    options: Callable[[argparse.ArgumentParser], None]
    description: str | None = None  # ``mfa-reader COMMAND --help``'s, when not ``help``


COMMANDS: dict[str, Command] = {
    "parse": Command(
        cmd_parse,
        "parse a saved page of the site and print what it holds",
        _parse_options,
        "Parse a saved list or article page. Exit 3 for a removed page, "
        "4 for a page that cannot be parsed.",
    ),
    "sync": Command(cmd_sync, "refresh the cache from the site", _sync_options),
    "editions": Command(cmd_editions, "list the site's editions", _editions_options),
    "sections": Command(cmd_sections, "list the sections of the editions", _sections_options),
    "list": Command(cmd_list, "list cached articles, newest first", _list_options),
    "show": Command(
        cmd_show, "print an article (fetched on demand when only listed)", _show_options
    ),
    "history": Command(
        cmd_history,
        "list the texts the site served for an article, and removals",
        _history_options,
    ),
    "diff": Command(
        cmd_diff, "show what the site changed in an article, word by word", _diff_options
    ),
    "search": Command(
        cmd_search,
        "search everything cached",
        _search_options,
        'Search everything cached. Every word must match, "quoted words" as a phrase; '
        "whole words, except in Chinese. The query may say edition:zh, section:ID, "
        "since:YYYY-MM-DD and until:YYYY-MM-DD; the options below say the same.",
    ),
    "import": Command(
        cmd_import, "put saved pages or a mirrored folder into the cache", _import_options
    ),
    "export": Command(
        cmd_export,
        "write an article (or many) to a file",
        _export_options,
        "Write an article to a file. Without an article, write the cached articles of "
        "--edition, --section and --since: one file each into a folder, or with --combine one "
        "PDF (with a page of contents) or Markdown file; JSON Lines is always one file.",
    ),
    "print": Command(cmd_print, "print an article", _print_options),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; with ``only``, a parser of that command alone (the others'
    options cost a quick command a tenth of its time to build), or the whole one when no command
    has that name (so that argparse names the choices)."""
    parser = argparse.ArgumentParser(
        prog="mfa-reader",
        description="Read the press releases of China's Ministry of Foreign Affairs. "
        "With no command, opens the reader.",
    )
    # Global options work before or after the command; SUPPRESS keeps the sub-command's copy from
    # erasing a value given before the command.
    add_common(parser)
    shared = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    add_common(shared)
    parser.set_defaults(func=cmd_reader)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        command = COMMANDS[name]
        p = sub.add_parser(
            name,
            parents=[shared],
            help=command.help,
            description=command.description or command.help,
        )
        p.set_defaults(func=command.run)
        command.options(p)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (global options may come first), or None."""
    first = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    add_common(first)
    first.add_argument("command", nargs="?")
    try:
        known, _ = first.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):  # the whole parser will say what is wrong
        return None
    name: str | None = known.command
    return name


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(only=command_named(argv)).parse_args(argv)
    if args.func not in QUIET:
        from mfa_reader.logs import log_to_stderr

        # Not for the reader: its screen is on stderr's terminal.
        log_to_stderr(0 if args.func is cmd_reader else args.verbose or 0)
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
