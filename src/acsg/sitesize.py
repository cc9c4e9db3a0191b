"""How big a built site is, and whether a static host takes it (``acsg site-size``).

The Pages workflow runs ``acsg site-size site/ --max-mb 900 --max-files 100000`` before it
hands the site to GitHub Pages, so that a site the host would refuse fails the build with a
message that says what to do, instead of failing (or being cut) at deployment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000  # sizes are in decimal megabytes, as hosts state their limits


@dataclass(frozen=True)
class SiteSize:
    bytes: int
    files: int

    @property
    def mb(self) -> float:
        return self.bytes / MB


def measure(site: Path) -> SiteSize:
    """Total size (the files' own sizes, as in the archive a host receives) and file count."""
    total = count = 0
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            if path.is_file():
                total += path.stat().st_size
                count += 1
    return SiteSize(total, count)


def problems(size: SiteSize, max_mb: float | None, max_files: int | None) -> list[str]:
    """What makes the site too big for the limits given (none: it fits)."""
    found = []
    if max_mb is not None and size.bytes > max_mb * MB:
        found.append(f"the site is {size.mb:,.1f} MB, over the limit of {max_mb:,g} MB")
    if max_files is not None and size.files > max_files:
        found.append(f"the site has {size.files:,} files, over the limit of {max_files:,}")
    return found
