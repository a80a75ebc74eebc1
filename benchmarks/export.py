"""Export speed: what a PDF costs beside typst alone, and what the whole ``export`` command costs
the user, online and offline.

1. In one process, warm (fonts scanned, as in the running reader): the PDF of the real page of
   2025-10-17 (three stand-in images) and of a two-page Chinese article, against typst alone
   compiling the same inputs (template, document, images, fonts): the ratio is what the rest of
   the export adds. Plain text and Markdown in milliseconds.
2. Whole processes, as a user runs them: ``mfa-reader export URL`` of the cached real page, its
   images served by the test server (tests/siteserver.py) at the site's default politeness, with
   the image cache empty and then filled, and offline (nothing listens at the origin), with the
   image cache empty and then filled. Baselines: ``python -c pass``, and a process that runs typst
   alone on the same inputs (the floor of any PDF made by a fresh process).

Targets: PDF ≤ 0.3 s warm; the export of a cached article offline ≤ 1 s whole-process; text and
Markdown ≤ 20 ms. The last line is one JSON object.
Usage: ``python benchmarks/export.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from mfa_reader.export import pdf  # noqa: E402
from mfa_reader.export.fonts import FontLibrary, font_library  # noqa: E402
from mfa_reader.export.markdown import article_to_markdown  # noqa: E402
from mfa_reader.export.text import article_to_text  # noqa: E402
from mfa_reader.model import Article  # noqa: E402
from samples import long_chinese_article, sample_article  # noqa: E402
from siteserver import SiteServer  # noqa: E402

REAL_PAGE = (
    ROOT.parent
    / "shared"
    / "mfa_pages"
    / "en_current_article_lxjzh_press-conference_2025-10-17_t20251017_11735636.html"
)
REAL_URL = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html"
TARGETS = {"pdf_warm_s": 0.3, "zh_pdf_warm_s": 0.3, "export_offline_s": 1.0, "text_ms": 20.0}
CLOSED_ORIGIN = "http://127.0.0.1:9"  # nothing listens there


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stand_in_image() -> bytes:
    import typst

    data = typst.compile(b'#set page(width: 12cm, height: 8cm, fill: rgb("#3a6ea5"))', format="png")
    assert isinstance(data, bytes)
    return data


def real_article() -> tuple[Article, str]:
    if REAL_PAGE.exists():
        from mfa_reader.parser import parse_article

        return parse_article(REAL_PAGE.read_bytes(), REAL_URL), "real page 2025-10-17"
    return sample_article("en"), "invented English article (../shared/mfa_pages is absent)"


# --- typst alone on the same inputs ---------------------------------------------------------------


def typst_inputs(
    article: Article, image: bytes | None, fonts: FontLibrary, folder: Path
) -> dict[str, Any]:
    """What the export hands typst for ``article``, kept in ``folder``: the project's root with the
    images, and the document (the fonts are ``fonts.fonts``)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (lambda url: image) if image else None
    images = pdf._write_images(folder, [article], source)
    document = pdf._document([article], None, fonts, images, None)
    return {
        "template": pdf._template().decode("utf-8"),
        "root": str(folder),
        "document": json.dumps(document, ensure_ascii=False),
    }


def typst_alone(inputs: dict[str, Any], fonts: FontLibrary) -> bytes:
    import typst

    compiler = typst.Compiler(
        inputs["template"].encode("utf-8"),
        root=inputs["root"],
        font_paths=fonts.fonts,
        ignore_system_fonts=True,
        sys_inputs={"document": inputs["document"]},
    )
    made = compiler.compile(format="pdf")
    assert isinstance(made, bytes)
    return made


# A fresh process: typst finds the system's fonts itself, as the export's font library does.
TYPST_ALONE = """
import json, sys, typst
inputs = json.load(open(sys.argv[1], encoding="utf-8"))
typst.Compiler(inputs["template"].encode(), root=inputs["root"],
               sys_inputs={"document": inputs["document"]}).compile(format="pdf")
"""


# --- the whole command ----------------------------------------------------------------------------


def mfa_command() -> list[str]:
    script = Path(sys.executable).with_name("mfa-reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mfa_reader"]


def whole_process(
    argv: list[str], env: dict[str, str], runs: int, before: Callable[[], None]
) -> float:
    """Median seconds from spawn to exit; ``before`` runs ahead of each (not timed)."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed: {done.stderr}")
    return statistics.median(times)


def time_commands(article: Article, image: bytes, runs: int, folder: Path) -> dict[str, float]:
    """The export command of the cached ``article`` online and offline, images kept or not."""
    from mfa_reader.cache import Cache

    cache = folder / "cache.sqlite3"
    with Cache.open(cache) as stored:
        stored.store_article(article)
    site = folder / "site"
    for block in article.images:
        path = site / urlsplit(block.src or "").path.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MFA_READER_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        MFA_READER_CACHE=str(cache),
        XDG_CONFIG_HOME=str(folder / "config"),  # no settings file: the site's politeness
        XDG_CACHE_HOME=str(folder / "scratch"),  # the kept images (and the fonts' coverage)
        PYTHONPATH=str(ROOT / "src"),
    )
    kept_images = folder / "scratch" / "mfa-reader" / "images"

    def forget_images() -> None:
        shutil.rmtree(kept_images, ignore_errors=True)

    def keep_images() -> None:
        pass

    out = folder / "out"
    export = [*mfa_command(), "export", article.url, "-o", f"{out}/", "--force"]
    offline = [*export, "--origin", CLOSED_ORIGIN]
    server = SiteServer(site).start()
    try:
        online = [*export, "--origin", server.origin]
        subprocess.run(online, env=env, capture_output=True, check=True)  # bytecode, fonts
        result = {"export_online_s": whole_process(online, env, runs, forget_images)}
        server.reset()
        result["export_online_kept_s"] = whole_process(online, env, runs, keep_images)
        asked_again = server.count()
    finally:
        server.stop()
    result["export_offline_kept_s"] = whole_process(offline, env, runs, keep_images)
    result["export_offline_s"] = whole_process(offline, env, runs, forget_images)
    print(f"requests for kept images: {asked_again}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = args.runs

    article, what = real_article()
    zh = long_chinese_article()
    image = stand_in_image()

    def source(url: str) -> bytes:
        return image

    start = time.perf_counter()
    fonts = font_library()
    scan_s = time.perf_counter() - start
    pdf.article_to_pdf(article, image_source=source)  # warm: fonts read, template loaded
    pdf.article_to_pdf(zh)

    with tempfile.TemporaryDirectory(prefix="mfa-export-bench-") as tmp:
        folder = Path(tmp)
        en_inputs = typst_inputs(article, image, fonts, folder / "typst-en")
        zh_inputs = typst_inputs(zh, None, fonts, folder / "typst-zh")
        typst_warm = median_time(lambda: typst_alone(en_inputs, fonts), runs)
        zh_typst_warm = median_time(lambda: typst_alone(zh_inputs, fonts), runs)
        pdf_warm = median_time(lambda: pdf.article_to_pdf(article, image_source=source), runs)
        zh_warm = median_time(lambda: pdf.article_to_pdf(zh), runs)
        text_s = median_time(lambda: article_to_text(article), runs * 10)
        zh_text_s = median_time(lambda: article_to_text(zh, wrap=80), runs * 10)
        md_s = median_time(lambda: article_to_markdown(article), runs * 10)

        python_s = median_time(
            lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs
        )
        inputs_file = folder / "typst-en.json"
        inputs_file.write_text(json.dumps(en_inputs), encoding="utf-8")
        typst_process_s = median_time(
            lambda: subprocess.run(
                [sys.executable, "-c", TYPST_ALONE, str(inputs_file)], check=True
            ),
            runs,
        )
        commands = time_commands(article, image, max(runs // 2, 3), folder / "command")

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf.article_to_pdf(article, image_source=source))).pages)
    zh_pages = len(PdfReader(io.BytesIO(pdf.article_to_pdf(zh))).pages)

    print(f"article: {what}, {pages} pages; Chinese article: {zh_pages} pages")
    print(f"font scan (first in this process): {scan_s:.3f} s, {len(fonts.faces)} families")
    rows = [
        ("typst alone, warm, real page + 3 images", typst_warm, None),
        ("PDF warm, real page + 3 images", pdf_warm, typst_warm),
        ("typst alone, warm, two-page Chinese", zh_typst_warm, None),
        ("PDF warm, two-page Chinese", zh_warm, zh_typst_warm),
        ("python -c pass", python_s, None),
        ("typst alone, a whole process", typst_process_s, None),
        ("export command, online, images fetched", commands["export_online_s"], typst_process_s),
        ("export command, online, images kept", commands["export_online_kept_s"], typst_process_s),
        ("export command, offline, no images kept", commands["export_offline_s"], typst_process_s),
        (
            "export command, offline, images kept",
            commands["export_offline_kept_s"],
            typst_process_s,
        ),
    ]
    for label, seconds, baseline in rows:
        ratio = f"  ({seconds / baseline:.1f}× {'typst alone'})" if baseline else ""
        print(f"{label + ':':<44}{seconds:.3f} s{ratio}")
    print(
        f"text: {text_s * 1000:.2f} ms (Chinese wrapped at 80: {zh_text_s * 1000:.2f} ms); "
        f"Markdown: {md_s * 1000:.2f} ms"
    )
    result = {
        "pdf_warm_s": round(pdf_warm, 4),
        "typst_warm_s": round(typst_warm, 4),
        "pdf_to_typst_ratio": round(pdf_warm / typst_warm, 2),
        "zh_pdf_warm_s": round(zh_warm, 4),
        "zh_typst_warm_s": round(zh_typst_warm, 4),
        "text_ms": round(text_s * 1000, 3),
        "md_ms": round(md_s * 1000, 3),
        "python_s": round(python_s, 3),
        "typst_process_s": round(typst_process_s, 3),
        **{name: round(seconds, 3) for name, seconds in commands.items()},
    }
    misses = [k for k, limit in TARGETS.items() if result[k] > limit]
    print("targets met" if not misses else f"targets missed: {', '.join(misses)}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
