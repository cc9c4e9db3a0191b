"""Screenshots of key pages at desktop and phone widths, written to tests/artifacts/screenshots/
(git-ignored) for people to look at; two of them are kept in screenshots/ for the README."""

from __future__ import annotations

import re

import pytest

from .browserkit import REPO, artifacts_folder, new_browsing

PAGES = {
    "home": "",
    "needs-and-offers": "needs-and-offers/",
    **{
        f"{name}-{lang}": f"{prefix}{path}"
        for name, path in {
            "pledge": "pledges/utopia-registration-request/",
            "match": "matches/atlantis-utopia/",
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

# Whether the header's search field shows its whole placeholder ("Rechercher", "Búsqueda") and
# the site's name shows whole (not cut by an ellipsis). Chromium keeps about one em of a search
# field for its clear button: a placeholder 2 px narrower than the padding box was seen cut.
_HEADER_FITS = """() => {
  const input = document.querySelector("#acsg-header-query");
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    - parseFloat(style.fontSize);
  const name = document.querySelector(".md-header__topic .md-ellipsis");
  return [context.measureText(input.placeholder).width <= room, name.scrollWidth <= name.clientWidth];
}"""


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
            placeholder, site_name = browsing.page.evaluate(_HEADER_FITS)
            assert placeholder, f"{name} at {width} width: the search placeholder is cut"
            assert site_name, f"{name} at {width} width: the site's name is cut"
    finally:
        browsing.context.close()


def test_readme_shows_screenshots_that_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((screenshots/[^)]+\.png)\)", readme)
    assert len(shown) >= 2, "the README shows two screenshots"
    for name in shown:
        data = (REPO / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
