"""Printable documents (reports, country briefs): Markdown made by the page templates, turned
into a standalone HTML document and into PDF with WeasyPrint, with the fonts shipped in
``acsg/data/fonts`` (Noto Sans, SIL Open Font License: OFL.txt beside them). Nothing is fetched:
the only files WeasyPrint may read are those fonts."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import markdown as python_markdown
from markupsafe import Markup

from acsg import locations
from acsg.render.context import SECRETARIAT_EMAIL, PageContext
from acsg.render.pages import _environment

AUTHOR = "ACSG portal"
FONTS = Path(str(resources.files("acsg").joinpath("data", "fonts")))
# The Markdown extensions of the site (mkdocs.yml), less the portal's link rule, which the
# pages' text has already passed.
EXTENSIONS = ["admonition", "def_list", "md_in_html", "tables", "attr_list"]
# The charts' colours (as docs/assets/portal.css gives them on the site), inside each chart:
# WeasyPrint styles an SVG by the SVG's own style sheet only.
CHART_STYLE = (
    "<style>.acsg-chart-label, .acsg-chart-number { font-size: 12px; fill: #1f1f1f; "
    'font-family: "Noto Sans"; } .acsg-bar-need { fill: #b83227; } '
    ".acsg-bar-offer { fill: #1d67a8; } .acsg-bar-planning { fill: #8a6a00; } "
    ".acsg-bar-in-progress { fill: #00727d; } .acsg-bar-fulfilled { fill: #2e7d32; } "
    ".acsg-bar-not-stated { fill: #6b6b6b; }</style>"
)
SVG_START = 'xmlns="http://www.w3.org/2000/svg">'


@dataclass
class PrintContext(PageContext):
    """A page context whose links lead to the published pages (full addresses): a printed
    document has no site around it."""

    site_url: str = field(default="")

    def _absolute(self, target: str) -> str:
        return locations.absolute(self.site_url, locations.page_location(target, self.lang))

    def href(self, target: str) -> str:
        return self._absolute(target)

    def page_url(self, target: str) -> str:
        return self._absolute(target)

    def data_href(self, location: str) -> str:
        return locations.absolute(self.site_url, location)


def to_html(markdown_text: str, *, title: str, lang: str, secretariat_email: str) -> str:
    """A standalone HTML document of a page's Markdown (its front matter left out)."""
    if markdown_text.startswith("---\n"):
        markdown_text = markdown_text.split("\n---\n", 1)[1]
    markdown_text = markdown_text.replace(SECRETARIAT_EMAIL, secretariat_email)
    body = python_markdown.markdown(markdown_text, extensions=EXTENSIONS)
    body = body.replace(SVG_START, SVG_START + CHART_STYLE)
    return (
        _environment()
        .get_template("print.html.j2")
        .render(lang=lang, title=title, author=AUTHOR, body=Markup(body), fonts=FONTS.as_uri())
    )


def _fetcher() -> object:
    """WeasyPrint's URL fetcher, limited to the shipped fonts."""
    from weasyprint.urls import URLFetcher

    class OnlyFonts(URLFetcher):  # WeasyPrint ships no type information (mypy: Any)
        def fetch(self, url: str, headers: object = None) -> object:
            if not url.startswith(FONTS.as_uri() + "/"):
                raise ValueError(f"printable documents fetch nothing but their fonts: {url}")
            return super().fetch(url, headers)

    return OnlyFonts(allowed_protocols=["file"])


def to_pdf(html: str) -> bytes:
    """The PDF of a standalone HTML document (title, language and author from its head)."""
    from weasyprint import HTML  # imported when used: it takes a second to load Pango

    # WeasyPrint hands the fonts to fontconfig through temporary folders, which it may leave
    # behind: they go into a folder of their own, removed here.
    previous = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="acsg-pdf-") as scratch:
        tempfile.tempdir = scratch
        try:
            pdf = HTML(
                string=html, base_url=FONTS.as_uri() + "/", url_fetcher=_fetcher()
            ).write_pdf(pdf_variant=None, uncompressed_pdf=False)
        finally:
            tempfile.tempdir = previous
    assert pdf is not None
    return bytes(pdf)
