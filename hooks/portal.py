"""MkDocs hooks: glue between MkDocs events and the acsg package (no rules live here).

mkdocs-static-i18n runs the whole build once per language in this process, so every hook is
idempotent: pages are generated once per content state and written only when they change.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from acsg.outputs import OutputsInBackground, write_outputs
from acsg.render.build import generate, pin_build_date
from acsg.render.context import GENERATED
from acsg.search import LiveIndex
from acsg.validation import content_root, current_catalogue

PREFIX = GENERATED + "/"
_search: LiveIndex | None = None  # one per complete (all languages) build
_outputs: OutputsInBackground | None = None
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _building_other_language(config: MkDocsConfig) -> bool:
    """True inside static-i18n's builds of the second and later languages."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _outputs
    # `mkdocs build` runs no other thread: work can be forked to the other core.
    alone = _command == "build"
    generate(content_root(), Path(config.docs_dir), parallel=alone)
    pin_build_date(content_root())
    if alone and not _building_other_language(config):
        # The data files are written by a forked process while the pages are built.
        catalogue = current_catalogue(content_root())
        _outputs = OutputsInBackground(catalogue, Path(config.site_dir), config.site_url or "")
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global _search
    if not _building_other_language(config):
        if _search is not None:  # a previous build of `mkdocs serve` that failed
            _search.close()
        _search = LiveIndex()


@event_priority(50)  # before static-i18n (-100) reads destinations
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish generated pages at the site root, as if they were written there."""
    for file in files:
        if file.src_uri.startswith(PREFIX) and file.dest_uri.startswith(PREFIX):
            file.dest_uri = file.dest_uri[len(PREFIX) :]
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _search is not None:
        _search.add(output, "/" + page.url)
    return output


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Data files, feeds and the search index, made once all languages are built."""
    global _search, _outputs
    if _building_other_language(config):
        return
    if _outputs is not None:
        _outputs.finish(Path(config.site_dir))
        _outputs = None
    else:
        catalogue = current_catalogue(content_root())
        write_outputs(catalogue, Path(config.site_dir), config.site_url or "")
    if _search is not None:
        _search.write(Path(config.site_dir) / "pagefind")
        _search = None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A record page's "edit" button opens its YAML file, not the generated Markdown."""
    edit_path = page.meta.get("edit_path")
    if edit_path and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{edit_path}")
    return markdown
