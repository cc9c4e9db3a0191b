"""The portal's data for other tools: JSON API, CSV and data package, iCalendar, Atom feeds.

Each output is its own module with one entry point, ``write(catalogue, site_dir, site_url)``,
returning the files it wrote; ``write_outputs`` runs them all on the validated catalogue, after
the site's pages are built (or without MkDocs: ``acsg export DIR``).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.outputs import api, calendar, feeds, tables

Output = Callable[[Catalogue, Path, str], list[Path]]

OUTPUTS: list[Output] = [api.write, tables.write, calendar.write, feeds.write]


def write_outputs(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    """Write every data output of ``catalogue`` into ``site_dir``; return the files written."""
    written: list[Path] = []
    for output in OUTPUTS:
        written.extend(output(catalogue, site_dir, site_url))
    return written


class OutputsInBackground:
    """``write_outputs`` in a forked process while MkDocs builds the pages on the other core.

    The child shares the validated catalogue (no YAML is read again) and writes into a folder
    beside the site; ``finish`` moves the files into the finished site. Forking is only safe
    in a process that runs no other thread: the hooks use this for ``mkdocs build`` only.
    """

    def __init__(self, catalogue: Catalogue, site_dir: Path, site_url: str) -> None:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self._folder = Path(tempfile.mkdtemp(prefix=".acsg-outputs-", dir=site_dir.parent))
        context = multiprocessing.get_context("fork")
        self._process = context.Process(
            target=write_outputs, args=(catalogue, self._folder, site_url), daemon=True
        )
        self._process.start()

    def finish(self, site_dir: Path) -> None:
        """Wait for the outputs and move them into ``site_dir``."""
        try:
            self._process.join()
            if self._process.exitcode != 0:
                raise RuntimeError(f"writing the data files failed (exit {self._process.exitcode})")
            for source in sorted(p for p in self._folder.rglob("*") if p.is_file()):
                target = site_dir / source.relative_to(self._folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        shutil.rmtree(self._folder, ignore_errors=True)
