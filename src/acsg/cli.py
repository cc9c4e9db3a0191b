"""The ``acsg`` command: validate content, start records, write schemas and demo data, turn
submitted issue forms into records, check the records' links."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from acsg.catalogue import Catalogue
from acsg.forms import FORMS
from acsg.models import KIND_BY_FOLDER, KINDS
from acsg.problems import Problem
from acsg.validation import content_root, display_path, load_catalogue

SCHEMAS = Path("schemas")
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # as in mkdocs.yml


def _roots_and_files(paths: Sequence[str]) -> list[tuple[Path, Path | None]]:
    """Each PATH as (content root to load, file to report on or None for all)."""
    if not paths:
        return [(content_root(), None)]
    targets: list[tuple[Path, Path | None]] = []
    for given in paths:
        path = Path(given)
        # A record file or a kind folder (or a folder inside one): load its whole content
        # folder, so that references resolve, and report on the path given.
        kind_folder = next((p for p in [path, *path.parents] if p.name in KIND_BY_FOLDER), None)
        if kind_folder is not None:
            targets.append((kind_folder.parent, path))
        else:
            targets.append((path, None))
    return targets


def _validate(args: argparse.Namespace) -> int:
    from acsg.overlaps import warnings

    problems: list[Problem] = []
    records = 0
    started = time.perf_counter()
    for root, only in _roots_and_files(args.paths):
        catalogue, found = load_catalogue(root, parallel=True)
        found = [*found, *warnings(catalogue)]
        if only is None:
            problems.extend(found)
            records += len(catalogue)
            continue
        wanted = display_path(only)
        problems.extend(p for p in found if p.path == wanted or p.path.startswith(wanted + "/"))
        records += (
            1
            if only.is_file()
            else sum(
                1 for key, file in catalogue.files.items() if (root / file).is_relative_to(only)
            )
        )
    problems = sorted(set(problems))
    for problem in problems:
        print(problem.github() if args.format == "github" else str(problem))
    elapsed = time.perf_counter() - started
    errors = [p for p in problems if p.level == "error" or args.strict]
    cautions = len(problems) - len(errors)
    files = len({problem.path for problem in errors})
    if errors:
        print(
            f"{len(errors)} problem(s) in {files} file(s); fix them and run acsg validate again",
            file=sys.stderr,
        )
        return 1
    also = f"; {cautions} warning(s) to look at (--strict makes them errors)" if cautions else ""
    print(f"OK: {records} record(s) valid ({elapsed:.2f} s){also}", file=sys.stderr)
    return 0


def _new(args: argparse.Namespace) -> int:
    from acsg.scaffold import new_record

    catalogue, _ = load_catalogue(content_root())
    try:
        path = new_record(args.kind, args.id, catalogue, SCHEMAS)
    except (ValueError, FileExistsError) as error:
        print(f"acsg new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {display_path(path)}: fill it in, then run acsg validate {display_path(path)}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from acsg.forms import write_derived
    from acsg.schemas import write_schemas

    written = write_schemas(Path(args.out)) + write_derived(Path(args.root))
    for path in written:
        print(f"wrote {display_path(path)}")
    if not written:
        print(f"{args.out}/, the issue forms and the Submit page's files are up to date")
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from acsg.demo import write_demo_data

    count = write_demo_data(args.count, Path(args.folder), seed=args.seed)
    print(f"wrote {count} fictitious records into {args.folder}")
    return 0


def _valid_catalogue() -> Catalogue | None:
    """The validated content, or None once its problems are printed."""
    from acsg.validation import InvalidContent, current_catalogue

    try:
        return current_catalogue(content_root())
    except InvalidContent as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("the content has problems: run acsg validate", file=sys.stderr)
        return None


def _render(args: argparse.Namespace) -> int:
    from acsg.render.build import build_date
    from acsg.render.pages import site_pages
    from acsg.render.tree import write_tree

    catalogue = _valid_catalogue()
    if catalogue is None:
        return 1
    pages = site_pages(catalogue, build_date())
    changed = write_tree(pages, Path(args.folder), catalogue.root)
    print(f"{len(pages)} pages in 3 languages under {args.folder} ({changed} file(s) changed)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from acsg.outputs import write_outputs

    catalogue = _valid_catalogue()
    if catalogue is None:
        return 1
    written = write_outputs(catalogue, Path(args.folder), args.site_url)
    print(f"{len(written)} data files under {args.folder} for {args.site_url}")
    return 0


def _check_links(args: argparse.Namespace) -> int:
    from datetime import date

    from acsg.linkcheck import check_links, collect_links, report

    catalogue = _valid_catalogue()
    if catalogue is None:
        return 2
    citing = collect_links(catalogue)
    results = check_links(citing, timeout=args.timeout, workers=args.workers)
    text = report(results, citing, date.today())
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    broken = sum(result.broken for result in results)
    print(f"{len(results)} link(s) checked, {broken} broken", file=sys.stderr)
    return 1 if broken else 0


def _stale(args: argparse.Namespace) -> int:
    from datetime import date

    from acsg.progress import cutoff, report
    from acsg.render.build import build_date

    try:
        today = build_date()
        since = cutoff(today) if args.since is None else date.fromisoformat(args.since)
    except ValueError as error:  # ACSG_TODAY, ACSG_STALE_MONTHS or --since
        given = f" (--since {args.since!r}: YYYY-MM-DD)" if args.since is not None else ""
        print(f"acsg stale: {error}{given}", file=sys.stderr)
        return 2
    catalogue = _valid_catalogue()
    if catalogue is None:
        return 2
    repo = os.environ.get("ACSG_REPO_URL", "")
    sys.stdout.write(report(catalogue, today, since, args.site_url, args.format, repo))
    return 0


def _from_issue(args: argparse.Namespace) -> int:
    from datetime import date

    from acsg.intake import IntakeError, from_issue, report

    if args.file == "-":
        body = sys.stdin.read(1_000_000)
    else:
        with open(args.file, encoding="utf-8", errors="replace") as handle:
            body = handle.read(1_000_000)
    labels = [label for label in (args.labels or "").split(",") if label.strip()]
    try:
        today = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"acsg from-issue: --date {args.date!r} is not YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        result = from_issue(
            body,
            content_root(),
            form=FORMS[args.form] if args.form else None,
            labels=labels,
            today=today,
            schemas=SCHEMAS,
        )
    except IntakeError as error:
        for problem in error.problems:
            print(f"- {problem}")
        print(f"{len(error.problems)} problem(s): the issue needs editing", file=sys.stderr)
        if args.report:
            Path(args.report).write_text(report(None, error.problems, args.issue), "utf-8")
        return 1
    verb = "wrote" if result.created else "updated"
    print(f"{verb} {display_path(result.path)}")
    if args.report:
        Path(args.report).write_text(report(result, [], args.issue), encoding="utf-8")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    import json

    from acsg import matching
    from acsg.render.build import build_date

    catalogue = _valid_catalogue()
    if catalogue is None:
        return 1
    today = build_date()
    if args.evaluate:
        figures = matching.evaluate(catalogue)
        if args.format == "json":
            print(json.dumps(figures, indent=2))
        else:
            print(matching.evaluation_text(figures))
        return 0
    found = matching.suggestions(catalogue, today)
    rows: list[matching.Suggestion] = []
    for given in args.ids or list(found):
        if given in found:
            rows += found[given][: args.top]
        elif given in catalogue.pledges or given in catalogue.roster:
            kind = "pledge" if given in catalogue.pledges else "roster"
            if kind == "pledge" and catalogue.pledges[given].kind != "offer":
                print(f"{given}: not an open need (fulfilled, ended or kind not stated)")
                continue
            rows += matching.for_offer(catalogue, today, kind, given)[: args.top]
        else:
            print(f"acsg suggest: no pledge or roster entry {given!r}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(json.dumps(matching.as_json(rows), ensure_ascii=False, indent=2))
    else:
        print(matching.text_report(catalogue, found, rows, args.ids, args.top))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from acsg.bench import run_benchmark

    return run_benchmark(args.sizes, Path(args.output) if args.output else None, args.build_runs)


def _report(args: argparse.Namespace) -> int:
    from datetime import date

    from acsg.printables import secretariat_email
    from acsg.render.build import build_date
    from acsg.render.context import SECRETARIAT_EMAIL
    from acsg.render.print import to_html, to_pdf
    from acsg.render.reports import render_report, report_title
    from acsg.report import Period

    try:
        period = Period(date.fromisoformat(args.start), date.fromisoformat(args.end))
    except ValueError as error:
        print(f"acsg report: dates are written YYYY-MM-DD: {error}", file=sys.stderr)
        return 2
    if period.end < period.start:
        print("acsg report: --to is before --from", file=sys.stderr)
        return 2
    catalogue, problems = load_catalogue(content_root())
    if problems:
        print(
            f"acsg report: the content has {len(problems)} problem(s): run acsg validate",
            file=sys.stderr,
        )
        return 1
    today = build_date()
    text = render_report(catalogue, period, today, args.lang, site_url=args.site_url)
    if args.format == "markdown":
        output: bytes = text.replace(SECRETARIAT_EMAIL, secretariat_email()).encode()
    else:
        title = report_title(catalogue, period, today, args.lang)
        html = to_html(text, title=title, lang=args.lang, secretariat_email=secretariat_email())
        output = html.encode() if args.format == "html" else to_pdf(html)
    if args.out and args.out != "-":
        Path(args.out).write_bytes(output)
    elif args.format == "pdf":
        print("acsg report: give --out FILE for a PDF", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(output.decode())
    return 0


def _site_size(args: argparse.Namespace) -> int:
    from acsg.sitesize import measure, problems

    site = Path(args.site)
    if not site.is_dir():
        print(f"acsg site-size: {site} is not a folder (build the site first: make site)")
        return 2
    size = measure(site)
    print(f"{site}: {size.mb:,.1f} MB in {size.files:,} files")
    found = problems(size, args.max_mb, args.max_files)
    for problem in found:
        print(f"acsg site-size: {problem}", file=sys.stderr)
    if found:
        print(
            "acsg site-size: this host would refuse the site; publish it to an S3-compatible"
            " object store instead (README: Publishing a larger portal)",
            file=sys.stderr,
        )
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="acsg", description="Records of the Asylum Capacity Support Group portal."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser(
        "validate",
        help="check records and report every problem as path:line:column: message",
        description="Check content files. PATH is a content folder, a kind folder or a record "
        "file (default: $ACSG_CONTENT or content/). Exit status 1 when there is any problem.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH")
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: annotations that show on a pull request's lines",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="count warnings (probable duplicates, pledges that do not fit their match) as errors",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="write a commented record to start from")
    new.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))
    new.add_argument("id", metavar="ID", help="lowercase words joined by hyphens")
    new.set_defaults(run=_new)

    schemas = commands.add_parser(
        "schemas",
        help="write the JSON Schemas of the record kinds, the issue forms and the Submit page's "
        "form data",
        description="Write schemas/*.schema.json from the models, and what is built from them "
        "and src/acsg/forms.py: .github/ISSUE_TEMPLATE/*.yml and docs/assets/submit/ (the "
        "Submit page's forms.json and schema copies).",
    )
    schemas.add_argument("--out", default=str(SCHEMAS), help="folder (default: schemas)")
    schemas.add_argument(
        "--root", default=".", help="repository root for the forms and page files (default: .)"
    )
    schemas.set_defaults(run=_schemas)

    demo = commands.add_parser("demo-data", help="write N fictitious records for tests")
    demo.add_argument("count", type=int, metavar="N")
    demo.add_argument("folder", metavar="DIR")
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(run=_demo_data)

    render = commands.add_parser(
        "render",
        help="write the portal's generated Markdown pages into DIR (what the MkDocs hooks do)",
    )
    render.add_argument("folder", metavar="DIR")
    render.set_defaults(run=_render)

    export = commands.add_parser(
        "export",
        help="write the portal's data files into DIR: JSON API, CSV, calendars, feeds",
        description="Write every data output (what the site build publishes beside its pages) "
        "into DIR, without MkDocs. Files are overwritten; export into a fresh folder so that "
        "no file of a deleted record stays behind.",
    )
    export.add_argument("folder", metavar="DIR")
    export.add_argument(
        "--site-url",
        default=os.environ.get("ACSG_SITE_URL") or DEFAULT_SITE_URL,
        help="the published address the files link to (default: $ACSG_SITE_URL or "
        f"{DEFAULT_SITE_URL})",
    )
    export.set_defaults(run=_export)

    intake = commands.add_parser(
        "from-issue",
        help="turn a submitted issue form into a record file (or list what is missing)",
        description="Read an issue form's body (GitHub's '### Label' sections) and write the "
        "record it describes into the content folder: a request, an offer, a good practice, or "
        "a progress update added to a pledge or match. Exit status 1, with every problem "
        "listed, when something is missing or invalid (nothing is written then).",
    )
    intake.add_argument("file", nargs="?", default="-", metavar="FILE", help="default: stdin")
    intake.add_argument("--form", choices=list(FORMS), help="default: from --labels or headings")
    intake.add_argument("--labels", help="the issue's labels, comma-separated")
    intake.add_argument("--date", help="created/updated date, YYYY-MM-DD (default: today)")
    intake.add_argument("--issue", help="the issue number, mentioned in the report")
    intake.add_argument("--report", metavar="FILE", help="write a Markdown summary here")
    intake.set_defaults(run=_from_issue)

    links = commands.add_parser(
        "check-links",
        help="check every link the records cite; report broken ones as Markdown",
        description="Check every http(s) link of the records (HEAD, then GET when HEAD fails). "
        "Exit status 1 when a link is broken, 2 when the content cannot be loaded.",
    )
    links.add_argument("--output", metavar="FILE", help="write the report here (default: stdout)")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds per request (15)")
    links.add_argument("--workers", type=int, default=8, help="requests at once (8)")
    links.set_defaults(run=_check_links)

    suggest = commands.add_parser(
        "suggest",
        help="offers that could answer each open need, with their reasons (suggestions only)",
    )
    suggest.add_argument(
        "ids", nargs="*", metavar="ID", help="needs, offers or roster entries (default: every need)"
    )
    suggest.add_argument("--format", choices=["text", "json"], default="text")
    suggest.add_argument("--top", type=int, default=3, help="suggestions per need or offer (3)")
    suggest.add_argument(
        "--evaluate",
        action="store_true",
        help="hide each match's link to its offer and report where that offer ranks",
    )
    suggest.set_defaults(run=_suggest)
    stale = commands.add_parser(
        "stale",
        help="list the pledges and matches under way with no recent news, and whom to ask",
        description="List the pledges and matches under way (planning or in progress) whose "
        "last news (latest progress update, else their own date, else the day they were added) "
        "is older than DATE, oldest news first, with the organizations to ask. Default DATE: "
        "today ($ACSG_TODAY) minus $ACSG_STALE_MONTHS months (6). Exit status 0.",
    )
    stale.add_argument("--since", metavar="DATE", help="no news since this day, YYYY-MM-DD")
    stale.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    stale.add_argument(
        "--site-url",
        default=os.environ.get("ACSG_SITE_URL") or DEFAULT_SITE_URL,
        help=f"the published address pages are linked at (default: $ACSG_SITE_URL or {DEFAULT_SITE_URL})",
    )
    stale.set_defaults(run=_stale)
    report = commands.add_parser(
        "report",
        help="a report for the Dialogue Platform: what changed between two dates",
        description="What changed in the period, from what the records date: new pledges and "
        "matches, stage changes, fulfilled matches, open needs then and now, offers that ended, "
        "progress updates, events. Links lead to the published pages (--site-url).",
    )
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    report.add_argument("--lang", choices=("en", "fr", "es"), default="en")
    report.add_argument("--format", choices=("markdown", "html", "pdf"), default="markdown")
    report.add_argument("--out", metavar="FILE", help="default: standard output (not for pdf)")
    report.add_argument(
        "--site-url",
        default=os.environ.get("ACSG_SITE_URL") or DEFAULT_SITE_URL,
        help=f"the published address (default: $ACSG_SITE_URL or {DEFAULT_SITE_URL})",
    )
    report.set_defaults(run=_report)

    bench = commands.add_parser("bench", help="measure validation (and build) on demo data")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    bench.add_argument("--output", help="append the figures to this Markdown file")
    bench.add_argument(
        "--build-runs",
        type=int,
        default=2,
        help="time each build this many times and keep the fastest (default 2)",
    )
    bench.set_defaults(run=_bench)

    size = commands.add_parser(
        "site-size", help="total size and file count of a built site; fail over the limits"
    )
    size.add_argument("site", help="the built site's folder, e.g. site/")
    size.add_argument("--max-mb", type=float, help="largest total size, in MB (10^6 bytes)")
    size.add_argument("--max-files", type=int, help="largest number of files")
    size.set_defaults(run=_site_size)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"acsg {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
