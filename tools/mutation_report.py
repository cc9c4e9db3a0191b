"""Print the mutation score of each core module from mutmut's results (``make mutation``).

mutmut 3 keeps one ``mutants/<source>.meta`` file per mutated module, holding the exit code of
the tests run against each mutant. This reads them and prints, per module and overall, the
mutants killed (the tests failed, or ran past their time limit) out of all the mutants of the
module, then the names of those left: ``mutmut show NAME`` prints one's change.

    python tools/mutation_report.py [--root DIR] [--min-module 80] [--min-total 85]

With ``--min-module`` / ``--min-total`` it exits 1 when a score is under the target. A module
whose mutants were not all tested is marked "partial" (not run: "not run") and its untested
mutants count as not killed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules_mutated(root: Path = ROOT) -> list[str]:
    """The files `make mutation` mutates: [tool.mutmut] only_mutate of pyproject.toml, expanded."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return [
        path.relative_to(root).as_posix()
        for pattern in config["tool"]["mutmut"]["only_mutate"]
        for path in sorted(root.glob(pattern))
    ]


# mutmut's exit codes (mutmut/stats.py): 1 and 3 are a failed test run, the timeouts are runs
# that did not finish; 0 is a mutant every test passed with, 33 and 5 one that no test runs.
KILLED = {1, 3}
TIMEOUT = {24, -24, 152, 255, 36}
SURVIVED = {0}
NO_TESTS = {5, 33}


@dataclass
class Module:
    path: str
    killed: int = 0
    timeout: int = 0
    survived: list[str] = field(default_factory=list)
    no_tests: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        left = self.survived + self.no_tests + self.not_run + self.other
        return self.killed + self.timeout + len(left)

    @property
    def detected(self) -> int:
        return self.killed + self.timeout

    @property
    def score(self) -> float | None:
        return 100 * self.detected / self.total if self.total else None


def read(root: Path, path: str) -> Module:
    module = Module(path)
    meta = root / "mutants" / f"{path}.meta"
    if not meta.is_file():
        return module
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    for name, code in sorted(codes.items()):
        if code in KILLED:
            module.killed += 1
        elif code in TIMEOUT:
            module.timeout += 1
        elif code in SURVIVED:
            module.survived.append(name)
        elif code in NO_TESTS:
            module.no_tests.append(name)
        elif code is None:
            module.not_run.append(name)
        else:
            module.other.append(f"{name} (exit code {code})")
    return module


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="folder holding mutants/")
    parser.add_argument("--min-module", type=float, help="lowest score a module may have (%%)")
    parser.add_argument("--min-total", type=float, help="lowest overall score (%%)")
    args = parser.parse_args(argv)

    if not (args.root / "mutants").is_dir():
        print("No mutants/ folder: run `make mutation` first.", file=sys.stderr)
        return 2
    paths = modules_mutated()
    modules = [read(args.root, path) for path in paths]
    width = max(len(path) for path in paths)
    print(f"{'module':<{width}}  {'killed':>7}  {'total':>5}  {'score':>7}  survived  no tests")
    for m in modules:
        state = ""
        if m.total == 0:
            state = "  (no mutants)"
        elif len(m.not_run) == m.total:
            state = "  not run"
        elif m.not_run:
            state = f"  partial: {len(m.not_run)} not run"
        print(
            f"{m.path:<{width}}  {m.detected:>7}  {m.total:>5}  {percent(m.score):>7}  "
            f"{len(m.survived):>8}  {len(m.no_tests):>8}{state}"
        )
    run = [m for m in modules if m.total and len(m.not_run) < m.total]
    detected = sum(m.detected for m in run)
    total = sum(m.total for m in run)
    overall = 100 * detected / total if total else None
    print(f"{'overall (modules run)':<{width}}  {detected:>7}  {total:>5}  {percent(overall):>7}")
    timeouts = sum(m.timeout for m in run)
    if timeouts:
        print(f"(killed counts {timeouts} mutants whose tests ran past mutmut's time limit)")

    for m in run:
        left = [*m.survived, *(f"{n} (no tests)" for n in m.no_tests), *m.other]
        if left:
            print(f"\n{m.path}: {len(left)} not killed")
            for name in left:
                print(f"  {name}")

    failed = False
    if args.min_module is not None:
        for m in run:
            if m.score is not None and m.score < args.min_module:
                print(f"{m.path}: {m.score:.1f} % < {args.min_module} %", file=sys.stderr)
                failed = True
    if args.min_total is not None and overall is not None and overall < args.min_total:
        print(f"overall: {overall:.1f} % < {args.min_total} %", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
