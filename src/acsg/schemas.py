"""JSON Schemas of the record kinds, written to ``schemas/`` for editors and other tools."""

from __future__ import annotations

import json
import os
from pathlib import Path

from acsg.files import write_if_changed
from acsg.models import KINDS

SCHEMA_COMMENT = "# yaml-language-server: $schema="
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_for(kind: str) -> dict:
    """The JSON Schema of one record kind, generated from its pydantic model."""
    spec = KINDS[kind]
    schema = spec.model.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_file_name(kind),
        "title": f"ACSG portal: {spec.label}",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_texts() -> dict[str, str]:
    """File name -> exact text of every schema file, as ``acsg schemas`` writes them."""
    return {
        schema_file_name(kind): json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema whose text changed; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {folder / name: text for name, text in schema_texts().items()}
    return [path for path, text in paths.items() if write_if_changed(path, text.encode("utf-8"))]


def schema_comment(kind: str, record_folder: Path, schemas_folder: Path) -> str:
    """The first line of a record: where editors (yaml-language-server) find its schema."""
    target = os.path.relpath(schemas_folder / schema_file_name(kind), record_folder)
    return f"{SCHEMA_COMMENT}{Path(target).as_posix()}"
