"""Rendering: a record in, the expected page Markdown out (golden files), and page safety.

Golden files live in tests/golden/; after an intended change, review the diff and refresh them
with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from conftest import approved, with_records
from hostile import REFUSED
from hostile import TEXTS as HOSTILE
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
    shown = list(markup_in(visible_text(text)))
    assert not shown, f"{golden.name} shows markup as text: {shown}"


def visible_text(page_markdown: str) -> str:
    """What a reader sees of a generated page: its Markdown (front matter aside) made HTML
    with the site's extensions, code aside, one line per block. The Secretariat's address is
    put in as the hooks do."""
    body = (
        page_markdown.split("\n---\n", 1)[1] if page_markdown.startswith("---\n") else page_markdown
    )
    body = body.replace(SECRETARIAT_EMAIL, site_config()["extra"]["secretariat_email"])
    html = lxml.html.fragment_fromstring(site_markdown().convert(body), create_parent="div")
    for code in html.xpath(".//code|.//pre"):
        code.drop_tree()
    blocks = html.xpath(".//p|.//li|.//dt|.//dd|.//td|.//th|.//h1|.//h2|.//h3|.//div[not(*)]")
    return "\n".join(" ".join(block.text_content().split()) for block in blocks)


def test_every_record_has_a_page_in_three_languages(catalogue, pages):
    for kind, record in catalogue.all():
        page = pages[f"{KINDS[kind].folder}/{record.id}"]
        assert set(page.texts) == {"en", "fr", "es"}


def test_text_missing_in_page_language_falls_back_with_a_notice(pages):
    # The good practice is written in Spanish; its narrative has no French text.
    french = pages["good-practices/utopia-mobile-registration"].texts["fr"]
    assert '<div lang="es" markdown="1">' in french
    assert "Equipos móviles registran solicitudes" in french
    assert "langue d'origine" in french or "original" in french


def test_unreviewed_translation_is_flagged_only_where_it_is_shown(pages):
    match = pages["matches/atlantis-utopia"].texts
    assert "!!! note" in match["es"]  # Spanish summary is an unreviewed translation
    assert "nobody has" not in match["en"]  # English is the original


def test_a_pledge_page_lists_the_matches_that_answer_it(pages):
    text = pages["pledges/utopia-registration-request"].texts["en"]
    assert "(../matches/atlantis-utopia.md)" in text


def test_a_state_page_shows_what_its_agencies_take_part_in(pages):
    text = pages["organizations/utopia"].texts["en"]
    assert "(../events/fixture-global-meeting.md)" in text  # convened by its asylum office
    assert "(../matches/atlantis-utopia.md)" in text


def test_browse_pages_and_pagination_are_plain_links(catalogue):
    pages = {page.path for page in site_pages(catalogue, TODAY)}
    assert "browse/topics/registration/index" in pages
    assert "countries/mlt" in pages and "countries/isl" in pages
    relations = relations_for(catalogue)
    assert len(relations.facets["topics"]["registration"]) == 5  # with the roster entry


def site_config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the Markdown extensions of the site's mkdocs.yml."""
    return markdown.Markdown(extensions=site_config()["markdown_extensions"])


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags only matter to MkDocs."""


_Tolerant.add_constructor("!ENV", lambda loader, node: None)


def scheme(url: str) -> str:
    """The scheme a browser reads in an attribute value (as lxml gives it, entities decoded)."""
    found = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\s\x00-\x1f]", "", url), re.IGNORECASE)
    return found.group(1).lower() if found else ""


@pytest.mark.parametrize("hostile", HOSTILE)
def test_contributed_text_cannot_put_markup_or_script_links_in_a_page(catalogue, hostile):
    # Validation rejects such text; rendering must be safe even if it got through.
    record = catalogue.pledges["atlantis-offer"]
    context = PageContext(catalogue, relations_for(catalogue), "en", "pledges/x", TODAY)
    source = str(context.text(Text.model_construct(en=hostile), record))
    page = lxml.html.fragment_fromstring(site_markdown().convert(source), create_parent="div")
    for element in page.iter():
        assert element.tag not in ("script", "h1", "h2", "h3", "h4", "h5", "h6"), hostile
        assert not [name for name in element.attrib if name.lower().startswith("on")], hostile
        if element.tag == "a" and "href" in element.attrib:
            assert scheme(element.get("href")) in ("", "http", "https", "mailto"), hostile
        if element.tag == "img":
            assert scheme(element.get("src")) == "" and not element.get("src").startswith("//")


@pytest.mark.parametrize("hostile", REFUSED)
def test_the_validator_refuses_what_a_page_would_lose(hostile):
    with pytest.raises(ValidationError):
        Text.model_validate({"en": "Read this.\n\n" + hostile})


def test_autolinks_and_the_portals_files_are_links_in_pages(catalogue):
    record = catalogue.pledges["atlantis-offer"]
    text = "See <https://example.org/a?b=1&c=2> and ![The plan](files/plan.png) [(PDF)](files/plan.pdf)."
    assert markdown_problem(text) is None
    context = PageContext(catalogue, relations_for(catalogue), "en", "pledges/x", TODAY)
    source = str(context.text(Text.model_construct(en=text), record))
    page = lxml.html.fragment_fromstring(site_markdown().convert(source), create_parent="div")
    assert [a.get("href") for a in page.iter("a")] == [
        "https://example.org/a?b=1&c=2",
        "../files/plan.pdf",  # as MkDocs reads it: from the page's Markdown file
    ]
    assert [img.get("src") for img in page.iter("img")] == ["../files/plan.png"]


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
    text = pages[f"organizations/{busy[0].id}"].texts["en"]
    listed = text.split("## Takes part in")[1].split("…and")[0].count("\n- ")
    assert listed == INVOLVEMENT_SHOWN
    assert f"(../countries/{busy[0].country.lower()}.md)" in text


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
