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

# A kept element, matched whole (left as it is), or a line-breaking run of whitespace next to
# a tag (made one line break); one pattern, so that a run between two kept elements is seen.
_PATTERN = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)|(?<=>)\s*\n\s*|\s*\n\s*(?=<)",
    re.DOTALL | re.IGNORECASE,
)
# Then a tag (a kept element whole) and the line break after it when a tag follows.
_GAP = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>|</?([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>)"
    r"(?:\n(?=</?([a-zA-Z][a-zA-Z0-9-]*)))?",
    re.DOTALL | re.IGNORECASE,
)
# Elements beside which a line break renders as a space.
INLINE = frozenset(
    "a abbr b bdi bdo br button cite code data del dfn em i img input ins kbd label mark math "  # noqa: SIM905
    "meter object output progress q ruby s samp select small span strong sub sup svg textarea "
    "time u var video wbr".split()
)


def _gap(found: re.Match[str]) -> str:
    tag, kept, name, after = found.group(1, 2, 3, 4)
    if after is None or ((kept or name).lower() in INLINE and after.lower() in INLINE):
        return found.group(0)
    return tag


def compact(html: str) -> str:
    """``html`` without the line-breaking whitespace around its tags, and none between two
    tags unless both are inline."""
    return _GAP.sub(_gap, _PATTERN.sub(lambda found: found.group(1) or "\n", html))
