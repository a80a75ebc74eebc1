"""Where mfa-reader keeps its files, in one place (platformdirs).

The cache lives in the *data* directory, not the cache directory: it holds the user's read marks and
stars, and cache cleaners wipe cache directories.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "mfa-reader"
CONFIG_FILE_NAME = "config.toml"
CACHE_FILE_NAME = "mfa-reader.sqlite3"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def config_file() -> Path:
    """The settings file (it need not exist: every setting has a default)."""
    return config_dir() / CONFIG_FILE_NAME


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def cache_file() -> Path:
    """The SQLite file with the articles, read marks and stars."""
    return data_dir() / CACHE_FILE_NAME


def export_dir() -> Path:
    """Where the reader's export dialog offers to save first (the command line writes to the
    current folder, as curl, wget and pandoc do)."""
    return Path(platformdirs.user_documents_dir()) / APP_NAME


def scratch_dir() -> Path:
    """Things worth keeping between runs but safe to lose (which fonts cover which characters)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def image_dir() -> Path:
    """Images of articles, kept for the next PDF. They can be fetched again, so they live with the
    other things safe to lose, not in the cache file with the user's read marks and stars."""
    return scratch_dir() / "images"
