"""Reports for the Dialogue Platform: what changed in a period, from what the records say happened.

Every number is computed from the records as they stand now, reading their history where they
record it, and dated by the events the records themselves date (never by ``created`` or
``updated``, which say when the portal's file changed):

- a pledge was made in its ``year``; a match started at its timeframe's ``start``; a pledge's
  or match's stage changed on the day of a progress update that gives a ``stage``; an offer
  ended at its timeframe's ``end``; an event was held on its first session's day.
- A date known only to the year or month (2023, 2024-04) is placed on the last day it covers:
  a pledge of 2023 counts as new in the period holding 31 December 2023, the first by whose end
  it had certainly been made.
- What a record does not date is counted apart, as "not dated", and never guessed.
- The state of a pledge at a period's end (open, matched, fulfilled) comes from its dated
  updates and the dates of the matches that link it; a pledge whose state then the records
  cannot tell is counted apart as "cannot be told". A pledge or match that is not fulfilled
  now is taken not to have been fulfilled before (stages move forward).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from acsg.catalogue import Catalogue
from acsg.models import Event, Match, MatchUpdate, Pledge, PledgeUpdate
from acsg.relations import OPEN_NEED_KINDS, day_span, has_ended, relations_for, unmatched
from acsg.vocab import region_of, regions, vocabulary

HIGHLIGHTS_SHOWN = 25  # progress updates listed in a report (the newest)
UPCOMING_SHOWN = 10


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def slug(self) -> str:
        """2025-h2 for a half-year, else 2025-01-01--2025-03-31."""
        half = half_year(self.start)
        if half == self:
            return f"{self.start.year}-h{1 if self.start.month == 1 else 2}"
        return f"{self.start.isoformat()}--{self.end.isoformat()}"


def half_year(day: date) -> Period:
    """The half-year holding ``day``."""
    if day.month <= 6:
        return Period(date(day.year, 1, 1), date(day.year, 6, 30))
    return Period(date(day.year, 7, 1), date(day.year, 12, 31))


def placed(value: str | None) -> date | None:
    """A partial date placed on the last day it covers (2023 -> 31 December 2023); None for
    none, 'tbc' and 'ongoing'."""
    span = day_span(value) if value else None
    return span[1] if span else None


def made(pledge: Pledge) -> date | None:
    """When a pledge was made, by its year (placed on 31 December); None when not stated."""
    return date(pledge.year, 12, 31) if pledge.year else None


def match_start(match: Match) -> date | None:
    return placed(match.timeframe.start if match.timeframe else None)


def _event_days(event: Event) -> tuple[date, date]:
    def day(value: date | datetime) -> date:
        return value.date() if isinstance(value, datetime) else value

    first = min(day(session.start) for session in event.sessions)
    last = max(day(session.end or session.start) for session in event.sessions)
    return first, last


def _stage_at(record: Pledge | Match, day: date) -> bool | None:
    """Whether ``record`` was fulfilled at the end of ``day``: True, False or None (the records
    cannot tell)."""
    staged = [u for u in record.updates if u.stage]
    before = [u for u in staged if u.date <= day]
    if before:
        return max(before, key=lambda u: u.date).stage == "fulfilled"
    if record.stage != "fulfilled":
        return False  # not fulfilled now: not fulfilled before
    if any(u.stage == "fulfilled" for u in staged):
        return False  # its fulfilment is dated, and after ``day``
    return None


def _existed(pledge: Pledge, day: date) -> bool | None:
    """Whether a pledge had been made by the end of ``day``."""
    if pledge.year and date(pledge.year, 12, 31) <= day:
        return True
    if any(u.date <= day for u in pledge.updates):
        return True
    if pledge.year and date(pledge.year, 1, 1) > day:
        return False
    return None


def _match_existed(match: Match, day: date) -> bool | None:
    span = day_span(match.timeframe.start) if match.timeframe and match.timeframe.start else None
    if (span and span[1] <= day) or any(u.date <= day for u in match.updates):
        return True
    if span and span[0] > day:
        return False
    return None


def _all(values: Iterable[bool | None]) -> bool | None:
    """Three-valued "and": False if any is False, else None if any is unknown, else True."""
    found = list(values)
    if False in found:
        return False
    return None if None in found else True


def open_need_at(catalogue: Catalogue, pledge: Pledge, day: date) -> bool | None:
    """Whether a commitment or request was open (not fulfilled, not ended) and linked by no
    match that had started, at the end of ``day``."""
    links = relations_for(catalogue).matches_of_pledge.get(pledge.id, [])
    matched = [_match_existed(catalogue.matches[m], day) for m in links]
    fulfilled = _stage_at(pledge, day)
    return _all(
        [
            _existed(pledge, day),
            None if fulfilled is None else not fulfilled,
            not has_ended(pledge.timeframe, day + timedelta(days=1)),
            *(None if m is None else not m for m in matched),
        ]
    )


@dataclass(frozen=True)
class Change:
    """A dated progress update of a pledge or match."""

    day: date
    kind: str
    record_id: str
    index: int  # its place in the record's updates
    stage: str | None


@dataclass
class Report:
    period: Period
    today: date
    cutoff: date  # the period's end, or today when the period has not ended
    new_pledges: list[Pledge] = field(default_factory=list)
    undated_pledges: int = 0
    new_matches: list[Match] = field(default_factory=list)
    undated_matches: int = 0
    stage_changes: list[Change] = field(default_factory=list)
    fulfilled: list[Match] = field(default_factory=list)
    fulfilled_undated: int = 0  # matches fulfilled now whose fulfilment no update dates
    offers_ended: list[Pledge] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)  # every dated update, newest first
    events_held: list[Event] = field(default_factory=list)
    events_upcoming: list[Event] = field(default_factory=list)
    needs_then: list[Pledge] = field(default_factory=list)
    needs_untold: int = 0  # needs whose state at the period's end the records cannot tell
    needs_now: list[Pledge] = field(default_factory=list)

    def new_pledges_by_kind(self) -> Counter[str | None]:
        return Counter(pledge.kind for pledge in self.new_pledges)

    @property
    def highlights(self) -> list[Change]:
        return self.updates[:HIGHLIGHTS_SHOWN]


def build_report(catalogue: Catalogue, period: Period, today: date) -> Report:
    cutoff = min(period.end, today)
    report = Report(period, today, cutoff)
    for pledge in sorted(catalogue.pledges.values(), key=lambda p: p.id):
        when = made(pledge)
        if when is None:
            report.undated_pledges += 1
        elif when in period:
            report.new_pledges.append(pledge)
        ended = placed(pledge.timeframe.end if pledge.timeframe else None)
        if pledge.kind == "offer" and ended in period:
            report.offers_ended.append(pledge)
        if pledge.kind in OPEN_NEED_KINDS:
            state = open_need_at(catalogue, pledge, cutoff)
            if state is None:
                report.needs_untold += 1
            elif state:
                report.needs_then.append(pledge)
    for match in sorted(catalogue.matches.values(), key=lambda m: m.id):
        start = match_start(match)
        if start is None:
            report.undated_matches += 1
        elif start in period:
            report.new_matches.append(match)
        fulfilment = [u.date for u in match.updates if u.stage == "fulfilled"]
        if fulfilment and min(fulfilment) in period:
            report.fulfilled.append(match)
        elif match.stage == "fulfilled" and not fulfilment:
            report.fulfilled_undated += 1
    records: list[tuple[str, Pledge | Match]] = [
        *(("pledge", p) for p in catalogue.pledges.values()),
        *(("match", m) for m in catalogue.matches.values()),
    ]
    for kind, record in records:
        staged: list[PledgeUpdate | MatchUpdate] = list(record.updates)
        for index, update in enumerate(staged):
            if update.date in period:
                change = Change(update.date, kind, record.id, index, update.stage)
                report.updates.append(change)
                if update.stage:
                    report.stage_changes.append(change)
    newest: Callable[[Change], tuple[int, str, str, int]] = lambda c: (  # noqa: E731
        -c.day.toordinal(),
        c.kind,
        c.record_id,
        c.index,
    )
    report.updates.sort(key=newest)
    report.stage_changes.sort(key=newest)
    for event in catalogue.events.values():
        first, _ = _event_days(event)
        if period.start <= first <= cutoff:
            report.events_held.append(event)
        elif first > cutoff:
            report.events_upcoming.append(event)
    report.events_held.sort(key=lambda e: (_event_days(e)[0], e.id))
    report.events_upcoming.sort(key=lambda e: (_event_days(e)[0], e.id))
    report.events_upcoming = report.events_upcoming[:UPCOMING_SHOWN]
    report.needs_now = unmatched(catalogue, today)[0]
    return report


def needs_by(catalogue: Catalogue, report: Report, facet: str) -> list[tuple[str, int, int]]:
    """(value, then, now): open needs no match links, by ``areas``, ``topics`` or ``regions``,
    at the period's end and today, in their vocabulary's order."""

    def values(pledge: Pledge) -> list[str]:
        if facet == "regions":
            return sorted({region_of(code) for code in catalogue.countries("pledge", pledge)})
        return list(getattr(pledge, facet))

    then = Counter(v for p in report.needs_then for v in values(p))
    now = Counter(v for p in report.needs_now for v in values(p))
    order = regions().vocabulary.ids if facet == "regions" else vocabulary(facet).ids
    return [(value, then[value], now[value]) for value in order if then[value] or now[value]]


def history(catalogue: Catalogue, today: date) -> list[Period]:
    """The half-years of the records' history, oldest first: from the half holding the earliest
    date the records give (a pledge's year, an update, a match's start, an event) to today's."""
    days: list[date] = []
    for pledge in catalogue.pledges.values():
        if pledge.year:
            days.append(date(pledge.year, 1, 1))
        days.extend(u.date for u in pledge.updates)
    for match in catalogue.matches.values():
        span = (
            day_span(match.timeframe.start) if match.timeframe and match.timeframe.start else None
        )
        if span:
            days.append(span[0])
        days.extend(u.date for u in match.updates)
    days.extend(_event_days(event)[0] for event in catalogue.events.values())
    days = [day for day in days if day <= today]
    if not days:
        return []
    periods = [half_year(min(days))]
    last = half_year(today)
    while periods[-1] != last:
        periods.append(half_year(periods[-1].end + timedelta(days=1)))
    return periods
