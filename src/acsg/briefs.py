"""Country briefs: one printable page or two per State and language, for a conversation with
the State (what it requests, offers and commits, its matches given and received with their
stages, its good practices, its region, how to reach the Secretariat). Layout:
``templates/brief.md.j2``, printed by ``acsg.render.print``."""

from __future__ import annotations

from datetime import date
from typing import Any

from acsg.catalogue import Catalogue
from acsg.relations import last_change, relations_for, unmatched
from acsg.render.context import PageContext, country_path
from acsg.render.pages import _environment, _tidy
from acsg.render.print import PrintContext
from acsg.render.text import plain
from acsg.vocab import region_of


def states(catalogue: Catalogue) -> dict[str, str]:
    """The States that have a record: ISO code -> organization id."""
    return {
        org.country: org.id
        for org in sorted(catalogue.organizations.values(), key=lambda o: o.id)
        if org.type == "state" and org.country
    }


def brief_title(c: PageContext, code: str) -> str:
    return c._("Country brief: %(country)s", country=c.country(code))


def _values(c: PageContext, code: str) -> dict[str, Any]:
    catalogue = c.catalogue
    relations = relations_for(catalogue)
    pledges: dict[str | None, list[str]] = {"request": [], "offer": [], "commitment": [], None: []}
    for pledge in catalogue.pledges.values():
        if code in catalogue.countries_of(pledge.entities):
            pledges[pledge.kind].append(pledge.id)
    given, received = [], []
    for match in catalogue.matches.values():
        if code in catalogue.countries_of(match.supporting.entities):
            given.append(match.id)
        if code in catalogue.countries_of(match.requesting.entities):
            received.append(match.id)
    practices = [
        practice.id
        for practice in catalogue.good_practices.values()
        if code in practice.countries or code in catalogue.countries_of(practice.shared_by)
    ]
    region = region_of(code)
    needs, offers = unmatched(catalogue, c.today)
    in_region = lambda items: sum(  # noqa: E731
        region in catalogue.regions("pledge", p) for p in items
    )

    def ordered(kind: str, ids: list[str]) -> list[str]:
        return [rid for _, rid in c.records_by_title([(kind, rid) for rid in ids])]

    return {
        "code": code,
        "region": region,
        "sections": [
            (c._("Requests for support"), ordered("pledge", pledges["request"])),
            (c._("Commitments"), ordered("pledge", pledges["commitment"])),
            (c._("Offers of support"), ordered("pledge", pledges["offer"])),
            (c._("Pledges whose kind is not stated"), ordered("pledge", pledges[None])),
        ],
        "given": ordered("match", given),
        "received": ordered("match", received),
        "practices": ordered("good-practice", practices),
        "region_needs": in_region(needs),
        "region_offers": in_region(offers),
        "region_countries": len(
            [other for other in relations.by_country if region_of(other) == region]
        ),
        "as_of": last_change(catalogue),
    }


def render_brief(
    catalogue: Catalogue, code: str, today: date, lang: str, *, site_url: str
) -> tuple[str, str]:
    """A State's brief as Markdown, with its title."""
    c = PrintContext(
        catalogue, relations_for(catalogue), lang, country_path(code), today, site_url=site_url
    )
    title = brief_title(c, code)
    body = (
        _environment()
        .get_template("brief.md.j2")
        .render(c=c, _=c._, ngettext=c.ngettext, **_values(c, code))
    )
    return f"# {plain(title)}\n\n" + _tidy(body), title
