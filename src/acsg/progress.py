"""Progress and freshness: the progress updates of pledges and matches across the portal, and
the ones under way that have gone quiet.

**The rule for "No news since".** A pledge or match is *under way* when its stage is planning
or in progress. Its *last news* is the date of the thing itself the portal already orders it
by (``relations.own_date``): its latest progress update; without one, a pledge's year or the
start of its timeframe, a match's start; without any of these, the day it was added to the
portal (``created``). ``updated`` never counts: it says when the record was edited, not that
anything happened. A record under way is *stale* when the last day its last news covers
(2019 -> 31 December 2019) is before the cut-off: today minus ``STALE_AFTER_MONTHS`` calendar
months (or ``--since DATE`` for ``acsg stale``). A record whose last news is exactly that many
months old is not stale yet; one day more and it is. Fulfilled records and records whose stage
is not stated are never stale.

The threshold is this module's ``STALE_AFTER_MONTHS``; ``$ACSG_STALE_MONTHS`` overrides it for
the site build and every command alike (one setting, read in one place: ``stale_after_months``).
"""

from __future__ import annotations

import calendar
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.models import KINDS, Match, MatchUpdate, Pledge, PledgeUpdate
from acsg.relations import day_span, own_date

STALE_AFTER_MONTHS = 6
UNDER_WAY = ("planning", "in-progress")
PROGRESS_KINDS = ("pledge", "match")  # the kinds that have progress updates and a stage


def stale_after_months() -> int:
    """The threshold in months: ``$ACSG_STALE_MONTHS`` when set, else STALE_AFTER_MONTHS."""
    given = os.environ.get("ACSG_STALE_MONTHS", "").strip()
    if not given:
        return STALE_AFTER_MONTHS
    if not given.isdigit() or int(given) < 1:
        raise ValueError(f"ACSG_STALE_MONTHS must be a whole number of months >= 1, not {given!r}")
    return int(given)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (31 August - 6 months -> 28 or 29
    February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff(today: date, months: int | None = None) -> date:
    """News older than this day (strictly) is stale."""
    return months_before(today, stale_after_months() if months is None else months)


# --- progress updates across the portal ---------------------------------------------------------


@dataclass(frozen=True)
class ProgressEntry:
    """One progress update with the record it belongs to. ``number``: 1 for the record's
    first update of that day, 2 for its second ... (part of the entry's stable id)."""

    kind: str
    record: Pledge | Match
    update: PledgeUpdate | MatchUpdate
    position: int  # in record.updates (oldest first)
    number: int

    @property
    def key(self) -> str:
        """Stable within its record: the day, and a count when a day has several updates."""
        day = self.update.date.isoformat()
        return day if self.number == 1 else f"{day}-{self.number}"


def _progress_records(catalogue: Catalogue) -> Iterator[tuple[str, Pledge | Match]]:
    yield from (("pledge", pledge) for pledge in catalogue.pledges.values())
    yield from (("match", match) for match in catalogue.matches.values())


def progress_entries(catalogue: Catalogue) -> list[ProgressEntry]:
    """Every progress update of every pledge and match, newest first; updates of the same day
    by record id (then kind), and a record's own updates of one day latest first."""
    entries = []
    for kind, record in _progress_records(catalogue):
        seen: Counter[date] = Counter()
        updates: list[PledgeUpdate | MatchUpdate] = list(record.updates)
        for position, update in enumerate(updates):
            seen[update.date] += 1
            entries.append(ProgressEntry(kind, record, update, position, seen[update.date]))
    return sorted(
        entries,
        key=lambda e: (-e.update.date.toordinal(), e.record.id, e.kind, -e.position),
    )


# --- freshness ----------------------------------------------------------------------------------


def last_news(record: Pledge | Match) -> str:
    """The date of the last news of a record, as a partial date (2024-06-01, 2024-04, 2019):
    see the module's rule."""
    return own_date(record) or record.created.isoformat()


def last_news_day(record: Pledge | Match) -> date:
    """The last day its last news covers (2019 -> 31 December 2019)."""
    span = day_span(last_news(record))
    return span[1] if span else record.created


def is_under_way(record: Pledge | Match) -> bool:
    return record.stage in UNDER_WAY


def is_stale(record: Pledge | Match, since: date) -> bool:
    """Under way, with no news on or after ``since``."""
    return is_under_way(record) and last_news_day(record) < since


@dataclass(frozen=True)
class StaleRecord:
    kind: str
    record: Pledge | Match
    last_news: str
    # (side, organization ids): ("pledged", entities) for a pledge; a match's two sides.
    sides: list[tuple[str, list[str]]]


def _sides(record: Pledge | Match) -> list[tuple[str, list[str]]]:
    if isinstance(record, Pledge):
        return [("pledged", list(record.entities))]
    return [
        (name, list(dict.fromkeys([*side.entities, *side.agencies])))
        for name, side in (("supporting", record.supporting), ("requesting", record.requesting))
    ]


def stale_records(catalogue: Catalogue, since: date) -> list[StaleRecord]:
    """The pledges and matches under way with no news since ``since``, oldest news first (then
    by kind and id)."""
    found = [(kind, record) for kind, record in _progress_records(catalogue)]
    stale = sorted(
        ((kind, record) for kind, record in found if is_stale(record, since)),
        key=lambda item: (last_news_day(item[1]), item[0], item[1].id),
    )
    return [StaleRecord(kind, record, last_news(record), _sides(record)) for kind, record in stale]


# --- the report of ``acsg stale`` ----------------------------------------------------------------


def _title(catalogue: Catalogue, kind: str, record: Pledge | Match) -> str:
    from acsg.outputs.common import context

    return context(catalogue, "en").title_text(kind, record)[0]


def _org(catalogue: Catalogue, org_id: str) -> str:
    return catalogue.organization_name(org_id, "en")


def report_data(catalogue: Catalogue, today: date, since: date, site_url: str) -> dict[str, object]:
    """What ``acsg stale --format json`` prints."""
    rows = []
    for item in stale_records(catalogue, since):
        page = locations.page_location(f"{KINDS[item.kind].folder}/{item.record.id}", "en")
        rows.append(
            {
                "kind": item.kind,
                "id": item.record.id,
                "title": _title(catalogue, item.kind, item.record),
                "stage": item.record.stage,
                "last_news": item.last_news,
                "page": locations.absolute(site_url, page),
                "file": f"content/{catalogue.files[(item.kind, item.record.id)]}",
                "organizations": [
                    {"side": side, "id": org, "name": _org(catalogue, org)}
                    for side, orgs in item.sides
                    for org in orgs
                ],
            }
        )
    return {
        "today": today.isoformat(),
        "since": since.isoformat(),
        "stale_after_months": stale_after_months(),
        "count": len(rows),
        "records": rows,
    }


def _ask(row: dict) -> str:
    """The organizations to ask, grouped by side: "Atlantis (supporting); Utopia (requesting)"."""
    sides: dict[str, list[str]] = {}
    for org in row["organizations"]:
        sides.setdefault(org["side"], []).append(org["name"])
    if list(sides) == ["pledged"]:
        return ", ".join(sides["pledged"])
    return "; ".join(f"{', '.join(names)} ({side})" for side, names in sides.items())


def _intro(data: dict) -> str:
    count = data["count"]
    what = "pledge or match" if count == 1 else "pledges and matches"
    return f"{count} {what} under way (planning or in progress) with no news since {data['since']}"


def report_text(data: dict) -> str:
    lines = [_intro(data) + ("." if not data["records"] else ", oldest news first:")]
    for row in data["records"]:
        lines.append(
            f"- {row['kind']} {row['id']}: {row['title']} · {row['stage']} · "
            f"last news {row['last_news']} · ask: {_ask(row)}"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no pipe, no line break, no markup that would ping or link
    (record titles are contributed text)."""
    for special in "\\`*_[]<>|#@!":
        text = text.replace(special, "\\" + special)
    return " ".join(text.split())


def _file(path: str, repo_url: str) -> str:
    return f"[`{path}`](<{repo_url}/blob/main/{path}>)" if repo_url else f"`{path}`"


def report_markdown(data: dict, repo_url: str = "") -> str:
    """The body of the workflow's issue: a table, then how to ask for and add news.
    ``repo_url``: the repository, to link the record files and the progress report form."""
    form_url = f"{repo_url}/issues/new?template=progress-report.yml" if repo_url else ""
    lines = [
        "# Pledges and matches with no recent news",
        "",
        _intro(data)
        + (
            f" (the threshold is {data['stale_after_months']} months; today is "
            f"{data['today']}), oldest news first."
        ),
        "",
    ]
    if data["records"]:
        lines += [
            "| Record | Kind | Stage | Last news | Organizations to ask | File |",
            "|---|---|---|---|---|---|",
        ]
        for row in data["records"]:
            lines.append(
                f"| [{_cell(row['title'])}](<{row['page']}>) | {row['kind']} | {row['stage']} "
                f"| {row['last_news']} | {_cell(_ask(row))} | {_file(row['file'], repo_url)} |"
            )
        lines.append("")
    lines.append(
        "Ask the organizations for news; record it as a dated entry of the record's `updates:` "
        "(with `stage:` when it changed), or ask them to use the progress report form"
        + (f" ({form_url})" if form_url else "")
        + " or the portal's Submit page. The record's page shows \"No news since\" until then."
    )
    return "\n".join(lines) + "\n"


def report(
    catalogue: Catalogue, today: date, since: date, site_url: str, fmt: str, repo_url: str = ""
) -> str:
    """What ``acsg stale`` prints, in ``fmt``: text, json or markdown."""
    data = report_data(catalogue, today, since, site_url)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return report_markdown(data, repo_url.rstrip("/"))
    return report_text(data)
