"""Search and list speed of the cache at 100,000 articles in the six languages.

Generates the articles (bodies of a transcript's length, 7,000–12,000 characters, words drawn with
a Zipf law from a vocabulary per language, real diplomatic words among invented ones, so that rare
words exist) into a cache file in a temporary folder, then measures, in the same run:

- search as the reader's box does it, through ``Cache.search`` (every edition, whole words through
  the word index, Chinese through trigrams, bm25, three snippets a hit): p50 and p95 over queries
  in every language, common words and phrases and rare words of the vocabulary's tail, each run
  several times;
- the floor: the bare FTS5 query of the index that answers each query (``SELECT rowid … MATCH ?
  ORDER BY rank LIMIT 50``), which no search through that index can beat;
- the baseline: a LIKE scan of the same table (``title LIKE '%q%' OR body LIKE '%q%'``), which is
  what a search without an index has to do;
- opening the cache and reading the first page of the list (``Cache.open`` + ``entries(limit=100)``)
  in fresh processes.

Targets: search p95 ≤ 50 ms and ≥ 20× faster than the scan; open + first page ≤ 30 ms. The ratio
to the floor's p95 is reported: what lies above it is reading the 50 bodies for their snippets and,
for a query in Latin letters, looking for it in the Chinese articles through trigrams.
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
from mfa_reader.cache.schema import IN_LIST
from mfa_reader.cache.search import fts_query
from mfa_reader.search_query import is_unspaced, parse_query

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
        """Paragraphs of 40–120 words until the body has 7,000–12,000 characters."""
        target = self.rng.randint(7000, 12000)
        out: list[str] = []
        size = 0
        while size < target:
            out.append(self.text(self.rng.randint(40, 120), 12 if self.spaced else 6))
            size += len(out[-1]) + 1
        return out

    def rare_words(self) -> list[str]:
        """Words of the vocabulary's tail (ranks 1,500, 2,500 and 3,500 of 4,000): found in few
        articles, as most words a researcher looks for are."""
        shortest = 5 if self.spaced else 3  # Chinese of three characters: through trigrams
        return [
            next(w for w in self.words[rank:] if len(w) >= shortest) for rank in (1500, 2500, 3500)
        ]


_languages: list[Language] = []
SEED = 20251017


def languages() -> list[Language]:
    """The six vocabularies, the same in every process."""
    if not _languages:
        vocabulary = random.Random(SEED)
        _languages.extend(
            Language(code, vocabulary) for code in ("en", "zh", "fr", "es", "ru", "ar")
        )
    return _languages


def queries() -> dict[str, list[str]]:
    """The queries of each edition: common words and phrases, then rare words."""
    return {lang.code: [*QUERIES[lang.code], *lang.rare_words()] for lang in languages()}


def chunk_rows(chunk: int, size: int = 1000, seed: int = SEED) -> list[tuple[object, ...]]:
    """Rows ``chunk * size`` to ``(chunk + 1) * size``, the same whichever process makes them."""
    languages()
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


def measure_search(
    cache: Cache, path: Path, rounds: int
) -> tuple[list[float], list[float], dict[str, tuple[float, float, int]]]:
    """Times of ``Cache.search`` and of the bare FTS5 query under it, for every query; per query
    the two medians and how many articles match."""
    times: list[float] = []
    floor: list[float] = []
    per_query: dict[str, tuple[float, float, int]] = {}
    bare = sqlite3.connect(path)
    for edition, texts in queries().items():
        for text in texts:
            hits = cache.search(text, limit=50)  # warm up; check it finds something
            if not hits:  # words drawn apart need not meet in a small cache
                print(f"  no article has every word of {text!r}: left out")
                continue
            assert all("[[" in h.snippet for h in hits), text
            terms = parse_query(text).terms
            index = "articles_fts" if all(is_unspaced(t) for t in terms) else "articles_words"
            sql = f"SELECT rowid FROM {index} WHERE {index} MATCH ? ORDER BY rank LIMIT 50"
            mine, floors = [], []
            for _ in range(rounds):
                t = time.perf_counter()
                cache.search(text, limit=50)
                mine.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                bare.execute(sql, (fts_query(terms),)).fetchall()
                floors.append((time.perf_counter() - t) * 1000)
            times += mine
            floor += floors
            matches = bare.execute(
                f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", (fts_query(terms),)
            ).fetchone()[0]
            per_query[f"{edition}:{text}"] = (
                statistics.median(mine),
                statistics.median(floors),
                matches,
            )
    bare.close()
    return times, floor, per_query


def measure_like(path: Path) -> list[float]:
    """Every match of each query by scanning: what ranking without an index has to read."""
    conn = sqlite3.connect(path)
    times = []
    for texts in QUERIES.values():
        for q in texts[:2]:  # each scan reads the whole table: two per language
            t = time.perf_counter()
            conn.execute(
                f"SELECT id, published FROM articles WHERE {IN_LIST}"
                " AND (title LIKE ?1 OR body LIKE ?1)",
                (f"%{q}%",),
            ).fetchall()
            times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return times


OPEN_FIRST_PAGE = """
import sys, time
from pathlib import Path
from mfa_reader.cache import Cache
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
        chars = conn.execute("SELECT avg(length(body)) FROM articles").fetchone()[0]
        conn.close()
        print(f"file {size:,.0f} MiB; average body {chars:,.0f} characters")

        open_ms = measure_open(path, 7)
        print("open + first page (fresh processes), ms:", " ".join(f"{m:.1f}" for m in open_ms))

        with Cache.open(path) as cache:
            found, floor, per_query = measure_search(cache, path, args.rounds)
        report_search(found, floor, per_query)
        like = measure_like(path)

    p50, p95 = percentile(found, 0.5), percentile(found, 0.95)
    floor_p95 = percentile(floor, 0.95)
    like_p50, like_p95 = percentile(like, 0.5), percentile(like, 0.95)
    print(f"like p50 {like_p50:.1f} ms  p95 {like_p95:.1f} ms  ({len(like)} full scans)")
    result = {
        "search_p50_ms": round(p50, 2),
        "search_p95_ms": round(p95, 2),
        "floor_p95_ms": round(floor_p95, 2),
        "ratio_to_floor_p95": round(p95 / floor_p95, 2),
        "like_p95_ms": round(like_p95, 2),
        "speedup_over_like": round(like_p95 / p95, 1),
        "open_first_page_ms": round(statistics.median(open_ms), 2),
    }
    print(json.dumps(result))


def report_search(
    times: list[float], floor: list[float], per_query: dict[str, tuple[float, float, int]]
) -> None:
    print("Cache.search (50 best of all matches, every edition) and the bare FTS5 query, medians:")
    for name, (ms, floor_ms, matches) in per_query.items():
        print(f"  {name:<30} {ms:7.2f} ms  floor {floor_ms:7.2f} ms  {matches:7,} matches")
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    f50, f95 = percentile(floor, 0.5), percentile(floor, 0.95)
    print(f"search p50 {p50:.1f} ms  p95 {p95:.1f} ms;  floor p50 {f50:.1f} ms  p95 {f95:.1f} ms")


if __name__ == "__main__":
    main()
