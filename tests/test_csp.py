"""acsg.csp: each page's Content-Security-Policy allows what that page runs, and no more."""

from __future__ import annotations

import base64
import hashlib
import re

from acsg.csp import with_policy


def _script_src(page: str) -> str:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy, page
    return next(part for part in policy.group(1).split("; ") if part.startswith("script-src"))


def test_only_the_search_page_may_run_webassembly() -> None:
    search = '<html><head></head><body><script type="module" src="../assets/search/search.js"></script></body></html>'
    other = '<html><head></head><body><script src="../assets/portal.js"></script></body></html>'
    assert _script_src(with_policy(search)) == "script-src 'self' 'wasm-unsafe-eval'"
    assert _script_src(with_policy(other)) == "script-src 'self'"


def test_an_inline_script_is_allowed_by_its_hash_and_data_is_not_a_script() -> None:
    page = (
        "<html><head></head><body><script>run()</script>"
        '<script id="__config" type="application/json">{"a": 1}</script></body></html>'
    )
    digest = base64.b64encode(hashlib.sha256(b"run()").digest()).decode()
    assert _script_src(with_policy(page)) == f"script-src 'self' 'sha256-{digest}'"
