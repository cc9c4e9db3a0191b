"""Finding records as a visitor does: the search box in French and Spanish, and, with
JavaScript off, pagination and browse pages down to a record."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from acsg.validation import load_catalogue

from .browserkit import FIXTURE, LANGS, PREFIX, assert_no_problems, new_browsing

# A word of a record's French or Spanish text that its English text does not have, and the
# page the search must find for it.
SEARCHES = {
    "fr": ("pledge", "atlantis-offer", "title", "Atlantide", "pledges/atlantis-offer/"),
    "es": ("match", "atlantis-utopia", "summary", "capacita", "matches/atlantis-utopia/"),
}


@pytest.mark.parametrize("lang", sorted(SEARCHES))
def test_search_finds_a_record_by_a_word_of_its_translation(browser, site, lang):
    kind, record_id, field, word, url = SEARCHES[lang]
    catalogue, _ = load_catalogue(FIXTURE)
    text = getattr(catalogue.records[kind][record_id], field)
    assert word in text.get(lang) and word not in (text.get("en") or ""), "fixture changed"

    browsing = new_browsing(browser, site)
    try:
        page = browsing.page
        browsing.open(PREFIX[lang])
        box = page.get_by_role("search").locator("input").or_(page.get_by_role("searchbox")).first
        box.click()
        page.keyboard.type(word)
        page.keyboard.press("Enter")
        expected = site.url(PREFIX[lang] + url)
        try:
            page.wait_for_function(
                "url => [...document.querySelectorAll('a[href]')].some(a => a.href === url)",
                arg=expected,
                timeout=15_000,
            )
        except Exception:
            found = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
            pytest.fail(f"searching {word!r} on /{PREFIX[lang]} did not list {expected}: {found}")
        browsing.settle()
        assert_no_problems(
            [f"load: {p}" for p in browsing.watch.relative(browsing.watch.problems)],
            f"search for {word!r} ({lang})",
        )
    finally:
        browsing.context.close()


def _follow(page, site, pattern: str, what: str) -> str:
    """Click the first link in the main content whose site-relative URL matches ``pattern``;
    the URL reached, which must be that page."""
    links = page.locator("main a[href]")
    # (the URL each link leads to, SVG links of the maps included: their `href` is no string)
    hrefs = links.evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
    )
    relative = [href.removeprefix(site.base) for href in hrefs]
    index = next((i for i, url in enumerate(relative) if re.fullmatch(pattern, url)), None)
    assert index is not None, f"{what}: no link matching {pattern} on {page.url}: {relative}"
    with page.expect_navigation():
        links.nth(index).click()
    assert page.url == hrefs[index], f"{what}: {page.url} instead of {hrefs[index]}"
    assert page.locator("h1").count() == 1, f"{what}: no heading on {page.url}"
    return relative[index]


@pytest.fixture(scope="module")
def nojs(browser, demo_site):
    """A browser context with JavaScript off, on the demo site."""
    browsing = new_browsing(browser, demo_site, java_script_enabled=False)
    yield browsing
    browsing.context.close()


def _paged_facet_value(demo_site) -> tuple[str, str]:
    """A browse facet value with several pages in the demo site (from the build output)."""
    for second in sorted((demo_site.root / "browse").glob("*/*/page/2/index.html")):
        facet, value = second.relative_to(demo_site.root / "browse").parts[:2]
        return facet, value
    raise AssertionError("no browse value of the demo site has a second page")


@pytest.mark.parametrize("lang", LANGS)
def test_pagination_works_without_javascript(nojs, demo_site, lang):
    page, prefix = nojs.page, re.escape(PREFIX[lang])
    assert (demo_site.root / PREFIX[lang] / "pledges" / "page" / "2" / "index.html").is_file()
    nojs.watch.reset()
    nojs.open(PREFIX[lang] + "pledges/")
    _follow(page, demo_site, rf"{prefix}pledges/page/2/", "next page of pledges")
    _follow(page, demo_site, rf"{prefix}pledges/(index\.html|)", "back to the first page")
    _follow(page, demo_site, rf"{prefix}pledges/page/2/", "second page again")
    _follow(page, demo_site, rf"{prefix}pledges/(?!page/)[a-z0-9-]+/", "a pledge of page 2")
    assert_no_problems(nojs.watch.relative(nojs.watch.problems), "pages without JavaScript")


@pytest.mark.parametrize("lang", LANGS)
def test_browse_pages_lead_to_records_without_javascript(nojs, demo_site, lang):
    page, prefix = nojs.page, re.escape(PREFIX[lang])
    facet, value = _paged_facet_value(demo_site)
    nojs.watch.reset()
    nojs.open(PREFIX[lang] + "browse/")
    _follow(page, demo_site, rf"{prefix}browse/{facet}/", f"browse by {facet}")
    _follow(page, demo_site, rf"{prefix}browse/{facet}/{value}/", f"{facet}: {value}")
    _follow(page, demo_site, rf"{prefix}browse/{facet}/{value}/page/2/", "its second page")
    folders = "organizations|pledges|matches|good-practices|events"
    _follow(page, demo_site, rf"{prefix}({folders})/(?!page/)[a-z0-9-]+/", "a record")
    assert_no_problems(nojs.watch.relative(nojs.watch.problems), "pages without JavaScript")


def test_search_filters_narrow_the_results_and_stay_in_the_address(browser, site):
    # French search for a word of every fixture record ("Fixture"), then the "Nature" (kind)
    # filter "Offre d'appui": only the offer pledge is left, and a reload keeps the filter.
    browsing = new_browsing(browser, site)
    try:
        page = browsing.page
        browsing.open("fr/search/?q=Fixture")
        page.wait_for_selector(".acsg-search__result")
        before = page.locator(".acsg-search__result").count()
        page.locator(".acsg-search__more summary").click()
        page.get_by_label("Offre d'appui", exact=False).check()
        page.wait_for_function(
            "() => document.querySelectorAll('.acsg-search__result').length === 1"
        )
        assert before > 1
        offer = site.url("fr/pledges/atlantis-offer/")
        assert page.locator(".acsg-search__result a").get_attribute("href") == offer
        assert "f=Nature" in page.url
        page.reload()
        page.wait_for_function(
            "() => document.querySelectorAll('.acsg-search__result').length === 1"
        )
        assert page.get_by_label("Offre d'appui", exact=False).is_checked()
        browsing.settle()
        assert_no_problems(
            [f"load: {p}" for p in browsing.watch.relative(browsing.watch.problems)], "filters"
        )
    finally:
        browsing.context.close()


# A country brief's and a report's PDF, each reached from its page in each language.
DOWNLOADS = [
    ("countries/mlt/", "briefs/acsg-brief-mlt-{lang}.pdf"),
    ("reports/2025-h2/", "reports/acsg-report-2025-h2-{lang}.pdf"),
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_links_of_briefs_and_reports_open_a_pdf_in_the_page_language(browser, site, lang):
    browsing = new_browsing(browser, site)
    try:
        page = browsing.page
        for url, pdf in DOWNLOADS:
            browsing.open(PREFIX[lang] + url)
            target = site.url(pdf.format(lang=lang))
            hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
            assert target in hrefs, f"/{PREFIX[lang]}{url} does not link {target}: {hrefs}"
            response = page.request.get(target)
            assert response.status == 200, target
            assert response.headers["content-type"] == "application/pdf", target
            body = response.body()
            assert body.startswith(b"%PDF-"), target
            language = PdfReader(io.BytesIO(body)).trailer["/Root"]["/Lang"]
            assert language == lang, f"{target} is marked as {language}"
        browsing.settle()
        assert_no_problems(
            [f"load: {p}" for p in browsing.watch.relative(browsing.watch.problems)],
            f"PDF links ({lang})",
        )
    finally:
        browsing.context.close()
