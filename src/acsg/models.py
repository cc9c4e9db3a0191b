"""The record kinds of the portal as pydantic models (unknown fields are errors).

Each record is one YAML file whose name is its id. Human text is given per language
(``Text``/``Title``); ``language`` names the original and ``unreviewed`` the translations that
nobody has reviewed yet. Regions are never typed: they are derived from countries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from acsg.fields import (
    Country,
    Day,
    FileName,
    Id,
    Language,
    Line,
    Link,
    Moment,
    OrgRef,
    PartialDate,
    PledgeRef,
    PracticeRef,
    Strict,
    Term,
    Text,
    TimeZone,
    Title,
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
    credit: Line | None = None


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


@dataclass(frozen=True)
class Kind:
    """A record kind: its command-line name, content folder and model."""

    name: str
    folder: str
    model: type[Record]
    label: str


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("organization", "organizations", Organization, "organization"),
        Kind("pledge", "pledges", Pledge, "pledge"),
        Kind("match", "matches", Match, "match"),
        Kind("good-practice", "good-practices", GoodPractice, "good practice or tool"),
        Kind("event", "events", Event, "event"),
    )
}
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
