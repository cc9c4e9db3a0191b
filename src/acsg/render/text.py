"""Contributed text made safe to place in a page, and plain values escaped for Markdown.

Validation already rejects raw HTML and unsafe links and images; this is the second line:
contributed text cannot carry a tag or a heading that breaks the outline, and every link and
image of a page passes ``acsg.markup``'s rule once Markdown has made it (a Markdown extension
of the site).
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache

from markdown import Markdown
from markupsafe import Markup

from acsg.markup import TEXT_EXTENSIONS, GuardExtension, link_problem

# An autolink (<https://...>, <mailto:...>) stays a link; any other "<" is shown as text.
_NOT_AUTOLINK = re.compile(r"<(?!(?:https?://|mailto:)[^<>\s]+>)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def safe_link_target(target: str) -> str:
    """The target itself when it is http(s), mailto or relative; '#' for anything else."""
    if link_problem(target):
        return "#"
    return target.replace("(", "%28").replace(")", "%29")


def markdown(text: str) -> Markup:
    """Contributed Markdown, ready to be placed in a page as a block."""
    text = _NOT_AUTOLINK.sub("&lt;", text.replace("&", "&amp;"))
    # Contributed headings would break the page outline: keep their words as plain text.
    text = re.sub(r"^(\s{0,3})#", r"\1\\#", text, flags=re.MULTILINE)
    text = text.replace("{", "&#123;")
    return Markup(text.strip())


@cache
def _converter() -> Markdown:
    """Python-Markdown as MkDocs runs it on the site's pages (mkdocs.yml's extensions that
    apply to contributed text, ``acsg.markup``'s rule among them); one per process."""
    return Markdown(extensions=[GuardExtension(), *TEXT_EXTENSIONS])


# A text shown on several pages (an update, a description) is converted once.
@lru_cache(maxsize=4096)
def markdown_html(text: str) -> Markup:
    """Contributed Markdown as HTML, for the pages the portal writes in HTML: what MkDocs
    would make of ``markdown(text)`` in a Markdown page."""
    return Markup(_converter().reset().convert(markdown(text)))


def html_text(value: object) -> Markup:
    """Any value as literal text in HTML (on one line, as ``plain`` writes it), also inside an
    attribute: the HTML templates write every attribute between double quotes."""
    return Markup(html.escape(str(value), quote=False).replace('"', "&quot;").replace("\n", " "))


def plain(value: object) -> Markup:
    """Any value as literal text in Markdown: no HTML, no emphasis, no links."""
    text = html.escape(str(value), quote=False)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " "))
