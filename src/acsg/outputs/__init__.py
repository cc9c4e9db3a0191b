"""The portal's data for other tools: JSON API, CSV and data package, iCalendar, Atom feeds.

Each output is its own module with one entry point; ``write_outputs`` runs them all on the
validated catalogue, after the site's pages are built.
"""

from __future__ import annotations

from pathlib import Path

from acsg.catalogue import Catalogue

OUTPUTS: list = []  # filled in by the output modules as they are added


def write_outputs(catalogue: Catalogue, site_dir: Path, site_url: str) -> None:
    """Write every data output of ``catalogue`` into ``site_dir``."""
    for output in OUTPUTS:
        output(catalogue, site_dir, site_url)
