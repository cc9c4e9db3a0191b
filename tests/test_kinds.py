"""The registry of record kinds: every part a kind declares exists and is used, so that a kind
added by following the README ("Adding a record kind") appears wherever readers expect it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import line_of, one_problem

from acsg import locations
from acsg.demo import write_demo_data
from acsg.fields import Term, references, term_of
from acsg.forms import FORMS
from acsg.models import KINDS, Record, kind_of
from acsg.relations import FACETS, relations_for
from acsg.render import pages as pages_module
from acsg.render.context import PageContext
from acsg.render.pages import MissingTemplate, site_pages
from acsg.search import record_entry
from acsg.validation import load_catalogue
from acsg.vocab import LANGUAGES, vocabulary

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site" / "content"
TEMPLATES = REPO / "src" / "acsg" / "templates"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(FIXTURE)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Demo records of every kind (made by the kinds' own recipes where they have one)."""
    folder = tmp_path_factory.mktemp("demo")
    write_demo_data(120, folder)
    catalogue, problems = load_catalogue(folder)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def paths(demo):
    return {page.path for page in site_pages(demo, TODAY)}


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_declares_its_parts(name: str) -> None:
    kind = KINDS[name]
    assert issubclass(kind.model, Record) and kind_of(kind.model.model_construct()) is kind
    assert (TEMPLATES / kind.template).is_file(), f"{name}: no template {kind.template}"
    for labels in ("record_kinds", "record_lists"):
        assert set(vocabulary(labels).labels[name]) == set(LANGUAGES), (labels, name)
    # Organization roles are set on fields that name organizations, and have their labels.
    named = {path for path, target in references(kind.model) if target == "organization"}
    for path, role in kind.roles.items():
        assert path in named, f"{name}: {path} names no organization"
        assert role in vocabulary("roles").labels, f"{name}: no label for the role {role!r}"
    # Facets are vocabulary fields, each facet with one vocabulary whatever the kind.
    for facet, field in kind.facets.items():
        assert facet in vocabulary("facets").labels, f"{name}: no label for the facet {facet!r}"
        assert isinstance(term_of(kind.model, field), Term)
        assert set(term_of(kind.model, field).vocabulary.ids) == set(FACETS[facet].ids)
    for form in kind.forms:
        assert FORMS[form].kind == name
    assert kind.starter.startswith("id: {id}\n")
    assert kind.demo_share > 0
    assert kind.named_by is None or kind.named_by in kind.model.model_fields


def test_folders_are_distinct_and_the_demo_shares_make_the_whole() -> None:
    assert len({kind.folder for kind in KINDS.values()}) == len(KINDS)
    assert sum(kind.demo_share for kind in KINDS.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_is_used_wherever_readers_look(name: str, demo, paths) -> None:
    """Its records have pages, a list, a feed and a data file; they are on the pages of their
    countries and organizations, and in search with the kind's own label."""
    kind, catalogue = KINDS[name], demo
    records = catalogue.records[name]
    assert records, f"acsg demo-data made no {name} record: give the kind a demo recipe"
    assert f"{kind.folder}/index" in paths
    relations = relations_for(catalogue)
    sections = vocabulary("country_sections").labels
    for record_id, record in records.items():
        assert f"{kind.folder}/{record_id}" in paths
        on_countries = [
            (code, role)
            for code, keys in relations.by_country.items()
            for key, role in keys
            if key == (name, record_id)
        ]
        # (an event is also on the pages of its conveners' countries)
        assert set(catalogue.countries(name, record)) <= {code for code, _ in on_countries}
        assert all(role in sections for _, role in on_countries), on_countries
        for lang in LANGUAGES:
            c = PageContext(catalogue, relations, lang, f"{kind.folder}/{record_id}", TODAY)
            entry = record_entry(c, name, record, "")
            assert entry["meta"]["kind"] == c.kind_name(name, record)
    assert locations.kind_feed("en", name).endswith(f"{kind.folder}.xml")
    named = {
        org for org, keys in relations.involvement.items() for key, _ in keys if key[0] == name
    }
    assert not kind.roles or named, f"no organization page lists a {name}"


def test_a_kind_without_its_template_is_named(catalogue, monkeypatch) -> None:
    """A contributor who registers a kind and forgets its template reads which file to add."""
    bulletin = replace(KINDS["news"], name="bulletin")
    monkeypatch.setitem(pages_module.KINDS, "bulletin", bulletin)
    records = {**catalogue.records, "bulletin": catalogue.records["news"]}
    with pytest.raises(
        MissingTemplate,
        match=r"'bulletin' has no page template: add src/acsg/templates/bulletin\.html\.j2",
    ):
        site_pages(replace(catalogue, records=records), TODAY)


ROSTER = """
    id: ofpra-expertise
    language: en
    unreviewed: [fr]
    organization: ofpra
    summary:
      en: {summary}
      fr: Formation des officiers de protection (2019-2022, 2021-04-14).
    topics: [training]
    availability:
      en: {availability}
    sources: [https://example.org/offer]
    created: 2026-12-01
    updated: 2026-12-01
"""


@pytest.mark.parametrize(
    ("summary", "availability", "refused"),
    [
        ("Write to jane.doe@example.org for training.", "On request.", "'jane.doe@example.org'"),
        ("Training (mailto:desk@ofpra.example).", "On request.", "'mailto:desk@ofpra.example'"),
        ("Training of eligibility officers.", "Call +33 1 58 68 10 10.", "'+33 1 58 68 10 10'"),
        ("Training of eligibility officers.", "Call (022) 739-8111 any day.", "'(022) 739-8111'"),
    ],
)
def test_the_roster_refuses_a_persons_contact_details(
    content, summary: str, availability: str, refused: str
) -> None:
    """The roster names organizations, never persons: an email address or phone number in any
    of its texts is refused, with where it is and why."""
    path = content.write(
        "roster", "ofpra-expertise", ROSTER.format(summary=summary, availability=availability)
    )
    problem = one_problem(content.problems(), refused, "never persons", "ACSG Secretariat")
    assert problem.path == str(path) or Path(problem.path).name == path.name
    field = "summary" if refused.strip("'") in summary else "availability"
    assert problem.line == line_of(path, f"{field}:") + 1


def test_the_roster_keeps_dates_years_and_counts(content) -> None:
    text = "Since 2015, 1,400 officers trained (2019-2022); next session 2027-03-01 to 2027-03-05."
    content.write("roster", "ofpra-expertise", ROSTER.format(summary=text, availability=text))
    assert content.problems() == []
