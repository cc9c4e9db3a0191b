"""The submission forms, defined once for the three places that use them.

- GitHub issue forms (``.github/ISSUE_TEMPLATE/*.yml``): people without git fill one in; GitHub
  renders the answers as "### Label" sections of the issue body.
- ``acsg from-issue`` (``intake.py``) turns such a body back into a record, field by field.
- The portal's "Submit" page builds its form from ``docs/assets/submit/forms.json`` and the
  JSON Schemas copied beside it.

Each field says what it holds (``value``), where it goes in the record (``key``) and its label
in English, French and Spanish. ``acsg schemas`` writes the issue forms and the page's files
from these definitions; a test fails when the committed copies are out of date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, assert_never

from acsg.files import write_if_changed
from acsg.models import KINDS
from acsg.schemas import SCHEMA_COMMENT, schema_for
from acsg.vocab import LANGUAGES, vocabulary
from acsg.yamlfile import dump

Labels = dict[str, str]

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
    "org",
    "countries",  # ISO codes or names, separated by commas
    "partial-date",
    "day",
    "id",  # the record's id (its file name)
    "documents",  # one a line: the link, then its title
    "record",  # the pledge or match a progress report is about
]
# How a field is shown: input (one line), textarea or dropdown.
Widget = Literal["input", "textarea", "dropdown"]
YES_NO = {
    "true": {"en": "Yes", "fr": "Oui", "es": "Sí"},
    "false": {"en": "No", "fr": "Non", "es": "No"},
}


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
            case "line" | "year" | "link" | "org" | "countries":
                return "input"
            case "partial-date" | "day" | "id" | "record":
                return "input"
            case _:
                assert_never(value)

    @property
    def heading(self) -> str:
        """The label GitHub shows, and renders as the "### heading" of the answer."""
        return trilingual(self.label)

    def options(self) -> dict[str, Labels]:
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


def L(en: str, fr: str, es: str) -> Labels:
    return {"en": en, "fr": fr, "es": es}


# --- fields shared by several forms ---------------------------------------------------------

LANGUAGE = FormField(
    "language",
    "language",
    L("Language of your text", "Langue de votre texte", "Idioma de su texto"),
    L(
        "Write in English, French or Spanish; the portal shows your text in its original language.",
        "Écrivez en anglais, en français ou en espagnol ; le portail affiche votre texte dans sa langue d'origine.",
        "Escriba en inglés, francés o español; el portal muestra su texto en su idioma original.",
    ),
    required=True,
    vocabulary="languages",
    key=("language",),
)
TITLE = FormField(
    "title",
    "line",
    L("Title", "Titre", "Título"),
    L(
        "A short title, in one line.",
        "Un titre court, sur une ligne.",
        "Un título breve, en una línea.",
    ),
    required=True,
    key=("title",),
)
RECORD_ID = FormField(
    "id",
    "id",
    L(
        "Short name for the file (optional)",
        "Nom court du fichier (facultatif)",
        "Nombre corto del archivo (opcional)",
    ),
    L(
        "Lowercase letters, digits and hyphens, e.g. niger-registration-request. Left empty, it is made from the title.",
        "Lettres minuscules, chiffres et tirets, p. ex. niger-registration-request. Laissé vide, il est tiré du titre.",
        "Minúsculas, cifras y guiones, p. ej. niger-registration-request. Si se deja vacío, se toma del título.",
    ),
    key=("id",),
    placeholder="niger-registration-request",
)
ENTITIES = FormField(
    "entities",
    "orgs",
    L(
        "States or organizations making the pledge",
        "États ou organisations auteurs de la promesse",
        "Estados u organizaciones autores de la promesa",
    ),
    L(
        "One per line: the id, name or acronym of a State or organization listed on the portal (e.g. niger, OFPRA). Several for a joint pledge.",
        "Un par ligne : l'identifiant, le nom ou le sigle d'un État ou d'une organisation présent sur le portail (p. ex. niger, OFPRA). Plusieurs pour une promesse conjointe.",
        "Uno por línea: el identificador, nombre o sigla de un Estado u organización que figura en el portal (p. ej. niger, OFPRA). Varios para una promesa conjunta.",
    ),
    required=True,
    key=("entities",),
)
COUNTRIES = FormField(
    "countries",
    "countries",
    L("Countries concerned", "Pays concernés", "Países concernidos"),
    L(
        "ISO 3166 codes or names, separated by commas (e.g. NER, TCD). Left empty, the pledging States' countries count.",
        "Codes ISO 3166 ou noms, séparés par des virgules (p. ex. NER, TCD). Laissé vide, les pays des États auteurs comptent.",
        "Códigos ISO 3166 o nombres, separados por comas (p. ej. NER, TCD). Si se deja vacío, cuentan los países de los Estados.",
    ),
    key=("countries",),
    placeholder="NER, TCD",
)
SUPPORT_TYPES = FormField(
    "support_types",
    "terms",
    L("Types of support", "Types d'appui", "Tipos de apoyo"),
    required=False,
    vocabulary="support_types",
    key=("support_types",),
)
TOPICS = FormField(
    "topics",
    "terms",
    L("Topics", "Thèmes", "Temas"),
    vocabulary="topics",
    key=("topics",),
)
AREAS = FormField(
    "areas",
    "terms",
    L("Pledging areas", "Domaines d'engagement", "Ámbitos del compromiso"),
    vocabulary="areas",
    key=("areas",),
)
QUALITY = FormField(
    "quality_dimensions",
    "terms",
    L("Quality dimensions", "Dimensions de la qualité", "Dimensiones de la calidad"),
    vocabulary="quality_dimensions",
    key=("quality_dimensions",),
)
PLEDGE_STAGE = FormField(
    "stage",
    "term",
    L("Stage", "Étape", "Etapa"),
    vocabulary="pledge_stages",
    key=("stage",),
)
GRF = FormField(
    "grf_pledge",
    "bool",
    L(
        "A formal Global Refugee Forum pledge?",
        "Une promesse officielle du Forum mondial sur les réfugiés ?",
        "¿Una promesa formal del Foro Mundial sobre los Refugiados?",
    ),
    L(
        "Leave empty if you do not know.",
        "Laissez vide si vous ne savez pas.",
        "Déjelo vacío si no lo sabe.",
    ),
    key=("grf_pledge",),
)
FORUM = FormField(
    "forum",
    "term",
    L("Forum", "Forum", "Foro"),
    vocabulary="forums",
    key=("forum",),
)
YEAR = FormField(
    "year",
    "year",
    L("Year of the pledge", "Année de la promesse", "Año de la promesa"),
    key=("year",),
    placeholder="2023",
)
GCR_URL = FormField(
    "gcr_url",
    "link",
    L(
        "The pledge on the GCR platform (link)",
        "La promesse sur la plateforme du Pacte mondial (lien)",
        "La promesa en la plataforma del Pacto Mundial (enlace)",
    ),
    key=("gcr_url",),
    placeholder="https://globalcompactrefugees.org/pledges-contributions/...",
)
SOURCES = FormField(
    "sources",
    "links",
    L("Sources (links)", "Sources (liens)", "Fuentes (enlaces)"),
    L(
        "One link per line (https://...) to public documents that support what you wrote.",
        "Un lien par ligne (https://...) vers des documents publics qui confirment ce que vous avez écrit.",
        "Un enlace por línea (https://...) a documentos públicos que respaldan lo que escribió.",
    ),
    required=True,
    key=("sources",),
    placeholder="https://",
)


def _pledge_form(name: str, pledge_kind: str, title: Labels, about: Labels, what: Labels) -> Form:
    description = FormField(
        "description",
        "text",
        what,
        L(
            "Objectives, activities, timeframe and who is involved. Markdown is welcome; HTML is not.",
            "Objectifs, activités, calendrier et acteurs. Le Markdown est bienvenu ; le HTML non.",
            "Objetivos, actividades, plazos y participantes. Se admite Markdown, no HTML.",
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
    L("Request support", "Demander un appui", "Solicitar apoyo"),
    L(
        "A State or asylum authority asks for support to strengthen its asylum system.",
        "Un État ou une autorité chargée de l'asile demande un appui pour renforcer son système d'asile.",
        "Un Estado o una autoridad de asilo solicita apoyo para fortalecer su sistema de asilo.",
    ),
    L("What support is requested?", "Quel appui est demandé ?", "¿Qué apoyo se solicita?"),
)
OFFER = _pledge_form(
    "offer-support",
    "offer",
    L("Offer support", "Offrir un appui", "Ofrecer apoyo"),
    L(
        "A State or organization offers expertise, material or funding to asylum systems.",
        "Un État ou une organisation offre une expertise, du matériel ou un financement aux systèmes d'asile.",
        "Un Estado o una organización ofrece experiencia, material o financiación a los sistemas de asilo.",
    ),
    L("What support is offered?", "Quel appui est offert ?", "¿Qué apoyo se ofrece?"),
)

PRACTICE = Form(
    name="good-practice",
    kind="good-practice",
    pledge_kind=None,
    title=L(
        "Share a good practice or tool",
        "Partager une bonne pratique ou un outil",
        "Compartir una buena práctica o herramienta",
    ),
    about=L(
        "A practice, tool, guidance or training material that others working on asylum can use.",
        "Une pratique, un outil, des orientations ou un matériel de formation utiles à d'autres acteurs de l'asile.",
        "Una práctica, herramienta, orientación o material de capacitación útil para otros actores del asilo.",
    ),
    issue_title="[Good practice] ",
    fields=(
        LANGUAGE,
        FormField(
            "kind",
            "term",
            L("What is it?", "De quoi s'agit-il ?", "¿De qué se trata?"),
            required=True,
            vocabulary="practice_kinds",
            key=("kind",),
        ),
        TITLE,
        FormField(
            "narrative",
            "text",
            L("Description", "Description", "Descripción"),
            L(
                "What was done, why it worked, and what others can take from it. Markdown is welcome; HTML is not.",
                "Ce qui a été fait, pourquoi cela a fonctionné et ce que d'autres peuvent en retenir. Le Markdown est bienvenu ; le HTML non.",
                "Qué se hizo, por qué funcionó y qué pueden aprovechar otros. Se admite Markdown, no HTML.",
            ),
            required=True,
            key=("narrative",),
        ),
        FormField(
            "countries",
            "countries",
            L(
                "Countries where it is practised",
                "Pays où elle est pratiquée",
                "Países donde se aplica",
            ),
            COUNTRIES.help,
            key=("countries",),
            placeholder="CRI, MEX",
        ),
        TOPICS,
        FormField(
            "categories",
            "terms",
            L("Categories", "Catégories", "Categorías"),
            vocabulary="practice_categories",
            key=("categories",),
        ),
        FormField(
            "tags",
            "terms",
            L("Tags", "Étiquettes", "Etiquetas"),
            vocabulary="practice_tags",
            key=("tags",),
        ),
        FormField(
            "timeframe_start",
            "partial-date",
            L(
                "Since (year, month or day)",
                "Depuis (année, mois ou jour)",
                "Desde (año, mes o día)",
            ),
            L(
                "e.g. 2021, 2021-04 or 2021-04-14",
                "p. ex. 2021, 2021-04 ou 2021-04-14",
                "p. ej. 2021, 2021-04 o 2021-04-14",
            ),
            key=("timeframe", "start"),
            placeholder="2021-04",
        ),
        FormField(
            "timeframe_end",
            "partial-date",
            L("Until (or 'ongoing')", "Jusqu'à (ou « ongoing »)", "Hasta (u «ongoing»)"),
            key=("timeframe", "end"),
            placeholder="ongoing",
        ),
        FormField(
            "shared_by",
            "orgs",
            L("Shared by", "Partagée par", "Compartida por"),
            ENTITIES.help,
            key=("shared_by",),
        ),
        FormField(
            "stakeholders",
            "orgs",
            L("Other stakeholders", "Autres parties prenantes", "Otras partes interesadas"),
            ENTITIES.help,
            key=("stakeholders",),
        ),
        FormField(
            "website",
            "link",
            L("Website", "Site web", "Sitio web"),
            key=("website",),
            placeholder="https://",
        ),
        FormField(
            "documents",
            "documents",
            L("Documents (links)", "Documents (liens)", "Documentos (enlaces)"),
            L(
                "One per line: the link, then its title after a space.",
                "Un par ligne : le lien, puis son titre après une espace.",
                "Uno por línea: el enlace y, tras un espacio, su título.",
            ),
            key=("documents",),
            placeholder="https://www.example.org/guide.pdf Practical guide",
        ),
        SOURCES,
        RECORD_ID,
    ),
    web=True,
)


def _update_text(lang: str, labels: Labels) -> FormField:
    return FormField(
        f"text_{lang}",
        "text",
        labels,
        L(
            "At least in the language of the pledge or match; the others are optional.",
            "Au moins dans la langue de l'engagement ou de la mise en relation ; les autres sont facultatives.",
            "Al menos en el idioma del compromiso o del emparejamiento; los demás son opcionales.",
        ),
        key=("text", lang),
        lang=lang,
    )


PROGRESS = Form(
    name="progress-report",
    kind=None,
    pledge_kind=None,
    title=L(
        "Report progress on a pledge or match",
        "Signaler l'avancement d'un engagement ou d'une mise en relation",
        "Informar sobre el avance de un compromiso o emparejamiento",
    ),
    about=L(
        "A dated update on a pledge or match already on the portal.",
        "Une mise à jour datée d'un engagement ou d'une mise en relation déjà présents sur le portail.",
        "Una actualización fechada de un compromiso o emparejamiento que ya figura en el portal.",
    ),
    issue_title="[Progress] ",
    fields=(
        FormField(
            "record",
            "record",
            L("Pledge or match", "Engagement ou mise en relation", "Compromiso o emparejamiento"),
            L(
                "Its address on the portal (e.g. https://.../pledges/denmark-grf-2019/) or its id (pledges/denmark-grf-2019).",
                "Son adresse sur le portail (p. ex. https://.../fr/pledges/denmark-grf-2019/) ou son identifiant (pledges/denmark-grf-2019).",
                "Su dirección en el portal (p. ej. https://.../es/pledges/denmark-grf-2019/) o su identificador (pledges/denmark-grf-2019).",
            ),
            required=True,
            placeholder="pledges/denmark-grf-2019",
        ),
        FormField(
            "date",
            "day",
            L(
                "Date of the progress (YYYY-MM-DD)",
                "Date de l'avancée (AAAA-MM-JJ)",
                "Fecha del avance (AAAA-MM-DD)",
            ),
            required=True,
            key=("date",),
            placeholder="2025-06-30",
        ),
        FormField(
            "stage",
            "term",
            L(
                "New stage (if it changed)",
                "Nouvelle étape (si elle a changé)",
                "Nueva etapa (si cambió)",
            ),
            vocabulary="stages",
            key=("stage",),
        ),
        _update_text(
            "en", L("Update in English", "Mise à jour en anglais", "Actualización en inglés")
        ),
        _update_text(
            "fr", L("Update in French", "Mise à jour en français", "Actualización en francés")
        ),
        _update_text(
            "es", L("Update in Spanish", "Mise à jour en espagnol", "Actualización en español")
        ),
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

INTRO = L(
    "Thank you! Fill in what you know; fields marked with a red star are required. The ACSG "
    "Secretariat turns this issue into a proposed change of the portal, reviews it and publishes "
    "it. Do not give personal data: name organizations, not people.",
    "Merci ! Indiquez ce que vous savez ; les champs marqués d'une étoile rouge sont obligatoires. "
    "Le Secrétariat de l'ACSG transforme ce ticket en proposition de modification du portail, la "
    "relit et la publie. Ne donnez pas de données personnelles : nommez des organisations, pas des "
    "personnes.",
    "¡Gracias! Indique lo que sepa; los campos con una estrella roja son obligatorios. La "
    "Secretaría del ACSG convierte esta incidencia en una propuesta de cambio del portal, la "
    "revisa y la publica. No incluya datos personales: nombre organizaciones, no personas.",
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


ISSUE_CONFIG = {
    "blank_issues_enabled": True,
    "contact_links": [
        {
            "name": "ACSG Secretariat / Secrétariat de l'ACSG / Secretaría del ACSG",
            "url": "https://acsg-portal.org/",
            "about": "Questions about the ACSG itself / Questions sur l'ACSG / Preguntas sobre el ACSG",
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
    texts["config.yml"] = _yaml(ISSUE_CONFIG, GENERATED_HEADER)
    return texts


# --- the Submit page's data -------------------------------------------------------------------


def _web_field(field: FormField) -> dict:
    data: dict = {
        "id": field.id,
        "value": field.value,
        "widget": field.widget,
        "label": field.label,
        "required": field.required,
        "key": list(field.key),
    }
    if field.help:
        data["help"] = field.help
    if field.placeholder:
        data["placeholder"] = field.placeholder
    options = field.options()
    if options:
        data["options"] = [{"value": value, "label": labels} for value, labels in options.items()]
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
                "title": form.title,
                "about": form.about,
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
