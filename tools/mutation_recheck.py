"""Run test files against mutants that mutmut left alive, switched the way mutmut switches them.

After ``make mutation`` (which leaves the mutated copy of the code in ``mutants/``), try new
tests on some survivors without a whole new run:

    .venv/bin/python tools/mutation_recheck.py [--jobs 2] tests/test_yamlfile_mutants.py \\
        acsg.yamlfile.x__decode__mutmut_19 acsg.yamlfile.x__decode__mutmut_20

The test files are copied into ``mutants/tests/`` (where mutmut runs the tests), collected once
without a mutant, so that the code run at import keeps its original behaviour as under mutmut,
then run once per mutant in a forked process with that mutant switched on. It prints, for each
mutant, "killed" (a test failed, or the run passed the time limit) or "survived", and exits 1
when one survived. It first checks that the tests pass without a mutant.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_pytest(args: list[str]) -> int:
    import pytest

    return int(pytest.main(["--rootdir=.", "-p", "no:cacheprovider", "-q", *args]))


def start_forked(mutant: str, tests: list[str], limit: int) -> int:
    """Start the tests with the mutant on, in a child process; its process id."""
    from mutmut.mutation.trampoline import set_mutant_under_test

    pid = os.fork()
    if pid == 0:
        signal.alarm(limit)
        os.environ["MUTANT_UNDER_TEST"] = mutant
        set_mutant_under_test(mutant)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os._exit(run_pytest(["-x", "--tb=no", *tests]))
    return pid


def exit_code(status: int) -> int:
    """A child's exit code; -1 when the time limit ended it."""
    return -1 if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def run_forked(mutant: str, tests: list[str], limit: int) -> int:
    """The tests' exit code with the mutant on, in a child process; -1 past the time limit."""
    _, status = os.waitpid(start_forked(mutant, tests, limit), 0)
    return exit_code(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", help="test files, comma-separated (tests/test_x.py,...)")
    parser.add_argument("mutants", nargs="+", help="mutant names (mutmut show NAME)")
    parser.add_argument("--limit", type=int, default=120, help="seconds per mutant")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tried at once")
    args = parser.parse_args()

    mutants_dir = ROOT / "mutants"
    if not (mutants_dir / "src").is_dir():
        sys.exit("no mutants/src: run make mutation first")
    tests = [t for t in args.tests.split(",") if t]
    for test in [*tests, "tests/conftest.py"]:
        destination = mutants_dir / test
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / test, destination)
    for helper in (ROOT / "tests").glob("*.py"):
        if not helper.name.startswith("test_"):
            shutil.copy2(helper, mutants_dir / "tests" / helper.name)

    os.chdir(mutants_dir)
    sys.path.insert(0, str(mutants_dir / "src"))
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != (ROOT / "src").resolve()]
    from mutmut.mutation.trampoline import set_mutant_under_test

    os.environ.pop("MUTANT_UNDER_TEST", None)
    set_mutant_under_test("")
    # Import everything once without a mutant, as mutmut's forked workers have.
    if run_pytest(["--collect-only", "-qq", *tests]) != 0:
        sys.exit("the tests could not be collected")
    import acsg

    if not str(Path(acsg.__file__).resolve()).startswith(str(mutants_dir)):
        sys.exit(f"acsg imported from {acsg.__file__}, not from mutants/src")
    clean = run_forked("", tests, args.limit)
    if clean != 0:
        sys.exit(f"the tests fail without a mutant (exit {clean})")

    survived = 0
    waiting, running = list(args.mutants), {}
    while waiting or running:
        while waiting and len(running) < args.jobs:
            mutant = waiting.pop(0)
            running[start_forked(mutant, tests, args.limit)] = mutant
        pid, status = os.wait()
        mutant, code = running.pop(pid), exit_code(status)
        if code == 0:
            survived += 1
            print(f"survived  {mutant}", flush=True)
        elif code == -1:
            print(f"killed    {mutant} (time limit)", flush=True)
        else:
            print(f"killed    {mutant} (exit {code})", flush=True)
    print(f"{len(args.mutants) - survived}/{len(args.mutants)} killed")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
