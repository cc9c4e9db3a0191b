"""Shared helpers: small content trees written into tmp_path, ways to find lines in them, and
the fictitious site built by MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from mkdocs.utils import meta

from acsg.catalogue import Catalogue
from acsg.models import KINDS, Record, kind_of
from acsg.problems import Problem
from acsg.render.pages import Page
from acsg.schemas import schema_comment
from acsg.validation import load_catalogue, load_file

REPO = Path(__file__).resolve().parent.parent
REPO_CONTENT = REPO / "content"
REPO_SCHEMAS = REPO / "schemas"
SITE_CONTENT = Path(__file__).parent / "fixtures" / "site" / "content"
SITE_URL = "http://127.0.0.1:8000/"
SITE_REPO_URL = "https://example.org/acsg/portal"


OLD = 1_000_000_000_000_000_000  # 2001-09-09, in nanoseconds: a file time no test run gives


def aged(folder: Path) -> dict[Path, int]:
    """Set every file under ``folder`` to an old time (OLD); return their times."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    return times(folder)


def times(folder: Path) -> dict[Path, int]:
    """Every file under ``folder`` and its modification time (ns)."""
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def record_text(kind: str, folder: Path, body: str, schemas: Path) -> str:
    """The full text of a record file: the schema comment, then the (dedented) body."""
    return schema_comment(kind, folder, schemas) + "\n" + textwrap.dedent(body).lstrip("\n")


def write_record(
    root: Path, kind: str, record_id: str, body: str, *, subfolder: str = "", suffix: str = ".yaml"
) -> Path:
    """Write ``body`` as ``root/<kind folder>/[subfolder/]<record_id><suffix>``, schema line first."""
    folder = root / KINDS[kind].folder
    if subfolder:
        folder = folder / subfolder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record_id}{suffix}"
    path.write_text(record_text(kind, folder, body, root.parent / "schemas"), encoding="utf-8")
    return path


def line_of(path: Path | str, marker: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding ``marker`` (its ``occurrence``-th appearance)."""
    text = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
    found = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(found) >= occurrence, f"{marker!r} is not in the file:\n{text}"
    return found[occurrence - 1]


def column_of(path: Path | str, marker: str, occurrence: int = 1) -> int:
    """The 1-based column where ``marker`` starts on its line."""
    text = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
    line = text.splitlines()[line_of(text, marker, occurrence) - 1]
    return line.index(marker) + 1


def at(path: Path, marker: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column where ``marker`` starts in the file."""
    return line_of(path, marker, occurrence), column_of(path, marker, occurrence)


def problems_in(problems: Iterable[Problem], path: Path) -> list[Problem]:
    """The problems reported for one file (problems carry paths relative to the cwd)."""
    wanted = Path(path).resolve()
    return [problem for problem in problems if Path(problem.path).resolve() == wanted]


def one_problem(problems: Iterable[Problem], *fragments: str) -> Problem:
    """The single problem whose message holds every fragment; fails with all problems shown."""
    problems = list(problems)
    found = [p for p in problems if all(f in p.message for f in fragments)]
    listing = "\n".join(str(p) for p in problems) or "(no problems)"
    assert len(found) == 1, f"expected one problem with {fragments!r}, got:\n{listing}"
    return found[0]


def listing(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def sub(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails when ``old`` is not there (no silent no-op)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in:\n{text}"
    return text.replace(old, new)


def approved(golden: Path, written: str) -> str:
    """The reviewed text of a golden file; with UPDATE_GOLDEN=1, ``written`` becomes it (review
    the file's diff before committing it)."""
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(written, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run with UPDATE_GOLDEN=1 and review it"
    return golden.read_text(encoding="utf-8")


def site_config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the Markdown extensions of the site's mkdocs.yml."""
    return markdown.Markdown(extensions=site_config()["markdown_extensions"])


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags only matter to MkDocs."""


_Tolerant.add_constructor("!ENV", lambda loader, node: None)


def between_elements(html: str) -> str:
    """HTML without the whitespace between its elements (which no published page keeps)."""
    return re.sub(r">\s+<", "><", html.strip())


def page_body(page: Page, lang: str) -> str:
    """A generated page's body as MkDocs publishes it (front matter aside): a page written in
    HTML as it is, a Markdown one as the site's Markdown makes it."""
    body, _ = meta.get_data(page.texts[lang])
    return body if page.html else site_markdown().convert(body)


def page_tree(page: Page, lang: str) -> lxml.html.HtmlElement:
    """A generated page's body, parsed as a browser reads it."""
    return lxml.html.fragment_fromstring(page_body(page, lang), create_parent="div")


def with_records(catalogue: Catalogue, *records: Record) -> Catalogue:
    """The catalogue with these records in place of those of the same kind and id."""
    copied = {kind: dict(of_kind) for kind, of_kind in catalogue.records.items()}
    for record in records:
        copied[kind_of(record).name][record.id] = record
    return replace(catalogue, records=copied)


def module_scope_but_per_test_under_mutmut(fixture_name: str, config: pytest.Config) -> str:
    """A fixture scope: "module", but "function" while mutmut (``make mutation``) collects its
    stats. mutmut runs, for each mutant, the tests that called the mutated function during
    that collection, and would credit a module fixture's calls to the first test using it only;
    done again for each test then, the fixture's work counts for every test that reads it."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "module"


# --- a minimal valid content tree -------------------------------------------------------------

FRANCE = """
id: france
language: en
type: state
country: FRA
sources:
  - https://www.example.org/france
created: 2024-01-10
updated: 2024-01-10
"""

GEORGIA = """
id: georgia
language: en
type: state
country: GEO
sources:
  - https://www.example.org/georgia
created: 2024-01-10
updated: 2024-01-10
"""

OFPRA = """
id: ofpra
language: fr
type: asylum-authority
name:
  fr: Office français de protection des réfugiés et apatrides
acronym: OFPRA
part_of: france
website: https://www.ofpra.gouv.fr
sources:
  - https://www.ofpra.gouv.fr
created: 2024-01-10
updated: 2024-01-10
"""

COMMITMENT = """
id: france-commitment
language: en
kind: commitment
title:
  en: Faster registration
entities:
  - france
topics:
  - registration
sources:
  - https://www.example.org/commitment
created: 2024-01-10
updated: 2024-01-10
"""

REQUEST = """
id: georgia-request
language: en
kind: request
title:
  en: Support for country-of-origin information
entities:
  - georgia
support_types:
  - technical
stage: in-progress
updates:
  - date: 2024-02-01
    stage: planning
    text:
      en: Needs assessed.
  - date: 2024-03-01
    stage: in-progress
    text:
      en: Work started.
sources:
  - https://www.example.org/request
created: 2024-01-10
updated: 2024-03-01
"""

OFFER = """
id: france-offer
language: en
kind: offer
title:
  en: Training on interviewing
entities:
  - ofpra
sources:
  - https://www.example.org/offer
created: 2024-01-10
updated: 2024-01-10
"""

MATCH = """
id: france-georgia
language: en
requesting:
  entities:
    - georgia
  pledges:
    - georgia-request
supporting:
  entities:
    - france
  agencies:
    - ofpra
  pledges:
    - france-offer
stage: in-progress
timeframe:
  start: 2024-03
  end: 2025
summary:
  en: France trains Georgian **caseworkers**, see <https://www.example.org/coi>.
good_practices:
  - coi-training
sources:
  - https://www.example.org/match
created: 2024-01-10
updated: 2024-01-10
"""

PRACTICE = """
id: coi-training
language: en
kind: training-material
title:
  en: Country-of-origin information training
narrative:
  en: A course for caseworkers, see [the course](https://www.example.org/course).
countries:
  - FRA
topics:
  - coi
shared_by:
  - ofpra
documents:
  - language: en
    title:
      en: Course guide
    url: https://www.example.org/guide.pdf
sources:
  - https://www.example.org/practice
created: 2024-01-10
updated: 2024-01-10
"""

EVENT = """
id: dialogue-2025
language: en
kind: webinar
title:
  en: Thematic webinar
sessions:
  - start: 2025-03-30T09:00+01:00
    end: 2025-03-30T11:00+01:00
    timezone: Africa/Lagos
conveners:
  - france
sources:
  - https://www.example.org/event
created: 2024-01-10
updated: 2024-01-10
"""

# (kind, id, body) of every record of the minimal tree.
MINIMAL: list[tuple[str, str, str]] = [
    ("organization", "france", FRANCE),
    ("organization", "georgia", GEORGIA),
    ("organization", "ofpra", OFPRA),
    ("pledge", "france-commitment", COMMITMENT),
    ("pledge", "georgia-request", REQUEST),
    ("pledge", "france-offer", OFFER),
    ("match", "france-georgia", MATCH),
    ("good-practice", "coi-training", PRACTICE),
    ("event", "dialogue-2025", EVENT),
]
BODIES = {record_id: body for _, record_id, body in MINIMAL}


@dataclass
class Content:
    """A content tree in a temporary folder, which is also the working folder."""

    root: Path

    def write(self, kind: str, record_id: str, body: str, **options: str) -> Path:
        return write_record(self.root, kind, record_id, body, **options)

    def path(self, kind: str, record_id: str) -> Path:
        return self.root / KINDS[kind].folder / f"{record_id}.yaml"

    def load(self) -> tuple:
        return load_catalogue(self.root)

    def problems(self) -> list[Problem]:
        return self.load()[1]

    def check_file(self, path: Path, kind: str) -> list[Problem]:
        return load_file(path, KINDS[kind])[1]


@pytest.fixture
def empty_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    """An empty content folder ``tmp_path/content``; the working folder is ``tmp_path``."""
    root = tmp_path / "content"
    root.mkdir()
    (tmp_path / "schemas").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACSG_CONTENT", str(root))
    return Content(root)


@pytest.fixture
def content(empty_content: Content) -> Content:
    """A minimal valid content tree: States, a body, a pledge of each kind, a match, a good
    practice and an event, all referring to each other."""
    for kind, record_id, body in MINIMAL:
        empty_content.write(kind, record_id, body)
    return empty_content


# --- markers: `pytest -m "not slow and not browser"` is the fast loop -----------------------

# Session fixtures that build a whole site with MkDocs: a test using one of them is `slow`.
SITE_FIXTURES = frozenset({"built", "shipped"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that build a site are marked ``slow``, tests of tests/browser/ ``browser``."""
    browser = Path(__file__).parent / "browser"
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if browser in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


# --- sites built by MkDocs ---------------------------------------------------------------------


def _build_site(project: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))


def _project(folder: Path) -> Path:
    """A copy of what MkDocs reads (configuration, hooks, hand-written pages, theme overrides)."""
    shutil.copy(REPO / "mkdocs.yml", folder)
    shutil.copytree(REPO / "hooks", folder / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs", folder / "docs")
    shutil.copytree(REPO / "overrides", folder / "overrides")
    for watched in ("content", "src/acsg"):  # mkdocs.yml watches them for `mkdocs serve`
        (folder / watched).mkdir(parents=True)
    return folder


def _site_settings(project: Path, content: Path) -> pytest.MonkeyPatch:
    """The environment of a test build of ``content``: fixed day, repository and address."""
    patch = pytest.MonkeyPatch()
    patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the build sets it: undone afterwards
    patch.setenv("ACSG_CONTENT", str(content))
    patch.setenv("ACSG_TODAY", "2026-11-23")
    patch.setenv("ACSG_REPO_URL", SITE_REPO_URL)
    patch.setenv("ACSG_SITE_URL", SITE_URL)
    patch.chdir(project)
    return patch


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder holding the fixture site built twice in this process (``site1``,
    ``site2``), as static-i18n builds once per language; each build starts with another
    SOURCE_DATE_EPOCH, which the build must replace with the date of its content. ``site3``:
    built once more with the languages one after another (ACSG_PARALLEL_LANGUAGES=0), as
    static-i18n alone builds them, where the others are built each in a process of its own."""
    project = _project(tmp_path_factory.mktemp("project"))
    patch = _site_settings(project, SITE_CONTENT)
    try:
        for number, epoch in ((1, "0"), (2, "2000000000")):
            patch.setenv("SOURCE_DATE_EPOCH", epoch)
            _build_site(project, project / f"site{number}")
        patch.setenv("ACSG_PARALLEL_LANGUAGES", "0")
        _build_site(project, project / "site3")
    finally:
        patch.undo()
    return project


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the records shipped in content/ (with the fixture site's
    settings): the pages readers will get."""
    project = _project(tmp_path_factory.mktemp("shipped"))
    patch = _site_settings(project, REPO_CONTENT)
    try:
        _build_site(project, project / "site")
    finally:
        patch.undo()
    return project / "site"
