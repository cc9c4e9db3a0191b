"""Site figures for ``acsg bench``: the full three-language build against its floors, memory,
page weight, and what a real browser downloads to open a record page and to search.

The floor is the portal's own pages as Markdown files built with the same theme and i18n in the
same run, without the portal's hooks: the ratio shows what the portal adds to MkDocs itself.
The plain floor is as many simple pages (a heading, about 200 words, a small table) built the
same way, with Material's search plugin on as in any plain site: what MkDocs needs for a site
of that size whose pages cost it nothing special.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.models import KINDS
from acsg.render.context import GENERATED
from acsg.render.pages import site_pages
from acsg.render.tree import write_tree
from acsg.sitesize import measure
from acsg.validation import load_catalogue

PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides")
# Builds are timed this many times, the portal's and the floor's in turn, and the fastest of
# each kept: other work on the machine only ever slows a build down.
BUILD_RUNS = 2
TODAY = date(2026, 11, 23)  # the day both builds are made for (upcoming and past events)
BUILD_RATIO_TARGET = 0.75  # issue 17: the languages built at once, against today's floor
PLAIN_RATIO_TARGET = 1.15  # and against the plain floor
ALL_MEMORY_TARGET_MIB = 4096  # every process of the build together, at 10,000 records
PEAK_MEMORY_TARGET_MIB = 2048
PAGE_TARGET_KB = 30
PAGE_MEDIAN_TARGET_KB = 12  # issue 19: a record page's light frame
SITE_TARGET_MB = 500  # the whole site at 10,000 records: half GitHub Pages' 1 GB
SITE_FILES_TARGET = 100_000  # the most files a common static host accepts (Cloudflare Pages)
FIRST_VIEW_TARGET_KB = 400
MAP_TARGET_KB = 150  # a map's SVG as written
MAP_GZIP_TARGET_KB = 50  # and compressed
FIRST_QUERY_TARGET_KB = 300
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Run in a fresh interpreter: build the project in argv[1] into argv[2]; print as JSON its time,
# the CPU time of the build and of the processes it started, its peak memory (VmHWM: its own
# peak, not the benchmark's) and the largest peak of the processes it started (ru_maxrss, which
# for a forked process starts from the build's resident size at the fork).
_BUILD = """
import json, logging, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

def peak_kib():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def cpu_seconds():
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF),
                      resource.getrusage(resource.RUSAGE_CHILDREN))
    )

logging.basicConfig(level=logging.WARNING)
started, cpu = time.perf_counter(), cpu_seconds()
build(load_config(sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[2]))
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "cpu_seconds": cpu_seconds() - cpu,
    "peak_kib": peak_kib(),
    "helper_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


class SiteBenchmarkError(RuntimeError):
    """A build or the browser measurement failed."""


def _copy_project(source: Path, target: Path, names: tuple[str, ...] = PROJECT_FILES) -> None:
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        else:
            shutil.copy(path, target / name)
    for watched in ("content", "src/acsg"):  # mkdocs.yml watches them for `mkdocs serve`
        (target / watched).mkdir(parents=True, exist_ok=True)


SAMPLE_SECONDS = 0.2  # how often the memory of a build's processes is read


def _pss_kib(root: int) -> int:
    """The proportional set size (shared pages divided among their sharers, so that forked
    processes are not counted twice) of process ``root`` and every process under it, in KiB."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path("/proc", entry.name, "stat").read_text(encoding="ascii")
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total


def build_measured(
    project: Path, site: Path, environment: dict[str, str], prelude: str = ""
) -> dict:
    """Build in a fresh interpreter; its figures, and the largest memory of all its processes
    together, read every SAMPLE_SECONDS. ``prelude``: Python run in that interpreter first."""
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        subprocess.Popen(
            [sys.executable, "-c", prelude + _BUILD, str(project), str(site)],
            cwd=project,
            env=environment,
            stdout=out,
            stderr=err,
            text=True,
        ) as process,
    ):
        peak = 0
        while process.poll() is None:
            peak = max(peak, _pss_kib(process.pid))
            time.sleep(SAMPLE_SECONDS)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SiteBenchmarkError(f"the build failed:\n{err.read()[-3000:]}")
        return json.loads(out.read().strip().splitlines()[-1]) | {"all_peak_kib": peak}


def _pages_per_language(docs: Path) -> int:
    suffixed = re.compile(r"\.(fr|es)\.md$")
    return sum(1 for path in docs.rglob("*.md") if not suffixed.search(path.name))


def _floor_project(portal: Path, target: Path, catalogue: Catalogue) -> None:
    """The portal's own pages as ordinary Markdown files (the generated pages written out by
    ``acsg render``, and the hand-written pages), same theme, i18n and navigation, built
    without the portal's hooks: what MkDocs alone needs for these pages."""
    _copy_project(portal, target, ("mkdocs.yml", "overrides", "docs"))
    write_tree(site_pages(catalogue, TODAY), target / "docs" / GENERATED, catalogue.root)
    config = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


WORDS = [
    "asylum",
    "registration",
    "procedure",
    "appeal",
    "training",
    "interview",
    "decision",
    "quality",
    "review",
    "country",
    "information",
    "support",
    "capacity",
    "office",
    "staff",
    "case",
    "file",
    "guidance",
    "national",
    "system",
    "hearing",
    "refugee",
    "status",
    "determination",
    "reception",
    "legal",
    "aid",
    "interpreter",
    "record",
    "practice",
]


def _plain_project(portal: Path, target: Path, pages: int) -> None:
    """``pages`` simple pages in each language (a heading, about 200 words, a small table),
    built with the portal's theme and i18n, without its hooks and its link rule, Material's
    search plugin on, all but the hand-written pages' names out of the navigation."""
    _copy_project(portal, target, ("mkdocs.yml", "overrides"))
    shutil.copytree(portal / "docs" / "assets", target / "docs" / "assets")  # logo, styles
    config = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = config.replace("\n  - acsg.markup", "").replace("/_generated/**", "/pages/**")
    config = config.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    named = re.findall(r"^  - (\S+\.md)$", config, flags=re.MULTILINE)
    paths = ["index.md", *named]
    paths += [f"pages/page-{number}.md" for number in range(pages - len(paths))]
    for number, path in enumerate(paths):
        words = [WORDS[(number * 7 + index * 3) % len(WORDS)] for index in range(200)]
        for suffix in ("", ".fr", ".es"):
            text = (
                f"# Page {number}{suffix}\n\n"
                + "\n\n".join(" ".join(words[at : at + 50]) + "." for at in range(0, 200, 50))
                + "\n\n| Name | Value |\n|---|---|\n| first | 1 |\n| second | 2 |\n"
            )
            file = target / "docs" / path.replace(".md", f"{suffix}.md")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")


def _record_pages(site: Path) -> list[Path]:
    return [
        page
        for kind in KINDS.values()
        for page in (site / kind.folder).glob("*/index.html")
        if page.parent.name != "page"
    ]


@contextmanager
def _served(site: Path) -> Iterator[str]:
    handler = partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def browser_bytes(site: Path, page_url: str, query: str | None) -> tuple[int, int]:
    """Bytes a real browser downloads to open ``page_url`` with a cold cache, then to run a
    first search for ``query`` from its header (headers and bodies, as transferred; no search
    and 0 when ``query`` is None)."""
    from playwright.sync_api import Request, sync_playwright

    with _served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            transferred: list[int] = []

            def count(request: Request) -> None:
                sizes = request.sizes()
                transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

            page.on("requestfinished", count)
            page.goto(base + page_url, wait_until="networkidle")
            first_view = sum(transferred)
            if query is None:
                return first_view, 0
            page.fill("#acsg-header-query", query)
            page.press("#acsg-header-query", "Enter")
            page.wait_for_selector(".acsg-search__result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            first_query = sum(transferred) - first_view
        finally:
            browser.close()
    return first_view, first_query


def site_figures(folder: Path, repository: Path) -> dict[str, float]:
    """Build the portal on the demo records in ``folder`` and its floor; measure both."""
    with tempfile.TemporaryDirectory(prefix="acsg-bench-site-") as temporary:
        work = Path(temporary)
        portal, floor = work / "portal", work / "floor"
        portal.mkdir()
        _copy_project(repository, portal)
        environment = {
            **os.environ,
            "ACSG_CONTENT": str(folder),
            "ACSG_TODAY": TODAY.isoformat(),
            "ACSG_PDFS": "0",  # the reports' and briefs' PDFs: tools/bench_printables.py
        }
        catalogue, _ = load_catalogue(folder)
        floor.mkdir()
        _floor_project(portal, floor, catalogue)
        pages = _pages_per_language(floor / "docs")
        plain_project = work / "plain"
        plain_project.mkdir()
        _plain_project(portal, plain_project, pages)
        # Each build in turn, BUILD_RUNS times: other work on the machine slows them alike.
        kinds = {
            "portal": (portal, "the portal in three languages"),
            "floor": (floor, f"the floor: the same {pages} pages per language, no hooks"),
            "plain": (plain_project, f"the plain floor: {pages} simple pages per language"),
        }
        runs: dict[str, list[dict]] = {name: [] for name in kinds}
        for run in range(1, BUILD_RUNS + 1):
            for name, (project, what) in kinds.items():
                print(f"  building {what} (run {run}/{BUILD_RUNS})...", flush=True)
                shutil.rmtree(work / f"{name}-site", ignore_errors=True)
                runs[name].append(build_measured(project, work / f"{name}-site", environment))
        builds = runs["portal"]
        built, plain, simple = (
            min(runs[name], key=lambda run: run["seconds"]) for name in ("portal", "floor", "plain")
        )
        sizes = [page.stat().st_size for page in _record_pages(work / "portal-site")]
        pledge = next(iter(catalogue.pledges.values()))
        query = next(
            word for word in (pledge.title.get(pledge.language) or "").split()[1:] if len(word) > 3
        )
        print("  opening a record page and searching in Chromium...", flush=True)
        first_view, first_query = browser_bytes(
            work / "portal-site",
            f"/{'' if pledge.language == 'en' else pledge.language + '/'}pledges/{pledge.id}/",
            query,
        )
        print("  opening the home page in Chromium...", flush=True)
        home_view, _ = browser_bytes(work / "portal-site", "/", None)
        maps = _map_sizes(work / "portal-site")
        published = measure(work / "portal-site")
    return {
        "site_mb": published.mb,
        "site_files": published.files,
        "build_seconds": built["seconds"],
        "floor_seconds": plain["seconds"],
        "build_cpu_seconds": built["cpu_seconds"],
        "floor_cpu_seconds": plain["cpu_seconds"],
        "plain_seconds": simple["seconds"],
        "plain_cpu_seconds": simple["cpu_seconds"],
        "all_peak_mib": max(run["all_peak_kib"] for run in builds) / 1024,
        "pages": pages * 3,
        "build_peak_mib": max(run["peak_kib"] for run in builds) / 1024,
        "helper_peak_mib": max(run["helper_peak_kib"] for run in builds) / 1024,
        "page_median_kb": statistics.median(sizes) / 1000,
        "page_max_kb": max(sizes) / 1000,
        "first_view_kb": first_view / 1000,
        "first_query_kb": first_query / 1000,
        "home_first_view_kb": home_view / 1000,
        "map_svg_kb": max(raw for raw, _ in maps) / 1000,
        "map_svg_gzip_kb": max(packed for _, packed in maps) / 1000,
    }


MAP_SVG = re.compile(rb'<svg [^>]*class="acsg-map".*?</svg>', re.DOTALL)


def _map_sizes(site: Path) -> list[tuple[int, int]]:
    """(bytes, gzip-compressed bytes) of each map of the home and Map pages (English)."""
    found = [
        (len(svg), len(gzip.compress(svg)))
        for page in (site / "index.html", site / "map" / "index.html")
        for svg in MAP_SVG.findall(page.read_bytes())
    ]
    if not found:
        raise SiteBenchmarkError("no map on the home and Map pages")
    return found
