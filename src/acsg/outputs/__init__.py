"""The portal's data for other tools: JSON API, CSV and data package, iCalendar, Atom feeds.

Each output is its own module with one entry point, ``write(catalogue, site_dir, site_url)``,
returning the files it wrote; ``write_outputs`` runs them all on the validated catalogue, after
the site's pages are built (or without MkDocs: ``acsg export DIR``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.outputs import api, calendar, feeds, progress, tables

Output = Callable[[Catalogue, Path, str], list[Path]]

OUTPUTS: list[Output] = [api.write, tables.write, calendar.write, feeds.write, progress.write]


def write_outputs(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    """Write every data output of ``catalogue`` into ``site_dir``; return the files written."""
    written: list[Path] = []
    for output in OUTPUTS:
        written.extend(output(catalogue, site_dir, site_url))
    return written
