"""Fixtures of the browser suite: the built sites, served on 127.0.0.1, and Debian's Chromium.

What they build on (page types, serving, watching pages, known portal problems) is in
browserkit.py; this file only wires it into pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from acsg.bench_site import CHROMIUM_ARGS

from .browserkit import (
    CHROMIUM,
    FIXTURE,
    LANGS,
    MISSING_TOOLS,
    Browsing,
    Site,
    build_and_serve,
    new_browsing,
    page_types,
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``page_kind`` runs a test on one page of every type (and ``lang``: in every language)."""
    if "page_kind" in metafunc.fixturenames:
        types = page_types()
        metafunc.parametrize("page_kind", types, ids=[t.name for t in types])
        if "lang" in metafunc.fixturenames:
            metafunc.parametrize("lang", LANGS)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    """The fictitious fixture content (tests/fixtures/site/content), built and served."""
    served = build_and_serve(tmp_path_factory.mktemp("fixture-site"), FIXTURE)
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Iterator[Site]:
    """300 demo records (`acsg demo-data 300 DIR`): listings with several pages (of 100)."""
    from acsg.cli import main

    tmp = tmp_path_factory.mktemp("demo-site")
    content = tmp / "content"
    assert main(["demo-data", "300", str(content)]) == 0
    served = build_and_serve(tmp, content)
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="package")
def browser(tmp_path_factory) -> Iterator[Any]:
    """Debian's Chromium, headless, in a fresh profile, with no network use of its own.

    Package scope: Playwright is stopped once tests/browser/ is done, as its synchronous API
    cannot be started again in this thread while it runs (other tests use it too)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), MISSING_TOOLS + "apt-get install chromium"
    # Playwright gives every launch a new profile folder (it refuses --user-data-dir in args)
    # under the temporary folder of its driver: make that this session's own, fresh one.
    patch = pytest.MonkeyPatch()
    patch.setenv("TMPDIR", str(tmp_path_factory.mktemp("chromium")))
    try:
        playwright = sync_playwright().start()
    finally:
        patch.undo()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def browsing(browser, site) -> Iterator[Browsing]:
    """A fresh desktop-sized browser context (JavaScript on) on the fixture site."""
    b = new_browsing(browser, site)
    yield b
    b.context.close()
