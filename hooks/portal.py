"""MkDocs hooks: glue between MkDocs events and the acsg package (no rules live here).

mkdocs-static-i18n runs the whole build once per language in this process, so every hook is
idempotent: the generated pages are listed once per content state and each is rendered once.
In ``mkdocs build`` the pages are rendered, and the data files and search index written, by
forked processes while MkDocs builds; ``mkdocs serve`` does the same work in its own process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from acsg.background import InBackground
from acsg.outputs import write_outputs
from acsg.render.build import GeneratedPages, build_date, generated_pages, pin_build_date
from acsg.render.context import GENERATED
from acsg.search import write_index
from acsg.validation import content_root, current_catalogue

PREFIX = GENERATED + "/"
_generated: GeneratedPages | None = None
_background: list[InBackground] = []  # data files and search index of a `mkdocs build`
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _building_other_language(config: MkDocsConfig) -> bool:
    """True inside static-i18n's builds of the second and later languages."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


def _site_files(config: MkDocsConfig) -> list[tuple[str, Callable[[Path], object]]]:
    """What writes the data files and the search index of the site into a folder."""
    catalogue = current_catalogue(content_root())
    today, docs_dir, site_url = build_date(), Path(config.docs_dir), config.site_url or ""
    return [
        ("writing the data files", lambda folder: write_outputs(catalogue, folder, site_url)),
        (
            "writing the search index",
            lambda folder: write_index(catalogue, today, docs_dir, folder / "pagefind"),
        ),
    ]


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    # `mkdocs build` runs no other thread: work can be forked to the other core.
    alone = _command == "build"
    _generated = generated_pages(content_root(), Path(config.docs_dir), background=alone)
    pin_build_date(content_root())
    if alone and not _building_other_language(config) and not _background:
        site_dir = Path(config.site_dir)
        _background.extend(InBackground(what, work, site_dir) for what, work in _site_files(config))
    return config


@event_priority(50)  # before static-i18n (-100) sorts files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, published at the site root as if they were written there."""
    assert _generated is not None
    for source in _generated.sources:
        files.append(File(source, config.docs_dir, config.site_dir, config.use_directory_urls))
    for file in files:
        if file.src_uri.startswith(PREFIX) and file.dest_uri.startswith(PREFIX):
            file.dest_uri = file.dest_uri[len(PREFIX) :]
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """A generated page's Markdown comes from the renderer, not from a file."""
    if _generated is not None and page.file.src_uri.startswith(PREFIX):
        return _generated.text(page.file.src_uri)
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A record page's "edit" button opens its YAML file, not the generated Markdown."""
    edit_path = page.meta.get("edit_path")
    if edit_path and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{edit_path}")
    return markdown


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Data files, feeds and the search index, once all languages are built."""
    if _building_other_language(config):
        return
    site_dir = Path(config.site_dir)
    if _background:
        try:
            for work in _background:
                work.finish(site_dir)
        finally:
            _cancel_background()
    else:
        for _, write in _site_files(config):
            write(site_dir)


def on_build_error(error: Exception) -> None:
    """Stop the background work of a build that failed; leave no temporary folder behind."""
    _cancel_background()
    if _generated is not None:
        _generated.close()


def _cancel_background() -> None:
    for work in _background:
        work.cancel()
    _background.clear()
