"""Demo data (acsg demo-data) and the benchmark (acsg bench) as their users see them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import OLD, aged, approved, times

from acsg.bench import MEASURES, run_benchmark
from acsg.cli import main
from acsg.demo import write_demo_data
from acsg.models import KINDS, Event
from acsg.validation import load_catalogue
from acsg.vocab import vocabulary

WORD = re.compile(r"[^\W\d_]+")
LINK = re.compile(r"(?:https?|mailto):[^\s'\"]+")

REPO = Path(__file__).resolve().parent.parent


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*.yaml"))
    }


def texts_in(value: object) -> list[str]:
    """Every string of a YAML value, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts_in(item)]
    return []


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "content"
    assert write_demo_data(60, folder, seed=3) == 60
    return folder


@pytest.mark.parametrize("count", [1, 2, 7, 60])
def test_demo_data_validates_without_a_single_problem(tmp_path, count):
    assert write_demo_data(count, tmp_path, seed=count) == count
    catalogue, problems = load_catalogue(tmp_path)
    assert [str(problem) for problem in problems] == []
    assert len(catalogue) == count


def test_demo_data_holds_every_kind_laid_out_like_content(sixty):
    catalogue, _ = load_catalogue(sixty)
    counts = {kind: len(records) for kind, records in catalogue.records.items()}
    assert all(counts[kind] > 0 for kind in KINDS), counts
    assert counts["organization"] == 8 and counts["pledge"] == 21 and counts["news"] == 2
    for kind in KINDS.values():
        for path in (sixty / kind.folder).glob("*.yaml"):
            first_line = path.read_text(encoding="utf-8").splitlines()[0]
            assert first_line.startswith("# yaml-language-server: $schema=")
            assert first_line.endswith(f"{kind.name}.schema.json")


# Field name in records -> the vocabularies whose every term the demo data should use.
VOCABULARY_FIELDS = {
    "type": ["stakeholder_types"],
    "kind": ["pledge_kinds", "practice_kinds", "event_kinds", "document_kinds"],
    "forum": ["forums"],
    "areas": ["areas"],
    "quality_dimensions": ["quality_dimensions"],
    "support_types": ["support_types"],
    "topics": ["topics"],
    "stage": ["pledge_stages", "match_stages"],
    "channel": ["channels"],
    "workstreams": ["workstreams"],
    "format": ["session_formats"],
    "interpretation": ["interpretation_languages"],
    "language": ["languages"],
    "unreviewed": ["languages"],
}


def field_values(value: object, found: dict[str, set[str]]) -> None:
    """Every scalar (or list of scalars) by the name of the field holding it."""
    if isinstance(value, dict):
        for key, item in value.items():
            items = item if isinstance(item, list) else [item]
            found.setdefault(key, set()).update(str(x) for x in items if not isinstance(x, dict))
            field_values(item, found)
    elif isinstance(value, list):
        for item in value:
            field_values(item, found)


def test_demo_data_uses_every_vocabulary(tmp_path):
    write_demo_data(300, tmp_path)
    found: dict[str, set[str]] = {}
    for raw in files_of(tmp_path).values():
        field_values(yaml.safe_load(raw), found)
    for field, names in VOCABULARY_FIELDS.items():
        for name in names:
            missing = set(vocabulary(name).ids) - found[field]
            assert not missing, (field, name, missing)


def test_demo_data_refers_consistently_and_has_timed_sessions(tmp_path):
    write_demo_data(300, tmp_path)
    catalogue, _ = load_catalogue(tmp_path)
    states = [org for org in catalogue.organizations.values() if org.type == "state"]
    assert len({state.country for state in states}) == len(states)
    assert any(org.part_of in catalogue.organizations for org in catalogue.organizations.values())
    assert any(match.requesting.pledges for match in catalogue.matches.values())
    assert any(match.supporting.pledges for match in catalogue.matches.values())
    assert any(match.good_practices for match in catalogue.matches.values())
    events: list[Event] = list(catalogue.events.values())
    timed = [session for event in events for session in event.sessions if session.timezone]
    assert timed and all(session.start.utcoffset() is not None for session in timed)
    assert any(len(event.sessions) > 1 for event in events)
    years = {event.sessions[0].start.year for event in events}
    assert min(years) <= 2025 < max(years)  # some past, some upcoming
    assert any(record.unreviewed for _, record in catalogue.all())
    english_only = [
        record
        for _, record in catalogue.all()
        if record.language == "en" and getattr(record, "title", None) and not record.title.fr
    ]
    assert english_only


def test_same_seed_same_bytes_other_seed_other_records(tmp_path):
    write_demo_data(40, tmp_path / "a", seed=7)
    write_demo_data(40, tmp_path / "b", seed=7)
    write_demo_data(40, tmp_path / "c", seed=8)
    first = files_of(tmp_path / "a")
    assert len(first) == 40
    assert first == files_of(tmp_path / "b")
    assert first != files_of(tmp_path / "c")


# The news and roster entries of a hundred records of seed 1 (the benchmark's), as written: their
# recipes are the kind registry's (acsg.models). Regenerate with UPDATE_GOLDEN=1 and review it.
DEMO_GOLDEN = Path(__file__).parent / "golden" / "demo-news-and-roster.yaml"


def test_a_seeds_news_and_roster_stay_the_same_records(tmp_path):
    """The benchmark compares builds of the same records (acsg demo-data N, seed 1): a change of
    a kind's recipe (how many words, countries, organizations ...) changes a seed's records, and
    is made on purpose, with this file."""
    write_demo_data(100, tmp_path, seed=1)
    written = "".join(  # less the schema line, a path from where the records were written
        f"--- {name}\n{raw.decode().split(chr(10), 1)[1]}"
        for name, raw in files_of(tmp_path).items()
        if name.startswith(("news/", "roster/"))
    )
    assert written.count("--- ") == 5  # three news items and two entries of the roster
    assert written == approved(DEMO_GOLDEN, written)


class RecipeReader:
    """A demo writer that answers each request of a recipe with what was asked."""

    def base(self, kind: str, number: int) -> dict[str, str]:
        return {"id": f"{kind}-{number}"}

    def title(self) -> str:
        return "a title"

    def day(self) -> str:
        return "a day"

    def text(self, words: int) -> str:
        return f"up to {words} words"

    def countries(self, low: int, high: int) -> str:
        return f"{low} to {high} countries"

    def ids(self, kind: str, low: int, high: int) -> list[str]:
        return [f"{low} to {high} {kind} ids"]

    def terms(self, vocabulary_name: str, low: int, high: int) -> str:
        return f"{low} to {high} {vocabulary_name}"


def test_the_news_and_roster_recipes_ask_for_what_real_records_hold():
    """What the benchmark's news and roster records are made of (the seed's draws aside)."""
    reader: Any = RecipeReader()
    assert KINDS["news"].demo(reader, 1) == {
        "id": "news-1",
        "title": "a title",
        "date": "a day",
        "summary": "up to 25 words",
        "body": "up to 120 words",
        "countries": "0 to 2 countries",
        "organizations": ["0 to 2 organization ids"],
        "pledges": ["0 to 2 pledge ids"],
        "matches": ["0 to 1 match ids"],
    }
    assert KINDS["roster"].demo(reader, 2) == {
        "id": "roster-2",
        "organization": "1 to 1 organization ids",
        "summary": "up to 50 words",
        "topics": "1 to 3 topics",
        "modalities": "1 to 3 roster_modalities",
        "working_languages": "1 to 2 interpretation_languages",
        "work_regions": "0 to 2 regions",
        "pledges": ["0 to 1 pledge ids"],
    }


def test_writing_again_replaces_the_earlier_demo_records(tmp_path):
    write_demo_data(50, tmp_path, seed=1)
    write_demo_data(10, tmp_path, seed=2)
    assert len(files_of(tmp_path)) == 10
    assert load_catalogue(tmp_path)[1] == []


def test_writing_the_same_demo_data_again_leaves_unchanged_files_alone(tmp_path):
    write_demo_data(30, tmp_path, seed=5)
    before = aged(tmp_path)
    write_demo_data(30, tmp_path, seed=5)
    assert times(tmp_path) == before
    write_demo_data(30, tmp_path, seed=6)
    assert all(stamp != OLD for stamp in times(tmp_path).values())


def test_demo_data_refuses_a_folder_with_real_records(tmp_path):
    (tmp_path / "organizations").mkdir()
    (tmp_path / "organizations" / "france.yaml").write_text("id: france\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not demo data"):
        write_demo_data(5, tmp_path)


def test_demo_data_is_plainly_fictitious(sixty):
    for name, raw in files_of(sixty).items():
        text = raw.decode("utf-8")
        record = yaml.safe_load(text)
        for field in ("title", "name"):
            for title in (record.get(field) or {}).values():
                assert title.startswith("[DEMO] "), (name, title)
        for document in record.get("documents", []):
            assert all(title.startswith("[DEMO] ") for title in document["title"].values())
        assert record["sources"]
        assert all(source.startswith("https://example.org/demo/") for source in record["sources"])
        assert all(link.startswith("https://example.org/") for link in LINK.findall(text)), name


def test_demo_texts_have_a_realistic_vocabulary(tmp_path):
    write_demo_data(300, tmp_path)
    words: set[str] = set()
    for raw in files_of(tmp_path).values():
        for text in texts_in(yaml.safe_load(raw)):
            if " " in text:  # human text, not ids or codes
                words.update(word.lower() for word in WORD.findall(text))
    assert len(words) > 2000


def test_demo_data_command(tmp_path, capsys):
    assert main(["demo-data", "25", str(tmp_path / "site"), "--seed", "4"]) == 0
    assert "25" in capsys.readouterr().out
    assert len(files_of(tmp_path / "site")) == 25
    assert main(["validate", str(tmp_path / "site")]) == 0


@pytest.mark.slow
def test_benchmark_prints_and_appends_every_figure(tmp_path, capsys, monkeypatch):
    # Builds the portal and its floor at two small sizes and opens pages in Chromium.
    monkeypatch.chdir(REPO)
    output = tmp_path / "b.md"
    assert run_benchmark([20, 40], output=output) == 0
    printed = capsys.readouterr().out
    assert "generating 20 demo records" in printed
    assert "validating (run 1/3)" in printed
    report = output.read_text(encoding="utf-8")
    figures = (
        "records",
        "validation (s)",
        "peak memory (MiB)",
        "acsg validate (s)",
        "pages built",
        "build (s)",
        "floor (s)",
        "build / floor",
        "plain floor (s)",
        "build / plain floor",
        "build CPU (s)",
        "floor CPU (s)",
        "plain floor CPU (s)",
        "build peak memory (MiB)",
        "largest helper (MiB)",
        "all processes, peak (MiB)",
        "home page, cold first view (KB)",
        "largest map SVG (KB)",
        "record page, largest (KB)",
        "record page, median (KB)",
        "site (MB)",
        "site files",
        "cold first view (KB)",
        "first query (KB)",
    )
    for figure in figures:
        assert figure in report and figure in printed, figure
    assert "Build time 40 / 20 records" in report and "Build time 40 / 20 records" in printed
    assert "| 20 |" in report and "| 40 |" in report
    assert "Python " in report and "CPU" in report
    # A second run appends a second section (validation only, to keep this test short).
    monkeypatch.setattr("acsg.bench.MEASURES", MEASURES[:2])
    assert run_benchmark([20], output=output) == 0
    assert output.read_text(encoding="utf-8").count("| records |") == 2


def test_the_plain_floor_has_as_many_simple_pages_per_language_without_hooks(tmp_path):
    from acsg.bench_site import _pages_per_language, _plain_project

    _plain_project(REPO, tmp_path, 40)
    assert _pages_per_language(tmp_path / "docs") == 40
    for suffix in (".fr.md", ".es.md"):
        assert len(list((tmp_path / "docs").rglob(f"*{suffix}"))) == 40
    page = (tmp_path / "docs" / "pages" / "page-3.fr.md").read_text(encoding="utf-8")
    assert page.startswith("# ") and "| Name | Value |" in page
    assert 190 <= len(page.split()) <= 230
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in config and "acsg.markup" not in config
    assert "plugins:\n  - search\n  - i18n:" in config and "/pages/**" in config


def test_the_memory_of_a_process_tree_counts_its_children(tmp_path):
    import os
    import subprocess
    import sys

    from acsg.bench_site import _pss_kib

    alone = _pss_kib(os.getpid())
    assert alone > 1000  # a Python interpreter with pytest: some MiB
    # A child holding 200 MiB of its own memory adds about that much.
    code = "import sys, time; b = bytearray(200 * 2**20); print(flush=True); time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        child.stdout.readline()
        assert _pss_kib(os.getpid()) - alone > 190 * 1024
    finally:
        child.kill()
        child.wait()


def test_a_figure_measured_at_some_sizes_only_leaves_the_others_not_measured(
    tmp_path, capsys, monkeypatch
):
    # acsg suggest --evaluate runs up to 1,000 records: a run of 1,000 and 10,000 records
    # has that figure for one size only, and the table still shows both (it once crashed
    # there, at the very end of an hour of measuring).
    from acsg.bench import Figure

    def small_only(folder, size):
        return [Figure("small", "small only", 1.0)] if size < 30 else []

    monkeypatch.setattr("acsg.bench.MEASURES", [small_only])
    output = tmp_path / "b.md"
    assert run_benchmark([20, 40], output=output) == 0
    printed = capsys.readouterr().out
    assert "figures at 20 records:\n  records: 20\n" in printed
    report = output.read_text(encoding="utf-8")
    assert "| small only |" in report
    assert "| 20 | " in report and " | not measured |" in report
