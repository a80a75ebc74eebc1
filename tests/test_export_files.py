"""Where exports land: safe, readable file names; -o file or folder; never overwrite without force;
nothing left behind on failure; JSON and JSON Lines; literal text in every format."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mfa_reader.export.errors import ExportError, FileExistsExportError
from mfa_reader.export.filenames import (
    DEFAULT_TEMPLATE,
    MAX_NAME_BYTES,
    collection_filename,
    filename_for,
    safe_filename,
)
from mfa_reader.export.files import FORMATS, export_article, export_articles, render
from mfa_reader.model import Article
from samples import EDITION_CODES, MARKUP, sample_article

RETRIEVED = datetime(2026, 11, 26, 9, 30)
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), "LPT1", "LPT9"}


def titled(title: str, code: str = "en") -> Article:
    return sample_article(code)._replace(title=title)


def assert_safe(name: str) -> None:
    assert name and name not in (".", "..")
    assert not (set(name) & WINDOWS_FORBIDDEN), name
    assert not name.startswith(".") and not name.endswith((" ", "."))
    assert ".." not in name
    assert name.split(".")[0].upper() not in RESERVED, name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


# --- file names -----------------------------------------------------------------------------------


def test_default_names_are_readable_in_every_script() -> None:
    names = {code: filename_for(sample_article(code), "pdf") for code in EDITION_CODES}
    assert names["zh"] == "2025-10-17_zh_2025年10月17日外交部发言人主持例行记者会.pdf"
    assert names["en"] == (
        "2025-10-17_en_foreign-ministry-spokespersons-regular-press-conference-on-october-17-2025.pdf"
    )
    assert names["ar"].startswith("2025-10-17_ar_المؤتمر-الصحفي-الاعتيادي")
    assert names["ru"].startswith("2025-10-17_ru_Очередная-пресс-конференция")
    for name in names.values():
        assert_safe(name)


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        'a/b\\c:d*e?f"g<h>i|j',
        "..",
        ".hidden",
        "CON",
        "nul",
        "Com1",
        "x" * 500,
        "中" * 500,
        "م" * 500,
        "é" * 300,  # decomposed or not, never cut between a letter and its accent
        "e\u0301" * 300,
        "\u202eevil\u202c title",
        "...",
        "",
        "tab\tnew\nline",
    ],
)
@pytest.mark.parametrize("template", [DEFAULT_TEMPLATE, "{slug}.{ext}", "{slug}"])
def test_hostile_titles_give_safe_names(title: str, template: str) -> None:
    name = filename_for(titled(title), "pdf", template)
    assert_safe(name)
    if "{ext}" in template:
        assert name.endswith(".pdf")
    # cut by bytes, never in the middle of a character, and accents stay with their letters
    name.encode("utf-8").decode("utf-8")
    assert not name.split(".")[0].endswith("e") or "\u0301" not in title


def test_long_chinese_title_is_cut_by_bytes() -> None:
    name = filename_for(titled("外交部发言人" * 100, "zh"), "pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert len(name.encode("utf-8")) > MAX_NAME_BYTES - 4  # uses the room it has
    assert name.startswith("2025-10-17_zh_外交部发言人外交部")


def test_reserved_names_get_a_prefix() -> None:
    assert filename_for(titled("CON"), "txt", "{slug}.{ext}") == "_con.txt"
    assert safe_filename("NUL.txt") == "_NUL.txt"
    assert safe_filename("aux") == "_aux"


def test_unknown_template_field_is_named() -> None:
    with pytest.raises(ExportError, match=r"unknown field.*author"):
        filename_for(sample_article("en"), "pdf", "{author}.{ext}")


def test_collection_name() -> None:
    assert (
        collection_filename(
            "jsonl", edition="en", section="press-conferences", since=date(2025, 1, 1)
        )
        == "mfa_en_press-conferences_since-2025-01-01.jsonl"
    )
    assert collection_filename("jsonl") == "mfa_all_all-sections.jsonl"


# --- where files land -----------------------------------------------------------------------------


def test_folder_file_and_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = sample_article("zh")
    into_folder = export_article(article, "txt", tmp_path, retrieved=RETRIEVED)
    assert into_folder == tmp_path / filename_for(article, "txt")
    as_file = export_article(article, "md", tmp_path / "mine.md", retrieved=RETRIEVED)
    assert as_file == tmp_path / "mine.md" and as_file.read_text("utf-8").startswith("---\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    here = export_article(article, "json", None, retrieved=RETRIEVED)
    assert here.parent == tmp_path / "sub"
    missing = tmp_path / "missing" / "x.txt"
    with pytest.raises(ExportError, match="does not exist"):
        export_article(article, "txt", missing)
    assert not missing.parent.exists()
    # a path typed with a trailing slash is a folder, made when missing
    made = export_article(article, "txt", str(tmp_path / "new" / "folder") + os.sep)
    assert made.parent == tmp_path / "new" / "folder"
    # a new name without an extension is a folder too (the settings' export_dir, say)
    made = export_article(article, "md", tmp_path / "exports", retrieved=RETRIEVED)
    assert made.parent == tmp_path / "exports" and made.suffix == ".md"
    # no -o: the settings' export folder, made when missing
    default = export_article(article, "pdf", None, default_folder=tmp_path / "Documents" / "mfa")
    assert default.parent == tmp_path / "Documents" / "mfa"
    path, count = export_articles([article], None, default_folder=tmp_path / "Documents" / "mfa")
    assert path.parent == tmp_path / "Documents" / "mfa" and count == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_never_overwrites_without_force(fmt: str, tmp_path: Path) -> None:
    article = sample_article("fr")
    target = tmp_path / f"kept.{fmt}"
    target.write_bytes(b"the user's own file")
    with pytest.raises(FileExistsExportError) as caught:
        export_article(article, fmt, target)
    assert "already exists" in str(caught.value) and "nothing was written" in str(caught.value)
    # how to replace it is the front end's to say (the command line's --force: test_cli.py)
    assert "--force" not in str(caught.value) and caught.value.path == str(target)
    assert target.read_bytes() == b"the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"kept.{fmt}"]
    export_article(article, fmt, target, force=True)
    assert target.read_bytes() != b"the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"kept.{fmt}"]


@pytest.mark.parametrize("force", [False, True])
def test_a_pipe_or_a_device_is_never_replaced(tmp_path: Path, force: bool) -> None:
    pipe = tmp_path / "out.txt"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="not a regular file") as info:
        export_article(sample_article("en"), "txt", pipe, force=force)
    assert "standard output" in str(info.value)
    assert pipe.is_fifo()  # still the pipe it was
    assert os.listdir(tmp_path) == ["out.txt"]  # and nothing left beside it


def test_a_failed_export_leaves_nothing(tmp_path: Path) -> None:
    def broken() -> object:
        yield sample_article("en")
        raise RuntimeError("the cache went away")

    with pytest.raises(RuntimeError):
        export_articles(broken(), tmp_path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = export_article(sample_article("en"), "txt", tmp_path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="choose one of pdf, txt, md, json, jsonl"):
        export_article(sample_article("en"), "docx", tmp_path)


# --- JSON and JSON Lines --------------------------------------------------------------------------


def test_json_round_trips_the_article(tmp_path: Path) -> None:
    article = sample_article("ar")
    path = export_article(article, "json", tmp_path, retrieved=RETRIEVED)
    text = path.read_text("utf-8")
    assert "المؤتمر" in text  # UTF-8, not \\u escapes
    data = json.loads(text)
    assert data["retrieved"] == "2026-11-26" and data["edition_name"] == "عربي"
    assert Article.from_dict(data) == article


def test_jsonl_of_many_articles(tmp_path: Path) -> None:
    articles = [sample_article(code) for code in EDITION_CODES]
    path, count = export_articles(
        iter(articles), tmp_path, retrieved=RETRIEVED, edition=None, section="press-conferences"
    )
    assert count == 6 and path.name == "mfa_all_press-conferences.jsonl"
    lines = path.read_text("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 7
    assert [Article.from_dict(json.loads(line)) for line in lines[:-1]] == articles
    with pytest.raises(FileExistsExportError):
        export_articles(iter(articles), path)
    path2, count2 = export_articles(iter([]), tmp_path / "empty.jsonl")
    assert count2 == 0 and path2.read_bytes() == b""


# --- literal text in every format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "json", "jsonl"])
def test_markup_is_kept_literally(fmt: str) -> None:
    article = titled(f"{MARKUP} title")
    data = render(article, fmt, retrieved=RETRIEVED).decode("utf-8")
    if fmt == "txt":
        assert data.startswith(f"{MARKUP} title\n") and f"line {MARKUP} —" in data
    else:
        record = json.loads(data.splitlines()[0] if fmt == "jsonl" else data)
        assert record["title"] == f"{MARKUP} title"
        assert any(MARKUP in b["text"] for b in record["blocks"])


# (Markdown: tests/test_export_markdown.py renders it back; PDF: tests/test_export_pdf.py.)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from([DEFAULT_TEMPLATE, "{slug}.{ext}", "{slug}"]))
def test_any_title_gives_a_safe_name(title: str, template: str) -> None:
    assert_safe(filename_for(titled(title), "md", template))
