"""Taking the theme's whitespace out of every page (acsg.compact) changes nothing a reader sees.

Each page type of the fixture site, in each language, on a desktop and a phone screen: the page
as built, and the same page with a line break put back wherever acsg.compact can take one out
(between two tags of which one is not inline), show the same text, and every element is drawn at the same
place with the same size.
"""

from __future__ import annotations

import re

import pytest

from acsg.compact import INLINE

from .browserkit import LANGS, new_browsing, page_types

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Where each element is drawn (rounded to the pixel) and what the page's text reads.
LAYOUT = """() => ({
  text: document.body.innerText,
  boxes: [...document.body.querySelectorAll("*")].map(e => {
    const r = e.getBoundingClientRect();
    return [e.tagName, e.className && String(e.className),
            Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  }),
})"""

# A kept element, whole, or a tag followed by another.
_TAGS = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>|</?([a-zA-Z][\w-]*)[^<>]*>)"
    r"(?=</?([a-zA-Z][\w-]*))?",
    re.S,
)


def spaced(html: str) -> str:
    """``html`` with a line break between every two tags of which one is not inline (where
    acsg.compact takes the theme's line breaks out), kept elements left as they are."""

    def gap(found: re.Match[str]) -> str:
        tag, kept, name, after = found.groups()
        if after is None or ((kept or name).lower() in INLINE and after.lower() in INLINE):
            return tag
        return tag + "\n"

    return _TAGS.sub(gap, html)


def test_spaced_puts_a_line_break_where_a_block_meets_a_tag() -> None:
    html = "<ul><li><a>x</a><b>y</b></li></ul><pre><p>a</p><p>b</p></pre><p>z</p>"
    assert spaced(html) == (
        "<ul>\n<li>\n<a>x</a><b>y</b>\n</li>\n</ul>\n<pre><p>a</p><p>b</p></pre>\n<p>z</p>"
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", LANGS)
def test_pages_look_the_same_without_the_theme_whitespace(browser, site, lang, screen):
    browsing = new_browsing(browser, site, viewport=SCREENS[screen])
    differences = []
    try:
        page = browsing.page
        for kind in page_types():
            path = kind.url_in(lang)
            built = (site.root / path / "index.html").read_text(encoding="utf-8")
            assert spaced(built) != built, path  # the page as built has tags side by side
            layouts = []
            for html in (built, spaced(built)):

                def serve(route, request, html=html):
                    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

                page.route(site.url(path), serve)
                browsing.open(path)
                browsing.settle()  # what the page fetches and draws after load (a loaded machine)
                layouts.append(page.evaluate(LAYOUT))
                page.unroute(site.url(path))
            compact, theme = layouts
            if compact["text"] != theme["text"]:
                pairs = enumerate(zip(compact["text"], theme["text"], strict=False))
                at = next((i for i, (a, b) in pairs if a != b), len(compact["text"]))
                differences.append(
                    f"{path}: the text differs: {compact['text'][at - 40 : at + 40]!r}"
                    f" / {theme['text'][at - 40 : at + 40]!r}"
                )
            if len(compact["boxes"]) != len(theme["boxes"]):
                names = [b[:2] for b in compact["boxes"]], [b[:2] for b in theme["boxes"]]
                extra = [b for b in names[0] if b not in names[1]] + [
                    b for b in names[1] if b not in names[0]
                ]
                differences.append(
                    f"{path}: {len(compact['boxes'])} elements / {len(theme['boxes'])}: {extra[:5]}"
                )
                continue
            moved = [
                (a, b) for a, b in zip(compact["boxes"], theme["boxes"], strict=True) if a != b
            ]
            if moved:
                differences.append(f"{path}: {len(moved)} elements moved, first {moved[0]}")
    finally:
        browsing.context.close()
    assert not differences, "\n".join(differences)
