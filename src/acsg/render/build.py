"""One call that turns the content folder into the generated part of MkDocs' docs_dir.

The catalogue is loaded once per content state and the pages rendered once per catalogue, so
the three language builds of one MkDocs run share them (and ``mkdocs serve`` picks up edits).
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.render.context import GENERATED
from acsg.render.pages import Page, site_pages
from acsg.render.tree import write_tree
from acsg.validation import InvalidContent, load_catalogue


def build_date() -> date:
    """The day pages are built for (upcoming/past events): ``$ACSG_TODAY`` or today."""
    given = os.environ.get("ACSG_TODAY")
    return date.fromisoformat(given) if given else date.today()


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        sorted(
            (str(path), stat.st_mtime_ns, stat.st_size)
            for path in root.rglob("*")
            if path.is_file() and (stat := path.stat())
        )
    )


@lru_cache(maxsize=2)
def _catalogue(root: Path, fingerprint: tuple[tuple[str, int, int], ...]) -> Catalogue:
    catalogue, problems = load_catalogue(root)
    if problems:
        raise InvalidContent(problems)
    return catalogue


def current_catalogue(root: Path) -> Catalogue:
    """The validated catalogue of ``root`` as it is now; loaded again only after a change."""
    root = root.resolve()
    return _catalogue(root, _fingerprint(root))


@lru_cache(maxsize=2)
def _pages(catalogue: Catalogue, today: date) -> tuple[Page, ...]:
    return tuple(site_pages(catalogue, today))


def generate(content: Path, docs_dir: Path) -> int:
    """Render the portal's pages from ``content`` into ``docs_dir/_generated``."""
    catalogue = current_catalogue(content)
    return write_tree(_pages(catalogue, build_date()), docs_dir / GENERATED, catalogue.root)
