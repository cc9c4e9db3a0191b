"""CSV tables, one per kind, and the Frictionless data package that describes them.

Columns follow the record models, so a field added to a model gets its column without touching
this module: a text gets one column per language (``title_en``, ``title_fr``, ``title_es``), a
nested part gets its fields prefixed (``requesting_entities``, ``timeframe_start``), a list is
joined with ``LIST_SEPARATOR``, and the fields of a list of items (sessions, updates ...) get
one column each whose n-th values belong to the n-th item. Derived columns come last.

A text cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) starts with an apostrophe, as OWASP recommends against CSV injection; the
JSON API keeps every value as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, WithJsonSchema

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.fields import Term, Text, Title
from acsg.models import KINDS
from acsg.outputs.common import derived, json_bytes, record_data, start_of, write_file
from acsg.relations import last_change
from acsg.vocab import LANGUAGES, regions, vocabulary

LIST_SEPARATOR = " | "
_JOINED = f"values joined with {LIST_SEPARATOR.strip()!r} (space, vertical bar, space)"
_TYPES: dict[Any, str] = {bool: "boolean", int: "integer", date: "date", str: "string"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Data = dict[str, Any]  # a record as data (``record_data``), with its derived values
Reach = Callable[[Data], list[Data]]  # the parts of a record a column reads (one, or per item)


@dataclass(frozen=True)
class Column:
    """One CSV column: its Table Schema field and how to read its values from a record."""

    name: str
    type: str
    description: str
    values: Callable[[Data], list[Any]]
    joined: bool
    constraints: dict[str, Any] = field(default_factory=dict)

    def cell(self, data: Data) -> str:
        values = [_text(value) for value in self.values(data)]
        if not self.joined:
            return self._inert(values[0])
        return self._inert(LIST_SEPARATOR.join(values)) if any(values) else ""

    def _inert(self, text: str) -> str:
        """A text no spreadsheet runs as a formula (OWASP: CSV injection)."""
        return "'" + text if self.type == "string" and text.startswith(_FORMULA_START) else text

    def schema(self) -> dict[str, Any]:
        spec = {"name": self.name, "type": self.type, "description": self.description}
        return {**spec, "constraints": self.constraints} if self.constraints else spec


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _shape(annotation: Any) -> tuple[Any, list[Any], bool]:
    """A field's type without ``Annotated`` and ``| None``: (type, its metadata, is a list)."""
    metadata: list[Any] = []
    many = False
    while True:
        origin = typing.get_origin(annotation)
        arguments = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation, metadata = arguments[0], [*metadata, *arguments[1:]]
        elif origin is list:
            annotation, many = arguments[0], True
        elif origin in (typing.Union, types.UnionType) and type(None) in arguments:
            rest = [argument for argument in arguments if argument is not type(None)]
            annotation = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        else:
            return annotation, metadata, many


def _json_schema(metadata: list[Any]) -> dict[str, Any]:
    """The JSON Schema fragment a field type carries (vocabulary, countries, ids)."""
    found = [item.json_schema for item in metadata if isinstance(item, WithJsonSchema)]
    found += [item.json_schema() for item in metadata if isinstance(item, Term)]
    return found[0] if found and found[0] else {}


def _items(reach: Reach, name: str) -> Reach:
    return lambda data: [item for part in reach(data) for item in part.get(name) or []]


def _part(reach: Reach, name: str) -> Reach:
    return lambda data: [part.get(name) or {} for part in reach(data)]


def _values(reach: Reach, name: str, many: bool) -> Callable[[Data], list[Any]]:
    if many:
        return lambda data: [value for part in reach(data) for value in part.get(name) or []]
    return lambda data: [part.get(name) for part in reach(data)]


def _columns(
    model: type[BaseModel], prefix: str, context: str, reach: Reach, joined: bool
) -> Iterator[Column]:
    for name, info in model.model_fields.items():
        inner, metadata, many = _shape(info.annotation)
        if many and joined:  # no model holds a list inside a list of items
            raise TypeError(f"{model.__name__}.{name}: lists in list items are not flattened")
        column = prefix + name
        title = info.description or name.replace("_", " ").capitalize()
        about = f"{context}: {title}" if context else title
        if isinstance(inner, type) and issubclass(inner, Text):
            parts = _items(reach, name) if many else _part(reach, name)
            form = "one line" if issubclass(inner, Title) else "Markdown"
            for lang in LANGUAGES:
                yield Column(
                    f"{column}_{lang}",
                    "string",
                    _about(
                        f"{about}, in {vocabulary('languages').label(lang, 'en')} ({form})",
                        joined,
                        many,
                    ),
                    _values(parts, lang, many=False),
                    joined or many,
                )
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            parts = _items(reach, name) if many else _part(reach, name)
            yield from _columns(inner, f"{column}_", about, parts, joined or many)
        else:
            schema = _json_schema([*info.metadata, *metadata])
            described = f"{about}. {schema['description']}" if "description" in schema else about
            single = not (joined or many)
            constraints: dict[str, Any] = {}
            if single and "enum" in schema:
                constraints["enum"] = schema["enum"]
            if single and not context and info.is_required():
                constraints["required"] = True
            yield Column(
                column,
                _TYPES.get(inner, "string") if single else "string",
                _about(described, joined, many),
                _values(reach, name, many),
                not single,
                constraints,
            )


def _about(description: str, joined: bool, many: bool) -> str:
    if joined:
        return f"{description}. One value per item, {_JOINED}"
    if many:
        return f"{description}. A list: {_JOINED}"
    return description


def _derived_columns(kind: str) -> Iterator[Column]:
    """Columns of what the portal derives from a record (``common.derived``), read from the
    ``_derived`` entry of the record's data."""

    def read(*path: str) -> Callable[[Data], list[Any]]:
        def values(data: Data) -> list[Any]:
            value: Any = data["_derived"]
            for key in path:
                value = value.get(key)
            return value if isinstance(value, list) else [value]

        return values

    yield Column(
        "derived_countries",
        "string",
        "Derived: ISO 3166-1 alpha-3 codes of the countries the record concerns (typed in "
        f"the record, or those of the organizations it names). A list: {_JOINED}",
        read("countries"),
        True,
    )
    yield Column(
        "derived_regions",
        "string",
        f"Derived: UNHCR regional bureaux of those countries. A list: {_JOINED}",
        read("regions"),
        True,
    )
    for lang in LANGUAGES:
        language = vocabulary("languages").label(lang, "en")
        yield Column(
            f"page_{lang}",
            "string",
            f"Derived: the record's page in {language}",
            read("pages", lang),
            False,
        )
    yield Column("json", "string", "Derived: the record in JSON", read("json"), False)
    if kind == "event":
        yield Column(
            "calendar", "string", "Derived: the event in iCalendar", read("calendar"), False
        )


def columns(kind: str) -> list[Column]:
    """Every column of a kind's table, in order."""
    model = KINDS[kind].model
    return [*_columns(model, "", "", lambda data: [data], False), *_derived_columns(kind)]


def table_bytes(catalogue: Catalogue, kind: str, site_url: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    spec = columns(kind)
    writer.writerow([column.name for column in spec])
    for record in catalogue.records[kind].values():
        data = {**record_data(record), "_derived": derived(catalogue, kind, record, site_url)}
        writer.writerow([column.cell(data) for column in spec])
    return out.getvalue().encode("utf-8")


def _package(catalogue: Catalogue, site_url: str, tables: dict[str, bytes]) -> dict[str, Any]:
    resources = []
    for kind, data in tables.items():
        spec = KINDS[kind]
        resources.append(
            {
                "name": spec.folder,
                "title": f"ACSG portal: {spec.folder.replace('-', ' ')}",
                "description": f"Every {spec.label} record of the portal, one a row "
                f"({len(catalogue.records[kind])} rows).",
                "path": locations.table(kind).removeprefix("data/"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                "schema": {
                    "fields": [column.schema() for column in columns(kind)],
                    "primaryKey": ["id"],
                    "missingValues": [""],
                },
            }
        )
    newest = last_change(catalogue)
    return {
        "profile": "tabular-data-package",
        "name": "acsg-portal",
        "title": "ACSG portal: open data",
        "description": "Requests for and offers of support to national asylum systems, the "
        "matches between them, good practices, tools and events, as recorded by the "
        "Asylum Capacity Support Group portal. Lists in a cell are "
        f"{_JOINED}; texts have one column per language.",
        "homepage": locations.absolute(site_url, ""),
        "version": newest.isoformat(),
        "created": start_of(newest).isoformat().replace("+00:00", "Z"),
        "licenses": [
            {
                "name": locations.CONTENT_LICENCE,
                "path": locations.CONTENT_LICENCE_URL,
                "title": f"{locations.CONTENT_LICENCE_TITLE}, unless the source says otherwise",
            }
        ],
        "sources": [
            {
                "title": "ACSG portal records; each record names its own sources (column sources)",
                "path": locations.absolute(site_url, ""),
            },
            *(
                {"title": "UNHCR regional bureaux (derived regions)", "path": url}
                for url in regions().sources
            ),
        ],
        "resources": resources,
    }


def write(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    tables = {kind: table_bytes(catalogue, kind, site_url) for kind in KINDS}
    written = [write_file(site_dir, locations.table(kind), data) for kind, data in tables.items()]
    package = _package(catalogue, site_url, tables)
    written.append(write_file(site_dir, locations.DATAPACKAGE, json_bytes(package)))
    return written
