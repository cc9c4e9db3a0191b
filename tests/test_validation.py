"""Whole content trees (``load_catalogue``): checks across records, folders and files, every
problem of every file in one run, and the data derived from the records."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import (
    BODIES,
    REPO_CONTENT,
    Content,
    at,
    line_of,
    listing,
    one_problem,
    problems_in,
    sub,
)

from acsg import validation
from acsg.validation import MAX_FILE_BYTES, InvalidContent, current_catalogue, load_catalogue


def state(record_id: str, country: str) -> str:
    return sub(sub(BODIES["georgia"], "id: georgia", f"id: {record_id}"), "GEO", country)


def test_minimal_tree_is_valid(content: Content) -> None:
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert len(catalogue) == 9
    assert set(catalogue.pledges) == {"france-commitment", "georgia-request", "france-offer"}
    assert catalogue.files[("match", "france-georgia")] == "matches/france-georgia.yaml"


def test_current_catalogue_returns_valid_content_and_refuses_problems(content: Content) -> None:
    assert set(current_catalogue(content.root).organizations) == {"france", "georgia", "ofpra"}
    broken = Content(content.root.parent / "broken")
    path = broken.write(
        "organization", "france", sub(BODIES["france"], "type: state", "type: nation")
    )
    with pytest.raises(InvalidContent) as caught:
        current_catalogue(broken.root)
    assert [p.line for p in caught.value.problems] == [line_of(path, "type:")]
    assert "nation" in str(caught.value)


# --- ids ------------------------------------------------------------------------------------


def test_id_not_equal_to_the_file_name(content: Content) -> None:
    path = content.write("pledge", "offer-2", BODIES["france-offer"])
    problems = problems_in(content.problems(), path)
    problem = one_problem(problems, "file name")
    assert "'france-offer'" in problem.message and "'offer-2'" in problem.message
    assert (problem.line, problem.column) == at(path, "france-offer")


def test_duplicate_ids_in_nested_folders_of_one_kind(content: Content) -> None:
    first = content.write(
        "pledge",
        "training",
        sub(BODIES["france-offer"], "id: france-offer", "id: training"),
        subfolder="2023",
    )
    second = content.write(
        "pledge",
        "training",
        sub(BODIES["france-offer"], "id: france-offer", "id: training"),
        subfolder="2024",
    )
    problems = content.problems()
    problem = one_problem(problems, "'training'", "already used")
    reported, other = (
        (first, second) if Path(problem.path).resolve() == first.resolve() else (second, first)
    )
    assert "content/pledges/" + other.parent.name + "/training.yaml" in problem.message
    assert (problem.line, problem.column) == at(reported, "training")
    assert len(problems) == 1, listing(problems)


def test_the_same_id_in_two_kinds_is_fine(content: Content) -> None:
    content.write(
        "good-practice", "france", sub(BODIES["coi-training"], "id: coi-training", "id: france")
    )
    assert content.problems() == []


# --- references -----------------------------------------------------------------------------


def test_reference_to_a_missing_organization_suggests_the_close_id(content: Content) -> None:
    path = content.write(
        "pledge", "france-offer", sub(BODIES["france-offer"], "  - ofpra", "  - ofrpa")
    )
    problems = content.problems()
    problem = one_problem(problems, "'ofrpa'")
    assert "did you mean 'ofpra'?" in problem.message
    assert "organizations/" in problem.message
    assert (problem.line, problem.column) == at(path, "ofrpa")
    assert len(problems) == 1, listing(problems)


@pytest.mark.parametrize(
    ("record_id", "old", "new", "meant"),
    [
        ("france-georgia", "    - georgia-request", "    - georgia-requests", "georgia-request"),
        ("france-georgia", "  - coi-training", "  - coi-trainings", "coi-training"),
        ("france-georgia", "    - ofpra", "    - ofpr", "ofpra"),
        ("ofpra", "part_of: france", "part_of: frnace", "france"),
        ("coi-training", "  - ofpra", "  - opfra", "ofpra"),
        ("dialogue-2025", "  - france", "  - frances", "france"),
    ],
)
def test_unresolved_references_in_every_kind(
    content: Content, record_id: str, old: str, new: str, meant: str
) -> None:
    kind = {
        "france-georgia": "match",
        "ofpra": "organization",
        "coi-training": "good-practice",
        "dialogue-2025": "event",
    }[record_id]
    path = content.write(kind, record_id, sub(BODIES[record_id], old, new))
    problems = content.problems()
    given = new.split()[-1]
    problem = one_problem(problems, f"{given!r}")
    assert f"did you mean {meant!r}?" in problem.message
    assert (problem.line, problem.column) == at(path, given)
    assert Path(problem.path).resolve() == path.resolve()


def test_reference_with_no_close_id_has_no_suggestion(content: Content) -> None:
    path = content.write(
        "event", "dialogue-2025", sub(BODIES["dialogue-2025"], "  - france", "  - unhcr")
    )
    problem = one_problem(content.problems(), "'unhcr'")
    assert "did you mean" not in problem.message
    assert problem.line == line_of(path, "unhcr")


def test_supporting_side_takes_only_offers(content: Content) -> None:
    path = content.write(
        "match",
        "france-georgia",
        sub(BODIES["france-georgia"], "    - france-offer", "    - france-commitment"),
    )
    problems = content.problems()
    problem = one_problem(problems, "'france-commitment'")
    assert "commitment" in problem.message and "offer" in problem.message
    assert "supporting" in problem.message
    assert (problem.line, problem.column) == at(path, "france-commitment")


def test_requesting_side_takes_no_offers(content: Content) -> None:
    path = content.write(
        "match",
        "france-georgia",
        sub(
            BODIES["france-georgia"],
            "    - georgia-request",
            "    - france-offer\n    - georgia-request",
        ),
    )
    problem = one_problem(content.problems(), "'france-offer'")
    assert "requesting" in problem.message
    assert (problem.line, problem.column) == at(path, "france-offer")


# --- organizations --------------------------------------------------------------------------


def test_second_state_for_the_same_country(content: Content) -> None:
    path = content.write(
        "organization", "republique-francaise", state("republique-francaise", "FRA")
    )
    problems = content.problems()
    problem = one_problem(problems, "FRA")
    first = content.path("organization", "france")
    reported, other = (
        (path, first) if Path(problem.path).resolve() == path.resolve() else (first, path)
    )
    assert f"content/organizations/{other.name}" in problem.message
    assert (problem.line, problem.column) == at(reported, "FRA")
    assert len(problems) == 1, listing(problems)


def test_a_body_may_share_its_states_country(content: Content) -> None:
    body = sub(BODIES["ofpra"], "part_of: france", "country: FRA")
    content.write("organization", "ofpra", body)
    assert content.problems() == []


# --- files ----------------------------------------------------------------------------------

DOCUMENT = "    url: https://www.example.org/guide.pdf"


def test_document_file_that_does_not_exist(content: Content) -> None:
    path = content.write(
        "good-practice",
        "coi-training",
        sub(BODIES["coi-training"], DOCUMENT, "    file: guide.pdf"),
    )
    problem = one_problem(content.problems(), "guide.pdf")
    assert "files/" in problem.message
    assert (problem.line, problem.column) == at(path, "guide.pdf")


def test_document_file_that_exists(content: Content) -> None:
    (content.root / "files" / "2024").mkdir(parents=True)
    (content.root / "files" / "2024" / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    content.write(
        "good-practice",
        "coi-training",
        sub(BODIES["coi-training"], DOCUMENT, "    file: 2024/guide.pdf"),
    )
    assert content.problems() == []


def test_document_file_of_a_record_in_a_nested_folder(content: Content) -> None:
    (content.root / "files").mkdir()
    (content.root / "files" / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    content.path("good-practice", "coi-training").unlink()
    content.write(
        "good-practice",
        "coi-training",
        sub(BODIES["coi-training"], DOCUMENT, "    file: guide.pdf"),
        subfolder="2024",
    )
    problems = content.problems()
    assert problems == [], listing(problems)


def test_event_document_and_practice_image_files_are_checked(content: Content) -> None:
    event = content.write(
        "event",
        "dialogue-2025",
        sub(
            BODIES["dialogue-2025"],
            "conveners:",
            "documents:\n  - language: en\n    kind: agenda\n    file: agenda.pdf\nconveners:",
        ),
    )
    practice = content.write(
        "good-practice",
        "coi-training",
        sub(
            BODIES["coi-training"],
            "sources:",
            "image:\n  file: photo.jpg\n  alt:\n    en: Caseworkers in class\nsources:",
        ),
    )
    problems = content.problems()
    assert one_problem(problems, "agenda.pdf").line == line_of(event, "agenda.pdf")
    assert one_problem(problems, "photo.jpg").line == line_of(practice, "photo.jpg")


def test_path_escaping_the_files_folder_is_rejected(content: Content) -> None:
    # With a files folder present, so that the escape is refused for what it is (the file
    # content/organizations/france.yaml exists).
    (content.root / "files").mkdir()
    assert (content.root / "files" / ".." / "organizations" / "france.yaml").is_file()
    path = content.write(
        "good-practice",
        "coi-training",
        sub(BODIES["coi-training"], DOCUMENT, "    file: ../organizations/france.yaml"),
    )
    problem = one_problem(content.problems(), "../organizations/france.yaml")
    assert problem.line == line_of(path, "file:")


def name_file(content: Content, name: str) -> None:
    """The good practice names content/files/NAME as its document."""
    content.write(
        "good-practice", "coi-training", sub(BODIES["coi-training"], DOCUMENT, f"    file: {name}")
    )


def test_a_symbolic_link_in_the_files_folder_is_refused(content: Content) -> None:
    # A link to /proc/self/environ would publish the build machine's environment.
    (content.root / "files").mkdir()
    (content.root / "files" / "environ.txt").symlink_to("/proc/self/environ")
    name_file(content, "environ.txt")
    problems = content.problems()
    assert one_problem(problems, "symbolic link").path.endswith("files/environ.txt")
    assert one_problem(problems, "there is no file files/environ.txt")
    (content.root / "files" / "environ.txt").unlink()
    (content.root / "outside").mkdir()
    (content.root / "files" / "linked").symlink_to(content.root / "outside")
    assert one_problem(content.problems(), "symbolic link").path.endswith("files/linked")


def test_a_file_no_record_names_is_refused(content: Content) -> None:
    (content.root / "files").mkdir()
    (content.root / "files" / "forgotten.pdf").write_bytes(b"%PDF-1.4\n")
    problem = one_problem(content.problems(), "no record names this file")
    assert problem.path.endswith("files/forgotten.pdf")
    name_file(content, "forgotten.pdf")
    assert content.problems() == []


def test_a_file_named_in_a_text_counts_as_named(content: Content) -> None:
    (content.root / "files").mkdir()
    (content.root / "files" / "plan.png").write_bytes(b"\x89PNG")
    body = sub(
        BODIES["coi-training"],
        "  en: A course",
        "  en: >-\n    ![The plan](files/plan.png) A course",
    )
    content.write("good-practice", "coi-training", body)
    assert content.problems() == []
    (content.root / "files" / "plan.png").unlink()
    assert one_problem(content.problems(), "there is no file files/plan.png")


def test_names_differing_only_by_case_are_refused(content: Content) -> None:
    (content.root / "files").mkdir()
    for name in ("Guide.pdf", "guide.pdf"):
        (content.root / "files" / name).write_bytes(b"%PDF-1.4\n")
    name_file(content, "guide.pdf")
    problem = one_problem(content.problems(), "only by case")
    assert "Guide.pdf" in problem.message or "Guide.pdf" in problem.path


def test_a_file_over_the_size_limit_is_refused(content: Content) -> None:
    (content.root / "files").mkdir()
    with (content.root / "files" / "huge.pdf").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on disk
    name_file(content, "huge.pdf")
    assert one_problem(content.problems(), "over 20 MB").path.endswith("files/huge.pdf")


# --- folders --------------------------------------------------------------------------------


def test_yml_file_is_reported(content: Content) -> None:
    path = content.write(
        "pledge",
        "new-offer",
        sub(BODIES["france-offer"], "id: france-offer", "id: new-offer"),
        suffix=".yml",
    )
    problems = content.problems()
    problem = one_problem(problems, "new-offer.yaml")
    assert Path(problem.path).resolve() == path.resolve()
    assert len(problems) == 1, listing(problems)


def test_other_files_in_a_kind_folder_are_reported(content: Content) -> None:
    (content.root / "pledges" / "notes.txt").write_text("to do\n")
    problem = one_problem(content.problems(), ".yaml")
    assert problem.path == "content/pledges/notes.txt"


def test_unknown_folder_is_reported_with_a_suggestion(content: Content) -> None:
    content.write("pledge", "x", BODIES["france-offer"])
    (content.root / "pledge").mkdir()
    (content.root / "pledges" / "x.yaml").rename(content.root / "pledge" / "x.yaml")
    problems = content.problems()
    problem = one_problem(problems, "not a record folder")
    assert problem.path == "content/pledge"
    assert "did you mean 'pledges'?" in problem.message


def test_markdown_notes_and_hidden_files_are_ignored(content: Content) -> None:
    (content.root / "README.md").write_text("# Content\n")
    (content.root / "pledges" / "README.md").write_text("# Pledges\n")
    (content.root / "pledges" / ".DS_Store").write_bytes(b"\0\1")
    assert content.problems() == []


def test_missing_content_folder_is_reported(empty_content: Content) -> None:
    _, problems = load_catalogue(empty_content.root / "nope")
    assert len(problems) == 1
    assert "content/nope" in str(problems[0])


# --- every problem of every file ------------------------------------------------------------


def test_all_problems_of_all_files_are_reported_in_one_run(content: Content) -> None:
    broken_yaml = content.write(
        "organization", "georgia", sub(BODIES["georgia"], "type: state", "type: state\ntype: state")
    )
    broken_field = content.write(
        "pledge",
        "france-offer",
        sub(
            sub(BODIES["france-offer"], "kind: offer", "kind: offr"),
            "  en: Training on interviewing",
            "  en: <b>Training</b>",
        ),
    )
    broken_ref = content.write(
        "event", "dialogue-2025", sub(BODIES["dialogue-2025"], "  - france", "  - francee")
    )
    problems = content.problems()
    by_file = {
        path: problems_in(problems, path) for path in (broken_yaml, broken_field, broken_ref)
    }
    assert [p.line for p in by_file[broken_yaml]] == [line_of(broken_yaml, "type: state", 2)], (
        listing(problems)
    )
    assert sorted(p.line for p in by_file[broken_field]) == [
        line_of(broken_field, "offr"),
        line_of(broken_field, "<b>"),
    ]
    assert [p.line for p in by_file[broken_ref]] == [line_of(broken_ref, "francee")]
    assert problems == sorted(problems)


def test_a_broken_file_does_not_hide_the_others(content: Content) -> None:
    content.write(
        "pledge", "france-offer", sub(BODIES["france-offer"], "kind: offer", "kind: ofer")
    )
    catalogue, problems = content.load()
    assert len(problems) >= 1
    assert "france-offer" not in catalogue.pledges
    assert set(catalogue.pledges) == {"france-commitment", "georgia-request"}
    assert "france-georgia" in catalogue.matches


# --- derived data ---------------------------------------------------------------------------


def test_match_regions_come_from_its_sides_countries(content: Content) -> None:
    content.write("organization", "north-macedonia", state("north-macedonia", "MKD"))
    content.write("organization", "tajikistan", state("tajikistan", "TJK"))
    body = """
        id: georgia-support
        language: en
        supporting:
          entities:
            - georgia
        requesting:
          entities:
            - north-macedonia
            - tajikistan
        sources:
          - https://www.example.org/match
        created: 2024-01-10
        updated: 2024-01-10
        """
    content.write("match", "georgia-support", body)
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    match = catalogue.matches["georgia-support"]
    assert sorted(catalogue.countries("match", match)) == ["GEO", "MKD", "TJK"]
    assert catalogue.regions("match", match) == ["asia-pacific", "europe"]


def test_match_agency_country_counts_through_its_state(content: Content) -> None:
    catalogue, _ = content.load()
    match = catalogue.matches["france-georgia"]
    assert sorted(catalogue.countries("match", match)) == ["FRA", "GEO"]
    assert catalogue.regions("match", match) == ["europe"]


def test_pledge_without_countries_takes_its_entities_countries(content: Content) -> None:
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert catalogue.countries("pledge", catalogue.pledges["france-offer"]) == ["FRA"]
    assert catalogue.countries("pledge", catalogue.pledges["georgia-request"]) == ["GEO"]
    assert catalogue.regions("pledge", catalogue.pledges["france-offer"]) == ["europe"]


def test_pledge_countries_given_are_used(content: Content) -> None:
    content.write(
        "pledge",
        "france-offer",
        sub(BODIES["france-offer"], "entities:", "countries:\n  - TJK\n  - AFG\nentities:"),
    )
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert sorted(catalogue.countries("pledge", catalogue.pledges["france-offer"])) == [
        "AFG",
        "TJK",
    ]
    assert catalogue.regions("pledge", catalogue.pledges["france-offer"]) == ["asia-pacific"]


def test_national_agency_gets_its_states_country(content: Content) -> None:
    department = sub(
        sub(BODIES["ofpra"], "id: ofpra", "id: ofpra-coi"), "part_of: france", "part_of: ofpra"
    )
    content.write("organization", "ofpra-coi", department)
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert catalogue.organization_country("ofpra") == "FRA"
    assert catalogue.organization_country("ofpra-coi") == "FRA"
    assert catalogue.countries("organization", catalogue.organizations["ofpra"]) == ["FRA"]
    assert catalogue.regions("organization", catalogue.organizations["ofpra-coi"]) == ["europe"]


def test_good_practice_and_event_regions(content: Content) -> None:
    content.write(
        "event",
        "dialogue-2025",
        sub(BODIES["dialogue-2025"], "conveners:", "countries:\n  - CIV\n  - ZAF\nconveners:"),
    )
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert catalogue.regions("event", catalogue.events["dialogue-2025"]) == [
        "southern-africa",
        "west-central-africa",
    ]
    assert catalogue.regions("good-practice", catalogue.good_practices["coi-training"]) == [
        "europe"
    ]


def test_a_broken_record_is_not_reported_as_missing_where_it_is_referred_to(
    content: Content,
) -> None:
    # georgia.yaml exists but cannot be read: the records naming 'georgia' are not at fault,
    # and telling their authors that there is "no organization 'georgia'" would mislead them.
    broken = content.write(
        "organization", "georgia", sub(BODIES["georgia"], "type: state", "type: stat")
    )
    problems = content.problems()
    assert problems == problems_in(problems, broken), listing(problems)
    assert [p.line for p in problems] == [line_of(broken, "type: stat")]


# --- values that would break rendering --------------------------------------------------------


def test_the_same_entity_on_both_sides_of_a_match_is_refused(content: Content) -> None:
    body = sub(
        BODIES["france-georgia"],
        "    - georgia\n  pledges",
        "    - georgia\n    - france\n  pledges",
    )
    path = content.write("match", "france-georgia", body)
    problem = one_problem(
        problems_in(content.problems(), path), "'france' is also on the requesting side"
    )
    assert problem.line == line_of(path, "- france", 2)


def test_an_organization_part_of_itself_is_refused(content: Content) -> None:
    path = content.write("organization", "france", BODIES["france"] + "part_of: ofpra\n")
    problems = content.problems()
    problem = one_problem(problems_in(problems, path), "part of itself")
    assert "france -> ofpra -> france" in problem.message
    assert problem.line == line_of(path, "part_of:")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_are_refused_in_files_and_in_escaped_text(
    content: Content, separator: str
) -> None:
    # Typed into a file, YAML reads them as line breaks: a key could be injected.
    raw = sub(BODIES["france-offer"], "sources:", f"grf_pledge: false{separator}sources:")
    path = content.write("pledge", "france-offer", raw)
    problem = one_problem(problems_in(content.problems(), path), "line separator")
    assert f"U+{ord(separator):04X}" in problem.message
    assert problem.line == line_of(path, "grf_pledge:")
    # Written as an escape in a quoted string, they reach the text: refused there too.
    escaped = f"\\u{ord(separator):04x}" if separator != "\x85" else "\\N"
    body = sub(BODIES["france-offer"], "sources:", "grf_pledge: false\nsources:")
    title_line = next(line for line in body.splitlines() if line.startswith("  en:"))
    body = sub(body, title_line, f'  en: "Offer{escaped}!!! danger"')
    path = content.write("pledge", "france-offer", body)
    problem = one_problem(problems_in(content.problems(), path), "line separators")
    assert problem.line == line_of(path, "Offer")


def test_a_number_too_long_for_any_field_is_reported_with_the_other_problems(
    content: Content,
) -> None:
    body = sub(BODIES["france-offer"], "sources:", "year: " + "1" * 5000 + "\nsources:")
    path = content.write("pledge", "france-offer", body)
    other = content.write(
        "organization", "france", sub(BODIES["france"], "type: state", "type: nation")
    )
    problems = content.problems()
    problem = one_problem(problems_in(problems, path), "5,000 digits")
    assert problem.line == line_of(path, "year:")
    assert problems_in(problems, other), "the other file's problem is reported too"


def test_large_folders_are_checked_on_every_core_with_the_same_result(monkeypatch):
    """`acsg validate` spreads large folders over the cores (records and problems go between
    processes): the catalogue and problems are those of a one-process check."""
    monkeypatch.setattr(validation, "PARALLEL_FROM", 10)
    if (os.cpu_count() or 1) < 2:
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
    alone, alone_problems = load_catalogue(REPO_CONTENT)
    spread, spread_problems = load_catalogue(REPO_CONTENT, parallel=True)
    assert spread_problems == alone_problems == []
    assert {kind: list(records) for kind, records in spread.records.items()} == {
        kind: list(records) for kind, records in alone.records.items()
    }
    assert spread.records["news"] == alone.records["news"]


def test_problems_found_across_records_are_placed_alike_on_every_core(monkeypatch, content):
    """Problems between records (a reference to a record that is gone) are placed at the line
    of the reference in each file, also for the files another process read."""
    monkeypatch.setattr(validation, "PARALLEL_FROM", 2)
    if (os.cpu_count() or 1) < 2:
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
    content.path("organization", "france").unlink()
    _, alone = load_catalogue(content.root)
    _, spread = load_catalogue(content.root, parallel=True)
    assert spread == alone
    referring = {problem.path for problem in alone if "'france'" in problem.message}
    assert len(referring) >= 3
    assert all(problem.line > 1 for problem in alone)
