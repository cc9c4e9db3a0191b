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

from acsg.outputs import write_outputs
from acsg.render.build import generate, pin_build_date
from acsg.render.context import GENERATED
from acsg.search import index_site
from acsg.validation import content_root, current_catalogue

PREFIX = GENERATED + "/"


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    generate(content_root(), Path(config.docs_dir))
    pin_build_date(content_root())
    return config


@event_priority(50)  # before static-i18n (-100) reads destinations
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish generated pages at the site root, as if they were written there."""
    for file in files:
        if file.src_uri.startswith(PREFIX) and file.dest_uri.startswith(PREFIX):
            file.dest_uri = file.dest_uri[len(PREFIX) :]
    return files


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Data files, feeds and the search index, made once all languages are built."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    write_outputs(current_catalogue(content_root()), Path(config.site_dir), config.site_url or "")
    index_site(Path(config.site_dir))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A record page's "edit" button opens its YAML file, not the generated Markdown."""
    edit_path = page.meta.get("edit_path")
    if edit_path and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{edit_path}")
    return markdown
