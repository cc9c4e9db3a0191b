"""``acsg new``: a commented, valid record to start from."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.fields import ID_PATTERN
from acsg.models import KINDS
from acsg.schemas import schema_comment
from acsg.vocab import vocabularies


def _example_organizations(catalogue: Catalogue) -> tuple[str, str]:
    """Two existing organization ids for the references of a new record (States first)."""
    orgs = sorted(catalogue.organizations.values(), key=lambda org: (org.type != "state", org.id))
    ids = [org.id for org in orgs] or ["replace-with-an-organization-id"]
    return ids[0], ids[min(1, len(ids) - 1)]


def new_record(kind: str, record_id: str, catalogue: Catalogue, schemas: Path) -> Path:
    """Write ``<content>/<folder>/<id>.yaml`` for a new record and return its path."""
    if not re.fullmatch(ID_PATTERN, record_id):
        raise ValueError(
            f"{record_id!r} is not a valid id: use lowercase letters, digits and hyphens"
        )
    folder = catalogue.root / KINDS[kind].folder
    path = folder / f"{record_id}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists: edit it, or choose another id")
    org, org2 = _example_organizations(catalogue)
    lists = {name: ", ".join(vocab.ids) for name, vocab in vocabularies().items()}
    body = KINDS[kind].starter.format(
        id=record_id, today=date.today().isoformat(), org=org, org2=org2, **lists
    )
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_comment(kind, folder, schemas) + "\n" + body, encoding="utf-8")
    return path
