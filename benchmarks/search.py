"""Search and list speed of the cache at 100,000 articles in the six languages.

Generates the articles (2–5 KB of body each, words drawn with a Zipf law from a vocabulary per
language, real diplomatic words among invented ones) into a cache file in a temporary folder, then
measures, in the same run:

- full-text search through ``Cache.search`` (trigram index, bm25, snippets): p50 and p95 over a set
  of queries in every language, each run several times;
- the baseline: a LIKE scan of the same table (``title LIKE '%q%' OR body LIKE '%q%'``, newest 50),
  which is what a search without the index has to do;
- opening the cache and reading the first page of the list (``Cache.open`` + ``entries(limit=100)``)
  in fresh processes.

Targets: FTS p95 ≤ 50 ms and ≥ 20× faster than the scan; open + first page ≤ 30 ms.
The last line is one JSON object.
Usage: ``python benchmarks/search.py [--articles N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import multiprocessing
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from mfa_reader.cache import Cache
from mfa_reader.cache.search import fts_query, parse_terms

BEIJING = timezone(timedelta(hours=8))

REAL_WORDS = {
    "en": "China cooperation development Belt and Road Initiative spokesperson foreign ministry "
    "sovereignty territorial integrity multilateralism climate change Kazakhstan Ukraine crisis "
    "dialogue consultation peaceful reunification Taiwan region question answer press conference "
    "summit bilateral relations trade investment connectivity United Nations Security Council "
    "humanitarian assistance ceasefire negotiation mutual respect win-win shared future mankind "
    "Global Development Initiative Global Security Initiative Africa Europe ASEAN BRICS "
    "Shanghai Cooperation Organization stability prosperity green transition digital economy",
    "fr": "Chine coopération développement Initiative la Ceinture et la Route porte-parole "
    "ministère des Affaires étrangères souveraineté intégrité territoriale multilatéralisme "
    "changement climatique dialogue consultation réunification pacifique question réponse "
    "conférence de presse sommet relations bilatérales commerce investissement Nations Unies "
    "Conseil de sécurité aide humanitaire cessez-le-feu négociation respect mutuel avenir partagé "
    "humanité Afrique Europe stabilité prospérité transition verte économie numérique",
    "es": "China cooperación desarrollo Iniciativa de la Franja y la Ruta portavoz Ministerio de "
    "Relaciones Exteriores soberanía integridad territorial multilateralismo cambio climático "
    "diálogo consulta reunificación pacífica pregunta respuesta conferencia de prensa cumbre "
    "relaciones bilaterales comercio inversión Naciones Unidas Consejo de Seguridad ayuda "
    "humanitaria alto el fuego negociación respeto mutuo futuro compartido humanidad África "
    "Europa América Latina estabilidad prosperidad transición verde economía digital",
    "ru": "Китай сотрудничество развитие инициатива Пояс и путь официальный представитель МИД "
    "суверенитет территориальная целостность многосторонность изменение климата диалог "
    "консультации мирное воссоединение вопрос ответ пресс-конференция саммит двусторонние "
    "отношения торговля инвестиции ООН Совет Безопасности гуманитарная помощь прекращение огня "
    "переговоры взаимное уважение общее будущее человечества Россия Москва Пекин стабильность "
    "процветание зеленый переход цифровая экономика ШОС БРИКС",
    "ar": "الصين التعاون التنمية مبادرة الحزام والطريق المتحدث الرسمي وزارة الخارجية السيادة "
    "وحدة الأراضي التعددية تغير المناخ الحوار التشاور إعادة التوحيد السلمي سؤال جواب مؤتمر "
    "صحفي قمة العلاقات الثنائية التجارة الاستثمار الأمم المتحدة مجلس الأمن المساعدات الإنسانية "
    "وقف إطلاق النار المفاوضات الاحترام المتبادل المستقبل المشترك البشرية أفريقيا أوروبا "
    "المملكة العربية السعودية مصر الاستقرار الازدهار التحول الأخضر الاقتصاد الرقمي",
    "zh": "中方 合作 发展 一带一路 倡议 外交部 发言人 主权 领土完整 多边主义 气候变化 哈萨克斯坦 "
    "乌克兰 危机 对话 协商 和平统一 台湾 地区 问 答 例行记者会 峰会 双边关系 贸易 投资 互联互通 "
    "联合国 安理会 人道主义 援助 停火 谈判 相互尊重 合作共赢 人类命运共同体 全球发展倡议 "
    "全球安全倡议 非洲 欧洲 东盟 金砖国家 上海合作组织 稳定 繁荣 绿色转型 数字经济 王毅 毛宁 "
    "林剑 郭嘉昆 中美 中俄 中欧 关系 表示 指出 强调 希望 坚定 支持 推动 构建 双方 各方 国际社会",
}

# Letters or characters to make invented words from, so the vocabulary has a long tail.
ALPHABETS = {
    "en": "abcdefghilmnoprstuvwy",
    "fr": "abcdeéèfghilmnoprstuvy",
    "es": "abcdeéfghilmnñoprstuvyá",
    "ru": "абвгдежзиклмнопрстуфхцчшыэюя",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "zh": "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
    "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新",
}

QUERIES = {
    "en": ["cooperation", "Belt and Road", "spokesperson", "Kazakhstan", "climate change",
           "sovereignty", "ceasefire"],
    "zh": ["外交部", "人类命运共同体", "发言人", "一带一路", "乌克兰", "多边主义", "上海合作组织"],
    "fr": ["coopération", "porte-parole", "développement", "cessez-le-feu"],
    "es": ["cooperación", "desarrollo", "soberanía", "alto el fuego"],
    "ru": ["сотрудничество", "развитие", "суверенитет", "Москва"],
    "ar": ["التعاون", "التنمية", "السيادة", "المفاوضات"],
}  # fmt: skip

SECTIONS = ("press-conferences", "spokesperson-remarks", "activities", "statements")
VOCABULARY_SIZE = 4000


class Language:
    """Word frequencies and text shapes of one edition."""

    def __init__(self, code: str, rng: random.Random) -> None:
        self.code = code
        self.spaced = code != "zh"
        real = REAL_WORDS[code].split()
        letters = ALPHABETS[code]
        invented: set[str] = set()
        while len(invented) < VOCABULARY_SIZE - len(real):
            n = rng.choice((2, 2, 3, 4)) if code == "zh" else rng.randint(3, 11)
            invented.add("".join(rng.choice(letters) for _ in range(n)))
        words = real + sorted(invented)
        rng.shuffle(words)
        self.words = words
        self.cum_weights = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(words))))
        self.rng = rng

    def text(self, n_words: int, sentence: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n_words)
        if self.spaced:
            parts = [" ".join(words[i : i + sentence]) + "." for i in range(0, n_words, sentence)]
            return " ".join(parts)
        return "".join(
            "".join(words[i : i + sentence]) + ("。" if (i // sentence) % 3 == 2 else "，")
            for i in range(0, n_words, sentence)
        )

    def paragraphs(self) -> list[str]:
        """Paragraphs of 40–120 words until the body has 2–5 KB of UTF-8."""
        target = self.rng.randint(2000, 5000)
        out: list[str] = []
        size = 0
        while size < target:
            out.append(self.text(self.rng.randint(40, 120), 12 if self.spaced else 6))
            size += len(out[-1].encode()) + 1
        return out


_languages: list[Language] = []


def chunk_rows(chunk: int, size: int = 1000, seed: int = 20251017) -> list[tuple[object, ...]]:
    """Rows ``chunk * size`` to ``(chunk + 1) * size``, the same whichever process makes them."""
    if not _languages:
        vocabulary = random.Random(seed)
        _languages.extend(
            Language(code, vocabulary) for code in ("en", "zh", "fr", "es", "ru", "ar")
        )
    rng = random.Random(seed * 1_000_003 + chunk)
    for lang in _languages:
        lang.rng = rng
    start = datetime(2015, 1, 1, 9, 0, tzinfo=BEIJING)
    span = int(timedelta(days=3900).total_seconds())
    fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")  # noqa: UP017
    out: list[tuple[object, ...]] = []
    for i in range(chunk * size, (chunk + 1) * size):
        lang = _languages[i % 6]
        published = (start + timedelta(seconds=rng.randrange(span))).isoformat()
        title = lang.text(rng.randint(6, 14), 100).rstrip(".")
        paragraphs = lang.paragraphs()
        blocks = json.dumps(
            [{"kind": "paragraph", "text": p, "src": None} for p in paragraphs], ensure_ascii=False
        )
        body = "\n".join(paragraphs)
        doc_id = f"t{published[:10].replace('-', '')}_{10000000 + i}"
        url = (
            f"https://www.fmprc.gov.cn/{lang.code}/x/{published[:7].replace('-', '')}/{doc_id}.html"
        )
        out.append((
            url, lang.code, rng.choice(SECTIONS), doc_id, title, published, fetched,
            int(rng.random() < 0.3), int(rng.random() < 0.01), published[:10], fetched,
            hashlib.sha256(blocks.encode()).hexdigest(), blocks, body,
        ))  # fmt: skip
    return out


def build(path: Path, count: int) -> float:
    """Fill a new cache with ``count`` articles: text made in a second process while this one
    inserts, all in one transaction (the search index is filled by the schema's triggers)."""
    Cache.open(path).close()  # the schema, exactly as the app makes it
    began = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    # A bulk load needs no journal: were it to fail, the benchmark starts again. A bigger FTS5
    # buffer means fewer segments to merge; the default is put back afterwards.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 134217728)")
    chunks = (count + 999) // 1000
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        conn.execute("BEGIN")
        for n, batch in enumerate(pool.imap(chunk_rows, range(chunks))):
            conn.executemany(
                "INSERT INTO articles (url, edition, section, doc_id, title, published,"
                " fetched_at, read, starred, list_date, listed_at, content_hash, blocks, body)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch[: count - n * 1000],
            )
        conn.execute("COMMIT")
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 1048576)")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_fts(
    cache: Cache, path: Path, rounds: int
) -> tuple[list[float], dict[str, tuple[float, int]]]:
    times: list[float] = []
    per_query: dict[str, tuple[float, int]] = {}
    counter = sqlite3.connect(path)
    for edition, queries in QUERIES.items():
        for q in queries:
            hits = cache.search(q, limit=50)  # warm up; check it finds something
            assert hits, f"no hit for {q!r}"
            assert all("[[" in h.snippet for h in hits), q
            mine = []
            for _ in range(rounds):
                t = time.perf_counter()
                cache.search(q, limit=50)
                mine.append((time.perf_counter() - t) * 1000)
            times += mine
            matches = counter.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                (fts_query(parse_terms(q)),),
            ).fetchone()[0]
            per_query[f"{edition}:{q}"] = (statistics.median(mine), matches)
    counter.close()
    return times, per_query


def measure_like(path: Path) -> list[float]:
    """Every match of each query by scanning: what ranking without the index has to read."""
    conn = sqlite3.connect(path)
    times = []
    for queries in QUERIES.values():
        for q in queries[:2]:  # each scan reads the whole table (~2 GB): two per language
            t = time.perf_counter()
            conn.execute(
                "SELECT id, published FROM articles"
                " WHERE removed = 0 AND (title LIKE ?1 OR body LIKE ?1)",
                (f"%{q}%",),
            ).fetchall()
            times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return times


OPEN_FIRST_PAGE = """
import sys, time
from pathlib import Path
from mfa_reader.cache import Cache
from mfa_reader.cache.search import fts_query, parse_terms
t = time.perf_counter()
cache = Cache.open(Path(sys.argv[1]))
page = cache.entries(limit=100)
ms = (time.perf_counter() - t) * 1000
assert len(page) == 100
cache.close()
print(ms)
"""


def measure_open(path: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", OPEN_FIRST_PAGE, str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        out.append(float(done.stdout.strip()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="runs of each FTS query")
    parser.add_argument("--keep", type=Path, help="build the cache in this folder and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mfa-search-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "cache.sqlite3"
        if path.exists():
            print(f"using the existing {path}")
        else:
            seconds = build(path, args.articles)
            print(f"built {args.articles:,} articles in {seconds:.1f} s")
        size = path.stat().st_size / 2**20
        conn = sqlite3.connect(path)
        body_kb = conn.execute("SELECT avg(length(CAST(body AS BLOB))) FROM articles").fetchone()
        conn.close()
        print(f"file {size:,.0f} MiB; average body {body_kb[0] / 1024:.1f} KB")

        open_ms = measure_open(path, 7)
        print("open + first page (fresh processes), ms:", " ".join(f"{m:.1f}" for m in open_ms))

        with Cache.open(path) as cache:
            fts, per_query = measure_fts(cache, path, args.rounds)
        report_fts(fts, per_query)
        like = measure_like(path)

    fts_p50, fts_p95 = percentile(fts, 0.5), percentile(fts, 0.95)
    like_p50, like_p95 = percentile(like, 0.5), percentile(like, 0.95)
    print(f"like p50 {like_p50:.1f} ms  p95 {like_p95:.1f} ms  ({len(like)} full scans)")
    result = {
        "fts_p50_ms": round(fts_p50, 2),
        "fts_p95_ms": round(fts_p95, 2),
        "like_p95_ms": round(like_p95, 2),
        "speedup": round(like_p95 / fts_p95, 1),
        "open_first_page_ms": round(statistics.median(open_ms), 2),
    }
    print(json.dumps(result))


def report_fts(times: list[float], per_query: dict[str, tuple[float, int]]) -> None:
    print("FTS through Cache.search (50 best of all matches), median of each query:")
    for name, (ms, matches) in per_query.items():
        print(f"  {name:<28} {ms:7.2f} ms  {matches:7,} matches")
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    print(f"fts  p50 {p50:.1f} ms  p95 {p95:.1f} ms  ({len(times)} runs)")


if __name__ == "__main__":
    main()
