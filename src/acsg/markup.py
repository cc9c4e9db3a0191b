"""The one rule for links and images in the portal's pages, applied to the HTML that Markdown
makes rather than to the Markdown source.

Python-Markdown finds links in places a pattern on the source misses (reference definitions
inside lists, block quotes, admonitions and definition lists; autolinks). So the rule runs on
the element tree once Markdown has built it: in every page of the site (``acsg.markup`` is a
Markdown extension named in mkdocs.yml), where an unsafe link loses its target and an unsafe
image is replaced by its description; and in the validator (``problems``), which renders
contributed text the same way and reports what the page would lose.

- Links: http, https and mailto, and the portal's own relative links; in contributed text,
  relative only to a part of its page (``#name``) or to a file of content/files/.
- Images: only the portal's own files (a relative address); in contributed text, a file of
  content/files/ written ``files/NAME`` (the page links it where it is published).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

LINK_SCHEMES = ("http", "https", "mailto")
# The extensions of mkdocs.yml that can make links or images from contributed text.
TEXT_EXTENSIONS = ("admonition", "def_list", "md_in_html", "tables")
FILES_PREFIX = "files/"
# A link or image target written ``files/NAME`` in contributed text: "](files/NAME".
FILE_TARGET = re.compile(r"(\]\(\s*<?)files/([^)\s>]+)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# What Python-Markdown needs to make a link: "](" (inline), "][" or "] [" (reference), "]:"
# (a definition, which shortcut references "[x]" also need) or "<" (autolink).
_MAY_LINK = re.compile(r"\]\s?[\[(]|\]:|<")


def _cleaned(target: str) -> str:
    """A target as a browser reads it: entities decoded (also those Markdown still holds as
    placeholders, as in the obfuscated address of a ``<mailto:...>`` autolink), spaces and
    controls dropped."""
    target = html.unescape(target.replace(AMP_SUBSTITUTE, "&"))
    return re.sub(r"[\s\x00-\x1f\x7f]", "", target)


def link_problem(href: str, contributed: bool = False) -> str | None:
    """Why a link target may not be published, or None: http, https, mailto or relative. In
    contributed text, relative only to a part of its page (``#name``) or to a file of
    content/files/ written ``files/NAME``: the pages a text is shown on are written at other
    depths and in three languages, where any other relative target would lead nowhere."""
    cleaned = _cleaned(href)
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return f"the link target {href!r} is not allowed: links must start with https://, http:// or mailto:"
    if contributed and not scheme and cleaned and not cleaned.startswith(("#", FILES_PREFIX)):
        return (
            f"the link target {href!r} is not allowed: links must start with https://, http:// "
            f"or mailto: (a file of content/files/ is linked as {FILES_PREFIX}NAME)"
        )
    return None


def image_problem(src: str, contributed: bool = False) -> str | None:
    """Why an image address may not be published, or None: the portal's own files only (in
    contributed text, a file of content/files/ written ``files/NAME``)."""
    cleaned = _cleaned(src)
    foreign = bool(_SCHEME.match(cleaned)) or cleaned.startswith("//")
    if foreign or (contributed and not cleaned.startswith(FILES_PREFIX)):
        return (
            f"the image {src!r} is not a file of content/files/: pages load nothing from other "
            f"sites; put the image in content/files/ and write {FILES_PREFIX}NAME"
        )
    return None


class _Guard(Treeprocessor):
    """Checks every link and image of a page once Markdown has made them."""

    def __init__(self, md: Markdown, found: list[str] | None) -> None:
        super().__init__(md)
        self.found = found  # None: fix the page; a list: collect the problems (validator)

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "a" and (
                    reason := link_problem(element.get("href", ""), self.found is not None)
                ):
                    self._report(reason)
                    element.attrib.pop("href", None)
                elif element.tag == "img" and (
                    reason := image_problem(element.get("src", ""), self.found is not None)
                ):
                    self._report(reason)
                    text = ET.Element("span")
                    text.text = element.get("alt", "")
                    text.tail = element.tail
                    parent.remove(element)
                    parent.insert(index, text)

    def _report(self, reason: str) -> None:
        if self.found is not None:
            self.found.append(reason)


class GuardExtension(Extension):
    """``markdown_extensions: [acsg.markup]``: unsafe links and images never reach a page."""

    def __init__(self, found: list[str] | None = None, **kwargs: object) -> None:
        self.found = found
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20) and the unescaping of backslash escapes (0).
        md.treeprocessors.register(_Guard(md, self.found), "acsg-guard", -10)


def makeExtension(**kwargs: Any) -> GuardExtension:
    return GuardExtension(**kwargs)


@cache
def _checker() -> tuple[Markdown, list[str]]:
    found: list[str] = []
    return Markdown(extensions=[*TEXT_EXTENSIONS, GuardExtension(found=found)]), found


def problems(text: str) -> list[str]:
    """What a page would lose of a contributed Markdown text: its unsafe links and images."""
    if not _MAY_LINK.search(text):
        return []  # no link, image, reference or autolink can be made without one of these
    md, found = _checker()
    found.clear()
    md.reset().convert(text)
    return list(found)
