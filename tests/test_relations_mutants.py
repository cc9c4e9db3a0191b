"""What the portal derives from the records, for what mutation testing (make mutation) found
untested: country pages' roles, organizations' involvement, browse facets, workstreams,
upcoming and past events, the latest items and their order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import with_records

from acsg.catalogue import Catalogue
from acsg.models import Session, Timeframe
from acsg.relations import (
    _facet_vocabularies,
    events_by_workstream,
    facet_values,
    last_change,
    latest,
    newest_first,
    organizations_named,
    own_date,
    records_of_country,
    relations_for,
    split_events,
)
from acsg.validation import load_catalogue
from acsg.vocab import regions, vocabulary

FIXTURE = Path(__file__).parent / "fixtures" / "site" / "content"
MATCH = ("match", "atlantis-utopia")
PRACTICE = ("good-practice", "utopia-mobile-registration")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(FIXTURE)
    assert not problems
    return loaded


def test_country_pages_say_in_which_role_each_record_concerns_the_country(catalogue):
    by_country = relations_for(catalogue).by_country
    assert by_country["MLT"] == [
        (("organization", "atlantis"), "organization"),
        (("pledge", "atlantis-offer"), "pledge-offer"),
        (MATCH, "match-given"),
        (("event", "fixture-regional-workshop"), "event"),
        (("roster", "atlantis-registration-expertise"), "roster"),
    ]
    assert (MATCH, "match-received") in by_country["ISL"]
    assert (("news", "fixture-utopia-registration-story"), "news") in by_country["ISL"]
    assert (PRACTICE, "good-practice") in by_country["ISL"]
    assert (("event", "fixture-global-meeting"), "event") in by_country["ISL"]


def test_a_pledge_concerns_the_countries_it_names_besides_its_own(catalogue):
    offer = catalogue.pledges["atlantis-offer"].model_copy(update={"countries": ["ISL", "MLT"]})
    by_country = relations_for(with_records(catalogue, offer)).by_country
    assert (("pledge", "atlantis-offer"), "pledge-concerned") in by_country["ISL"]
    assert [role for key, role in by_country["MLT"] if key == ("pledge", "atlantis-offer")] == [
        "pledge-offer"
    ]


def test_a_pledge_whose_kind_is_not_stated_is_listed_as_such_on_its_country_page(catalogue):
    offer = catalogue.pledges["atlantis-offer"].model_copy(update={"kind": None})
    by_country = relations_for(with_records(catalogue, offer)).by_country
    roles = [role for key, role in by_country["MLT"] if key == ("pledge", "atlantis-offer")]
    assert roles == ["pledge-not-stated"]
    # the heading the country page gives them
    assert vocabulary("country_sections").label("pledge-not-stated", "en") == (
        "Pledges whose kind is not stated"
    )


def test_organization_pages_list_every_role_an_organization_has(catalogue):
    involvement = relations_for(catalogue).involvement
    assert (MATCH, "requesting") in involvement["utopia"]
    assert (PRACTICE, "shared-by") in involvement["utopia"]
    assert (MATCH, "supporting") in involvement["atlantis"]
    assert (MATCH, "requesting-agency") in involvement["utopia-asylum-office"]
    assert organizations_named(catalogue.matches["atlantis-utopia"]) == [
        "utopia",
        "atlantis",
        "utopia-asylum-office",
    ]


def test_a_practices_stakeholders_come_after_those_who_shared_it(catalogue):
    practice = catalogue.good_practices["utopia-mobile-registration"]
    practice = practice.model_copy(update={"stakeholders": ["atlantis"]})
    assert organizations_named(practice)[:2] == ["utopia", "atlantis"]


def test_browse_pages_offer_every_facet_in_order_with_its_values():
    # Computed when the module is imported: called afresh here, so that a change shows.
    facets = _facet_vocabularies()
    assert {facet: values.ids for facet, values in facets.items()} == {
        "regions": regions().vocabulary.ids,
        "areas": vocabulary("areas").ids,
        "topics": vocabulary("topics").ids,
        "support-types": vocabulary("support_types").ids,
        "stages": vocabulary("pledge_stages").ids,
        "categories": vocabulary("practice_categories").ids,
        "tags": vocabulary("practice_tags").ids,
        "modalities": vocabulary("roster_modalities").ids,
        "working-languages": vocabulary("interpretation_languages").ids,
        "stakeholder-types": vocabulary("stakeholder_types").ids,
    }
    assert list(facets) == list(vocabulary("facets").ids)


def test_browse_facets_take_each_records_values(catalogue):
    assert facet_values(catalogue, "match", catalogue.matches["atlantis-utopia"]) == {
        "regions": ["europe"],
        "areas": [],
        "topics": ["registration"],
        "support-types": ["technical"],
        "stages": ["in-progress"],
        "categories": [],
        "tags": [],
        "modalities": [],
        "working-languages": [],
        "stakeholder-types": [],
    }
    commitment = catalogue.pledges["utopia-appeals-commitment"]
    assert facet_values(catalogue, "pledge", commitment)["areas"] == ["legal-framework"]
    organization = catalogue.organizations["utopia-asylum-office"]
    assert facet_values(catalogue, "organization", organization)["stakeholder-types"] == [
        "asylum-authority"
    ]
    practice = catalogue.good_practices["utopia-mobile-registration"].model_copy(
        update={"categories": ["legal-aid"]}
    )
    values = facet_values(catalogue, "good-practice", practice)
    assert values["categories"] == ["legal-aid"]
    assert values["tags"] == ["registration"]


def test_events_are_listed_under_each_of_their_workstreams(catalogue):
    assert {k: [e.id for e in v] for k, v in events_by_workstream(catalogue).items()} == {
        "engagement": ["fixture-global-meeting"],
        "pledges-grf": ["fixture-regional-workshop"],
        "technical-expertise": ["fixture-global-meeting", "fixture-regional-workshop"],
    }


def ids(events) -> list[str]:
    return [event.id for event in events]


def test_an_event_is_upcoming_until_its_last_day_is_over(catalogue):
    # The workshop's last session is on 13 June 2025.
    upcoming, past = split_events(catalogue, date(2025, 6, 13))
    assert "fixture-regional-workshop" in ids(upcoming)
    assert "fixture-regional-workshop" not in ids(past)
    upcoming, past = split_events(catalogue, date(2025, 6, 14))
    assert ids(past) == ["fixture-regional-workshop"]


def test_a_session_over_several_days_is_upcoming_until_its_end(catalogue):
    workshop = catalogue.events["fixture-regional-workshop"].model_copy(
        update={"sessions": [Session(start="2025-06-10", end="2025-06-12")]}
    )
    upcoming, _ = split_events(with_records(catalogue, workshop), date(2025, 6, 11))
    assert "fixture-regional-workshop" in ids(upcoming)


def test_past_events_are_listed_latest_first(catalogue):
    upcoming, past = split_events(catalogue, date(2031, 1, 1))
    assert upcoming == []
    assert ids(past) == ["fixture-global-meeting", "fixture-regional-workshop"]


def test_latest_takes_records_dated_up_to_today_included(catalogue):
    # The registration request's latest update is of 1 June 2024; the match started in
    # April 2024 (a month: its first day counts).
    items = latest(catalogue, 20, date(2024, 6, 1))
    assert [(when, kind, record.id) for when, kind, record in items] == [
        ("2024-06-01", "pledge", "utopia-registration-request"),
        ("2024-05-20", "news", "fixture-utopia-registration-story"),  # the story's day
        ("2024-04", "match", "atlantis-utopia"),
        ("2022", "good-practice", "utopia-mobile-registration"),
    ]
    assert [record.id for _, _, record in latest(catalogue, 20, date(2024, 4, 15))] == [
        "atlantis-utopia",
        "utopia-mobile-registration",
    ]


def test_a_year_is_ordered_by_its_first_day(catalogue):
    offer = catalogue.pledges["atlantis-offer"].model_copy(update={"year": 2024})
    request = catalogue.pledges["utopia-registration-request"]
    ordered = newest_first([("pledge", offer), ("pledge", request)])
    assert [record.id for _, record in ordered] == [request.id, offer.id]


@pytest.mark.parametrize("start", ["tbc", "ongoing"])
def test_a_start_to_be_confirmed_or_ongoing_is_no_date(catalogue, start):
    match = catalogue.matches["atlantis-utopia"].model_copy(
        update={"updates": [], "timeframe": Timeframe(start=start)}
    )
    assert own_date(match) is None


def test_a_pledge_without_updates_or_year_is_dated_by_its_start(catalogue):
    offer = catalogue.pledges["atlantis-offer"].model_copy(
        update={"updates": [], "year": None, "timeframe": Timeframe(start="2023-05")}
    )
    assert own_date(offer) == "2023-05"


def test_records_of_a_country_are_those_of_its_page(catalogue):
    assert [record.id for _, record in records_of_country(catalogue, "MLT")] == [
        "atlantis",
        "atlantis-offer",
        "atlantis-utopia",
        "fixture-regional-workshop",
        "atlantis-registration-expertise",
    ]
    assert records_of_country(catalogue, "FRA") == []


def test_an_empty_catalogue_last_changed_in_1970(catalogue):
    empty = replace(catalogue, records={kind: {} for kind in catalogue.records})
    assert last_change(empty) == date(1970, 1, 1)
