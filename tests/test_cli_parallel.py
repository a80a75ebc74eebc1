"""``mfa-reader show ID|URL --parallel EDITION``: an article with its translation, as a script
writer and a translator see it, against the fixture site on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from wcwidth import width

from siteserver import SiteServer
from test_cli import NO_RETRIES, OFFLINE, mfa

F = "https://www.fmprc.gov.cn/"
EN12 = F + "eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"
FR12 = F + "fra/xwfw/fyrth/lxjzzdh/202509/t20250913_99003912.html"
EN17 = F + "eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
RU17 = F + "rus/mtfw/ce_cegw_chn/lxjzhzhdh/202510/t20251019_99005017.html"
LEGACY_NEWS = F + "mfa_eng/topics_665678/kjgzbdfyyq/t1843999.shtml"
LEGACY_CONFERENCE = F + "mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1843996.shtml"
QUICK = {"MFA_READER_SPACING": "0"}


def test_text_is_each_paragraph_then_its_translation(site_server: SiteServer) -> None:
    result = mfa("show", EN12, "--parallel", "fr", "--origin", site_server.origin, env=QUICK)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].startswith("Foreign Ministry Spokesperson Guo Jiakun’s Regular Press")
    assert (
        "Conférence de presse du 12 septembre 2025 tenue par le porte-parole du ministère des "
        "Affaires étrangères Guo Jiakun"
    ) in out
    assert "Found by:  the date in its title" in out
    reuters = out.index(
        "Reuters: What agreements does China expect to sign during the Premier’s visit?"
    )
    assert out[reuters + 1] == (
        "    Reuters : Quels accords la Chine compte-t-elle signer pendant la visite du Premier "
        "ministre ?"
    )
    # Two English paragraphs, one French one: both, then the translation.
    assert out[reuters + 3].startswith("Guo Jiakun: The two sides are discussing")
    assert out[reuters + 4].startswith("We believe the visit will give new momentum")
    assert out[reuters + 5].startswith("    Guo Jiakun : Les deux parties discutent")
    # AFP's question is not in the French version: nothing follows it.
    afp = next(i for i, line in enumerate(out) if line.startswith("AFP: Can you confirm"))
    assert out[afp + 1] == ""
    # What was asked of the site is said on stderr; the second time nothing is asked.
    assert "looking for the French version: asking for" in result.stderr
    site_server.reset()
    again = mfa("show", EN12, "--parallel", "fr", "--origin", site_server.origin)
    assert again.returncode == 0
    assert again.stdout.split("Found by:")[1] == result.stdout.split("Found by:")[1]
    assert site_server.count() == 0 and again.stderr == ""


def test_text_wraps_each_language_at_the_width_asked(site_server: SiteServer) -> None:
    result = mfa(
        "show", EN12, "--parallel", "zh", "--wrap", "40", "--origin", site_server.origin, env=QUICK
    )
    assert result.returncode == 0, result.stderr
    body = result.stdout.split("Found by:")[1].splitlines()[1:]
    assert all(width(line) <= 40 for line in body if "[Image]" not in line)
    assert "\n    郭嘉昆：下午好。应瓦尔多利亚" in result.stdout


def test_json_is_both_articles_how_one_was_found_and_the_pairs(site_server: SiteServer) -> None:
    result = mfa(
        "show", EN17, "--parallel", "ru", "--json", "--origin", site_server.origin, env=QUICK
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"left", "right", "matched_by", "pairs"}
    shown = json.loads(mfa("show", EN17, "--json", check=True).stdout)
    assert data["left"] == shown  # what show --json prints
    assert data["right"]["url"] == RU17 and data["right"]["edition"] == "ru"
    assert data["right"]["removed_at"] is None
    assert data["matched_by"] == "link"
    lefts = sorted(i for p in data["pairs"] for i in p["left"])
    rights = sorted(j for p in data["pairs"] for j in p["right"])
    assert lefts == list(range(len(data["left"]["blocks"])))
    assert rights == list(range(len(data["right"]["blocks"])))
    first = data["pairs"][0]
    assert set(first) == {"left", "right", "score"} and 0 <= first["score"] <= 1
    # Who speaks is in the blocks, in each language's words.
    speakers = {b["speaker"] for b in data["right"]["blocks"]} - {None}
    assert speakers == {"Линь Цзянь", "Рейтер", "РИА Новости"}


def test_no_version_exits_1_and_says_where_it_looked(site_server: SiteServer) -> None:
    result = mfa(
        "show", LEGACY_CONFERENCE, "--parallel", "fr", "--json", "--origin", site_server.origin,
        env=QUICK,
    )  # fmt: skip
    assert result.returncode == 1
    assert "no French version of" in result.stderr
    assert "French press-conference list has no conference of 2020-12-24" in result.stderr
    data = json.loads(result.stdout)
    assert data["right"] is None and data["matched_by"] is None
    assert all(p["right"] == [] and p["score"] == 0 for p in data["pairs"])
    plain = mfa("show", LEGACY_NEWS, "--parallel", "zh", "--origin", site_server.origin)
    assert plain.returncode == 1 and plain.stdout == ""
    assert "only press conferences are also looked for by their date" in plain.stderr


def test_the_site_out_of_reach_is_said_plainly(site_server: SiteServer) -> None:
    assert mfa("show", EN12, "--origin", site_server.origin).returncode == 0  # cached
    result = mfa("show", EN12, "--parallel", "fr", "--origin", OFFLINE, env=NO_RETRIES)
    assert result.returncode == 1 and result.stdout == ""
    assert "the French version could not be looked for on the site" in result.stderr
    assert "try again later" in result.stderr


def test_its_own_edition_and_an_unknown_one_are_usage_errors(site_server: SiteServer) -> None:
    own = mfa("show", EN12, "--parallel", "en", "--origin", site_server.origin)
    assert own.returncode == 2 and "is itself the English version" in own.stderr
    unknown = mfa("show", EN12, "--parallel", "klingon")
    assert unknown.returncode == 2
    assert "--parallel: must be one edition, en, zh, fr, es, ru, ar" in unknown.stderr


# --- export ID|URL --parallel EDITION -------------------------------------------------------------


def test_export_writes_both_languages_into_a_file_named_by_both(
    site_server: SiteServer, tmp_path: Path
) -> None:
    result = mfa(
        "export", EN12, "--parallel", "fr", "--format", "md", "-o", f"{tmp_path}/",
        "--origin", site_server.origin, env=QUICK,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path and path.name.startswith("2025-09-12_en-fr_")
    text = path.read_text(encoding="utf-8")
    assert "**Reuters: What agreements does China expect to sign" in text
    assert "> **Reuters : Quels accords la Chine compte-t-elle signer" in text
    assert "looking for the French version" in result.stderr
    # The version is cached now: the text export asks the site for nothing.
    site_server.reset()
    again = mfa("export", EN12, "--parallel", "fr", "-f", "txt", "-o", "-", "--origin", OFFLINE)
    assert again.returncode == 0, again.stderr
    assert "    Reuters : Quels accords la Chine" in again.stdout
    assert site_server.count() == 0 and again.stderr == ""
    kept = mfa("export", EN12, "--parallel", "fr", "-f", "md", "-o", str(path))
    assert kept.returncode == 1 and "already exists" in kept.stderr and "--force" in kept.stderr


def test_export_json_is_what_show_parallel_json_prints(site_server: SiteServer) -> None:
    shown = mfa("show", EN17, "--parallel", "ru", "--json", "--origin", site_server.origin)
    assert shown.returncode == 0, shown.stderr
    exported = mfa("export", EN17, "--parallel", "ru", "-f", "json", "-o", "-")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == json.loads(shown.stdout)


def test_export_pdf_in_two_columns_or_interleaved(site_server: SiteServer, tmp_path: Path) -> None:
    for extra in ((), ("--interleave",)):
        path = tmp_path / f"parallel{len(extra)}.pdf"
        result = mfa(
            "export", EN12, "--parallel", "zh", "-o", str(path), *extra,
            "--origin", site_server.origin, env=QUICK,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        text = "".join(
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True
            ).stdout.split()
        )
        assert "Reuters:Whatagreements" in text and "路透社记者：中方希望" in text


def test_export_with_no_version_writes_nothing_and_says_why(
    site_server: SiteServer, tmp_path: Path
) -> None:
    result = mfa(
        "export", LEGACY_NEWS, "--parallel", "zh", "-f", "txt", "-o", f"{tmp_path}/",
        "--origin", site_server.origin, env=QUICK,
    )  # fmt: skip
    assert result.returncode == 1 and result.stdout == ""
    assert "no Chinese version of" in result.stderr and "nothing was written" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_parallel_is_one_article_in_a_format_that_holds_two() -> None:
    many = mfa("export", "--parallel", "zh", "--edition", "en")
    assert many.returncode == 2 and "give its ID|URL" in many.stderr
    lines = mfa("export", EN12, "--parallel", "zh", "-f", "jsonl")
    assert (
        lines.returncode == 2 and "--parallel exports txt, md, json, pdf, not jsonl" in lines.stderr
    )
    alone = mfa("export", EN12, "--interleave")
    assert alone.returncode == 2 and "--interleave lays out the PDF of --parallel" in alone.stderr
