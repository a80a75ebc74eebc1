"""Settings: file, then environment, then flags; every mistake names the key and where it is."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from mfa_reader import locations
from mfa_reader.config import ConfigError, Settings, load_settings
from mfa_reader.editions import EDITION_CODES


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_from_an_empty_file(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""), env={})
    assert settings.concurrency == 2
    assert settings.spacing == 0.5
    assert settings.max_bytes == 5 * 1024 * 1024
    assert settings.editions == ("en",)
    assert settings.edition == "en"
    assert settings.section == "press-conferences"
    assert settings.refresh == "start"
    assert settings.rtl == "auto"
    assert settings.origin is None
    assert settings.filename_template == "{date}_{edition}_{slug}.{ext}"
    assert settings.keymap == {}


def test_the_readme_example_is_read_as_it_says(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    settings = load_settings(write(tmp_path, example), env={})
    assert settings.editions == ("en", "zh")
    assert settings.refresh == 30
    assert settings.rtl == "app"
    assert settings.keymap == {"star": "x", "next_article": "J"}
    assert settings.export_dir == Path.home() / "Documents" / "mfa"


def test_the_cache_lives_in_the_data_dir_not_the_cache_dir() -> None:
    cache = Settings().cache
    assert cache == Path(platformdirs.user_data_dir("mfa-reader")) / "mfa-reader.sqlite3"
    assert not str(cache).startswith(platformdirs.user_cache_dir("mfa-reader"))
    assert locations.config_file().name == "config.toml"
    assert locations.config_file().parent == Path(platformdirs.user_config_dir("mfa-reader"))


def test_missing_default_file_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "config_file", lambda: tmp_path / "nothing" / "config.toml")
    assert load_settings(env={}) == Settings()


def test_a_file_that_was_asked_for_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"absent\.toml"):
        load_settings(tmp_path / "absent.toml", env={})
    with pytest.raises(ConfigError, match="MFA_READER_CONFIG"):
        load_settings(env={"MFA_READER_CONFIG": str(tmp_path / "absent.toml")})


def test_file_values_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
origin = "http://127.0.0.1:8000/"
cache = "reader.sqlite3"
concurrency = 4
spacing = 0
timeout = 5
retries = 0
max_bytes = "2 MB"
editions = ["zh", "en", "zh"]
edition = "zh"
section = "answers"
refresh = 30
rtl = "app"
theme = "nord"
export_dir = "~/exports"
filename_template = "{edition}-{doc_id}.{ext}"
printer = "office"

[keymap]
quit = "q,ctrl+c"
next_article = ["n", "right"]
""",
    )
    s = load_settings(path, env={})
    assert s.origin == "http://127.0.0.1:8000"
    assert s.cache == tmp_path / "reader.sqlite3"  # relative to the file
    assert (s.concurrency, s.spacing, s.timeout, s.retries) == (4, 0.0, 5.0, 0)
    assert s.max_bytes == 2 * 1024 * 1024
    assert s.editions == ("zh", "en")
    assert (s.edition, s.section, s.refresh, s.rtl, s.theme) == ("zh", "answers", 30, "app", "nord")
    assert s.export_dir == Path("~/exports").expanduser()
    assert s.filename_template == "{edition}-{doc_id}.{ext}"
    assert s.printer == "office"
    assert s.keymap == {"quit": "q,ctrl+c", "next_article": "n,right"}
    assert s.config_file == path


def test_environment_overrides_file_and_flags_override_both(tmp_path: Path) -> None:
    path = write(tmp_path, "concurrency = 3\nspacing = 2\neditions = ['fr']\n")
    env = {
        "MFA_READER_CONCURRENCY": "5",
        "MFA_READER_EDITIONS": "en, ru",
        "MFA_READER_CACHE": str(tmp_path / "env.sqlite3"),
        "MFA_READER_KEYMAP": "quit=x;help=?",
        "MFA_READER_REFRESH": "never",
        "UNRELATED": "1",
    }
    s = load_settings(path, env=env, overrides={"concurrency": 7, "origin": None})
    assert s.concurrency == 7  # flag
    assert s.spacing == 2.0  # file
    assert s.editions == ("en", "ru")  # environment
    assert s.cache == tmp_path / "env.sqlite3"
    assert s.keymap == {"quit": "x", "help": "?"}
    assert s.refresh == "never"
    assert s.origin is None  # a flag given as None was not given


def test_editions_all_and_flags_as_text(tmp_path: Path) -> None:
    s = load_settings(
        write(tmp_path, ""), env={}, overrides={"editions": "all", "max-bytes": "500KB"}
    )
    assert s.editions == EDITION_CODES
    assert s.max_bytes == 500 * 1024


def test_dev_null_means_no_settings() -> None:
    assert load_settings(Path("/dev/null"), env={}) == Settings()


def test_config_file_comes_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = 'gruvbox'\n")
    assert load_settings(env={"MFA_READER_CONFIG": str(path)}).theme == "gruvbox"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("concurency = 3", ["unknown setting 'concurency'", "did you mean 'concurrency'"]),
        ("concurrency = 0", ["'concurrency'", "from 1 to 32"]),
        ("concurrency = 'many'", ["'concurrency'", "whole number"]),
        ("concurrency = true", ["'concurrency'", "whole number"]),
        ("spacing = -1", ["'spacing'", "seconds"]),
        ("spacing = inf", ["'spacing'", "from 0 to 60", "inf"]),
        ("backoff = 1e308", ["'backoff'", "from 0 to 60", "1e+308"]),
        ("timeout = 0", ["'timeout'", "more than 0"]),
        ("timeout = inf", ["'timeout'", "at most 600", "inf"]),
        ("timeout = nan", ["'timeout'", "at most 600", "nan"]),
        ("read_deadline = 0", ["'read_deadline'", "more than 0 and at most 3600"]),
        ("editions = ['en', 'de']", ["'editions'", "unknown edition 'de'"]),
        ("edition = 'klingon'", ["'edition'", "unknown edition"]),
        ("section = 'gossip'", ["'section'", "unknown section 'gossip'"]),
        ("refresh = 'sometimes'", ["'refresh'", '"start", "never"']),
        ("rtl = 'ltr'", ["'rtl'", '"terminal" or "app"']),
        ("origin = 'ftp://mirror'", ["'origin'", "http://"]),
        ("max_bytes = -5", ["'max_bytes'", "size"]),
        ("filename_template = '{date}_{author}.{ext}'", ["'filename_template'", "{author}"]),
        ("filename_template = '{title}.{ext}'", ["'filename_template'", "{title}", "{slug}"]),
        ("filename_template = 'a/{slug}.{ext}'", ["'filename_template'", "export_dir"]),
        ("keymap = 'q'", ["'keymap'", "pairs"]),
        ("[keymap]\nquit = 3", ["'keymap'", "quit"]),
        ("[network]\nconcurrency = 3", ["unknown setting 'network'"]),
    ],
)
def test_bad_file_values_name_the_key_and_the_file(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    path = write(tmp_path, text + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    assert "\n" not in message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "concurrency = = 3\n")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_settings(path, env={})
    assert str(path) in str(info.value)


def test_a_settings_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("theme = 'dracula' # réglages\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8") as info:
        load_settings(path, env={})
    assert str(path) in str(info.value)


def test_a_settings_file_that_is_not_utf8_is_reported_by_the_command(tmp_path: Path) -> None:
    from mfa_reader.cli import main

    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'\n")
    assert main(["--config", str(path), "list"]) == 2


def test_bad_environment_values_name_the_variable(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(ConfigError, match=r"MFA_READER_SPACING.*'spacing'"):
        load_settings(path, env={"MFA_READER_SPACING": "soon"})
    with pytest.raises(ConfigError, match=r"MFA_READER_ORIGN.*did you mean 'origin'"):
        load_settings(path, env={"MFA_READER_ORIGN": "http://x"})


def test_bad_flags_name_the_option(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(ConfigError, match="option --concurrency: setting 'concurrency'"):
        load_settings(path, env={}, overrides={"concurrency": "0"})
    with pytest.raises(ConfigError, match="option --colour"):
        load_settings(path, env={}, overrides={"colour": "red"})
