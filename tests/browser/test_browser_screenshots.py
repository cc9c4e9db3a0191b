"""Screenshots of key pages at desktop and phone widths, written to tests/artifacts/screenshots/
(git-ignored) for people to look at; two of them are kept in screenshots/ for the README."""

from __future__ import annotations

import re

import pytest

from .browserkit import REPO, artifacts_folder, new_browsing

PAGES = {
    "home": "",
    "pledge": "pledges/utopia-registration-request/",
    "match": "matches/atlantis-utopia/",
    "needs-and-offers": "needs-and-offers/",
    **{
        f"{name}-{lang}": f"{prefix}{path}"
        for name, path in {
            "news": "news/fixture-utopia-registration-story/",
            "news-list": "news/",
            "roster": "roster/atlantis-registration-expertise/",
            "home": "",
            "map": "map/",
            "country": "countries/isl/",
            "region": "browse/regions/europe/",
        }.items()
        for lang, prefix in {"en": "", "fr": "fr/", "es": "es/"}.items()
    },
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots_of_key_pages(browser, site, width):
    w, h = WIDTHS[width]
    browsing = new_browsing(browser, site, viewport={"width": w, "height": h})
    folder = artifacts_folder("screenshots")
    try:
        for name, url in PAGES.items():
            browsing.open(url)
            path = folder / f"{name}-{width}.png"
            browsing.page.screenshot(path=str(path), full_page=False)
            data = path.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, path
            # The page fits the width: nothing wider than the viewport (no sideways scrolling).
            scroll = browsing.page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= w, f"{name} at {width} width: {scroll}px wide"
    finally:
        browsing.context.close()


def test_readme_shows_screenshots_that_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((screenshots/[^)]+\.png)\)", readme)
    assert len(shown) >= 2, "the README shows two screenshots"
    for name in shown:
        data = (REPO / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
