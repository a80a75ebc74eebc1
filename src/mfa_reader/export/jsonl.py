"""JSON (one article, indented) and JSON Lines (many articles, one per line) for research tools.

Each object is :meth:`Article.to_dict` plus ``retrieved`` (ISO date), ``edition_name`` and, when
the caller knows which text of the article it is, ``version`` (``{"number", "of", "seen_at"}``);
asked for, ``versions`` lists every text kept, oldest first (``{"number", "seen_at", "title",
"blocks"}``). Keys are stable, text is UTF-8 (not ``\\u`` escapes), and a JSON Lines file can be
appended to and streamed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

from mfa_reader.export.parts import VersionOf, header
from mfa_reader.model import Article, History, TextSeen

# Every text kept of an article (the caller knows: the cache does).
HistoryOf = Callable[[Article], History | None]


def article_record(
    article: Article,
    retrieved: datetime | None = None,
    version: TextSeen | None = None,
    history: History | None = None,
) -> dict[str, Any]:
    h = header(article, retrieved)
    record = {**article.to_dict(), "edition_name": h.edition, "retrieved": h.retrieved}
    if version is not None:
        record["version"] = version.to_dict()
    if history is not None:
        record["versions"] = [v.to_dict() for v in history.versions]
    return record


def article_to_json(
    article: Article,
    *,
    retrieved: datetime | None = None,
    version: TextSeen | None = None,
    history: History | None = None,
) -> str:
    record = article_record(article, retrieved, version, history)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def articles_to_jsonl(
    articles: Iterable[Article],
    *,
    retrieved: datetime | None = None,
    version_of: VersionOf | None = None,
    history_of: HistoryOf | None = None,
) -> Iterator[str]:
    """One line (with its ``\\n``) per article, lazily: fine for a whole archive."""
    for article in articles:
        record = article_record(
            article,
            retrieved,
            version_of(article) if version_of else None,
            history_of(article) if history_of else None,
        )
        yield json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(
    articles: Iterable[Article],
    out: TextIO,
    *,
    retrieved: datetime | None = None,
    version_of: VersionOf | None = None,
    history_of: HistoryOf | None = None,
) -> int:
    """Write the articles to ``out`` as JSON Lines; returns how many were written."""
    count = 0
    lines = articles_to_jsonl(
        articles, retrieved=retrieved, version_of=version_of, history_of=history_of
    )
    for line in lines:
        out.write(line)
        count += 1
    return count
