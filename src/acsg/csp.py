"""The Content-Security-Policy of every page: scripts, styles, images, fonts and data only
from the portal itself, no plugins, no <base> elsewhere, forms sent to the portal only.

Static hosts cannot send headers the portal chooses, so the policy is a ``<meta>`` element,
first in ``<head>``, written into each page once MkDocs has made it (the hooks call
``with_policy``). The theme's few inline scripts are allowed by their SHA-256 hashes, taken
from the page itself. Pagefind's search runs WebAssembly: 'wasm-unsafe-eval', on the pages
that load the search script only (the search page). The portal's script answers the theme's
sitemap requests with a data: address (connect-src). Material sets style attributes: 'unsafe-inline' for styles
only, which runs nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
_DATA_SCRIPT = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")
_HEAD = re.compile(r"<head[^>]*>")
_SEARCH_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc=["']?[^"'>]*assets/search/search\.js""")
POLICY = (
    "default-src 'self'",
    "script-src 'self'{wasm}{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(page: str) -> str:
    """The policy of one page: its own inline scripts are allowed by their hashes, WebAssembly
    where it loads the search script."""
    hashes = sorted(
        {
            _hash(body)
            for attributes, body in _INLINE_SCRIPT.findall(page)
            if not _DATA_SCRIPT.search(attributes)
        }
    )
    wasm = " 'wasm-unsafe-eval'" if _SEARCH_SCRIPT.search(page) else ""
    return "; ".join(POLICY).format(wasm=wasm, hashes="".join(" " + value for value in hashes))


def with_policy(page: str) -> str:
    """A page with its Content-Security-Policy as the first element of its <head>."""
    head = _HEAD.search(page)
    if head is None:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    return page[: head.end()] + meta + page[head.end() :]
