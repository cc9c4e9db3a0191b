"""The validator's messages word for word, where each points, and the cached catalogue of
``mkdocs serve``: what a contributor reads when a record is wrong. Written against the mutants
of ``validation.py`` that the other tests let through (TESTING.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BODIES, Content, line_of, sub

from acsg.problems import Problem
from acsg.validation import (
    MAX_FILE_BYTES,
    InvalidContent,
    content_root,
    current_catalogue,
    load_catalogue,
)

REQUEST = BODIES["georgia-request"]
EVENT = BODIES["dialogue-2025"]
TITLE = "title:\n  en: Support for country-of-origin information"
SECOND_UPDATE = "  - date: 2024-03-01\n    stage: in-progress\n    text:\n      en: Work started.\n"


def problems_of(content: Content, kind: str, record_id: str, body: str) -> list[str]:
    """The problems of the content with one record replaced, as `acsg validate` prints them."""
    content.write(kind, record_id, body)
    return [str(problem) for problem in content.problems()]


def messages(problems: list[str]) -> list[str]:
    """The messages of ``path:line:column: message`` lines."""
    return [problem.split(": ", 1)[1] for problem in problems]


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
    assert messages(problems) == [
        "requesting.pledges[2]: 'france-offer' is an offer, but the requesting side takes "
        "commitment or request pledges"
    ]
    content.write("pledge", "france-offer", sub(BODIES["france-offer"], "kind: offer\n", ""))
    assert messages([str(p) for p in content.problems()]) == [
        "requesting.pledges[2]: 'france-offer' is a pledge whose kind is not stated, but the "
        "requesting side takes commitment or request pledges",
        "supporting.pledges[1]: 'france-offer' is a pledge whose kind is not stated, but the "
        "supporting side takes offer pledges",
    ]


def test_a_reference_to_no_record_without_a_close_one(content: Content) -> None:
    body = sub(REQUEST, "  - georgia\n", "  - zzzzzz\n")
    problems = problems_of(content, "pledge", "georgia-request", body)
    assert messages(problems) == ["entities[1]: no organization 'zzzzzz' in organizations/"]


def test_a_files_folder_that_is_a_link_is_refused(content: Content, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (content.root / "files").symlink_to(tmp_path / "elsewhere")
    assert [str(p) for p in content.problems()] == [
        "content/files:1:1: is a symbolic link: make it a real folder"
    ]


def test_a_record_file_that_cannot_be_read_is_named_at_its_first_line(
    content: Content, tmp_path: Path
) -> None:
    # A link left behind when the file it led to was removed.
    content.path("pledge", "georgia-request").unlink()
    content.path("pledge", "georgia-request").symlink_to(tmp_path / "removed.yaml")
    problems = [str(problem) for problem in content.problems()]
    assert (
        at("pledges", "georgia-request", 1, 1, "cannot read the file: No such file or directory")
        in problems
    )


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
    assert messages(problems) == [
        "supporting.pledges[1]: 'france-commitment' is a commitment, but the supporting side "
        "takes offer pledges"
    ]


# --- checks of one record, word for word ---------------------------------------------------------

P = "content/pledges/georgia-request.yaml"
M = "content/matches/france-georgia.yaml"
E = "content/events/dialogue-2025.yaml"


@pytest.mark.parametrize(
    ("kind", "record_id", "old", "new", "expected"),
    [
        (
            "pledge",
            "georgia-request",
            "language: en",
            "language: fr",
            [
                f"{P}:6:3: title: the text in the record's language ('fr') is missing; other "
                "languages are optional",
                f"{P}:16:7: updates[1].text: the text in the record's language ('fr') is "
                "missing; other languages are optional",
                f"{P}:20:7: updates[2].text: the text in the record's language ('fr') is "
                "missing; other languages are optional",
            ],
        ),
        (
            "pledge",
            "georgia-request",
            "kind: request",
            "unreviewed:\n  - en\n  - es\nkind: request",
            [
                f"{P}:5:5: unreviewed: 'en' is the record's own language, not a translation",
                f"{P}:6:5: unreviewed: the record has no 'es' text",
            ],
        ),
        (
            "pledge",
            "georgia-request",
            "created: 2024-01-10",
            "created: 2024-04-10",
            [f"{P}:24:10: updated (2024-03-01) is before created (2024-04-10)"],
        ),
        (
            "pledge",
            "georgia-request",
            "  - date: 2024-02-01",
            "  - date: 2024-03-02",
            [
                f"{P}:13:11: updates[1].date (2024-03-02) is after the record's 'updated' date "
                "(2024-03-01): set updated to 2024-03-02 or later",
                f"{P}:17:11: updates[2].date (2024-03-01) is before the update above it: list "
                "updates from oldest to newest",
            ],
        ),
        (
            "match",
            "france-georgia",
            "  end: 2025",
            "  end: 2023",
            [f"{M}:19:8: timeframe: the end (2023) is before the start (2024-03)"],
        ),
        (
            "event",
            "dialogue-2025",
            "end: 2025-03-30T11:00+01:00",
            "end: 2025-03-30T08:00+01:00",
            [f"{E}:9:10: sessions[1]: the end is before the start"],
        ),
        (
            "event",
            "dialogue-2025",
            "end: 2025-03-30T11:00+01:00",
            "end: 2025-03-31",
            [f"{E}:9:10: sessions[1]: start and end must both be days or both be times"],
        ),
        (
            "pledge",
            "georgia-request",
            "stage: in-progress\nupdates",
            "updates",
            [
                f"{P}:2:1: stage is missing, but the latest update with a stage (2024-03-01) "
                "says 'in-progress': add `stage: in-progress`"
            ],
        ),
        (
            "pledge",
            "georgia-request",
            "stage: in-progress\nupdates",
            "stage: planning\nupdates",
            [
                f"{P}:11:8: stage is 'planning' but the latest update with a stage (2024-03-01) "
                "says 'in-progress': make them agree"
            ],
        ),
        (
            "organization",
            "france",
            "country: FRA\n",
            "",
            [
                "content/organizations/france.yaml:2:1: a State needs its 'country' (ISO 3166-1 "
                "alpha-3, e.g. 'FRA')"
            ],
        ),
        (
            "organization",
            "ofpra",
            "name:\n  fr: Office français de protection des réfugiés et apatrides\n",
            "",
            [
                "content/organizations/ofpra.yaml:2:1: the required field 'name' is missing "
                "(only a State is named by its country)"
            ],
        ),
        (
            "match",
            "france-georgia",
            "    - georgia\n  pledges",
            "    - georgia\n    - france\n  pledges",
            [
                f"{M}:12:7: supporting.entities: 'france' is also on the requesting side: a "
                "match is support given by one side to another"
            ],
        ),
    ],
)
def test_a_record_that_contradicts_itself_is_told_what_to_change(
    content: Content, kind: str, record_id: str, old: str, new: str, expected: list[str]
) -> None:
    assert problems_of(content, kind, record_id, sub(BODIES[record_id], old, new)) == expected


def test_the_first_line_and_the_id_must_match_the_file(content: Content) -> None:
    path = content.path("pledge", "georgia-request")
    text = path.read_text(encoding="utf-8")
    path.write_text("# hello\n" + text.split("\n", 1)[1], encoding="utf-8")
    assert [str(p) for p in content.problems()] == [
        f"{P}:1:1: the first line must point editors at the schema: # yaml-language-server: "
        "$schema=../../schemas/pledge.schema.json"
    ]
    path.write_text(text.replace("id: georgia-request", "id: georgia-req"), encoding="utf-8")
    assert [str(p) for p in content.problems()] == [
        f"{M}:8:7: requesting.pledges[1]: no pledge 'georgia-request' in pledges/; did you mean "
        "'georgia-req'?",
        f"{P}:2:5: id 'georgia-req' must equal the file name 'georgia-request': rename the file "
        "to georgia-req.yaml or change the id",
    ]


def test_what_is_not_a_record_is_named_with_where_records_go(content: Content) -> None:
    assert [str(p) for p in load_catalogue(Path("missing"))[1]] == [
        "missing:1:1: no such content folder"
    ]
    (content.root / "notes.txt").write_text("x", encoding="utf-8")
    (content.root / "pledge").mkdir()
    (content.root / "README.md").write_text("x", encoding="utf-8")  # allowed beside the folders
    (content.root / ".git").mkdir()  # hidden: not looked at
    for name in ("x.yml", "x.txt", "x.md", ".hidden"):
        (content.root / "pledges" / name).write_text("x", encoding="utf-8")
    where = (
        "records go in organizations, pledges, matches, good-practices, events, news, roster or "
        "files/ for documents"
    )
    assert [str(p) for p in content.problems()] == [
        f"content/notes.txt:1:1: not a record folder: {where}",
        f"content/pledge:1:1: not a record folder (did you mean 'pledges'?): {where}",
        "content/pledges/x.txt:1:1: only .yaml records belong in this folder",
        "content/pledges/x.yml:1:1: records are .yaml files: rename it to x.yaml",
    ]


def test_a_timeframe_ending_in_the_year_it_starts_is_in_order(content: Content) -> None:
    assert (
        problems_of(
            content,
            "match",
            "france-georgia",
            BODIES["france-georgia"].replace("  end: 2025", "  end: 2024"),
        )
        == []
    )


def test_a_session_after_one_without_an_end_is_still_checked(content: Content) -> None:
    body = sub(
        EVENT,
        "    timezone: Africa/Lagos\n",
        "    timezone: Africa/Lagos\n  - start: 2025-04-01\n  - start: 2025-04-03\n"
        "    end: 2025-04-02\n",
    ).replace(
        "  - start: 2025-03-30T09:00+01:00\n    end: 2025-03-30T11:00+01:00\n",
        "  - start: 2025-03-30T09:00+01:00\n",
        1,
    )
    problems = problems_of(content, "event", "dialogue-2025", body)
    assert messages(problems) == ["sessions[3]: the end is before the start"]


def test_a_file_starting_with_a_byte_order_mark_is_read_as_any_other(content: Content) -> None:
    path = content.path("pledge", "georgia-request")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert content.problems() == []


def test_a_session_after_one_without_a_time_zone_is_still_checked(content: Content) -> None:
    body = sub(
        EVENT,
        "    timezone: Africa/Lagos\n",
        "  - start: 2025-04-01T09:00+01:00\n    timezone: America/New_York\n",
    )
    problems = problems_of(content, "event", "dialogue-2025", body)
    assert messages(problems) == [
        "sessions[2].start: the UTC offset +01:00 is not that of America/New_York on "
        "2025-04-01 (-04:00): correct the offset or the time zone"
    ]
