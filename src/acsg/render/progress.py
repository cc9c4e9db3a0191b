"""The Progress page: every progress update of the portal's pledges and matches, newest first,
over pages of PAGE_SIZE (``progress/index``, ``progress/page/2`` ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.progress import progress_entries
from acsg.render.context import PageContext

if TYPE_CHECKING:
    from acsg.render.pages import Page

BASE = "progress"
STAGES = {"pledge": "pledge_stages", "match": "match_stages"}


def progress_title(c: PageContext) -> str:
    return c._("Progress")


def progress_pages(
    catalogue: Catalogue,
    page: Callable[..., Page],
    pager: Callable[[PageContext, str, int, int], Markup],
    page_size: int,
) -> Iterator[Page]:
    """``page``: the builder's page maker; ``pager``: its links between pages of a list."""
    entries = progress_entries(catalogue)
    count = max(1, -(-len(entries) // page_size))
    for number in range(1, count + 1):
        start = (number - 1) * page_size
        values: dict[str, Any] = {
            "entries": entries[start : start + page_size],
            "total": len(entries),
            "page": number,
            "pages": count,
            "stages": STAGES,
            "downloads": lambda c: c.downloads(
                [(c._("Atom feed"), locations.feed(c.lang, locations.PROGRESS_FEED))]
            ),
            "pager": lambda c, number=number: pager(c, BASE, number, count),
        }
        yield page(
            f"{BASE}/index" if number == 1 else f"{BASE}/page/{number}",
            "progress.html.j2",
            title=progress_title,
            description=lambda c: c._(
                "The latest progress updates on the portal's pledges and matches, newest first."
            ),
            **values,
        )
