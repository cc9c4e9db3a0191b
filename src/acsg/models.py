"""The record kinds of the portal as pydantic models (unknown fields are errors).

Each record is one YAML file whose name is its id. Human text is given per language
(``Text``/``Title``); ``language`` names the original and ``unreviewed`` the translations that
nobody has reviewed yet. Regions are never typed: they are derived from countries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Annotated, Any, Protocol

from pydantic import Field

from acsg.fields import (
    Country,
    Day,
    EventRef,
    FileName,
    Id,
    Language,
    Line,
    Link,
    MatchRef,
    Moment,
    NotMatchingRef,
    OrgRef,
    PartialDate,
    PledgeRef,
    PracticeRef,
    PublicText,
    Strict,
    Term,
    Text,
    TimeZone,
    Title,
    references,
)

StakeholderType = Annotated[str, Term("stakeholder_types", "stakeholder type")]
PledgeKind = Annotated[str, Term("pledge_kinds", "pledge kind")]
Forum = Annotated[str, Term("forums", "forum")]
Area = Annotated[str, Term("areas", "pledging area")]
QualityDimension = Annotated[str, Term("quality_dimensions", "quality dimension")]
SupportType = Annotated[str, Term("support_types", "support type")]
Topic = Annotated[str, Term("topics", "topic")]
PledgeStage = Annotated[str, Term("pledge_stages", "pledge stage")]
MatchStage = Annotated[str, Term("match_stages", "match stage")]
Channel = Annotated[str, Term("channels", "channel")]
PracticeKind = Annotated[str, Term("practice_kinds", "good practice kind")]
EventKind = Annotated[str, Term("event_kinds", "event kind")]
Workstream = Annotated[str, Term("workstreams", "workstream")]
SessionFormat = Annotated[str, Term("session_formats", "session format")]
InterpretationLanguage = Annotated[str, Term("interpretation_languages", "interpretation language")]
DocumentKind = Annotated[str, Term("document_kinds", "document kind")]
PracticeCategory = Annotated[str, Term("practice_categories", "good practice category")]
PracticeTag = Annotated[str, Term("practice_tags", "tag")]
Modality = Annotated[str, Term("roster_modalities", "way of working")]
Region = Annotated[str, Term("regions", "UNHCR region")]


class Record(Strict):
    """What every record has: its id, original language, sources and dates."""

    id: Id = Field(description="Stable id; must equal the file name without .yaml")
    language: Language = Field(description="The language the record was written in")
    unreviewed: list[Language] = Field(
        default=[], description="Translations in this record that nobody has reviewed yet"
    )
    sources: list[Link] = Field(min_length=1, description="Where the facts come from (URLs)")
    created: Day = Field(description="When the record was created (YYYY-MM-DD)")
    updated: Day = Field(description="When the record was last changed (YYYY-MM-DD)")


class Organization(Record):
    """A State or a named body taking part in pledges, matches, practices or events."""

    type: StakeholderType
    country: Country | None = Field(default=None, description="Required for a State")
    name: Title | None = Field(default=None, description="Not needed for a State (from ISO 3166)")
    acronym: Line | None = None
    part_of: OrgRef | None = Field(default=None, description="The State or body it belongs to")
    website: Link | None = None
    description: Text | None = None


class Update(Strict):
    """A dated progress update."""

    date: Day
    text: Text


class PledgeUpdate(Update):
    stage: PledgeStage | None = None


class MatchUpdate(Update):
    stage: MatchStage | None = None


class Timeframe(Strict):
    """When something runs: a start and an end (a year, month or day), 'tbc' or 'ongoing'."""

    start: PartialDate | None = None
    end: PartialDate | None = None


class Dismissal(Strict):
    """A suggestion of the matching assistant that the Secretariat set aside, and why."""

    pledge: NotMatchingRef  # the need or offer that is not a match for this one
    reason: Text


class Pledge(Record):
    """A commitment to improve one's own asylum system, a request for support, or an offer."""

    kind: PledgeKind | None = Field(
        default=None,
        description="Commitment, request or offer, as the source says; leave out when the "
        "source does not say (shown as 'not stated')",
    )
    title: Title
    description: Text | None = None
    grf_pledge: bool | None = Field(
        default=None, description="A formal Global Refugee Forum pledge (leave out when unknown)"
    )
    forum: Forum | None = None
    year: int | None = Field(default=None, ge=2000, le=2100, description="The year it was pledged")
    timeframe: Timeframe | None = Field(
        default=None, description="When the pledged work runs; an ended offer is no longer open"
    )
    entities: list[OrgRef] = Field(min_length=1, description="Pledging entities (joint pledges)")
    areas: list[Area] = []
    quality_dimensions: list[QualityDimension] = []
    support_types: list[SupportType] = []
    topics: list[Topic] = []
    countries: list[Country] = Field(default=[], description="Countries concerned")
    stage: PledgeStage | None = None
    updates: list[PledgeUpdate] = []
    gcr_url: Link | None = Field(default=None, description="The pledge on the GCR platform")
    not_a_match: list[Dismissal] = Field(
        default=[],
        description="Suggested matches the Secretariat set aside, each with the reason",
    )


class Side(Strict):
    """One side of a match: the States or bodies, their agencies involved, their pledges."""

    entities: list[OrgRef] = Field(min_length=1)
    agencies: list[OrgRef] = []
    pledges: list[PledgeRef] = Field(
        default=[], description="Requesting side: commitments or requests; supporting: offers"
    )


class Milestone(Strict):
    date: PartialDate | None = None
    text: Text
    reached: bool = False


class Match(Record):
    """Support given by one side to the other, matching pledges where they exist."""

    title: Title | None = Field(default=None, description="Default: 'Supporting - Requesting'")
    requesting: Side
    supporting: Side
    support_types: list[SupportType] = []
    topics: list[Topic] = []
    channel: Channel | None = None
    stage: MatchStage | None = None
    under_discussion: bool = Field(
        default=False,
        description="Shown as 'under discussion' beside the stage (public portal flag)",
    )
    timeframe: Timeframe | None = None
    summary: Text | None = None
    objectives: list[Text] = []
    milestones: list[Milestone] = []
    updates: list[MatchUpdate] = []
    outcomes: list[Text] = []
    good_practices: list[PracticeRef] = []


class Document(Strict):
    """A document in one language: a link or a file in content/files/."""

    language: Language
    title: Title | None = None
    kind: DocumentKind | None = None
    url: Link | None = None
    file: FileName | None = None


class Image(Strict):
    file: FileName
    alt: Title
    credit: Title | None = Field(
        default=None, description="Who took it, as they ask to be credited"
    )


class GoodPractice(Record):
    """A good practice, tool, guidance, reference document or training material."""

    kind: PracticeKind
    title: Title
    narrative: Text | None = None
    countries: list[Country] = []
    categories: list[PracticeCategory] = []
    topics: list[Topic] = []
    tags: list[PracticeTag] = []
    timeframe: Timeframe | None = None
    published: PartialDate | None = Field(
        default=None, description="The date its source gives for it (published, issued)"
    )
    shared_by: list[OrgRef] = []
    submitted_by: OrgRef | None = None
    stakeholders: list[OrgRef] = []
    website: Link | None = None
    documents: list[Document] = []
    image: Image | None = None


class Session(Strict):
    """One sitting of an event: a day, or a start and end time with their UTC offset."""

    start: Moment
    end: Moment | None = None
    timezone: TimeZone | None = Field(default=None, description="Time zone of the times shown")
    format: SessionFormat | None = None
    place: Title | None = None


class Event(Record):
    """A Dialogue Platform meeting, thematic dialogue, side event, webinar or launch."""

    kind: EventKind
    title: Title
    description: Text | None = None
    workstreams: list[Workstream] = []
    sessions: list[Session] = Field(min_length=1)
    interpretation: list[InterpretationLanguage] = []
    conveners: list[OrgRef] = []
    countries: list[Country] = []
    registration: Link | None = None
    documents: list[Document] = []


class News(Record):
    """A dated story about the ACSG's work, linked to the records it is about."""

    title: Title
    date: Day = Field(description="The day its source published it (YYYY-MM-DD)")
    summary: Text | None = Field(default=None, description="One or two sentences: the gist")
    body: Text
    countries: list[Country] = []
    organizations: list[OrgRef] = Field(default=[], description="Organizations it is about")
    pledges: list[PledgeRef] = []
    matches: list[MatchRef] = []
    good_practices: list[PracticeRef] = []
    events: list[EventRef] = []
    image: Image | None = None


class RosterEntry(Record):
    """Expertise an organization offers to asylum authorities, reached through the ACSG
    Secretariat. The roster names organizations, never persons: its texts may hold no email
    address or phone number."""

    organization: OrgRef  # the organization offering the expertise
    summary: PublicText = Field(description="The expertise offered, in a few sentences")
    topics: list[Topic] = Field(min_length=1, description="Areas of expertise")
    modalities: list[Modality] = Field(default=[], description="Ways of working it offers")
    working_languages: list[InterpretationLanguage] = []
    work_regions: list[Region] = Field(
        default=[], description="UNHCR regions where it offers to work"
    )
    availability: PublicText | None = Field(default=None, description="When and how often")
    pledges: list[PledgeRef] = []  # its pledges offering this expertise
    matches: list[MatchRef] = []  # the matches it took part in
    not_a_match: list[Dismissal] = Field(
        default=[], description="Needs suggested for it that the Secretariat set aside, and why"
    )


# --- the registry of record kinds ----------------------------------------------------------

CountryOf = Callable[[str], str | None]  # an organization's country (its own, or its State's)


class DemoWriter(Protocol):
    """What a kind's demo recipe may ask for (``acsg demo-data``: fictitious records)."""

    def text(self, words: int) -> dict[str, str]: ...
    def title(self) -> dict[str, str]: ...
    def day(self) -> date: ...
    def terms(self, vocabulary: str, low: int, high: int) -> list[str]: ...
    def countries(self, low: int, high: int) -> list[str]: ...
    def ids(self, kind: str, low: int, high: int) -> list[str]: ...
    def base(self, kind: str, number: int) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Kind:
    """Everything the portal needs to know about a record kind, declared once.

    Labels in three languages are vocabulary terms (``record_kinds``: one record, and
    ``record_lists``: what a list of them is called); its page template is
    ``templates/<name>.html.j2`` (record pages are written in HTML); references to other records come from its fields' types.
    """

    name: str  # the command-line name, e.g. acsg new news ID
    folder: str  # its folder in content/, and its pages' folder on the site
    model: type[Record]
    label: str  # in English, for command-line messages: "no good practice 'x' in ..."
    # The countries a record concerns (derived where the record types none), and its role
    # on their country pages (a section of the page: a term of ``country_sections``).
    countries: Callable[[Any, CountryOf], list[str | None]]
    country_roles: Callable[[Any, CountryOf], list[tuple[str, str]]]
    # Its organizations' roles on their pages: reference field path -> term of ``roles``.
    roles: dict[tuple[str, ...], str]
    # The date of the thing it describes (for "latest" and feeds): a partial date or None.
    own_date: Callable[[Any], str | None]
    # A vocabulary field that says what a record is (an event's kind); else its kind's label.
    named_by: str | None = None
    listing: bool = True  # a paginated list of them (events have their own page)
    newest_first: bool = False  # listed by their own dates, newest first (else by title)
    # Listed on the pages of the records they name (a news story on its pledges' pages).
    shown_where_named: bool = False
    demo_share: float = 0.0  # share of the records ``acsg demo-data`` writes
    demo: Callable[[DemoWriter, int], dict[str, Any]] | None = None
    forms: tuple[str, ...] = ()  # its submission forms (acsg.forms), if people can submit them
    starter: str = ""  # what ``acsg new`` writes ({id}, {today}, {org}, {org2}, vocabularies)
    # What people browse and filter its records by: facet (a term of ``facets``) -> its field.
    facets: dict[str, str] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """A kind goes to another process by its name (parallel validation): the registry's
        entry is the one there too."""
        return (kind_named, (self.name,))

    @cached_property
    def references(self) -> list[tuple[tuple[str, ...], str]]:
        """Where its records name other records: (field path, kind named), from the types."""
        return list(references(self.model))

    @cached_property
    def citations(self) -> list[tuple[tuple[str, ...], str]]:
        """The references saying a record is about the one it names (not dismissals)."""
        return list(references(self.model, citing=True))


def _start(timeframe: Timeframe | None) -> str | None:
    start = timeframe.start if timeframe else None
    return start if start not in (None, "tbc", "ongoing") else None


def _latest_update(updates: list[PledgeUpdate] | list[MatchUpdate]) -> str | None:
    return max(update.date for update in updates).isoformat() if updates else None


def _organization_roles(record: Organization, country_of: CountryOf) -> list[tuple[str, str]]:
    code = country_of(record.id)
    return [(code, "organization")] if code else []


def _pledge_countries(record: Pledge, country_of: CountryOf) -> list[str | None]:
    return list(record.countries) or [country_of(org) for org in record.entities]


def _pledge_roles(record: Pledge, country_of: CountryOf) -> list[tuple[str, str]]:
    owners = {country_of(org) for org in record.entities}
    pairs = [
        (code, f"pledge-{record.kind or 'not-stated'}") for code in sorted(c for c in owners if c)
    ]
    return pairs + [(code, "pledge-concerned") for code in record.countries if code not in owners]


def _pledge_date(record: Pledge) -> str | None:
    year = str(record.year) if record.year is not None else None
    return _latest_update(record.updates) or year or _start(record.timeframe)


def _match_countries(record: Match, country_of: CountryOf) -> list[str | None]:
    return [
        country_of(org) for side in (record.supporting, record.requesting) for org in side.entities
    ]


def _match_roles(record: Match, country_of: CountryOf) -> list[tuple[str, str]]:
    given = {country_of(org) for org in record.supporting.entities}
    received = {country_of(org) for org in record.requesting.entities}
    return [(code, "match-given") for code in sorted(c for c in given if c)] + [
        (code, "match-received") for code in sorted(c for c in received if c)
    ]


def _typed_countries(record: GoodPractice | News, country_of: CountryOf) -> list[str | None]:
    return list(record.countries)


def _event_first_day(record: Event) -> str:
    first = record.sessions[0].start
    return (first.date() if isinstance(first, datetime) else first).isoformat()


def _event_roles(record: Event, country_of: CountryOf) -> list[tuple[str, str]]:
    codes = dict.fromkeys([*record.countries, *(country_of(org) for org in record.conveners)])
    return [(code, "event") for code in codes if code]


def _news_roles(record: News, country_of: CountryOf) -> list[tuple[str, str]]:
    return [(code, "news") for code in record.countries]


def _roster_countries(record: RosterEntry, country_of: CountryOf) -> list[str | None]:
    return [country_of(record.organization)]


def _roster_roles(record: RosterEntry, country_of: CountryOf) -> list[tuple[str, str]]:
    code = country_of(record.organization)
    return [(code, "roster")] if code else []


def _news_demo(demo: DemoWriter, number: int) -> dict[str, Any]:
    return {
        **demo.base("news", number),
        "title": demo.title(),
        "date": demo.day(),
        "summary": demo.text(25),
        "body": demo.text(120),
        "countries": demo.countries(0, 2),
        "organizations": demo.ids("organization", 0, 2),
        "pledges": demo.ids("pledge", 0, 2),
        "matches": demo.ids("match", 0, 1),
    }


def _roster_demo(demo: DemoWriter, number: int) -> dict[str, Any]:
    return {
        **demo.base("roster", number),
        "organization": demo.ids("organization", 1, 1)[0],
        "summary": demo.text(50),
        "topics": demo.terms("topics", 1, 3),
        "modalities": demo.terms("roster_modalities", 1, 3),
        "working_languages": demo.terms("interpretation_languages", 1, 2),
        "work_regions": demo.terms("regions", 0, 2),
        "pledges": demo.ids("pledge", 0, 1),
    }


# What `acsg new KIND ID` writes: a commented, valid record to start from.
ORGANIZATION_STARTER = """\
id: {id}
# The language this record is written in: en, fr or es. Text in this language is required.
language: en
# Translations (other languages of the texts below) that nobody has reviewed yet.
unreviewed: []
# One of: {stakeholder_types}
type: ngo
# ISO 3166-1 alpha-3 code of its country (required for a State; a State needs no name).
country: FRA
name:
  en: Name of the organization
# acronym: ABC
# part_of: the id of the State or body it belongs to
# website: https://...
# description:
#   en: What it does, in a few sentences (Markdown; no HTML).
# Where the facts of this record come from (links). At least one.
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
PLEDGE_STARTER = """\
id: {id}
language: en
unreviewed: []
# One of: {pledge_kinds}. Leave it out only when the source does not say.
kind: request
title:
  en: Short title of the pledge
description:
  en: What is committed, requested or offered (Markdown; no HTML).
# grf_pledge: true for a formal Global Refugee Forum pledge, false if not; leave out if unknown
# forum: one of {forums}
# year: 2023          (the year it was pledged)
# timeframe:          when the pledged work runs; an offer whose end has passed is no longer open
#   start: 2024
#   end: 2026
# Pledging entities: ids of organizations in content/organizations/ (several for a joint pledge).
entities:
  - {org}
# Any of: {areas}
areas: []
# Any of: {quality_dimensions}
quality_dimensions: []
# Any of: {support_types}
support_types: []
# Any of: {topics}
topics: []
# Countries concerned (ISO 3166-1 alpha-3). Left empty, the pledging entities' countries count.
countries: []
# stage: one of {pledge_stages}
# Progress updates, oldest first; the latest stage given must equal `stage`.
updates: []
#  - date: 2024-01-31
#    stage: in-progress
#    text:
#      en: What happened.
# gcr_url: https://globalcompactrefugees.org/pledges-contributions/...
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
MATCH_STARTER = """\
id: {id}
language: en
unreviewed: []
# title:   (optional; shown as "Supporting - Requesting" when left out)
#   en: Supporting State - Requesting State
# The side asking for support: organization ids, agencies involved, and its commitment or
# request pledges (ids in content/pledges/).
requesting:
  entities:
    - {org}
  agencies: []
  pledges: []
# The side giving support, its agencies, and its offer pledges.
supporting:
  entities:
    - {org2}
  agencies: []
  pledges: []
# Any of: {support_types}
support_types: []
# Any of: {topics}
topics: []
# channel: one of {channels}
# stage: one of {match_stages}
# under_discussion: true   (shown beside the stage, as on the public ACSG portal)
# timeframe:      a year, month or day, or tbc (to be confirmed); the end may be ongoing
#   start: 2024-03
#   end: tbc
summary:
  en: What the support is about (Markdown; no HTML).
# Objectives and milestones, as the ACSG working modalities ask of requests.
objectives: []
milestones: []
#  - date: 2024-06
#    text:
#      en: First study visit.
#    reached: false
updates: []
outcomes: []
# Ids of related good practices in content/good-practices/.
good_practices: []
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
GOOD_PRACTICE_STARTER = """\
id: {id}
language: en
unreviewed: []
# One of: {practice_kinds}
kind: good-practice
title:
  en: Title of the good practice or tool
narrative:
  en: What was done, why it worked, and what others can take from it (Markdown; no HTML).
# Countries where it is practised (ISO 3166-1 alpha-3).
countries: []
# Categories, any of: {practice_categories}
categories: []
# Any of: {topics}
topics: []
# Tags, any of: {practice_tags}
tags: []
# timeframe:
#   start: 2021
#   end: ongoing
# published: 2022-03   (the date its source gives: published, issued)
# Organization ids: who shares it, who submitted it, key stakeholders.
shared_by: []
# submitted_by: an organization id
stakeholders: []
# website: https://...
# Documents per language: a link (url) or a file placed in content/files/ (file).
documents: []
#  - language: en
#    title:
#      en: Guide
#    url: https://...
# image:          a file in content/files/ with its description for people who cannot see it
#   file: picture.jpg
#   alt:
#     en: What the picture shows
#   credit: Photographer / Organization
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
EVENT_STARTER = """\
id: {id}
language: en
unreviewed: []
# One of: {event_kinds}
kind: webinar
title:
  en: Title of the event
description:
  en: What the event is about (Markdown; no HTML).
# Dialogue Platform workstreams, any of: {workstreams}
workstreams: []
# One entry per session (global meetings are repeated to cover time zones). A day
# (2025-03-30) or a time with its UTC offset (2025-03-30T09:00+01:00); the time zone shown.
sessions:
  - start: {today}T09:00+00:00
    end: {today}T11:00+00:00
    timezone: UTC
    # format: one of {session_formats}
    # place:
    #   en: Geneva, Switzerland
# Interpretation languages, any of: {interpretation_languages}
interpretation: []
# Organization ids of the conveners.
conveners: []
countries: []
# registration: https://...
# Agenda, summary ...: a link (url) or a file in content/files/ (file), with its language.
documents: []
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
NEWS_STARTER = """\
id: {id}
language: en
unreviewed: []
title:
  en: Title of the story
# The day its source published it.
date: {today}
summary:
  en: The gist, in one or two sentences.
body:
  en: The story (Markdown; no HTML).
# What it is about: country codes (ISO 3166-1 alpha-3) and ids of organizations, pledges,
# matches, good practices and events.
countries: []
organizations: []
pledges: []
matches: []
good_practices: []
events: []
# image:          a file in content/files/ with its description for people who cannot see it
#   file: picture.jpg
#   alt:
#     en: What the picture shows
#   credit:
#     en: Photographer / Organization
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""
ROSTER_STARTER = """\
id: {id}
language: en
unreviewed: []
# The organization offering the expertise (an id in content/organizations/). The roster names
# organizations, never persons: no names, email addresses or phone numbers. People reach the
# experts through the ACSG Secretariat.
organization: {org}
summary:
  en: The expertise offered, in a few sentences (Markdown; no HTML).
# Areas of expertise, one or more of: {topics}
topics:
  - registration
# Ways of working, any of: {roster_modalities}
modalities: []
# Working languages, any of: {interpretation_languages}
working_languages: []
# UNHCR regions where it offers to work, any of: {regions}
work_regions: []
# availability:
#   en: When and how often it can help.
# Ids of its pledges offering this expertise, and of the matches it took part in.
pledges: []
matches: []
sources:
  - https://www.example.org/replace-with-the-source
created: {today}
updated: {today}
"""


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "organization",
            "organizations",
            Organization,
            "organization",
            countries=lambda record, country_of: [country_of(record.id)],
            country_roles=_organization_roles,
            roles={},
            own_date=lambda record: None,
            named_by="type",
            demo_share=0.13,
            starter=ORGANIZATION_STARTER,
            facets={"stakeholder-types": "type"},
        ),
        Kind(
            "pledge",
            "pledges",
            Pledge,
            "pledge",
            countries=_pledge_countries,
            country_roles=_pledge_roles,
            roles={("entities", "*"): "pledging-entity"},
            own_date=_pledge_date,
            named_by="kind",
            demo_share=0.35,
            forms=("request-support", "offer-support"),
            starter=PLEDGE_STARTER,
            facets={
                "areas": "areas",
                "topics": "topics",
                "support-types": "support_types",
                "stages": "stage",
            },
        ),
        Kind(
            "match",
            "matches",
            Match,
            "match",
            countries=_match_countries,
            country_roles=_match_roles,
            roles={
                ("requesting", "entities", "*"): "requesting",
                ("supporting", "entities", "*"): "supporting",
                ("requesting", "agencies", "*"): "requesting-agency",
                ("supporting", "agencies", "*"): "supporting-agency",
            },
            own_date=lambda record: _latest_update(record.updates) or _start(record.timeframe),
            demo_share=0.19,
            starter=MATCH_STARTER,
            facets={"topics": "topics", "support-types": "support_types", "stages": "stage"},
        ),
        Kind(
            "good-practice",
            "good-practices",
            GoodPractice,
            "good practice or tool",
            countries=_typed_countries,
            country_roles=lambda record, country_of: [
                (c, "good-practice") for c in record.countries
            ],
            roles={
                ("shared_by", "*"): "shared-by",
                ("stakeholders", "*"): "stakeholder",
                ("submitted_by",): "submitted-by",
            },
            own_date=lambda record: record.published or _start(record.timeframe),
            named_by="kind",
            demo_share=0.18,
            forms=("good-practice",),
            starter=GOOD_PRACTICE_STARTER,
            facets={"categories": "categories", "topics": "topics", "tags": "tags"},
        ),
        Kind(
            "event",
            "events",
            Event,
            "event",
            countries=_typed_countries,
            country_roles=_event_roles,
            roles={("conveners", "*"): "convener"},
            own_date=_event_first_day,
            named_by="kind",
            listing=False,
            demo_share=0.10,
            starter=EVENT_STARTER,
        ),
        Kind(
            "news",
            "news",
            News,
            "news story",
            countries=_typed_countries,
            country_roles=_news_roles,
            roles={("organizations", "*"): "in-the-news"},
            own_date=lambda record: record.date.isoformat(),
            demo_share=0.03,
            newest_first=True,
            shown_where_named=True,
            demo=_news_demo,
            starter=NEWS_STARTER,
        ),
        Kind(
            "roster",
            "roster",
            RosterEntry,
            "roster entry",
            countries=_roster_countries,
            country_roles=_roster_roles,
            roles={("organization",): "roster-expertise"},
            own_date=lambda record: None,
            demo_share=0.02,
            shown_where_named=True,
            demo=_roster_demo,
            starter=ROSTER_STARTER,
            facets={
                "topics": "topics",
                "modalities": "modalities",
                "working-languages": "working_languages",
                "regions": "work_regions",
            },
        ),
    )
}
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}


def kind_named(name: str) -> Kind:
    return KINDS[name]


def kind_of(record: Record) -> Kind:
    """The kind of a record (by its model)."""
    return KIND_BY_MODEL[type(record)]


KIND_BY_MODEL = {kind.model: kind for kind in KINDS.values()}
