"""Data outputs (JSON API, CSV + data package, iCalendar, Atom, sitemap) read back by the tools
people will use on them: jsonschema, frictionless, icalendar, feedparser, lxml, csv.

Most tests read ``write_outputs`` run into a temporary folder on the fictitious fixture content;
link tests read the real MkDocs build of the same content (the session's ``built`` site).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest
from conftest import (
    SITE_CONTENT,
    SITE_URL,
    aged,
    module_scope_but_per_test_under_mutmut,
    times,
)
from frictionless import validate
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from acsg.cli import main
from acsg.locations import absolute
from acsg.models import KINDS
from acsg.outputs import write_outputs
from acsg.outputs.tables import LIST_SEPARATOR, columns
from acsg.relations import last_change, relations_for
from acsg.render.build import pin_build_date
from acsg.schemas import schema_texts
from acsg.validation import load_catalogue

BASE = "https://example.org/acsg/"  # published under a sub-path: links must keep it
LANGS = {"en": "", "fr": "fr/", "es": "es/"}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope=module_scope_but_per_test_under_mutmut)
def catalogue():
    catalogue, problems = load_catalogue(SITE_CONTENT)
    assert problems == []
    return catalogue


@pytest.fixture(scope=module_scope_but_per_test_under_mutmut)
def out(catalogue, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("outputs")
    write_outputs(catalogue, folder, BASE)
    return folder


def _local(folder: Path, url: str, base: str = BASE) -> Path:
    """The file a published address points to."""
    assert url.startswith(base), url
    path = url[len(base) :]
    return folder / (path + "index.html" if path.endswith("/") or not path else path)


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _sessions(catalogue) -> int:
    return sum(len(event.sessions) for event in catalogue.events.values())


# --- JSON API ------------------------------------------------------------------------------------


def test_api_index_counts_every_kind_and_links_every_file(catalogue, out):
    index = _load(out / "api/v1/index.json")
    assert index["version"] == "1"
    assert index["updated"] == last_change(catalogue).isoformat() == "2024-07-01"
    assert index["counts"] == {kind: len(catalogue.records[kind]) for kind in KINDS}
    assert _local(out, index["openapi"]).is_file()
    for kind, links in index["kinds"].items():
        assert _local(out, links["records"]).is_file()
        assert (
            _local(out, links["schema"]).read_text(encoding="utf-8")
            == schema_texts()[f"{kind}.schema.json"]
        )
        for record_id in catalogue.records[kind]:
            assert _local(out, links["record"].replace("{id}", record_id)).is_file()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_record_file_is_the_record_and_valid_against_its_schema(catalogue, out, kind):
    schema = json.loads(schema_texts()[f"{kind}.schema.json"])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    folder = out / "api/v1" / KINDS[kind].folder
    assert sorted(p.stem for p in folder.glob("*.json")) == sorted(catalogue.records[kind])
    for record_id, record in catalogue.records[kind].items():
        data = _load(folder / f"{record_id}.json")
        validator.validate(data)
        assert data["id"] == record_id
        # The record as written: loading it again gives the same record, nothing derived added.
        assert type(record).model_validate_json(json.dumps(data)) == record
        assert not {"derived", "regions", "pages"} & set(data)


def _openapi_validator(out: Path, component: str) -> Draft202012Validator:
    """A validator for one OpenAPI component schema, resolving its references to the schemas
    published beside it (as a client reading the site would)."""
    document = out / "api/v1/openapi.json"

    def retrieve(uri: str):
        # The OpenAPI document names no $schema: its jsonSchemaDialect is 2020-12.
        return DRAFT202012.create_resource(_load(Path(uri.removeprefix("file://"))))

    registry = Registry(retrieve=retrieve)
    return Draft202012Validator(
        {"$ref": f"{document.as_uri()}#/components/schemas/{component}"},
        registry=registry,
        format_checker=FormatChecker(),
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_kind_files_hold_every_record_with_derived_data_beside_it(catalogue, out, kind):
    name = "".join(part.capitalize() for part in kind.split("-"))
    data = _load(out / f"api/v1/{KINDS[kind].folder}.json")
    _openapi_validator(out, f"{name}List").validate(data)
    assert data["count"] == len(catalogue.records[kind])
    assert [item["record"]["id"] for item in data["records"]] == list(catalogue.records[kind])
    for item in data["records"]:
        record = catalogue.records[kind][item["record"]["id"]]
        derived = item["derived"]
        assert derived["regions"] == catalogue.regions(kind, record)
        assert derived["countries"] == catalogue.countries(kind, record)
        assert _local(out, derived["json"]).is_file()
        folder = KINDS[kind].folder
        assert derived["pages"] == {
            lang: f"{BASE}{prefix}{folder}/{record.id}/" for lang, prefix in LANGS.items()
        }


def test_openapi_description_is_3_1_and_every_path_is_a_file(catalogue, out):
    spec = _load(out / "api/v1/openapi.json")
    assert re.fullmatch(r"3\.1\.\d+", spec["openapi"])
    assert spec["info"]["title"] and spec["info"]["version"] == "1"
    assert spec["info"]["license"]["identifier"] == "CC-BY-4.0"
    server = spec["servers"][0]["url"]
    assert server == f"{BASE}api/v1"
    for path, item in spec["paths"].items():
        assert item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        if "{id}" not in path:
            assert _local(out, server + path).is_file(), path
            continue
        kind = next(k for k, spec_ in KINDS.items() if path.startswith(f"/{spec_.folder}/"))
        assert item["get"]["parameters"][0]["name"] == "id"
        for record_id in catalogue.records[kind]:
            assert _local(out, server + path.replace("{id}", record_id)).is_file()
    for name, schema in spec["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        if set(schema) == {"$ref"}:  # a record kind: the schema published with the site
            assert (out / "api/v1" / schema["$ref"]).resolve().is_file(), name
    _openapi_validator(out, "Index").validate(_load(out / "api/v1/index.json"))


# --- CSV and data package ------------------------------------------------------------------------


def _rows(out: Path, kind: str) -> list[dict[str, str]]:
    with (out / "data" / f"{KINDS[kind].folder}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(cell: str) -> list[str]:
    return cell.split(LIST_SEPARATOR) if cell else []


@pytest.mark.parametrize("kind", list(KINDS))
def test_csv_has_a_header_and_one_row_per_record(catalogue, out, kind):
    rows = _rows(out, kind)
    assert [row["id"] for row in rows] == list(catalogue.records[kind])
    assert list(rows[0]) == [column.name for column in columns(kind)]
    for row in rows:
        record = catalogue.records[kind][row["id"]]
        assert row["updated"] == record.updated.isoformat()
        assert _split(row["sources"]) == record.sources
        assert _split(row["derived_regions"]) == catalogue.regions(kind, record)


def test_csv_flattens_texts_per_language_and_joins_lists(out):
    workshop = {row["id"]: row for row in _rows(out, "event")}["fixture-regional-workshop"]
    assert workshop["title_fr"] == "Fixture : atelier régional sur l'enregistrement"
    assert workshop["title_en"] == "Fixture: regional workshop on registration"
    assert workshop["title_es"] == ""
    assert workshop["workstreams"] == "technical-expertise | pledges-grf"
    # The n-th value of each session column belongs to the n-th session.
    assert workshop["sessions_start"] == "2025-06-10 | 2025-06-13T14:00:00Z"
    assert workshop["sessions_end"] == "2025-06-12 | 2025-06-13T15:30:00Z"
    assert workshop["sessions_format"] == "in-person | virtual"
    assert workshop["sessions_place_en"] == "Valletta | "
    assert workshop["sessions_timezone"] == ""
    match = _rows(out, "match")[0]
    assert match["requesting_entities"] == "utopia"
    assert match["milestones_reached"] == "true"
    assert match["timeframe_end"] == "tbc"


def test_data_package_is_valid_and_counts_every_record(catalogue, out):
    report = validate(str(out / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {KINDS[kind].folder: len(records) for kind, records in catalogue.records.items()}
    package = _load(out / "data/datapackage.json")
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"]
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["type"] and field["description"], field["name"]
    first = package["resources"][0]["schema"]["fields"][0]
    assert (first["name"], first["type"], first["constraints"]) == (
        "id",
        "string",
        {"required": True},
    )


# --- iCalendar -----------------------------------------------------------------------------------


def _calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_every_session_is_one_event_with_its_time_zone(catalogue, out):
    calendar = _calendar(out / "calendar/events.ics")
    events = calendar.walk("VEVENT")
    assert len(events) == _sessions(catalogue) == 4
    assert not calendar.walk("VALARM")
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert "fixture-global-meeting-2@acsg-portal" in uids
    declared = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    used = {
        event[name].params["TZID"]
        for event in events
        for name in ("DTSTART", "DTEND")
        if "TZID" in event[name].params
    }
    assert used == declared == {"Europe/Paris", "America/Mexico_City"}
    by_uid = {str(event["UID"]): event for event in events}
    paris = by_uid["fixture-global-meeting-1@acsg-portal"]
    assert paris["DTSTART"].dt == datetime(2030, 3, 30, 8, tzinfo=UTC)
    assert str(paris["DTSTART"].dt.tzinfo) == "Europe/Paris"
    # No time zone given: UTC.
    online = by_uid["fixture-regional-workshop-2@acsg-portal"]
    assert online["DTSTART"].dt == datetime(2025, 6, 13, 14, tzinfo=UTC)
    assert online["DTSTART"].dt.utcoffset() == timedelta(0)
    assert "TZID" not in online["DTSTART"].params
    # Given by days: whole days, DTEND the day after the last one.
    days = by_uid["fixture-regional-workshop-1@acsg-portal"]
    assert days["DTSTART"].params["VALUE"] == "DATE"
    assert (days["DTSTART"].dt, days["DTEND"].dt) == (date(2025, 6, 10), date(2025, 6, 13))
    assert str(days["LOCATION"]) == "Valletta"
    # Stamped with the record's last change, never with the build's time.
    assert days["DTSTAMP"].dt == datetime(2024, 7, 1, tzinfo=UTC)


def test_one_calendar_per_event_and_per_workstream(catalogue, out):
    for event in catalogue.events.values():
        calendar = _calendar(out / f"calendar/events/{event.id}.ics")
        assert len(calendar.walk("VEVENT")) == len(event.sessions)
    for workstream in ("technical-expertise", "engagement", "pledges-grf"):
        calendar = _calendar(out / f"calendar/workstreams/{workstream}.ics")
        expected = sum(
            len(e.sessions) for e in catalogue.events.values() if workstream in e.workstreams
        )
        assert len(calendar.walk("VEVENT")) == expected
    assert not (out / "calendar/workstreams/unhcr-strategy.ics").exists()  # no event yet


# --- Atom feeds ----------------------------------------------------------------------------------


def _feeds(site: Path) -> list[tuple[str, Path]]:
    found = []
    for lang, prefix in LANGS.items():
        found += [(lang, path) for path in sorted((site / prefix / "feeds").rglob("*.xml"))]
    return found


def test_feeds_exist_per_language_kind_and_country(catalogue, out):
    countries = sorted(relations_for(catalogue).by_country)
    for prefix in LANGS.values():
        names = {p.relative_to(out / prefix / "feeds").as_posix() for p in _feeds_in(out, prefix)}
        assert names == {
            "updates.xml",
            "progress.xml",
            *(f"{spec.folder}.xml" for spec in KINDS.values()),
            *(f"countries/{code.lower()}.xml" for code in countries),
        }


def _feeds_in(out: Path, prefix: str) -> list[Path]:
    return list((out / prefix / "feeds").rglob("*.xml"))


def test_feeds_follow_the_atom_rules(built):
    """lxml checks the elements RFC 4287 requires; feedparser reads them as a reader would."""
    site = built / "site1"
    feeds = _feeds(site)
    assert len(feeds) == 3 * (2 + len(KINDS) + 2)  # all, progress, each kind, two countries
    for lang, path in feeds:
        root = etree.parse(str(path)).getroot()
        assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == lang
        for name in ("id", "title", "updated", "author/{0}name"):
            assert root.find(ATOM + name.format(ATOM)) is not None, (path, name)
        entries = root.findall(f"{ATOM}entry")
        # Newest first by the date of the thing itself (published), not of the portal's record;
        # the feed changed when its newest entry did.
        stamps = [entry.findtext(f"{ATOM}published") for entry in entries]
        assert stamps == sorted(stamps, reverse=True)
        changed = [entry.findtext(f"{ATOM}updated") for entry in entries]
        assert root.findtext(f"{ATOM}updated") == max(changed, default="2024-07-01T00:00:00Z")
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert (entry.findtext(ATOM + name) or "").strip(), (path, name)
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            href = link.get("href")
            # The page in the feed's language, and it exists in the built site.
            assert href.startswith(SITE_URL + LANGS[lang]) and link.get("hreflang") == lang
            assert _local(site, href, SITE_URL).is_file(), href
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert len(parsed.entries) == len(entries)
        self_link = next(link for link in parsed.feed.links if link.rel == "self")
        assert _local(site, self_link.href, SITE_URL) == path


def test_feed_entries_speak_the_feed_language(out):
    def entries(lang: str) -> dict[str, feedparser.FeedParserDict]:
        parsed = feedparser.parse((out / LANGS[lang] / "feeds/updates.xml").read_bytes())
        return {entry.id.rsplit("/", 1)[1]: entry for entry in parsed.entries}

    french, spanish = entries("fr"), entries("es")
    assert french["utopia-registration-request"].title == (
        "Fixture : appui à l'enregistrement en Utopie"
    )
    assert french["utopia-registration-request"].summary.startswith("Demande d'appui")
    assert spanish["atlantis-offer"].summary.startswith("Oferta de apoyo")
    # No Spanish title: the original (English) one, marked as such.
    assert spanish["utopia-registration-request"].title_detail.language == "en"
    assert spanish["fixture-regional-workshop"].title_detail.language == "fr"
    assert spanish["atlantis-offer"].title_detail.language == "es"
    assert french["atlantis-offer"].updated == "2024-01-12T00:00:00Z"
    assert french["atlantis-offer"].id == "tag:acsg-portal.org,2024:fr/pledges/atlantis-offer"


def test_text_that_looks_like_markup_is_escaped_in_feeds(catalogue, out):
    # The fixture titles hold apostrophes and colons; a title with <, & must stay text too.
    from acsg.outputs.common import context
    from acsg.outputs.feeds import feed_bytes

    record = catalogue.pledges["atlantis-offer"]
    hostile = record.model_copy(
        update={"title": record.title.model_copy(update={"en": "A <b>bold</b> & 'odd' offer"})}
    )
    data = feed_bytes(
        context(catalogue, "en"), BASE, "test", "Test", "index", [("pledge", hostile)]
    )
    root = etree.fromstring(data)
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "A <b>bold</b> & 'odd' offer"
    assert root.find(f"{ATOM}entry/{ATOM}title/b") is None


# --- links from pages, sitemap, determinism ------------------------------------------------------


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


DATA_FILE = re.compile(r"\.(json|csv|ics|xml)$")


def test_every_link_from_a_page_to_a_data_file_leads_to_it(built):
    site = built / "site1"
    linked: set[Path] = set()
    for page in site.rglob("*.html"):
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if DATA_FILE.search(href) and not href.startswith(("http:", "https:")):
                target = (page.parent / href).resolve()
                assert target.is_file(), f"{page.relative_to(site)} -> {href}"
                linked.add(target)
    expected = {
        "api/v1/index.json",
        "api/v1/openapi.json",
        "api/v1/pledges.json",
        "api/v1/pledges/atlantis-offer.json",
        "data/events.csv",
        "data/datapackage.json",
        "calendar/events.ics",
        "calendar/events/fixture-regional-workshop.ics",
        "calendar/workstreams/technical-expertise.ics",
        "schemas/match.schema.json",
        "feeds/updates.xml",
        "fr/feeds/countries/isl.xml",
        "es/feeds/good-practices.xml",
        "sitemap.xml",
    }
    assert {(site / name).resolve() for name in expected} <= linked


@pytest.mark.parametrize("lang", list(LANGS))
def test_data_page_and_listings_link_their_files_in_the_page_language(built, lang):
    site = built / "site1" / LANGS[lang]
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feeds/updates.xml"' in data_page
    assert "CC BY 4.0" in data_page
    assert " | " in data_page  # the list separator is stated
    listing = (site / "pledges" / "index.html").read_text(encoding="utf-8")
    depth = "../" * (2 if lang != "en" else 1)
    assert f'href="{depth}data/pledges.csv"' in listing
    assert 'href="../feeds/pledges.xml"' in listing
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home


def test_sitemap_is_dated_by_the_content_not_the_clock(built):
    """The sitemap index and its parts are the same bytes in both builds (started with other
    SOURCE_DATE_EPOCH values), every page dated by the content's newest update."""
    first, second = built / "site1", built / "site2"
    assert (first / "sitemap.xml").read_bytes() == (second / "sitemap.xml").read_bytes()
    parts = sorted((first / "sitemaps").glob("*.xml.gz"))
    assert parts
    for part in parts:
        assert part.read_bytes() == (second / "sitemaps" / part.name).read_bytes(), part.name
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    roots = [etree.fromstring(gzip.decompress(part.read_bytes())) for part in parts]
    dates = {node.text for root in roots for node in root.iterfind("s:url/s:lastmod", ns)}
    assert dates == {"2024-07-01"}
    locs = {node.text for root in roots for node in root.iterfind("s:url/s:loc", ns)}
    assert {f"{SITE_URL}data/", f"{SITE_URL}fr/data/", f"{SITE_URL}es/data/"} <= locs


def test_build_date_is_the_newest_update(catalogue, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # restored after the test
    epoch = pin_build_date(catalogue)
    assert os.environ["SOURCE_DATE_EPOCH"] == str(epoch)
    assert datetime.fromtimestamp(epoch, UTC) == datetime(2024, 7, 1, tzinfo=UTC)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_same_content_gives_the_same_bytes(catalogue, out, tmp_path):
    again, _ = load_catalogue(SITE_CONTENT)  # another load: nothing cached is shared
    written = write_outputs(again, tmp_path, BASE)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(_files(out))
    assert _files(tmp_path) == _files(out)


def test_writing_the_outputs_again_leaves_unchanged_files_alone(catalogue, tmp_path):
    write_outputs(catalogue, tmp_path, BASE)
    before = aged(tmp_path)
    write_outputs(catalogue, tmp_path, BASE)
    assert times(tmp_path) == before


def test_acsg_export_writes_every_output_without_mkdocs(out, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ACSG_CONTENT", str(SITE_CONTENT))
    assert main(["export", str(tmp_path / "export"), "--site-url", BASE]) == 0
    assert _files(tmp_path / "export") == _files(out)
    assert f"{len(_files(out))} data files" in capsys.readouterr().out


def test_addresses_keep_the_site_path_with_or_without_its_final_slash():
    for site_url in ("https://example.org/acsg", "https://example.org/acsg/"):
        assert absolute(site_url, "feeds/updates.xml") == f"{BASE}feeds/updates.xml"
    assert absolute("", "feeds/updates.xml") == "/feeds/updates.xml"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(catalogue, tmp_path, start):
    formula = start + 'HYPERLINK("https://evil.example","Click")'
    pledge = catalogue.pledges["atlantis-offer"]
    hostile = pledge.model_copy(
        update={
            "title": pledge.title.model_copy(update={"en": formula}),
            "sources": [pledge.sources[0]],
        }
    )
    records = {kind: dict(items) for kind, items in catalogue.records.items()}
    records["pledge"]["atlantis-offer"] = hostile
    changed = type(catalogue)(catalogue.root, records, catalogue.files)
    write_outputs(changed, tmp_path, BASE)
    row = {row["id"]: row for row in _rows(tmp_path, "pledge")}["atlantis-offer"]
    assert row["title_en"] == "'" + formula  # read as text by spreadsheets
    assert row["title_fr"] == pledge.title.fr  # other cells unchanged
    api = _load(tmp_path / "api/v1/pledges/atlantis-offer.json")
    assert api["title"]["en"] == formula  # JSON keeps the value as it is


# --- what the entries say, read back and followed to the page they point at -------------------


def _heading(page: Path) -> str:
    root = etree.parse(str(page), etree.HTMLParser()).getroot()
    return " ".join("".join(root.find(".//article//h1").itertext()).split())


def test_calendar_entries_name_describe_and_link_their_event(built):
    site = built / "site1"
    calendar = _calendar(site / "calendar/events.ics")
    by_uid = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    meeting = [by_uid[f"fixture-global-meeting-{n}@acsg-portal"] for n in (1, 2)]
    # Two sessions: numbered, in the language the calendar gives (English, the default).
    assert [str(event["SUMMARY"]) for event in meeting] == [
        "Fixture: global meeting (1/2)",
        "Fixture: global meeting (2/2)",
    ]
    assert meeting[0]["SUMMARY"].params["LANGUAGE"] == "en"
    workshop = by_uid["fixture-regional-workshop-1@acsg-portal"]
    assert str(workshop["SUMMARY"]) == "Fixture: regional workshop on registration (1/2)"
    # No English description: the French one, said to be French, then the page's address.
    page_url = f"{SITE_URL}events/fixture-regional-workshop/"
    assert str(workshop["DESCRIPTION"]) == (
        "Trois jours d'échanges entre autorités d'asile, puis une séance en ligne.\n\n" + page_url
    )
    assert workshop["DESCRIPTION"].params["LANGUAGE"] == "fr"
    for event in [*meeting, workshop]:
        page = _local(site, str(event["URL"]), SITE_URL)
        assert page.is_file(), event["URL"]
        assert _heading(page) == str(event["SUMMARY"]).rsplit(" (", 1)[0]


def test_progress_feed_entries_link_built_record_pages_newest_first(built):
    site = built / "site1"
    for prefix in LANGS.values():
        parsed = feedparser.parse((site / prefix / "feeds/progress.xml").read_bytes())
        assert not parsed.bozo and parsed.entries
        published = [entry.published for entry in parsed.entries]
        assert published == sorted(published, reverse=True)
        for entry in parsed.entries:
            page = _local(site, entry.link, SITE_URL)
            assert page.is_file() and entry.link.startswith(SITE_URL + prefix), entry.link
            assert entry.title.startswith(_heading(page)), (entry.title, _heading(page))
        home = next(link for link in parsed.feed.links if link.rel == "alternate")
        assert _local(site, home.href, SITE_URL).is_file(), home.href


def test_atom_entries_are_titled_and_linked_like_their_pages(built):
    site = built / "site1"
    for lang, prefix in LANGS.items():
        parsed = feedparser.parse((site / prefix / "feeds/updates.xml").read_bytes())
        assert parsed.entries
        for entry in parsed.entries:
            page = _local(site, entry.link, SITE_URL)
            assert page.is_file(), entry.link
            assert _heading(page) == " ".join(entry.title.split()), (lang, entry.link)
            assert entry.link.startswith(SITE_URL + prefix)
    french = feedparser.parse((site / "fr/feeds/updates.xml").read_bytes())
    request = next(e for e in french.entries if e.id.endswith("/utopia-registration-request"))
    assert request.title == "Fixture : appui à l'enregistrement en Utopie"
    assert request.summary.startswith("Demande d'appui")
    assert request.published.startswith("2024-06-01")  # its latest progress update


def test_a_known_record_reads_back_from_its_csv_row(out):
    row = {r["id"]: r for r in _rows(out, "pledge")}["utopia-registration-request"]
    assert (row["title_en"], row["title_fr"], row["title_es"]) == (
        "Fixture: support for registration in Utopia",
        "Fixture : appui à l'enregistrement en Utopie",
        "",
    )
    assert row["description_en"].startswith("Utopia asks for **technical support**")
    assert (row["kind"], row["entities"], row["stage"], row["year"]) == (
        "request",
        "utopia",
        "in-progress",
        "2023",
    )
    assert row["updates_date"] == "2024-03-01 | 2024-06-01"
    assert row["updates_stage"] == "planning | in-progress"


def test_a_country_feed_holds_its_20_newest_records_and_a_kind_feed_its_50(tmp_path):
    """Issue 19: a country's feed follows that country's newest 20 records, a whole kind's feed
    its newest 50 (on 400 fictitious demo records: countries and kinds with more than that),
    read back with feedparser, newest first."""
    from acsg.outputs import feeds as feeds_module
    from acsg.relations import newest_first, records_of_country

    assert main(["demo-data", "400", str(tmp_path / "content")]) == 0
    catalogue, problems = load_catalogue(tmp_path / "content")
    assert not [p for p in problems if p.level == "error"]
    feeds_module.write(catalogue, tmp_path / "site", SITE_URL)
    code, records = max(
        (
            (code, records_of_country(catalogue, code))
            for code in relations_for(catalogue).by_country
        ),
        key=lambda pair: len(list(pair[1])),
    )
    records = list(records)
    assert len(records) > 20, code
    parsed = feedparser.parse(tmp_path / "site" / "feeds" / "countries" / f"{code.lower()}.xml")
    newest = [record.id for _, record in newest_first(records)[:20]]
    assert [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in parsed.entries] == newest
    pledges = catalogue.records["pledge"]
    assert len(pledges) > 50
    parsed = feedparser.parse(tmp_path / "site" / "fr" / "feeds" / "pledges.xml")
    newest = [r.id for _, r in newest_first(("pledge", r) for r in pledges.values())[:50]]
    assert [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in parsed.entries] == newest
