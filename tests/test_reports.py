"""Reports for the Dialogue Platform and country briefs: numbers computed by hand from the
fixture site's records, the PDFs read back (text, metadata, size, fonts) and the PDF cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, REPO_CONTENT, SITE_CONTENT, between_elements, site_markdown
from mkdocs.utils import meta
from pypdf import PdfReader

from acsg.briefs import render_brief, states
from acsg.locations import brief_pdf
from acsg.printables import STATS, secretariat_email, write_printables
from acsg.render.print import to_html, to_pdf
from acsg.render.reports import render_report, report_pdf
from acsg.report import Period, build_report, half_year, history, needs_by, placed
from acsg.validation import load_catalogue

TODAY = date(2026, 11, 23)  # the fixture site's ACSG_TODAY
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def catalogue():
    loaded, problems = load_catalogue(SITE_CONTENT)
    assert not problems
    return loaded


def half(slug: str) -> Period:
    year, which = slug.split("-h")
    return half_year(date(int(year), 1 if which == "1" else 7, 1))


def test_partial_dates_count_on_the_last_day_they_cover() -> None:
    assert placed("2023") == date(2023, 12, 31)
    assert placed("2024-04") == date(2024, 4, 30)
    assert placed("2024-02-03") == date(2024, 2, 3)
    assert placed("tbc") is None and placed("ongoing") is None and placed(None) is None


def test_the_history_runs_by_half_year_from_the_first_dated_thing_to_today(catalogue) -> None:
    # The earliest date the fixture gives: the request's year, 2023 (its 1 January).
    assert [p.slug for p in history(catalogue, TODAY)] == [
        f"{year}-h{h}" for year in range(2023, 2027) for h in (1, 2)
    ]
    assert half("2025-h2") == Period(date(2025, 7, 1), date(2025, 12, 31))
    assert Period(date(2025, 1, 1), date(2025, 3, 31)).slug == "2025-01-01--2025-03-31"


def test_report_numbers_computed_by_hand(catalogue) -> None:
    # 2023, second half: the request (year 2023, so 31 December 2023) is new; nothing else is
    # dated in it. At 31 December 2023 the request was open (its staged updates come in 2024,
    # it is not fulfilled now) and no match linked it yet (the match starts in April 2024).
    # The commitment says no year and has no update: its state then cannot be told.
    report = build_report(catalogue, half("2023-h2"), TODAY)
    assert [p.id for p in report.new_pledges] == ["utopia-registration-request"]
    assert report.new_pledges_by_kind() == {"request": 1}
    assert report.undated_pledges == 2  # the offer and the commitment give no year
    assert report.new_matches == [] and report.undated_matches == 0
    assert report.stage_changes == [] and report.updates == []
    assert [p.id for p in report.needs_then] == ["utopia-registration-request"]
    assert report.needs_untold == 1
    # Today the commitment is the only open need no match links (the request is matched).
    assert [p.id for p in report.needs_now] == ["utopia-appeals-commitment"]
    assert needs_by(catalogue, report, "areas") == [
        ("legal-framework", 0, 1),
        ("procedures-systems", 1, 0),
    ]
    assert needs_by(catalogue, report, "regions") == [("europe", 1, 1)]
    assert [e.id for e in report.events_upcoming] == [
        "fixture-regional-workshop",
        "fixture-global-meeting",
    ]

    # 2024, first half: the match starts (April 2024: 30 April); the request's two staged
    # updates (1 March: planning, 1 June: in progress) are its stage changes and updates.
    report = build_report(catalogue, half("2024-h1"), TODAY)
    assert report.new_pledges == []
    assert [m.id for m in report.new_matches] == ["atlantis-utopia"]
    assert [(c.day, c.stage) for c in report.stage_changes] == [
        (date(2024, 6, 1), "in-progress"),
        (date(2024, 3, 1), "planning"),
    ]
    assert len(report.updates) == 2
    assert report.fulfilled == [] and report.offers_ended == [] and report.events_held == []
    assert report.needs_then == [] and report.needs_untold == 1  # the request is matched

    # 2025, first half: the workshop (10 June 2025) was held; the meeting (2030) is upcoming.
    report = build_report(catalogue, half("2025-h1"), TODAY)
    assert [e.id for e in report.events_held] == ["fixture-regional-workshop"]
    assert [e.id for e in report.events_upcoming] == ["fixture-global-meeting"]
    assert report.new_matches == [] and report.updates == []


def test_a_report_page_speaks_its_language_and_says_how_it_counts(catalogue) -> None:
    text = render_report(catalogue, half("2024-h1"), TODAY, "fr")
    assert f"# Rapport pour la Plateforme de dialogue{NNBSP}: 2024, premier semestre" in text
    assert "## Nouvelles mises en relation" in text
    assert "Comment ces nombres sont calculés" in text
    assert "| Nouvelles mises en relation | 1 |" in text
    assert "| Changements d'étape | 2 |" in text
    assert '<a href="../../../reports/acsg-report-2024-h1-fr.pdf">PDF</a>' in text
    assert "(../matches/atlantis-utopia.md)" in text
    # The charts' numbers are in tables beside them.
    assert '<svg class="acsg-chart"' in text
    assert "| Cadres législatifs et réglementaires | 0 | 1 |" in text


# A link of a report's Markdown to a generated page (``../matches/atlantis-utopia.md``, from
# _generated/reports/2024-h1.md) as MkDocs publishes it, from reports/2024-h1/.
_PAGE_LINK = re.compile(r'href="\.\./([^"]*?)(?:/index)?\.md"')


@pytest.mark.parametrize("content", [SITE_CONTENT, REPO_CONTENT], ids=["fixture", "shipped"])
def test_a_report_page_is_the_html_markdown_makes_of_its_report(content: Path) -> None:
    """The site publishes each report in HTML (report.html.j2, without Markdown's work); the
    report's Markdown (report.md.j2: `acsg report`, the PDFs) makes the same HTML, but for the
    whitespace between elements, which no published page keeps (acsg.compact)."""
    loaded, _ = load_catalogue(content)
    periods = history(loaded, TODAY)
    assert len(periods) > 4
    for period in periods:
        for lang in ("en", "fr", "es"):
            page = render_report(loaded, period, TODAY, lang, html=True)
            markdown = render_report(loaded, period, TODAY, lang)
            (html_body, html_meta), (md_body, md_meta) = (
                meta.get_data(page),
                meta.get_data(markdown),
            )
            assert html_meta == md_meta
            made = _PAGE_LINK.sub(r'href="../../\1/"', site_markdown().convert(md_body))
            assert between_elements(html_body) == between_elements(made), (period.slug, lang)


def test_acsg_report_writes_markdown_html_and_pdf(tmp_path: Path) -> None:
    env = {**os.environ, "ACSG_CONTENT": str(SITE_CONTENT), "ACSG_TODAY": TODAY.isoformat()}
    command = [sys.executable, "-m", "acsg.cli", "report", "--from", "2024-01-01"]
    markdown = subprocess.run(
        [*command, "--to", "2024-06-30", "--lang", "es", "--site-url", "https://example.org/"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    ).stdout
    assert "# Informe para la Plataforma de Diálogo: 2024, primer semestre" in markdown
    assert "(https://example.org/es/matches/atlantis-utopia/)" in markdown
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [*command, "--to", "2024-06-30", "--format", "pdf", "--out", str(pdf)],
        env=env,
        cwd=REPO,
        check=True,
    )
    reader = PdfReader(pdf)
    assert reader.metadata.title == "Report for the Dialogue Platform: 2024, first half"
    assert "New matches" in "".join(page.extract_text() for page in reader.pages)
    wrong = subprocess.run(
        [*command, "--to", "2023-01-01"], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert wrong.returncode == 2 and "--to is before --from" in wrong.stderr


def _brief(catalogue, code: str, lang: str) -> bytes:
    text, title = render_brief(catalogue, code, TODAY, lang, site_url="https://example.org/")
    return to_pdf(to_html(text, title=title, lang=lang, secretariat_email="acsg@unhcr.org"))


def test_a_french_brief_shows_french_labels_and_the_states_records(
    catalogue, tmp_path: Path
) -> None:
    assert states(catalogue) == {"MLT": "atlantis", "ISL": "utopia"}
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(_brief(catalogue, "ISL", "fr"))
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext writes every space as an ordinary one: the narrow no-break spaces French puts
    # before ":" are checked in the fonts' ToUnicode maps below.
    shown = shown.replace(NNBSP, " ")
    for words in (
        "Fiche pays : Islande",
        "Région du HCR",
        "Demandes d'appui",
        "Engagements",
        "Mises en relation où il reçoit un appui",
        "Bonnes pratiques",
        "Fixture : appui à l'enregistrement en Utopie",  # French typography
        "Fixture: an independent appeals body",  # no French text: shown in English
        "Malte \N{EN DASH} Islande",
        "En cours",
        "acsg@unhcr.org",
    ):
        assert words in shown, words
    assert "Atlantis offers registration expertise" not in shown  # Malta's offer, not Iceland's
    # Metadata: title, language, author; one A4 page or two; under 200 KB.
    reader = PdfReader(pdf)
    assert reader.metadata.title == f"Fiche pays{NNBSP}: Islande"
    assert reader.metadata.author == "ACSG portal"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert 1 <= len(reader.pages) <= 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    assert pdf.stat().st_size < 200_000
    # French typography: U+202F is drawn with a glyph of its own (the shipped fonts have one),
    # so that the PDF's text keeps it.
    maps = [
        font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1").upper()
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    ]
    assert all("202F" in cmap for cmap in maps)
    # The fonts are the shipped ones, embedded (a subset).
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Sans" in fonts and "DejaVu" not in fonts


def test_printed_documents_fetch_nothing_but_the_shipped_fonts() -> None:
    html = to_html(
        '# T\n\n<img src="https://example.org/x.png" alt="x">\n\n![y](file:///etc/hostname)',
        title="T",
        lang="en",
        secretariat_email="a@b.c",
    )
    # WeasyPrint logs and skips what it may not fetch: the PDF has no image.
    assert b"/Subtype /Image" not in to_pdf(html)
    licence = (REPO / "src/acsg/data/fonts/OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_the_country_page_links_the_brief_where_it_is_published(catalogue) -> None:
    from acsg.render.pages import site_pages

    page = next(p for p in site_pages(catalogue, TODAY) if p.path == "countries/isl")
    text = page.render("fr")
    assert f'<a href="../../../{brief_pdf("ISL", "fr")}">Fiche pays (PDF)</a>' in text


def test_pdfs_are_made_once_and_reused_while_what_they_show_is_unchanged(
    catalogue, tmp_path: Path
) -> None:
    email = secretariat_email(REPO / "mkdocs.yml")
    assert email == "acsg@unhcr.org"

    def write(loaded, folder: str):
        return write_printables(
            loaded,
            tmp_path / folder,
            today=TODAY,
            site_url="https://example.org/",
            email=email,
            cache_dir=tmp_path / "cache",
            languages=["fr"],
        )

    first = write(catalogue, "site1")
    assert (first.made, first.reused) == (10, 0)  # 8 half-years and 2 States, in French
    assert report_pdf(half("2024-h1"), "fr") in first.written
    cached = {path: path.stat().st_mtime_ns for path in (tmp_path / "cache").rglob("*.pdf")}
    assert len(cached) == 10
    second = write(catalogue, "site2")
    assert (second.made, second.reused) == (0, 10)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*.pdf")} == cached
    assert json.loads((tmp_path / "cache" / STATS).read_text()) == {"made": 0, "reused": 10}
    for location in first.written:
        assert (tmp_path / "site1" / location).read_bytes() == (
            tmp_path / "site2" / location
        ).read_bytes()

    # A change to what a brief shows makes that brief again, and only the documents showing it.
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    commitment = content / "pledges" / "utopia-appeals-commitment.yaml"
    commitment.write_text(
        commitment.read_text().replace("an independent appeals body", "an appeals body"),
        encoding="utf-8",
    )
    changed, problems = load_catalogue(content)
    assert not problems
    third = write(changed, "site3")
    # Iceland's brief names the commitment; no report lists it (it is not dated), Malta's
    # brief does not show it.
    assert (third.made, third.reused) == (1, 9)


def test_the_built_site_publishes_reports_and_briefs_and_reuses_its_pdfs(built: Path) -> None:
    site = built / "site2"
    for prefix, lang in (("", "en"), ("fr/", "fr"), ("es/", "es")):
        assert (site / prefix / "reports" / "index.html").is_file()
        page = (site / prefix / "reports" / "2024-h1" / "index.html").read_text(encoding="utf-8")
        pdf = re.search(rf'href="([^"]*acsg-report-2024-h1-{lang}\.pdf)"', page)
        assert pdf, f"{prefix}reports/2024-h1/ does not link its PDF"
        folder = site / prefix / "reports" / "2024-h1"
        assert (folder / pdf[1]).resolve() == (site / report_pdf(half("2024-h1"), lang)).resolve()
        country = (site / prefix / "countries" / "isl" / "index.html").read_text(encoding="utf-8")
        assert f"briefs/acsg-brief-isl-{lang}.pdf" in country
        for location in (report_pdf(half("2024-h1"), lang), brief_pdf("ISL", lang)):
            assert (site / location).read_bytes().startswith(b"%PDF-")
    # The project was built twice: the second build made no PDF, it took all 30 from the cache
    # (8 half-years and 2 States, in three languages).
    stats = json.loads((built / ".cache" / "printables" / STATS).read_text(encoding="utf-8"))
    assert stats == {"made": 0, "reused": 30}
