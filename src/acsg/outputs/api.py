"""The JSON API (version 1): an index, every record of each kind, one file per record, the
records' JSON Schemas and an OpenAPI 3.1 description of it all.

A record file is the record exactly as its YAML gives it, so that it validates against its
kind's schema; what the portal derives (countries, regions, addresses) sits beside the record,
in the files that list a kind's records.
"""

from __future__ import annotations

import posixpath
from functools import partial
from pathlib import Path
from typing import Any

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.fields import ID_PATTERN
from acsg.matching import KEPT, as_json, points_table, suggestions
from acsg.models import KINDS
from acsg.outputs.common import derived, json_bytes, record_data, write_file
from acsg.relations import last_change
from acsg.render.build import build_date
from acsg.schemas import SCHEMA_DIALECT, schema_file_name, schema_texts
from acsg.vocab import LANGUAGES


def _licence() -> dict[str, str]:
    return {
        "content": locations.CONTENT_LICENCE,
        "content_url": locations.CONTENT_LICENCE_URL,
        "content_note": "Content: CC BY 4.0, unless the source says otherwise",
        "code": locations.CODE_LICENCE,
    }


def _index(catalogue: Catalogue, site_url: str) -> dict[str, Any]:
    url = partial(locations.absolute, site_url)
    return {
        "version": locations.API_VERSION,
        "updated": last_change(catalogue).isoformat(),
        "licence": _licence(),
        "openapi": url(locations.OPENAPI),
        "suggestions": url(locations.SUGGESTIONS),
        "counts": {kind: len(records) for kind, records in catalogue.records.items()},
        "kinds": {
            kind: {
                "records": url(locations.api_records(kind)),
                "record": url(locations.api_record(kind, "{id}")),
                "schema": url(locations.schema(kind)),
            }
            for kind in KINDS
        },
    }


def _suggestions(catalogue: Catalogue) -> dict[str, Any]:
    """The matching assistant's suggestions (not matches), as ``acsg suggest --format json``."""
    today = build_date()
    found = suggestions(catalogue, today)
    return {
        "version": locations.API_VERSION,
        "day": today.isoformat(),
        "note": "Suggestions of the portal's matching assistant for the ACSG Secretariat: not "
        "matches, never counted in the portal's figures. Up to "
        f"{KEPT} per open need, best first.",
        "points": points_table(),
        "needs_without_candidates": [need for need, rows in found.items() if not rows],
        "suggestions": as_json(row for rows in found.values() for row in rows),
    }


def _records(catalogue: Catalogue, kind: str, site_url: str) -> dict[str, Any]:
    records = catalogue.records[kind]
    return {
        "version": locations.API_VERSION,
        "kind": kind,
        "count": len(records),
        "schema": locations.absolute(site_url, locations.schema(kind)),
        "records": [
            {"record": record_data(record), "derived": derived(catalogue, kind, record, site_url)}
            for record in records.values()
        ],
    }


# --- OpenAPI -----------------------------------------------------------------------------------


def _name(kind: str) -> str:
    """A kind's name in the OpenAPI components: good-practice -> GoodPractice."""
    return "".join(part.capitalize() for part in kind.split("-"))


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _get(summary: str, description: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {"description": summary, "content": {"application/json": {"schema": schema}}}
    }
    if extra.get("parameters"):
        responses["404"] = {"description": "No record has this id"}
    return {
        "get": {"summary": summary, "description": description, **extra, "responses": responses}
    }


def _schemas() -> dict[str, Any]:
    """Component schemas: the records' published JSON Schemas, and the files around them."""
    url = {"type": "string", "format": "uri"}
    strings = {"type": "array", "items": {"type": "string"}}
    components: dict[str, Any] = {
        "Derived": {
            "type": "object",
            "description": "What the portal derives from a record; never part of the record.",
            "required": ["countries", "regions", "pages", "json"],
            "additionalProperties": False,
            "properties": {
                "countries": {
                    **strings,
                    "description": "ISO 3166-1 alpha-3 codes of the countries the record "
                    "concerns (typed, or from the organizations it names)",
                },
                "regions": {**strings, "description": "UNHCR regional bureaux of the countries"},
                "pages": {
                    "type": "object",
                    "description": "The record's page in each language",
                    "required": list(LANGUAGES),
                    "additionalProperties": False,
                    "properties": {lang: url for lang in LANGUAGES},
                },
                "json": {**url, "description": "This record's own file"},
                "calendar": {**url, "description": "Events: the event's iCalendar file"},
            },
        },
        "Suggestions": {
            "type": "object",
            "description": "The matching assistant's suggestions: offers (pledges) and roster "
            "entries that could answer each open need, with the reasons of their score. Not "
            "matches.",
            "required": [
                "version",
                "day",
                "note",
                "points",
                "needs_without_candidates",
                "suggestions",
            ],
            "properties": {
                "version": {"type": "string", "const": locations.API_VERSION},
                "day": {
                    "type": "string",
                    "format": "date",
                    "description": "The day they were made for",
                },
                "note": {"type": "string"},
                "points": {"type": "object", "description": "The points of each criterion"},
                "needs_without_candidates": {
                    **strings,
                    "description": "Open needs no open offer shares a pledging area or topic with",
                },
                "suggestions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["need", "offer", "offer_kind", "score", "reasons"],
                        "additionalProperties": False,
                        "properties": {
                            "need": {"type": "string", "description": "A pledge id"},
                            "offer": {
                                "type": "string",
                                "description": "A pledge or roster entry id",
                            },
                            "offer_kind": {"type": "string", "enum": ["pledge", "roster"]},
                            "score": {"type": "integer", "minimum": 0, "maximum": 100},
                            "reasons": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["criterion", "points", "detail"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "criterion": {"type": "string"},
                                        "points": {"type": "integer", "minimum": 0},
                                        "detail": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "Index": {
            "type": "object",
            "required": [
                "version",
                "updated",
                "licence",
                "openapi",
                "suggestions",
                "counts",
                "kinds",
            ],
            "properties": {
                "version": {"type": "string", "const": locations.API_VERSION},
                "updated": {
                    "type": "string",
                    "format": "date",
                    "description": "The newest `updated` date of all records",
                },
                "licence": {"type": "object", "additionalProperties": {"type": "string"}},
                "openapi": url,
                "suggestions": url,
                "counts": {
                    "type": "object",
                    "description": "Number of records of each kind",
                    "additionalProperties": {"type": "integer", "minimum": 0},
                },
                "kinds": {
                    "type": "object",
                    "description": "For each kind: all its records, one record (an RFC 6570 "
                    "template) and its JSON Schema",
                    "additionalProperties": {
                        "type": "object",
                        "required": ["records", "record", "schema"],
                        "properties": {"records": url, "record": url, "schema": url},
                    },
                },
            },
        },
    }
    for kind in KINDS:
        name = _name(kind)
        # Relative to this document (api/v1/openapi.json): the schemas published with the site.
        components[name] = {
            "$ref": posixpath.relpath(locations.schema(kind), posixpath.dirname(locations.OPENAPI))
        }
        components[f"{name}List"] = {
            "type": "object",
            "required": ["version", "kind", "count", "schema", "records"],
            "properties": {
                "version": {"type": "string", "const": locations.API_VERSION},
                "kind": {"type": "string", "const": kind},
                "count": {"type": "integer", "minimum": 0},
                "schema": url,
                "records": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["record", "derived"],
                        "additionalProperties": False,
                        "properties": {"record": _ref(name), "derived": _ref("Derived")},
                    },
                },
            },
        }
    return components


def _openapi(site_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/index.json": _get(
            "Index of the API",
            "Version, number of records of each kind and links to every file.",
            _ref("Index"),
        )
    }
    id_parameter = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The record's id (its file name in the portal's content)",
        "schema": {"type": "string", "pattern": ID_PATTERN},
    }
    paths["/suggestions.json"] = _get(
        "Suggested matches",
        "For every open need, the offers and roster entries that could answer it, with the "
        "points of each criterion they meet. Suggestions for the Secretariat, not matches.",
        _ref("Suggestions"),
    )
    for kind, spec in KINDS.items():
        name = _name(kind)
        paths[f"/{spec.folder}.json"] = _get(
            f"Every {spec.label} record",
            "Each record as written in the portal's content, with what the portal derives "
            "from it (countries, UNHCR regions, page addresses) beside it.",
            _ref(f"{name}List"),
        )
        paths[f"/{spec.folder}/{{id}}.json"] = _get(
            f"One {spec.label} record",
            f"The record as written in the portal's content, valid against "
            f"{schema_file_name(kind)}.",
            _ref(name),
            parameters=[id_parameter],
        )
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": SCHEMA_DIALECT,
        "info": {
            "title": "ACSG portal open data API",
            "version": locations.API_VERSION,
            "summary": "Organizations, pledges (commitments, requests and offers), matches, "
            "good practices, events, news and roster of the Asylum Capacity Support Group, as "
            "static JSON files.",
            "description": "Read-only files rebuilt with the portal each time its content "
            "changes. Content: CC BY 4.0, unless the source says otherwise; code: MIT.",
            "license": {"name": "CC BY 4.0", "identifier": locations.CONTENT_LICENCE},
        },
        "servers": [{"url": locations.absolute(site_url, locations.API)}],
        "paths": paths,
        "components": {"schemas": _schemas()},
    }


def write(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    texts = schema_texts()
    written = [
        write_file(site_dir, locations.schema(kind), texts[schema_file_name(kind)].encode("utf-8"))
        for kind in KINDS
    ]
    written.append(
        write_file(site_dir, locations.API_INDEX, json_bytes(_index(catalogue, site_url)))
    )
    written.append(write_file(site_dir, locations.OPENAPI, json_bytes(_openapi(site_url))))
    written.append(write_file(site_dir, locations.SUGGESTIONS, json_bytes(_suggestions(catalogue))))
    for kind, records in catalogue.records.items():
        written.append(
            write_file(
                site_dir,
                locations.api_records(kind),
                json_bytes(_records(catalogue, kind, site_url)),
            )
        )
        for record in records.values():
            written.append(
                write_file(
                    site_dir, locations.api_record(kind, record.id), json_bytes(record_data(record))
                )
            )
    return written
