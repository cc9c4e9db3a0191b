"""Every generated page of the portal, in every language, as Markdown text.

``site_pages`` is the single entry point: catalogue in, pages out. Computation lives in
``acsg.relations`` and ``PageContext``; templates in ``acsg/templates`` hold layout only.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.charts import Series, bar_chart
from acsg.fields import texts_of
from acsg.i18n import typography
from acsg.matching import (
    Reason,
    Suggestion,
    detail_in,
    for_offer,
    points_table,
    suggestions,
)
from acsg.models import KINDS, Pledge, Record, Timeframe
from acsg.relations import (
    FACETS,
    Relations,
    events_by_workstream,
    last_change,
    latest,
    newest_first,
    relations_for,
    split_events,
    unmatched,
)
from acsg.render.context import PageContext, country_path, record_path
from acsg.render.mapping import locator_map, match_map, pledge_map, region_map
from acsg.render.progress import progress_pages, progress_title
from acsg.render.text import html_text, plain
from acsg.vocab import LANGUAGES, Vocabulary, region_of, regions, sort_key, vocabulary

PAGE_SIZE = 50
# Listings and browse pages show twice as many records a page: one line each, so a page of 100
# is about 25 KB (7 KB compressed), and half as many pages carry the site's frame (issue 19).
LIST_PAGE_SIZE = 100
# An organization page lists this many of the records it takes part in (a State's can be
# hundreds): the rest are on its country page and in the browse pages and search.
INVOLVEMENT_SHOWN = 25
LATEST_COUNT = 10
NEWS_COUNT = 3  # news stories on the home page


class MissingTemplate(LookupError):
    """A record kind is registered without its page template."""


@dataclass(frozen=True)
class Page:
    """One page: its path in the generated tree (no suffix) and how to write its Markdown in a
    language. Pages are listed at once and rendered when asked for, so that MkDocs can start
    on the first pages while the others are rendered."""

    path: str
    render: Callable[[str], str]
    html: bool = False  # written in HTML (*.html.j2): MkDocs publishes it as it is

    def file_name(self, lang: str) -> str:
        return f"{self.path}.md" if lang == "en" else f"{self.path}.{lang}.md"

    @cached_property
    def texts(self) -> dict[str, str]:
        """The page's Markdown in every language."""
        return {lang: self.render(lang) for lang in LANGUAGES}


def _finalize(escaped: Callable[[object], Markup]) -> Callable[[Any], Any]:
    """Every ``{{ }}`` in a template is escaped for its format unless it is already Markup."""

    def finalize(value: Any) -> Any:
        if value is None:
            return ""
        return value if isinstance(value, Markup) else escaped(value)

    return finalize


def _attribute(value: Any) -> Markup:
    """A value placed in an HTML attribute of a template's raw HTML: HTML escaping only."""
    return Markup(html.escape(str(value), quote=True))


@cache
def _environment(html: bool = False) -> Environment:
    """The templates writing Markdown (``*.md.j2``) or, with ``html``, HTML (``*.html.j2``)."""
    environment = Environment(
        loader=PackageLoader("acsg", "templates"),
        extensions=["jinja2.ext.do"],
        finalize=_finalize(html_text if html else plain),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["attr"] = _attribute
    return environment


def _tidy(markdown: str) -> str:
    """Collapse the blank lines templates leave, so that golden files stay readable."""
    lines: list[str] = []
    for line in markdown.splitlines():
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    return "\n".join(lines).strip() + "\n"


def _front_matter(description: str, extra: dict[str, Any]) -> str:
    fields = {"description": description, **extra}
    body = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()
    )
    return f"---\n{body}\n---\n\n"


def _notices(c: PageContext, record: Record | None) -> str:
    notes = []
    if c.fallback_used:
        originals = ", ".join(c.label("languages", lang) for lang in sorted(c.fallback_used))
        notes.append(
            c._(
                "Some texts on this page are not available in %(language)s; they are shown in "
                "their original language (%(original)s).",
                language=c.label("languages", c.lang),
                original=originals,
            )
        )
    if (
        record is not None
        and c.lang in record.unreviewed
        and any(text.get(c.lang) for _, text in texts_of(record))
    ):
        notes.append(
            c._(
                "The %(language)s text of this page is a translation that nobody has reviewed yet.",
                language=c.label("languages", c.lang),
            )
        )
    heading = c.escaped(c._("Language"))
    if c.html:  # as Markdown's admonition writes it
        return "".join(
            f'<div class="admonition note">\n<p class="admonition-title">{heading}</p>\n'
            f"<p>{c.escaped(note)}</p>\n</div>\n"
            for note in notes
        )
    return "".join(f'!!! note "{heading}"\n    {plain(note)}\n\n' for note in notes)


class _Builder:
    """Renders pages for one catalogue; one instance per build, shared by all languages."""

    def __init__(self, catalogue: Catalogue, today: date) -> None:
        self.catalogue = catalogue
        self.relations: Relations = relations_for(catalogue)
        self.today = today
        self._orders: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def _by_title(
        self, base: str, keys: list[tuple[str, str]], c: PageContext
    ) -> list[tuple[str, str]]:
        """A list's records in the order of their titles in the page language (computed once
        per list and language)."""
        order = self._orders.get((base, c.lang))
        if order is None:
            order = self._orders[(base, c.lang)] = c.records_by_title(keys)
        return order

    def page(
        self,
        path: str,
        template: str,
        title: Callable[[PageContext], str | Markup],
        description: Callable[[PageContext], str],
        record: Record | None = None,
        extra: dict[str, Any] | None = None,
        **values: Any,
    ) -> Page:
        """A page from ``template``: in HTML for a ``*.html.j2`` one, else in Markdown."""
        html = template.endswith(".html.j2")

        def render(lang: str) -> str:
            c = PageContext(self.catalogue, self.relations, lang, path, self.today, html=html)
            heading = title(c)
            # A title shown in its original language: the header marks it too (front matter).
            marks = {"title_lang": next(iter(c.fallback_used))} if c.fallback_used else {}
            # Values that depend on the language are given as functions of the page context.
            resolved = {
                key: value(c) if callable(value) else value for key, value in values.items()
            }
            # The title first: its id comes first in the page.
            if html:
                top = c.heading(1, heading)
            else:
                top = "# " + (heading if isinstance(heading, Markup) else plain(heading))
            body = (
                _environment(html)
                .get_template(template)
                .render(c=c, r=record, _=c._, ngettext=c.ngettext, **resolved)
            )
            return (
                _front_matter(description(c), {**(extra or {}), **marks})
                + f"{top}\n\n"
                + _notices(c, record)
                + _tidy(body)
            )

        return Page(path, render, html)

    # --- record pages ------------------------------------------------------------------------
    def records(self) -> Iterator[Page]:
        templates = set(_environment(html=True).list_templates())
        for kind in self.catalogue.records:
            if KINDS[kind].template not in templates:
                raise MissingTemplate(
                    f"the record kind {kind!r} has no page template: add "
                    f"src/acsg/templates/{KINDS[kind].template} (see README, Adding a record kind)"
                )
        for kind, record in self.catalogue.all():
            yield self._record_page(kind, record)

    def _record_page(self, kind: str, record: Record) -> Page:
        values: dict[str, Any] = {
            "countries": self.catalogue.countries(kind, record),
            "regions": self.catalogue.regions(kind, record),
            "matches": [],
            # The records naming this one, by kind: news about it, expertise offered in it ...
            "cited_by": self._cited_by(kind, record.id),
        }
        if kind == "pledge":
            values["matches"] = self.relations.matches_of_pledge.get(record.id, [])
        if kind in ("pledge", "roster"):
            values["possible"] = lambda c: _possible(c, kind, record.id)
        if kind == "good-practice":
            values["matches"] = self.relations.matches_of_practice.get(record.id, [])
        if kind == "organization":
            values["country"] = self.catalogue.organization_country(record.id)
            values["country_page"] = values["country"] and country_path(values["country"])
            values["members"] = self.relations.members.get(record.id, [])
            involvement = self._involvement(record.id)
            values["involvement"] = involvement[:INVOLVEMENT_SHOWN]
            values["more"] = len(involvement) - len(values["involvement"])
        return self.page(
            record_path(kind, record.id),
            KINDS[kind].template,
            title=lambda c: c.title(kind, record),
            description=lambda c: c.kind_label(kind, record.id),
            record=record,
            # The file its edit button opens. A page with one is a record page, which the
            # theme's templates give no sidebars (a table of contents, a navigation drawer:
            # kilobytes on each of 30,000 pages at 10,000 records) but a breadcrumb.
            extra={"edit_path": f"content/{self.catalogue.files[(kind, record.id)]}"},
            **values,
        )

    def _cited_by(self, kind: str, record_id: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """(kind, keys) of the news stories and roster entries that name a record, newest
        first (the kinds whose pages list what names them)."""
        if kind == "organization":  # its page lists all it takes part in, with its role
            return []
        keys = self.relations.cited_by.get((kind, record_id), [])
        records = self.catalogue.records
        return [
            (
                citing,
                [
                    (citing, record.id)
                    for _, record in newest_first(
                        (k, records[k][i]) for k, i in keys if k == citing
                    )
                ],
            )
            for citing, spec in KINDS.items()
            if spec.shown_where_named
            if any(k == citing for k, _ in keys)
        ]

    def _involvement(self, org_id: str) -> list[tuple[tuple[str, str], list[str]]]:
        """What an organization takes part in, its agencies' part included for a State, each
        record once with every role, newest first (by the records' own dates)."""
        rows = list(self.relations.involvement.get(org_id, []))
        for member in self.relations.members.get(org_id, []):
            rows.extend(self.relations.involvement.get(member, []))
        roles: dict[tuple[str, str], list[str]] = {}
        for key, role in rows:
            if role not in roles.setdefault(key, []):
                roles[key].append(role)
        records = self.catalogue.records
        order = newest_first((kind, records[kind][record_id]) for kind, record_id in roles)
        return [((kind, record.id), roles[(kind, record.id)]) for kind, record in order]

    # --- lists ---------------------------------------------------------------------------------
    def paginated(
        self,
        base: str,
        keys: list[tuple[str, str]],
        title: Callable[[PageContext], str],
        intro: Callable[[PageContext], str | Markup] | None = None,
        downloads: Callable[[PageContext], Markup] | None = None,
        by_date: bool = False,
        lead: Callable[[PageContext], Any] | None = None,
    ) -> Iterator[Page]:
        """A list of records over pages of LIST_PAGE_SIZE, by title in the page language (or by
        their own dates, newest first: news). ``lead``: what its first page shows first (a
        region's map)."""
        count = max(1, -(-len(keys) // LIST_PAGE_SIZE))
        if by_date:
            records = self.catalogue.records
            keys = [(k, r.id) for k, r in newest_first((k, records[k][i]) for k, i in keys)]
        for number in range(1, count + 1):
            path = f"{base}/index" if number == 1 else f"{base}/page/{number}"
            start = (number - 1) * LIST_PAGE_SIZE
            yield self.page(
                path,
                "listing.html.j2",
                title=title,
                description=title,
                keys=lambda c, start=start: (keys if by_date else self._by_title(base, keys, c))[
                    start : start + LIST_PAGE_SIZE
                ],
                total=len(keys),
                page=number,
                pages=count,
                intro=intro or "",
                downloads=downloads or "",
                pager=lambda c, number=number, count=count: _pager(c, base, number, count),
                lead=lead if lead and number == 1 else None,
            )

    def listings(self) -> Iterator[Page]:
        for kind, spec in KINDS.items():
            if spec.listing:
                yield from self._listing(kind)

    def _listing(self, kind: str) -> Iterator[Page]:
        keys = [(kind, record_id) for record_id in self.catalogue.records[kind]]
        yield from self.paginated(
            KINDS[kind].folder,
            keys,
            title=lambda c: c.kind_title(kind),
            intro=lambda c: _browse_by(c, kind),
            downloads=lambda c: c.downloads(c.kind_files(kind)),
            by_date=KINDS[kind].newest_first,
        )

    def events(self) -> Iterator[Page]:
        upcoming, past = split_events(self.catalogue, self.today)
        yield self.page(
            "events/index",
            "events.html.j2",
            title=lambda c: c.kind_title("event"),
            description=lambda c: c._(
                "Upcoming and past events of the ACSG and its Dialogue Platform."
            ),
            upcoming=upcoming,
            past=past,
            downloads=lambda c: c.downloads(c.kind_files("event")),
        )

    # --- browse --------------------------------------------------------------------------------
    def browse(self) -> Iterator[Page]:
        titles = {facet: _facet_title(facet) for facet in FACETS}
        yield self.page(
            "browse/index",
            "browse.html.j2",
            title=lambda c: c._("Browse"),
            description=lambda c: c._(
                "Browse the portal's records by country, region, area, topic, support type, stage and stakeholder type."
            ),
            facets=lambda c: [(facet, titles[facet](c)) for facet in FACETS],
        )
        for facet, vocab in FACETS.items():
            groups = self.relations.facets[facet]
            present = [value for value in vocab.ids if groups.get(value)]
            yield self.page(
                f"browse/{facet}/index",
                "facet-index.html.j2",
                title=titles[facet],
                description=titles[facet],
                intro="",
                base=f"browse/{facet}",
                values=lambda c, vocab=vocab, present=present, groups=groups: [
                    (value, vocab.label(value, c.lang), len(groups[value])) for value in present
                ],
            )
            for value in present:
                yield from self.paginated(
                    f"browse/{facet}/{value}",
                    groups[value],
                    title=_value_title(titles[facet], vocab, value),
                    lead=self._region_lead(value) if facet == "regions" else None,
                )

    def _region_lead(self, region: str) -> Callable[[PageContext], Any]:
        """A region page starts with its map and what its States ask for, offer, receive and
        give (each record once, in the sections of the country pages)."""
        rows = list(
            dict.fromkeys(
                row
                for code, country_rows in self.relations.by_country.items()
                if region_of(code) == region
                for row in country_rows
            )
        )
        return lambda c: (
            region_map(c, self.relations, region, id_prefix="region"),
            _at_a_glance(c, rows),
        )

    # --- countries -----------------------------------------------------------------------------
    def countries(self) -> Iterator[Page]:
        by_country = self.relations.by_country
        grouped: dict[str, list[tuple[str, int]]] = {}
        for code in by_country:
            grouped.setdefault(region_of(code), []).append((code, len(by_country[code])))

        def groups(c: PageContext) -> list[tuple[str, list[tuple[str, int]]]]:
            """Regions in their order, each with its countries by name in the page language."""
            return [
                (region, sorted(grouped[region], key=lambda row: sort_key(c.country(row[0]))))
                for region in regions().vocabulary.ids
                if region in grouped
            ]

        yield self.page(
            "countries/index",
            "countries.html.j2",
            title=lambda c: c._("Countries"),
            description=lambda c: c._(
                "Countries named in the portal's records, by UNHCR regional bureau."
            ),
            groups=groups,
        )
        states = {
            org.country: org.id
            for org in self.catalogue.organizations.values()
            if org.type == "state" and org.country
        }
        for code, rows in by_country.items():
            yield self._country_page(code, rows, states.get(code))

    def _country_page(
        self, code: str, rows: list[tuple[tuple[str, str], str]], state: str | None
    ) -> Page:
        return self.page(
            country_path(code),
            "country.html.j2",
            title=lambda c: c.country(code),
            description=lambda c: c._(
                "Pledges, matches, good practices and events concerning %(country)s.",
                country=c.country(code),
            ),
            region=region_of(code),
            state=state,
            brief=lambda c: locations.brief_pdf(code, c.lang) if state else "",
            downloads=lambda c: c.downloads(
                [(c._("Atom feed"), locations.country_feed(c.lang, code))]
            ),
            sections=lambda c: _country_sections(c, rows),
            glance=lambda c: _at_a_glance(c, rows),
            locator=lambda c: locator_map(c, code, id_prefix="locator"),
        )

    # --- needs and offers ----------------------------------------------------------------------
    def needs(self) -> Iterator[Page]:
        needs, offers = unmatched(self.catalogue, self.today)
        yield self.page(
            "needs-and-offers",
            "needs.html.j2",
            title=lambda c: c._("Needs and offers"),
            description=lambda c: c._(
                "Open requests and commitments, and open offers, that no match on this portal links yet."
            ),
            needs=needs,
            offers=offers,
            need_keys=[("pledge", pledge.id) for pledge in needs],
            offer_keys=[("pledge", pledge.id) for pledge in offers],
            sections=lambda c: _gap_tables(c, self.catalogue, needs, offers),
        )

    # --- data, feeds and calendars --------------------------------------------------------------
    def data(self) -> Iterator[Page]:
        patterns = {
            kind: Markup(f"`/{locations.api_record(kind, '<id>')}`")
            for kind in self.catalogue.records
        }
        yield self.page(
            "data",
            "data.md.j2",
            title=lambda c: c._("Data, feeds and calendars"),
            description=lambda c: c._(
                "The portal's records as open data: a JSON API, CSV tables, calendars and news "
                "feeds, with their licence and how to cite them."
            ),
            loc=locations,
            kinds=[(kind, len(records)) for kind, records in self.catalogue.records.items()],
            patterns=patterns,
            updated=last_change(self.catalogue),
            workstreams=[
                (workstream, len(events))
                for workstream, events in events_by_workstream(self.catalogue).items()
            ],
            countries=lambda c: sorted(
                self.relations.by_country, key=lambda code: sort_key(c.country(code))
            ),
        )

    # --- home ------------------------------------------------------------------------------------
    def home(self) -> Iterator[Page]:
        upcoming, _ = split_events(self.catalogue, self.today)
        yield self.page(
            "index",
            "home.md.j2",
            title=lambda c: c._("Asylum Capacity Support Group"),
            description=lambda c: c._(
                "Needs, offers, matches, progress and good practices for national asylum systems."
            ),
            figures=lambda c: _figures(c, self.catalogue, self.relations),
            headline=lambda c: _headline(c, self.catalogue, self.relations),
            world=lambda c: pledge_map(c, self.relations, id_prefix="home-map"),
            charts=lambda c: _home_charts(c, self.catalogue),
            entry_points=_entry_points,
            upcoming=upcoming[:5],
            news=sorted(
                (n for n in self.catalogue.news.values() if n.date <= self.today),
                key=lambda n: (-n.date.toordinal(), n.id),
            )[:NEWS_COUNT],
            latest=latest(self.catalogue, LATEST_COUNT, self.today),
        )

    # --- matching board ---------------------------------------------------------------------
    def matching(self) -> Iterator[Page]:
        """The matching board: the open needs without any candidate first, then a table of the
        pledging areas and UNHCR regions with their open needs; each pledging area's needs, with
        the matching assistant's best suggestions, on pages of their own (PAGE_SIZE needs a
        page), so that the board stays light however many needs there are."""
        found = suggestions(self.catalogue, self.today)
        needs = [self.catalogue.pledges[need] for need in found]
        groups = {
            area: [n.id for n in needs if area in n.areas] for area in vocabulary("areas").ids
        }
        groups[AREA_NOT_STATED] = [n.id for n in needs if not n.areas]
        groups = {area: ids for area, ids in groups.items() if ids}
        by_region: dict[str, list[str]] = {}
        for need in needs:
            for region in self.catalogue.regions("pledge", need):
                by_region.setdefault(region, []).append(need.id)

        def area_label(c: PageContext, area: str) -> str:
            if area == AREA_NOT_STATED:
                return c._("Pledging area not stated")
            return c.label("areas", area)

        yield self.page(
            "matching",
            "matching.html.j2",
            title=lambda c: c._("Matching board"),
            description=lambda c: c._(
                "Every open need with the offers that could answer it, and why: suggestions of "
                "the matching assistant for the ACSG Secretariat."
            ),
            gaps=[("pledge", need) for need, rows in found.items() if not rows],
            areas=lambda c: [
                (
                    area_label(c, area),
                    f"matching/{area}/index",
                    len(ids),
                    sum(1 for need in ids if not found[need]),
                )
                for area, ids in groups.items()
            ],
            regions=lambda c: [
                (
                    c.region(region),
                    len(by_region[region]),
                    sum(1 for need in by_region[region] if not found[need]),
                )
                for region in regions().vocabulary.ids
                if region in by_region
            ],
            criteria=lambda c: [
                (c.label("match_criteria", name), _criterion_points(c, name))
                for name in points_table()
            ],
        )
        for area, ids in groups.items():
            base, keys = f"matching/{area}", [("pledge", need) for need in ids]

            def title(c: PageContext, area: str = area) -> str:
                return c.named(c._("Matching board"), area_label(c, area))

            count = -(-len(keys) // PAGE_SIZE)
            for number in range(1, count + 1):
                start = (number - 1) * PAGE_SIZE

                def shown(
                    c: PageContext,
                    base: str = base,
                    keys: list[tuple[str, str]] = keys,
                    start: int = start,
                ) -> list[str]:
                    ordered = self._by_title(base, keys, c)
                    return [need for _, need in ordered[start : start + PAGE_SIZE]]

                yield self.page(
                    f"{base}/index" if number == 1 else f"{base}/page/{number}",
                    "matching-area.html.j2",
                    title=title,
                    description=lambda c: c._(
                        "Every open need with the offers that could answer it, and why: "
                        "suggestions of the matching assistant for the ACSG Secretariat."
                    ),
                    total=len(keys),
                    needs=shown,
                    suggested=lambda c, shown=shown: {
                        need: [
                            (row.offer_kind, row.offer, row.score, _reasons(c, row))
                            for row in found[need][:SUGGESTIONS_SHOWN]
                        ]
                        for need in shown(c)
                    },
                    pager=lambda c, base=base, number=number, count=count: _pager(
                        c, base, number, count
                    ),
                )

    # --- map -----------------------------------------------------------------------------------
    def map(self) -> Iterator[Page]:
        yield self.page(
            "map",
            "map.html.j2",
            title=lambda c: c._("Map"),
            description=lambda c: c._(
                "A world map of the States that asked for or offered support, and of the matches."
            ),
            pledging=lambda c: pledge_map(c, self.relations, id_prefix="pledging"),
            matches=lambda c: match_map(c, self.catalogue, self.relations, id_prefix="matches"),
        )

    # --- progress --------------------------------------------------------------------------------
    def progress(self) -> Iterator[Page]:
        """Progress updates across the portal (acsg.render.progress)."""
        yield from progress_pages(self.catalogue, self.page, _pager, PAGE_SIZE)

    # --- search ----------------------------------------------------------------------------------
    def search(self) -> Iterator[Page]:
        """The search page: Pagefind's per-language index, queried by a small script that is
        loaded on this page only; without JavaScript it points to the browse pages."""
        yield self.page(
            "search",
            "search.md.j2",
            title=lambda c: c._("Search"),
            description=lambda c: c._(
                "Search the portal's pledges, matches, good practices, events and organizations."
            ),
            extra={"search_page": True},
        )


def _pager(c: PageContext, base: str, number: int, count: int) -> Markup:
    """Links to the other pages of a paginated list (plain links: no JavaScript needed)."""
    if count <= 1:
        return Markup("")

    def target(n: int) -> str:
        return f"{base}/index" if n == 1 else f"{base}/page/{n}"

    parts = []
    if number > 1:
        parts.append(c.link(c._("Previous page"), target(number - 1)))
    for n in range(1, count + 1):
        parts.append(c.escaped(n) if n == number else c.link(str(n), target(n)))
    if number < count:
        parts.append(c.link(c._("Next page"), target(number + 1)))
    return c.strong(c._("Pages:")) + Markup(" ") + Markup(" · ").join(parts)


def _value_title(
    facet_title: Callable[[PageContext], str], vocab: Vocabulary, value: str
) -> Callable[[PageContext], str]:
    """The title of the pages of one value of a facet, e.g. "Topics: Registration"."""
    return lambda c: c.named(facet_title(c), vocab.label(value, c.lang))


def _country_sections(
    c: PageContext, rows: list[tuple[tuple[str, str], str]]
) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """A country page's sections: what the country's records say, by role (in the order of
    the ``country_sections`` vocabulary)."""
    return [
        (
            role,
            c.label("country_sections", role),
            [key for key, row_role in rows if row_role == role],
        )
        for role in vocabulary("country_sections").ids
    ]


SUGGESTIONS_SHOWN = 3  # possible matches on a pledge or roster page, and on the board
AREA_NOT_STATED = "not-stated"  # the matching board's page of needs that state no area


Reasons = list[tuple[str, str]]  # (the reason in words, its points) per reason


def _reasons(c: PageContext, row: Suggestion) -> Reasons:
    said = []
    for reason in row.reasons:
        label, found = c.label("match_criteria", reason.criterion), _found(c, reason)
        text = c._("%(criterion)s: %(found)s", criterion=label, found=found) if found else label
        said.append((text, c.number(reason.points)))
    return said


def _found(c: PageContext, reason: Reason) -> str:
    """What a reason found, in the page language (an earlier match by its title)."""
    if reason.criterion == "track-record":
        return ", ".join(c.title_text("match", c.catalogue.matches[m])[0] for m in reason.found)
    if reason.criterion == "wording":
        return ""
    if reason.criterion == "region":
        return ", ".join(c.region(value) for value in reason.found)
    return typography(detail_in(reason, c.lang), c.lang)


def _possible(c: PageContext, kind: str, record_id: str) -> list[tuple[str, str, int, Reasons]]:
    """The matching assistant's best suggestions for a need (offers) or an offer (needs):
    (kind, id, score, reasons) of the other side."""
    found = suggestions(c.catalogue, c.today)
    if kind == "pledge" and record_id in found:
        rows = found[record_id][:SUGGESTIONS_SHOWN]
        return [(row.offer_kind, row.offer, row.score, _reasons(c, row)) for row in rows]
    rows = for_offer(c.catalogue, c.today, kind, record_id)[:SUGGESTIONS_SHOWN]
    return [("pledge", row.need, row.score, _reasons(c, row)) for row in rows]


def _criterion_points(c: PageContext, name: str) -> str:
    """A criterion's points as the board explains them: "20", "8 each, at most 24"."""
    row = points_table()[name]
    if "per" in row:
        return c._(
            "%(each)s each, at most %(most)s", each=c.number(row["per"]), most=c.number(row["most"])
        )
    if name == "wording":
        return c._("up to %(points)s", points=c.number(row["points"]))
    return c.number(row["points"])


def _browse_by(c: PageContext, kind: str) -> Markup:
    """A listing's ways to narrow it: the browse pages of its kind's facets."""
    facets = ["regions", *(f for f in KINDS[kind].facets if f != "regions")]
    links = Markup(" · ").join(c.link(c.label("facets", f), f"browse/{f}/index") for f in facets)
    return c.strong(c._("Browse by:")) + Markup(" ") + links  # translators place the colon


# What a country page says first, counted: what the State asks for, offers, receives and gives.
GLANCE_ALWAYS = (
    "pledge-commitment",
    "pledge-request",
    "pledge-offer",
    "match-received",
    "match-given",
)


def _at_a_glance(c: PageContext, rows: list[tuple[tuple[str, str], str]]) -> list[tuple[str, int]]:
    """The number of records in each section of a country (or region) page: the requests,
    commitments, offers and matches always (none is worth saying), the others where they have
    any."""
    counts = Counter(role for _, role in rows)
    return [
        (c.label("country_sections", role), counts[role])
        for role in vocabulary("country_sections").ids
        if counts[role] or role in GLANCE_ALWAYS
    ]


def _facet_title(facet: str) -> Callable[[PageContext], str]:
    return lambda c: c.label("facets", facet)


def _gap_tables(
    c: PageContext, catalogue: Catalogue, needs: list[Pledge], offers: list[Pledge]
) -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    """Open needs and unmatched offers counted by pledging area, topic and UNHCR region."""

    def count(pledges: list[Pledge], values: Callable[[Pledge], list[str]]) -> Counter[str]:
        return Counter(value for pledge in pledges for value in values(pledge))

    groupings: list[tuple[str, str, Callable[[Pledge], list[str]], Callable[[str], str]]] = [
        ("areas", c._("By pledging area"), lambda p: p.areas, lambda v: c.label("areas", v)),
        ("topics", c._("By topic"), lambda p: p.topics, lambda v: c.label("topics", v)),
        (
            "regions",
            c._("By UNHCR region"),
            lambda p: catalogue.regions("pledge", p),
            c.region,
        ),
    ]
    tables = []
    for key, title, values, label in groupings:
        need_counts, offer_counts = count(needs, values), count(offers, values)
        ordered = sorted(set(need_counts) | set(offer_counts), key=lambda v: (-need_counts[v], v))
        tables.append((key, title, [(label(v), need_counts[v], offer_counts[v]) for v in ordered]))
    return tables


def _headline(
    c: PageContext, catalogue: Catalogue, relations: Relations
) -> list[tuple[str, str, str]]:
    """The home page's few large numbers: (number, what it counts, the page listing them)."""
    needs, offers = unmatched(catalogue, c.today)
    stages = Counter(match.stage for match in catalogue.matches.values())
    counts = [
        (
            len(needs),
            c.ngettext("open need no match links yet", "open needs no match links yet", len(needs)),
            "needs-and-offers",
        ),
        (
            len(offers),
            c.ngettext(
                "open offer no match links yet", "open offers no match links yet", len(offers)
            ),
            "needs-and-offers",
        ),
        (
            stages["in-progress"],
            c.ngettext("match in progress", "matches in progress", stages["in-progress"]),
            "matches/index",
        ),
        (
            stages["fulfilled"],
            c.ngettext("match fulfilled", "matches fulfilled", stages["fulfilled"]),
            "matches/index",
        ),
        (
            len(relations.by_country),
            c.ngettext("country involved", "countries involved", len(relations.by_country)),
            "countries/index",
        ),
        (
            len(catalogue.good_practices),
            c.ngettext(
                "good practice or tool", "good practices and tools", len(catalogue.good_practices)
            ),
            "good-practices/index",
        ),
    ]
    return [(c.number(number), label, target) for number, label, target in counts]


def _home_charts(c: PageContext, catalogue: Catalogue) -> list[Chart]:
    """The home page's charts, each with its numbers as a table: (title, SVG, the table's
    headings, its rows). Needs and offers are the open ones no match links yet (as on "Needs
    and offers"); matches are counted by the year they started, by stage."""
    needs, offers = unmatched(catalogue, c.today)
    gaps = {key: rows for key, _, rows in _gap_tables(c, catalogue, needs, offers)}
    gap_series = [
        Series(c._("Open needs"), "acsg-bar-need"),
        Series(c._("Open offers"), "acsg-bar-offer"),
    ]
    charts = [
        (
            c._("Open needs and offers no match links yet, by pledging area"),
            [(label, [n, o]) for label, n, o in gaps["areas"]],
            gap_series,
        ),
        (
            c._("Open needs and offers no match links yet, by UNHCR region"),
            [(label, [n, o]) for label, n, o in gaps["regions"]],
            gap_series,
        ),
    ]
    stages: list[str | None] = list(vocabulary("match_stages").ids)
    if any(match.stage is None for match in catalogue.matches.values()):
        stages.append(None)
    by_year: Counter[tuple[str | None, str | None]] = Counter(
        (_start_year(match.timeframe), match.stage) for match in catalogue.matches.values()
    )
    years = sorted({year for year, _ in by_year}, key=lambda year: (year is None, year or ""))
    charts.append(
        (
            c._("Matches by the year they started, by stage"),
            [
                (year or c._("Year not stated"), [by_year[(year, stage)] for stage in stages])
                for year in years
            ],
            [
                Series(
                    c.label("match_stages", stage) if stage else c._("Stage not stated"),
                    f"acsg-bar-{stage or 'not-stated'}",
                )
                for stage in stages
            ],
        )
    )
    return [
        chart(c, f"chart-{number}", title, rows, series)
        for number, (title, rows, series) in enumerate(charts, start=1)
        if rows
    ]


Chart = tuple[str, Markup, list[str], list[tuple[str, list[str]]]]


def chart(
    c: PageContext,
    id_prefix: str,
    title: str,
    rows: list[tuple[str, list[int]]],
    series: list[Series],
) -> Chart:
    """A bar chart with its text alternative (every number, in the page language) and its
    numbers as a table: (title, SVG, the table's headings, its rows)."""
    written = [[c.number(value) for value in values] for _, values in rows]
    described = "; ".join(
        c.named(
            label, ", ".join(f"{kind.name} {n}" for kind, n in zip(series, numbers, strict=True))
        )
        for (label, _), numbers in zip(rows, written, strict=True)
    )
    svg = bar_chart(
        rows,
        series,
        title=title,
        description=described,
        id_prefix=id_prefix,
        numbers=[n for numbers in written for n in numbers],
        named=c.named,
    )
    table = [(label, numbers) for (label, _), numbers in zip(rows, written, strict=True)]
    return title, Markup(svg), [kind.name for kind in series], table


def _start_year(timeframe: Timeframe | None) -> str | None:
    start = timeframe.start if timeframe else None
    return start[:4] if start and start[:1].isdigit() else None


def _figures(c: PageContext, catalogue: Catalogue, relations: Relations) -> list[tuple[str, int]]:
    """Key figures of the home page, computed from the records: each group of rows adds up
    to the total above it."""
    pledge_kinds = Counter(pledge.kind for pledge in catalogue.pledges.values())
    match_stages = Counter(match.stage for match in catalogue.matches.values())
    needs, offers = unmatched(catalogue, c.today)
    rows = [(c._("Pledges"), len(catalogue.pledges))]
    rows += [
        (c._("Commitments"), pledge_kinds["commitment"]),
        (c._("Requests for support"), pledge_kinds["request"]),
        (c._("Offers of support"), pledge_kinds["offer"]),
    ]
    if pledge_kinds[None]:
        rows.append((c._("Pledges whose kind is not stated"), pledge_kinds[None]))
    rows += [
        (c._("Open needs that no match links yet"), len(needs)),
        (c._("Open offers that no match links yet"), len(offers)),
        (c._("Matches"), len(catalogue.matches)),
    ]
    rows += [
        (c._("Matches: %(stage)s", stage=c.label("match_stages", stage)), match_stages[stage])
        for stage in vocabulary("match_stages").ids
    ]
    if match_stages[None]:
        rows.append((c._("Matches whose stage is not stated"), match_stages[None]))
    under_discussion = sum(match.under_discussion for match in catalogue.matches.values())
    if under_discussion:
        rows.append((c._("Matches under discussion"), under_discussion))
    rows += [
        (c._("Good practices and tools"), len(catalogue.good_practices)),
        (c._("Countries involved"), len(relations.by_country)),
    ]
    return rows


def ways_in() -> list[str]:
    """The generated pages people start from, in order: the home page's list and the site's
    navigation (the list of each kind of record from the registry, organizations last)."""
    kinds = [f"{kind.folder}/index" for kind in KINDS.values()]
    return [
        "needs-and-offers",
        "matching",
        "map",
        "progress/index",
        *kinds[1:],
        "countries/index",
        "browse/index",
        kinds[0],
    ]


def _entry_points(c: PageContext) -> list[tuple[str, str]]:
    """The home page's ways in, with the data page."""
    kinds = {f"{kind.folder}/index": name for name, kind in KINDS.items()}
    titles = {
        "needs-and-offers": c._("Needs and offers"),
        "map": c._("Map"),
        "matching": c._("Matching board"),
        "progress/index": progress_title(c),
        "countries/index": c._("Countries"),
        "browse/index": c._("Browse by region, area, topic, support type, stage"),
    }
    return [
        *(
            (path, titles[path] if path in titles else c.kind_title(kinds[path]))
            for path in ways_in()
        ),
        ("data", c._("Data, feeds and calendars")),
    ]


def site_pages(catalogue: Catalogue, today: date) -> list[Page]:
    """All generated pages of the portal, in a stable order (not rendered yet)."""
    from acsg.render.reports import report_pages  # it builds on this module

    builder = _Builder(catalogue, today)
    return [
        *builder.home(),
        *builder.records(),
        *builder.listings(),
        *builder.events(),
        *builder.browse(),
        *builder.countries(),
        *builder.needs(),
        *builder.map(),
        *builder.matching(),
        *builder.progress(),
        *builder.data(),
        *builder.search(),
        *report_pages(catalogue, today),
    ]
