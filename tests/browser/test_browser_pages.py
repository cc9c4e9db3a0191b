"""Every kind of page, in English, French and Spanish, opened in a real browser.

For one page of each type (derived from the renderer and docs/, see browserkit.py) in each
language, ``test_page_in_a_real_browser[TYPE-LANG]`` checks:

- load: no console error, no uncaught error, no failed request, no HTTP error and no request
  leaving 127.0.0.1 (such requests are aborted and recorded), including what the page requests
  after it has loaded;
- axe: axe-core finds no serious or critical WCAG 2.1 A/AA violation;
- lang: ``<html lang>`` is the page's language;
- keyboard: Tab reaches the main content (through a skip link, or along the Tab order) and the
  search box (found by its role or its localized label), which then takes typing;
- switcher: the language switcher's links lead to the same page in the other languages.

Problem lines name the check, the rule and the element, so that a failure says what to fix.

A page type is checked in one run through its three languages, following the switcher from
one to the next (see ``check_type``), as one visitor would: the first of its three tests does
the work (about 3 s), the other two report what was found.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .browserkit import (
    LANGS,
    SEARCH_LABEL,
    Browsing,
    PageType,
    assert_no_problems,
    new_browsing,
)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
MAX_TABS = 40

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160)})),
  }));
}"""

# The main content: inside <main> (or role=main) and outside any navigation landmark
# (Material's <main> also holds the navigation sidebars).
IN_MAIN_CONTENT = (
    """e => !!e && !!e.closest("main, [role=main]") && !e.closest("nav, [role=navigation]")"""
)

# Records every element that gets the focus, as the keyboard moves it (the search box is
# marked data-search-box): the stops of a batch of Tab presses are then read at once.
RECORD_FOCUS = """() => {
  window.__focusStops = [];
  document.addEventListener("focusin", event => {
    const e = event.target;
    const href = e.tagName === "A" ? e.getAttribute("href") || "" : "";
    let skipTarget = null;
    if (href.length > 1 && href.startsWith("#")) {
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      skipTarget = target ? (IN_MAIN)(target) : false;
    }
    window.__focusStops.push({
      tag: e.tagName.toLowerCase(), href, skipTarget, inMain: (IN_MAIN)(e),
      search: e.hasAttribute("data-search-box"),
      text: (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 40),
    });
  }, true);
}""".replace("IN_MAIN", IN_MAIN_CONTENT)
TAB_BATCH = 8


def _axe(tab: Browsing) -> list[str]:
    tab.inject_axe()
    problems = []
    for violation in tab.page.evaluate(AXE_RUN, WCAG_TAGS):
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            problems.append(
                f"axe {violation['impact']} {violation['id']} ({violation['help']}): "
                f"{node['target']} :: {node['html']}"
            )
    return problems


def _search_box(page: Any, lang: str) -> Any:
    """The search box, by its role or its localized label (Material's search or another)."""
    label = SEARCH_LABEL[lang]
    return (
        page.get_by_role("search")
        .locator("input")
        .or_(page.get_by_role("searchbox"))
        .or_(page.get_by_role("textbox", name=label, exact=True))
        .first
    )


def _keyboard(tab: Browsing, lang: str) -> list[str]:
    """From a freshly loaded page (nothing focused yet), Tab through it."""
    page = tab.page
    search = _search_box(page, lang)
    if search.count() == 0:
        label = SEARCH_LABEL[lang]
        return [f"keyboard: no search box (role=search, searchbox or textbox {label!r})"]
    search.evaluate("e => e.setAttribute('data-search-box', '')")
    page.evaluate(RECORD_FOCUS)
    stops: list[Any] = []
    reached_main = reached_search = False
    for _ in range(0, MAX_TABS, TAB_BATCH):
        for _ in range(TAB_BATCH):
            page.keyboard.press("Tab")
        stops = page.evaluate("window.__focusStops")
        reached_main = any(stop["inMain"] for stop in stops)
        reached_search = any(stop["search"] for stop in stops)
        skip_link = bool(stops and stops[0]["skipTarget"])
        if reached_search and (reached_main or skip_link):
            break
    problems = []
    first = stops[0] if stops else None
    skip_works = bool(first and first["skipTarget"])
    if skip_works:  # the skip link, activated from the keyboard, moves to the main content
        page.locator(f"a[href='{first['href']}']").first.focus()
        page.keyboard.press("Enter")
        skip_works = page.evaluate("decodeURIComponent(location.hash)") == first["href"]
    if not (skip_works or reached_main):
        problems.append(
            f"keyboard: no working skip link to the main content (first Tab stop: {first}) "
            f"and {MAX_TABS} Tab presses do not reach it"
        )
    if not reached_search:
        problems.append(f"keyboard: {MAX_TABS} Tab presses do not reach the search box")
    else:
        search.focus()
        page.keyboard.type("r")
        if search.input_value() != "r":
            problems.append("keyboard: the focused search box does not take typed text")
    return problems


def _switch(
    tab: Browsing, kind: PageType, source: str, target: str, problems: list, *, checked: bool
) -> bool:
    """On the page in ``source``, follow the header's link to ``target`` by keyboard; whether
    it led to the same page in ``target``. Problems go to ``problems`` (the source page's).
    ``checked``: the target page is checked next, so its own problems must start clean."""
    page, site = tab.page, tab.site
    where = f"switcher: on /{kind.url_in(source)}"
    link = page.locator(f"header a[hreflang='{target}']")
    if link.count() != 1:
        problems.append(f"{where} {link.count()} links to {target!r}")
        return False
    if checked:
        tab.settle()  # what this page started is done (and recorded) before it is left
        tab.watch.reset()  # from here on, problems belong to the page in ``target``
    link.focus()  # opens the menu (shown on focus-within); Enter follows the link
    page.keyboard.press("Enter")
    # (Waiting for the URL, not for "a navigation": a page's own history.replaceState, like
    # the search page's, is a navigation to Playwright.)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_url(site.url(kind.url_in(target)), wait_until="load", timeout=10_000)
    if page.url != site.url(kind.url_in(target)):
        problems.append(
            f"{where} the {target!r} link leads to /{page.url.removeprefix(site.base)}, "
            f"expected /{kind.url_in(target)}"
        )
        return False
    html_lang = page.evaluate("document.documentElement.lang")
    if html_lang != target:
        problems.append(f'{where} the {target!r} link leads to a page in lang="{html_lang}"')
    return True


def _page_checks(tab: Browsing, lang: str) -> list[str]:
    """The checks of the page in ``lang``, just loaded (nothing focused yet)."""
    problems = []
    html_lang = tab.page.evaluate("document.documentElement.lang")
    if html_lang != lang:
        problems.append(f'lang: <html lang="{html_lang}">, expected "{lang}"')
    problems += _axe(tab)
    tab.settle()
    problems += [f"load: {p}" for p in tab.watch.relative(tab.watch.problems)]
    problems += _keyboard(tab, lang)
    tab.page.keyboard.press("Escape")  # close the search the keyboard check typed in
    return problems


def check_type(tab: Browsing, kind: PageType) -> dict[str, list[str]]:
    """Every problem of one page type in each language, as lines naming check, rule, element.

    The page is opened in English, then reached in French and Spanish through the language
    switcher and checked there; four more switches follow, so that every ordered pair of
    languages is taken once (en>fr>es>en>es>fr>en). A switch that goes wrong is reported on
    the page it starts from, and the next page is then opened directly.
    """
    problems: dict[str, list[str]] = {lang: [] for lang in LANGS}
    tab.fresh()
    tab.open(kind.url_in(LANGS[0]))
    current = LANGS[0]
    for lang in LANGS:
        if lang != current:
            if not _switch(tab, kind, current, lang, problems[current], checked=True):
                tab.fresh()
                tab.open(kind.url_in(lang))
            current = lang
        problems[lang] += _page_checks(tab, lang)
    for target in ("en", "es", "fr", "en"):
        if not _switch(tab, kind, current, target, problems[current], checked=False):
            tab.open(kind.url_in(target))
        current = target
    return problems


class Reports:
    """The problems of each page type in each language, found when first asked for.

    Each page type is checked in a new browser context: its English page is a visitor's first
    page (no cache, no storage), its French and Spanish pages are that visitor's next ones.
    """

    def __init__(self, browser: Any, site: Any) -> None:
        self.browser, self.site = browser, site
        self.found: dict[str, dict[str, list[str]]] = {}

    def of(self, kind: PageType, lang: str) -> list[str]:
        if kind.name not in self.found:
            browsing = new_browsing(self.browser, self.site)
            try:
                self.found[kind.name] = check_type(browsing, kind)
            except Exception as error:  # reported by each of the type's tests
                self.found[kind.name] = {
                    lang: [f"error while checking: {error!r}"] for lang in LANGS
                }
            finally:
                browsing.context.close()
        return self.found[kind.name][lang]


@pytest.fixture(scope="module")
def reports(browser, site) -> Reports:
    return Reports(browser, site)


def test_page_in_a_real_browser(reports, page_kind, lang):
    problems = reports.of(page_kind, lang)
    assert_no_problems(problems, f"/{page_kind.url_in(lang)} ({page_kind.name}, {lang})")


@pytest.mark.parametrize("lang", LANGS)
def test_a_second_page_of_a_listing_in_a_real_browser(browser, demo_site, lang):
    """Paginated listings (300 demo records) get the same load, axe, lang and keyboard checks,
    each language's page loaded on its own."""
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    browsing = new_browsing(browser, demo_site)
    try:
        browsing.open(f"{prefix}pledges/page/2/")
        problems = _page_checks(browsing, lang)
    finally:
        browsing.context.close()
    assert_no_problems(problems, f"/{prefix}pledges/page/2/ (listing, page 2, {lang})")
