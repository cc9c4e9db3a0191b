"""``acsg from-issue``: a submitted GitHub issue form becomes a record file.

GitHub renders an issue form's answers as "### Label" sections ("_No response_" when left
empty). This module reads them back field by field (``forms.py`` defines the fields), builds a
new record (request, offer, good practice) or adds a dated update to an existing pledge or
match, writes the file into the content folder and runs the validator on it.

The body is untrusted text typed by anyone: it is size-limited, only the form's own headings
split it, ids are derived with a strict slug and checked against the id pattern (no path can be
built from it), and every value then goes through the same validation as any record (raw HTML
rejected, only http, https and mailto links). Nothing is left in the content folder when the
result has a problem. The Markdown it writes for GitHub (the pull request's text, the comment
listing problems) shows the submitter's words only as code, so that mentions, images, links and
HTML in them do nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, assert_never

import pycountry

from acsg.catalogue import Catalogue
from acsg.fields import ID_PATTERN
from acsg.forms import FORMS, NO_RESPONSE, Form, FormField, option_label
from acsg.models import KINDS, Match, Pledge, Record
from acsg.schemas import schema_comment
from acsg.validation import display_path, load_catalogue
from acsg.vocab import LANGUAGES, country_codes, country_name, vocabulary
from acsg.yamlfile import _ISO_DATE, dump, load_yaml

MAX_BODY = 65_536  # GitHub's own limit for an issue body
MAX_VALUE = 20_000
MAX_ITEMS = 50
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_ID = re.compile(ID_PATTERN)
_RECORD_REF = re.compile(r"(?:^|/)(pledges|matches)/([a-z0-9]+(?:-[a-z0-9]+)*)/?(?:[?#].*)?$")
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:\s|$)")
# Record keys written last, as in the templates of `acsg new`.
_LAST = ("sources", "created", "updated")


class IntakeError(Exception):
    """What is missing or invalid in a submission, one line each, in the form's words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Result:
    path: Path
    record_id: str
    kind: str
    created: bool  # a new file (else an existing record was edited)
    form: Form


# --- reading the issue body -------------------------------------------------------------------


def _normalize(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_body(body: str, form: Form) -> dict[str, str]:
    """Field id -> answer ("" when empty). Only the form's own headings split the body, so a
    "###" line inside an answer stays part of it."""
    headings = {_normalize(field.heading): field.id for field in form.fields}
    for form_field in form.fields:  # with each language written out, even when repeated
        spelled = " / ".join(form_field.label[lang] for lang in LANGUAGES)
        headings.setdefault(_normalize(spelled), form_field.id)
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        found = _HEADING.match(line)
        field_id = headings.get(_normalize(found.group(1))) if found else None
        if field_id is not None and field_id not in answers:
            current = answers[field_id] = []
        elif current is not None:
            current.append(line)
    values = {}
    for field_id, lines in answers.items():
        value = "\n".join(lines).strip()
        values[field_id] = "" if value == NO_RESPONSE else value
    return values


def detect_form(body: str, labels: list[str] | None = None) -> Form:
    """The form an issue was made with: from its labels, else from the headings it holds."""
    for label in labels or []:
        if label.strip() in FORMS:
            return FORMS[label.strip()]
    headings = {
        _normalize(found.group(1))
        for line in body.splitlines()
        if (found := _HEADING.match(line.strip()))
    }
    best = [
        form
        for form in FORMS.values()
        if {_normalize(field.heading) for field in form.fields} <= headings
    ]
    if len(best) == 1:
        return best[0]
    raise IntakeError(
        [
            "cannot tell which form this issue was made with: open a new issue from one of the "
            f"forms ({', '.join(FORMS)})"
        ]
    )


# --- turning answers into values --------------------------------------------------------------


def slug(text: str, limit: int = 60) -> str:
    """A safe id from any text: ASCII lowercase words joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or (words[0][:limit] if words else "")


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code in country_codes():
        names[code.casefold()] = code
        for lang in LANGUAGES:
            names.setdefault(_normalize(country_name(code, lang)), code)
    return names


def _country(value: str) -> str | None:
    names = _country_names()
    found = names.get(_normalize(value))
    if found:
        return found
    try:
        return pycountry.countries.lookup(value.strip()).alpha_3
    except LookupError:
        return None


@lru_cache(maxsize=4)
def _org_index(catalogue: Catalogue) -> dict[str, set[str]]:
    """Every way a contributor may name an organization (id, acronym, name in any language, a
    State's country code or name) -> the organization ids it names."""
    index: dict[str, set[str]] = {}

    def add(name: str | None, org_id: str) -> None:
        if name:
            index.setdefault(_normalize(name), set()).add(org_id)

    for org in catalogue.organizations.values():
        add(org.id, org.id)
        add(org.acronym, org.id)
        for lang in LANGUAGES:
            add(catalogue.organization_name(org.id, lang), org.id)
        if org.type == "state" and org.country:
            add(org.country, org.id)
    return index


def _split_items(value: str, separators: str) -> list[str]:
    return [item.strip() for item in re.split(separators, value) if item.strip()]


@dataclass
class _Reader:
    """Converts one form's answers, collecting every problem rather than stopping at the first."""

    form: Form
    answers: dict[str, str]
    catalogue: Catalogue
    problems: list[str] = field(default_factory=list)

    def problem(self, form_field: FormField, message: str) -> None:
        self.problems.append(f"{form_field.heading}: {message}")

    def raw(self, form_field: FormField) -> str:
        value = self.answers.get(form_field.id, "")
        if len(value) > MAX_VALUE:
            self.problem(form_field, f"the answer is longer than {MAX_VALUE:,} characters")
            return ""
        if not value and form_field.required:
            if form_field.id not in self.answers:
                self.problem(form_field, "this section is missing from the issue")
            else:
                self.problem(form_field, "required, but left empty")
        return value

    def items(self, form_field: FormField, value: str, separators: str) -> list[str]:
        items = _split_items(value, separators)
        if len(items) > MAX_ITEMS:
            self.problem(form_field, f"at most {MAX_ITEMS} items")
            return []
        return list(dict.fromkeys(items))

    def option(self, form_field: FormField, text: str) -> str | None:
        options = {
            _normalize(option_label(labels)): key for key, labels in form_field.options().items()
        }
        for key, labels in form_field.options().items():  # a bare id or one language's label
            options.setdefault(_normalize(key), key)
            options.setdefault(_normalize(" / ".join(labels[lang] for lang in LANGUAGES)), key)
            for lang in LANGUAGES:
                options.setdefault(_normalize(labels[lang]), key)
        found = options.get(_normalize(text))
        if found is None:
            self.problem(form_field, f"{text!r} is not one of the choices")
        return found

    def options(self, form_field: FormField, text: str) -> list[str]:
        """Several choices as GitHub writes them: their labels joined by ", " (labels may hold
        commas themselves, so known labels are matched rather than the text split)."""
        labels = sorted(
            ((option_label(labels), key) for key, labels in form_field.options().items()),
            key=lambda pair: -len(pair[0]),
        )
        chosen: list[str] = []
        rest = text.strip()
        while rest:
            match = next((pair for pair in labels if rest.startswith(pair[0])), None)
            if match is None:
                piece = rest.split(",", 1)[0].strip()
                key = self.option(form_field, piece)
                if key is None:
                    return []
                chosen.append(key)
                rest = rest[len(piece) :]
            else:
                chosen.append(match[1])
                rest = rest[len(match[0]) :]
            rest = rest.lstrip()
            if rest.startswith(","):
                rest = rest[1:].lstrip()
            elif rest:
                self.problem(form_field, f"cannot read the choices {text!r}")
                return []
        return list(dict.fromkeys(chosen))

    def orgs(self, form_field: FormField, names: list[str]) -> list[str]:
        index = _org_index(self.catalogue)
        found: list[str] = []
        for name in names:
            ids = index.get(_normalize(name), set())
            if len(ids) == 1:
                found.append(next(iter(ids)))
            elif ids:
                self.problem(
                    form_field,
                    f"{name!r} may mean {', '.join(sorted(ids))}: give the id of the one you mean",
                )
            else:
                close = [key for key in index if _normalize(name) in key][:3]
                hint = f" (did you mean {', '.join(sorted(close))}?)" if close else ""
                self.problem(
                    form_field,
                    f"no State or organization {name!r} on the portal{hint}; if it is not listed "
                    "yet, say so in a comment and the Secretariat will add it",
                )
        return list(dict.fromkeys(found))

    def value(self, form_field: FormField) -> Any:
        """The record value of one answer, or None when it is empty."""
        text = self.raw(form_field)
        if form_field.widget == "dropdown" and text == "None":
            text = ""  # GitHub's own "None" choice of an optional dropdown
        if not text:
            return None
        kind = form_field.value
        match kind:
            case "language" | "term":
                return self.option(form_field, text)
            case "terms":
                return self.options(form_field, text) or None
            case "bool":  # an unknown choice is a problem: the record is not written then
                return self.option(form_field, text) == "true"
            case "year":
                if not re.fullmatch(r"[0-9]{4}", text):
                    self.problem(form_field, f"expected a year such as 2023, got {text!r}")
                    return None
                return int(text)
            case "line" | "link" | "partial-date" | "day" | "record":
                if "\n" in text:
                    self.problem(form_field, "expected one line")
                    return None
                return text
            case "text":
                return text
            case "links":
                return self.items(form_field, text, r"\s+") or None
            case "orgs":
                return self.orgs(form_field, self.items(form_field, text, r"\n|;")) or None
            case "countries":
                codes = []
                for name in self.items(form_field, text, r"[,;\n]"):
                    code = _country(name)
                    if code is None:
                        self.problem(form_field, f"{name!r} is not a country name or ISO code")
                    else:
                        codes.append(code)
                return list(dict.fromkeys(codes)) or None
            case "id":
                if not _ID.fullmatch(text) or len(text) > 80:
                    suggestion = slug(text) or "niger-registration-request"
                    self.problem(
                        form_field,
                        f"{text!r} is not a valid short name: use lowercase letters, digits and "
                        f"hyphens, e.g. {suggestion!r}",
                    )
                    return None
                return text
            case "documents":
                documents = []
                for line in self.items(form_field, text, r"\n"):
                    url, _, title = line.partition(" ")
                    documents.append({"url": url, "title": title.strip() or None})
                return documents or None
            case _:  # pragma: no cover - every value kind is handled above
                assert_never(kind)


def _file_order(kind: str) -> list[str]:
    """A record file's top-level keys in the order the templates of `acsg new` write them."""
    return [*[name for name in KINDS[kind].model.model_fields if name not in _LAST], *_LAST]


def _ordered(kind: str, data: dict) -> dict:
    return {name: data[name] for name in _file_order(kind) if name in data}


def _after(kind: str, key: str) -> tuple[str, ...]:
    """The keys written after ``key`` in a record file of ``kind``."""
    order = _file_order(kind)
    return tuple(order[order.index(key) + 1 :])


def _prune(value: Any) -> Any:
    """Drop empty values (None, [], {}) so that the record holds only what was given."""
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, [], {})}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


# --- new records ------------------------------------------------------------------------------


def _new_record_data(reader: _Reader, today: date) -> dict:
    form = reader.form
    assert form.kind is not None
    values = {form_field.id: reader.value(form_field) for form_field in form.fields}
    # Without a language (a problem), the texts are keyed None: the record is not written then.
    language = values["language"]
    data: dict[str, Any] = {"kind": form.pledge_kind} if form.pledge_kind else {}
    for form_field in form.fields:
        value = values[form_field.id]
        if value is None:
            continue
        if form_field.value in ("line", "text"):
            value = {language: value}
        if form_field.value == "documents":
            value = [
                {
                    "language": language,
                    "title": {language: doc["title"]},  # pruned when there is none
                    "url": doc["url"],
                }
                for doc in value
            ]
        target = data
        for part in form_field.key[:-1]:
            target = target.setdefault(part, {})
        target[form_field.key[-1]] = value
    data["created"] = data["updated"] = today
    return _ordered(form.kind, _prune(data))


def _free_id(wanted: str, folder: Path) -> str:
    candidate, number = wanted, 2
    while (folder / f"{candidate}.yaml").exists():
        suffix = f"-{number}"
        candidate = wanted[: 80 - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


# --- progress reports -------------------------------------------------------------------------


def _find_record(reader: _Reader, reference: str) -> tuple[str, Record] | None:
    form_field = reader.form.field("record")
    text = reference.strip()
    found = _RECORD_REF.search(text)
    candidates: list[tuple[str, str]]
    if found:
        kind = "pledge" if found.group(1) == "pledges" else "match"
        candidates = [(kind, found.group(2))]
    elif _ID.fullmatch(text):
        candidates = [("pledge", text), ("match", text)]
    else:
        reader.problem(form_field, f"{text!r} is not the address or id of a pledge or match")
        return None
    existing = [(kind, key) for kind, key in candidates if key in reader.catalogue.records[kind]]
    if len(existing) == 1:
        kind, key = existing[0]
        return kind, reader.catalogue.records[kind][key]
    if existing:
        reader.problem(
            form_field,
            f"{text!r} is both a pledge and a match: write pledges/{text} or matches/{text}",
        )
    else:
        reader.problem(form_field, f"there is no pledge or match {text!r} on the portal")
    return None


def _block_bounds(lines: list[str], key: str) -> tuple[int, int] | None:
    """Lines [start, end) of a top-level key's block, leaving the comments that introduce the
    next key with it."""
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))]
    for position, (start, name) in enumerate(starts):
        if name != key:
            continue
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        return start, end
    return None


def set_top_level(text: str, key: str, value: Any, before: tuple[str, ...] = ()) -> str:
    """``text`` (a record file) with one top-level key's block replaced by ``value``, or added
    before the first of ``before`` present (else at the end). Other lines are kept as written."""
    lines = text.split("\n")
    trailing = lines and lines[-1] == ""
    if trailing:
        lines = lines[:-1]
    block = dump({key: value}).rstrip("\n").split("\n")
    bounds = _block_bounds(lines, key)
    if bounds is not None:
        lines[bounds[0] : bounds[1]] = block
    else:
        at = len(lines)
        for other in before:
            other_bounds = _block_bounds(lines, other)
            if other_bounds is not None:
                at = other_bounds[0]
                while at > 1 and lines[at - 1].startswith("#"):  # line 1: the schema's
                    at -= 1
                break
        lines[at:at] = block
    return "\n".join(lines) + ("\n" if trailing else "")


def _progress(reader: _Reader, today: date) -> tuple[Path, str, str, str] | None:
    """(path, new text, kind, id) of the record with the reported update added."""
    form = reader.form
    reference = reader.value(form.field("record"))
    day_text = reader.value(form.field("date"))
    stage = reader.value(form.field("stage"))
    texts = {
        form_field.lang: reader.value(form_field)
        for form_field in form.fields
        if form_field.lang is not None
    }
    sources = reader.value(form.field("sources")) or []
    found = _find_record(reader, reference) if reference else None
    day = None
    if day_text:
        try:
            day = date.fromisoformat(day_text) if _ISO_DATE.fullmatch(day_text) else None
        except ValueError:
            day = None
        if day is None:
            reader.problem(
                form.field("date"), f"expected a date written YYYY-MM-DD, got {day_text!r}"
            )
        elif day > today:
            reader.problem(form.field("date"), f"{day_text} is in the future")
    if found is None or day is None:
        if not any(texts.values()):
            reader.problems.append("the update is empty: write it in at least one language")
        return None
    kind, record = found
    assert isinstance(record, Pledge | Match)
    given = {lang: text for lang, text in texts.items() if text}
    if record.language not in given:
        name = vocabulary("languages").label(record.language, "en")
        reader.problems.append(
            f"the update must be given in the language of this {kind} ({name}): fill in "
            f"'{reader.form.field('text_' + record.language).heading}'"
        )
    if reader.problems:
        return None
    path = reader.catalogue.root / reader.catalogue.files[(kind, record.id)]
    text = path.read_text(encoding="utf-8")
    data = load_yaml(text.encode("utf-8")).data
    update: dict[str, Any] = {"date": day}
    if stage:
        update["stage"] = stage
    update["text"] = {lang: given[lang] for lang in LANGUAGES if lang in given}
    updates = list(data.get("updates") or [])
    position = len(updates)
    while position and str(updates[position - 1].get("date")) > day.isoformat():
        position -= 1
    updates.insert(position, update)
    text = set_top_level(text, "updates", updates, before=_after(kind, "updates"))
    staged = [item["stage"] for item in updates if isinstance(item, dict) and item.get("stage")]
    if staged:
        text = set_top_level(text, "stage", staged[-1], before=_after(kind, "stage"))
    new_sources = [url for url in sources if url not in data["sources"]]
    if new_sources:
        text = set_top_level(text, "sources", [*data["sources"], *new_sources])
    updated = max(record.updated, today)
    text = set_top_level(text, "updated", updated)
    return path, text, kind, record.id


# --- the whole conversion ---------------------------------------------------------------------


def from_issue(
    body: str,
    root: Path,
    *,
    form: Form | None = None,
    labels: list[str] | None = None,
    today: date | None = None,
    schemas: Path = Path("schemas"),
) -> Result:
    """Write the record an issue body describes into the content folder ``root``.

    Raises IntakeError listing every problem (nothing is written then).
    """
    today = today or date.today()
    if len(body) > MAX_BODY:
        raise IntakeError([f"the issue is longer than {MAX_BODY:,} characters"])
    if "\x00" in body:
        raise IntakeError(["the issue holds invisible control characters"])
    form = form or detect_form(body, labels)
    catalogue, _ = load_catalogue(root)
    reader = _Reader(form, parse_body(body, form), catalogue)
    if form.kind is None:
        edited = _progress(reader, today)
        if edited is None:
            raise IntakeError(reader.problems)
        path, text, kind, record_id = edited
        created = False
    else:
        data = _new_record_data(reader, today)
        if reader.problems:
            raise IntakeError(reader.problems)
        kind = form.kind
        folder = root / KINDS[kind].folder
        wanted = (
            data.get("id")
            or slug(next(iter(data["title"].values())))
            or f"{form.pledge_kind or kind}-{today.isoformat()}"
        )
        record_id = _free_id(wanted, folder)
        data["id"] = record_id
        assert _ID.fullmatch(record_id), record_id
        path = folder / f"{record_id}.yaml"
        text = schema_comment(kind, folder, schemas) + "\n" + dump(data)
        created = True
    _write_checked(path, text, root, form, created)
    return Result(path, record_id, kind, created, form)


def _write_checked(path: Path, text: str, root: Path, form: Form, created: bool) -> None:
    """Write the file, validate the content folder with it, and undo the write on a problem."""
    before = None if created else path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _, problems = load_catalogue(root)  # reports unreadable files as problems, never raises
    mine = [problem for problem in problems if Path(problem.path).resolve() == path.resolve()]
    if mine:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
        raise IntakeError([_in_form_words(problem.message, form) for problem in mine])


def _in_form_words(message: str, form: Form) -> str:
    """A validator message, introduced by the form field it is about when one matches."""
    head = re.match(r"([a-z_]+)", message)
    key = head.group(1) if head else ""
    for form_field in form.fields:
        if form_field.key and form_field.key[0] == key:
            return f"{form_field.heading}: {message}"
    return message


# --- Markdown for GitHub: the submitter's words only as code ----------------------------------

_BACKTICKS = re.compile(r"`+")


def _longest_backticks(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def code_span(text: str) -> str:
    """``text`` as an inline code span, shown literally by GitHub: on one line (a line break
    could end the paragraph and the span with it), between more backticks than any run of
    backticks inside, so that it cannot be closed early. Mentions, images, links and HTML in a
    code span do nothing."""
    line = " ".join(text.splitlines()) or " "
    fence = "`" * (_longest_backticks(line) + 1)
    padded = line.startswith(" ") and line.endswith(" ") and line.strip(" ")
    if line.startswith("`") or line.endswith("`") or padded:
        line = f" {line} "  # CommonMark removes one space on each side
    return f"{fence}{line}{fence}"


def report(result: Result | None, problems: list[str], issue: str | None) -> str:
    """Markdown for the pull request (success) or for a comment on the issue (problems). The
    problems quote the submitter's answers: each is shown as code."""
    if issue is not None and not re.fullmatch(r"[0-9]+", issue):
        issue = None
    where = f" in issue #{issue}" if issue else ""
    if result is not None:
        action = "adds" if result.created else "updates"
        what = (
            f"the {result.form.pledge_kind or result.kind} {code_span(result.record_id)}"
            if result.created
            else f"the {result.kind} {code_span(result.record_id)} with the reported progress"
        )
        return (
            f"This pull request {action} {what}, submitted with the form "
            f'"{result.form.title["en"]}"{where}.\n\n'
            f"File: {code_span(display_path(result.path))}\n\n"
            "It passed `acsg validate`. Reviewers: follow the checklist of the pull request "
            "template (sources, accuracy, duplicates, personal data, languages). Pull requests "
            "opened by a workflow do not start the pull-request checks by themselves: close and "
            "reopen this one to run them.\n\n" + (f"Closes #{issue}.\n" if issue else "")
        )
    lines = "\n".join(f"- {code_span(problem)}" for problem in problems)
    return (
        "Thank you for your submission. It cannot become a proposed change yet; please edit the "
        "issue to fix the following, and it will be checked again:\n\n"
        f"{lines}\n\n"
        "Merci ! Modifiez le ticket pour corriger ces points ; il sera vérifié de nouveau. / "
        "¡Gracias! Edite la incidencia para corregir estos puntos; se volverá a comprobar.\n"
    )
