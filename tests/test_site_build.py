"""The real MkDocs build (Material + static-i18n + our hooks) on a small fictitious content tree.

Checks what a visitor meets on every record page in each language: the page exists, says its
language, offers the same page in the other languages (the language switcher; the sitemaps give
the hreflang alternates, not each page's head), opens the record's YAML from "edit", and shows the fallback notice where needed.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO, SITE_REPO_URL, _project
from conftest import SITE_CONTENT as FIXTURE

from acsg.compact import INLINE
from acsg.models import KINDS
from acsg.validation import load_catalogue

PREFIX = {"en": "", "fr": "fr/", "es": "es/"}


class _Page(HTMLParser):
    """What a test needs from a built page: lang, alternates, switcher links, edit link, text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.edit = ""
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in a.get("class", ""):
            self.switcher[a["hreflang"]] = a["href"]
        if tag == "a" and "md-content__button" in a.get("class", "") and "/edit/" in a["href"]:
            self.edit = a["href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _pages(built: Path):
    catalogue, _ = load_catalogue(FIXTURE)
    for kind, record in catalogue.all():
        yield kind, record, f"{KINDS[kind].folder}/{record.id}/"


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_record_page_exists_in_each_language_and_links_its_translations(built, lang):
    site = built / "site1"
    for kind, record, url in _pages(built):
        path = site / PREFIX[lang] / url / "index.html"
        assert path.is_file(), f"missing {path}"
        page = _Page(path.read_text(encoding="utf-8"))
        assert page.lang == lang
        assert page.alternates == {}, url  # in the sitemaps, not in 30,000 pages' heads
        for other in ("en", "fr", "es"):
            # The language switcher leads to the same record.
            target = (path.parent / page.switcher[other]).resolve()
            expected = (site / PREFIX[other] / url).resolve()
            assert target == expected, f"{lang} {url} -> {other}: {page.switcher[other]}"
        folder = KINDS[kind].folder
        assert page.edit == f"{SITE_REPO_URL}/edit/main/content/{folder}/{record.id}.yaml"


def test_fallback_notice_shows_when_a_text_is_missing(built):
    page = built / "site1" / "fr" / "good-practices" / "utopia-mobile-registration" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<div lang="es">' in html  # the Spanish original keeps its language
    assert "Equipos móviles" in html
    text = " ".join(_Page(html).text)
    assert "espagnol" in text  # notice names the original language, in French


def test_static_pages_and_generated_pages_share_the_site_root(built):
    site = built / "site1"
    for url in (
        "index.html",
        "about/index.html",
        "fr/about/index.html",
        "es/needs-and-offers/index.html",
    ):
        assert (site / url).is_file(), url
    assert not (site / "_generated").exists()


def _unstable_search_file(name: Path) -> bool:
    """Pagefind writes its filter and metadata indexes in an order that changes from run to run
    (upstream Pagefind/pagefind#638: fragments are stable since 1.3, these are not yet)."""
    return name.parts[0] == "pagefind" and (
        name.parts[1] == "filter" or name.suffix == ".pf_meta" or name.name == "pagefind-entry.json"
    )


def test_two_builds_in_one_process_give_the_same_site(built):
    """Byte for byte, the sitemap files and the data files included: nothing takes the clock."""
    _same_site(built / "site1", built / "site2")


def test_languages_built_at_once_give_the_site_built_one_after_another(built):
    """Issue 17: French and Spanish built each in a process of its own give, byte for byte, the
    site static-i18n builds one language after another (sitemap with every language's pages
    and alternates, "page not found" pages, data files, search index but its unstable files)."""
    _same_site(built / "site1", built / "site3")
    sitemaps = sorted(path.name for path in (built / "site1" / "sitemaps").iterdir())
    assert sitemaps == ["en-1.xml.gz", "es-1.xml.gz", "fr-1.xml.gz"]
    assert not list(built.glob(".site*"))  # the languages' folders went into the site


def test_the_page_not_found_language_switcher_leads_to_each_home_page(built):
    # static-i18n leaves the switcher of the last page it built on the 404 page.
    for folder in ("", "fr/", "es/"):
        page = _Page((built / "site1" / folder / "404.html").read_text(encoding="utf-8"))
        homes = {"en": "/", "fr": "/fr/", "es": "/es/"}
        assert page.switcher == homes, folder


def _same_site(first: Path, second: Path) -> None:
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    others = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    stable = [name for name in names if not _unstable_search_file(name)]
    assert stable == [name for name in others if not _unstable_search_file(name)]
    for name in stable:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # The unstable search files are there in both, as many of each kind.
    assert len(names) == len(others)


def test_record_pages_stay_small(built):
    for _, _, url in _pages(built):
        size = (built / "site1" / url / "index.html").stat().st_size
        assert size < 30_000, f"{url} is {size} bytes"


def test_pages_carry_no_template_whitespace_and_the_theme_icons_once(built):
    """Issue 19: the theme's indentation is taken out of every page (acsg.compact), and the
    header's and page's icons (repository, menu, languages, edit, back to top) are files drawn by CSS
    (assets/repo-icon.svg, assets/icons/) instead of SVGs inlined in every page."""
    import re

    site = built / "site1"
    icons = [site / "assets" / "repo-icon.svg", *sorted((site / "assets" / "icons").glob("*"))]
    assert [icon.name for icon in icons[1:]] == ["edit.svg", "menu.svg", "top.svg", "translate.svg"]
    paths = [
        re.search(r' d="([^"]{30})', icon.read_text(encoding="utf-8")).group(1) for icon in icons
    ]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        outside = re.sub(
            r"<(pre|textarea|code|script|style)\b.*?</\1>", "<kept/>", html, flags=re.S
        )
        assert not re.search(r">[ \t]*\n\s|\s\n[ \t]*<", outside), page
        assert not [path for path in paths if path in html], page
        # Between two tags, a line break only where both are inline (it renders as a space).
        for before, after in re.findall(
            r"</?([a-zA-Z][\w-]*)[^<>]*>\n</?([a-zA-Z][\w-]*)", outside
        ):
            assert before in INLINE and after in INLINE, (page, before, after)
        if 'class="md-source"' in html:
            assert 'class="acsg-repo-icon"' in html, page
        if 'aria-label="Select language"' in html:
            assert "acsg-icon-translate" in html, page
        if 'class="md-header__button md-icon" for="__drawer"' in html:
            assert "acsg-icon-menu" in html, page
        if 'rel="edit"' in html:
            assert "acsg-icon-edit" in html, page
        if 'class="md-top md-icon"' in html:
            assert "acsg-icon-top" in html, page
        # Nor Material's empty announcement bar and dialog, which the portal never fills.
        assert 'data-md-component="announce"' not in html, page
        assert 'data-md-component="dialog"' not in html, page
        # No inline script that runs: Material's storage helpers are in portal.js; its
        # configuration is data.
        scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert scripts == ['<script id="__config" type="application/json">'], (page, scripts)


MENU_BUTTON = r'<label class="md-header__button md-icon" for="__drawer">\s*<span class="acsg-icon acsg-icon-menu">'


def test_record_pages_have_a_breadcrumb_instead_of_sidebars_and_no_page_carries_unused_configuration(
    built,
):
    """Issue 19: a record page (a few sections; 30,000 of them at 10,000 records) has no
    sidebars, not even hidden ones, and no menu button to open them: a breadcrumb above it
    leads to the home page and to the record's listing, in the page's language, as its
    navigation drawer did. Listing and hand-written pages keep their navigation and table of
    contents, and have no breadcrumb. Material's configuration in each page holds none of its
    own search's texts (the portal's search is Pagefind)."""
    import json
    import re

    site = built / "site1"
    homes = {"en": "Asylum Capacity Support Group", "fr": "Groupe d'appui", "es": "Grupo de Apoyo"}
    for kind, _, url in _pages(built):
        for lang, prefix in PREFIX.items():
            path = site / prefix / url / "index.html"
            html = path.read_text(encoding="utf-8")
            assert "md-sidebar" not in html and "md-nav" not in html, path
            assert not re.search(MENU_BUTTON, html), path
            crumbs = re.findall(
                r'<li class="md-path__item"><a href="([^"]*)" class="md-path__link">([^<]*)</a>',
                html,
            )
            assert len(crumbs) == 2, (path, crumbs)
            (home, home_name), (listing, _) = crumbs
            assert (path.parent / home).resolve() == (site / prefix).resolve(), path
            assert home_name.startswith(homes[lang]), (path, home_name)
            folder = KINDS[kind].folder
            assert (path.parent / listing).resolve() == (site / prefix / folder).resolve(), path
    for url in ("about", "pledges", "countries", "fr/about"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert 'data-md-type="toc"' in html and "md-nav--secondary" in html, url
        assert 'data-md-type="navigation"' in html and "md-path" not in html, url
        assert re.search(MENU_BUTTON, html), url
    for page in site.rglob("*.html"):
        found = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>',
            page.read_text(encoding="utf-8"),
            re.S,
        )
        assert found, page
        config = json.loads(found.group(1))
        assert set(config) == {"base", "features", "translations"}, page
        assert config["translations"] == {}, page


class _Navigation(HTMLParser):
    """The links of a page's primary navigation (the left sidebar and the mobile drawer)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self._depth = 0  # inside <nav class="md-nav md-nav--primary">, counting nested navs
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "nav" and (self._depth or "md-nav--primary" in a.get("class", "")):
            self._depth += 1
        if self._depth and tag == "a" and "md-nav__link" in a.get("class", ""):
            self.links.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_listing_and_hand_written_pages_keep_the_whole_navigation(built, lang):
    """Listing and hand-written pages keep the whole navigation (record pages have a
    breadcrumb instead: test_record_pages_have_a_breadcrumb_instead_of_sidebars...)."""
    site = built / "site1" / PREFIX[lang]

    def targets(folder: Path) -> set[Path]:
        links = _Navigation((folder / "index.html").read_text(encoding="utf-8")).links
        return {(folder / link).resolve() for link in links if not link.startswith("#")}

    whole = targets(site / "about")
    assert len(whole) > 15
    assert targets(site / "pledges") == whole
    assert targets(site / "countries") == whole


class _Loads(HTMLParser):
    """Every URL a page makes the browser fetch (scripts, styles, images, frames, fonts)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.urls.append(a.get("href", ""))


def test_no_file_is_published_that_no_page_loads(built):
    """Issue 19: Material's own search (lunr, its worker), palette stylesheet and source maps,
    and Pagefind's ready-made interfaces, are not published; what the pages load is."""
    site = built / "site1"
    published = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    unused = [
        name
        for name in published
        if name.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))
        or name.endswith(".map")
        or name.startswith("assets/stylesheets/palette.")
        or name.startswith(("pagefind/pagefind-ui", "pagefind/pagefind-component-ui"))
        or name.startswith(("pagefind/pagefind-modular-ui", "pagefind/pagefind-highlight"))
    ]
    assert unused == []
    loaded = _Loads()
    loaded.feed((site / "pledges" / "index.html").read_text(encoding="utf-8"))
    assert loaded.urls, "the listing loads its styles and scripts"
    for url in loaded.urls:
        assert (site / "pledges" / url).resolve().is_file(), url
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js"} <= published


def test_pages_load_nothing_from_other_hosts(built):
    for page in (built / "site1").rglob("*.html"):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [url for url in parser.urls if url.startswith(("http:", "https:", "//"))]
        assert not remote, f"{page} loads {remote}"
    for sheet in (built / "site1").rglob("*.css"):
        assert "fonts.googleapis" not in sheet.read_text(encoding="utf-8"), sheet


def test_sitemap_index_lists_every_page_once_with_its_language_alternates(built):
    """sitemap.xml is an index of sitemap files (acsg.sitemap); every page of the site is in
    exactly one of them, with its alternates; robots.txt names the index."""
    from collections import Counter

    from test_sitemap import read_index

    site = built / "site1"
    files = read_index(site)
    assert list(files) == [
        f"http://127.0.0.1:8000/sitemaps/{lang}-1.xml.gz" for lang in ("en", "fr", "es")
    ]
    counts = Counter(url for pages in files.values() for url in pages)
    assert max(counts.values()) == 1
    urls = {url: alternates for pages in files.values() for url, alternates in pages.items()}
    pages = {
        "http://127.0.0.1:8000/" + ("" if p.parent == site else f"{p.parent.relative_to(site)}/")
        for p in site.rglob("index.html")
    }
    assert set(urls) == pages
    for _, _, url in _pages(built):
        for lang, prefix in PREFIX.items():
            assert set(urls[f"http://127.0.0.1:8000/{prefix}{url}"]) >= {"en", "fr", "es"}, url
            assert urls[f"http://127.0.0.1:8000/{url}"][lang] == (
                f"http://127.0.0.1:8000/{prefix}{url}"
            )
    assert set(urls["http://127.0.0.1:8000/about/"]) >= {"en", "fr", "es"}
    assert not (site / "sitemap.xml.gz").exists()
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots


def test_search_indexes_records_and_hand_written_pages_once_per_language(built):
    import json

    site = built / "site1"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    records = list(_pages(built))
    static = len(list((REPO / "docs").glob("*.md"))) - 2 * len(
        list((REPO / "docs").glob("*.fr.md"))
    )
    for lang in ("en", "fr", "es"):
        # One index per language, holding the record pages and the hand-written pages only.
        assert entry["languages"][lang]["page_count"] == len(records) + static
    assert not (site / "search" / "search_index.json").exists()  # no all-languages lunr index


def _project_files(project: Path) -> dict[str, bytes]:
    """The files of a project folder, built sites, the PDF cache (git-ignored, tested in
    test_reports.py) and Python's compiled hooks aside."""
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in project.rglob("*")
        if path.is_file()
        and path.relative_to(project).parts[0] not in ("site1", "site2", "site3")
        and path.relative_to(project).parts[:2] != (".cache", "printables")
        and "__pycache__" not in path.parts
    }


def test_builds_write_nothing_into_the_project_but_their_sites(built, tmp_path):
    """Generated pages and documents go from memory and content/files/ into the site; the site
    is written beside its folder and renamed to it, leaving no temporary folder there."""
    assert _project_files(built) == _project_files(_project(tmp_path))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_document_of_content_files_is_published_and_linked_from_its_record(built, lang):
    site = built / "site1"
    page = site / PREFIX[lang] / "good-practices" / "utopia-mobile-registration" / "index.html"
    links = _Links(page.read_text(encoding="utf-8")).hrefs
    document = [href for href in links if href.endswith("fixture-checklist.txt")]
    assert document, f"no link to the document on {page}"
    target = (page.parent / document[0]).resolve()
    assert target.read_bytes() == (FIXTURE / "files" / "fixture-checklist.txt").read_bytes()


class _Links(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


@pytest.mark.parametrize(
    "url", ["pledges/", "fr/browse/topics/", "es/countries/isl/", "needs-and-offers/", ""]
)
def test_computed_pages_offer_no_edit_button_to_a_file_that_does_not_exist(built, url):
    page = _Page((built / "site1" / url / "index.html").read_text(encoding="utf-8"))
    assert page.edit == ""


def test_hand_written_pages_keep_their_edit_button(built):
    page = _Page((built / "site1" / "fr" / "about" / "index.html").read_text(encoding="utf-8"))
    assert page.edit == f"{SITE_REPO_URL}/edit/main/docs/about.fr.md"


SECRETARIAT_EMAIL = "acsg@unhcr.org"  # the ACSG fact sheet's contact address


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize(
    "page",
    ["about", "contribute", "how-it-works", "submit", "roster/atlantis-registration-expertise"],
)
def test_pages_show_the_secretariats_address_as_a_mailto_link(built, lang, page):
    """Hand-written pages, and roster entries (whose experts people reach through it)."""
    html = (built / "site1" / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
    assert f"mailto:{SECRETARIAT_EMAIL}" in _Links(html).hrefs
    assert SECRETARIAT_EMAIL in " ".join(_Page(html).text)
    assert "{{ secretariat_email }}" not in html  # no placeholder left


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_quiet_record_links_the_progress_form_the_submit_page_and_the_secretariat(built, lang):
    """ "No news since" on a record under way with no recent news, with its ways to send news
    as working links (the fixture's request has had none since June 2024)."""
    page = built / "site1" / PREFIX[lang] / "pledges" / "utopia-registration-request"
    html = (page / "index.html").read_text(encoding="utf-8")
    since = {"en": "No news since", "fr": "Aucune nouvelle depuis", "es": "Sin noticias desde"}
    assert since[lang] in " ".join(_Page(html).text)
    hrefs = _Links(html).hrefs
    form = "/issues/new?template=progress-report.yml&record=pledges/utopia-registration-request"
    assert f"{SITE_REPO_URL}{form}" in hrefs
    assert f"mailto:{SECRETARIAT_EMAIL}" in hrefs and "../../submit/" in hrefs
    assert "{{ repo_url }}" not in html  # no placeholder left


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_submit_forms_email_goes_to_the_secretariat(built, lang):
    html = (built / "site1" / PREFIX[lang] / "submit" / "index.html").read_text(encoding="utf-8")
    assert f'data-secretariat-email="{SECRETARIAT_EMAIL}"' in html


def test_the_secretariats_address_is_written_once_in_the_configuration():
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8").count(SECRETARIAT_EMAIL) == 1
    for page in (REPO / "docs").rglob("*.md"):
        assert SECRETARIAT_EMAIL not in page.read_text(encoding="utf-8"), page


class _Chrome(HTMLParser):
    """The theme's texts on a page: words outside the page's content (<article>) and the
    navigation lists (whose entries are page titles), and tooltips and labels anywhere
    outside the content; with the site name in the header and the footer's text."""

    LABELS = ("title", "aria-label", "placeholder", "alt")
    SKIPPED = ("article", "nav", "script", "style", "svg")
    VOID = ("meta", "link", "input", "img", "br", "hr")  # never closed: no end tag to match

    def __init__(self, text: str) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self.header_topic: list[str] = []
        self.footer: list[str] = []
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if "article" not in self._open:
            self.texts.update(a[key].strip() for key in self.LABELS if a.get(key, "").strip())
        if tag not in self.VOID:
            self._open.append(f"{tag}.{a.get('class', '')}")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:  # <img ... /> (a news story's image): nothing was opened
            return
        while self._open and not self._open.pop().startswith(f"{tag}."):
            pass

    def handle_data(self, data: str) -> None:
        words = data.strip()
        if not words:
            return
        tags = [entry.split(".", 1)[0] for entry in self._open]
        if not any(tag in self.SKIPPED for tag in tags):
            self.texts.add(words)
        if any("md-header__topic" in entry for entry in self._open[-3:]):
            self.header_topic.append(words)
        if "footer" in tags:
            self.footer.append(words)


# What each language calls the site and says in the footer (its link to the repository).
CHROME = {
    "en": ("ACSG portal", "Content from the sources named on each page", "Public repository"),
    "fr": ("Portail de l'ACSG", "Contenu issu des sources citées sur chaque page", "Dépôt public"),
    "es": ("Portal del ACSG", "Contenido procedente de las fuentes citadas", "Repositorio público"),
}
# Theme texts that are the same words in English and the page's language.
SAME_WORDS = {"acsg-portal", "English", "Français", "Español"}
SAME_IN = {"fr": {"Navigation"}, "es": set()}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_theme_speaks_the_pages_language(built, lang):
    """Header, footer, tooltips, labels and buttons: no English text on a French or Spanish
    page (compared with the English page at the same address)."""
    site = built / "site1"
    name, copyright, repository = CHROME[lang]
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        chrome = _Chrome(page.read_text(encoding="utf-8"))
        english_page = site / page.relative_to(site / lang)
        english = _Chrome(english_page.read_text(encoding="utf-8"))
        mixed = (chrome.texts & english.texts) - SAME_WORDS - SAME_IN[lang]
        assert not mixed, f"{page.relative_to(site)}: English theme texts {sorted(mixed)}"
        assert chrome.header_topic[0] == name, page
        footer = " ".join(chrome.footer)
        assert copyright in footer and repository in footer, f"{page}: {footer}"
    english = _Chrome((site / "about" / "index.html").read_text(encoding="utf-8"))
    assert english.header_topic[0] == CHROME["en"][0]
    assert CHROME["en"][1] in " ".join(english.footer)
    assert CHROME["en"][2] in " ".join(english.footer)


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("es", "Página no encontrada")],
)
def test_each_language_has_its_page_not_found(built, lang, title):
    page = built / "site1" / PREFIX[lang] / "404.html"
    html = page.read_text(encoding="utf-8")
    parsed = _Page(html)
    assert parsed.lang == lang
    assert f"<h1>{title}</h1>" in html
    home = "/" + PREFIX[lang]
    assert any(href in (home, f"{home}.") for href in _Links(html).hrefs), "no way home"


NNBSP = "\u202f"  # French: narrow no-break space before : ; ! ? and inside « »


def test_french_pages_put_narrow_no_break_spaces_in_interface_texts_and_titles(built):
    site = built / "site1" / "fr"
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    heading = f"Le principal défi{NNBSP}: plus de demandes que d'offres"
    assert about.count(heading) >= 2  # the hand-written heading and its table of contents entry
    assert "Le principal défi :" not in about
    pledges = (site / "pledges" / "index.html").read_text(encoding="utf-8")
    assert f"<title>Promesses{NNBSP}: engagements" in pledges
    assert f"Télécharger{NNBSP}:" in pledges
    assert "Promesses : engagements" not in pledges  # nor in the navigation
    # Titles the portal composes ("Thèmes : Enregistrement", "Tableau … : Cadre juridique"):
    # a narrow no-break space before each colon, on every French page but records' (whose
    # titles are contributed text).
    import re

    folders = {kind.folder for kind in KINDS.values()}
    checked = 0
    for page in site.rglob("index.html"):
        where = page.parent.relative_to(site).parts
        if len(where) == 2 and where[0] in folders and where[1] != "page":
            continue  # a record page
        html = page.read_text(encoding="utf-8")
        for title in re.findall(r"<h1[^>]*>(.*?)</h1>|<title>(.*?)</title>", html, re.S):
            text = "".join(title)
            checked += ":" in text
            assert not re.search(r"[^\s\u202f]:\s", text), (page, text)
    assert checked > 10


def test_each_pages_navigation_leads_from_that_page_and_marks_it(built: Path) -> None:
    """The navigation drawer is rendered once for all the pages outside the navigation in one
    folder (acsg.sidebar): in every page that has one, its links lead to the same pages of the
    site as from any other page of its language, and the page is marked in it if it is in the
    navigation (the link to itself), in no other."""
    site = built / "site1"
    leads: dict[str, set[tuple[Path, ...]]] = {}  # by language: where the drawers' links lead
    pages = in_nav = 0
    for page in sorted(site.rglob("index.html")):
        drawer = lxml.html.parse(str(page)).xpath('//nav[contains(@class, "md-nav--primary")]')
        if not drawer:  # record pages have none
            continue
        pages += 1
        hrefs = [link.get("href", "") for link in drawer[0].iter("a")]
        targets = tuple(
            (page.parent / href).resolve()
            for href in hrefs
            if not href.startswith(("https:", "http:", "mailto:", "#"))
        )
        assert all((target / "index.html").is_file() for target in targets), page
        lang = page.relative_to(site).parts[0] if page.parent != site else ""
        leads.setdefault(lang if lang in ("fr", "es") else "en", set()).add(targets)
        marked = [
            (page.parent / link.get("href")).resolve()
            for link in drawer[0].xpath('.//a[contains(@class, "md-nav__link--active")]')
        ]
        if page.parent in targets:
            in_nav += 1
            assert marked == [page.parent], page.relative_to(site)
        else:
            assert marked == [], page.relative_to(site)
    assert {lang: len(found) for lang, found in leads.items()} == {"en": 1, "fr": 1, "es": 1}
    # Pages in the navigation and outside it, in three languages, in folders at several depths.
    assert in_nav >= 3 * 8 and pages - in_nav >= 3 * 20
