"""Export speed: PDF of the real page of 2025-10-17 (with three stand-in images) and of a two-page
Chinese article, warm (fonts already scanned, as in the running app) and as a whole cold process
(``python -c`` that imports the package and exports once, as ``mfa-reader export`` does); plain
text and Markdown in milliseconds.

Baselines measured in the same run: a one-line typst document compiled with the same fonts (warm)
and ``python -c pass`` (cold); the ratios show what the article itself costs.
Targets: PDF ≤ 0.3 s warm, ≤ 1 s cold; text and Markdown ≤ 20 ms.
The last line is one JSON object. Usage: ``python benchmarks/export.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from mfa_reader.export.fonts import font_library  # noqa: E402
from mfa_reader.export.markdown import article_to_markdown  # noqa: E402
from mfa_reader.export.pdf import article_to_pdf  # noqa: E402
from mfa_reader.export.text import article_to_text  # noqa: E402
from mfa_reader.model import Article  # noqa: E402
from samples import long_chinese_article, sample_article  # noqa: E402

REAL_PAGE = (
    ROOT.parent
    / "shared"
    / "mfa_pages"
    / "en_current_article_lxjzh_press-conference_2025-10-17_t20251017_11735636.html"
)
REAL_URL = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html"
TARGETS = {"pdf_warm_s": 0.3, "pdf_cold_s": 1.0, "zh_pdf_warm_s": 0.3, "text_ms": 20.0}


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


COLD = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {src!r})
from mfa_reader.export.files import export_article
from mfa_reader.model import Article
import json
article = Article.from_dict(json.loads(Path({article!r}).read_text("utf-8")))
image = Path({image!r}).read_bytes()
with tempfile.TemporaryDirectory() as out:
    export_article(article, "pdf", out, image_source=lambda url: image)
"""


def cold_process(article: Article, image: bytes, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        article_file = Path(tmp) / "article.json"
        article_file.write_text(json.dumps(article.to_dict(), ensure_ascii=False), "utf-8")
        image_file = Path(tmp) / "image.png"
        image_file.write_bytes(image)
        code = COLD.format(src=str(ROOT / "src"), article=str(article_file), image=str(image_file))

        def run() -> None:
            subprocess.run([sys.executable, "-c", code], check=True)

        run()  # the page cache holds the fonts and modules from here on, as on a used machine
        return median_time(run, runs)


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
    article_to_pdf(article, image_source=source)  # warm: fonts read, template loaded
    article_to_pdf(zh)

    import typst

    def hello() -> None:
        typst.compile(b"Hello", font_paths=fonts.fonts, ignore_system_fonts=True, format="pdf")

    baseline_warm = median_time(hello, runs)
    pdf_warm = median_time(lambda: article_to_pdf(article, image_source=source), runs)
    zh_warm = median_time(lambda: article_to_pdf(zh), runs)
    text_s = median_time(lambda: article_to_text(article), runs * 10)
    zh_text_s = median_time(lambda: article_to_text(zh, wrap=80), runs * 10)
    md_s = median_time(lambda: article_to_markdown(article), runs * 10)

    baseline_cold = median_time(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs
    )
    pdf_cold = cold_process(article, image, max(runs // 2, 3))
    zh_cold = cold_process(zh, image, max(runs // 2, 3))

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(article_to_pdf(article, image_source=source))).pages)
    zh_pages = len(PdfReader(io.BytesIO(article_to_pdf(zh))).pages)

    print(f"article: {what}, {pages} pages; Chinese article: {zh_pages} pages")
    print(f"font scan (first in this process): {scan_s:.3f} s, {len(fonts.faces)} families")
    rows = [
        ("baseline warm (one-line typst PDF)", baseline_warm, None),
        ("PDF warm, real page + 3 images", pdf_warm, baseline_warm),
        ("PDF warm, two-page Chinese", zh_warm, baseline_warm),
        ("baseline cold (python -c pass)", baseline_cold, None),
        ("PDF cold process, real page", pdf_cold, baseline_cold),
        ("PDF cold process, Chinese", zh_cold, baseline_cold),
    ]
    for label, seconds, baseline in rows:
        ratio = f"  ({seconds / baseline:.1f}× baseline)" if baseline else ""
        print(f"{label + ':':<36}{seconds:.3f} s{ratio}")
    print(
        f"text: {text_s * 1000:.2f} ms (Chinese wrapped at 80: {zh_text_s * 1000:.2f} ms); "
        f"Markdown: {md_s * 1000:.2f} ms"
    )
    result = {
        "pdf_warm_s": round(pdf_warm, 4),
        "pdf_cold_s": round(pdf_cold, 3),
        "zh_pdf_warm_s": round(zh_warm, 4),
        "text_ms": round(text_s * 1000, 3),
        "md_ms": round(md_s * 1000, 3),
        "zh_pdf_cold_s": round(zh_cold, 3),
    }
    misses = [k for k, limit in TARGETS.items() if result[k] > limit]
    print("targets met" if not misses else f"targets missed: {', '.join(misses)}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
