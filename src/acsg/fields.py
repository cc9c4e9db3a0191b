"""Field types shared by the record models, each with an error message a contributor can act on.

Every check raises ``problem(...)`` with the whole sentence, so that what reaches people says
what was given and what is allowed. JSON Schema fragments are attached for editors.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from acsg import markup
from acsg.markup import LINK_SCHEMES
from acsg.vocab import LANGUAGES, country_codes, suggest_country, vocabulary

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
# Invisible control characters, and the line and paragraph separators (U+0085, U+2028, U+2029)
# that YAML and Markdown read as line breaks where people see none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
# The years a date may have: what the portal's pages, calendars and feeds can show.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("acsg", "{message}", {"message": message})


def describe(value: Any) -> str:
    """How a given value looks to the person who typed it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (name: value lines)"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _require_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise problem(f"expected {what}, got {describe(value)}")
    if _CONTROL.search(value):
        raise problem("the text holds invisible control characters or line separators: retype it")
    return value


# --- identifiers and references -------------------------------------------------------------


def _check_id(value: Any) -> str:
    value = _require_text(value, "an id")
    if not _ID.fullmatch(value) or len(value) > 80:
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise problem(
            f"{describe(value)} is not a valid id: use lowercase letters, digits and single "
            f"hyphens (at most 80 characters), e.g. {suggestion or 'france-niger'!r}"
        )
    return value


def _id_schema(description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": "string", "pattern": ID_PATTERN, "maxLength": 80, "description": description}
    )


Id = Annotated[str, BeforeValidator(_check_id), _id_schema("Stable id, equal to the file name")]


class Ref:
    """Metadata of a field naming another record by its id, for ``Annotated``: the kind named.
    Validation checks the record exists; ``cites``: the record is about the one it names (a
    news story about a pledge), so that pages list it there (a dismissed suggestion is not)."""

    def __init__(self, kind: str, *, cites: bool) -> None:
        self.kind = kind
        self.cites = cites


def _ref(kind: str, folder: str, noun: str, *, cites: bool = True) -> Any:
    return Annotated[
        str,
        BeforeValidator(_check_id),
        _id_schema(f"Id of {noun} in content/{folder}/"),
        Ref(kind, cites=cites),
    ]


OrgRef = _ref("organization", "organizations", "an organization")
PledgeRef = _ref("pledge", "pledges", "a pledge")
MatchRef = _ref("match", "matches", "a match")
PracticeRef = _ref("good-practice", "good-practices", "a good practice")
EventRef = _ref("event", "events", "an event")
# A pledge named only to say it is not a match for this one (see Dismissal).
NotMatchingRef = _ref("pledge", "pledges", "a pledge", cites=False)


# --- controlled vocabularies ----------------------------------------------------------------


class Term:
    """Metadata of a field holding an id of the named vocabulary, for ``Annotated``:
    ``Topic = Annotated[str, Term("topics", "topic")]``. The field is a ``str`` to type checkers;
    pydantic checks the id against the vocabulary (a ``BeforeValidator``) and gives editors its
    ids and English labels in the JSON Schema."""

    def __init__(self, vocabulary_name: str, noun: str) -> None:
        self.vocabulary = vocabulary(vocabulary_name)
        self.noun = noun

    def check(self, value: Any) -> str:
        vocab = self.vocabulary
        if isinstance(value, str) and value in vocab.labels:
            return value
        if not isinstance(value, str):
            raise problem(
                f"expected a {self.noun}, got {describe(value)}; allowed: {', '.join(vocab.ids)}"
            )
        suggestion = vocab.suggest(value)
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        raise problem(
            f"{describe(value)} is not a known {self.noun}{hint} Allowed: {', '.join(vocab.ids)}"
        )

    def json_schema(self) -> JsonSchemaValue:
        vocab = self.vocabulary
        labels = "; ".join(f"{key}: {vocab.label(key, 'en')}" for key in vocab.ids)
        return {
            "type": "string",
            "enum": list(vocab.ids),
            "description": f"A {self.noun}. {labels}",
        }

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return BeforeValidator(self.check).__get_pydantic_core_schema__(source, handler)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return self.json_schema()


def _check_country(value: Any) -> str:
    if isinstance(value, str) and value in country_codes():
        return value
    value = _require_text(value, "a country code")
    suggestion = suggest_country(value)
    hint = f"; did you mean {suggestion!r}?" if suggestion else ""
    raise problem(
        f"{describe(value)} is not an ISO 3166-1 alpha-3 country code{hint} "
        "(three capital letters, e.g. 'FRA' for France)"
    )


Country = Annotated[
    str,
    BeforeValidator(_check_country),
    WithJsonSchema(
        {"type": "string", "enum": list(country_codes()), "description": "ISO 3166-1 alpha-3"}
    ),
]
Language = Annotated[str, Term("languages", "language (en, fr or es)")]


# --- links and text -------------------------------------------------------------------------


def _link_problem(url: str) -> str | None:
    """Why a link may not be published, or None when it is an http(s) or mailto link."""
    if re.search(r"\s", url) or _CONTROL.search(url):
        return f"{describe(url)} holds spaces or invisible characters"
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[" : an address urlsplit cannot read
        return f"{describe(url)} is not a readable address"
    if parts.scheme not in LINK_SCHEMES:
        return f"{describe(url)} is not an http, https or mailto link"
    if parts.scheme == "mailto":
        return None if "@" in parts.path else f"{describe(url)} has no email address"
    return None if parts.netloc else f"{describe(url)} has no host name"


def _check_link(value: Any) -> str:
    value = _require_text(value, "a link (https://...)")
    reason = _link_problem(value)
    if reason:
        raise problem(f"{reason}: links must start with https://, http:// or mailto:")
    return value


Link = Annotated[
    str,
    BeforeValidator(_check_link),
    WithJsonSchema(
        {"type": "string", "format": "uri", "pattern": r"^(https?://[^\s/]+|mailto:\S+@)\S*$"}
    ),
]


def markdown_problem(text: str) -> str | None:
    """Why contributed text may not be published, or None.

    Raw HTML is rejected rather than escaped: contributors see at once that it will not show,
    and pages never depend on an escaping step to stay safe (they escape too, as a second line).
    """
    without_autolinks = _AUTOLINK.sub("", text)
    tag = _HTML.search(without_autolinks)
    if tag:
        snippet = without_autolinks[tag.start() : tag.start() + 20].split("\n")[0]
        return (
            f"raw HTML ({snippet!r}) is not allowed in text: write Markdown instead, "
            "e.g. **bold**, _italic_, [a link](https://example.org)"
        )
    lost = markup.problems(text)
    return lost[0] if lost else None


def _check_markdown(value: Any) -> str:
    value = _require_text(value, "text")
    if not value.strip():
        raise problem("the text is empty: remove the line or write the text")
    reason = markdown_problem(value)
    if reason:
        raise problem(reason)
    return value


def _check_line(value: Any) -> str:
    value = _check_markdown(value)
    if "\n" in value.strip():
        raise problem("expected one line of text (a name or title), got several lines")
    return value.strip()


Markdown = Annotated[
    str, BeforeValidator(_check_markdown), WithJsonSchema({"type": "string", "minLength": 1})
]
Line = Annotated[
    str, BeforeValidator(_check_line), WithJsonSchema({"type": "string", "pattern": r"^[^\n]+$"})
]


class Text(Strict):
    """Human text per language; the record's original language is required (checked per record)."""

    en: Markdown | None = None
    fr: Markdown | None = None
    es: Markdown | None = None

    def get(self, lang: str) -> str | None:
        return getattr(self, lang)


class Title(Text):
    """A one-line text per language: a title or a name."""

    en: Line | None = None
    fr: Line | None = None
    es: Line | None = None


assert tuple(Text.model_fields) == LANGUAGES

# Contact details of persons: an email address, or a phone number (8 digits or more, with an
# optional + and the spaces, dots, dashes and brackets numbers are written with). Dates and
# ranges of years are not phone numbers.
_EMAIL = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/.-])(?:\+|00)?\(?\d[\d\s().-]{6,}\d(?![\w/])")
_DATES = re.compile(r"\d{4}(?:-\d{2}){0,2}(?:\s*[-\u2013]\s*\d{4}(?:-\d{2}){0,2})?")


def _check_public(value: Any) -> str:
    value = _check_markdown(value)
    email = _EMAIL.search(value)
    phone = next(
        (
            found.group().strip()
            for found in _PHONE.finditer(value)
            if sum(char.isdigit() for char in found.group()) >= 8
            and not _DATES.fullmatch(found.group().strip(" ()"))
        ),
        None,
    )
    if email or phone:
        what = f"the email address {email.group()!r}" if email else f"the phone number {phone!r}"
        raise problem(
            f"remove {what}: the roster names organizations, never persons, and people reach "
            "them through the ACSG Secretariat (the portal has no legal basis to publish "
            "personal contact details)"
        )
    return value


PublicMarkdown = Annotated[
    str, BeforeValidator(_check_public), WithJsonSchema({"type": "string", "minLength": 1})
]


class PublicText(Text):
    """Text per language that may hold no contact details of a person (email, phone)."""

    en: PublicMarkdown | None = None
    fr: PublicMarkdown | None = None
    es: PublicMarkdown | None = None


def models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes named anywhere in a type annotation (``list[X] | None`` -> X)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from models_in(argument)


@cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold other models (and so texts)."""
    return tuple(
        name
        for name, field in model.model_fields.items()
        if next(models_in(field.annotation), None)
    )


def texts_of(
    value: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every human text in a record or part of one, with where it stands."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in _nested_fields(type(value)):
            yield from texts_of(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts_of(item, (*loc, index))


FieldPath = tuple[str, ...]  # field names, "*" for every item of a list


M = typing.TypeVar("M")


def marked(model: type[BaseModel], marker: type[M]) -> Iterator[tuple[FieldPath, M]]:
    """Every field of a model typed with a ``marker`` instance in its ``Annotated`` metadata,
    nested models and lists included (``("requesting", "pledges", "*")``), with the marker."""
    for name, info in model.model_fields.items():
        yield from _marked(info.annotation, info.metadata, (name,), marker)


def _marked(
    annotation: Any, metadata: list[Any], path: FieldPath, marker: type[M]
) -> Iterator[tuple[FieldPath, M]]:
    for item in metadata:
        if isinstance(item, marker):
            yield path, item
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is Annotated:
        yield from _marked(arguments[0], list(arguments[1:]), path, marker)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            yield from _marked(info.annotation, info.metadata, (*path, name), marker)
    elif typing.get_origin(annotation) is list:
        yield from _marked(arguments[0], [], (*path, "*"), marker)
    else:  # a union: X | None
        for argument in arguments:
            yield from _marked(argument, [], path, marker)


def references(model: type[BaseModel], *, citing: bool = False) -> Iterator[tuple[FieldPath, str]]:
    """Where a model names other records: (path, kind named) for every ``Ref`` field (with
    ``citing``, only those saying the record is about the one named)."""
    return ((path, ref.kind) for path, ref in marked(model, Ref) if ref.cites or not citing)


def term_of(model: type[BaseModel], name: str) -> Term:
    """The vocabulary metadata of a model's field holding terms (``topics: list[Topic]``)."""
    info = model.model_fields[name]
    found = [*info.metadata, *_metadata_in(info.annotation)]
    return next(item for item in found if isinstance(item, Term))


def _metadata_in(annotation: Any) -> Iterator[Any]:
    if typing.get_origin(annotation) is Annotated:
        yield from typing.get_args(annotation)[1:]
    for argument in typing.get_args(annotation):
        yield from _metadata_in(argument)


def values_at(
    value: Any, path: FieldPath, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The values found along ``path`` in a record (every item where it says "*"), with where
    each stands; missing optional values are left out."""
    if not path:
        if value is not None:
            yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for index, item in enumerate(value):
            yield from values_at(item, rest, (*loc, index))
    elif value is not None:
        yield from values_at(getattr(value, head), rest, (*loc, head))


# --- dates and times ------------------------------------------------------------------------


def _check_year(day: date, given: object) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise problem(f"{describe(given)} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def _check_day(value: Any) -> date:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise problem(f"{describe(value)} is not a real date") from None
        return _check_year(day, value)
    raise problem(f"expected a date written YYYY-MM-DD (e.g. 2023-03-30), got {describe(value)}")


Day = Annotated[date, BeforeValidator(_check_day)]


def _check_moment(value: Any) -> date | datetime:
    if isinstance(value, str) and len(value) == 10:
        return _check_day(value)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            _check_year(moment.date(), value)
            return moment
        if moment is not None:
            raise problem(
                f"{describe(value)} has no time zone: add the UTC offset of the place, "
                "e.g. 2023-03-30T09:00+01:00"
            )
    raise problem(
        "expected a date (YYYY-MM-DD) or a date and time with its UTC offset "
        f"(YYYY-MM-DDTHH:MM+HH:MM), got {describe(value)}"
    )


Moment = Annotated[
    date | datetime,
    BeforeValidator(_check_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                # A time as records write it: minutes, seconds if wanted, and the UTC offset
                # (RFC 3339's date-time requires seconds, which records may leave out).
                {
                    "type": "string",
                    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"
                    r"(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})$",
                },
            ]
        }
    ),
]


def _check_partial_date(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value in ("tbc", "ongoing"):
        return value
    if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value):
        padded = (value + "-01-01")[:10]
        try:
            day = date.fromisoformat(padded)
        except ValueError:
            raise problem(f"{describe(value)} is not a real date") from None
        _check_year(day, value)
        return value
    raise problem(
        f"expected a year (2021), a month (2021-04), a day (2021-04-14) or 'tbc', "
        f"got {describe(value)}"
    )


PartialDate = Annotated[
    str,
    BeforeValidator(_check_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|tbc|ongoing)$"},
            ],
            "description": "A year, month or day (2021, 2021-04, 2021-04-14), 'tbc' (to be "
            "confirmed) or, for an end, 'ongoing'",
        }
    ),
]


def _check_timezone(value: Any) -> str:
    value = _require_text(value, "a time zone name")
    if value not in _timezones():
        raise problem(
            f"{describe(value)} is not the IANA name of a place's time zone (e.g. 'Europe/Zurich')"
        )
    return value


@cache
def _timezones() -> frozenset[str]:
    """IANA zone names, less those whose meaning depends on the machine ('localtime') or that
    name no place ('Factory', 'posixrules', 'posix/...', 'right/...')."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in ("localtime", "Factory", "posixrules")
        and not name.startswith(("posix/", "right/"))
    )


TimeZone = Annotated[
    str,
    BeforeValidator(_check_timezone),
    WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/Zurich"}),
]


def _check_file(value: Any) -> str:
    value = _require_text(value, "a file name")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*", value) or (
        ".." in value
    ):
        raise problem(
            f"{describe(value)} is not a file name in content/files/: use letters, digits, "
            "dots, hyphens and underscores"
        )
    return value


class IsFile:
    """Metadata of a field naming a file of content/files/ (checked to exist, published)."""


FileName = Annotated[
    str,
    BeforeValidator(_check_file),
    WithJsonSchema({"type": "string", "description": "A file in content/files/"}),
    IsFile(),
]
