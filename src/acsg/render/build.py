"""The generated part of MkDocs' docs_dir: pages that MkDocs reads from here, not from disk.

The catalogue is loaded once per content state and its pages listed once per catalogue, so
the three language builds of one MkDocs run share them (and ``mkdocs serve`` picks up edits).
Every page is known before MkDocs starts; its Markdown is rendered when MkDocs asks for it or,
in ``mkdocs build``, by a forked process that keeps ahead of MkDocs on the other core, so that
rendering no longer delays the build. Nothing is written into docs_dir: MkDocs copies the
documents of ``content/files/`` from the content folder (see ``documents``).
"""

from __future__ import annotations

import calendar
import multiprocessing
import os
import queue
import traceback
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from acsg.background import start_helper, stop_helper
from acsg.catalogue import Catalogue
from acsg.relations import last_change
from acsg.render.context import GENERATED
from acsg.render.pages import Page, site_pages
from acsg.validation import FILES_FOLDER
from acsg.vocab import LANGUAGES

_BATCH = 64  # pages per message from the rendering process


def build_date() -> date:
    """The day pages are built for (upcoming/past events): ``$ACSG_TODAY`` or today."""
    given = os.environ.get("ACSG_TODAY")
    return date.fromisoformat(given) if given else date.today()


class RenderingError(RuntimeError):
    """A page could not be rendered (the message holds the renderer's traceback)."""


def _source(page: Page, lang: str) -> str:
    """Where MkDocs finds a generated page in docs_dir."""
    return f"{GENERATED}/{page.file_name(lang)}"


def _in_order(pages: list[Page], languages: list[str]) -> Iterator[tuple[str, str]]:
    """(source path, Markdown) of every page, language by language as MkDocs builds them."""
    for lang in languages:
        for page in pages:
            yield _source(page, lang), page.render(lang)


def _render_into(pages: list[Page], languages: list[str], out: multiprocessing.Queue) -> None:
    """The forked renderer: every page, in batches, then None (or the error's traceback)."""
    try:
        batch: list[tuple[str, str]] = []
        for item in _in_order(pages, languages):
            batch.append(item)
            if len(batch) == _BATCH:
                out.put(batch)
                batch = []
        out.put(batch)
        out.put(None)
    except BaseException:
        out.put(traceback.format_exc())
        raise


class GeneratedPages:
    """The generated pages of one catalogue and day, as MkDocs reads them.

    ``background``: render in a forked process ahead of MkDocs (only for a process that runs
    no other thread: ``mkdocs build``); otherwise each page is rendered when first asked for.
    ``first``: the languages MkDocs builds, rendered before the others (one-language previews);
    ``only``: the languages rendered at all (a process that builds only these).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        today: date,
        *,
        background: bool,
        first: Sequence[str] = (),
        only: Sequence[str] = LANGUAGES,
    ) -> None:
        self.catalogue = catalogue
        pages = site_pages(catalogue, today)
        self.sources = [_source(page, lang) for page in pages for lang in LANGUAGES]
        self._html = {_source(page, lang) for page in pages if page.html for lang in LANGUAGES}
        self._texts: dict[str, str] = {}
        languages = [*first, *(lang for lang in LANGUAGES if lang not in first)]
        languages = [lang for lang in languages if lang in only]
        self._process: multiprocessing.process.BaseProcess | None = None
        if background:
            self._queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
            self._process = start_helper(_render_into, pages, languages, self._queue)
            self._coming: Iterator[tuple[str, str]] = self._received()
        else:
            self._coming = _in_order(pages, languages)

    def _received(self) -> Iterator[tuple[str, str]]:
        assert self._process is not None
        while True:
            try:
                message = self._queue.get(timeout=1)
            except queue.Empty:
                if not self._process.is_alive():
                    raise RenderingError(
                        f"the page renderer stopped (exit {self._process.exitcode})"
                    ) from None
                continue
            if message is None:
                self._process.join()
                return
            if isinstance(message, str):
                raise RenderingError(f"a page could not be rendered:\n{message}")
            yield from message

    def text(self, source: str) -> str:
        """The Markdown of the generated page at ``source`` (a path in docs_dir). A build
        with a background renderer reads each page once: the text is let go when read (issue
        17: every page's Markdown kept to the end of a 10,000-record build is hundreds of MB);
        ``mkdocs serve`` keeps them for the rebuilds that reuse these pages."""
        while source not in self._texts:
            try:
                path, text = next(self._coming)
            except StopIteration:
                raise KeyError(f"no generated page {source}") from None
            self._texts[path] = text
        if self._process is not None:
            return self._texts.pop(source)
        return self._texts[source]

    def is_html(self, source: str) -> bool:
        """Whether the generated page at ``source`` is written in HTML."""
        return source in self._html

    def close(self) -> None:
        """Stop the renderer if it is still running (a build that failed or was stopped)."""
        if self._process is not None:
            stop_helper(self._process)


_current: tuple[tuple[Catalogue, date], GeneratedPages] | None = None


def generated_pages(
    catalogue: Catalogue,
    *,
    background: bool = False,
    first: Sequence[str] = (),
    only: Sequence[str] = LANGUAGES,
) -> GeneratedPages:
    """The generated pages of ``catalogue``; ``mkdocs serve`` rebuilds without an edit get the
    same object. A ``background`` renderer serves one build (a failed or stopped one stops it)."""
    global _current
    key = (catalogue, build_date())
    if background or _current is None or _current[0] != key:
        if _current is not None:
            _current[1].close()
        pages = GeneratedPages(catalogue, key[1], background=background, first=first, only=only)
        _current = key, pages
    return _current[1]


def documents(root: Path) -> dict[str, Path]:
    """The documents of the content folder ``root`` (its ``files/``), by their path in docs_dir
    (where generated pages link them), for MkDocs to copy from where they are."""
    folder = root / FILES_FOLDER
    if not folder.is_dir():
        return {}
    return {
        f"{GENERATED}/{FILES_FOLDER}/{path.relative_to(folder).as_posix()}": path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pin_build_date(catalogue: Catalogue) -> int:
    """Date the MkDocs build by its content, not by the clock: set ``SOURCE_DATE_EPOCH`` (which
    MkDocs reads for the sitemap's ``<lastmod>`` and sitemap.xml.gz) to the newest ``updated``
    day of the records, so that the same content gives the same files."""
    epoch = calendar.timegm(last_change(catalogue).timetuple())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch
