"""Lighter pages: the whitespace the theme's templates leave between tags, taken out.

Material's templates indent their output and leave the blank lines of their Jinja statements:
about a fifth of a record page's bytes. A run of whitespace that holds a line break and touches
a tag becomes one line break, which a browser renders exactly as it rendered the run (one
collapsible space). The text of ``<pre>``, ``<textarea>``, ``<code>``, ``<script>`` and
``<style>`` is kept byte for byte (the Content-Security-Policy hashes the inline scripts).
"""

from __future__ import annotations

import re

# A kept element, matched whole (left as it is), or a line-breaking run of whitespace next to
# a tag (made one line break); one pattern, so that a run between two kept elements is seen.
_PATTERN = re.compile(
    r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)|(?<=>)\s*\n\s*|\s*\n\s*(?=<)",
    re.DOTALL | re.IGNORECASE,
)


def compact(html: str) -> str:
    """``html`` without the line-breaking whitespace around its tags."""
    return _PATTERN.sub(lambda found: found.group(1) or "\n", html)
