"""JSON (one article, indented) and JSON Lines (many articles, one per line) for research tools.

Each object is :meth:`Article.to_dict` plus ``retrieved`` (ISO date) and ``edition_name``; keys are
stable, text is UTF-8 (not ``\\u`` escapes), and a JSON Lines file can be appended to and streamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

from mfa_reader.export.parts import header
from mfa_reader.model import Article


def article_record(article: Article, retrieved: datetime | None = None) -> dict[str, Any]:
    h = header(article, retrieved)
    return {**article.to_dict(), "edition_name": h.edition, "retrieved": h.retrieved}


def article_to_json(article: Article, *, retrieved: datetime | None = None) -> str:
    return json.dumps(article_record(article, retrieved), ensure_ascii=False, indent=2) + "\n"


def articles_to_jsonl(
    articles: Iterable[Article], *, retrieved: datetime | None = None
) -> Iterator[str]:
    """One line (with its ``\\n``) per article, lazily: fine for a whole archive."""
    for article in articles:
        yield json.dumps(article_record(article, retrieved), ensure_ascii=False) + "\n"


def write_jsonl(
    articles: Iterable[Article], out: TextIO, *, retrieved: datetime | None = None
) -> int:
    """Write the articles to ``out`` as JSON Lines; returns how many were written."""
    count = 0
    for line in articles_to_jsonl(articles, retrieved=retrieved):
        out.write(line)
        count += 1
    return count
