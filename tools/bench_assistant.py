"""How much the matching assistant adds to a build (issue 13: under 5 %; BENCHMARKS.md).

    .venv/bin/python tools/bench_assistant.py [N] [RUNS]   (default: 1,000 demo records, 2 runs)

Builds the portal on N demo records (ACSG_PDFS=0, as `acsg bench` does) with the assistant and
without it, RUNS times each, in turn, and prints each build's time and CPU time (all its
processes), the best and the median of each and their ratios.
"Without" removes in the build's own interpreter what the assistant adds: no suggestions are
computed (so no "Possible matches" on pledge and roster pages and an empty suggestions.json),
and no Matching board pages (MkDocs then warns that the navigation names a missing page).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from acsg.bench_site import build_measured
from acsg.demo import write_demo_data

ROOT = Path(__file__).resolve().parent.parent

_WITHOUT = """
import acsg.matching
acsg.matching.suggestions = lambda catalogue, today: {}
acsg.matching.for_offer = lambda *args, **kwargs: []
import acsg.render.pages
acsg.render.pages._Builder.matching = lambda self: iter(())
"""


def build(content: Path, site: Path, *, assistant: bool) -> tuple[float, float]:
    """The build's time and the CPU time of all its processes, in seconds."""
    environment = {**os.environ, "ACSG_CONTENT": str(content), "ACSG_PDFS": "0"}
    figures = build_measured(ROOT, site, environment, "" if assistant else _WITHOUT)
    return figures["seconds"], figures["cpu_seconds"]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_demo_data(count, folder / "content")
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for run in range(1, runs + 1):
            for assistant in (True, False):
                seconds, cpu = build(folder / "content", folder / "site", assistant=assistant)
                board = (folder / "site" / "matching" / "index.html").is_file()
                if board != assistant:  # the patches above no longer take
                    sys.exit(
                        f"the build {'with' if assistant else 'without'} the assistant"
                        f" {'has no' if assistant else 'has a'} Matching board"
                    )
                times[assistant].append((seconds, cpu))
                label = "with" if assistant else "without"
                print(
                    f"run {run}: {label} the assistant {seconds:.1f} s, CPU {cpu:.1f} s", flush=True
                )
        for what, index in (("time", 0), ("CPU time", 1)):
            for how, pick in (("best", min), ("median", statistics.median)):
                with_it = pick(run[index] for run in times[True])
                without = pick(run[index] for run in times[False])
                print(
                    f"{count:,} records, {how} {what} of {runs}: with the assistant"
                    f" {with_it:.1f} s, without {without:.1f} s: the assistant adds"
                    f" {100 * (with_it / without - 1):.1f} %"
                )


if __name__ == "__main__":
    main()
