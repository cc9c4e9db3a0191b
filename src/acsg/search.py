"""Search index: Pagefind builds one chunked index per page language once the site is built.

Record pages carry their filters and metadata (see overrides/main.html); listing and browse
pages carry no ``data-pagefind-body`` and so stay out of the results.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_site(site_dir: Path) -> None:
    """Run Pagefind (the ``pagefind[bin]`` package) over the built site."""
    completed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SearchIndexError(
            f"pagefind failed ({completed.returncode}): {completed.stderr or completed.stdout}"
        )
