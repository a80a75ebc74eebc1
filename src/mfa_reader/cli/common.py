"""What every command shares: exit codes, the user's errors, settings, the cache, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.config import Settings

T = TypeVar("T")

STDOUT = "-"  # as -o: standard output

EXIT_OK = 0
EXIT_PARTIAL = 1  # some pages failed, the site refused, nothing printed
EXIT_USAGE = 2  # a bad flag, setting or cache file
EXIT_REMOVED = 3  # the site has removed the page
EXIT_UNPARSABLE = 4  # the page cannot be read


class UserError(Exception):
    """Something the user can fix; the message says what happened and what to do."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    """A message for the user, on stderr (stdout is kept for what was asked for)."""
    print(f"mfa-reader: {message}", file=sys.stderr)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    import asyncio

    return asyncio.run(coroutine)


def load_settings(args: argparse.Namespace, **flags: Any) -> Settings:
    from mfa_reader.config import ConfigError
    from mfa_reader.config import load_settings as load

    overrides = {"origin": getattr(args, "origin", None), "cache": getattr(args, "cache", None)}
    overrides.update(flags)
    try:
        settings = load(getattr(args, "config", None), overrides=overrides)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if settings.log_file is not None:
        from mfa_reader.logs import log_to_file

        problem = log_to_file(settings.log_file)
        if problem:
            say(problem)
    return settings


@contextmanager
def open_cache(settings: Settings) -> Iterator[Cache]:
    from mfa_reader.cache import Cache, CacheError

    try:
        cache = Cache.open(settings.cache)
    except CacheError as exc:
        raise UserError(str(exc)) from None
    notice = cache.moved_aside_notice()
    if notice:
        say(notice)
    try:
        yield cache
    finally:
        cache.close()
