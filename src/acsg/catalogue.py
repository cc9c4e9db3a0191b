"""The validated catalogue: every record of every kind, and what is derived from them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from acsg.models import (
    KINDS,
    Event,
    GoodPractice,
    Match,
    News,
    Organization,
    Pledge,
    Record,
    RosterEntry,
)
from acsg.vocab import country_name, region_of

R = TypeVar("R", bound=Record)


def _of_model(records: dict[str, Record], model: type[R]) -> dict[str, R]:
    """``records`` typed as what they are: instances of ``model``, or a TypeError."""
    typed = {key: record for key, record in records.items() if isinstance(record, model)}
    if len(typed) != len(records):
        raise TypeError(f"a record filed as {model.__name__} is not one")
    return typed


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per content load
class Catalogue:
    """All records by kind and id, with the file each came from (relative to ``root``)."""

    root: Path
    records: dict[str, dict[str, Record]]
    files: dict[tuple[str, str], str]

    # Typed views of ``records``, each checked once: every record filed under a kind is an
    # instance of that kind's model (``load_catalogue`` files them so).
    @cached_property
    def organizations(self) -> dict[str, Organization]:
        return _of_model(self.records["organization"], Organization)

    @cached_property
    def pledges(self) -> dict[str, Pledge]:
        return _of_model(self.records["pledge"], Pledge)

    @cached_property
    def matches(self) -> dict[str, Match]:
        return _of_model(self.records["match"], Match)

    @cached_property
    def good_practices(self) -> dict[str, GoodPractice]:
        return _of_model(self.records["good-practice"], GoodPractice)

    @cached_property
    def events(self) -> dict[str, Event]:
        return _of_model(self.records["event"], Event)

    @cached_property
    def news(self) -> dict[str, News]:
        return _of_model(self.records["news"], News)

    @cached_property
    def roster(self) -> dict[str, RosterEntry]:
        return _of_model(self.records["roster"], RosterEntry)

    def __len__(self) -> int:
        return sum(len(records) for records in self.records.values())

    def all(self) -> Iterator[tuple[str, Record]]:
        for kind in KINDS:
            for record in self.records[kind].values():
                yield kind, record

    def organization_country(self, org_id: str) -> str | None:
        """The country of an organization, or of the State or body it is part of."""
        seen: set[str] = set()
        org = self.organizations.get(org_id)
        while org is not None and org.id not in seen:
            if org.country:
                return org.country
            seen.add(org.id)
            org = self.organizations.get(org.part_of) if org.part_of else None
        return None

    def countries_of(self, org_ids: list[str]) -> list[str]:
        """The countries of some organizations, each once, in their order."""
        found = (self.organization_country(org) for org in org_ids)
        return list(dict.fromkeys(code for code in found if code))

    def organization_name(self, org_id: str, lang: str) -> str:
        """An organization's name in ``lang``: a State's from ISO 3166, others' from the record."""
        org = self.organizations[org_id]
        if org.name is None and org.country:
            return country_name(org.country, lang)
        assert org.name is not None  # guaranteed by validation
        return org.name.get(lang) or org.name.get(org.language) or org.id

    def countries(self, kind: str, record: Record) -> list[str]:
        """The countries a record concerns, as ISO alpha-3 codes (derived where not typed)."""
        found = KINDS[kind].countries(record, self.organization_country)
        return list(dict.fromkeys(code for code in found if code))

    def regions(self, kind: str, record: Record) -> list[str]:
        """UNHCR regional bureaux of a record, derived from its countries, never typed."""
        return sorted({region_of(code) for code in self.countries(kind, record)})
