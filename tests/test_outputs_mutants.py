"""The data files as people download them, for what mutation testing (make mutation) found
untested: readable JSON (UTF-8, indented, accents as written), records without empty fields,
an event's data naming its calendar file, and calendar entries as calendar programs show
them."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
from conftest import SITE_CONTENT, approved, module_scope_but_per_test_under_mutmut, with_records
from jsonschema import Draft202012Validator
from lxml import etree
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from acsg.matching import points_table
from acsg.models import Timeframe
from acsg.outputs import write_outputs
from acsg.outputs.tables import columns
from acsg.relations import records_of_country
from acsg.render.build import build_date
from acsg.validation import load_catalogue
from acsg.vocab import vocabulary

BASE = "https://example.org/acsg/"


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


def _nulls(value: Any, where: str = "") -> list[str]:
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _nulls(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _nulls(item, f"{where}[{i}]")]
    return []


def test_json_files_are_compact_utf8_with_accents_as_written(out) -> None:
    files = sorted((out / "api/v1").rglob("*.json"))
    assert files
    accents = 0
    for path in files:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert "\\u00" not in text, path  # "é", not "\u00e9"
        accents += any(ord(char) > 127 for char in text)
        # One line, then one line break: no indentation (a fifth of the bytes at 10,000 records).
        assert text.count("\n") == 1 and text.endswith(("}\n", "]\n")), path
        assert '", "' not in text and '": ' not in text.replace('\\"', ""), path
    assert accents  # the fixture content has accented text: it is shown as written


def test_record_files_hold_the_fields_a_record_has_and_no_empty_ones(out) -> None:
    paths = sorted((out / "api/v1").glob("*/*.json"))
    assert paths
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert _nulls(data) == [], path


def test_an_events_derived_data_names_its_calendar_file(catalogue, out) -> None:
    events = json.loads((out / "api/v1/events.json").read_text(encoding="utf-8"))["records"]
    assert len(events) == len(catalogue.events) > 0
    for item in events:
        address = item["derived"]["calendar"]
        assert address == f"{BASE}calendar/events/{item['record']['id']}.ics"
        assert (out / address.removeprefix(BASE)).is_file()


def _calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_calendar_entries_are_named_dated_described_and_linked(out) -> None:
    # What tests/test_outputs.py checks on the built site (a slow test), on the files alone.
    calendar = _calendar(out / "calendar/events.ics")
    by_uid = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    meeting = [by_uid[f"fixture-global-meeting-{n}@acsg-portal"] for n in (1, 2)]
    assert [str(event["SUMMARY"]) for event in meeting] == [
        "Fixture: global meeting (1/2)",
        "Fixture: global meeting (2/2)",
    ]
    assert meeting[0]["SUMMARY"].params["LANGUAGE"] == "en"
    meeting_page = f"{BASE}events/fixture-global-meeting/"
    assert str(meeting[0]["URL"]) == meeting_page
    # No description: the page's address alone.
    assert str(meeting[0]["DESCRIPTION"]) == meeting_page
    # Times in the session's own zone, start and end.
    assert meeting[0]["DTEND"].dt == datetime(2030, 3, 30, 10, tzinfo=UTC)
    assert str(meeting[0]["DTEND"].dt.tzinfo) == "Europe/Paris"
    assert (
        meeting[0]["CREATED"].dt
        == meeting[0]["LAST-MODIFIED"].dt
        == datetime(2024, 1, 20, tzinfo=UTC)
    )
    workshop = by_uid["fixture-regional-workshop-1@acsg-portal"]
    assert str(workshop["SUMMARY"]) == "Fixture: regional workshop on registration (1/2)"
    # No English description: the French one, said to be French, then the page's address.
    assert str(workshop["DESCRIPTION"]).startswith("Trois jours d'échanges")
    assert str(workshop["DESCRIPTION"]).endswith(f"\n\n{BASE}events/fixture-regional-workshop/")
    assert workshop["DESCRIPTION"].params["LANGUAGE"] == "fr"
    assert workshop["CREATED"].dt == datetime(2024, 6, 10, tzinfo=UTC)
    assert workshop["LAST-MODIFIED"].dt == datetime(2024, 7, 1, tzinfo=UTC)


def test_single_and_open_ended_sessions_and_places_in_the_original_language(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    meeting = content / "events/fixture-global-meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    second = text[text.index("  - start: 2030-03-30T16:00") : text.index("interpretation:")]
    meeting.write_text(text.replace(second, ""), encoding="utf-8")
    workshop = content / "events/fixture-regional-workshop.yaml"
    text = workshop.read_text(encoding="utf-8")
    text = text.replace('place: {fr: "La Valette", en: "Valletta"}', 'place: {fr: "La Valette"}')
    text = text.replace(
        "  - start: 2025-06-13T14:00:00+00:00\n    end: 2025-06-13T15:30:00+00:00\n",
        "  - start: 2025-06-13T16:00:00+02:00\n    timezone: Europe/Paris\n",
    )
    workshop.write_text(text, encoding="utf-8")
    catalogue, problems = load_catalogue(content)
    assert problems == []
    write_outputs(catalogue, tmp_path / "site", BASE)
    calendar = _calendar(tmp_path / "site/calendar/events.ics")
    by_uid = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    # One session: the event's title alone.
    assert str(by_uid["fixture-global-meeting-1@acsg-portal"]["SUMMARY"]) == (
        "Fixture: global meeting"
    )
    # No end: a start alone, in the session's zone.
    open_ended = by_uid["fixture-regional-workshop-2@acsg-portal"]
    assert "DTEND" not in open_ended
    assert open_ended["DTSTART"].dt == datetime(2025, 6, 13, 14, tzinfo=UTC)
    assert str(open_ended["DTSTART"].dt.tzinfo) == "Europe/Paris"
    # A place given in the record's language only: shown in it, said to be in it.
    days = by_uid["fixture-regional-workshop-1@acsg-portal"]
    assert str(days["LOCATION"]) == "La Valette"
    assert days["LOCATION"].params["LANGUAGE"] == "fr"


def test_calendar_files_say_what_they_are_and_are_named(catalogue, out) -> None:
    files = {out / "calendar/events.ics": "ACSG: Events"}
    for event in catalogue.events.values():
        files[out / f"calendar/events/{event.id}.ics"] = str(event.title.en)
    workstream = vocabulary("workstreams").label("engagement", "en")
    files[out / "calendar/workstreams/engagement.ics"] = f"ACSG: {workstream}"
    for path, name in files.items():
        calendar = _calendar(path)
        assert str(calendar["VERSION"]) == "2.0", path
        assert str(calendar["PRODID"]) == "-//ACSG portal//Events//EN", path
        # Enumerated values are case-insensitive (RFC 5545).
        assert str(calendar["CALSCALE"]).upper() == "GREGORIAN", path
        assert str(calendar["METHOD"]).upper() == "PUBLISH", path
        assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == name, path
    for event in _calendar(out / "calendar/events.ics").walk("VEVENT"):
        kind = "Dialogue Platform global meeting" if "global" in str(event["UID"]) else None
        if kind:
            assert [str(c) for c in event["CATEGORIES"].cats] == [kind]
        else:
            assert len(event["CATEGORIES"].cats) == 1


def _transitions(zone: icalendar.Timezone) -> list[datetime]:
    found = []
    for part in zone.subcomponents:
        found.append(part["DTSTART"].dt)
        rdates = part.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            found += [value.dt for value in rdate.dts]
    return found


@pytest.mark.parametrize(
    ("file", "years"),
    [("events.ics", (2025, 2030)), ("events/fixture-global-meeting.ics", (2030, 2030))],
)
def test_time_zone_definitions_cover_the_years_of_the_sessions(out, file, years) -> None:
    # Calendar programs that do not know a zone read its definition from the file: it must
    # hold the summer-time changes of every year with a session, from January 1 of the first.
    first, last = years
    zone = next(
        z
        for z in _calendar(out / "calendar" / file).walk("VTIMEZONE")
        if z["TZID"] == "Europe/Paris"
    )
    changes = _transitions(zone)
    assert min(changes) <= datetime(first, 1, 1)
    covered = {change.year for change in changes if change.month == 3}
    assert set(range(first, last + 1)) <= covered


def test_a_site_without_events_has_an_empty_events_calendar(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITE_CONTENT, content)
    for path in (content / "events").glob("*.yaml"):
        path.unlink()
    for path in (content / "news").glob("*.yaml"):  # a story about an event names it
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("events:")]
        path.write_text("".join(kept), encoding="utf-8")
    catalogue, problems = load_catalogue(content)
    assert problems == []
    write_outputs(catalogue, tmp_path / "site", BASE)
    calendar = _calendar(tmp_path / "site/calendar/events.ics")
    assert calendar.walk("VEVENT") == [] == calendar.walk("VTIMEZONE")


ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFIX = {"en": "", "fr": "fr/", "es": "es/"}


@pytest.mark.parametrize("lang", list(PREFIX))
def test_feeds_follow_the_atom_rules_and_link_their_files(catalogue, out, lang) -> None:
    # What tests/test_outputs.py checks on the built site (a slow test), on the files alone.
    feeds = sorted((out / PREFIX[lang] / "feeds").rglob("*.xml"))
    assert feeds
    titles = {}
    for path in feeds:
        name = path.relative_to(out / PREFIX[lang] / "feeds").as_posix()
        raw = path.read_bytes()
        assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed")
        root = etree.fromstring(raw)
        assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == lang
        assert root.findtext(f"{ATOM}id") == f"tag:acsg-portal.org,2024:{lang}/feeds/{name[:-4]}"
        title = root.find(f"{ATOM}title")
        assert title.get("type") == "text"
        titles[name] = title.text
        subtitle = root.find(f"{ATOM}subtitle")
        if name in ("updates.xml", "progress.xml") or name.startswith("countries/"):
            assert subtitle.text.strip() and subtitle.get("type") == "text", name
        else:
            assert subtitle is None, name
        # "<the portal>: <what it follows>", the colon as the language writes it
        colon = "\u202f: " if lang == "fr" else ": "
        assert title.text.startswith(root.findtext(f"{ATOM}author/{ATOM}name") + colon), name
        assert root.findtext(f"{ATOM}author/{ATOM}uri") == f"{BASE}{PREFIX[lang]}"
        assert "CC BY 4.0" in root.findtext(f"{ATOM}rights")
        links = {link.get("rel"): link for link in root.findall(f"{ATOM}link")}
        assert links["self"].get("href") == f"{BASE}{PREFIX[lang]}feeds/{name}"
        assert links["self"].get("type") == "application/atom+xml"
        assert links["alternate"].get("type") == "text/html"
        assert links["alternate"].get("hreflang") == lang
        assert links["alternate"].get("href").startswith(f"{BASE}{PREFIX[lang]}")
        entries = root.findall(f"{ATOM}entry")
        stamps = [entry.findtext(f"{ATOM}published") for entry in entries]
        assert stamps == sorted(stamps, reverse=True)
        changed = [entry.findtext(f"{ATOM}updated") for entry in entries]
        assert root.findtext(f"{ATOM}updated") == max(changed, default="2024-07-01T00:00:00Z")
        if name == "progress.xml":
            continue  # its entries are progress updates (tests/test_progress.py), not records
        for entry in entries:
            record_id = entry.findtext(f"{ATOM}id").rsplit("/", 1)[1]
            kind = entry.find(f"{ATOM}category").get("term")
            record = catalogue.records[kind][record_id]
            folder = entry.findtext(f"{ATOM}id").split("/")[-2]
            assert entry.findtext(f"{ATOM}id") == (
                f"tag:acsg-portal.org,2024:{lang}/{folder}/{record_id}"
            )
            assert entry.find(f"{ATOM}title").get("type") == "text"
            assert entry.find(f"{ATOM}summary").get("type") == "text"
            assert entry.findtext(f"{ATOM}summary").strip()
            assert entry.findtext(f"{ATOM}updated") == f"{record.updated.isoformat()}T00:00:00Z"
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}published"))
            page = entry.find(f"{ATOM}link[@rel='alternate']")
            assert page.get("href") == f"{BASE}{PREFIX[lang]}{folder}/{record_id}/"
            assert (page.get("type"), page.get("hreflang")) == ("text/html", lang)
            data = entry.find(f"{ATOM}link[@rel='related']")
            assert data.get("type") == "application/json" and data.get("hreflang") is None
            assert data.get("href") == f"{BASE}api/v1/{folder}/{record_id}.json"
            assert (out / data.get("href").removeprefix(BASE)).is_file()
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert len(parsed.entries) == len(entries)
    portal = titles["updates.xml"].split(": ")[0]
    assert titles["events.xml"].startswith(f"{portal}: ")
    assert len(set(titles.values())) == len(titles)


def test_the_english_updates_feed_is_titled_and_licensed_in_words(out) -> None:
    root = etree.parse(str(out / "feeds/updates.xml")).getroot()
    assert root.findtext(f"{ATOM}title") == "Asylum Capacity Support Group: Latest updates"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Asylum Capacity Support Group"
    assert root.findtext(f"{ATOM}rights") == (
        "Content: CC BY 4.0, unless the source says otherwise; code: MIT."
    )


def test_csv_cells_write_true_and_false_in_words() -> None:
    column = next(column for column in columns("pledge") if column.name == "grf_pledge")
    assert column.cell({"grf_pledge": True}) == "true"
    assert column.cell({"grf_pledge": False}) == "false"
    assert column.cell({}) == ""


def _fields(out: Path, resource: str) -> dict[str, dict[str, Any]]:
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    found = next(r for r in package["resources"] if r["name"] == resource)
    return {field["name"]: field for field in found["schema"]["fields"]}


def test_the_data_package_describes_texts_parts_and_derived_columns(out) -> None:
    events, pledges = _fields(out, "events"), _fields(out, "pledges")
    # Texts, per language, said to be one line or Markdown; parts named after their holder.
    assert pledges["title_en"]["description"] == "Title, in English (one line)"
    assert pledges["description_fr"]["description"] == "Description, in French (Markdown)"
    assert events["sessions_place_es"]["description"].startswith(
        "Sessions: Place, in Spanish (one line). One value per item, values joined with "
    )
    assert events["sessions_start"]["description"].startswith("Sessions: Start. One value")
    # A field with no description is named after the field.
    assert pledges["quality_dimensions"]["description"].startswith("Quality dimensions. A ")
    assert pledges["grf_pledge"]["type"] == "boolean"
    assert "constraints" not in pledges["grf_pledge"]
    assert pledges["derived_countries"]["description"].startswith(
        "Derived: ISO 3166-1 alpha-3 codes of the countries the record concerns"
    )
    assert events["calendar"]["description"] == "Derived: the event in iCalendar"
    assert events["page_es"]["description"] == "Derived: the record's page in Spanish"
    assert events["json"]["description"] == "Derived: the record in JSON"
    # What a field's type says of its values follows what its own description says.
    assert pledges["entities"]["description"].startswith(
        "Pledging entities (joint pledges). Id of an organization in content/organizations/."
    )


def test_csv_rows_hold_what_the_portal_derives(catalogue, out) -> None:
    with (out / "data/pledges.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    for record_id, record in catalogue.pledges.items():
        row = rows[record_id]
        assert row["derived_countries"] == " | ".join(catalogue.countries("pledge", record))
        assert row["derived_regions"] == " | ".join(catalogue.regions("pledge", record))
        assert row["page_fr"] == f"{BASE}fr/pledges/{record_id}/"
        assert row["json"] == f"{BASE}api/v1/pledges/{record_id}.json"
    with (out / "data/events.csv").open(encoding="utf-8", newline="") as handle:
        events = list(csv.DictReader(handle))
    assert events
    for row in events:
        assert row["calendar"] == f"{BASE}calendar/events/{row['id']}.ics"


def test_the_data_package_says_what_each_table_is_and_where_it_comes_from(catalogue, out) -> None:
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "acsg-portal"
    assert package["title"] == "ACSG portal: open data"
    assert package["description"].startswith("Requests for and offers of support")
    assert package["homepage"] == BASE
    assert package["version"] == "2024-07-01"
    assert package["created"] == "2024-07-01T00:00:00Z"
    [licence] = package["licenses"]
    assert licence["name"] == "CC-BY-4.0"
    assert licence["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert licence["title"].endswith(", unless the source says otherwise")
    assert package["sources"][0]["path"] == BASE
    assert package["sources"][0]["title"].startswith("ACSG portal records")
    assert [s["title"] for s in package["sources"][1:]] == (
        ["UNHCR regional bureaux (derived regions)"] * (len(package["sources"]) - 1)
    )
    assert all(s["path"].startswith("https://") for s in package["sources"][1:])
    assert len(package["resources"]) == len(catalogue.records)
    for resource, records in zip(package["resources"], catalogue.records.values(), strict=True):
        data = (out / "data" / resource["path"]).read_bytes()
        folder = resource["name"]
        assert resource["path"] == f"{folder}.csv"
        assert resource["title"] == f"ACSG portal: {folder.replace('-', ' ')}"
        assert resource["description"].endswith(
            f" record of the portal, one a row ({len(records)} rows)."
        )
        assert (resource["profile"], resource["format"]) == ("tabular-data-resource", "csv")
        assert (resource["mediatype"], resource["encoding"]) == ("text/csv", "utf-8")
        assert resource["bytes"] == len(data)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["schema"]["primaryKey"] == ["id"]
        assert resource["schema"]["missingValues"] == [""]
    titles = {r["name"]: r["title"] for r in package["resources"]}
    assert titles["good-practices"] == "ACSG portal: good practices"


def _component(out: Path, name: str) -> Draft202012Validator:
    """A validator for one OpenAPI component schema, its references resolved as a client
    reading the site would (the record schemas published beside the document)."""
    document = out / "api/v1/openapi.json"

    def retrieve(uri: str):
        return DRAFT202012.create_resource(
            json.loads(Path(uri.removeprefix("file://")).read_text(encoding="utf-8"))
        )

    return Draft202012Validator(
        {"$ref": f"{document.as_uri()}#/components/schemas/{name}"},
        registry=Registry(retrieve=retrieve),
    )


def test_the_openapi_schemas_refuse_what_the_files_never_hold(out) -> None:
    listing = json.loads((out / "api/v1/pledges.json").read_text(encoding="utf-8"))
    assert listing["schema"] == f"{BASE}schemas/pledge.schema.json"
    item = listing["records"][0]
    derived = _component(out, "Derived")
    assert derived.is_valid(item["derived"])
    refused = [
        {**item["derived"], "extra": "x"},
        {key: value for key, value in item["derived"].items() if key != "json"},
        {**item["derived"], "countries": "FRA"},
        {**item["derived"], "countries": [1]},
        {**item["derived"], "json": 1},
        {**item["derived"], "pages": {**item["derived"]["pages"], "de": "x"}},
    ]
    for value in refused:
        assert not derived.is_valid(value), value
    pledges = _component(out, "PledgeList")
    assert pledges.is_valid(listing)
    assert not pledges.is_valid({**listing, "records": [{**item, "record": {"id": 5}}]})


def test_the_openapi_document_describes_every_file_and_the_licence(out) -> None:
    document = json.loads((out / "api/v1/openapi.json").read_text(encoding="utf-8"))
    derived = document["components"]["schemas"]["Derived"]
    assert derived["description"] == (
        "What the portal derives from a record; never part of the record."
    )
    for path, operation in document["paths"].items():
        get = operation["get"]
        assert get["summary"] and get["description"], path
        assert get["responses"]["200"]["description"] == get["summary"], path
        if "{id}" in path:
            assert get["responses"]["404"] == {"description": "No record has this id"}, path
            assert [p["name"] for p in get["parameters"]] == ["id"], path
        else:
            assert "404" not in get["responses"], path
    index = json.loads((out / "api/v1/index.json").read_text(encoding="utf-8"))
    assert index["licence"] == {
        "content": "CC-BY-4.0",
        "content_url": "https://creativecommons.org/licenses/by/4.0/",
        "content_note": "Content: CC BY 4.0, unless the source says otherwise",
        "code": "MIT",
    }


def test_feeds_follow_their_pages_and_say_what_they_hold(catalogue, out) -> None:
    for prefix in PREFIX.values():
        root = etree.parse(str(out / prefix / "feeds/updates.xml")).getroot()
        home = root.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert home == f"{BASE}{prefix}"
    english = etree.parse(str(out / "feeds/updates.xml")).getroot()
    assert english.findtext(f"{ATOM}subtitle") == (
        "Needs, offers, matches, progress and good practices for national asylum systems."
    )
    countries = sorted((out / "feeds/countries").glob("*.xml"))
    assert countries
    for path in countries:
        code = path.stem.upper()
        root = etree.parse(str(path)).getroot()
        name = root.findtext(f"{ATOM}title").split(": ", 1)[1]
        assert root.findtext(f"{ATOM}subtitle") == (
            f"Pledges, matches, good practices and events concerning {name}."
        )
        # The records of the country's page, as many as a feed holds.
        shown = {
            (entry.find(f"{ATOM}category").get("term"), entry.findtext(f"{ATOM}id").rsplit("/")[-1])
            for entry in root.findall(f"{ATOM}entry")
        }
        expected = {(kind, record.id) for kind, record in records_of_country(catalogue, code)}
        assert shown == expected and shown, path


def test_the_data_package_describes_itself_in_words(out) -> None:
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["description"] == (
        "Requests for and offers of support to national asylum systems, the matches between "
        "them, good practices, tools and events, as recorded by the Asylum Capacity Support "
        "Group portal. Lists in a cell are values joined with '|' (space, vertical bar, space); "
        "texts have one column per language."
    )


def test_the_openapi_document_names_the_api_its_server_and_its_operations(out) -> None:
    document = json.loads((out / "api/v1/openapi.json").read_text(encoding="utf-8"))
    assert document["openapi"] == "3.1.0"
    assert document["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"
    info = document["info"]
    assert info["title"] == "ACSG portal open data API"
    assert info["version"] == "1"
    assert info["summary"].startswith(
        "Organizations, pledges (commitments, requests and offers), matches, good practices, "
        "events, news and roster"
    )
    assert info["description"].endswith(
        "Content: CC BY 4.0, unless the source says otherwise; code: MIT."
    )
    assert info["license"] == {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"}
    assert document["servers"] == [{"url": f"{BASE}api/v1"}]
    index = document["paths"]["/index.json"]["get"]
    assert index["summary"] == "Index of the API"
    assert index["description"] == (
        "Version, number of records of each kind and links to every file."
    )
    every = document["paths"]["/pledges.json"]["get"]
    assert every["summary"] == "Every pledge record"
    assert every["description"].startswith("Each record as written in the portal's content")
    one = document["paths"]["/pledges/{id}.json"]["get"]
    assert one["summary"] == "One pledge record"
    assert one["description"] == (
        "The record as written in the portal's content, valid against pledge.schema.json."
    )
    [parameter] = one["parameters"]
    assert parameter["in"] == "path" and parameter["required"] is True
    assert parameter["schema"] == {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
    assert parameter["description"].startswith("The record's id")


def test_the_suggestions_file_says_what_it_holds_and_for_which_day(out) -> None:
    data = json.loads((out / "api/v1/suggestions.json").read_text(encoding="utf-8"))
    assert _component(out, "Suggestions").is_valid(data)
    assert data["version"] == "1" and data["day"] == build_date().isoformat()
    assert data["note"] == (
        "Suggestions of the portal's matching assistant for the ACSG Secretariat: not matches, "
        "never counted in the portal's figures. Up to 10 per open need, best first."
    )
    assert data["points"] == points_table()
    assert data["needs_without_candidates"] == ["utopia-registration-request"]
    assert [
        (row["need"], row["offer"], row["offer_kind"], row["score"]) for row in data["suggestions"]
    ] == [("utopia-appeals-commitment", "atlantis-registration-expertise", "roster", 37)]


def test_a_need_whose_timeframe_has_ended_gets_no_suggestions(catalogue, tmp_path) -> None:
    ended = catalogue.pledges["utopia-appeals-commitment"].model_copy(
        update={"timeframe": Timeframe(start="2020", end="2021")}
    )
    write_outputs(with_records(catalogue, ended), tmp_path, BASE)
    data = json.loads((tmp_path / "api/v1/suggestions.json").read_text(encoding="utf-8"))
    assert data["suggestions"] == []
    assert data["needs_without_candidates"] == ["utopia-registration-request"]


OPENAPI_GOLDEN = Path(__file__).parent / "golden" / "openapi.json"


def test_the_openapi_document_is_the_reviewed_one(out) -> None:
    """Every sentence and schema keyword of the API's description, as reviewed: API clients
    read it, so it changes only on purpose (UPDATE_GOLDEN=1, then review the file)."""
    document = json.loads((out / "api/v1/openapi.json").read_text(encoding="utf-8"))
    written = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert written == approved(OPENAPI_GOLDEN, written)


def test_the_api_index_is_valid_against_its_openapi_schema(out) -> None:
    index = json.loads((out / "api/v1/index.json").read_text(encoding="utf-8"))
    schema = _component(out, "Index")
    assert schema.is_valid(index)
    kinds = index["kinds"]
    first = next(iter(kinds))
    refused = [
        {**index, "version": "2"},
        {key: value for key, value in index.items() if key != "licence"},
        {**index, "counts": {**index["counts"], first: -1}},
        {**index, "counts": {**index["counts"], first: "3"}},
        {**index, "licence": {"content": 4}},
        {**index, "kinds": {**kinds, first: {"records": kinds[first]["records"]}}},
        {**index, "updated": 20240701},
    ]
    for value in refused:
        assert not schema.is_valid(value), value


def test_the_data_package_lists_and_explains_vocabulary_terms(out) -> None:
    events, pledges = _fields(out, "events"), _fields(out, "pledges")
    kinds = vocabulary("event_kinds")
    # A vocabulary field: its terms allowed, and explained.
    assert events["kind"]["constraints"] == {"enum": list(kinds.ids), "required": True}
    assert events["kind"]["description"].startswith("Kind. ")
    for term in kinds.ids:
        assert f"{term}: {kinds.label(term, 'en')}" in events["kind"]["description"]
    assert pledges["stage"]["constraints"] == {"enum": list(vocabulary("pledge_stages").ids)}
    # In a list or in list items, the terms are explained but not a constraint of the cell.
    assert "constraints" not in pledges["topics"]
    assert "registration: Registration" in pledges["topics"]["description"]
    assert "virtual: Virtual" in events["sessions_format"]["description"]


def test_every_reference_in_the_openapi_document_leads_to_a_schema(out) -> None:
    document = json.loads((out / "api/v1/openapi.json").read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]

    def references(value: Any) -> list[str]:
        if isinstance(value, dict):
            found = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
            return found + [ref for item in value.values() for ref in references(item)]
        if isinstance(value, list):
            return [ref for item in value for ref in references(item)]
        return []

    local = [ref for ref in references(document) if ref.startswith("#/")]
    assert local
    for ref in local:
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
    for path, operation in document["paths"].items():
        content = operation["get"]["responses"]["200"]["content"]["application/json"]
        assert content["schema"]["$ref"].startswith("#/components/schemas/"), path
    assert not _component(out, "Index").is_valid([])
