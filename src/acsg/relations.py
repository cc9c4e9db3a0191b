"""What the catalogue says once records are put side by side: links both ways, facets, gaps.

Computed once per catalogue (``relations_for``) and shared by every language and output.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from acsg.catalogue import Catalogue
from acsg.fields import term_of, values_at
from acsg.models import KINDS, Event, Match, Organization, Pledge, Record, Timeframe, kind_of
from acsg.vocab import Vocabulary, regions, vocabulary

RecordKey = tuple[str, str]  # (kind, id)


def _facet_vocabularies() -> dict[str, Vocabulary]:
    """Browse facets (terms of ``facets``, in its order) -> the vocabulary of their values:
    regions, and the fields the kinds name in their ``facets``."""
    found = {"regions": regions().vocabulary}
    for kind in KINDS.values():
        for facet, name in kind.facets.items():
            found.setdefault(facet, term_of(kind.model, name).vocabulary)
    return {facet: found[facet] for facet in vocabulary("facets").ids if facet in found}


FACETS = _facet_vocabularies()
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
    # The records that name a record (a news story naming a pledge ...), by the record named.
    cited_by: dict[RecordKey, list[RecordKey]] = field(default_factory=lambda: defaultdict(list))


def _roles(kind: str, record: Record) -> list[tuple[str, str]]:
    """(organization id, role) pairs a record names."""
    return [
        (org, role)
        for path, role in KINDS[kind].roles.items()
        for _, org in values_at(record, path)
    ]


def organizations_named(record: Record) -> list[str]:
    """The organizations a record names, each once, in the order it names them."""
    return list(dict.fromkeys(org for org, _ in _roles(kind_of(record).name, record)))


def facet_values(catalogue: Catalogue, kind: str, record: Record) -> dict[str, list[str]]:
    """The browse facets' values of one record (ids), by facet."""
    values: dict[str, list[str]] = {facet: [] for facet in FACETS}
    values["regions"] = catalogue.regions(kind, record)
    for facet, name in KINDS[kind].facets.items():
        value = getattr(record, name)
        values[facet] = list(value) if isinstance(value, list) else [value] if value else []
    return values


# The newest catalogues only: `mkdocs serve` loads a new one at each edit, and keeping them all
# would hold every old catalogue in memory.
@lru_cache(maxsize=2)
def relations_for(catalogue: Catalogue) -> Relations:
    relations = Relations(facets={name: defaultdict(list) for name in FACETS})
    for kind, record in catalogue.all():
        key = (kind, record.id)
        for org, role in _roles(kind, record):
            relations.involvement[org].append((key, role))
        for code, role in KINDS[kind].country_roles(record, catalogue.organization_country):
            relations.by_country[code].append((key, role))
        for path, target in KINDS[kind].citations:
            for _, named in values_at(record, path):
                relations.cited_by[(target, named)].append(key)
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


def day_span(value: str) -> tuple[date, date] | None:
    """The first and last day a partial date covers (2021 -> 1 January to 31 December 2021);
    None for 'tbc' and 'ongoing'."""
    if value in ("tbc", "ongoing"):
        return None
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(
            parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]
        )
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def has_ended(timeframe: Timeframe | None, today: date) -> bool:
    """Whether a timeframe's end is a date before today ('ongoing', 'tbc' or none: not ended)."""
    span = day_span(timeframe.end) if timeframe and timeframe.end else None
    return span is not None and span[1] < today


def is_open(pledge: Pledge, today: date) -> bool:
    """A pledge still to be acted on: not fulfilled and its timeframe not ended."""
    return pledge.stage != "fulfilled" and not has_ended(pledge.timeframe, today)


def unmatched(catalogue: Catalogue, today: date) -> tuple[list[Pledge], list[Pledge]]:
    """Open commitments and requests that no match on the portal links, and open offers that
    no match links: the gaps the Dialogue Platform wants visible. Pledges whose kind is not
    stated are in neither list."""
    relations = relations_for(catalogue)
    needs, offers = [], []
    for pledge in catalogue.pledges.values():
        if relations.matches_of_pledge.get(pledge.id) or not is_open(pledge, today):
            continue
        if pledge.kind in OPEN_NEED_KINDS:
            needs.append(pledge)
        elif pledge.kind == "offer":
            offers.append(pledge)
    return needs, offers


def own_date(record: Record) -> str | None:
    """The date of the thing a record describes, as a partial date (2019, 2021-04,
    2021-04-14), not the day the portal's record changed: an event's first session, the
    latest progress update of a pledge or match, else a match's start or a pledge's year,
    a practice's source date or start, a news story's day (each kind says which). None when
    the record gives none."""
    return kind_of(record).own_date(record)


def sort_day(record: Record) -> date:
    """The day a record is ordered by in lists of the latest: its own date's first day, or
    for a record that has none (an organization), the day it was added to the portal."""
    value = own_date(record)
    span = day_span(value) if value else None
    return span[0] if span else record.created


def newest_first(items: Iterable[tuple[str, Record]]) -> list[tuple[str, Record]]:
    """(kind, record) pairs by their own date, newest first (ties by kind and id, for stable
    pages and feeds)."""
    return sorted(items, key=lambda item: (-sort_day(item[1]).toordinal(), item[0], item[1].id))


def latest(catalogue: Catalogue, count: int, today: date) -> list[tuple[str, str, Record]]:
    """The records whose own date is the most recent up to today, newest first, with that
    date: (own date, kind, record)."""
    dated = [
        (kind, record)
        for kind, record in catalogue.all()
        if (value := own_date(record)) and (span := day_span(value)) and span[0] <= today
    ]
    return [(own_date(record) or "", kind, record) for kind, record in newest_first(dated)[:count]]


@lru_cache(maxsize=2)  # asked for by every feed and data file: once per catalogue, as above
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
        return max(end.date() if isinstance(end, datetime) else end for end in ends)

    def first_day(event: Event) -> date:
        starts = [session.start for session in event.sessions]
        return min(s.date() if isinstance(s, datetime) else s for s in starts)

    upcoming = sorted(
        (e for e in catalogue.events.values() if last_day(e) >= today),
        key=lambda e: (first_day(e), e.id),
    )
    past = sorted(
        (e for e in catalogue.events.values() if last_day(e) < today),
        key=lambda e: (-first_day(e).toordinal(), e.id),
    )
    return upcoming, past
