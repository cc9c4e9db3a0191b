"""What the catalogue says once records are put side by side: links both ways, facets, gaps.

Computed once per catalogue (``relations_for``) and shared by every language and output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from acsg.catalogue import Catalogue
from acsg.models import Event, GoodPractice, Match, Organization, Pledge, Record
from acsg.vocab import vocabulary

RecordKey = tuple[str, str]  # (kind, id)

# Browse facets: name -> the vocabulary their values come from.
FACETS = {
    "regions": "regions",
    "areas": "areas",
    "topics": "topics",
    "support-types": "support_types",
    "stages": "match_stages",
    "stakeholder-types": "stakeholder_types",
}
OPEN_NEED_KINDS = ("commitment", "request")


@dataclass
class Relations:
    """Indexes over a catalogue. Lists keep the catalogue's order (kind, then id)."""

    matches_of_pledge: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    involvement: dict[str, list[tuple[RecordKey, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_country: dict[str, list[tuple[RecordKey, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    facets: dict[str, dict[str, list[RecordKey]]] = field(default_factory=dict)
    practices_of_match: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    matches_of_practice: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _roles(record: Record) -> list[tuple[str, str]]:
    """(organization id, role) pairs a record names."""
    if isinstance(record, Pledge):
        return [(org, "pledging-entity") for org in record.entities]
    if isinstance(record, Match):
        pairs = [(org, "requesting") for org in record.requesting.entities]
        pairs += [(org, "supporting") for org in record.supporting.entities]
        pairs += [(org, "requesting-agency") for org in record.requesting.agencies]
        pairs += [(org, "supporting-agency") for org in record.supporting.agencies]
        return pairs
    if isinstance(record, GoodPractice):
        pairs = [(org, "shared-by") for org in record.shared_by]
        pairs += [(org, "stakeholder") for org in record.stakeholders]
        if record.submitted_by:
            pairs.append((record.submitted_by, "submitted-by"))
        return pairs
    if isinstance(record, Event):
        return [(org, "convener") for org in record.conveners]
    return []


def organizations_named(record: Record) -> list[str]:
    """The organizations a record names, each once, in the order it names them."""
    return list(dict.fromkeys(org for org, _ in _roles(record)))


def _country_roles(catalogue: Catalogue, kind: str, record: Record) -> list[tuple[str, str]]:
    """(country, role) pairs used by country pages."""
    if isinstance(record, Pledge):
        owners = {catalogue.organization_country(org) for org in record.entities}
        pairs = [(code, f"pledge-{record.kind}") for code in sorted(c for c in owners if c)]
        pairs += [(code, "pledge-concerned") for code in record.countries if code not in owners]
        return pairs
    if isinstance(record, Match):
        given = {catalogue.organization_country(org) for org in record.supporting.entities}
        received = {catalogue.organization_country(org) for org in record.requesting.entities}
        return [(code, "match-given") for code in sorted(c for c in given if c)] + [
            (code, "match-received") for code in sorted(c for c in received if c)
        ]
    if isinstance(record, GoodPractice):
        return [(code, "good-practice") for code in record.countries]
    if isinstance(record, Event):
        codes = dict.fromkeys(
            [*record.countries, *(catalogue.organization_country(o) for o in record.conveners)]
        )
        return [(code, "event") for code in codes if code]
    if isinstance(record, Organization):
        code = catalogue.organization_country(record.id)
        return [(code, "organization")] if code else []
    return []


def facet_values(catalogue: Catalogue, kind: str, record: Record) -> dict[str, list[str]]:
    """The browse facets' values of one record (ids), by facet."""
    values: dict[str, list[str]] = {"regions": catalogue.regions(kind, record)}
    for name, attribute in (
        ("areas", "areas"),
        ("topics", "topics"),
        ("support-types", "support_types"),
    ):
        values[name] = list(getattr(record, attribute, []))
    stage = getattr(record, "stage", None)
    values["stages"] = [stage] if stage else []
    values["stakeholder-types"] = [record.type] if isinstance(record, Organization) else []
    return values


@cache
def relations_for(catalogue: Catalogue) -> Relations:
    relations = Relations(facets={name: defaultdict(list) for name in FACETS})
    for kind, record in catalogue.all():
        key = (kind, record.id)
        for org, role in _roles(record):
            relations.involvement[org].append((key, role))
        for code, role in _country_roles(catalogue, kind, record):
            relations.by_country[code].append((key, role))
        for facet, values in facet_values(catalogue, kind, record).items():
            for value in values:
                relations.facets[facet][value].append(key)
        if isinstance(record, Organization) and record.part_of:
            relations.members[record.part_of].append(record.id)
        if isinstance(record, Match):
            for pledge in (*record.requesting.pledges, *record.supporting.pledges):
                relations.matches_of_pledge[pledge].append(record.id)
            for practice in record.good_practices:
                relations.practices_of_match[record.id].append(practice)
                relations.matches_of_practice[practice].append(record.id)
    return relations


def unmatched(catalogue: Catalogue) -> tuple[list[Pledge], list[Pledge]]:
    """Open needs (commitments and requests not fulfilled that no match answers) and offers
    that no match takes up: the gaps the Dialogue Platform wants visible."""
    relations = relations_for(catalogue)
    needs, offers = [], []
    for pledge in catalogue.pledges.values():
        if relations.matches_of_pledge.get(pledge.id) or pledge.stage == "fulfilled":
            continue
        if pledge.kind in OPEN_NEED_KINDS:
            needs.append(pledge)
        elif pledge.kind == "offer":
            offers.append(pledge)
    return needs, offers


def newest_first(items: Iterable[tuple[str, Record]]) -> list[tuple[str, Record]]:
    """(kind, record) pairs by last update, newest first (ties by kind and id, for stable
    pages and feeds)."""
    return sorted(items, key=lambda item: (-item[1].updated.toordinal(), item[0], item[1].id))


def latest(catalogue: Catalogue, count: int) -> list[tuple[str, Record]]:
    """The most recently updated records, newest first."""
    return newest_first(catalogue.all())[:count]


def last_change(catalogue: Catalogue) -> date:
    """The day the content last changed: the newest ``updated`` of all records (1970-01-01 for
    an empty catalogue), which dates builds and feeds instead of the clock."""
    return max((record.updated for _, record in catalogue.all()), default=date(1970, 1, 1))


def records_of_country(catalogue: Catalogue, code: str) -> list[tuple[str, Record]]:
    """Every record concerning a country (as on its country page), each once."""
    keys = dict.fromkeys(key for key, _ in relations_for(catalogue).by_country.get(code, []))
    return [(kind, catalogue.records[kind][record_id]) for kind, record_id in keys]


def events_by_workstream(catalogue: Catalogue) -> dict[str, list[Event]]:
    """The events of each workstream that has any, in the vocabulary's order."""
    return {
        workstream: events
        for workstream in vocabulary("workstreams").ids
        if (events := [e for e in catalogue.events.values() if workstream in e.workstreams])
    }


def split_events(catalogue: Catalogue, today: date) -> tuple[list[Event], list[Event]]:
    """Upcoming events (soonest first) and past ones (latest first), by their last session."""

    def last_day(event: Event) -> date:
        ends = [session.end or session.start for session in event.sessions]
        return max(end if type(end) is date else end.date() for end in ends)

    def first_day(event: Event) -> date:
        starts = [session.start for session in event.sessions]
        return min(s if type(s) is date else s.date() for s in starts)

    upcoming = sorted(
        (e for e in catalogue.events.values() if last_day(e) >= today),
        key=lambda e: (first_day(e), e.id),
    )
    past = sorted(
        (e for e in catalogue.events.values() if last_day(e) < today),
        key=lambda e: (-first_day(e).toordinal(), e.id),
    )
    return upcoming, past
