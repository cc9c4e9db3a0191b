"""What the data outputs share: records as data, what the portal derives from them, and files
whose bytes depend on the content only (no clock, no set order), so that builds repeat exactly.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.files import write_if_changed
from acsg.models import Event, Record
from acsg.relations import last_change, relations_for
from acsg.render.context import PageContext, record_path
from acsg.vocab import LANGUAGES


def write_file(site_dir: Path, location: str, data: bytes) -> Path:
    path = site_dir / location
    write_if_changed(path, data)
    return path


def json_bytes(value: Any) -> bytes:
    """JSON as published: UTF-8, keys in the order they were given (stable), without the
    spaces and line breaks of indentation (a fifth of the API's bytes at 10,000 records;
    browsers and tools lay it out to read)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def record_data(record: Record) -> dict[str, Any]:
    """A record as its YAML file gives it, valid against its kind's JSON Schema."""
    return record.model_dump(mode="json", exclude_none=True)


def start_of(day: date) -> datetime:
    """Midnight UTC of a day: records are dated by day, feeds and calendars want a time."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def page_urls(site_url: str, kind: str, record_id: str) -> dict[str, str]:
    """The addresses of a record's page in each language."""
    path = record_path(kind, record_id)
    return {
        lang: locations.absolute(site_url, locations.page_location(path, lang))
        for lang in LANGUAGES
    }


def context(catalogue: Catalogue, lang: str) -> PageContext:
    """Words, titles and labels in one language, as pages give them (not tied to a page)."""
    return PageContext(catalogue, relations_for(catalogue), lang, "index", last_change(catalogue))


def derived(catalogue: Catalogue, kind: str, record: Record, site_url: str) -> dict[str, Any]:
    """What the portal derives from a record and never stores in it: the countries and UNHCR
    regions it concerns, the addresses of its pages and of its data files."""
    values: dict[str, Any] = {
        "countries": catalogue.countries(kind, record),
        "regions": catalogue.regions(kind, record),
        "pages": page_urls(site_url, kind, record.id),
        "json": locations.absolute(site_url, locations.api_record(kind, record.id)),
    }
    if isinstance(record, Event):
        values["calendar"] = locations.absolute(site_url, locations.event_calendar(record.id))
    return values
