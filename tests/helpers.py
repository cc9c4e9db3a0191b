"""Helpers of the tests only: issue bodies as GitHub renders a submitted form, made from a
record (the other way from ``acsg from-issue``)."""

from __future__ import annotations

from typing import Any, assert_never

from acsg.forms import FORMS, NO_RESPONSE, Form, FormField, option_label
from acsg.models import KINDS, Record
from acsg.vocab import LANGUAGES


def _answer(form_field: FormField, value: Any) -> str:
    if value is None or value == [] or value == {}:
        return NO_RESPONSE
    options = form_field.options()
    kind = form_field.value
    match kind:
        case "language" | "term":
            return option_label(options[value])
        case "terms":
            return ", ".join(option_label(options[item]) for item in value)
        case "bool":
            return option_label(options["true" if value else "false"])
        case "links" | "orgs":
            return "\n".join(value)
        case "countries":
            return ", ".join(value)
        case "documents":
            return "\n".join(
                f"{doc.url} {doc.title.get(doc.language) or ''}".strip() if doc.title else doc.url
                for doc in value
            )
        case "line" | "text" | "year" | "link" | "partial-date" | "day" | "id" | "record":
            return str(value)
        case _:  # pragma: no cover - every value kind is handled above
            assert_never(kind)


def issue_body(form: Form, sections: dict[str, str]) -> str:
    """An issue body as GitHub renders a submitted form: "### Label" then the answer."""
    parts = []
    for form_field in form.fields:
        parts.append(f"### {form_field.heading}\n\n{sections.get(form_field.id) or NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"


def record_sections(form: Form, record: Record) -> dict[str, str]:
    """The answers that would give ``record`` through ``form`` (a new record's form)."""
    sections = {}
    for form_field in form.fields:
        value: Any = record
        for part in form_field.key:
            value = getattr(value, part, None) if value is not None else None
        if form_field.value in ("line", "text") and value is not None:
            value = value.get(record.language)
        sections[form_field.id] = _answer(form_field, value)
    return sections


def update_sections(kind: str, record: Record, update: Any, sources: list[str]) -> dict[str, str]:
    """The answers of a progress report adding ``update`` to ``record``."""
    form = FORMS["progress-report"]
    sections = {
        "record": f"{KINDS[kind].folder}/{record.id}",
        "date": update.date.isoformat(),
        "stage": _answer(form.field("stage"), update.stage),
        "sources": _answer(form.field("sources"), sources),
    }
    for lang in LANGUAGES:
        sections[f"text_{lang}"] = update.text.get(lang) or NO_RESPONSE
    return sections
