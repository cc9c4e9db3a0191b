"""What readers see on the built pages, in English, French and Spanish.

Other tests check the renderer's Markdown (golden files) or a browser's view of one page of each
type; these read the HTML that MkDocs wrote for every page, of the fictitious fixture site
(``built``) and of the records shipped in content/ (``shipped``), as a reader meets it:

- no Markdown or template syntax is left in the visible text;
- French and Spanish pages show no English interface text (header, footer, navigation, headings,
  field names, labels, buttons, tooltips, paragraphs copied from the English page ...), and the
  site's name is given in the page's language;
- a record text shown in another language than the page's is marked with its ``lang``;
- the "Needs and offers" page's sections are headings, not table rows.

Pages are parsed once per session; each test lists every problem it finds, grouped by text, with
the pages that show it.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import lxml.html
import markdown
import pytest
from conftest import REPO_CONTENT
from conftest import SITE_CONTENT as FIXTURE
from lxml.html import HtmlElement

from acsg.catalogue import Catalogue
from acsg.fields import texts_of
from acsg.i18n import translations
from acsg.models import KINDS
from acsg.validation import load_catalogue
from acsg.vocab import vocabulary

pytestmark = pytest.mark.slow  # every test reads a built site

LANGS = ("en", "fr", "es")
PREFIX = {"en": "", "fr": "fr/", "es": "es/"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never shown (or not as text): their contents are left out of the visible text.
HIDDEN = frozenset({"head", "script", "style", "template", "svg", "math"})
# Code shows text literally, Markdown included.
CODE = frozenset({"code", "pre", "kbd", "samp"})
# Elements that flow inside a line of text: their text belongs to the enclosing block.
INLINE = _words(
    "a abbr b bdi bdo br cite data dfn em i img ins del mark q s small span strong sub sup "
    "time u var wbr"
)
REGIONS = ("header", "footer", "article", "nav")  # the first that holds an element names it
# Attributes whose value readers see (tooltips) or hear (screen readers).
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


# --- the built pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One piece of visible text: a text node, the element holding it, the block it is part of
    (paragraph, cell, heading, list item, div ...) and the language it is in (``lang``)."""

    text: str
    parent: HtmlElement
    block: HtmlElement
    lang: str


def lang_of(element: HtmlElement) -> str:
    """The language an element is in: its own ``lang`` or its closest ancestor's."""
    for node in _self_and_ancestors(element):
        lang = node.get("lang") or node.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang is not None:
            return lang
    return ""


def _self_and_ancestors(element: HtmlElement) -> Iterator[HtmlElement]:
    yield element
    yield from element.iterancestors()


def region_of(element: HtmlElement) -> str:
    """Where on the page an element is: header, footer, article (the page's own content), nav
    (the navigation beside it) or body."""
    tags = {node.tag for node in _self_and_ancestors(element)}
    return next((region for region in REGIONS if region in tags), "body")


def describe(element: HtmlElement) -> str:
    """``<tag class>`` of an element, as a reader of a report can find it in the page."""
    classes = (element.get("class") or "").split()
    return f"<{element.tag}{'.' + classes[0] if classes else ''}>"


def normalized(text: str) -> str:
    return " ".join(text.split())


def _chunks(element: HtmlElement, block: HtmlElement, lang: str) -> Iterator[Chunk]:
    if element.tag in HIDDEN or element.tag in CODE:
        return
    if element.tag not in INLINE:
        block = element
    lang = element.get("lang", lang)
    if element.text:
        yield Chunk(element.text, element, block, lang)
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions show nothing
            yield from _chunks(child, block, lang)
        if child.tail:
            yield Chunk(child.tail, element, block, lang)


@dataclass(repr=False)
class Page:
    path: str  # relative to the site's root: "fr/about/index.html"
    root: HtmlElement
    _blocks: dict[str | None, list[tuple[HtmlElement, str]]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<page {self.path}>"

    @cached_property
    def lang(self) -> str:
        """The language of the page's address: /fr/... French, /es/... Spanish, else English."""
        first = self.path.split("/")[0]
        return first if first in ("fr", "es") else "en"

    @cached_property
    def english_path(self) -> str:
        """The same page in English."""
        for prefix in ("fr/", "es/"):
            if self.path.startswith(prefix):
                return self.path[len(prefix) :]
        return self.path

    @cached_property
    def chunks(self) -> list[Chunk]:
        """The visible text of the body, code left out."""
        body = self.root.find("body")
        return [] if body is None else list(_chunks(body, body, lang_of(body)))

    @cached_property
    def title(self) -> str:
        return normalized(self.root.findtext("head/title") or "")

    @cached_property
    def description(self) -> str:
        meta = self.root.find("head/meta[@name='description']")
        return normalized(meta.get("content", "")) if meta is not None else ""

    def blocks(self, *, lang: str | None = None) -> list[tuple[HtmlElement, str]]:
        """The text of every block, in page order; with ``lang``: only its text in that language
        (text inside an element marked with another ``lang`` is left out)."""
        if lang not in self._blocks:
            texts: dict[HtmlElement, list[str]] = {}
            for chunk in self.chunks:
                if lang is None or chunk.lang == lang:
                    texts.setdefault(chunk.block, []).append(chunk.text)
            self._blocks[lang] = [(block, "".join(parts)) for block, parts in texts.items()]
        return self._blocks[lang]

    def attributes(self) -> Iterator[tuple[HtmlElement, str, str]]:
        """(element, attribute, value) of the attributes readers see or hear."""
        body = self.root.find("body")
        for element in body.iter() if body is not None else ():
            if not isinstance(element.tag, str) or any(
                node.tag in HIDDEN for node in _self_and_ancestors(element)
            ):
                continue
            for name in SHOWN_ATTRIBUTES:
                if element.get(name):
                    yield element, name, normalized(element.get(name))
            button = element.tag == "input" and element.get("type") in ("submit", "button", "reset")
            if button and element.get("value"):
                yield element, "value", normalized(element.get("value"))

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """Every chunk's normalized text joined with a separator, and where each one starts."""
        starts, parts, position = [], [], 0
        for chunk in self.chunks:
            text = normalized(chunk.text)
            starts.append(position)
            parts.append(text)
            position += len(text) + 1
        return "\x00".join(parts), starts

    def find(self, text: str) -> Iterator[Chunk]:
        """The chunks holding ``text`` (normalized), once for each time it occurs."""
        joined, starts = self._joined
        index = joined.find(text)
        while index != -1:
            yield self.chunks[bisect.bisect_right(starts, index) - 1]
            index = joined.find(text, index + 1)


@dataclass(repr=False)
class Site:
    name: str
    pages: dict[str, Page]
    catalogue: Catalogue
    fallbacks: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<{self.name}: {len(self.pages)} pages>"

    @cached_property
    def english_name(self) -> str:
        """The site's name, as the English home page's header shows it."""
        topic = self.pages["index.html"].root.find(".//header//*[@class='md-header__topic']")
        assert topic is not None, "the header shows no site name"
        return normalized(topic.text_content())

    def in_lang(self, lang: str) -> list[Page]:
        return [page for page in self.pages.values() if page.lang == lang]


def _site(name: str, folder: Path, content: Path) -> Site:
    pages = {}
    for file in sorted(folder.rglob("*.html")):
        path = file.relative_to(folder).as_posix()
        pages[path] = Page(path, lxml.html.document_fromstring(file.read_bytes()))
    catalogue, problems = load_catalogue(content)
    assert problems == []
    site = Site(name, pages, catalogue)
    site.fallbacks = {lang: _fallback_texts(catalogue, lang) for lang in LANGS}
    return site


@pytest.fixture(scope="session")
def fixture_site(built) -> Site:
    return _site("fixture site", built / "site1", FIXTURE)


@pytest.fixture(scope="session")
def shipped_site(shipped) -> Site:
    return _site("content/ site", shipped, REPO_CONTENT)


@pytest.fixture(params=["fixture_site", "shipped_site"], ids=["fixture", "shipped"])
def site(request) -> Site:
    return request.getfixturevalue(request.param)


def report(findings: dict[str, list[str]], what: str) -> str:
    """Findings grouped by what is wrong, each with the pages that show it (ten at most)."""
    lines = [f"{len(findings)} {what}:"]
    for problem, pages in sorted(findings.items()):
        shown = ", ".join(pages[:10]) + (f" and {len(pages) - 10} more" if len(pages) > 10 else "")
        lines.append(f"- {problem}\n    on {len(pages)} page(s): {shown}")
    return "\n".join(lines)


# --- 1. no Markdown or template syntax in what readers see -------------------------------------

MARKUP: list[tuple[str, re.Pattern[str]]] = [
    ("bold or emphasis marks", re.compile(r"\*\*|__")),
    ("Markdown link", re.compile(r"\]\(")),
    ("Markdown reference link", re.compile(r"\[[^\[\]\n]+\]\[[^\[\]\n]*\]")),
    ("Markdown link definition", re.compile(r"^\s*\[[^\[\]\n]+\]:\s", re.MULTILINE)),
    ("template syntax", re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")),
    ("admonition", re.compile(r"!!!|^\s*\?\?\?\+?\s", re.MULTILINE)),
    ("Markdown heading", re.compile(r"^\s*#{1,6}\s", re.MULTILINE)),
    ("table row", re.compile(r"^\s*\|.*\|\s*$|\|\s*:?-{3,}:?\s*\|", re.MULTILINE)),
    ("definition list", re.compile(r"^\s*:\s{1,4}\S", re.MULTILINE)),
    ("HTML as text", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|markdown=\"|<!--|-->")),
    ("autolink", re.compile(r"<(?:https?://|mailto:)")),
    ("escaped twice", re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")),
    ("inline code marks", re.compile(r"`[^`\n]+`")),
    ("attribute list", re.compile(r"\{:?\s*[#.][\w-]+[^{}\n]*\}")),
    ("Markdown escape", re.compile(r"\\[\\`*_{}\[\]()#+.!|-]")),
]


def markup_in(text: str) -> Iterator[tuple[str, str]]:
    """(what, snippet) for each piece of Markdown or template syntax in ``text``."""
    for name, pattern in MARKUP:
        for found in pattern.finditer(text):
            start = text.rfind("\n", 0, found.start()) + 1
            end = text.find("\n", found.end())
            line = text[start : end if end != -1 else len(text)].strip()
            yield name, line if len(line) <= 100 else line[:97] + "..."


def test_no_page_shows_markdown_or_template_syntax(site):
    findings: dict[str, list[str]] = defaultdict(list)
    for page in site.pages.values():
        seen = set()
        texts = [(None, page.title), *page.blocks()]
        for block, text in texts:
            where = "<title>" if block is None else f"{region_of(block)} {describe(block)}"
            for name, snippet in markup_in(text):
                problem = f"{name} in {where}: {snippet!r}"
                if problem not in seen:
                    seen.add(problem)
                    findings[problem].append(page.path)
    if findings:
        pytest.fail(
            report(findings, f"kinds of markup shown as text on the {site.name}"), pytrace=False
        )


def test_every_page_declares_the_language_of_its_address(site):
    """<html lang> says the language of /fr/ pages is French, of /es/ pages Spanish, of the
    others English: browsers, screen readers and search engines go by it."""
    wrong = defaultdict(list)
    for page in site.pages.values():
        declared = page.root.get("lang", "")
        if declared != page.lang:
            wrong[f'<html lang="{declared}"> on a page in {page.lang}'].append(page.path)
    if wrong:
        pytest.fail(report(wrong, f"pages declaring another language ({site.name})"), pytrace=False)


# --- 2. French and Spanish pages do not show English ------------------------------------------

# Words that make a text read as English: function words and the words of the interface that
# are not French or Spanish words too (those are taken out per language below).
ENGLISH_WORDS = _words(
    """
    the and of with on from by to for not yet this that these those is are was were be been
    has have had will would can could should may must it its an at as or in into about after
    before over under than then our your you we they their them which who what when where why
    how there here all any each every more most other only also just very no none nothing
    page pages made see read show hide open close back top skip next previous search edit view
    share copy select go home portal sorry found licence license content contents sources named
    """
)
ALSO_A_WORD_IN = {
    "fr": _words("on page pages as an or are show top content contents sources licence"),
    "es": _words("as has can no portal show"),
}
WORD = re.compile(r"[^\W\d_]+")
# Names that stay as they are in every language (besides the records' organization names).
PROPER_NAMES = ("Material for MkDocs", "MkDocs", "GitHub", "Pagefind")
# Addresses and identifiers (acsg-portal, mobile-teams) are not words of a language.
IDENTIFIER = re.compile(r"\b(?:https?://|mailto:|www\.)\S+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


def english_words(text: str, lang: str, names: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` that are English and not words of ``lang``; names, addresses and
    identifiers left out."""
    for name in sorted({*PROPER_NAMES, *names}, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    text = IDENTIFIER.sub(" ", text)
    words = WORD.findall(text.lower())
    english = ENGLISH_WORDS - ALSO_A_WORD_IN[lang]
    return sorted({word for word in words if word in english})


def proper_names(catalogue: Catalogue) -> set[str]:
    """Organization names and acronyms, in every language they are given in."""
    names = set()
    for org in catalogue.organizations.values():
        given = [org.name.get(lang) for lang in LANGS] if org.name else []
        names.update(name for name in (org.acronym, *given) if name)
    return {normalized(name) for name in names}


def interface_texts(page: Page) -> Iterator[tuple[str, str, str]]:
    """(kind of element, where, text) of what the page says in its own language: the text of
    every block (record texts shown in their original language, marked with ``lang``, left
    out), the attributes readers see or hear, the page title and description."""
    for block, text in page.blocks(lang=page.lang):
        text = normalized(text)
        if text:
            yield block.tag, f"{region_of(block)} {describe(block)}", text
    for element, name, value in page.attributes():
        if lang_of(element) == page.lang:
            yield f"@{name}", f"{region_of(element)} {describe(element)} {name}=", value
    yield "title", "<title>", page.title
    yield "description", '<meta name="description">', page.description


def test_french_and_spanish_pages_show_no_english_text(site):
    """A text on a French or Spanish page that is the very text of the same kind of element on
    the English page, and holds English words (the, with, made, see ...), was left in English.
    Names (organizations, acronyms, Material for MkDocs) do not count, nor record texts shown
    in their original language, which are marked with their ``lang`` (tested below)."""
    # The site's name has its own test, below.
    names = [*proper_names(site.catalogue), site.english_name]
    findings: dict[str, list[str]] = defaultdict(list)
    for lang in ("fr", "es"):
        # Record texts missing in this language are shown in their original language, also where
        # a page cannot mark it (<title>, attributes): they are not the interface's.
        fallbacks = list(site.fallbacks[lang])
        for page in site.in_lang(lang):
            english = site.pages.get(page.english_path)
            if english is None:
                continue
            english_texts = defaultdict(set)
            for kind, _, text in interface_texts(english):
                english_texts[kind].add(text)
            seen = set()
            for kind, where, text in interface_texts(page):
                if text not in english_texts[kind]:
                    continue
                words = english_words(text, lang, [*names, *fallbacks])
                problem = f"{lang}: {where}: {text!r} (English: {', '.join(words)})"
                if words and problem not in seen:
                    seen.add(problem)
                    findings[problem].append(page.path)
    if findings:
        pytest.fail(
            report(findings, f"English texts on French/Spanish pages of the {site.name}"),
            pytrace=False,
        )


# English words that French and Spanish sentences hardly ever hold, and the words that fill
# French and Spanish sentences: a sentence with more of the first than of the second, and at
# least three, is English.
ENGLISH_GLUE = _words(
    "the and of with from this that these those is are was were be been has have will would "
    "which who its it by to for not"
)
GLUE = {
    "fr": _words(
        "le la les de des du et en un une est sont pour que qui dans sur par avec au aux ce cette "
        "ces il elle ne pas ou son sa ses leur leurs"
    ),
    "es": _words(
        "el la los las de del y en un una es son para que por con al lo su sus se no o como este "
        "esta estos estas"
    ),
}
SENTENCE = re.compile(r"[^.!?;:]+")


def english_sentences(text: str, lang: str, names: Iterable[str]) -> Iterator[str]:
    for sentence in SENTENCE.findall(text):
        kept = sentence
        for name in sorted({*PROPER_NAMES, *names}, key=len, reverse=True):
            kept = kept.replace(name, " ")
        words = WORD.findall(IDENTIFIER.sub(" ", kept).lower())
        english = sum(word in ENGLISH_GLUE - ALSO_A_WORD_IN[lang] for word in words)
        if english >= 3 and english > sum(word in GLUE[lang] for word in words):
            yield sentence.strip()


def test_french_and_spanish_pages_hold_no_english_sentences(site):
    """Text that is not a copy of the English page's but was written in English all the same:
    a sentence made of English rather than French or Spanish function words, not marked with
    ``lang="en"`` (a record's text shown in English where it has no translation is marked)."""
    names = [*proper_names(site.catalogue), site.english_name]
    findings: dict[str, list[str]] = defaultdict(list)
    for lang in ("fr", "es"):
        fallbacks = list(site.fallbacks[lang])
        for page in site.in_lang(lang):
            for _, where, text in interface_texts(page):
                for sentence in english_sentences(text, lang, [*names, *fallbacks]):
                    findings[f"{lang}: {where}: {sentence!r}"].append(page.path)
    if findings:
        pytest.fail(
            report(findings, f"English sentences on French/Spanish pages of the {site.name}"),
            pytrace=False,
        )


def test_the_site_name_is_given_in_the_page_language(site):
    """The site's name in the header, the navigation, the logo's label and the browser tab:
    on French and Spanish pages it is not the English one, unless that is a name only (an
    acronym)."""
    english = site.english_name
    if not re.search(r"\b[^\W\d_]*[a-z][^\W\d_]*\b", english):
        return  # the name is an acronym only: it stays as it is in every language
    findings: dict[str, list[str]] = defaultdict(list)
    for lang in ("fr", "es"):
        for page in site.in_lang(lang):
            places = {
                f"{region_of(block)} {describe(block)}"
                for block, text in page.blocks(lang=lang)
                if normalized(text) == english
            }
            places |= {
                f"{region_of(element)} {describe(element)} {name}="
                for element, name, value in page.attributes()
                if value == english
            }
            if page.title == english or page.title.endswith(f" - {english}"):
                places.add("<title> (the end of)")
            for place in places:
                findings[f"{lang}: {place}: {english!r}"].append(page.path)
    if findings:
        pytest.fail(
            report(findings, f"places showing the English site name ({site.name})"), pytrace=False
        )


# --- record texts in another language than the page's are marked ------------------------------


def _probes(text: str) -> list[str]:
    """Pieces of a contributed Markdown text as a page shows them (its text nodes), long
    enough not to be found by chance."""
    root = lxml.html.fragment_fromstring(markdown.markdown(text), create_parent="div")
    pieces = (normalized(piece) for piece in root.itertext())
    return [piece for piece in pieces if len(piece) >= 6 and re.search(r"[^\W\d_]", piece)]


def _fallback_texts(catalogue: Catalogue, lang: str) -> dict[str, tuple[str, str]]:
    """What pages in ``lang`` show of record texts that have no ``lang`` version: each piece
    of the original, with the original's language and where the text stands."""
    found: dict[str, tuple[str, str]] = {}
    for kind, record in catalogue.all():
        for location, value in texts_of(record):
            original = value.get(record.language)
            if value.get(lang) or not original:
                continue
            where = f"{kind} {record.id}: {'.'.join(str(part) for part in location)}"
            for probe in _probes(original):
                found.setdefault(probe, (record.language, where))
    return found


def test_record_texts_in_another_language_are_marked_with_it(site):
    """A record text missing in the page's language is shown in its original language inside an
    element whose ``lang`` says which (for screen readers, hyphenation, spell checkers); so are
    a record's tags are shown by their labels in the page's language."""
    findings: dict[str, list[str]] = defaultdict(list)
    for lang in LANGS:
        for page in site.in_lang(lang):
            for probe, (original, where) in site.fallbacks[lang].items():
                for chunk in page.find(probe):
                    marked = chunk.lang
                    if marked != original:
                        place = f"{region_of(chunk.parent)} {describe(chunk.parent)}"
                        findings[
                            f"{lang}: {probe!r} ({where}, in {original}) in {place}, "
                            f"marked lang={marked!r}"
                        ].append(page.path)
    # Tags come from a vocabulary: each shows as its label in the page's language.
    for kind, record in site.catalogue.all():
        for lang in LANGS:
            page = site.pages[f"{PREFIX[lang]}{KINDS[kind].folder}/{record.id}/index.html"]
            for tag in getattr(record, "tags", []):
                label = vocabulary("practice_tags").label(tag, lang)
                if not [chunk for chunk in page.find(label) if chunk.lang == lang]:
                    findings[
                        f"{lang}: tag {tag!r} ({kind} {record.id}) is not shown as {label!r}"
                    ].append(page.path)
    if findings:
        pytest.fail(
            report(findings, f"texts not marked with their language ({site.name})"), pytrace=False
        )


def test_fixture_texts_in_their_original_language_are_seen_and_marked(fixture_site):
    """The fixture content holds texts missing in some language on purpose: the test above must
    know them (else it would pass on nothing), and the page's content marks them, one text of
    each sort on a page where readers meet it."""
    cases = [  # (page, text in its original language, that language)
        ("fr/pledges/utopia-appeals-commitment/index.html", _APPEALS, "en"),
        ("fr/needs-and-offers/index.html", _APPEALS, "en"),
        ("es/index.html", "Fixture : atelier régional sur l'enregistrement", "fr"),
        ("fr/good-practices/utopia-mobile-registration/index.html", _MOBILE_TEAMS, "es"),
        ("good-practices/utopia-mobile-registration/index.html", _MOBILE_TEAMS, "es"),
        ("fr/pledges/utopia-registration-request/index.html", "Needs assessment done.", "en"),
        ("es/events/fixture-regional-workshop/index.html", "La Valette", "fr"),
        (
            "es/organizations/utopia-asylum-office/index.html",
            "Office fictif de l'asile d'Utopie",
            "fr",
        ),
    ]
    wrong = []
    for path, text, original in cases:
        page = fixture_site.pages[path]
        assert fixture_site.fallbacks[page.lang].get(text, ("",))[0] == original, (
            f"{text!r} should be known as a text with no {page.lang} version"
        )
        shown = [chunk for chunk in page.find(text) if region_of(chunk.parent) == "article"]
        assert shown, f"{path} does not show {text!r}"
        wrong += [
            f"{path}: {text!r} in {describe(chunk.parent)}, marked lang={chunk.lang!r}"
            for chunk in shown
            if chunk.lang != original
        ]
    assert not wrong, "texts not marked with their original language:\n" + "\n".join(wrong)


_APPEALS = "Fixture: an independent appeals body"
_MOBILE_TEAMS = "Equipos móviles registran solicitudes en zonas fronterizas."


# --- 3. the needs-and-offers page --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_needs_and_offers_sections_are_headings_not_table_rows(site, lang):
    page = site.pages[f"{PREFIX[lang]}needs-and-offers/index.html"]
    article = page.root.find(".//article")
    _ = translations(lang).gettext
    sections = [
        _("By pledging area"),
        _("By topic"),
        _("By UNHCR region"),
        _("Open needs that no match links yet"),
        _("Open offers that no match links yet"),
    ]
    headings = [normalized(h2.text_content()) for h2 in article.iter("h2")]
    # A section the page has is a heading of its own, in this order; one it lacks is nowhere
    # (but for the counts' labels, in the definition list above the tables).
    text = normalized(" ".join(child.text_content() for child in article if child.tag != "dl"))
    expected = [title for title in sections if title in text]
    cells = [
        normalized(cell.text_content())
        for cell in article.iter("td", "th")
        if "#" in cell.text_content()
    ]
    assert _("By UNHCR region") in expected, f"{page.path}: no count by region"
    assert (headings, cells) == (expected, []), (
        f"{page.path}: <h2> {headings}, expected {expected}; cells with '#': {cells}"
    )
    # Each count table follows its own heading.
    for h2 in article.iter("h2"):
        if normalized(h2.text_content()) not in sections[:3]:
            continue
        following = h2.getnext()
        assert following is not None and following.tag == "table", (
            f"{page.path}: after <h2> {h2.text_content()!r} comes {following!r}"
        )
