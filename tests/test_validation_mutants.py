"""The validator's messages word for word, where each points, and the cached catalogue of
``mkdocs serve``: what a contributor reads when a record is wrong. Written against the mutants
of ``validation.py`` that the other tests let through (TESTING.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BODIES, Content, line_of, sub

from acsg.problems import Problem
from acsg.validation import MAX_FILE_BYTES, InvalidContent, content_root, current_catalogue

REQUEST = BODIES["georgia-request"]
EVENT = BODIES["dialogue-2025"]
TITLE = "title:\n  en: Support for country-of-origin information"
SECOND_UPDATE = "  - date: 2024-03-01\n    stage: in-progress\n    text:\n      en: Work started.\n"


def problems_of(content: Content, kind: str, record_id: str, body: str) -> list[str]:
    """The problems of the content with one record replaced, as `acsg validate` prints them."""
    content.write(kind, record_id, body)
    return [str(problem) for problem in content.problems()]


def at(kind_folder: str, record_id: str, line: int, column: int, message: str) -> str:
    return f"content/{kind_folder}/{record_id}.yaml:{line}:{column}: {message}"


def line(content: Content, kind: str, record_id: str, text: str) -> int:
    return line_of(content.path(kind, record_id), text)


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "entities:\n  - georgia",
            "entities: georgia",
            "entities:",
            "entities: expected a list (one '- item' per line), got 'georgia'",
        ),
        (
            "support_types:",
            "grf_pledge: maybe\nsupport_types:",
            "grf_pledge:",
            "grf_pledge: expected true or false, got 'maybe'",
        ),
        (
            "support_types:",
            "year: next\nsupport_types:",
            "year:",
            "year: expected a whole number, got 'next'",
        ),
        (
            "support_types:",
            "year: 1999\nsupport_types:",
            "year:",
            "year: Input should be greater than or equal to 2000, got the number 1999",
        ),
        (
            TITLE,
            "title: Support",
            "title:",
            "title: expected a mapping with the fields en, fr, es, got 'Support'",
        ),
        (TITLE, "title:\n  en: 5", "  en: 5", "title.en: expected text, got the number 5"),
        (
            SECOND_UPDATE,
            "  - Work started.\n",
            "  - Work started.",
            "updates[2]: expected a mapping with the fields date, text, stage, got 'Work started.'",
        ),
        (
            "sources:\n  - https://www.example.org/request",
            "sources: []",
            "sources:",
            "sources: give at least 1 item(s)",
        ),
        (
            "      en: Work started.",
            "      en: Work started.\n      de: Arbeit begonnen.",
            "      de:",
            "unknown field 'de'. Allowed here: en, fr, es",
        ),
    ],
)
def test_a_wrong_value_is_explained_where_it_is(
    content: Content, old: str, new: str, where: str, message: str
) -> None:
    problems = problems_of(content, "pledge", "georgia-request", sub(REQUEST, old, new))
    found = line(content, "pledge", "georgia-request", where)
    assert len(problems) == 1 and problems[0].startswith(
        f"content/pledges/georgia-request.yaml:{found}:"
    ), problems
    assert problems[0].split(": ", 1)[1] == message


def test_a_missing_field_of_a_list_item_points_at_the_item(content: Content) -> None:
    body = sub(EVENT, "  - start: 2025-03-30T09:00+01:00\n    end", "  - end")
    problems = problems_of(content, "event", "dialogue-2025", body)
    item = line(content, "event", "dialogue-2025", "  - end:")
    assert problems == [
        at(
            "events",
            "dialogue-2025",
            item,
            5,
            "the required field 'start' is missing (sessions[1].start)",
        )
    ]


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [("America/New_York", "2025-03-30", "-04:00"), ("Europe/London", "2025-01-15", "+00:00")],
)
def test_an_offset_not_of_its_time_zone_names_the_right_one(
    content: Content, zone: str, day: str, expected: str
) -> None:
    body = sub(EVENT, "Africa/Lagos", zone).replace("2025-03-30", day)
    problems = problems_of(content, "event", "dialogue-2025", body)
    start = line(content, "event", "dialogue-2025", "  - start:")
    assert problems[0] == at(
        "events",
        "dialogue-2025",
        start,
        12,
        f"sessions[1].start: the UTC offset +01:00 is not that of {zone} on {day} "
        f"({expected}): correct the offset or the time zone",
    )


def test_a_pledge_on_the_wrong_side_of_a_match_is_named_with_its_kind(content: Content) -> None:
    body = sub(
        BODIES["france-georgia"],
        "    - georgia-request",
        "    - georgia-request\n    - france-offer",
    )
    problems = problems_of(content, "match", "france-georgia", body)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "requesting.pledges[2]: 'france-offer' is an offer, but the requesting side takes "
        "commitment or request pledges"
    ]
    content.write("pledge", "france-offer", sub(BODIES["france-offer"], "kind: offer\n", ""))
    assert [str(p).split(": ", 1)[1] for p in content.problems()] == [
        "requesting.pledges[2]: 'france-offer' is a pledge whose kind is not stated, but the "
        "requesting side takes commitment or request pledges",
        "supporting.pledges[1]: 'france-offer' is a pledge whose kind is not stated, but the "
        "supporting side takes offer pledges",
    ]


def test_a_reference_to_no_record_without_a_close_one(content: Content) -> None:
    body = sub(REQUEST, "  - georgia\n", "  - zzzzzz\n")
    problems = problems_of(content, "pledge", "georgia-request", body)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "entities[1]: no organization 'zzzzzz' in organizations/"
    ]


def test_a_files_folder_that_is_a_link_is_refused(content: Content, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (content.root / "files").symlink_to(tmp_path / "elsewhere")
    assert [str(p) for p in content.problems()] == [
        "content/files:1:1: is a symbolic link: make it a real folder"
    ]


def test_the_content_folder_is_content_unless_acsg_content_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ACSG_CONTENT", raising=False)
    assert content_root() == Path("content")
    monkeypatch.setenv("ACSG_CONTENT", "elsewhere")
    assert content_root() == Path("elsewhere")


def test_invalid_content_lists_one_problem_a_line() -> None:
    error = InvalidContent([Problem("a.yaml", 1, 2, "one"), Problem("b.yaml", 3, 4, "two")])
    assert str(error) == "2 problem(s) in the content:\na.yaml:1:2: one\nb.yaml:3:4: two"


def test_the_catalogue_is_loaded_again_only_when_the_content_changed(content: Content) -> None:
    first = current_catalogue(content.root)
    assert current_catalogue(content.root) is first
    path = content.path("pledge", "france-offer")
    path.write_text(path.read_text(encoding="utf-8").replace("Training", "Courses"), "utf-8")
    second = current_catalogue(content.root)
    assert second is not first
    assert second.pledges["france-offer"].title.en == "Courses on interviewing"


def test_a_renamed_document_is_noticed(content: Content) -> None:
    """Renaming keeps a file's time and size: the catalogue must still be loaded again."""
    (content.root / "files").mkdir()
    (content.root / "files" / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    content.write(
        "good-practice",
        "coi-training",
        sub(
            BODIES["coi-training"],
            "    url: https://www.example.org/guide.pdf",
            "    file: guide.pdf",
        ),
    )
    assert current_catalogue(content.root).good_practices["coi-training"]
    os.rename(content.root / "files" / "guide.pdf", content.root / "files" / "guide-2.pdf")
    with pytest.raises(InvalidContent) as raised:
        current_catalogue(content.root)
    assert "there is no file files/guide.pdf" in str(raised.value)


# --- content/files/ -----------------------------------------------------------------------------


def test_every_problem_of_the_files_folder_is_reported_at_its_file(
    content: Content, tmp_path: Path
) -> None:
    """Each on line 1, column 1 of the file (GitHub shows it there): a link, a name that differs
    from another by case only, a file too large, one no record names, in the folder and in a real
    subfolder; what a linked folder holds is not looked at."""
    files = content.root / "files"
    (files / "guides").mkdir(parents=True)
    (files / "Guide.pdf").write_bytes(b"%PDF-1.4\n")
    (files / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    (files / "a-link.pdf").symlink_to(files / "guide.pdf")
    (files / "guides" / "forgotten.pdf").write_bytes(b"%PDF-1.4\n")
    with open(files / "huge.pdf", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on disk
    with open(files / "largest.pdf", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.txt").write_text("not published", encoding="utf-8")
    (files / "linked").symlink_to(tmp_path / "elsewhere")
    content.write(
        "good-practice",
        "coi-training",
        sub(
            BODIES["coi-training"],
            "    url: https://www.example.org/guide.pdf",
            "    file: guide.pdf\n  - language: en\n    file: Guide.pdf\n"
            "  - language: en\n    file: largest.pdf",
        ),
    )
    assert [str(p) for p in content.problems()] == [
        "content/files/a-link.pdf:1:1: is a symbolic link: put the file itself here",
        "content/files/guide.pdf:1:1: differs from files/Guide.pdf only by case: rename one",
        "content/files/guides/forgotten.pdf:1:1: no record names this file: link it from a "
        "record, or remove it",
        "content/files/huge.pdf:1:1: is over 20 MB: link it from its own site",
        "content/files/linked:1:1: is a symbolic link: put the file itself here",
    ]


def test_a_second_state_of_one_country_is_refused_in_words(content: Content) -> None:
    """Files are read in name order: france-2.yaml before france.yaml."""
    content.write("organization", "france-2", sub(BODIES["france"], "id: france", "id: france-2"))
    country = line(content, "organization", "france", "country:")
    assert [str(p) for p in content.problems()] == [
        f"content/organizations/france.yaml:{country}:10: content/organizations/france-2.yaml "
        "is already the State FRA: refer to it instead of adding a second one"
    ]


def test_a_commitment_on_the_supporting_side_is_named_a_commitment(content: Content) -> None:
    body = sub(BODIES["france-georgia"], "    - france-offer", "    - france-commitment")
    problems = problems_of(content, "match", "france-georgia", body)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "supporting.pledges[1]: 'france-commitment' is a commitment, but the supporting side "
        "takes offer pledges"
    ]
