"""Time the reports' and country briefs' PDFs on a demo site (BENCHMARKS.md, "PDFs").

    .venv/bin/python tools/bench_printables.py [N]   (default: 1,000 demo records)

Prints: the number of States and half-years, the time to make every brief and every report in
three languages with an empty cache and again with the cache filled, their sizes, then the time
of `mkdocs build` without the PDFs (ACSG_PDFS=0), with them and an empty cache, and with them
and the cache filled.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from acsg.briefs import states
from acsg.demo import write_demo_data
from acsg.printables import Counts, cached_pdf, documents, secretariat_email, write_printables
from acsg.report import history
from acsg.validation import load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def build(content: Path, env: dict[str, str], site: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "ACSG_CONTENT": str(content), **env},
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    today = date.today()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        content = folder / "content"
        write_demo_data(count, content)
        catalogue, problems = load_catalogue(content)
        assert not problems
        email = secretariat_email(ROOT / "mkdocs.yml")
        periods, nations = history(catalogue, today), states(catalogue)
        print(f"{count} records: {len(nations)} States, {len(periods)} half-years")
        items = list(documents(catalogue, today, "https://example.org/", email, ["en", "fr", "es"]))
        for name, prefix in (("briefs", "briefs/"), ("reports", "reports/")):
            chosen = [item for item in items if item[0].startswith(prefix)]
            for cache in ("empty", "filled"):
                started = time.perf_counter()
                for _, html in chosen:
                    cached_pdf(html(), folder / "cache", Counts())
                elapsed = time.perf_counter() - started
                print(f"{name}: {len(chosen)} PDFs, cache {cache}: {elapsed:.1f} s")
        written = write_printables(
            catalogue,
            folder / "out",
            today=today,
            site_url="https://example.org/",
            email=email,
            cache_dir=folder / "cache",
        )
        sizes = sorted((folder / "out" / p).stat().st_size for p in written.written if "brief" in p)
        print(
            f"brief size: median {sizes[len(sizes) // 2] / 1000:.1f} KB, largest {sizes[-1] / 1000:.1f} KB"
        )
        cache = folder / "cache-build"
        plain = build(content, {"ACSG_PDFS": "0"}, folder / "site0")
        cold = build(content, {"ACSG_PDF_CACHE": str(cache)}, folder / "site1")
        warm = build(content, {"ACSG_PDF_CACHE": str(cache)}, folder / "site2")
        print(
            f"mkdocs build: without PDFs {plain:.1f} s, PDFs with empty cache {cold:.1f} s, "
            f"PDFs from the cache {warm:.1f} s"
        )
        shutil.rmtree(folder / "out")


if __name__ == "__main__":
    main()
