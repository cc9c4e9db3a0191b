"""How much the matching assistant adds to a build (issue 13: under 5 %; BENCHMARKS.md).

    .venv/bin/python tools/bench_assistant.py [N] [RUNS]   (default: 1,000 demo records, 2 runs)

Builds the portal on N demo records (ACSG_PDFS=0, as `acsg bench` does) with the assistant and
without it, RUNS times each, in turn, and prints each time, the best of each and their ratio.
"Without" removes in the build's own interpreter what the assistant adds: no suggestions are
computed (so no "Possible matches" on pledge and roster pages and an empty suggestions.json),
and no Matching board pages (MkDocs then warns that the navigation names a missing page).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from acsg.demo import write_demo_data

ROOT = Path(__file__).resolve().parent.parent

_WITHOUT = """
import acsg.matching
acsg.matching.suggestions = lambda catalogue, today: {}
acsg.matching.for_offer = lambda *args, **kwargs: []
import acsg.render.pages
acsg.render.pages._Builder.matching = lambda self: iter(())
"""

_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
"""


def build(content: Path, site: Path, *, assistant: bool) -> float:
    script = _BUILD if assistant else _WITHOUT + _BUILD
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=ROOT,
        env={**os.environ, "ACSG_CONTENT": str(content), "ACSG_PDFS": "0"},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_demo_data(count, folder / "content")
        times: dict[bool, list[float]] = {True: [], False: []}
        for run in range(1, runs + 1):
            for assistant in (True, False):
                seconds = build(folder / "content", folder / "site", assistant=assistant)
                board = (folder / "site" / "matching" / "index.html").is_file()
                if board != assistant:  # the patches above no longer take
                    sys.exit(
                        f"the build {'with' if assistant else 'without'} the assistant"
                        f" {'has no' if assistant else 'has a'} Matching board"
                    )
                times[assistant].append(seconds)
                label = "with" if assistant else "without"
                print(f"run {run}: {label} the assistant {seconds:.1f} s", flush=True)
        with_it, without = min(times[True]), min(times[False])
        print(
            f"{count:,} records, best of {runs}: with the assistant {with_it:.1f} s, without"
            f" {without:.1f} s: the assistant adds {100 * (with_it / without - 1):.1f} %"
        )


if __name__ == "__main__":
    main()
