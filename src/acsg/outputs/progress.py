"""An Atom feed of the progress updates of pledges and matches, in each language
(``[fr/|es/]feeds/progress.xml``), as the Progress page lists them: newest first.

Each entry is one update: titled "<record title>: <date>", linked to the record's page in the
feed's language, its content the update's text (its words, without Markup; in its original
language, marked with ``xml:lang``, where the feed's language has none). Entry ids are tag: URIs
made of the record and the update's day, which never change; ``published`` is the update's day,
``updated`` the day the portal's record last changed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.models import KINDS
from acsg.outputs.common import context, page_urls, write_file
from acsg.outputs.feeds import ATOM, FEED_SIZE, TAG_AUTHORITY, XML_LANG, feed_id
from acsg.outputs.feeds import _add as add
from acsg.outputs.feeds import _link as link
from acsg.outputs.feeds import _timestamp as timestamp
from acsg.progress import ProgressEntry, progress_entries
from acsg.relations import last_change
from acsg.render.context import PageContext
from acsg.search import plain_text
from acsg.vocab import LANGUAGES


def progress_entry_id(lang: str, entry: ProgressEntry) -> str:
    folder = KINDS[entry.kind].folder
    return f"tag:{TAG_AUTHORITY}:{lang}/{folder}/{entry.record.id}/updates/{entry.key}"


def _entry(feed: ET.Element, c: PageContext, entry: ProgressEntry, site_url: str) -> None:
    record = entry.record
    element = add(feed, "entry")
    add(element, "id", progress_entry_id(c.lang, entry))
    title, _ = c.title_text(entry.kind, record)
    heading = c._("%(title)s: %(date)s", title=title, date=c.day(entry.update.date))
    add(element, "title", heading, type="text")
    page = page_urls(site_url, entry.kind, record.id)[c.lang]
    link(element, "alternate", page, "text/html", c.lang)
    add(element, "published", timestamp(entry.update.date))
    add(element, "updated", timestamp(record.updated))
    summary = c.kind_label(entry.kind, record.id)
    if entry.update.stage:
        stages = "pledge_stages" if entry.kind == "pledge" else "match_stages"
        summary += " · " + c._("Stage: %(stage)s", stage=c.label(stages, entry.update.stage))
    add(element, "summary", summary, type="text")
    text, text_lang = c.shown(entry.update.text, record)
    content = add(element, "content", plain_text(text), type="text")
    if text_lang != c.lang:
        content.set(XML_LANG, text_lang)
    add(element, "category", term=entry.kind)


def feed_bytes(c: PageContext, site_url: str) -> bytes:
    entries = progress_entries(c.catalogue)[:FEED_SIZE]
    name = locations.PROGRESS_FEED
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: c.lang})
    add(feed, "id", feed_id(c.lang, name))
    portal = c._("Asylum Capacity Support Group")
    add(feed, "title", c.named(portal, c._("Progress")), type="text")
    add(
        feed,
        "subtitle",
        c._("The latest progress updates on the portal's pledges and matches, newest first."),
        type="text",
    )
    link(
        feed,
        "self",
        locations.absolute(site_url, locations.feed(c.lang, name)),
        "application/atom+xml",
    )
    page = locations.absolute(site_url, locations.page_location("progress/index", c.lang))
    link(feed, "alternate", page, "text/html", c.lang)
    newest = max((e.record.updated for e in entries), default=last_change(c.catalogue))
    add(feed, "updated", timestamp(newest))
    author = add(feed, "author")
    add(author, "name", portal)
    add(author, "uri", locations.absolute(site_url, locations.page_location("index", c.lang)))
    add(feed, "rights", c._("Content: CC BY 4.0, unless the source says otherwise; code: MIT."))
    for entry in entries:
        _entry(feed, c, entry, site_url)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def write(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    return [
        write_file(
            site_dir,
            locations.feed(lang, locations.PROGRESS_FEED),
            feed_bytes(context(catalogue, lang), site_url),
        )
        for lang in LANGUAGES
    ]
