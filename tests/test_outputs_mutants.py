"""The data files as people download them, for what mutation testing (make mutation) found
untested: readable JSON (UTF-8, indented, accents as written), records without empty fields,
and an event's data naming its calendar file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SITE_CONTENT, module_scope_but_per_test_under_mutmut

from acsg.outputs import write_outputs
from acsg.validation import load_catalogue

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


def test_json_files_are_indented_utf8_with_accents_as_written(out) -> None:
    files = sorted((out / "api/v1").rglob("*.json"))
    assert files
    accents = 0
    for path in files:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert "\\u00" not in text, path  # "é", not "\u00e9"
        accents += any(ord(char) > 127 for char in text)
        lines = text.split("\n")
        assert lines[-1] == "" and lines[-2] in ("}", "]"), path  # one final line break
        assert lines[1].startswith("  ") and not lines[1].startswith("   "), path  # 2 spaces
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
