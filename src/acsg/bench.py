"""``acsg bench``: how long validation takes, and how much memory it needs, on demo data.

For each size N, N fictitious records (``acsg.demo``) are written into a temporary folder,
then measured. Each measure is a small function returning named figures, so that more
measures (e.g. building the site) are added by writing one more function and listing it in
``MEASURES``; the table and the Markdown section show every figure they return.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from acsg import bench_site
from acsg.bench_site import (
    ALL_MEMORY_TARGET_MIB,
    BUILD_RATIO_TARGET,
    BUILD_RUNS,
    FIRST_QUERY_TARGET_KB,
    FIRST_VIEW_TARGET_KB,
    MAP_GZIP_TARGET_KB,
    MAP_TARGET_KB,
    PAGE_MEDIAN_TARGET_KB,
    PAGE_TARGET_KB,
    PEAK_MEMORY_TARGET_MIB,
    PLAIN_RATIO_TARGET,
    SITE_FILES_TARGET,
    SITE_TARGET_MB,
    TODAY,
    SiteBenchmarkError,
    site_figures,
)
from acsg.demo import write_demo_data
from acsg.validation import load_catalogue

RUNS = 3  # timings are the best of this many runs
TARGET_SIZE = 10_000
TARGET_SECONDS = 3.0  # validation of 10,000 records
SUGGEST_TARGET_SECONDS = 5.0  # the matching assistant's suggestions for 10,000 records
EVALUATED_UP_TO = 1_000  # acsg suggest --evaluate figures at this size and below
HEADER = """# Benchmarks

How long `acsg validate` takes on N fictitious records written by `acsg demo-data` (about
15% organizations, 35% pledges, 20% matches, 20% good practices and 10% events, with texts in
English, French and Spanish), and how much memory it needs.

- **validation (s)**: `load_catalogue` (all the work of `acsg validate`: reading the YAML
  files, checking every record and every reference between records), best of 3 runs in one
  process. Target: under 3 s for 10,000 records.
- **acsg validate (s)**: the command itself in a new Python process, imports included (what a
  contributor waits for, bar the start-up of the `acsg` script).
- **peak memory (MiB)**: the largest resident size of that process (VmHWM on Linux; worker
  processes the command may start are not counted); **of which imports**: its resident size
  once the `acsg` modules were imported.
- **generation (s)** and **files (MiB)**: writing the demo records, for scale.
- **pages built**: pages of the three-language site. **build (s)**: `mkdocs build` of the
  portal on the demo records, in a fresh process: validation, page generation, MkDocs with
  Material and static-i18n, data files and the Pagefind index (not the PDFs of the reports and
  country briefs, `ACSG_PDFS=0`: `tools/bench_printables.py` measures those). **floor (s)**: the same pages
  (the Markdown the portal generates, written out by `acsg render`, and the hand-written pages)
  built as ordinary files with the same theme, i18n and navigation but without the portal's
  hooks, in the same run (each built twice, in turn, and the faster run of each kept); the
  ratio **build / floor** is what the portal adds to MkDocs itself, or saves it: the build
  makes its three languages at once, French and Spanish each in a process of its own, where
  MkDocs alone makes them one after another (target since issue 17: at most 0.75; it was
  1.15 when the build was sequential). **plain floor (s)**: as many simple pages per language
  (a heading, about 200 words, a small table) with the same theme and i18n, Material's search
  plugin on as in any plain site, pages out of the navigation; **build / plain floor**
  (target: at most 1.15) compares the portal with a plain site of its size. The build time of 10,000 records should be at most 11 times that of
  1,000 (linear). The portal does its own work (rendering pages ahead of MkDocs, data files,
  search index) in processes beside MkDocs, on the machine's second core: **build CPU (s)** and
  **floor CPU (s)**, the processor time of each build and of every process it started, show
  that work; on a single core the build would take about its CPU time.
- **build peak memory (MiB)**: VmHWM of the build process (target: under 2 GB);
  **largest helper (MiB)**: the largest peak of the processes it started (forked ones share
  the build's memory, and their figure starts from its size when they were started);
  **all processes, peak (MiB)**: the largest total of the build and every process under it
  (the languages, the page renderer, data files, search index), read every 0.2 s as
  proportional set size (memory shared by forked processes counted once); target at 10,000
  records: under 4 GB.
- **record page (KB)**: HTML of the record pages, median (target: under 12 KB, the light
  frame of issue 19) and largest (target: under 30 KB).
- **site (MB)** and **site files**: the built portal as a host receives it (every file's own
  size, MB = 10^6 bytes, and their number; `acsg site-size`). Targets at 10,000 records: under
  500 MB (half GitHub Pages' 1 GB) and under 100,000 files (Cloudflare Pages' paid plans).
- **home page, cold first view (KB)**: bytes Chromium downloads to open the home page, map and
  charts included (target at 10,000 records: under 400 KB); **largest map SVG (KB)**: the
  largest map of the home and Map pages, as written and gzip-compressed (targets: 150 and 50).
- **cold first view (KB)**: bytes Chromium downloads to open a record page with an empty
  cache (target at 10,000 records: under 400 KB); **first query (KB)**: then, the bytes of a
  first search from the page's header (target: under 300 KB). Served uncompressed by Python's
  http.server on 127.0.0.1: a real host's compression makes both smaller.

Run `make bench` to print the figures, or append a section here with
`.venv/bin/acsg bench --sizes 1000 10000 --output BENCHMARKS.md`.
"""

# Run in a fresh interpreter: `acsg validate` the folder in argv[1] (whatever the command does,
# e.g. spreading work over processes), then print what it cost as JSON.
# Peak memory is VmHWM where /proc exists: on Linux a child's ru_maxrss starts from the peak of
# the process that started it (kept across fork and exec), so it would report the benchmark's own.
_CHILD = """
import json, resource, sys, time

def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value // 1024 if sys.platform == "darwin" else value

started = time.perf_counter()
from acsg.cli import main
imported = peak_kib()
status = main(["validate", sys.argv[1]])
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_kib": peak_kib(), "imported_kib": imported,
                  "status": status}))
"""


@dataclass(frozen=True)
class Figure:
    """One measured value, named so that the table, the Markdown and later code can find it."""

    name: str  # stable key, e.g. "validation_seconds"
    label: str  # column heading, e.g. "validation (s)"
    value: float
    digits: int = 2
    target: float | None = None  # an upper bound the value should stay under

    @property
    def shown(self) -> str:
        text = f"{self.value:,.{self.digits}f}"
        if self.target is not None:
            verdict = "met" if self.value < self.target else "NOT MET"
            text += f" (target < {self.target:g}: {verdict})"
        return text


@dataclass
class Result:
    size: int
    figures: list[Figure]

    def get(self, name: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.name == name), None)


class BenchmarkError(Exception):
    """The demo data did not validate, or a measuring process failed."""


def _say(message: str) -> None:
    print(message, flush=True)


def _megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*.yaml")) / 2**20


# --- measures: each takes the demo folder and its size, and returns figures -------------------


def measure_validation(folder: Path, size: int) -> list[Figure]:
    """The work of `acsg validate` (load_catalogue, in parallel as the command runs it) in
    this process, best of RUNS."""
    timings = []
    for run in range(1, RUNS + 1):
        _say(f"  validating (run {run}/{RUNS})...")
        started = time.perf_counter()
        catalogue, problems = load_catalogue(folder, parallel=True)
        timings.append(time.perf_counter() - started)
        if problems:
            shown = "\n".join(str(problem) for problem in problems[:10])
            raise BenchmarkError(f"the demo data has {len(problems)} problem(s):\n{shown}")
        if len(catalogue) != size:
            raise BenchmarkError(f"validated {len(catalogue)} records, expected {size}")
    target = TARGET_SECONDS if size == TARGET_SIZE else None
    return [Figure("validation_seconds", "validation (s)", min(timings), target=target)]


def measure_suggestions(folder: Path, size: int) -> list[Figure]:
    """The matching assistant's suggestions for every open need and offer (what the pages,
    the board and api/v1/suggestions.json use), in a fresh catalogue each run, best of RUNS;
    and how well it finds the demo data's planted pairs (acsg suggest --evaluate)."""
    from acsg import matching

    timings = []
    for run in range(1, RUNS + 1):
        _say(f"  suggesting matches (run {run}/{RUNS})...")
        catalogue, _ = load_catalogue(folder, parallel=True)
        started = time.perf_counter()
        matching.suggestions(catalogue, TODAY)
        timings.append(time.perf_counter() - started)
    target = SUGGEST_TARGET_SECONDS if size == TARGET_SIZE else None
    found = [Figure("suggest_seconds", "suggestions (s)", min(timings), target=target)]
    if size <= EVALUATED_UP_TO:  # it ranks every offer for each planted pair, one by one
        _say("  evaluating the suggestions on the planted pairs...")
        figures = matching.evaluate(catalogue)
        found.append(Figure("hit_at_3", "planted pairs in the top 3", figures["hit_at_3"] or 0.0))
    return found


def measure_fresh_process(folder: Path, size: int) -> list[Figure]:
    """`acsg validate` in a new interpreter: its wall time and peak memory."""
    _say("  running acsg validate in a fresh process (time and peak memory)...")
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise BenchmarkError(f"acsg validate failed in the measuring process:\n{output[-3000:]}")
    child = json.loads(completed.stdout.strip().splitlines()[-1])
    if f"OK: {size} record(s)" not in completed.stderr:
        raise BenchmarkError(f"acsg validate did not validate {size} records: {completed.stderr}")
    return [
        Figure("command_seconds", "acsg validate (s)", child["seconds"]),
        Figure("peak_memory_mib", "peak memory (MiB)", child["peak_kib"] / 1024, digits=0),
        Figure("import_memory_mib", "of which imports (MiB)", child["imported_kib"] / 1024, 0),
    ]


def measure_site(folder: Path, size: int) -> list[Figure]:
    """The full three-language build against its floor, memory, page weight, browser bytes."""
    repository = Path.cwd()
    if not (repository / "mkdocs.yml").is_file():
        raise BenchmarkError("run acsg bench from the repository (where mkdocs.yml is)")
    try:
        site = site_figures(folder, repository)
    except SiteBenchmarkError as error:
        raise BenchmarkError(str(error)) from None
    at_target = size == TARGET_SIZE
    return [
        Figure("pages", "pages built", site["pages"], digits=0),
        Figure("build_seconds", "build (s)", site["build_seconds"], digits=1),
        Figure("floor_seconds", "floor (s)", site["floor_seconds"], digits=1),
        Figure("plain_seconds", "plain floor (s)", site["plain_seconds"], digits=1),
        Figure("build_cpu", "build CPU (s)", site["build_cpu_seconds"], digits=1),
        Figure("floor_cpu", "floor CPU (s)", site["floor_cpu_seconds"], digits=1),
        Figure("plain_cpu", "plain floor CPU (s)", site["plain_cpu_seconds"], digits=1),
        Figure(
            "build_ratio",
            "build / floor",
            site["build_seconds"] / site["floor_seconds"],
            target=BUILD_RATIO_TARGET,
        ),
        Figure(
            "plain_ratio",
            "build / plain floor",
            site["build_seconds"] / site["plain_seconds"],
            target=PLAIN_RATIO_TARGET,
        ),
        Figure(
            "build_peak_mib",
            "build peak memory (MiB)",
            site["build_peak_mib"],
            digits=0,
            target=PEAK_MEMORY_TARGET_MIB,
        ),
        Figure("helper_peak_mib", "largest helper (MiB)", site["helper_peak_mib"], digits=0),
        Figure(
            "all_peak_mib",
            "all processes, peak (MiB)",
            site["all_peak_mib"],
            digits=0,
            target=ALL_MEMORY_TARGET_MIB if at_target else None,
        ),
        Figure(
            "page_median_kb",
            "record page, median (KB)",
            site["page_median_kb"],
            digits=1,
            target=PAGE_MEDIAN_TARGET_KB,
        ),
        Figure(
            "site_mb",
            "site (MB)",
            site["site_mb"],
            digits=0,
            target=SITE_TARGET_MB if at_target else None,
        ),
        Figure(
            "site_files",
            "site files",
            site["site_files"],
            digits=0,
            target=SITE_FILES_TARGET if at_target else None,
        ),
        Figure("page_max_kb", "record page, largest (KB)", site["page_max_kb"], 1, PAGE_TARGET_KB),
        Figure(
            "first_view_kb",
            "cold first view (KB)",
            site["first_view_kb"],
            digits=0,
            target=FIRST_VIEW_TARGET_KB if at_target else None,
        ),
        Figure(
            "first_query_kb",
            "first query (KB)",
            site["first_query_kb"],
            digits=0,
            target=FIRST_QUERY_TARGET_KB if at_target else None,
        ),
        Figure(
            "home_first_view_kb",
            "home page, cold first view (KB)",
            site["home_first_view_kb"],
            digits=0,
            target=FIRST_VIEW_TARGET_KB if at_target else None,
        ),
        Figure("map_svg_kb", "largest map SVG (KB)", site["map_svg_kb"], 1, MAP_TARGET_KB),
        Figure(
            "map_svg_gzip_kb",
            "largest map SVG, gzip (KB)",
            site["map_svg_gzip_kb"],
            1,
            MAP_GZIP_TARGET_KB,
        ),
    ]


MEASURES: list[Callable[[Path, int], list[Figure]]] = [
    measure_validation,
    measure_suggestions,
    measure_fresh_process,
    measure_site,
]


def _run_size(size: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="acsg-bench-") as temporary:
        folder = Path(temporary)
        _say(f"generating {size} demo records...")
        started = time.perf_counter()
        written = write_demo_data(size, folder)
        figures = [
            Figure("records", "records", written, digits=0),
            Figure("generation_seconds", "generation (s)", time.perf_counter() - started),
            Figure("files_mib", "files (MiB)", _megabytes(folder), digits=1),
        ]
        for measure in MEASURES:
            figures.extend(measure(folder, written))
    return Result(size, figures)


# --- reporting --------------------------------------------------------------------------------


def machine() -> str:
    """The machine the figures come from, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} ({platform.machine()}), {cpu}, "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()}"
    )


def _rows(results: list[Result]) -> tuple[list[str], list[list[str]]]:
    """Every figure any size has (some are measured at small sizes only), "not measured"
    where a size has none."""
    headings = list(dict.fromkeys(f.label for result in results for f in result.figures))
    rows = []
    for result in results:
        shown = {figure.label: figure.shown for figure in result.figures}
        rows.append([shown.get(heading, "not measured") for heading in headings])
    return headings, rows


def table(results: list[Result]) -> str:
    """The figures as an aligned plain-text table."""
    headings, rows = _rows(results)
    widths = [max(len(cell) for cell in column) for column in zip(headings, *rows, strict=True)]
    lines = [headings, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True))
        for line in lines
    )


SCALING_TARGET = 11  # build time of 10 times the records: at most 11 times as long


def scaling(results: list[Result]) -> list[str]:
    """How the build time grows between the sizes measured (linear: 10x records, <= 11x time)."""
    lines = []
    ordered = sorted(results, key=lambda result: result.size)
    for small, large in itertools.pairwise(ordered):
        first, second = small.get("build_seconds"), large.get("build_seconds")
        if first is None or second is None:  # not measured (a shorter run of the benchmark)
            continue
        ratio = second.value / first.value
        target = SCALING_TARGET * large.size / small.size / 10
        verdict = "met" if ratio <= target else "NOT MET"
        lines.append(
            f"Build time {large.size:,} / {small.size:,} records: {ratio:.2f} "
            f"(target <= {target:g}: {verdict})"
        )
    return lines


def markdown(results: list[Result], when: datetime) -> str:
    """A Markdown section: date, machine and a table of every figure."""
    headings, rows = _rows(results)
    lines = [
        f"## {when.date().isoformat()}",
        "",
        f"Machine: {machine()}.",
        "",
        "| " + " | ".join(headings) + " |",
        "|" + "|".join("---:" for _ in headings) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    extra = scaling(results)
    return "\n".join(lines + ([""] + [f"- {line}" for line in extra] if extra else [])) + "\n"


def _append(output: Path, section: str) -> None:
    existing = output.read_text(encoding="utf-8") if output.exists() else HEADER
    if existing and not existing.endswith("\n\n"):
        existing = existing.rstrip("\n") + "\n\n"
    output.write_text(existing + section, encoding="utf-8")


def run_benchmark(sizes: list[int], output: Path | None, build_runs: int = BUILD_RUNS) -> int:
    """Measure every size, print the table, append it to ``output``; return the exit status.
    ``build_runs``: how many times each build is timed (the fastest kept)."""
    if any(size < 1 for size in sizes) or build_runs < 1:
        print(f"acsg bench: sizes and runs must be 1 or more, got {sizes}", file=sys.stderr)
        return 2
    bench_site.BUILD_RUNS = build_runs
    results = []
    try:
        for size in sizes:
            results.append(_run_size(size))
            _say(f"figures at {size:,} records:")  # kept in the log, whatever comes next
            for figure in results[-1].figures:
                _say(f"  {figure.label}: {figure.shown}")
    except BenchmarkError as error:
        print(f"acsg bench: {error}", file=sys.stderr)
        return 1
    if not results:
        return 0
    _say("")
    _say(table(results))
    for line in scaling(results):
        _say(line)
    for result in results:
        validation = result.get("validation_seconds")
        if validation and validation.target is not None and validation.value >= validation.target:
            _say(
                f"validation of {result.size:,} records took {validation.value:.2f} s: "
                f"the target is under {validation.target:g} s"
            )
    if output is not None:
        _append(output, markdown(results, datetime.now(UTC)))
        _say(f"appended the figures to {output}")
    return 0
