"""The browser suite's list of page types agrees with the renderer, docs/ and the built site.

The list (browserkit.page_types) is derived from what the renderer produces for the fixture
content and from the hand-written pages in docs/. Here the built site is compared with it
both ways: a page the list expects and the build lacks fails (never skips), and a page the
build has that no type covers fails too (a new kind of page must be checked in the browser).
"""

from __future__ import annotations

from .browserkit import (
    LANGS,
    PREFIX,
    STATIC_PAGES,
    hand_written_pages,
    page_type,
    page_types,
    url_of,
)
from .browserkit import rendered_pages as rendered


def _built_urls(site) -> dict[str, set[str]]:
    """Every HTML page of the built site, as URLs relative to each language root."""
    found: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for html in site.root.rglob("*.html"):
        relative = html.relative_to(site.root).as_posix()
        if relative.startswith("assets/"):
            continue  # theme files are not portal pages
        lang = relative.split("/", 1)[0] if relative.split("/", 1)[0] in PREFIX else "en"
        url = relative.removeprefix(PREFIX[lang])
        if url == "404.html":
            continue  # each language's "page not found" page (tests/test_site_build.py)
        url = url.removesuffix("index.html")
        found[lang].add(url)
    return found


def _expected_urls() -> set[str]:
    return {url_of(path) for path in rendered()} | {url_of(path) for path in hand_written_pages()}


def test_every_type_the_renderer_and_docs_produce_is_checked_in_the_browser():
    names = {kind.name for kind in page_types()}
    for path in rendered():
        assert page_type(path) in names, path
    for path in set(hand_written_pages()) | STATIC_PAGES:
        assert page_type(path) in names, path
    # The kinds the issue names are all there (the list is derived, this guards the derivation).
    for name in [
        "home",
        "pledge",
        "match",
        "good-practice",
        "event",
        "organization",
        "country",
        "countries",
        "needs-and-offers",
        "events",
        "about",
        "how-it-works",
        "dialogue-platform",
        "contribute",
        "map",
        "matching",
        "matching-area",
        "progress",
        "reports",
        "report",
    ] + [
        f"browse-{facet}{suffix}"
        for facet in ("regions", "areas", "topics", "support-types", "stages", "stakeholder-types")
        for suffix in ("", "-value")
    ]:
        assert name in names, name


def test_every_checked_page_exists_in_the_built_site_in_every_language(site):
    built = _built_urls(site)
    for kind in page_types():
        for lang in LANGS:
            assert kind.url in built[lang], f"{kind.name}: /{kind.url_in(lang)} was not built"


def test_the_built_site_has_no_page_the_checks_do_not_cover(site):
    """A page written by something else than the renderer or docs/ (a hook, a plugin) must be
    given its place in browserkit.page_types, so that the browser checks it."""
    built = _built_urls(site)
    expected = _expected_urls()
    for lang in LANGS:
        assert built[lang] - expected == set(), f"pages of no known type in {lang}"
        assert expected - built[lang] == set(), f"pages missing in {lang}"
