"""One call that turns the content folder into the generated part of MkDocs' docs_dir.

The catalogue is loaded once per content state and the pages rendered once per catalogue, so
the three language builds of one MkDocs run share them (and ``mkdocs serve`` picks up edits).
"""

from __future__ import annotations

import calendar
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.relations import last_change
from acsg.render.context import GENERATED
from acsg.render.pages import Page, site_pages
from acsg.render.tree import write_tree
from acsg.validation import current_catalogue


def build_date() -> date:
    """The day pages are built for (upcoming/past events): ``$ACSG_TODAY`` or today."""
    given = os.environ.get("ACSG_TODAY")
    return date.fromisoformat(given) if given else date.today()


@lru_cache(maxsize=2)
def _pages(catalogue: Catalogue, today: date, parallel: bool) -> tuple[Page, ...]:
    return tuple(site_pages(catalogue, today, parallel=parallel))


_last_written: tuple[Catalogue, date, Path] | None = None


def generate(content: Path, docs_dir: Path, *, parallel: bool = False) -> int:
    """Render the portal's pages from ``content`` into ``docs_dir/_generated``; the language
    builds after the first find them written already (for the same content and day).
    ``parallel``: see ``site_pages`` (only for processes that run no other thread)."""
    global _last_written
    catalogue = current_catalogue(content)
    key = (catalogue, build_date(), docs_dir.resolve())
    if _last_written == key:
        return 0
    changed = write_tree(_pages(catalogue, key[1], parallel), docs_dir / GENERATED, catalogue.root)
    _last_written = key
    return changed


def pin_build_date(content: Path) -> int:
    """Date the MkDocs build by its content, not by the clock: set ``SOURCE_DATE_EPOCH`` (which
    MkDocs reads for the sitemap's ``<lastmod>`` and sitemap.xml.gz) to the newest ``updated``
    day of the records, so that the same content gives the same files."""
    epoch = calendar.timegm(last_change(current_catalogue(content)).timetuple())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch
