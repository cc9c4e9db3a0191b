"""The maps as readers get them, on the site built from the shipped records: every State that
pledged is a link on the map and a row of its table, every match a line between its States and a row of its table, the UN's
disclaimer under each map in the page's language, sizes within budget; and the home page's
ways to ask for and offer support."""

from __future__ import annotations

import gzip
import posixpath
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO_CONTENT

from acsg.i18n import translations
from acsg.maps import known_codes
from acsg.relations import relations_for
from acsg.render.mapping import pledged
from acsg.validation import load_catalogue

PREFIX = {"en": "", "fr": "fr/", "es": "es/"}
LANGS = list(PREFIX)
DISCLAIMER = (
    "The boundaries and names shown on this map do not imply official endorsement or "
    "acceptance by the United Nations."
)


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(REPO_CONTENT)
    assert problems == []
    return catalogue


def _page(site: Path, lang: str, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / PREFIX[lang] / path / "index.html").read_bytes())


def _target(site: Path, lang: str, page: str, href: str) -> str:
    """Where a link of a page leads, as a folder of the site ('fr/countries/mex/')."""
    folder = posixpath.normpath(posixpath.join(PREFIX[lang] + page, href))
    assert (site / folder / "index.html").is_file(), f"{href} from {page} leads nowhere"
    return folder + "/"


def _maps(page: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return page.xpath("//*[local-name()='svg'][contains(@class, 'acsg-map')]")


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_that_pledged_is_a_link_on_the_map_and_a_row_of_its_table(
    shipped, catalogue, lang
):
    expected = pledged(relations_for(catalogue))
    assert len(expected) > 10  # the shipped records name many States
    page = _page(shipped, lang, "map")
    pledging = _maps(page)[0]
    linked = {
        _target(shipped, lang, "map/", a.get("href")): a.get("aria-label")
        for a in pledging.xpath(".//*[local-name()='a']")
    }
    drawn = {
        f"{PREFIX[lang]}countries/{code.lower()}/" for code in expected if code in known_codes()
    }
    assert set(linked) == drawn
    assert all(label and ": " in label for label in linked.values())  # "Mexico: requests ..."
    table = page.xpath("(//details[contains(@class, 'acsg-numbers')])[1]//tbody/tr/td[1]//a/@href")
    in_table = {_target(shipped, lang, "map/", href) for href in table}
    assert in_table == {f"{PREFIX[lang]}countries/{code.lower()}/" for code in expected}


@pytest.mark.parametrize("lang", LANGS)
def test_every_match_is_a_line_its_states_are_links_and_it_is_a_row_of_the_table(
    shipped, catalogue, lang
):
    pairs: dict[tuple[str, str], set[str]] = {}
    given: dict[str, set[str]] = {}
    received: dict[str, set[str]] = {}
    for match in catalogue.matches.values():
        for start in catalogue.countries_of(match.supporting.entities):
            for end in catalogue.countries_of(match.requesting.entities):
                if start != end:
                    pairs.setdefault((start, end), set()).add(match.stage or "not-stated")
                    given.setdefault(start, set()).add(match.id)
                    received.setdefault(end, set()).add(match.id)
    assert len(pairs) > 3  # the shipped matches join several pairs of States
    page = _page(shipped, lang, "map")
    matches = _maps(page)[1]
    drawn = {(a, b): stages for (a, b), stages in pairs.items() if {a, b} <= known_codes()}
    lines = matches.xpath(".//*[local-name()='path'][starts-with(@class, 'map-arc')]")
    assert all(line.get("aria-hidden") == "true" for line in lines)
    assert sum(line.get("d").count("M") for line in lines) == sum(map(len, drawn.values()))
    linked = {
        _target(shipped, lang, "map/", a.get("href")): a.get("aria-label")
        for a in matches.xpath(".//*[local-name()='a']")
    }
    ends = {code for pair in drawn for code in pair}
    assert set(linked) == {f"{PREFIX[lang]}countries/{code.lower()}/" for code in ends}
    # "Mexico: support given in 1 match; support received in 2 matches", in the page's language.
    words = translations(lang)
    for code in ends:
        label = linked[f"{PREFIX[lang]}countries/{code.lower()}/"]
        parts = [
            words.ngettext(
                f"support {side} in %(num)s match", f"support {side} in %(num)s matches", n
            )
            % {"num": n}
            for side, n in (
                ("given", len(given.get(code, ()))),
                ("received", len(received.get(code, ()))),
            )
            if n
        ]
        assert label.endswith(": " + "; ".join(parts)), label
    table = page.xpath("(//details[contains(@class, 'acsg-numbers')])[2]//tbody/tr/td[1]//a/@href")
    assert {_target(shipped, lang, "map/", href) for href in table} == {
        f"{PREFIX[lang]}matches/{match}/" for match in catalogue.matches
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "map", "countries/mex", "browse/regions/americas"])
def test_each_map_has_its_title_its_disclaimer_and_fits_its_budget(shipped, lang, path):
    page = _page(shipped, lang, path)
    maps = _maps(page)
    assert maps, f"no map on {path or 'the home page'}"
    disclaimer = translations(lang).gettext(DISCLAIMER)
    for svg in maps:
        title = svg.xpath("./*[local-name()='title']/text()")
        assert title and title[0].strip()
        assert svg.get("aria-labelledby") and "style" not in lxml.html.tostring(svg).decode()
        box = svg.getparent()
        assert disclaimer in box.text_content(), f"no disclaimer under a map of {path}"
        data = lxml.html.tostring(svg)
        assert len(data) < 150_000 and len(gzip.compress(data)) < 50_000


def test_a_country_page_locates_its_state_and_the_second_page_of_a_region_has_no_map(
    shipped,
):
    page = _page(shipped, "fr", "countries/mex")
    [locator] = _maps(page)
    assert "Mexique" in locator.xpath("./*[local-name()='title']/text()")[0]
    region = shipped / "browse" / "regions" / "americas" / "page" / "2" / "index.html"
    if region.is_file():
        assert not _maps(lxml.html.fromstring(region.read_bytes()))


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_says_how_to_ask_for_and_offer_support(shipped, lang):
    page = _page(shipped, lang, "")
    buttons = page.xpath("//div[contains(@class, 'acsg-actions')]//a")
    hrefs = [a.get("href") for a in buttons]
    assert [href.split("#")[1] for href in hrefs] == [
        "request-support",
        "offer-support",
        "good-practice",
    ]
    assert {_target(shipped, lang, "", href.split("#")[0]) for href in hrefs} == {
        f"{PREFIX[lang]}submit/"
    }
    assert "mailto:acsg@unhcr.org" in page.xpath("//a/@href")
    figures = page.xpath("//div[contains(@class, 'acsg-figures')]//a")
    assert len(figures) == 6
    for figure in figures:
        assert figure.xpath(".//strong/text()")[0].strip()
        _target(shipped, lang, "", figure.get("href"))
