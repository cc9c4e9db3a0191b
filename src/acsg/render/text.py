"""Contributed text made safe to place in a page, and plain values escaped for Markdown.

Validation already rejects raw HTML and non-http(s)/mailto links; this is the second line:
whatever reaches a page cannot carry a tag, a script URL or a heading that breaks the outline.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from acsg.fields import LINK_SCHEMES

_LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S*?)(>?(?:\s|$))", re.MULTILINE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def safe_link_target(target: str) -> str:
    """The target itself when it is http(s), mailto or relative; '#' for anything else."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", html.unescape(target))
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return "#"
    return target.replace("(", "%28").replace(")", "%29")


def markdown(text: str) -> Markup:
    """Contributed Markdown, ready to be placed in a page as a block."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _LINK_TARGET.sub(lambda m: m.group(1) + safe_link_target(m.group(2)), text)
    text = _REFERENCE.sub(lambda m: m.group(1) + safe_link_target(m.group(2)) + m.group(3), text)
    # Contributed headings would break the page outline: keep their words as plain text.
    text = re.sub(r"^(\s{0,3})#", r"\1\\#", text, flags=re.MULTILINE)
    text = text.replace("{", "&#123;")
    return Markup(text.strip())


def plain(value: object) -> Markup:
    """Any value as literal text in Markdown: no HTML, no emphasis, no links."""
    text = html.escape(str(value), quote=False)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " "))
