"""Records generated from the published JSON Schemas: whatever the validator accepts also
renders, in every language, and exports, without an error.

References between records are drawn from the fixture content's ids, so that generated
records can pass the validator's cross-record checks and reach the renderer.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SITE_CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acsg.models import KINDS
from acsg.outputs import write_outputs
from acsg.render.pages import site_pages
from acsg.schemas import schema_comment
from acsg.validation import load_catalogue

REPO = Path(__file__).resolve().parent.parent
TODAY_ISO = "2026-11-23"
CHECKED_PAGES = ("index", "needs-and-offers", "countries/index")  # pages every record feeds
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _ids(folder: str) -> list[str]:
    return sorted(path.stem for path in (SITE_CONTENT / folder).glob("*.yaml"))


LINKS = [
    "https://example.org/a",
    "http://example.org/b?c=1&d=2",
    "mailto:someone@example.org",
    "https://example.org/(x)",
]
REFERENCES = {
    "Id of an organization in content/organizations/": _ids("organizations"),
    "Id of a pledge in content/pledges/": _ids("pledges"),
    "Id of a good practice in content/good-practices/": _ids("good-practices"),
    "Id of a match in content/matches/": _ids("matches"),
    "Id of an event in content/events/": _ids("events"),
}


def _bounded(schema: Any) -> Any:
    """The schema with references drawn from the fixture's ids, short texts and lists, and
    the schema's own file names only (so that examples stay quick to make)."""
    if isinstance(schema, dict):
        described = schema.get("description")
        if (
            isinstance(described, str)
            and described in REFERENCES
            and schema.get("type") == "string"
        ):
            return {"enum": REFERENCES[described]}
        bounded = {key: _bounded(value) for key, value in schema.items()}
        if bounded.get("type") == "array":
            bounded.setdefault("maxItems", 2)
        if bounded.get("type") == "string" and "enum" not in bounded and "format" not in bounded:
            bounded.setdefault("maxLength", 40)
        return bounded
    if isinstance(schema, list):
        return [_bounded(item) for item in schema]
    return schema


def from_schema(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> st.SearchStrategy:
    """A Hypothesis strategy for the JSON Schema constructs the portal's schemas use."""
    defs = schema.get("$defs", {}) if defs is None else defs
    if "$ref" in schema:
        return from_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([from_schema(option, defs) for option in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "object":
        properties = {
            name: from_schema(value, defs) for name, value in schema["properties"].items()
        }
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {name: value for name, value in properties.items() if name in required},
            optional={name: value for name, value in properties.items() if name not in required},
        )
    if kind == "array":
        return st.lists(
            from_schema(schema["items"], defs),
            min_size=schema.get("minItems", 0),
            max_size=max(schema.get("minItems", 0), schema.get("maxItems", 2)),
        )
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    assert kind == "string", schema
    if schema.get("format") == "date":
        return st.dates(date(1850, 1, 1), date(3100, 12, 31)).map(date.isoformat)
    if schema.get("format") == "date-time":
        return st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat())
    if schema.get("format") == "uri":  # mostly readable links, one time in five anything
        anything = st.from_regex(schema["pattern"], fullmatch=True)
        return st.integers(0, 4).flatmap(lambda n: anything if n == 0 else st.sampled_from(LINKS))
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True).filter(
            lambda text: len(text) <= schema.get("maxLength", 80)
        )
    size = {"min_size": schema.get("minLength", 0), "max_size": schema.get("maxLength", 40)}
    readable = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
    return st.one_of(st.text(readable, **size), st.text(**size))


def _schema(kind: str) -> dict[str, Any]:
    text = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    schema = _bounded(json.loads(text))
    schema["properties"]["id"] = {"const": f"generated-{kind}"}
    # Texts in English (the record's language) and perhaps French and Spanish.
    schema["properties"]["language"] = {"const": "en"}
    schema["properties"]["unreviewed"] = {"enum": [[], ["fr"]]}
    for name in ("Text", "Title"):
        if name in schema.get("$defs", {}):
            schema["$defs"][name]["required"] = ["en"]
    if kind == "organization":  # a State needs its country, any other body its name
        schema["required"] = [*schema["required"], "country", "name"]
    if "Session" in schema.get("$defs", {}):
        zones = ["UTC", "Europe/Paris", "America/Mexico_City", "localtime", "Factory"]
        schema["$defs"]["Session"]["properties"]["timezone"] = {"enum": zones}
    schema["properties"]["created"] = {"const": TODAY_ISO}
    schema["properties"]["updated"] = {"const": TODAY_ISO}
    # Documents and images name files of content/files/: the fixture has one.
    for definition in schema.get("$defs", {}).values():
        if "file" in definition.get("properties", {}):
            definition["properties"]["file"] = {"const": "fixture-checklist.txt"}
    return schema


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(KINDS))
def test_what_validates_renders_and_exports(kind: str) -> None:
    accepted: list[str] = []

    @EXAMPLES
    @given(data=from_schema(_schema(kind)), lang=st.sampled_from(["en", "fr", "es"]))
    def examples(data: dict[str, Any], lang: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "content"
            shutil.copytree(SITE_CONTENT, root)
            path = root / KINDS[kind].folder / f"generated-{kind}.yaml"
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            comment = schema_comment(kind, path.parent, root.parent / "schemas")
            path.write_text(comment + "\n" + text, encoding="utf-8")
            catalogue, problems = load_catalogue(root)
            if problems:
                return  # refused: reported as problems, which is all the validator owes
            accepted.append(data["id"])
            for page in site_pages(catalogue, date.fromisoformat(TODAY_ISO)):
                if page.path.endswith(f"/generated-{kind}") or page.path in CHECKED_PAGES:
                    assert page.render(lang).strip()
            write_outputs(catalogue, Path(folder) / "site", "https://example.org/")

    examples()
    assert accepted, f"no generated {kind} passed the validator: the test checked nothing"
