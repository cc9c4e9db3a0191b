"""Atom feeds of the latest updates, in each language: overall, per kind and per country.

Entries link to the record's page in the feed's language, with its title and summary in that
language (a title missing in it is given in its original, marked with ``xml:lang``). Entry ids
are tag: URIs that never change. Entries are ordered by the date of the thing itself (an event's
day, a pledge's year, a match's latest progress: ``relations.own_date``), which is each entry's
``published`` (the first day of a year or month; for a record without such a date, the day
it was added to the portal); ``updated`` is the day the portal's record last
changed, and a feed's ``updated`` the newest of those, so that the same content gives the same
bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.models import KINDS, Record
from acsg.outputs.common import context, page_urls, start_of, write_file
from acsg.relations import (
    last_change,
    newest_first,
    records_of_country,
    relations_for,
    sort_day,
)
from acsg.render.context import PageContext, country_path
from acsg.vocab import LANGUAGES

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TAG_AUTHORITY = "acsg-portal.org,2024"  # tag: URIs (RFC 4151): ids that outlive any address
FEED_SIZE = 50  # entries of a feed: the newest records
# A country's feed follows fewer records than a whole kind's: its newest 20 (250 country feeds
# in three languages, each entry about 600 bytes: 13 MB fewer at 10,000 records; issue 19).
COUNTRY_FEED_SIZE = 20


def entry_id(lang: str, kind: str, record_id: str) -> str:
    return f"tag:{TAG_AUTHORITY}:{lang}/{KINDS[kind].folder}/{record_id}"


def feed_id(lang: str, name: str) -> str:
    return f"tag:{TAG_AUTHORITY}:{lang}/feeds/{name}"


def _timestamp(day: date) -> str:
    return start_of(day).isoformat().replace("+00:00", "Z")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, media: str, lang: str | None = None) -> None:
    attributes = {"rel": rel, "href": href, "type": media}
    if lang:
        attributes["hreflang"] = lang
    _add(parent, "link", **attributes)


def _entry(feed: ET.Element, c: PageContext, kind: str, record: Record, site_url: str) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", entry_id(c.lang, kind, record.id))
    title, title_lang = c.title_text(kind, record)
    element = _add(entry, "title", title, type="text")
    if title_lang != c.lang:
        element.set(XML_LANG, title_lang)
    _link(entry, "alternate", page_urls(site_url, kind, record.id)[c.lang], "text/html", c.lang)
    json = locations.absolute(site_url, locations.api_record(kind, record.id))
    _link(entry, "related", json, "application/json")
    _add(entry, "published", _timestamp(sort_day(record)))
    _add(entry, "updated", _timestamp(record.updated))
    _add(entry, "summary", c.kind_label(kind, record.id), type="text")
    _add(entry, "category", term=kind)


def feed_bytes(
    c: PageContext,
    site_url: str,
    name: str,
    title: str,
    page: str,
    records: Iterable[tuple[str, Record]],
    subtitle: str = "",
    size: int = FEED_SIZE,
) -> bytes:
    """One feed of the ``size`` newest ``records``: ``name`` is its file name in feeds/,
    ``page`` the page it follows. Written without indentation, as the API's JSON."""
    entries = newest_first(records)[:size]
    # Atom as the default namespace, declared once; names are written unprefixed.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: c.lang})
    _add(feed, "id", feed_id(c.lang, name))
    portal = c._("Asylum Capacity Support Group")
    _add(feed, "title", c.named(portal, title), type="text")
    if subtitle:
        _add(feed, "subtitle", subtitle, type="text")
    here = locations.absolute(site_url, locations.feed(c.lang, name))
    _link(feed, "self", here, "application/atom+xml")
    home = locations.absolute(site_url, locations.page_location(page, c.lang))
    _link(feed, "alternate", home, "text/html", c.lang)
    newest = max((r.updated for _, r in entries), default=last_change(c.catalogue))
    _add(feed, "updated", _timestamp(newest))
    author = _add(feed, "author")
    _add(author, "name", portal)
    _add(author, "uri", locations.absolute(site_url, locations.page_location("index", c.lang)))
    _add(feed, "rights", c._("Content: CC BY 4.0, unless the source says otherwise; code: MIT."))
    for kind, record in entries:
        _entry(feed, c, kind, record, site_url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def write(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    written = []
    countries = sorted(relations_for(catalogue).by_country)
    for lang in LANGUAGES:
        c = context(catalogue, lang)
        # (file name, title, page followed, records, subtitle, entries) of each feed
        feeds: list[tuple[str, str, str, Iterable[tuple[str, Record]], str, int]] = [
            (
                locations.UPDATES_FEED,
                c._("Latest updates"),
                "index",
                catalogue.all(),
                c._(
                    "Needs, offers, matches, progress and good practices for national "
                    "asylum systems."
                ),
                FEED_SIZE,
            )
        ]
        for kind, spec in KINDS.items():
            of_kind = [(kind, record) for record in catalogue.records[kind].values()]
            feeds.append(
                (spec.folder, c.kind_title(kind), f"{spec.folder}/index", of_kind, "", FEED_SIZE)
            )
        for code in countries:
            feeds.append(
                (
                    locations.country_feed_name(code),
                    c.country(code),
                    country_path(code),
                    records_of_country(catalogue, code),
                    c._(
                        "Pledges, matches, good practices and events concerning %(country)s.",
                        country=c.country(code),
                    ),
                    COUNTRY_FEED_SIZE,
                )
            )
        for name, title, page, records, subtitle, size in feeds:
            data = feed_bytes(c, site_url, name, title, page, records, subtitle, size)
            written.append(write_file(site_dir, locations.feed(lang, name), data))
    return written
