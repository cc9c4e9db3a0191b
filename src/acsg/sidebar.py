"""The navigation drawer of the pages outside the navigation, rendered once per folder.

Material renders its navigation (``partials/nav.html``) into every page that shows it. For a
page that is not in the navigation (a country, a browse page, a page of a list), no item is
active and the drawer is the same as for any other such page, but for its links, which lead
from the page's folder: the pages of one folder share it. overrides/main.html asks this cache
first (the hooks give each language's build one, as ``acsg_navigation``); the drawer of a page
in the navigation, which marks it and holds its table of contents, is rendered for it alone.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


class NavigationCache:
    """The navigation's HTML of the pages outside it, by the folder the page is in."""

    def __init__(self) -> None:
        self._kept: dict[str, str] = {}

    def key(self, page: Page, nav: Navigation) -> str | None:
        """The folder whose pages share ``page``'s navigation; None for a page in the
        navigation, or one with an item of the navigation at or below its address (a link to
        it would not lead from the folder alone)."""
        if not isinstance(page, Page):  # the "page not found" page, rendered without one
            return None
        if any(item.url.startswith(page.url) for item in nav.pages):
            return None
        return page.url.rstrip("/").rpartition("/")[0] + "/"

    def get(self, key: str) -> str | None:
        return self._kept.get(key)

    def keep(self, key: str, html: str) -> str:
        self._kept[key] = html
        return html
