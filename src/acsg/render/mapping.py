"""What the portal's maps show, in the page language: the States by what they pledged, the
matches as arcs from the supporting State to the requesting one (acsg.maps draws them).

Each map comes with its legend and a table of the same States or matches, for screen readers
and for people who prefer tables; States too small for the atlas are in the table only.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from markupsafe import Markup

from acsg.catalogue import Catalogue
from acsg.maps import Arc, Area, known_codes, world_map
from acsg.relations import Relations
from acsg.render.context import PageContext, country_path
from acsg.vocab import regions, vocabulary

# What a State pledged (from the pledges its organizations made) -> its class on the map.
NEED_ROLES = ("pledge-commitment", "pledge-request")
OFFER_ROLES = ("pledge-offer",)
PLEDGE_CLASSES = {"need": "map-request", "offer": "map-offer", "both": "map-both"}


@dataclass(frozen=True)
class MapView:
    """A map, its legend ((CSS class, label) pairs) and its table (headings, rows of Markdown)."""

    svg: Markup
    legend: list[tuple[str, str]]
    headings: list[str]
    rows: list[list[Markup]]
    missing: list[str]  # States in the table that the atlas cannot draw (too small)


def pledged(relations: Relations) -> dict[str, str]:
    """Each State that pledged, by what: "need" (commitments, requests), "offer", "both"."""
    found: dict[str, str] = {}
    for code, rows in relations.by_country.items():
        roles = {role for _, role in rows}
        need, offer = bool(roles & set(NEED_ROLES)), bool(roles & set(OFFER_ROLES))
        if need or offer:
            found[code] = "both" if need and offer else "need" if need else "offer"
    return found


def _pledge_labels(c: PageContext) -> dict[str, str]:
    return {
        "need": c._("requests or commitments"),
        "offer": c._("offers of support"),
        "both": c._("requests or commitments, and offers"),
    }


def pledge_map(
    c: PageContext,
    relations: Relations,
    *,
    id_prefix: str,
    focus: str | frozenset[str] | None = None,
    highlight: frozenset[str] = frozenset(),
) -> MapView:
    """The States coloured by what they pledged, each a link to its country page."""
    labels = _pledge_labels(c)
    states = pledged(relations)
    codes = c.countries_by_name(list(states))
    areas = [
        Area(
            code,
            PLEDGE_CLASSES[states[code]],
            c.page_url(country_path(code)),
            c.named(c.country(code), labels[states[code]]),
        )
        for code in codes
    ]
    svg = world_map(
        areas,
        title=c._("States by what they pledged"),
        description=c._(
            "A world map. States that made requests or commitments, offers of support, or both, "
            "are coloured and linked to their pages; the table below lists them."
        ),
        highlight=highlight,
        focus=focus,
        lang=c.lang,
        id_prefix=id_prefix,
    )
    rows = [[c.country_link(code), c.escaped(labels[states[code]])] for code in codes]
    return MapView(
        Markup(svg),
        [(PLEDGE_CLASSES[key], labels[key]) for key in ("need", "offer", "both")],
        [c._("State"), c._("Pledged")],
        rows,
        [code for code in codes if code not in known_codes()],
    )


def match_map(
    c: PageContext, catalogue: Catalogue, relations: Relations, *, id_prefix: str
) -> MapView:
    """The matches as lines from each supporting State to each requesting State, coloured by
    stage, thicker where two States have several matches at one stage; each State at either
    end a link to its country page, named with its matches (the lines are a picture: the
    States' names and the table say what they show)."""
    lines: collections.Counter[tuple[str, str, str]] = collections.Counter()
    given: collections.Counter[str] = collections.Counter()
    received: collections.Counter[str] = collections.Counter()
    rows = []
    for match in catalogue.matches.values():
        supporting = catalogue.countries_of(match.supporting.entities)
        requesting = catalogue.countries_of(match.requesting.entities)
        pairs = [(start, end) for start in supporting for end in requesting if start != end]
        lines.update((start, end, match.stage or "not-stated") for start, end in pairs)
        given.update({start for start, _ in pairs})
        received.update({end for _, end in pairs})
        stage = c.label("match_stages", match.stage) if match.stage else c._("Stage not stated")
        rows.append(
            [
                c.record_link("match", match.id),
                Markup(", ").join(c.country_link(code) for code in c.countries_by_name(supporting)),
                Markup(", ").join(c.country_link(code) for code in c.countries_by_name(requesting)),
                c.escaped(stage),
            ]
        )
    arcs = [
        Arc(start, end, f"map-arc-{stage}" + (" map-arc-several" if count > 1 else ""))
        for (start, end, stage), count in lines.items()
    ]
    ends = c.countries_by_name(list(given | received))
    areas = [
        Area(
            code,
            "map-highlight",
            c.page_url(country_path(code)),
            _match_label(c, code, given, received),
        )
        for code in ends
    ]
    svg = world_map(
        areas,
        title=c._("Matches: support from one State to another"),
        description=c._(
            "A world map. Each line goes from a supporting State to a requesting State, coloured "
            "by the stage of their matches. The States at either end are linked to their pages; "
            "the table below lists every match."
        ),
        arcs=arcs,
        lang=c.lang,
        id_prefix=id_prefix,
    )
    stages = vocabulary("match_stages")
    legend = [(f"map-arc-{stage}", c.label("match_stages", stage)) for stage in stages.ids]
    if any(match.stage is None for match in catalogue.matches.values()):
        legend.append(("map-arc-not-stated", c._("Stage not stated")))
    if any(count > 1 for count in lines.values()):
        legend.append(("map-arc-several", c._("Thicker: several matches between the same States")))
    headings = [c._("Match"), c._("Supporting"), c._("Requesting"), c._("Stage")]
    return MapView(
        Markup(svg), legend, headings, rows, [code for code in ends if code not in known_codes()]
    )


def _match_label(
    c: PageContext, code: str, given: collections.Counter[str], received: collections.Counter[str]
) -> str:
    """A State's name on the matches map: "France: support given in 2 matches"."""
    parts = []
    if given[code]:
        parts.append(
            c.ngettext(
                "support given in %(num)s match", "support given in %(num)s matches", given[code]
            )
        )
    if received[code]:
        parts.append(
            c.ngettext(
                "support received in %(num)s match",
                "support received in %(num)s matches",
                received[code],
            )
        )
    return c.named(c.country(code), "; ".join(parts))


def locator_map(c: PageContext, code: str, *, id_prefix: str) -> MapView:
    """A small map of where a State is: it alone highlighted, its neighbours around it."""
    svg = world_map(
        [],
        title=c._("Where %(country)s is", country=c.country(code)),
        description=c._("A map of %(country)s and its neighbours.", country=c.country(code)),
        highlight=frozenset([code]),
        focus=code,
        lang=c.lang,
        id_prefix=id_prefix,
    )
    missing = [] if code in known_codes() else [code]
    return MapView(Markup(svg), [("map-highlight", c.country(code))], [], [], missing)


def region_map(c: PageContext, relations: Relations, region: str, *, id_prefix: str) -> MapView:
    """A region's States highlighted, those that pledged coloured by what they pledged."""
    members = frozenset(code for code, of in regions().by_country.items() if of == region)
    view = pledge_map(c, relations, id_prefix=id_prefix, focus=members, highlight=members)
    legend = [*view.legend, ("map-highlight", c.region(region))]
    return MapView(view.svg, legend, view.headings, view.rows, view.missing)
