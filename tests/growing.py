"""A list of the test site that the ministry keeps adding to, twenty entries a page.

``GrowingList(server, 60)`` serves the English "Spokesperson's Remarks" list with 60 articles,
newest first, and the 60 articles; ``publish(20)`` adds 20 newer ones, which push every older
entry down the pages, as on the real site. Pages are made in the shapes of the fixture site.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from siteserver import SiteServer

SECTION = "spokesperson-remarks"
LIST_PATH = "/eng/xw/fyrbt/"
PER_PAGE = 20
SITE = "https://www.fmprc.gov.cn"
FIRST_DAY = date(2026, 1, 1)

LIST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="UTF-8">
<meta name="ColumnName" content="Spokesperson’s Remarks">
<title>Spokesperson’s Remarks_Ministry of Foreign Affairs of the People's Republic of China</title>
</head><body>
<div class="list"><div class="news_list">
{entries}
</div>
<div class="page"><script language="JavaScript">
var currentPage = {page};//所在页从0开始
var countPage = {pages}//共多少页
createPageHTML({pages}, {page}, "index", "html");
</script></div></div>
</body></html>
"""

ENTRY = (
    '<div><a href="./{month}/t{stamp}_{doc_id}.html" target="_blank">{title}</a>'
    "<div>{day:%B %-d, %Y}</div></div>"
)

ARTICLE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="UTF-8">
<meta name="ColumnName" content="Spokesperson’s Remarks">
<meta name="ArticleTitle" content="{title}" />
<meta name="PubDate" content="{day:%Y-%m-%d}" />
<meta name="Url" content="{url}" />
<title>{title}_Ministry of Foreign Affairs of the People's Republic of China</title>
</head><body>
<div class="news_header"><div class="news_header_title">{title}</div>
<div class="news_header_time"><span class="xltime">{day:%B %-d, %Y} 18:00</span></div></div>
<div class="news_content"><div class="content_text">
<div class="TRS_UEDITOR trs_paper_default trs_web">
<p>Remarks number {number}: the text of the day.</p></div>
</div></div>
</body></html>
"""


class GrowingList:
    """The list and its articles, put on ``server`` over an empty site folder."""

    def __init__(self, server: SiteServer, count: int, root: Path) -> None:
        self.server = server
        self.count = 0
        root.mkdir(parents=True, exist_ok=True)
        server.root = root  # nothing of the fixture site: only what is put here
        self.publish(count)

    def publish(self, count: int) -> None:
        """Add ``count`` newer articles and serve every list page again."""
        for _ in range(count):
            self.count += 1
            self.server.put(self._path(self.count), self._article(self.count))
        numbers = list(range(self.count, 0, -1))  # newest first
        pages = max(1, -(-len(numbers) // PER_PAGE))
        for page in range(pages):
            entries = [self._entry(n) for n in numbers[page * PER_PAGE : (page + 1) * PER_PAGE]]
            name = "index.html" if page == 0 else f"index_{page}.html"
            self.server.put(
                LIST_PATH + name,
                LIST_PAGE.format(entries="\n".join(entries), page=page, pages=pages),
            )

    @property
    def urls(self) -> set[str]:
        """The canonical address of every article published so far."""
        return {SITE + self._path(n) for n in range(1, self.count + 1)}

    @staticmethod
    def page_path(page: int) -> str:
        return LIST_PATH + ("index.html" if page == 0 else f"index_{page}.html")

    # --- one article ---------------------------------------------------------------------------

    @staticmethod
    def _day(number: int) -> date:
        return FIRST_DAY + timedelta(days=number)

    def _path(self, number: int) -> str:
        day = self._day(number)
        return f"{LIST_PATH}{day:%Y%m}/t{day:%Y%m%d}_{99200000 + number}.html"

    @staticmethod
    def _title(number: int) -> str:
        return f"Spokesperson’s Remarks number {number}"

    def _entry(self, number: int) -> str:
        day = self._day(number)
        return ENTRY.format(
            month=f"{day:%Y%m}",
            stamp=f"{day:%Y%m%d}",
            doc_id=99200000 + number,
            title=self._title(number),
            day=day,
        )

    def _article(self, number: int) -> str:
        return ARTICLE_PAGE.format(
            title=self._title(number),
            day=self._day(number),
            url=SITE + self._path(number),
            number=number,
        )
