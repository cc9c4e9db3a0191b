"""Contributed text made safe to place in a page, and plain values escaped for Markdown.

Validation already rejects raw HTML and unsafe links and images; this is the second line:
contributed text cannot carry a tag or a heading that breaks the outline, and every link and
image of a page passes ``acsg.markup``'s rule once Markdown has made it (a Markdown extension
of the site).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from acsg.markup import link_problem

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


def plain(value: object) -> Markup:
    """Any value as literal text in Markdown: no HTML, no emphasis, no links."""
    text = html.escape(str(value), quote=False)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " "))
