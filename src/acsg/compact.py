"""Lighter pages: the whitespace the theme's templates leave between tags, taken out.

Material's templates indent their output and leave the blank lines of their Jinja statements:
about a fifth of a record page's bytes. A run of whitespace that holds a line break and touches
a tag becomes one line break, which a browser renders exactly as it rendered the run (one
collapsible space). Between two tags, that line break goes too where one of them belongs to an
element that is not inline (``<li>``, ``</div>``, ``<h2>``, the head's elements): there the
space would start or end a line, where a browser renders none. Inline elements are HTML's
phrasing elements that take space, as minifiers list them; no style of the portal or of
Material displays another element inline (the repository link's icon and name, inline blocks,
are spans: overrides/partials/source.html). A browser test compares pages with and without
these line breaks. The text of ``<pre>``, ``<textarea>``, ``<code>``, ``<script>``
and ``<style>`` is kept byte for byte.
"""

from __future__ import annotations

import re

# A kept element, whole (left as it is); a tag, and a tag's name at its start.
_KEPT = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")
_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
# Elements beside which a line break renders as a space.
INLINE = frozenset(
    "a abbr b bdi bdo br button cite code data del dfn em i img input ins kbd label mark math "  # noqa: SIM905
    "meter object output progress q ruby s samp select small span strong sub sup svg textarea "
    "time u var video wbr".split()
)


def compact(html: str) -> str:
    """``html`` without the line-breaking whitespace around its tags, and none between two
    tags unless both are inline. Only the text between kept elements changes; it is read line
    by line (issue 17: twice as fast as a regular expression over every character, which took
    a tenth of each language's build)."""
    pieces: list[str] = []
    start, before = 0, None
    for kept in _KEPT.finditer(html):
        name = _NAME.match(html, kept.start())
        pieces.append(_text(html[start : kept.start()], before, name and name.group(1)))
        pieces.append(kept.group(0))
        start, before = kept.end(), kept.group(1)
    pieces.append(_text(html[start:], before, None))
    return "".join(pieces)


def _text(text: str, before: str | None, after: str | None) -> str:
    """A text between kept elements, compacted: each run of whitespace holding a line break
    (it ends one line's content and starts the next one's) goes through ``_gap``. ``before``
    and ``after``: the names of the kept elements around it (None at the page's start, end)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    pieces: list[str] = []
    copied = 0  # text[:copied] is in pieces
    gap = len(lines[0].rstrip())  # where the current run of whitespace starts
    offset = len(lines[0]) + 1  # where the line read starts
    last = len(lines) - 1
    for number in range(1, len(lines)):
        line = lines[number]
        content = line.lstrip()
        if not content and number < last:  # a blank line: the run goes on
            offset += len(line) + 1
            continue
        end = offset + len(line) - len(content)
        pieces.append(text[copied:gap])
        pieces.append(_gap(text, gap, end, before, after))
        copied = end
        gap = offset + len(line.rstrip())
        offset += len(line) + 1
    pieces.append(text[copied:])
    return "".join(pieces)


def _gap(text: str, start: int, end: int, before: str | None, after: str | None) -> str:
    """The run of whitespace ``text[start:end]`` (it holds a line break) as published: as it is
    unless it touches a tag; else one line break, or nothing between two tags that are not both
    inline."""
    previous = text[start - 1] if start else (">" if before else "")
    following = text[end] if end < len(text) else ("<" if after else "")
    if previous != ">" and following != "<":
        return text[start:end]
    if previous == ">" and following == "<":
        if start:  # the tag that ends here, if it is one: from the last "<" before it
            opening = text.rfind("<", 0, start)
            tag = _TAG.fullmatch(text, opening, start) if opening >= 0 else None
            left = tag.group(1) if tag else None
        else:
            left = before
        if end < len(text):
            name = _NAME.match(text, end)
            right = name.group(1) if name else None
        else:
            right = after
        if left and right and not (left.lower() in INLINE and right.lower() in INLINE):
            return ""
    return "\n"
