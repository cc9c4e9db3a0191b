"""Rendering: a record in, the expected page Markdown out (golden files), and page safety.

Golden files live in tests/golden/; after an intended change, review the diff and refresh them
with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from conftest import (
    approved,
    between_elements,
    page_body,
    page_tree,
    site_config,
    site_markdown,
    with_records,
)
from hostile import REFUSED, hostile_catalogue
from hostile import TEXTS as HOSTILE
from mkdocs.utils import meta
from pydantic import ValidationError
from test_page_text import markup_in

from acsg.fields import Text, markdown_problem
from acsg.models import KINDS
from acsg.relations import relations_for
from acsg.render.context import SECRETARIAT_EMAIL, PageContext
from acsg.render.pages import site_pages
from acsg.validation import load_catalogue

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site" / "content"
GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 23)
GOLDEN_PAGES = [
    "pledges/utopia-registration-request",
    "matches/atlantis-utopia",
    "good-practices/utopia-mobile-registration",
    "events/fixture-global-meeting",
    "news/fixture-utopia-registration-story",
    "roster/atlantis-registration-expertise",
    "news/index",
    "organizations/utopia",
    "needs-and-offers",
    "progress/index",
    "countries/isl",
    "index",
    "pledges/index",
    "data",
    "search",
    "matching",
    "matching/legal-framework/index",
    "map",
]


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(FIXTURE)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def pages(catalogue):
    return {page.path: page for page in site_pages(catalogue, TODAY)}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_page_matches_golden_file(pages, path, lang):
    text = pages[path].texts[lang]
    golden = GOLDEN / (path.replace("/", "__") + f".{lang}.md")
    assert text == approved(golden, text)
    # A golden file approves what it holds: it may not hold Markdown a reader would see as text.
    shown = list(markup_in(visible_text(page_body(pages[path], lang))))
    assert not shown, f"{golden.name} shows markup as text: {shown}"


def test_markdown_would_leave_the_pages_written_in_html_as_they_are(pages):
    """MkDocs publishes a page written in HTML (record pages) without Markdown's work (the
    hooks' _WrittenPage): Markdown would make the same HTML of it, but for the whitespace
    between elements, which no published page keeps (acsg.compact)."""
    written = [page for page in pages.values() if page.html]
    # Record pages, lists of records, browse and country pages: nearly all of a site's pages.
    assert {kind.folder for kind in KINDS.values()} | {"browse", "countries", "map"} <= {
        page.path.split("/")[0] for page in written
    }
    for page in written:
        for lang in ("en", "fr", "es"):
            body, _ = meta.get_data(page.texts[lang])
            made = site_markdown().convert(body)
            assert between_elements(made) == between_elements(body), (page.path, lang)


def visible_text(body: str) -> str:
    """What a reader sees of a page's HTML body: code aside, one line per block. The
    Secretariat's address is put in as the hooks do."""
    body = body.replace(SECRETARIAT_EMAIL, site_config()["extra"]["secretariat_email"])
    html = lxml.html.fragment_fromstring(body, create_parent="div")
    for code in html.xpath(".//code|.//pre"):
        code.drop_tree()
    blocks = html.xpath(".//p|.//li|.//dt|.//dd|.//td|.//th|.//h1|.//h2|.//h3|.//div[not(*)]")
    return "\n".join(" ".join(block.text_content().split()) for block in blocks)


def test_every_record_has_a_page_in_three_languages(catalogue, pages):
    for kind, record in catalogue.all():
        page = pages[f"{KINDS[kind].folder}/{record.id}"]
        assert set(page.texts) == {"en", "fr", "es"}


def notices(page, lang: str) -> list[str]:
    """The notes at the top of a page (above its first section), as a reader sees them."""
    return [
        re.sub(r"[ \n]+", " ", note.text_content()).strip()  # narrow no-break spaces kept
        for note in page_tree(page, lang).xpath(".//div[contains(@class, 'admonition')]")
    ]


def links(page, lang: str) -> list[str]:
    return [a.get("href") for a in page_tree(page, lang).iter("a")]


def test_text_missing_in_page_language_falls_back_with_a_notice(pages):
    # The good practice is written in Spanish; its narrative has no French text.
    page = pages["good-practices/utopia-mobile-registration"]
    marked = page_tree(page, "fr").xpath(".//div[@lang='es']")
    assert [" ".join(div.text_content().split()) for div in marked] == [
        "Equipos móviles registran solicitudes en zonas fronterizas."
    ]
    assert notices(page, "fr") == [
        "Langue Certains textes de cette page ne sont pas disponibles en français\u202f; ils sont "
        "affichés dans leur langue d'origine (espagnol)."
    ]
    assert not page_tree(page, "es").xpath(".//div[@lang]")  # the narrative is Spanish


def test_unreviewed_translation_is_flagged_only_where_it_is_shown(pages):
    match = pages["matches/atlantis-utopia"]
    unreviewed = "traducción que nadie ha revisado"
    assert any(unreviewed in note for note in notices(match, "es"))  # an unreviewed summary
    assert not any("nobody has" in note for note in notices(match, "en"))  # the original


def test_a_pledge_page_lists_the_matches_that_answer_it(pages):
    assert "../../matches/atlantis-utopia/" in links(
        pages["pledges/utopia-registration-request"], "en"
    )


def test_a_state_page_shows_what_its_agencies_take_part_in(pages):
    found = links(pages["organizations/utopia"], "en")
    assert "../../events/fixture-global-meeting/" in found  # convened by its asylum office
    assert "../../matches/atlantis-utopia/" in found


def test_browse_pages_and_pagination_are_plain_links(catalogue):
    pages = {page.path for page in site_pages(catalogue, TODAY)}
    assert "browse/topics/registration/index" in pages
    assert "countries/mlt" in pages and "countries/isl" in pages
    relations = relations_for(catalogue)
    assert len(relations.facets["topics"]["registration"]) == 5  # with the roster entry


def scheme(url: str) -> str:
    """The scheme a browser reads in an attribute value (as lxml gives it, entities decoded)."""
    found = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\s\x00-\x1f]", "", url), re.IGNORECASE)
    return found.group(1).lower() if found else ""


def contributed(catalogue, text: str, html: bool, lang: str = "en") -> lxml.html.HtmlElement:
    """A contributed text as a page in ``lang`` shows it: a page written in HTML (record pages)
    or in Markdown (made HTML by the site's Markdown)."""
    record = catalogue.pledges["atlantis-offer"]
    context = PageContext(catalogue, relations_for(catalogue), lang, "pledges/x", TODAY, html=html)
    source = str(context.text(Text.model_construct(en=text), record))
    return lxml.html.fragment_fromstring(
        source if html else site_markdown().convert(source), create_parent="div"
    )


@pytest.mark.parametrize("html", [True, False], ids=["html", "markdown"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_contributed_text_cannot_put_markup_or_script_links_in_a_page(catalogue, hostile, html):
    # Validation rejects such text; rendering must be safe even if it got through.
    page = contributed(catalogue, hostile, html)
    for element in page.iter():
        assert element.tag not in ("script", "h1", "h2", "h3", "h4", "h5", "h6"), hostile
        assert not [name for name in element.attrib if name.lower().startswith("on")], hostile
        if element.tag == "a" and "href" in element.attrib:
            assert scheme(element.get("href")) in ("", "http", "https", "mailto"), hostile
        if element.tag == "img":
            assert scheme(element.get("src")) == "" and not element.get("src").startswith("//")


def test_hostile_records_put_no_script_handler_or_script_link_in_any_page():
    """The catalogue of the browser's hostile test (tests/hostile.py: scripts, handlers in and
    out of attributes and script links in every text, title and link of every kind of record,
    validation skipped): no page made of it, in any language, holds a script or frame, an
    event handler attribute or a link or image that is not http(s), mailto or relative."""
    for page in site_pages(hostile_catalogue(), TODAY):
        for lang in ("en", "fr", "es"):
            for element in page_tree(page, lang).iter():
                where = f"{page.path} ({lang}): <{element.tag} {dict(element.attrib)}>"
                assert element.tag not in ("script", "iframe", "object", "embed"), where
                assert not [name for name in element.attrib if name.startswith("on")], where
                for name in ("href", "src"):
                    if name in element.attrib:
                        assert scheme(element.get(name)) in ("", "http", "https", "mailto"), where


@pytest.mark.parametrize("hostile", REFUSED)
def test_the_validator_refuses_what_a_page_would_lose(hostile):
    with pytest.raises(ValidationError):
        Text.model_validate({"en": "Read this.\n\n" + hostile})


@pytest.mark.parametrize(
    ("html", "lang", "files"),
    [
        (False, "en", "../files/"),  # as MkDocs reads it: from the page's Markdown file
        (True, "en", "../../files/"),  # from where the page is published: pledges/x/
        (True, "fr", "../../../files/"),  # fr/pledges/x/ (one copy of the files for all)
    ],
)
def test_autolinks_and_the_portals_files_are_links_in_pages(catalogue, html, lang, files):
    text = "See <https://example.org/a?b=1&c=2> and ![The plan](files/plan.png) [(PDF)](files/plan.pdf)."
    assert markdown_problem(text) is None
    page = contributed(catalogue, text, html, lang)
    assert [a.get("href") for a in page.iter("a")] == [
        "https://example.org/a?b=1&c=2",
        f"{files}plan.pdf",
    ]
    assert [img.get("src") for img in page.iter("img")] == [f"{files}plan.png"]


def test_a_busy_state_page_lists_its_latest_records_and_links_its_country_page(tmp_path):
    from acsg.demo import write_demo_data
    from acsg.render.pages import INVOLVEMENT_SHOWN

    write_demo_data(1000, tmp_path)
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == []
    pages = {page.path: page for page in site_pages(catalogue, TODAY)}
    busy = [
        org
        for org in catalogue.organizations.values()
        if org.type == "state" and "more records" in pages[f"organizations/{org.id}"].texts["en"]
    ]
    assert busy, "the demo data should hold a State taking part in many records"
    page = page_tree(pages[f"organizations/{busy[0].id}"], "en")
    listed = page.xpath(".//h2[@id='takes-part-in']/following-sibling::ul[1]/li")
    assert len(listed) == INVOLVEMENT_SHOWN
    more = page.xpath(".//h2[@id='takes-part-in']/following-sibling::p[1]")[0]
    assert more.text_content().startswith("…and ")
    assert [a.get("href") for a in more.iter("a")] == [
        f"../../countries/{busy[0].country.lower()}/"
    ]


def test_home_figures_add_up_to_their_totals(catalogue):
    from acsg.render.pages import _figures

    match = catalogue.matches["atlantis-utopia"]
    changed = with_records(
        catalogue,
        match.model_copy(update={"id": "second", "stage": None, "under_discussion": True}),
        catalogue.pledges["atlantis-offer"].model_copy(update={"id": "unstated", "kind": None}),
    )
    for lang in ("en", "fr"):
        c = PageContext(changed, relations_for(changed), lang, "index", TODAY)
        rows = dict(_figures(c, changed, relations_for(changed)))
        kinds = [c._("Commitments"), c._("Requests for support"), c._("Offers of support")]
        unstated = rows[c._("Pledges whose kind is not stated")]
        assert rows[c._("Pledges")] == 4 == sum(rows[k] for k in kinds) + unstated
        stages = [
            c._("Matches: %(stage)s", stage=c.label("match_stages", stage))
            for stage in ("planning", "in-progress", "fulfilled")
        ]
        assert sum(rows[s] for s in stages) + rows[c._("Matches whose stage is not stated")] == 2
        assert rows[c._("Matches")] == 2 and rows[c._("Matches under discussion")] == 1
