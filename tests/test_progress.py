"""Progress and freshness: record timelines, the Progress page and feed, "No news since" on
record pages and ``acsg stale`` (rule: src/acsg/progress.py), on the fictitious fixture content.

In the fixture, on 23 November 2026: the request utopia-registration-request (in progress) has
updates of 1 March 2024 (planning, English only) and 1 June 2024 (in progress, English and
French); the match atlantis-utopia (in progress) has none and started in April 2024.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import SITE_CONTENT, page_tree, with_records

from acsg.catalogue import Catalogue
from acsg.cli import main
from acsg.models import MatchUpdate, PledgeUpdate
from acsg.outputs.common import context
from acsg.outputs.progress import feed_bytes
from acsg.progress import (
    STALE_AFTER_MONTHS,
    cutoff,
    is_stale,
    last_news,
    months_before,
    progress_entries,
    stale_records,
)
from acsg.render import pages as pages_module
from acsg.render.pages import site_pages, ways_in
from acsg.validation import load_catalogue

TODAY = date(2026, 11, 23)
PLEDGE = "utopia-registration-request"
MATCH = "atlantis-utopia"
SITE = "https://example.org/acsg/"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(SITE_CONTENT)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def pages(catalogue):
    return {page.path: page for page in site_pages(catalogue, TODAY)}


def news(model, day: str, text: str, stage: str | None = None):
    """A progress update as a record file gives it."""
    return model.model_validate({"date": day, "text": {"en": text}, "stage": stage})


def timeline(page, lang: str) -> list[tuple[str, lxml.html.HtmlElement]]:
    """The updates of a record page's timeline, newest first: (heading, its text)."""
    updates = page_tree(page, lang).xpath(".//div[@class='acsg-timeline']/h3")
    return [(heading.text_content(), heading.getnext()) for heading in updates]


def warning(page, lang: str) -> lxml.html.HtmlElement | None:
    """The "No news since" box of a record page, if it has one."""
    found = page_tree(page, lang).xpath(".//div[@class='admonition warning']")
    return found[0] if found else None


# --- the timeline of a record page ---------------------------------------------------------------


def test_record_timeline_is_newest_first_in_the_page_language_with_fallback(pages):
    page = pages[f"pledges/{PLEDGE}"]
    (june, june_text), (march, march_text) = timeline(page, "fr")[:2]
    assert june == "1 juin 2024 · Nouvelle étape\u202f: En cours"
    assert march == "1 mars 2024 · Nouvelle étape\u202f: Planification"
    assert june_text.text_content() == "Première formation organisée." and june_text.tag == "p"
    # The March update has no French text: shown in English, marked, and the page says so.
    assert march_text.tag == "div" and march_text.get("lang") == "en"
    assert march_text.text_content().strip() == "Needs assessment done."
    notes = page_tree(page, "fr").xpath(".//div[@class='admonition note']")
    assert "ne sont pas disponibles en français" in notes[0].text_content()


def test_timeline_says_new_stage_only_where_the_stage_changed(catalogue):
    pledge = catalogue.pledges[PLEDGE]
    again = news(PledgeUpdate, "2024-06-01", "Second.", "in-progress")
    changed = pledge.model_copy(update={"updates": [*pledge.updates, again]})
    page = {p.path: p for p in site_pages(with_records(catalogue, changed), TODAY)}
    english = [heading for heading, _ in timeline(page[f"pledges/{PLEDGE}"], "en")]
    assert english[:3] == [
        "1 June 2024 · Stage: In progress",  # listed last of the day: the newest
        "1 June 2024 · New stage: In progress",
        "1 March 2024 · New stage: Planning",
    ]


# --- "No news since" on record pages --------------------------------------------------------------

MARKERS = {
    "en": ("No news since 1 June 2024", "No news since April 2024"),
    "fr": ("Aucune nouvelle depuis le 1 juin 2024", "Aucune nouvelle depuis avril 2024"),
    "es": ("Sin noticias desde el 1 de junio de 2024", "Sin noticias desde abril de 2024"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_quiet_records_say_no_news_since_with_the_ways_to_report(pages, lang):
    for path, marker in zip((f"pledges/{PLEDGE}", f"matches/{MATCH}"), MARKERS[lang], strict=True):
        notice = warning(pages[path], lang)
        assert notice is not None, (path, lang)
        assert notice.xpath("p[@class='admonition-title']")[0].text_content() == marker
        assert [a.get("href") for a in notice.iter("a")] == [
            f"{{{{ repo_url }}}}/issues/new?template=progress-report.yml&record={path}",
            "../../submit/",
            "mailto:{{ secretariat_email }}",
        ]


def test_fresh_fulfilled_or_unstaged_records_have_no_marker(catalogue):
    pledge, match = catalogue.pledges[PLEDGE], catalogue.matches[MATCH]
    going = news(PledgeUpdate, "2026-11-01", "Going well.")
    fresh = pledge.model_copy(update={"updates": [*pledge.updates, going]})
    fulfilled = match.model_copy(update={"stage": "fulfilled"})
    page = {p.path: p for p in site_pages(with_records(catalogue, fresh, fulfilled), TODAY)}
    for path in (f"pledges/{PLEDGE}", f"matches/{MATCH}"):
        assert warning(page[path], "en") is None, path
    unstaged = match.model_copy(update={"stage": None})
    page = {p.path: p for p in site_pages(with_records(catalogue, unstaged), TODAY)}
    assert warning(page[f"matches/{MATCH}"], "en") is None
    assert not page_tree(page[f"matches/{MATCH}"], "en").xpath(".//h2[@id='progress-updates']")


# --- stale detection at the threshold's edges ----------------------------------------------------


def _pledge_with_news(catalogue: Catalogue, day: date | None, stage: str | None = "in-progress"):
    pledge = catalogue.pledges[PLEDGE]
    updates = [news(PledgeUpdate, day.isoformat(), "News.", stage)] if day else []
    return pledge.model_copy(
        update={"updates": updates, "stage": stage, "year": None, "timeframe": None}
    )


def test_threshold_is_six_calendar_months():
    assert STALE_AFTER_MONTHS == 6
    assert cutoff(TODAY) == date(2026, 5, 23)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_stale_after_exactly_the_threshold_and_not_before(catalogue):
    since = cutoff(TODAY)
    exactly = _pledge_with_news(catalogue, date(2026, 5, 23))
    day_more = _pledge_with_news(catalogue, date(2026, 5, 22))
    day_less = _pledge_with_news(catalogue, date(2026, 5, 24))
    assert not is_stale(exactly, since)  # exactly six months: not yet
    assert is_stale(day_more, since)
    assert not is_stale(day_less, since)
    assert is_stale(_pledge_with_news(catalogue, date(2026, 5, 22), "planning"), since)
    assert not is_stale(_pledge_with_news(catalogue, date(2020, 1, 1), "fulfilled"), since)
    assert not is_stale(_pledge_with_news(catalogue, None, None), since)


def test_without_updates_the_records_own_date_then_its_creation_counts(catalogue):
    since = cutoff(TODAY)
    pledge = _pledge_with_news(catalogue, None)
    assert last_news(pledge) == pledge.created.isoformat() == "2024-01-10"
    assert is_stale(pledge, since)
    recent = pledge.model_copy(update={"created": date(2026, 6, 1), "updated": date(2026, 6, 1)})
    assert not is_stale(recent, since)
    # A year covers its whole span: 2026 is news until its last day.
    of_this_year = pledge.model_copy(update={"year": 2026})
    assert last_news(of_this_year) == "2026" and not is_stale(of_this_year, since)
    match = catalogue.matches[MATCH]
    assert last_news(match) == "2024-04" and is_stale(match, since)
    assert not is_stale(match, date(2024, 4, 30)) and is_stale(match, date(2024, 5, 1))


def test_stale_records_are_oldest_news_first_with_whom_to_ask(catalogue):
    found = stale_records(catalogue, cutoff(TODAY))
    assert [(s.kind, s.record.id, s.last_news) for s in found] == [
        ("match", MATCH, "2024-04"),
        ("pledge", PLEDGE, "2024-06-01"),
    ]
    assert found[0].sides == [
        ("supporting", ["atlantis"]),
        ("requesting", ["utopia", "utopia-asylum-office"]),
    ]
    assert found[1].sides == [("pledged", ["utopia"])]
    assert stale_records(catalogue, date(2024, 4, 1)) == []


def test_the_threshold_can_be_set_for_the_build_and_commands(catalogue, monkeypatch):
    monkeypatch.setenv("ACSG_STALE_MONTHS", "36")
    assert cutoff(TODAY) == date(2023, 11, 23)
    page = {p.path: p for p in site_pages(catalogue, TODAY)}
    assert warning(page[f"pledges/{PLEDGE}"], "en") is None


def test_a_threshold_that_is_not_a_number_of_months_is_refused(monkeypatch):
    for wrong in ("0", "six", "-1", "1.5"):
        monkeypatch.setenv("ACSG_STALE_MONTHS", wrong)
        with pytest.raises(ValueError, match="ACSG_STALE_MONTHS"):
            cutoff(TODAY)


# --- acsg stale -------------------------------------------------------------------------------


@pytest.fixture
def content(monkeypatch):
    monkeypatch.setenv("ACSG_CONTENT", str(SITE_CONTENT))
    monkeypatch.setenv("ACSG_TODAY", TODAY.isoformat())
    monkeypatch.delenv("ACSG_STALE_MONTHS", raising=False)
    monkeypatch.setenv("ACSG_SITE_URL", SITE)
    monkeypatch.setenv("ACSG_REPO_URL", "https://github.com/example/portal")


def test_acsg_stale_json(content, capsys):
    assert main(["stale", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["since"] == "2026-05-23" and data["today"] == "2026-11-23"
    assert data["count"] == 2
    match, pledge = data["records"]
    assert (match["id"], match["last_news"], match["stage"]) == (MATCH, "2024-04", "in-progress")
    assert match["page"] == f"{SITE}matches/{MATCH}/"
    assert [(o["side"], o["id"]) for o in match["organizations"]] == [
        ("supporting", "atlantis"),
        ("requesting", "utopia"),
        ("requesting", "utopia-asylum-office"),
    ]
    assert pledge["id"] == PLEDGE and pledge["file"] == f"content/pledges/{PLEDGE}.yaml"


def test_acsg_stale_since_a_date(content, capsys):
    assert main(["stale", "--format", "json", "--since", "2024-05-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in data["records"]] == [MATCH]
    assert main(["stale", "--since", "2024-04-01"]) == 0
    assert capsys.readouterr().out.startswith("0 pledges and matches under way")
    assert main(["stale", "--since", "yesterday"]) == 2


def test_acsg_stale_text(content, capsys):
    assert main(["stale"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2 pledges and matches under way") and "2026-05-23" in lines[0]
    assert lines[1].startswith(f"- match {MATCH}: ") and "last news 2024-04" in lines[1]
    assert "(supporting)" in lines[1] and "(requesting)" in lines[1]
    assert lines[2].startswith(f"- pledge {PLEDGE}: ") and "last news 2024-06-01" in lines[2]


def test_acsg_stale_markdown(content, capsys):
    assert main(["stale", "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert len(rows) == 2
    assert f"(<{SITE}matches/{MATCH}/>)" in rows[0] and "| 2024-04 |" in rows[0]
    assert "Fixture: support for registration in Utopia" in rows[1]
    assert "https://github.com/example/portal/issues/new?template=progress-report.yml" in text
    assert (
        f"(<https://github.com/example/portal/blob/main/content/matches/{MATCH}.yaml>)" in rows[0]
    )


# --- the Progress page --------------------------------------------------------------------------


def test_progress_entries_newest_first_ties_by_record_id(catalogue):
    match = catalogue.matches[MATCH]
    same_day = news(MatchUpdate, "2024-06-01", "Match news.")
    match = match.model_copy(update={"updates": [same_day], "updated": date(2024, 6, 1)})
    entries = progress_entries(with_records(catalogue, match))
    assert [(e.record.id, e.update.date.isoformat()) for e in entries] == [
        (MATCH, "2024-06-01"),  # "atlantis-utopia" before "utopia-registration-request"
        (PLEDGE, "2024-06-01"),
        (PLEDGE, "2024-03-01"),
    ]


def test_progress_page_lists_updates_newest_first_with_links(pages):
    assert "progress/index" in ways_in()
    page = pages["progress/index"]
    english = page_tree(page, "en")
    assert page.texts["en"].startswith("---\n")
    assert [h.text_content() for h in english.xpath(".//h1")] == ["Progress"]
    updates = timeline(page, "en")
    assert [day for day, _ in updates] == ["1 June 2024", "1 March 2024"]
    for _, about in updates:
        (link,) = about.xpath("a")
        assert link.text_content() == "Fixture: support for registration in Utopia"
        assert link.get("href") == f"../pledges/{PLEDGE}/"
    assert [about.xpath("strong")[0].text_content() for _, about in updates] == [
        "Stage: In progress",
        "Stage: Planning",
    ]
    assert english.xpath(".//a[@href='../feeds/progress.xml']")[0].text_content() == "Atom feed"
    french = page_tree(page, "fr")
    updates = timeline(page, "fr")
    assert [day for day, _ in updates] == ["1 juin 2024", "1 mars 2024"]
    assert updates[0][1].getnext().text_content() == "Première formation organisée."
    # The March update is shown in English, marked, and the page says so.
    (original,) = french.xpath(".//div[@class='acsg-timeline']/div[@lang='en']")
    assert original.text_content().strip() == "Needs assessment done."
    assert "ne sont pas disponibles en français" in french.text_content()
    assert pages["index"].texts["en"].count("(progress/index.md)") == 1


def test_progress_page_is_paginated(catalogue, monkeypatch):
    monkeypatch.setattr(pages_module, "PAGE_SIZE", 1)
    made = {p.path: p for p in site_pages(catalogue, TODAY)}
    first, second = made["progress/index"], made["progress/page/2"]
    assert "progress/page/3" not in made
    assert [day for day, _ in timeline(first, "en")] == ["1 June 2024"]
    assert [day for day, _ in timeline(second, "en")] == ["1 March 2024"]
    assert "page 1 of 2" in page_tree(first, "en").text_content()
    assert page_tree(first, "en").xpath(".//a[.='Next page']/@href") == ["page/2/"]
    assert page_tree(second, "en").xpath(".//a[.='Previous page']/@href") == ["../../"]
    # The links between the pages, named in each language as it writes a label (French: a
    # narrow no-break space before the colon).
    labels = {"en": "Pages:", "fr": "Pages\u202f:", "es": "Páginas:"}
    for lang, label in labels.items():
        (pager,) = page_tree(second, lang).xpath(".//p[a[@href='../../']]")
        assert pager.xpath("strong")[0].text_content() == label
        assert pager.text_content().startswith(f"{label} ")


# --- the Atom feed ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_progress_feed_entries_in_order_with_links_and_texts(catalogue, lang):
    parsed = feedparser.parse(feed_bytes(context(catalogue, lang), SITE))
    assert not parsed.bozo and parsed.version == "atom10"
    prefix = "" if lang == "en" else f"{lang}/"
    assert [e.link for e in parsed.entries] == [f"{SITE}{prefix}pledges/{PLEDGE}/"] * 2
    assert [e.published[:10] for e in parsed.entries] == ["2024-06-01", "2024-03-01"]
    assert [e.id for e in parsed.entries] == [
        f"tag:acsg-portal.org,2024:{lang}/pledges/{PLEDGE}/updates/2024-06-01",
        f"tag:acsg-portal.org,2024:{lang}/pledges/{PLEDGE}/updates/2024-03-01",
    ]
    day = {"en": "1 June 2024", "fr": "1 juin 2024", "es": "1 de junio de 2024"}[lang]
    colon = "\u202f: " if lang == "fr" else ": "  # French typography
    assert parsed.entries[0].title.endswith(f"{colon}{day}")
    portal = {
        "en": "Asylum Capacity Support Group: Progress",
        "fr": "Groupe d'appui à la capacité d'asile\u202f: Avancement",
        "es": "Grupo de Apoyo a la Capacidad de Asilo: Avances",
    }
    assert parsed.feed.title == portal[lang]
    assert parsed.entries[1].content[0].value == "Needs assessment done."
    assert parsed.entries[0].content[0].value == (
        "Première formation organisée." if lang == "fr" else "First training held."
    )
    alternate = next(link for link in parsed.feed.links if link.rel == "alternate")
    assert alternate.href == f"{SITE}{prefix}progress/"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_progress_feed_names_itself_and_says_what_each_update_is(catalogue):
    from lxml import etree

    match = catalogue.matches[MATCH].model_copy(
        update={"updates": [news(MatchUpdate, "2024-05-01", "Experts deployed.", "in-progress")]}
    )
    root = etree.fromstring(feed_bytes(context(with_records(catalogue, match), "en"), SITE))
    assert root.findtext(f"{ATOM}title") == "Asylum Capacity Support Group: Progress"
    assert root.findtext(f"{ATOM}subtitle") == (
        "The latest progress updates on the portal's pledges and matches, newest first."
    )
    assert root.findtext(f"{ATOM}rights") == (
        "Content: CC BY 4.0, unless the source says otherwise; code: MIT."
    )
    entries = root.findall(f"{ATOM}entry")
    shown = [
        (
            entry.findtext(f"{ATOM}id").rsplit(":", 1)[1],
            entry.findtext(f"{ATOM}title"),
            entry.findtext(f"{ATOM}summary"),
            entry.find(f"{ATOM}category").get("term"),
        )
        for entry in entries
    ]
    assert shown == [
        (
            f"en/pledges/{PLEDGE}/updates/2024-06-01",
            "Fixture: support for registration in Utopia: 1 June 2024",
            "Request for support · In progress · Iceland · Stage: In progress",
            "pledge",
        ),
        (
            f"en/matches/{MATCH}/updates/2024-05-01",
            "Malta \u2013 Iceland: 1 May 2024",  # an en dash between the sides
            "Match · In progress · Iceland, Malta · Stage: In progress",
            "match",
        ),
        (
            f"en/pledges/{PLEDGE}/updates/2024-03-01",
            "Fixture: support for registration in Utopia: 1 March 2024",
            "Request for support · In progress · Iceland · Stage: Planning",
            "pledge",
        ),
    ]
    for entry in entries:  # plain text everywhere, each linked to its page in the feed's language
        for name in ("title", "summary", "content"):
            assert entry.find(f"{ATOM}{name}").get("type") == "text"
        page = entry.find(f"{ATOM}link")
        assert (page.get("rel"), page.get("type"), page.get("hreflang")) == (
            "alternate",
            "text/html",
            "en",
        )
    assert entries[1].findtext(f"{ATOM}content") == "Experts deployed."


def test_a_progress_feed_without_updates_is_dated_by_the_last_change(catalogue):
    from lxml import etree

    quiet = with_records(
        catalogue,
        *[pledge.model_copy(update={"updates": []}) for pledge in catalogue.pledges.values()],
    )
    root = etree.fromstring(feed_bytes(context(quiet, "en"), SITE))
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated") == "2024-07-01T00:00:00Z"  # the newest record's


def test_progress_feed_marks_texts_in_another_language(catalogue):
    from lxml import etree

    root = etree.fromstring(feed_bytes(context(catalogue, "es"), SITE))
    atom = "{http://www.w3.org/2005/Atom}"
    contents = root.findall(f"{atom}entry/{atom}content")
    langs = [c.get("{http://www.w3.org/XML/1998/namespace}lang") for c in contents]
    assert langs == ["en", "en"]  # the fixture has no Spanish update text


def test_progress_feed_file_is_written_per_language(catalogue, tmp_path: Path):
    from acsg.outputs.progress import write

    written = write(catalogue, tmp_path, SITE)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "es/feeds/progress.xml",
        "feeds/progress.xml",
        "fr/feeds/progress.xml",
    ]
