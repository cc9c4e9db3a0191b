"""iCalendar files: every event, one file per event and one per workstream.

Each session is its own VEVENT, at its time in its own time zone (a TZID with its VTIMEZONE),
in UTC when the record gives no time zone, or over whole days (DATE values, DTEND the day after
the last) when it gives days only. UIDs and DTSTAMPs come from the records, never from the
clock, and nothing is added that the record does not say (no reminders).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.i18n import DEFAULT_LANGUAGE
from acsg.models import Event, Session
from acsg.outputs.common import context, page_urls, start_of, write_file
from acsg.relations import events_by_workstream
from acsg.render.context import PageContext

PRODID = "-//ACSG portal//Events//EN"
UID_DOMAIN = "acsg-portal"

Moment = date | datetime


def session_uid(event_id: str, number: int) -> str:
    """A session's UID: the same for every build and every file it appears in."""
    return f"{event_id}-{number}@{UID_DOMAIN}"


def session_bounds(session: Session) -> tuple[Moment, Moment | None]:
    """DTSTART and DTEND of a session: whole days (end exclusive), or times in its zone."""
    start, end = session.start, session.end
    if not isinstance(start, datetime):
        last = end.date() if isinstance(end, datetime) else (end or start)
        return start, last + timedelta(days=1)
    zone = ZoneInfo(session.timezone) if session.timezone else UTC
    if end is None:
        return start.astimezone(zone), None
    if not isinstance(end, datetime):  # a time to a day: until the end of that day
        return start.astimezone(zone), datetime.combine(end + timedelta(days=1), time(), zone)
    return start.astimezone(zone), end.astimezone(zone)


def _vevents(c: PageContext, event: Event, site_url: str) -> Iterable[icalendar.Event]:
    title, title_lang = c.title_text("event", event)
    page = page_urls(site_url, "event", event.id)[c.lang]
    about, about_lang = c.shown(event.description, event) if event.description else ("", c.lang)
    total = len(event.sessions)
    for number, session in enumerate(event.sessions, start=1):
        entry = icalendar.Event()
        entry.add("uid", session_uid(event.id, number))
        entry.add("dtstamp", start_of(event.updated))
        entry.add("created", start_of(event.created))
        entry.add("last-modified", start_of(event.updated))
        summary = title if total == 1 else f"{title} ({number}/{total})"
        entry.add("summary", summary, parameters={"LANGUAGE": title_lang})
        start, end = session_bounds(session)
        entry.add("dtstart", start)
        if end is not None:
            entry.add("dtend", end)
        if session.place:
            place, place_lang = c.shown(session.place, event)
            entry.add("location", place, parameters={"LANGUAGE": place_lang})
        entry.add("description", f"{about}\n\n{page}".strip(), parameters={"LANGUAGE": about_lang})
        entry.add("url", page)
        entry.add("categories", [c.label("event_kinds", event.kind)])
        yield entry


def _calendar(name: str, events: Iterable[Event], written: dict[str, _Written]) -> bytes:
    """A calendar of ``events``, whose VEVENTs are ``written`` already (see ``write``)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    years: list[int] = []
    tzids: set[str] = set()
    for event in events:
        years += [session.start.year for session in event.sessions]
        tzids |= written[event.id].tzids
    # Time zones in a set order, covering the years of the sessions, so that bytes repeat.
    first, last = date(min(years, default=2000), 1, 1), date(max(years, default=2000) + 2, 1, 1)
    for tzid in sorted(tzids):
        calendar.add_component(_vtimezone(tzid, first, last))
    # The VEVENTs after the time zones, as icalendar writes a calendar's components in turn.
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + b"".join(written[event.id].ical for event in events) + end


@dataclass(frozen=True)
class _Written:
    """An event's VEVENTs as a calendar holds them, and the time zones they name."""

    ical: bytes
    tzids: frozenset[str]


def _written(c: PageContext, event: Event, site_url: str) -> _Written:
    entries = list(_vevents(c, event, site_url))
    holder = icalendar.Calendar()  # only to ask icalendar which time zones they name
    for entry in entries:
        holder.add_component(entry)
    return _Written(
        b"".join(entry.to_ical() for entry in entries), frozenset(holder.get_missing_tzids())
    )


@cache  # computing one takes milliseconds; thousands of event files share a few
def _vtimezone(tzid: str, first: date, last: date) -> icalendar.Timezone:
    return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)


def write(catalogue: Catalogue, site_dir: Path, site_url: str) -> list[Path]:
    c = context(catalogue, DEFAULT_LANGUAGE)
    events = list(catalogue.events.values())
    # Each event is in several calendars (all events, its own, its workstreams'): written once.
    written = {event.id: _written(c, event, site_url) for event in events}
    name = f"ACSG: {c.kind_title('event')}"
    files = [write_file(site_dir, locations.ALL_EVENTS, _calendar(name, events, written))]
    for event in events:
        data = _calendar(c.title_text("event", event)[0], [event], written)
        files.append(write_file(site_dir, locations.event_calendar(event.id), data))
    for workstream, members in events_by_workstream(catalogue).items():
        name = f"ACSG: {c.label('workstreams', workstream)}"
        data = _calendar(name, members, written)
        files.append(write_file(site_dir, locations.workstream_calendar(workstream), data))
    return files
