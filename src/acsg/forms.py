"""The submission forms, defined once for the three places that use them.

- GitHub issue forms (``.github/ISSUE_TEMPLATE/*.yml``): people without git fill one in; GitHub
  renders the answers as "### Label" sections of the issue body.
- ``acsg from-issue`` (``intake.py``) turns such a body back into a record, field by field.
- The portal's "Submit" page builds its form from ``docs/assets/submit/forms.json`` and the
  JSON Schemas copied beside it.

Each field says what it holds (``value``), where it goes in the record (``key``) and its label,
an English interface string (marked ``N_``) whose French and Spanish are in the gettext
catalogues (``make messages``) like the pages' strings. ``acsg schemas`` writes the issue forms and the page's files
from these definitions; a test fails when the committed copies are out of date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, assert_never

from acsg.files import write_if_changed
from acsg.models import KINDS
from acsg.schemas import SCHEMA_COMMENT, schema_for
from acsg.vocab import LANGUAGES, vocabulary
from acsg.yamlfile import dump

Labels = Mapping[str, str]  # language -> text

ISSUE_FORMS = Path(".github") / "ISSUE_TEMPLATE"
SUBMIT_ASSETS = Path("docs") / "assets" / "submit"
SUBMISSION_LABEL = "submission"
NO_RESPONSE = "_No response_"
# What a field holds (its `value`): how `acsg from-issue` reads the answer and where it goes.
ValueKind = Literal[
    "language",  # one of the three languages (a dropdown)
    "line",  # one line of text, in the record's language
    "text",  # Markdown text, in the record's language (or the field's `lang`)
    "term",  # one id of the field's vocabulary (a dropdown)
    "terms",  # several ids of the field's vocabulary (a dropdown, several choices)
    "bool",  # yes or no (a dropdown)
    "year",
    "link",
    "links",  # one link a line
    "orgs",  # organizations one a line, by id, acronym or name
    "countries",  # ISO codes or names, separated by commas
    "partial-date",
    "day",
    "id",  # the record's id (its file name)
    "documents",  # one a line: the link, then its title
    "record",  # the pledge or match a progress report is about
]
# How a field is shown: input (one line), textarea or dropdown.
Widget = Literal["input", "textarea", "dropdown"]


class Message(Mapping[str, str]):
    """An interface string in each language, from the gettext catalogues (as typed there: the
    issue forms keep plain spaces in French). Looked up when first read, so that importing the
    forms loads no catalogue; ``fill`` gives its %(name)s placeholders, language by language."""

    def __init__(
        self, message: str, context: str | None = None, fill: Mapping[str, Labels] | None = None
    ) -> None:
        self.message = message
        self.context = context
        self.fill = fill or {}

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        if lang == "en":
            text = self.message
        else:
            from acsg.i18n import catalogue_text  # i18n's imports (Babel's dates) when needed

            text = catalogue_text(self.message, lang, self.context)
        if self.fill:
            text %= {name: labels[lang] for name, labels in self.fill.items()}
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __repr__(self) -> str:
        return f"Message({self.message!r})"


def N_(message: str, **fill: Labels) -> Message:
    """``message`` in each language; ``make messages`` extracts it (``pybabel extract -k N_``)."""
    return Message(message, None, fill)


def NP_(context: str, message: str) -> Message:
    """``message`` where it is translated otherwise than on the pages (``-k NP_:1c,2``)."""
    return Message(message, context)


YES_NO = {"true": N_("Yes"), "false": N_("No")}


@dataclass(frozen=True)
class FormField:
    id: str
    value: ValueKind
    label: Labels
    help: Labels | None = None
    required: bool = False
    vocabulary: str | None = None
    key: tuple[str, ...] = ()
    lang: str | None = None  # a text given in this language rather than the record's
    placeholder: str | None = None

    @property
    def widget(self) -> Widget:
        value = self.value
        match value:
            case "language" | "term" | "terms" | "bool":
                return "dropdown"
            case "text" | "links" | "orgs" | "documents":
                return "textarea"
            case "line" | "year" | "link" | "countries":
                return "input"
            case "partial-date" | "day" | "id" | "record":
                return "input"
            case _:
                assert_never(value)

    @property
    def heading(self) -> str:
        """The label GitHub shows, and renders as the "### heading" of the answer."""
        return trilingual(self.label)

    def options(self) -> Mapping[str, Labels]:
        """Dropdown choices: stored value -> label per language."""
        if self.value == "bool":
            return YES_NO
        if self.vocabulary == "stages":
            return {**vocabulary("match_stages").labels, **vocabulary("pledge_stages").labels}
        if self.vocabulary:
            return vocabulary(self.vocabulary).labels
        return {}


@dataclass(frozen=True)
class Form:
    name: str
    kind: str | None  # the record kind written; None for a progress report (edits a record)
    pledge_kind: str | None
    title: Labels
    about: Labels
    issue_title: str
    fields: tuple[FormField, ...]
    web: bool  # offered on the portal's Submit page too

    @property
    def labels(self) -> list[str]:
        return [SUBMISSION_LABEL, self.name]

    def field(self, field_id: str) -> FormField:
        return next(field for field in self.fields if field.id == field_id)


def trilingual(labels: Labels) -> str:
    """'Title / Titre / Título': each language once, in en, fr, es order."""
    return " / ".join(dict.fromkeys(labels[lang] for lang in LANGUAGES))


# --- fields shared by several forms ---------------------------------------------------------

LANGUAGE = FormField(
    "language",
    "language",
    N_("Language of your text"),
    N_("Write in English, French or Spanish; the portal shows your text in its original language."),
    required=True,
    vocabulary="languages",
    key=("language",),
)
TITLE = FormField(
    "title",
    "line",
    N_("Title"),
    N_("A short title, in one line."),
    required=True,
    key=("title",),
)
RECORD_ID = FormField(
    "id",
    "id",
    N_("Short name for the file (optional)"),
    N_(
        "Lowercase letters, digits and hyphens, e.g. niger-registration-request. Left empty, it is made from the title."
    ),
    key=("id",),
    placeholder="niger-registration-request",
)
ENTITIES = FormField(
    "entities",
    "orgs",
    N_("States or organizations making the pledge"),
    N_(
        "One per line: the id, name or acronym of a State or organization listed on the portal (e.g. niger, OFPRA). Several for a joint pledge."
    ),
    required=True,
    key=("entities",),
)
COUNTRIES = FormField(
    "countries",
    "countries",
    N_("Countries concerned"),
    N_(
        "ISO 3166 codes or names, separated by commas (e.g. NER, TCD). Left empty, the pledging States' countries count."
    ),
    key=("countries",),
    placeholder="NER, TCD",
)
SUPPORT_TYPES = FormField(
    "support_types",
    "terms",
    N_("Types of support"),
    required=False,
    vocabulary="support_types",
    key=("support_types",),
)
TOPICS = FormField(
    "topics",
    "terms",
    N_("Topics"),
    vocabulary="topics",
    key=("topics",),
)
AREAS = FormField(
    "areas",
    "terms",
    NP_("issue form", "Pledging areas"),
    vocabulary="areas",
    key=("areas",),
)
QUALITY = FormField(
    "quality_dimensions",
    "terms",
    N_("Quality dimensions"),
    vocabulary="quality_dimensions",
    key=("quality_dimensions",),
)
PLEDGE_STAGE = FormField(
    "stage",
    "term",
    N_("Stage"),
    vocabulary="pledge_stages",
    key=("stage",),
)
GRF = FormField(
    "grf_pledge",
    "bool",
    N_("A formal Global Refugee Forum pledge?"),
    N_("Leave empty if you do not know."),
    key=("grf_pledge",),
)
FORUM = FormField(
    "forum",
    "term",
    N_("Forum"),
    vocabulary="forums",
    key=("forum",),
)
YEAR = FormField(
    "year",
    "year",
    N_("Year of the pledge"),
    key=("year",),
    placeholder="2023",
)
GCR_URL = FormField(
    "gcr_url",
    "link",
    N_("The pledge on the GCR platform (link)"),
    key=("gcr_url",),
    placeholder="https://globalcompactrefugees.org/pledges-contributions/...",
)
SOURCES = FormField(
    "sources",
    "links",
    N_("Sources (links)"),
    N_("One link per line (https://...) to public documents that support what you wrote."),
    required=True,
    key=("sources",),
    placeholder="https://",
)


def _pledge_form(name: str, pledge_kind: str, title: Labels, about: Labels, what: Labels) -> Form:
    description = FormField(
        "description",
        "text",
        what,
        N_(
            "Objectives, activities, timeframe and who is involved. Markdown is welcome; HTML is not."
        ),
        required=True,
        key=("description",),
    )
    return Form(
        name=name,
        kind="pledge",
        pledge_kind=pledge_kind,
        title=title,
        about=about,
        issue_title=f"[{title['en']}] ",
        fields=(
            LANGUAGE,
            TITLE,
            description,
            ENTITIES,
            COUNTRIES,
            SUPPORT_TYPES,
            TOPICS,
            AREAS,
            QUALITY,
            PLEDGE_STAGE,
            GRF,
            FORUM,
            YEAR,
            GCR_URL,
            SOURCES,
            RECORD_ID,
        ),
        web=True,
    )


REQUEST = _pledge_form(
    "request-support",
    "request",
    N_("Request support"),
    N_("A State or asylum authority asks for support to strengthen its asylum system."),
    N_("What support is requested?"),
)
OFFER = _pledge_form(
    "offer-support",
    "offer",
    N_("Offer support"),
    N_("A State or organization offers expertise, material or funding to asylum systems."),
    N_("What support is offered?"),
)

PRACTICE = Form(
    name="good-practice",
    kind="good-practice",
    pledge_kind=None,
    title=N_("Share a good practice or tool"),
    about=N_(
        "A practice, tool, guidance or training material that others working on asylum can use."
    ),
    issue_title="[Good practice] ",
    fields=(
        LANGUAGE,
        FormField(
            "kind",
            "term",
            N_("What is it?"),
            required=True,
            vocabulary="practice_kinds",
            key=("kind",),
        ),
        TITLE,
        FormField(
            "narrative",
            "text",
            N_("Description"),
            N_(
                "What was done, why it worked, and what others can take from it. Markdown is welcome; HTML is not."
            ),
            required=True,
            key=("narrative",),
        ),
        FormField(
            "countries",
            "countries",
            N_("Countries where it is practised"),
            COUNTRIES.help,
            key=("countries",),
            placeholder="CRI, MEX",
        ),
        TOPICS,
        FormField(
            "categories",
            "terms",
            N_("Categories"),
            vocabulary="practice_categories",
            key=("categories",),
        ),
        FormField(
            "tags",
            "terms",
            N_("Tags"),
            vocabulary="practice_tags",
            key=("tags",),
        ),
        FormField(
            "timeframe_start",
            "partial-date",
            N_("Since (year, month or day)"),
            N_("e.g. 2021, 2021-04 or 2021-04-14"),
            key=("timeframe", "start"),
            placeholder="2021-04",
        ),
        FormField(
            "timeframe_end",
            "partial-date",
            N_("Until (or 'ongoing')"),
            key=("timeframe", "end"),
            placeholder="ongoing",
        ),
        FormField(
            "shared_by",
            "orgs",
            N_("Shared by"),
            ENTITIES.help,
            key=("shared_by",),
        ),
        FormField(
            "stakeholders",
            "orgs",
            N_("Other stakeholders"),
            ENTITIES.help,
            key=("stakeholders",),
        ),
        FormField(
            "website",
            "link",
            N_("Website"),
            key=("website",),
            placeholder="https://",
        ),
        FormField(
            "documents",
            "documents",
            N_("Documents (links)"),
            N_("One per line: the link, then its title after a space."),
            key=("documents",),
            placeholder="https://www.example.org/guide.pdf Practical guide",
        ),
        SOURCES,
        RECORD_ID,
    ),
    web=True,
)


def _update_text(lang: str) -> FormField:
    return FormField(
        f"text_{lang}",
        "text",
        N_("Update in %(language)s", language=vocabulary("languages").labels[lang]),
        N_("At least in the language of the pledge or match; the others are optional."),
        key=("text", lang),
        lang=lang,
    )


PROGRESS = Form(
    name="progress-report",
    kind=None,
    pledge_kind=None,
    title=N_("Report progress on a pledge or match"),
    about=N_("A dated update on a pledge or match already on the portal."),
    issue_title="[Progress] ",
    fields=(
        FormField(
            "record",
            "record",
            N_("Pledge or match"),
            N_(
                "Its address on the portal (e.g. https://.../pledges/denmark-grf-2019/) or its id (pledges/denmark-grf-2019)."
            ),
            required=True,
            placeholder="pledges/denmark-grf-2019",
        ),
        FormField(
            "date",
            "day",
            N_("Date of the progress (YYYY-MM-DD)"),
            required=True,
            key=("date",),
            placeholder="2025-06-30",
        ),
        FormField(
            "stage",
            "term",
            N_("New stage (if it changed)"),
            vocabulary="stages",
            key=("stage",),
        ),
        _update_text("en"),
        _update_text("fr"),
        _update_text("es"),
        FormField(
            "sources",
            "links",
            SOURCES.label,
            SOURCES.help,
            key=("sources",),
            placeholder="https://",
        ),
    ),
    web=False,
)

FORMS: dict[str, Form] = {form.name: form for form in (REQUEST, OFFER, PRACTICE, PROGRESS)}


# --- GitHub issue forms -----------------------------------------------------------------------

INTRO = N_(
    "Thank you! Fill in what you know; fields marked with a red star are required. The ACSG "
    "Secretariat turns this issue into a proposed change of the portal, reviews it and publishes "
    "it. Do not give personal data: name organizations, not people."
)


def option_label(labels: Labels) -> str:
    return trilingual(labels)


def _issue_field(field: FormField) -> dict:
    attributes: dict = {"label": field.heading}
    if field.help:
        attributes["description"] = trilingual(field.help)
    if field.widget == "dropdown":
        attributes["multiple"] = field.value == "terms"
        attributes["options"] = [option_label(labels) for labels in field.options().values()]
    elif field.placeholder:
        attributes["placeholder"] = field.placeholder
    element: dict = {"type": field.widget, "id": field.id, "attributes": attributes}
    element["validations"] = {"required": field.required}
    return element


def issue_form(form: Form) -> dict:
    """The GitHub issue form (as data) of one submission form."""
    intro = "\n\n".join(INTRO[lang] for lang in LANGUAGES)
    return {
        "name": trilingual(form.title),
        "description": trilingual(form.about),
        "title": form.issue_title,
        "labels": form.labels,
        "body": [{"type": "markdown", "attributes": {"value": intro}}]
        + [_issue_field(field) for field in form.fields],
    }


def issue_config() -> dict:
    """The issue forms' config.yml (as data): blank issues allowed, and who to ask."""
    return {
        "blank_issues_enabled": True,
        "contact_links": [
            {
                "name": trilingual(N_("ACSG Secretariat")),
                "url": "https://acsg-portal.org/",
                "about": trilingual(N_("Questions about the ACSG itself")),
            }
        ],
    }


def _yaml(data: dict, header: str) -> str:
    body = dump(data, width=100, record=False)
    return header + body


GENERATED_HEADER = (
    "# Written by `acsg schemas` from src/acsg/forms.py: edit that file, not this one.\n"
)


def issue_form_texts() -> dict[str, str]:
    """File name -> text of every issue form file (and config.yml)."""
    texts = {
        f"{name}.yml": _yaml(issue_form(form), GENERATED_HEADER) for name, form in FORMS.items()
    }
    texts["config.yml"] = _yaml(issue_config(), GENERATED_HEADER)
    return texts


# --- the Submit page's data -------------------------------------------------------------------


def _web_field(field: FormField) -> dict:
    data: dict = {
        "id": field.id,
        "value": field.value,
        "widget": field.widget,
        "label": dict(field.label),
        "required": field.required,
        "key": list(field.key),
    }
    if field.help:
        data["help"] = dict(field.help)
    if field.placeholder:
        data["placeholder"] = field.placeholder
    options = field.options()
    if options:
        data["options"] = [
            {"value": value, "label": dict(labels)} for value, labels in options.items()
        ]
    return data


def web_forms() -> dict:
    """What the Submit page's script needs: the forms, their fields and labels, and where
    records go. Read with the JSON Schemas copied beside it."""
    return {
        "schemaComment": SCHEMA_COMMENT,
        "forms": [
            {
                "name": form.name,
                "kind": form.kind,
                "folder": KINDS[form.kind].folder,
                "schema": f"{form.kind}.schema.json",
                "pledgeKind": form.pledge_kind,
                "title": dict(form.title),
                "about": dict(form.about),
                "fields": [_web_field(field) for field in form.fields],
            }
            for form in FORMS.values()
            if form.web and form.kind
        ],
    }


def submit_asset_texts() -> dict[str, str]:
    """File name -> text of the Submit page's generated files (forms and schema copies)."""
    kinds = sorted({form.kind for form in FORMS.values() if form.web and form.kind})
    texts = {
        f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in kinds
    }
    texts["forms.json"] = json.dumps(web_forms(), indent=1, ensure_ascii=False) + "\n"
    return texts


def derived_texts() -> dict[Path, str]:
    """Every file written from the models besides schemas/: path (from the repository root)
    -> text."""
    texts = {ISSUE_FORMS / name: text for name, text in issue_form_texts().items()}
    texts.update({SUBMIT_ASSETS / name: text for name, text in submit_asset_texts().items()})
    return texts


def write_derived(root: Path) -> list[Path]:
    """Write the derived files under ``root`` whose text changed; return the files written."""
    paths = {root / relative: text for relative, text in derived_texts().items()}
    return [path for path, text in paths.items() if write_if_changed(path, text.encode("utf-8"))]
