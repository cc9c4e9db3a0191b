"""The JSON Schemas editors use: committed, current, and in agreement with the shipped content,
checked with the third-party ``jsonschema`` library and plain ``yaml.safe_load``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MINIMAL, REPO_CONTENT, REPO_SCHEMAS, Content, listing, record_text, sub
from jsonschema import Draft202012Validator, FormatChecker

from acsg.models import KIND_BY_FOLDER, KINDS
from acsg.schemas import schema_for, schema_texts
from acsg.validation import load_catalogue


def _iso(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def plain_load(text: str) -> Any:
    """The record as any YAML tool reads it, dates turned into ISO strings as in JSON."""
    return json.loads(json.dumps(yaml.safe_load(text), default=_iso))


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((REPO_SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(record)'}: {error.message}"
        for error in validator(kind).iter_errors(data)
    ]


def shipped_records(kind: str) -> list[Path]:
    return sorted((REPO_CONTENT / KINDS[kind].folder).rglob("*.yaml"))


# --- the committed schemas ------------------------------------------------------------------


def test_committed_schemas_are_up_to_date() -> None:
    expected = schema_texts()
    committed = {
        path.name: path.read_text(encoding="utf-8") for path in REPO_SCHEMAS.glob("*.json")
    }
    assert sorted(committed) == sorted(expected), "run `acsg schemas`: schema files differ"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"run `acsg schemas`: {', '.join(stale)} out of date"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    schema = json.loads((REPO_SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert {"id", "language", "sources", "created", "updated"} <= set(schema["required"])


# --- the shipped content --------------------------------------------------------------------


def test_content_has_a_record_of_each_kind() -> None:
    counts = {kind: len(shipped_records(kind)) for kind in KINDS}
    assert all(counts.values()), f"content/ has no record of some kinds: {counts}"


@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_records_match_their_json_schema(kind: str) -> None:
    paths = shipped_records(kind)
    assert paths, f"content/{KINDS[kind].folder}/ holds no record"
    errors = []
    for path in paths:
        data = plain_load(path.read_text(encoding="utf-8"))
        errors += [
            f"{path.relative_to(REPO_CONTENT)}: {error}" for error in schema_errors(kind, data)
        ]
    assert not errors, "\n".join(errors)


def test_shipped_records_start_with_the_schema_comment() -> None:
    wrong = []
    for path in sorted(REPO_CONTENT.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        kind = KIND_BY_FOLDER[path.relative_to(REPO_CONTENT).parts[0]].name
        target = first.partition("$schema=")[2]
        if (
            not target
            or (path.parent / target).resolve() != (REPO_SCHEMAS / f"{kind}.schema.json").resolve()
        ):
            wrong.append(f"{path.relative_to(REPO_CONTENT)}: {first!r}")
    assert not wrong, "\n".join(wrong)


def test_shipped_content_passes_validation() -> None:
    catalogue, problems = load_catalogue(REPO_CONTENT)
    assert problems == [], listing(problems)
    assert len(catalogue) >= len(KINDS)


# --- our minimal records, and deliberately invalid ones -------------------------------------


@pytest.mark.parametrize(("kind", "record_id", "body"), MINIMAL, ids=[m[1] for m in MINIMAL])
def test_valid_records_pass_the_json_schema(
    empty_content: Content, kind: str, record_id: str, body: str
) -> None:
    text = record_text(kind, empty_content.root / KINDS[kind].folder, body, Path("schemas"))
    assert schema_errors(kind, plain_load(text)) == []


INVALID = [
    ("pledge", "france-offer", "kind: offer", "kind: offer\ncolour: blue", "colour"),
    ("pledge", "france-offer", "kind: offer", "kind: ofer", "ofer"),
    ("pledge", "france-commitment", "  - registration", "  - registraton", "registraton"),
    ("organization", "france", "country: FRA", "country: France", "France"),
    ("organization", "france", "type: state", "type: nation", "nation"),
    ("match", "france-georgia", "stage: in-progress", "stage: started", "started"),
    ("match", "france-georgia", "  agencies:", "  agency:", "agency"),
    ("good-practice", "coi-training", "kind: training-material", "kind: manual", "manual"),
    ("event", "dialogue-2025", "kind: webinar", "kind: seminar", "seminar"),
    ("event", "dialogue-2025", "sessions:", "session:", "session"),
    ("pledge", "france-offer", "id: france-offer", "id: France_Offer", "France_Offer"),
    (
        "pledge",
        "france-offer",
        "  - https://www.example.org/offer",
        "  - javascript:alert(1)",
        "javascript",
    ),
]


@pytest.mark.parametrize(
    ("kind", "record_id", "old", "new", "word"), INVALID, ids=[i[4] for i in INVALID]
)
def test_invalid_records_are_rejected_by_the_json_schema(
    kind: str, record_id: str, old: str, new: str, word: str
) -> None:
    body = dict((m[1], m[2]) for m in MINIMAL)[record_id]
    errors = schema_errors(kind, plain_load(sub(body, old, new)))
    assert errors, f"the JSON Schema accepts {new!r}"
    assert any(word in error for error in errors), errors


def test_schema_for_names_every_field_of_the_model() -> None:
    for kind, spec in KINDS.items():
        assert set(schema_for(kind)["properties"]) == set(spec.model.model_fields)
