"""Settings: ``config.toml``, then ``MFA_READER_<KEY>`` environment variables, then flags.

Each later layer overrides the earlier one key by key. A key nobody knows, or a value that makes no
sense, is a :class:`ConfigError` whose message names the key and where it came from (the file, the
variable or the flag), so the user can fix it in one go.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

from mfa_reader import locations
from mfa_reader.editions import EDITION_CODES, PRESS_CONFERENCES, SECTIONS

ENV_PREFIX = "MFA_READER_"
CONFIG_ENV = "MFA_READER_CONFIG"  # where the settings file is: not a setting itself
MB = 1024 * 1024

# What an export's file name may be made of (export/filenames.py fills them in).
FILENAME_FIELDS = ("date", "edition", "section", "doc_id", "slug", "ext")
DEFAULT_FILENAME_TEMPLATE = "{date}_{edition}_{slug}.{ext}"
RtlMode = Literal["auto", "terminal", "app"]
RefreshWord = Literal["start", "never"]
RTL_MODES: tuple[RtlMode, ...] = get_args(RtlMode)
REFRESH_WORDS: tuple[RefreshWord, ...] = get_args(RefreshWord)


class ConfigError(Exception):
    """A setting that cannot be used; the message names the key and its source."""


@dataclass(frozen=True, slots=True)
class Settings:
    origin: str | None = None  # e.g. "http://127.0.0.1:8000": every site host maps onto it
    cache: Path = field(default_factory=locations.cache_file)
    concurrency: int = 2  # requests in flight per host
    spacing: float = 0.5  # seconds between request starts per host
    timeout: float = 20.0  # seconds to connect, or between two reads
    read_deadline: float = 60.0  # seconds for a whole answer, however slowly it comes
    recheck_days: int = 7  # sync asks again for articles published in these days (0: none)
    recheck_after_hours: int = 24  # the reader asks again for an article opened after (0: never)
    retries: int = 3  # further attempts after a connection error, a timeout or a 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time, with jitter
    max_bytes: int = 5 * MB  # larger responses are refused
    editions: tuple[str, ...] = ("en",)  # editions that a refresh covers
    edition: str = "en"  # the edition shown last
    section: str = PRESS_CONFERENCES  # the section shown last
    refresh: RefreshWord | int = "start"  # "start", "never", or every N minutes
    rtl: RtlMode = (
        "auto"  # "terminal" (it does bidi), "app" (we reorder lines), "auto": by terminal
    )
    theme: str = "textual-dark"
    keymap: Mapping[str, str] = field(default_factory=dict)  # binding id -> keys ("j,down")
    export_dir: Path = field(default_factory=locations.export_dir)  # the reader's first choice
    filename_template: str = DEFAULT_FILENAME_TEMPLATE
    printer: str | None = None  # None: the system's default printer
    log_file: Path | None = None  # where to log everything (also what the reader does)
    config_file: Path | None = field(default=None, compare=False)  # where the file layer came from


# --- converters: raw value (TOML value or text) -> typed value, or ValueError saying why ----------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {value!r}")
    return value.strip()


def _int_in(low: int, high: int | None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {value!r}")
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise ValueError(f"must be a whole number {span}, not {value}")
        return value

    return convert


def _seconds(*, allow_zero: bool, most: float) -> Callable[[Any], float]:
    """Seconds up to ``most``: an endless wait (``inf``) would hang a sync for ever."""
    span = f"from 0 to {most:g}" if allow_zero else f"more than 0 and at most {most:g}"

    def convert(value: Any) -> float:
        if isinstance(value, str):
            try:
                value = float(value.strip().removesuffix("s"))
            except ValueError:
                raise ValueError(f"must be a number of seconds, not {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number of seconds, not {value!r}")
        if not (0 <= value <= most) or (value == 0 and not allow_zero):  # also refuses nan
            raise ValueError(f"must be a number of seconds {span}, not {value}")
        return float(value)

    return convert


def _size(value: Any) -> int:
    if isinstance(value, str):
        text = value.strip().upper().replace(" ", "")
        for suffix, factor in (("MB", MB), ("KB", 1024), ("B", 1)):
            if text.endswith(suffix) and text[: -len(suffix)].replace(".", "", 1).isdigit():
                value = int(float(text[: -len(suffix)]) * factor)
                break
        else:
            if text.isdigit():
                value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f'must be a size in bytes such as 5242880 or "5 MB", not {value!r}')
    return value


def _origin(value: Any) -> str | None:
    from urllib.parse import urlsplit

    text = _text(value)
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"must be an http:// or https:// address such as http://127.0.0.1:8000, not {text!r}"
        )
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ValueError(f"has a bad port: {text!r}") from None
    return text.rstrip("/")


def _path(value: Any) -> Path:
    text = _text(value)
    if not text:
        raise ValueError("must be a path, not empty")
    return Path(text).expanduser()


def _edition(value: Any) -> str:
    code = _text(value).lower()
    if code not in EDITION_CODES:
        raise ValueError(f"unknown edition {code!r}; editions: {', '.join(EDITION_CODES)}")
    return code


def _editions(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = [v for v in value.replace(" ", ",").split(",") if v]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValueError(f'must be a list of editions such as ["en", "zh"] or "all", not {value!r}')
    if [str(i).strip().lower() for i in items] == ["all"]:
        return EDITION_CODES
    codes: list[str] = []
    for item in items:
        code = _edition(item)
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValueError(f"must name at least one edition ({', '.join(EDITION_CODES)} or all)")
    return tuple(codes)


def _section(value: Any) -> str:
    section_id = _text(value)
    known = sorted({s.id for s in SECTIONS})
    if section_id not in known:
        raise ValueError(f"unknown section {section_id!r}; sections: {', '.join(known)}")
    return section_id


def _refresh(value: Any) -> RefreshWord | int:
    if isinstance(value, str):
        word = value.strip().lower()
        for known in REFRESH_WORDS:
            if word == known:
                return known
    try:
        return _int_in(1, None)(value)
    except ValueError:
        raise ValueError(
            f'must be "start", "never" or a number of minutes, not {value!r}'
        ) from None


def _rtl(value: Any) -> RtlMode:
    mode = _text(value).lower()
    for known in RTL_MODES:
        if mode == known:
            return known
    *others, last = (f'"{m}"' for m in RTL_MODES)
    choices = f"{', '.join(others)} or {last}"
    raise ValueError(f"must be {choices}, not {mode!r}")


def _nonempty(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("must not be empty")
    return text


def _keymap(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            import tomllib

            try:
                value = tomllib.loads(f"keymap = {text}")["keymap"]
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"is not a TOML inline table: {exc}") from None
        else:  # "quit=q,ctrl+c;help=?"
            value = {}
            for pair in filter(None, (p.strip() for p in text.split(";"))):
                binding, sep, keys = pair.partition("=")
                if not sep:
                    raise ValueError(f'must be pairs like "quit=q;help=?", not {pair!r}')
                value[binding.strip()] = keys.strip()
    if not isinstance(value, dict):
        raise ValueError(
            f'must be a table of binding ids and keys, like {{ quit = "q" }}, not {value!r}'
        )
    keymap: dict[str, str] = {}
    for binding, keys in value.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            raise ValueError(f"binding {binding!r} must be given keys as text, not {keys!r}")
        keymap[str(binding)] = keys.strip()
    return keymap


def _filename_template(value: Any) -> str:
    import string

    template = _nonempty(value)
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ValueError(f"is not a valid template ({exc}): {template!r}") from None
    unknown = sorted(n for n in names if n not in FILENAME_FIELDS)
    if unknown or "" in names:
        bad = ", ".join("{" + n + "}" for n in unknown) or "{}"
        fields = ", ".join("{" + name + "}" for name in FILENAME_FIELDS)
        raise ValueError(f"uses {bad}; it may use {fields}")
    if "/" in template or "\\" in template:
        raise ValueError("must be a file name, without / (set export_dir for the folder)")
    return template


def _printer(value: Any) -> str | None:
    return _text(value) or None


def _optional_path(value: Any) -> Path | None:
    text = _text(value)
    return Path(text).expanduser() if text else None


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "origin": _origin,
    "cache": _path,
    "concurrency": _int_in(1, 32),
    "spacing": _seconds(allow_zero=True, most=60),
    "timeout": _seconds(allow_zero=False, most=600),
    "read_deadline": _seconds(allow_zero=False, most=3600),
    "recheck_days": _int_in(0, 36_500),
    "recheck_after_hours": _int_in(0, 876_000),
    "retries": _int_in(0, 20),
    "backoff": _seconds(allow_zero=True, most=60),
    "max_bytes": _size,
    "editions": _editions,
    "edition": _edition,
    "section": _section,
    "refresh": _refresh,
    "rtl": _rtl,
    "theme": _nonempty,
    "keymap": _keymap,
    "export_dir": _path,
    "filename_template": _filename_template,
    "printer": _printer,
    "log_file": _optional_path,
}
KEYS: tuple[str, ...] = tuple(CONVERTERS)
assert set(KEYS) == {f.name for f in fields(Settings)} - {"config_file"}


def _unknown(key: str, source: str) -> ConfigError:
    import difflib

    close = difflib.get_close_matches(key, KEYS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; settings: {', '.join(KEYS)}"
    return ConfigError(f"{source}: unknown setting {key!r}{hint}")


def _apply(values: dict[str, Any], key: str, raw: Any, source: str, base: Path | None) -> None:
    try:
        value = CONVERTERS[key](raw)
    except ValueError as exc:
        raise ConfigError(f"{source}: setting {key!r} {exc}") from None
    if isinstance(value, Path) and base is not None and not value.is_absolute():
        value = base / value  # relative paths in the file are relative to the file
    values[key] = value


def _read_file(path: Path, values: dict[str, Any]) -> None:
    import tomllib  # only for a settings file: most runs have none

    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {exc.start + 1} cannot be read); save the file as "
            "UTF-8, or remove it"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    for key, raw in data.items():
        if key not in CONVERTERS:
            raise _unknown(key, str(path))
        _apply(values, key, raw, str(path), path.parent)


def load_settings(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read the settings file, then the environment, then ``overrides`` (the flags).

    ``path`` None means ``$MFA_READER_CONFIG`` or the default file; a missing default file just
    means defaults, a missing file that was asked for is an error. ``overrides`` keys are setting
    names (``max_bytes`` or ``max-bytes``); a value of None means "flag not given".
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}

    explicit = path is not None or bool(env.get(CONFIG_ENV))
    if path is None:
        path = (
            Path(env[CONFIG_ENV]).expanduser() if env.get(CONFIG_ENV) else locations.config_file()
        )
    if path.exists() or explicit:
        if not path.exists() or path.is_dir():  # /dev/null is fine: "no settings"
            raise ConfigError(
                f"{path}: no settings file there (given by --config or "
                f"{CONFIG_ENV}); create it or point to another"
            )
        _read_file(path, values)

    for name in sorted(env):
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV:
            continue
        key = name[len(ENV_PREFIX) :].lower()
        source = f"environment variable {name}"
        if key not in CONVERTERS:
            raise _unknown(key, source)
        _apply(values, key, env[name], source, None)

    for flag, raw in (overrides or {}).items():
        if raw is None:
            continue
        key = flag.replace("-", "_").lstrip("_")
        source = f"option --{key.replace('_', '-')}"
        if key not in CONVERTERS:
            raise _unknown(key, source)
        _apply(values, key, raw, source, None)

    return replace(Settings(), **values, config_file=path)
