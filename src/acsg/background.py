"""Files written by a forked process while MkDocs builds the pages on the other core.

The child shares the validated catalogue (no YAML is read again), runs at a lower priority so
that it never slows MkDocs down, and writes into a folder beside the site; ``finish`` moves what
it wrote into the finished site. Forking is only safe in a process that runs no other thread:
the hooks use this for ``mkdocs build`` only (``mkdocs serve`` writes the same files itself).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

NICENESS = 10  # background work yields the cores to MkDocs and to the page renderer


def _move_into(source: Path, target: Path) -> None:
    """Move everything under ``source`` into ``target``: whole folders where ``target`` has
    none of that name, file by file where it has."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            _move_into(entry, destination)
        else:
            os.replace(entry, destination)


def _run(work: Callable[[Path], object], folder: Path) -> None:
    os.nice(NICENESS)
    work(folder)


class InBackground:
    """``work(folder)`` in a forked process; ``finish`` waits and moves ``folder`` into a site."""

    def __init__(self, what: str, work: Callable[[Path], object], site_dir: Path) -> None:
        self.what = what
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._folder = Path(tempfile.mkdtemp(prefix=".acsg-background-", dir=site_dir.parent))
        context = multiprocessing.get_context("fork")
        self._process = context.Process(target=_run, args=(work, self._folder), daemon=True)
        self._process.start()

    def finish(self, site_dir: Path) -> None:
        """Wait for the work and move what it wrote into ``site_dir``."""
        try:
            self._process.join()
            if self._process.exitcode != 0:
                raise RuntimeError(f"{self.what} failed (exit {self._process.exitcode})")
            _move_into(self._folder, site_dir)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        shutil.rmtree(self._folder, ignore_errors=True)
