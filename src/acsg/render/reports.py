"""The Dialogue Platform's reports as pages (one per half-year, ``reports/2025-h2``) and as
standalone Markdown, HTML or PDF (``acsg report``). Numbers come from ``acsg.report``; the
template ``report.md.j2`` holds the layout of the standalone ones, ``report.html.j2`` the same
layout for the pages (tests/test_reports.py checks that Markdown makes the one of the other)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from acsg.catalogue import Catalogue
from acsg.charts import Series
from acsg.relations import relations_for
from acsg.render.context import PageContext
from acsg.render.pages import Chart, Page, _environment, _front_matter, _notices, _tidy, chart
from acsg.render.print import PrintContext
from acsg.render.text import plain
from acsg.report import Period, Report, build_report, history, needs_by

REPORTS = "reports"


def report_path(period: Period) -> str:
    return f"{REPORTS}/{period.slug}"


def report_pdf(period: Period, lang: str) -> str:
    """Where a report's PDF is published (beside the data files, one per language)."""
    return f"{REPORTS}/acsg-report-{period.slug}-{lang}.pdf"


def period_title(c: PageContext, period: Period) -> str:
    if period.slug.endswith(("-h1", "-h2")):
        half = c._("first half") if period.slug.endswith("h1") else c._("second half")
        return c._("%(year)s, %(half)s", year=str(period.start.year), half=half)
    return f"{c.day(period.start)} \N{EN DASH} {c.day(period.end)}"


def _charts(c: PageContext, report: Report) -> list[Chart]:
    catalogue = c.catalogue
    kinds = report.new_pledges_by_kind()
    made = []
    if kinds:
        rows = [
            (
                c.label("pledge_kinds", kind) if kind else c._("Not stated"),
                [kinds[kind]],
            )
            for kind in [*("commitment", "request", "offer"), None]
            if kinds[kind]
        ]
        made.append(
            chart(
                c,
                "report-chart-1",
                c._("New pledges by kind"),
                rows,
                [Series(c._("Pledges"), "acsg-bar-offer")],
            )
        )
    then_now = [
        Series(c._("At the end of the period"), "acsg-bar-need"),
        Series(c._("Today"), "acsg-bar-not-stated"),
    ]
    facets = [
        ("areas", c._("Open needs no match links, by pledging area"), "areas"),
        ("topics", c._("Open needs no match links, by topic"), "topics"),
        ("regions", c._("Open needs no match links, by UNHCR region"), None),
    ]
    for number, (facet, title, vocab) in enumerate(facets, start=2):
        rows = [
            (c.region(value) if vocab is None else c.label(vocab, value), [then, now])
            for value, then, now in needs_by(catalogue, report, facet)
        ]
        if rows:
            made.append(chart(c, f"report-chart-{number}", title, rows, then_now))
    return made


def _values(c: PageContext, report: Report) -> dict[str, Any]:
    kinds = report.new_pledges_by_kind()
    summary = [
        (c._("New pledges"), len(report.new_pledges)),
        *(
            (c._("New pledges: %(kind)s", kind=c.label("pledge_kinds", kind)), kinds[kind])
            for kind in ("commitment", "request", "offer")
        ),
        (c._("New matches"), len(report.new_matches)),
        (c._("Stage changes"), len(report.stage_changes)),
        (c._("Matches fulfilled"), len(report.fulfilled)),
        (c._("Offers that ended"), len(report.offers_ended)),
        (c._("Progress updates"), len(report.updates)),
        (c._("Events held"), len(report.events_held)),
        (
            c._("Open needs no match links, at the end of the period"),
            len(report.needs_then),
        ),
        (c._("Open needs no match links, today"), len(report.needs_now)),
    ]
    if kinds[None]:
        summary.insert(4, (c._("New pledges whose kind is not stated"), kinds[None]))
    return {
        "report": report,
        "summary": [(label, c.number(value)) for label, value in summary],
        "charts": _charts(c, report),
        "period_text": f"{c.day(report.period.start)} \N{EN DASH} {c.day(report.period.end)}",
    }


def render_report(
    catalogue: Catalogue,
    period: Period,
    today: date,
    lang: str,
    *,
    site_url: str | None = None,
    pdf: bool = True,
    html: bool = False,
) -> str:
    """A report's Markdown: as a page of the site (``site_url`` None: links between pages) or
    standalone (links to the published pages at ``site_url``). ``html``: the page of the site
    in HTML (``report.html.j2``), which MkDocs publishes without Markdown's work (issue 17:
    the reports were most of the Markdown left in a build)."""
    relations = relations_for(catalogue)
    path = report_path(period)
    c: PageContext
    if site_url is None:
        c = PageContext(catalogue, relations, lang, path, today, html=html)
    else:
        c = PrintContext(catalogue, relations, lang, path, today, site_url=site_url)
    report = build_report(catalogue, period, today)
    values = _values(c, report)
    title = c._("Report for the Dialogue Platform: %(period)s", period=period_title(c, period))
    downloads = c.downloads([("PDF", report_pdf(period, lang))]) if site_url is None and pdf else ""
    body = (
        _environment(c.html)
        .get_template("report.html.j2" if c.html else "report.md.j2")
        .render(c=c, _=c._, ngettext=c.ngettext, downloads=downloads, **values)
    )
    description = c._(
        "What changed on the portal in %(period)s: new pledges and matches, stage changes, "
        "open needs, progress and events.",
        period=period_title(c, period),
    )
    top = c.heading(1, title) if c.html else f"# {plain(title)}"
    return _front_matter(description, {}) + f"{top}\n\n" + _notices(c, None) + _tidy(body)


def report_title(catalogue: Catalogue, period: Period, today: date, lang: str) -> str:
    c = PageContext(catalogue, relations_for(catalogue), lang, report_path(period), today)
    return c._("Report for the Dialogue Platform: %(period)s", period=period_title(c, period))


def report_pages(catalogue: Catalogue, today: date) -> Iterator[Page]:
    """The reports' index and one report per half-year of the records' history."""
    periods = history(catalogue, today)

    def index(lang: str) -> str:
        c = PageContext(catalogue, relations_for(catalogue), lang, f"{REPORTS}/index", today)
        body = (
            _environment()
            .get_template("reports.md.j2")
            .render(
                c=c,
                _=c._,
                periods=[
                    (period_title(c, p), report_path(p), report_pdf(p, lang))
                    for p in reversed(periods)
                ],
            )
        )
        description = c._("The Dialogue Platform's reports, one per half-year.")
        return _front_matter(description, {}) + f"# {plain(c._('Reports'))}\n\n" + _tidy(body)

    yield Page(f"{REPORTS}/index", index)
    for period in periods:
        yield Page(
            report_path(period),
            lambda lang, period=period: render_report(catalogue, period, today, lang, html=True),  # type: ignore[misc]
            html=True,
        )
