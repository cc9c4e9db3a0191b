"""MkDocs hooks: glue between MkDocs events and the acsg package (no rules live here).

mkdocs-static-i18n runs the whole build once per language in this process, so every hook is
idempotent: the generated pages are listed once per content state and each is rendered once.
In ``mkdocs build`` the languages other than the default one are built at the same time, each
by a forked process running static-i18n's build of that language (``acsg.languages``;
``ACSG_PARALLEL_LANGUAGES=0`` builds them one after another, as static-i18n alone does); the
pages are rendered, and the data files and search index written, by forked processes while
MkDocs builds, and the site is written into a folder of its own that replaces ``site_dir``
only once it is complete (``acsg.publish``); a build that fails or is stopped stops its
helpers and leaves ``site_dir`` as it was. ``mkdocs serve`` does the same work in its own
process, one language after another, into its own temporary folder.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast
from urllib.parse import urljoin

from jinja2 import Environment
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from acsg.background import SHARED, BackgroundError, InBackground
from acsg.catalogue import Catalogue
from acsg.compact import compact
from acsg.csp import with_policy
from acsg.i18n import typography
from acsg.languages import LanguageBuildError, LanguageBuilds
from acsg.matching import suggestions
from acsg.outputs import write_outputs
from acsg.printables import printables_cache, write_printables
from acsg.publish import StagedSite, signals_held
from acsg.render.build import (
    GeneratedPages,
    build_date,
    documents,
    generated_pages,
    pin_build_date,
)
from acsg.render.context import GENERATED, REPOSITORY_URL, SECRETARIAT_EMAIL
from acsg.render.pages import ways_in
from acsg.search import write_index
from acsg.sidebar import NavigationCache
from acsg.sitemap import split_sitemap, write_robots
from acsg.validation import InvalidContent, content_root, current_catalogue

if TYPE_CHECKING:
    from markdown.extensions.toc import _FlatTocToken  # in its type stubs only

PREFIX = GENERATED + "/"
_generated: GeneratedPages | None = None
_background: list[InBackground] = []  # data files and search index of a `mkdocs build`
_staged: StagedSite | None = None  # where a `mkdocs build` writes the site, until published
_elsewhere: list[str] = []  # the languages other processes build (`mkdocs build`)
_languages: LanguageBuilds | None = None  # those processes, once started
_command = "build"
log = logging.getLogger("mkdocs.hooks.portal")


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


# What the hooks read of mkdocs-static-i18n, which has no type information: MkDocs types its
# plugins as BasePlugin[Any] and its files as File, without what static-i18n adds to them.
class _I18nLanguage(Protocol):
    locale: str
    default: bool
    build: bool
    name: str


class _I18nConfig(Protocol):
    languages: list[_I18nLanguage]


class _I18nPlugin(Protocol):
    config: _I18nConfig
    building: bool  # True while it builds the second and later languages
    current_language: str
    extra_alternate: list[dict[str, str]]  # the language switcher's links to each home page


class _I18nFile(Protocol):
    locale: str  # the language of the page (page.fr.md -> fr)


def _i18n(config: MkDocsConfig) -> _I18nPlugin:
    """The static-i18n plugin of the build (mkdocs.yml: plugins: i18n)."""
    # cast: its plugin class has these attributes, which MkDocs' BasePlugin[Any] does not declare.
    return cast(_I18nPlugin, config.plugins["i18n"])


def _page_language(page: Page) -> str:
    """The language of a page: static-i18n sets it on every File it sorts by language."""
    return cast(_I18nFile, page.file).locale


def _built_languages(config: MkDocsConfig) -> dict[str, str]:
    """The languages static-i18n builds (one only, at the site root, in an ACSG_ONLY_LANGUAGE
    preview), each with the folder its pages are published in."""
    return {
        lang.locale: "" if lang.default else f"{lang.locale}/"
        for lang in _i18n(config).config.languages
        if lang.build
    }


def _building_other_language(config: MkDocsConfig) -> bool:
    """True inside static-i18n's builds of the second and later languages (in this process or
    in a language's own process), not in the default language's build that waits for them."""
    return "i18n" in config.plugins and _i18n(config).building and not _elsewhere


def _site_files(
    config: MkDocsConfig, catalogue: Catalogue
) -> list[tuple[str, Callable[[Path], object]]]:
    """What writes the data files and the search index of the site into a folder; the search
    index first (``on_config`` starts it before the others)."""
    today, docs_dir, site_url = build_date(), Path(config.docs_dir), config.site_url or ""
    languages = _built_languages(config)
    files: list[tuple[str, Callable[[Path], object]]] = [
        (
            "writing the search index",
            lambda folder: write_index(catalogue, today, docs_dir, languages, folder / "pagefind"),
        ),
        ("writing the data files", lambda folder: write_outputs(catalogue, folder, site_url)),
        (
            "writing the reports' and country briefs' PDFs",
            lambda folder: write_printables(
                catalogue,
                folder,
                today=today,
                site_url=site_url,
                email=_secretariat_email(config),
                cache_dir=printables_cache(Path(config.config_file_path).parent),
                languages=list(languages),
            ),
        ),
    ]
    # ACSG_PDFS=0: a preview without the reports' and briefs' PDFs (their links lead nowhere).
    return files[:2] if os.environ.get("ACSG_PDFS") == "0" else files


def _valid_catalogue(parallel: bool) -> Catalogue:
    """The validated content; its problems, one `path:line:column: message` a line, fail the
    build (MkDocs prints a PluginError's message, without a traceback)."""
    try:
        return current_catalogue(content_root(), parallel=parallel)
    except InvalidContent as error:
        raise PluginError(str(error)) from None


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the content, list its pages, start the work done beside MkDocs; once per
    complete build (the builds of the other languages share all of it). ``mkdocs build`` writes
    the site into a new folder beside ``site_dir``."""
    global _generated, _staged
    _with_generated_navigation(config)
    if _building_other_language(config):
        return config
    # `mkdocs build` runs no other thread: work can be forked to the other core.
    alone = _command == "build"
    catalogue = _valid_catalogue(parallel=alone)
    if alone:
        _staged = StagedSite(Path(config.site_dir))
        config.site_dir = str(_staged.folder)
    # The default language first (published at the root), then the others in static-i18n's order.
    languages = sorted(
        _built_languages(config), key=lambda lang: _built_languages(config)[lang] != ""
    )
    if alone and os.environ.get("ACSG_PARALLEL_LANGUAGES") != "0":
        _elsewhere[:] = languages[1:]  # the default language (first) is built here
    pin_build_date(catalogue)
    files = _site_files(config, catalogue) if alone and not _background else []
    # The search index needs the records only: it starts now, on the core left idle while
    # the pages are listed (the matching suggestions take seconds at 10,000 records); it is
    # long work, done at the priority of the other languages' builds (acsg.background).
    _background.extend(InBackground(what, work, SHARED) for what, work in files[:1])
    _generated = generated_pages(
        catalogue,
        background=alone,
        first=languages,
        only=languages[:1] if _elsewhere else languages,
    )
    # The data files hold the suggestions, computed once while the pages were listed.
    _background.extend(InBackground(what, work) for what, work in files[1:])
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """In ``mkdocs build``, once every plugin is configured for the default language: start the
    builds of the other languages, each in a process of its own; static-i18n, which would build
    them here afterwards, is told they are under way (its ``building`` flag)."""
    global _languages
    if not _elsewhere or _languages is not None:
        return
    assert _staged is not None and _generated is not None
    # What every language's pages share, computed once here: the forked processes inherit it.
    suggestions(_generated.catalogue, build_date())
    _i18n(config).building = True
    _languages = LanguageBuilds(
        _staged.folder, _elsewhere, lambda locale, folder: _build_language(config, locale, folder)
    )


def _build_language(config: MkDocsConfig, locale: str, folder: Path) -> None:
    """In a language's own process (forked): static-i18n's build of that language, as it runs
    it after the default one, into ``folder``; nothing of the default build's is touched."""
    global _generated, _staged, _languages
    assert _generated is not None
    catalogue = _generated.catalogue
    _elsewhere.clear()
    _background.clear()  # the default build's helpers: its process waits for them
    _staged, _languages = None, None
    _generated = GeneratedPages(catalogue, build_date(), background=False, only=[locale])
    _i18n(config).current_language = locale
    config.site_dir = str(folder)
    try:
        build(config)
    except Abort as error:  # a failed build (MkDocs has logged why), or strict-mode warnings
        log.error(str(error.message))
        raise SystemExit(1) from None
    # Its sitemap lists its own pages (static-i18n's lists those of the languages built in its
    # process): kept apart, for the default build to join them all (_sitemap_index).
    (folder / "sitemap.xml").rename(folder / _language_sitemap(locale))
    (folder / "sitemap.xml.gz").unlink(missing_ok=True)


def _language_sitemap(locale: str) -> str:
    return f"sitemap-{locale}.xml"


def _with_generated_navigation(config: MkDocsConfig) -> None:
    """The navigation: the home page, the ways in of the generated pages (a list per record
    kind, from the registry) and then the hand-written pages of mkdocs.yml's ``nav``."""
    generated = [f"{PREFIX}{path}.md" for path in ["index", *ways_in()]]
    nav = config.nav or []
    if nav[: len(generated)] != generated:
        config.nav = [*generated, *(entry for entry in nav if entry not in generated)]


@event_priority(50)  # before static-i18n (-100) sorts files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the documents of content/files/, published at the site root
    as if they were written there."""
    assert _generated is not None
    for source in _generated.sources:
        files.append(File(source, config.docs_dir, config.site_dir, config.use_directory_urls))
    for uri, path in documents(_generated.catalogue.root).items():
        # Copied from the content folder; static-i18n leaves files from outside docs_dir as
        # they are, so each language's pages link the same copy.
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for file in files:
        if file.src_uri.startswith(PREFIX) and file.dest_uri.startswith(PREFIX):
            file.dest_uri = file.dest_uri[len(PREFIX) :]
    for file in [file for file in files if _unused_theme_file(file.src_uri)]:
        files.remove(file)
    return files


# Files of Material's that no page of the portal loads: its own search (lunr and its worker:
# the portal's search is Pagefind), the palette stylesheet (no palette: the portal's colours are
# in portal.css) and the source maps of its scripts and styles. 2.3 MB not published.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def _unused_theme_file(uri: str) -> bool:
    return (
        uri.startswith(_UNUSED_THEME_FILES)
        or uri.endswith(".map")
        or (uri.startswith("assets/stylesheets/palette.") and uri.endswith(".css"))
    )


class _WrittenPage(Page):
    """A generated page the portal writes in HTML (from a ``*.html.j2`` template):
    MkDocs publishes its text as it is. Markdown's work on it would give the same HTML (a test
    checks it) and took half of a build's time (issue 17)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        self.content = self.markdown
        # Its headings as Markdown's toc lists them (the theme's "skip to content" link leads
        # to the first), each one's text as MkDocs takes it: tags out, entities kept.
        headings: list[_FlatTocToken] = [
            {"level": int(level), "id": anchor, "name": _TAG.sub("", text)}
            for level, anchor, text in _HEADING.findall(self.content)
        ]
        if headings and headings[0]["level"] == 1:
            self.title = headings[0]["name"]
        self.toc = get_toc(nest_toc_tokens(headings))  # (it empties the list it is given)
        self.present_anchor_ids = set(_ID.findall(self.content))


_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Each language's build renders the navigation of the pages outside it once per folder
    (acsg.sidebar; overrides/main.html)."""
    env.globals["acsg_navigation"] = NavigationCache()
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """A page the portal writes in HTML is published without Markdown's work."""
    if _generated is not None and _generated.is_html(page.file.src_uri):
        page.__class__ = _WrittenPage
    return page


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """A generated page's Markdown comes from the renderer, not from a file."""
    if _generated is not None and page.file.src_uri.startswith(PREFIX):
        return _generated.text(page.file.src_uri)
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A record page's "edit" button opens its YAML file; the other generated pages (lists,
    browse pages) are computed from the records and have no file to edit, so no button.
    Every page gets the Secretariat's address where it names it; hand-written pages their
    language's spacing."""
    if SECRETARIAT_EMAIL in markdown:
        markdown = markdown.replace(SECRETARIAT_EMAIL, _secretariat_email(config))
    if REPOSITORY_URL in markdown:  # links to the issue forms (a progress report)
        markdown = markdown.replace(REPOSITORY_URL, (config.repo_url or "").rstrip("/"))
    edit_path = page.meta.get("edit_path")
    if edit_path and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{edit_path}")
    elif page.file.src_uri.startswith(PREFIX):
        page.edit_url = None
    else:
        markdown = _hand_written(markdown, page, config)
    return markdown


def _hand_written(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """A hand-written page as published: its text spaced as its language writes it (French:
    narrow no-break spaces before : ; ! ?)."""
    lang = _page_language(page)
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = typography(page.meta["description"], lang)
    return typography(markdown, lang)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's title and table of contents spaced as its language writes them: MkDocs takes
    them from the headings with every space made ordinary, French narrow no-break ones too.
    Its Markdown, now HTML, is let go: MkDocs would keep every page's until the build ends
    (issue 17: hundreds of MB at 10,000 records); an empty text keeps the title MkDocs took."""
    lang = _page_language(page)
    if page.title:
        page.title = typography(page.title, lang)
    links = list(page.toc)
    while links:
        link = links.pop()
        link.title = typography(link.title, lang)
        links.extend(link.children)
    page.markdown = ""
    return html


def _secretariat_email(config: MkDocsConfig) -> str:
    address = config.extra.get("secretariat_email")
    if not isinstance(address, str) or "@" not in address:
        raise PluginError("set the Secretariat's address in mkdocs.yml: extra: secretariat_email:")
    return address


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _published(output)


def _published(page: str) -> str:
    """A page as published: with its Content-Security-Policy, without the whitespace the
    theme's templates leave between tags (acsg.compact) and without the theme's empty
    elements that the portal never fills."""
    return with_policy(_without_empty_elements(compact(page)))


# Material writes these into every page outside any template block: an announcement bar (the
# portal has none) and the dialog its script fills with "copied to clipboard" notices (the
# portal has no copy buttons). Its script mounts each only where it finds it. 5 MB fewer bytes
# at 10,000 records.
_EMPTY_ELEMENTS = (
    '<div data-md-component="announce"></div>',
    '<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset">'
    "</div></div>",
)


def _without_empty_elements(page: str) -> str:
    for element in _EMPTY_ELEMENTS:
        page = page.replace(element, "", 1)
    return page


def on_pre_template(template: object, template_name: str, config: MkDocsConfig) -> object:
    """The "page not found" page's language switcher leads to each language's home page:
    static-i18n leaves it with the links of the last page it built."""
    if template_name == "404.html" and "i18n" in config.plugins:
        # As static-i18n sets it for each page: an attribute, which templates read first.
        cast(Any, config.extra).alternate = deepcopy(_i18n(config).extra_alternate)
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Each language has its own "page not found" page. static-i18n builds every language into
    the same site folder, where MkDocs writes 404.html at the root: the default language's stays
    there, the other languages' go into their own folder (fr/404.html, es/404.html). It carries
    its Content-Security-Policy like every page."""
    if template_name != "404.html":
        return output
    output = _published(output)
    folder = _built_languages(config)[_i18n(config).current_language]
    if not folder:
        return output
    path = Path(config.site_dir, folder, template_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes no empty page: the root keeps the default language's


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Data files, feeds and the search index, once all languages are built; then, in
    ``mkdocs build``, the complete site takes the place of ``site_dir``."""
    global _staged, _languages
    if _building_other_language(config):
        return
    site_dir = Path(config.site_dir)
    sitemaps = [_language_sitemap(locale) for locale in _elsewhere]
    if _languages is not None:
        try:
            _languages.finish(site_dir)
        except LanguageBuildError as error:
            raise PluginError(str(error)) from None
        finally:
            _languages = None
            _elsewhere.clear()
            _i18n(config).building = False  # as static-i18n leaves it after its languages
    if _background:
        try:
            for work in _background:
                work.finish(site_dir)
        except BackgroundError as error:  # its process printed why; where it stopped is no news
            raise PluginError(str(error)) from None
        finally:
            _cancel_background()
    else:
        assert _generated is not None
        for _, write in _site_files(config, _generated.catalogue):
            write(site_dir)
    _sitemap_index(site_dir, config, sitemaps)
    if _staged is not None and not _warned_in_strict_mode(config):
        _staged.publish()
        config.site_dir = str(_staged.target)
        _staged = None


def _sitemap_index(site_dir: Path, config: MkDocsConfig, more: list[str]) -> None:
    """sitemap.xml becomes an index of files under the protocol's limits (acsg.sitemap), every
    language's pages with their alternates (``more``: the sitemaps of the languages built in
    processes of their own); robots.txt names it."""
    split_sitemap(site_dir, config.site_url or "", more=more)
    write_robots(site_dir, config.site_url or "")


def _warned_in_strict_mode(config: MkDocsConfig) -> bool:
    """True when MkDocs will fail this build as soon as this hook returns: a strict build that
    logged warnings (MkDocs counts them with a CountHandler, and checks after on_post_build)."""
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return config.strict and any(counter.get_counts() for counter in counters)


def on_build_error(error: Exception) -> None:
    """A build that failed: stop its helpers and remove everything it wrote."""
    _stop_build()


def on_shutdown() -> None:
    """End of the MkDocs command, also when Ctrl-C or SIGTERM stopped it: stop the helpers and
    remove everything the build wrote unless it was published."""
    _stop_build()


def _stop_build() -> None:
    global _staged, _languages
    with signals_held():  # a second Ctrl-C does not cut the clean-up short
        if _languages is not None:
            _languages.cancel()
            _languages = None
        _elsewhere.clear()
        _cancel_background()
        if _generated is not None:
            _generated.close()
        if _staged is not None:
            _staged.discard()
            _staged = None


def _cancel_background() -> None:
    for work in _background:
        work.cancel()
    _background.clear()
