"""What the browser suite builds on: the portal's page types, sites built in-process and
served on 127.0.0.1, pages watched in Debian's Chromium (driven by Playwright).

- Sites are built like tests/test_site_build.py does (the real MkDocs build, with our hooks) into
  temporary projects; each is served by a ``http.server`` thread on a free port of 127.0.0.1,
  and built with that address as its site URL, as a published site is.
- Chromium is Debian's ``/usr/bin/chromium`` (``make test`` installs it); Playwright never
  downloads a browser. Each launch gets a fresh profile in this session's temporary folder.
- Every page a test opens is watched (``Watch``): console errors, uncaught errors, dialogs,
  failed requests, HTTP errors, and every request to another host, which is aborted.
- The list of page types is derived, not hard-coded: every path the renderer produces
  (``site_pages`` on the fixture catalogue) and every hand-written page in docs/.
  ``test_browser_coverage.py`` checks that this list and the built site agree, so a new kind of
  page is tested in the browser, or makes a test fail.
- The fixtures that use these (sites, browser, contexts) are in conftest.py.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from acsg.bench_site import CHROMIUM as CHROMIUM_PATH
from acsg.models import KINDS
from acsg.render.context import STATIC_PAGES
from acsg.render.pages import site_pages
from acsg.validation import load_catalogue

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURE = REPO / "tests" / "fixtures" / "site" / "content"
ARTIFACTS = REPO / "tests" / "artifacts"
NODE_MODULES = HERE / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_URL = "__browser-tests__/axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(CHROMIUM_PATH)
TODAY = "2026-11-23"
LANGS = ("en", "fr", "es")
PREFIX = {"en": "", "fr": "fr/", "es": "es/"}
# How Material labels its search box in each language (its own translations).
SEARCH_LABEL = {"en": "Search", "fr": "Rechercher", "es": "Buscar"}
MISSING_TOOLS = "`make test` installs them (make browser): "


# --- page types --------------------------------------------------------------------------------

FOLDER_KIND = {kind.folder: name for name, kind in KINDS.items()}


def url_of(path: str) -> str:
    """The site URL (relative to a language root) of a page path without suffix."""
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def page_type(path: str) -> str:
    """The kind of page a path is, e.g. ``pledges/x`` -> ``pledge``, ``browse/topics/index``
    -> ``browse-topics``; a path of no known kind is its own type (``data/index`` -> ``data``)."""
    parts = path.split("/")
    paged = len(parts) >= 3 and parts[-2] == "page" and parts[-1].isdigit()
    if paged:
        parts = parts[:-2]
    elif parts[-1] == "index":
        parts = parts[:-1]
    if not parts:
        name = "home"
    elif parts[0] in FOLDER_KIND and len(parts) == 1:
        name = "events" if parts[0] == "events" else f"{parts[0]}-listing"
    elif parts[0] in FOLDER_KIND and len(parts) == 2 and path.split("/")[-1] != "index":
        name = FOLDER_KIND[parts[0]]
    elif parts[0] == "countries" and len(parts) == 2:
        name = "country"
    elif parts[0] == "reports" and len(parts) == 2:
        name = "report"
    elif parts[0] == "matching" and len(parts) == 2:
        name = "matching-area"
    elif parts[0] == "browse" and len(parts) == 3:
        name = f"browse-{parts[1]}-value"
    else:
        name = "-".join(parts)
    return f"{name}-paged" if paged else name


@dataclass(frozen=True)
class PageType:
    """One kind of page and the page that stands for it (the fullest one of its kind)."""

    name: str
    url: str  # relative to the language root: "" (home), "pledges/some-id/", "about/"
    source: str  # "renderer" or "docs"

    def url_in(self, lang: str) -> str:
        return PREFIX[lang] + self.url


def hand_written_pages() -> list[str]:
    """Pages written in docs/ (English file names; translations are page.fr.md, page.es.md)."""
    docs = REPO / "docs"
    found = set()
    for md in docs.rglob("*.md"):
        relative = md.relative_to(docs)
        stem = relative.with_suffix("").as_posix()
        found.add(re.sub(r"\.(fr|es)$", "", stem))
    return sorted(found)


@functools.cache
def rendered_pages() -> dict[str, int]:
    """Every path the renderer writes for the fixture content, with its English size."""
    catalogue, problems = load_catalogue(FIXTURE)
    assert problems == [], problems
    return {
        page.path: len(page.texts["en"])
        for page in site_pages(catalogue, date.fromisoformat(TODAY))
    }


@functools.cache
def page_types() -> tuple[PageType, ...]:
    """One page per page type, from the renderer's paths and the hand-written pages."""
    chosen: dict[str, tuple[int, str]] = {}
    for path, size in rendered_pages().items():
        kind = page_type(path)
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    types = [PageType(kind, url_of(path), "renderer") for kind, (_, path) in chosen.items()]
    for path in sorted(set(hand_written_pages()) | STATIC_PAGES):
        types.append(PageType(page_type(path), url_of(path), "docs"))
    return tuple(sorted(types, key=lambda t: t.name))


# --- building and serving sites ----------------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site folder, and axe-core at AXE_URL (a path no site has)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if urlsplit(path).path == "/" + AXE_URL:
            return str(AXE)
        return super().translate_path(path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that leaves a page cancels its requests: not worth a traceback


@dataclass
class Site:
    """A built site served on 127.0.0.1."""

    root: Path  # the built site folder
    base: str  # "http://127.0.0.1:PORT/"
    project: Path
    server: ThreadingHTTPServer = field(repr=False)

    @property
    def origin(self) -> str:
        return self.base.rstrip("/")

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def _project(tmp: Path) -> Path:
    """A copy of the portal's MkDocs project (configuration, hooks, pages, theme overrides)."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    ignore = shutil.ignore_patterns("__pycache__", "node_modules")
    shutil.copytree(REPO / "hooks", project / "hooks", ignore=ignore)
    shutil.copytree(REPO / "docs", project / "docs", ignore=ignore)
    if (REPO / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(REPO / "overrides", project / "overrides", ignore=ignore)
    for watched in ("content", "src/acsg"):  # mkdocs.yml watches them for `mkdocs serve`
        (project / watched).mkdir(parents=True)
    return project


def build_and_serve(tmp: Path, content: Path, patch: pytest.MonkeyPatch | None = None) -> Site:
    """Build the portal from ``content`` in this process and serve it on a free port.

    The port is taken before the build, so that the site is built for the address it is served
    at (canonical links, sitemaps and Material's language switch use it). ``patch`` may hold
    patches that last for the build only (it is undone here).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = _project(tmp)
    root = tmp / "site"
    handler = functools.partial(_Quiet, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    patch = patch or pytest.MonkeyPatch()
    patch.setenv("ACSG_CONTENT", str(content))
    patch.setenv("ACSG_TODAY", TODAY)
    patch.setenv("ACSG_SITE_URL", base)
    patch.delenv("ACSG_REPO_URL", raising=False)  # the published default, as visitors get it
    patch.setenv("NO_MKDOCS_2_WARNING", "1")
    patch.chdir(project)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(root), strict=True))
    except BaseException:
        server.server_close()
        raise
    finally:
        patch.undo()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Site(root, base, project, server)


# --- the browser -------------------------------------------------------------------------------


CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) =>
  window.acsgCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`));"""


class Watch:
    """Everything that goes wrong while pages load, as readable problem lines.

    Installed on a browser context (``Watch.on_context``): requests to any other host than the
    site's are aborted and recorded.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.external: set[str] = set()
        self.inflight: set[Any] = set()
        self.last_activity = time.monotonic()
        # Only requests to other hosts are routed (a regex is matched by Playwright itself,
        # so the site's own requests cost no round trip to Python).
        self.elsewhere = re.compile(f"^(?!{re.escape(site.base)})")

    @classmethod
    def on_context(cls, context: Any, site: Site) -> Watch:
        watch = cls(site)
        context.route(watch.elsewhere, watch._route)
        context.on("page", watch.attach)
        # Every Content-Security-Policy violation a page reports is a problem.
        context.expose_function("acsgCspViolation", watch._csp_violation)
        context.add_init_script(CSP_LISTENER)
        return watch

    def _csp_violation(self, text: str) -> None:
        self.problems.append(f"Content-Security-Policy violation: {text}")

    def reset(self) -> None:
        self.problems.clear()
        self.dialogs.clear()
        self.console.clear()

    def _local(self, route: Any) -> bool:
        """Whether a routed request goes to the site after all (e.g. its root without a slash);
        if not, it is recorded, to be aborted."""
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.site.origin:
            return True
        self.external.add(url)
        self.problems.append(f"request to another host (aborted): {url}")
        return False

    def _route(self, route: Any) -> None:
        if self._local(route):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("request", self._request)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("dialog", self._dialog)

    def _request(self, request: Any) -> None:
        self.inflight.add(request)
        self.last_activity = time.monotonic()

    def _done(self, request: Any) -> None:
        self.inflight.discard(request)
        self.last_activity = time.monotonic()

    def _console(self, message: Any) -> None:
        where = message.location.get("url", "")
        self.console.append(f"{message.type}: {message.text} ({where})")
        if message.type == "error":
            if where in self.external and "ERR_BLOCKED_BY_CLIENT" in message.text:
                return  # the aborted request itself is the problem, already recorded
            self.problems.append(f"console error: {message.text} ({where})")

    def _failed(self, request: Any) -> None:
        self._done(request)
        # ERR_ABORTED: the browser cancelled the request itself, because the page was left
        # (a missing file is an HTTP error, a server that fails another net:: error).
        if request.url not in self.external and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        self.problems.append(f"dialog opened: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def quiet_for(self, seconds: float) -> bool:
        """Whether no request has been in flight for ``seconds``."""
        return not self.inflight and time.monotonic() - self.last_activity >= seconds

    def relative(self, problems: list[str]) -> list[str]:
        """Problems with this site's origin removed from their URLs (stable across runs)."""
        return [problem.replace(self.site.base, "/") for problem in problems]


@dataclass
class Browsing:
    """A browser context on one site, its watch, and one page."""

    context: Any
    page: Any
    watch: Watch
    site: Site

    def open(self, path: str, wait_until: str = "load") -> Any:
        response = self.page.goto(self.site.url(path), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def settle(self, quiet: float = 0.25, timeout: float = 5.0) -> None:
        """Wait until the page has had no request in flight for ``quiet`` seconds: what it
        starts after load (Material's search index, sitemaps, ...) is then recorded."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.watch.quiet_for(quiet):
            self.page.wait_for_timeout(25)
        # A page that never idles is no error in itself: what it requested is reported anyway.

    def fresh(self) -> None:
        """Leave the current page, let what it started end, and forget its problems."""
        self.page.goto("about:blank")
        self.settle(quiet=0.05)
        self.watch.inflight.clear()
        self.watch.reset()

    def inject_axe(self) -> None:
        """axe-core, loaded like a page's own script (so that the browser caches it)."""
        require(AXE)
        self.page.add_script_tag(url=self.site.url(AXE_URL))


def new_browsing(browser: Any, site: Site, **options: Any) -> Browsing:
    options.setdefault("viewport", {"width": 1280, "height": 800})
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    watch = Watch.on_context(context, site)
    page = context.new_page()
    return Browsing(context, page, watch, site)


def assert_no_problems(problems: list[str], what: str) -> None:
    """Fail with every problem a page showed, one per line."""
    assert not problems, f"{what}:\n  " + "\n  ".join(problems)


def artifacts_folder(name: str) -> Path:
    folder = ARTIFACTS / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def require(path: Path) -> Path:
    assert path.exists(), MISSING_TOOLS + f"{path} is missing (cd tests/browser && npm ci)"
    return path
