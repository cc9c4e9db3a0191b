"""One record file at a time (``load_file``): each mistake is a message that says what was given
and what is allowed, on the line and column of the offending key or value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BODIES, Content, at, line_of, listing, one_problem, sub

from acsg.models import KINDS
from acsg.validation import load_file

KIND_OF = {
    "france": "organization",
    "georgia": "organization",
    "ofpra": "organization",
    "france-commitment": "pledge",
    "georgia-request": "pledge",
    "france-offer": "pledge",
    "france-georgia": "match",
    "coi-training": "good-practice",
    "dialogue-2025": "event",
}


def check(content: Content, record_id: str, body: str) -> tuple[Path, list]:
    """Write ``body`` as the record ``record_id`` (kind from the minimal tree) and load it alone."""
    kind = KIND_OF[record_id]
    path = content.write(kind, record_id, body)
    loaded, problems = load_file(path, KINDS[kind])
    assert loaded is not None or problems, "a record that did not load must come with problems"
    return path, problems


def variant(record_id: str, old: str, new: str) -> str:
    return sub(BODIES[record_id], old, new)


@pytest.mark.parametrize("record_id", list(KIND_OF))
def test_minimal_records_are_valid_on_their_own(empty_content: Content, record_id: str) -> None:
    path = empty_content.write(KIND_OF[record_id], record_id, BODIES[record_id])
    loaded, problems = load_file(path, KINDS[KIND_OF[record_id]])
    assert problems == [], listing(problems)
    assert loaded is not None and loaded.record.id == record_id


def test_problem_names_the_file_relative_to_the_working_folder(empty_content: Content) -> None:
    body = variant("france-offer", "kind: offer", "kind: offer\ncolor: blue")
    path, problems = check(empty_content, "france-offer", body)
    assert len(problems) == 1, listing(problems)
    assert str(problems[0]).startswith(
        f"content/pledges/france-offer.yaml:{line_of(path, 'color:')}:1: unknown field 'color'"
    )


# --- unknown fields -------------------------------------------------------------------------


def test_unknown_field_suggests_the_close_name(empty_content: Content) -> None:
    path, problems = check(
        empty_content, "france-offer", variant("france-offer", "title:", "titel:")
    )
    problem = one_problem(problems, "'titel'")
    assert "did you mean 'title'?" in problem.message
    assert "entities" in problem.message  # the fields allowed here are listed
    assert (problem.line, problem.column) == at(path, "titel:")


def test_unknown_field_in_a_nested_mapping(empty_content: Content) -> None:
    body = variant("france-georgia", "supporting:\n  entities:", "supporting:\n  entitys:")
    path, problems = check(empty_content, "france-georgia", body)
    problem = one_problem(problems, "'entitys'")
    assert "did you mean 'entities'?" in problem.message
    assert "agencies" in problem.message and "pledges" in problem.message
    assert (problem.line, problem.column) == at(path, "entitys:")


def test_unknown_field_in_an_optional_nested_mapping(empty_content: Content) -> None:
    body = variant("coi-training", "countries:", "timeframe:\n  begin: 2024\ncountries:")
    path, problems = check(empty_content, "coi-training", body)
    problem = one_problem(problems, "'begin'")
    assert problem.message.endswith("Allowed here: start, end")
    assert (problem.line, problem.column) == at(path, "begin:")


def test_unknown_field_in_a_list_item(empty_content: Content) -> None:
    body = variant("georgia-request", "  - date: 2024-03-01", "  - dat: 2024-03-01")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "'dat'")
    assert "did you mean 'date'?" in problem.message
    assert (problem.line, problem.column) == at(path, "dat:")


def test_unknown_field_without_close_name_lists_the_allowed_ones(empty_content: Content) -> None:
    body = variant("france", "country: FRA", "country: FRA\nfavourite_food: crêpes")
    path, problems = check(empty_content, "france", body)
    problem = one_problem(problems, "'favourite_food'")
    assert "did you mean" not in problem.message
    assert "country" in problem.message and "part_of" in problem.message
    assert (problem.line, problem.column) == at(path, "favourite_food:")


# --- wrong types ----------------------------------------------------------------------------


def test_number_where_text_is_expected(empty_content: Content) -> None:
    path, problems = check(
        empty_content,
        "france-offer",
        variant("france-offer", "en: Training on interviewing", "en: 42"),
    )
    problem = one_problem(problems, "42")
    assert "text" in problem.message and "number" in problem.message
    assert (problem.line, problem.column) == at(path, "42")


def test_string_where_a_list_is_expected(empty_content: Content) -> None:
    body = variant("france-commitment", "topics:\n  - registration", "topics: registration")
    path, problems = check(empty_content, "france-commitment", body)
    problem = one_problem(problems, "'registration'")
    assert "list" in problem.message
    line, column = at(path, "topics: registration")
    assert (problem.line, problem.column) == (line, column + len("topics: "))


def test_string_where_a_mapping_of_languages_is_expected(empty_content: Content) -> None:
    body = variant("france-offer", "title:\n  en: Training on interviewing", "title: Training")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "'Training'")
    assert "mapping" in problem.message and "en" in problem.message
    assert (problem.line, problem.column) == at(path, "Training")


def test_text_where_a_whole_number_is_expected(empty_content: Content) -> None:
    body = variant("france-offer", "kind: offer", "kind: offer\nyear: twenty")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "'twenty'")
    assert "whole number" in problem.message
    assert (problem.line, problem.column) == at(path, "twenty")


def test_list_where_one_line_of_text_is_expected(empty_content: Content) -> None:
    path, problems = check(
        empty_content, "ofpra", variant("ofpra", "acronym: OFPRA", "acronym: [A, B]")
    )
    problem = one_problem(problems, "acronym")
    assert "a list" in problem.message
    assert (problem.line, problem.column) == at(path, "[A, B]")


def test_several_lines_where_a_title_is_expected(empty_content: Content) -> None:
    body = variant(
        "france-offer", "  en: Training on interviewing", "  en: |\n    Training\n    on two lines"
    )
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "one line")
    assert problem.line == line_of(path, "en: |")


def test_missing_required_field_is_named(empty_content: Content) -> None:
    body = variant("france-offer", "entities:\n  - ofpra\n", "")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "'entities'")
    assert "missing" in problem.message
    assert (problem.line, problem.column) == at(path, "id: france-offer")  # the record itself


def test_empty_list_where_one_item_is_required(empty_content: Content) -> None:
    body = variant("france-offer", "sources:\n  - https://www.example.org/offer", "sources: []")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "sources")
    assert "at least 1" in problem.message
    assert problem.line == line_of(path, "sources: []")


def test_invalid_id_suggests_a_valid_one(empty_content: Content) -> None:
    path, problems = check(
        empty_content,
        "france-offer",
        variant("france-offer", "id: france-offer", "id: France_Offer"),
    )
    problem = one_problem(problems, "'France_Offer'", "not a valid id")
    assert "'france-offer'" in problem.message
    assert (problem.line, problem.column) == at(path, "France_Offer")


# --- vocabularies and countries -------------------------------------------------------------


def test_vocabulary_typo_suggests_the_term(empty_content: Content) -> None:
    body = variant("france-commitment", "  - registration", "  - coi\n  - registraton")
    path, problems = check(empty_content, "france-commitment", body)
    problem = one_problem(problems, "'registraton'")
    assert "did you mean 'registration'?" in problem.message
    assert "access-admission" in problem.message  # the allowed terms are listed
    assert (problem.line, problem.column) == at(path, "registraton")


@pytest.mark.parametrize(("given", "meant"), [("comitment", "commitment"), ("Offer", "offer")])
def test_kind_typo_suggests_the_kind(empty_content: Content, given: str, meant: str) -> None:
    path, problems = check(
        empty_content, "france-offer", variant("france-offer", "kind: offer", f"kind: {given}")
    )
    problem = one_problem(problems, repr(given))
    assert f"did you mean {meant!r}?" in problem.message
    assert "commitment" in problem.message and "request" in problem.message
    assert (problem.line, problem.column) == at(path, given)


def test_country_name_suggests_the_code(empty_content: Content) -> None:
    body = variant("coi-training", "countries:\n  - FRA", "countries:\n  - GEO\n  - France")
    path, problems = check(empty_content, "coi-training", body)
    problem = one_problem(problems, "'France'")
    assert "did you mean 'FRA'?" in problem.message
    assert "alpha-3" in problem.message
    assert (problem.line, problem.column) == at(path, "France")


def test_state_country_name_suggests_the_code(empty_content: Content) -> None:
    path, problems = check(
        empty_content, "france", variant("france", "country: FRA", "country: France")
    )
    problem = one_problem(problems, "'France'", "did you mean 'FRA'?")
    assert (problem.line, problem.column) == at(path, "France")


def test_lowercase_country_code_suggests_the_code(empty_content: Content) -> None:
    path, problems = check(
        empty_content, "france", variant("france", "country: FRA", "country: fra")
    )
    problem = one_problem(problems, "'fra'", "did you mean 'FRA'?")
    assert problem.line == line_of(path, "country:")


# --- links ----------------------------------------------------------------------------------

BAD_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "ftp://ftp.example.org/file.pdf",
    "file:///etc/passwd",
    "https:/www.example.org",
    "https://",
    "http:www.example.org",
    "www.example.org/page",
    "mailto:nobody",
    "https://www.example.org/a b",
]


@pytest.mark.parametrize("url", BAD_LINKS)
def test_links_other_than_http_https_mailto_are_rejected(empty_content: Content, url: str) -> None:
    body = variant(
        "france-offer",
        "  - https://www.example.org/offer",
        f"  - https://www.example.org/ok\n  - {json.dumps(url)}",
    )
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "sources[2]")
    assert repr(url)[:40] in problem.message or url[:40] in problem.message
    assert "https://" in problem.message
    assert (problem.line, problem.column) == at(path, json.dumps(url))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org", "https://"])
def test_website_must_be_a_web_link(empty_content: Content, url: str) -> None:
    body = variant("ofpra", "website: https://www.ofpra.gouv.fr", f"website: {json.dumps(url)}")
    path, problems = check(empty_content, "ofpra", body)
    problem = one_problem(problems, "website")
    assert "https://" in problem.message
    assert problem.line == line_of(path, "website:")


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.org",
        "https://www.example.org/path/page.html?query=1&b=2#part",
        "https://example.org:8443/a",
        "mailto:asylum@example.org",
    ],
)
def test_http_https_and_mailto_links_are_accepted(empty_content: Content, url: str) -> None:
    body = variant("france-offer", "  - https://www.example.org/offer", f"  - {json.dumps(url)}")
    _, problems = check(empty_content, "france-offer", body)
    assert problems == [], listing(problems)


# --- text: no raw HTML, no dangerous link targets -------------------------------------------

BAD_TEXTS = [
    "<script>alert(1)</script>",
    "Hello <img src=x onerror=alert(1)> world",
    '<a href="https://www.example.org">a link</a>',
    "<!-- hidden -->",
    "</div>",
    "<javascript:alert(1)>",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java&#x09;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![image](javascript:alert(1))",
    "See [the guide][g].\n\n[g]: javascript:alert(1)",
]


@pytest.mark.parametrize("text", BAD_TEXTS)
def test_raw_html_and_script_links_in_text_are_rejected(empty_content: Content, text: str) -> None:
    body = variant(
        "france-offer",
        "entities:",
        f"description:\n  en: {json.dumps('Read this. ' + text)}\nentities:",
    )
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "description.en")
    assert any(word in problem.message for word in ("HTML", "link target", "image"))
    assert "https://" in problem.message or "files/NAME" in problem.message  # what is allowed
    assert (problem.line, problem.column) == at(path, json.dumps("Read this. " + text))


def test_raw_html_in_a_title_is_rejected(empty_content: Content) -> None:
    body = variant("france-offer", "en: Training on interviewing", "en: Training <b>now</b>")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "title.en", "HTML")
    assert "<b>" in problem.message
    assert problem.line == line_of(path, "<b>")


@pytest.mark.parametrize(
    "text",
    [
        "See <https://www.example.org/report> for details.",
        "Write to <mailto:asylum@example.org>.",
        "**Bold**, _italic_ and [a link](https://www.example.org).",
        "[mail](mailto:asylum@example.org) or [relative](#top)",
        "Cases rose by 5% (from 1 000 to 1 050); 3 <= 4 and 2 > 1.",
    ],
)
def test_markdown_and_autolinks_are_accepted(empty_content: Content, text: str) -> None:
    body = variant(
        "france-offer", "entities:", f"description:\n  en: {json.dumps(text)}\nentities:"
    )
    _, problems = check(empty_content, "france-offer", body)
    assert problems == [], listing(problems)


# --- languages ------------------------------------------------------------------------------


def test_missing_text_in_the_original_language(empty_content: Content) -> None:
    body = variant("france-offer", "language: en", "language: fr")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "title", "'fr'")
    assert "missing" in problem.message
    assert problem.line in (line_of(path, "title:"), line_of(path, "title:") + 1)


def test_missing_original_language_in_an_update_text(empty_content: Content) -> None:
    body = variant("georgia-request", "      en: Work started.", "      fr: Travail commencé.")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "updates[2].text", "'en'")
    assert problem.line in (line_of(path, "date: 2024-03-01") + 2, line_of(path, "Travail"))


def test_translation_alone_is_fine_when_the_original_is_there(empty_content: Content) -> None:
    body = variant(
        "france-offer",
        "  en: Training on interviewing",
        "  en: Training on interviewing\n  es: Formación",
    )
    body = sub(body, "language: en", "language: en\nunreviewed:\n  - es")
    _, problems = check(empty_content, "france-offer", body)
    assert problems == [], listing(problems)


def test_unreviewed_listing_the_original_language(empty_content: Content) -> None:
    body = variant("france-offer", "language: en", "language: en\nunreviewed:\n  - en")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "unreviewed", "'en'")
    assert "own language" in problem.message
    line, column = at(path, "- en")
    assert (problem.line, problem.column) == (line, column + 2)


def test_unreviewed_language_without_text(empty_content: Content) -> None:
    body = variant("france-offer", "language: en", "language: en\nunreviewed: [fr]")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "unreviewed", "'fr'")
    assert (problem.line, problem.column) == at(path, "fr]")


def test_unknown_language_is_rejected(empty_content: Content) -> None:
    path, problems = check(
        empty_content, "france-offer", variant("france-offer", "language: en", "language: de")
    )
    problem = one_problem(problems, "'de'")
    assert "en" in problem.message and "fr" in problem.message and "es" in problem.message
    assert (problem.line, problem.column) == at(path, "de")


# --- dates ----------------------------------------------------------------------------------


def test_updated_before_created(empty_content: Content) -> None:
    body = variant("france-offer", "updated: 2024-01-10", "updated: 2023-12-31")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "before created")
    assert "2023-12-31" in problem.message and "2024-01-10" in problem.message
    assert (problem.line, problem.column) == at(path, "2023-12-31")


def test_update_after_the_updated_date(empty_content: Content) -> None:
    body = variant("georgia-request", "updated: 2024-03-01", "updated: 2024-02-15")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "updates[2].date")
    assert "2024-03-01" in problem.message and "2024-02-15" in problem.message
    assert (problem.line, problem.column) == at(path, "2024-03-01")


def test_updates_out_of_order(empty_content: Content) -> None:
    body = variant("georgia-request", "date: 2024-02-01", "date: 2024-03-02")
    body = sub(body, "updated: 2024-03-01", "updated: 2024-03-02")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "oldest to newest")
    assert "updates[2]" in problem.message
    assert (problem.line, problem.column) == at(path, "2024-03-01")


def test_timeframe_end_before_start(empty_content: Content) -> None:
    body = variant("france-georgia", "  end: 2025", "  end: 2023-11")
    path, problems = check(empty_content, "france-georgia", body)
    problem = one_problem(problems, "timeframe")
    assert "2023-11" in problem.message and "2024-03" in problem.message
    assert (problem.line, problem.column) == at(path, "2023-11")


@pytest.mark.parametrize(
    ("start", "end"),
    [("2024", "2024-06"), ("2024-03", "tbc"), ("tbc", "ongoing"), ("2024-03", "2024-03-01")],
)
def test_timeframes_that_are_in_order(empty_content: Content, start: str, end: str) -> None:
    body = variant(
        "france-georgia", "  start: 2024-03\n  end: 2025", f"  start: {start}\n  end: {end}"
    )
    _, problems = check(empty_content, "france-georgia", body)
    assert problems == [], listing(problems)


def test_session_end_before_start(empty_content: Content) -> None:
    body = variant("dialogue-2025", "end: 2025-03-30T11:00+01:00", "end: 2025-03-30T08:30+01:00")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, "sessions[1]", "before the start")
    assert (problem.line, problem.column) == at(path, "2025-03-30T08:30+01:00")


def test_session_times_are_compared_with_their_offsets(empty_content: Content) -> None:
    # 10:00 in UTC+02:00 is 08:00 UTC: an end at 09:30 UTC comes after it.
    body = variant(
        "dialogue-2025",
        "start: 2025-03-30T09:00+01:00\n    end: 2025-03-30T11:00+01:00\n    timezone: Africa/Lagos\n",
        "start: 2025-03-30T10:00+02:00\n    end: 2025-03-30T09:30+00:00\n",
    )
    _, problems = check(empty_content, "dialogue-2025", body)
    assert problems == [], listing(problems)
    body = sub(body, "start: 2025-03-30T10:00+02:00", "start: 2025-03-30T10:00-02:00")
    path, problems = check(empty_content, "dialogue-2025", body)
    assert one_problem(problems, "before the start").line == line_of(path, "end:")


def test_session_mixing_a_day_and_a_time(empty_content: Content) -> None:
    body = variant("dialogue-2025", "end: 2025-03-30T11:00+01:00", "end: 2025-03-31")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, "sessions[1]", "both")
    assert problem.line == line_of(path, "end:")


@pytest.mark.parametrize(
    "moment", ["2025-03-30T09:00", "2025-03-30 09:00:00", "2025-03-30T09:00:00.5"]
)
def test_naive_datetime_is_rejected_asking_for_the_offset(
    empty_content: Content, moment: str
) -> None:
    body = variant("dialogue-2025", "start: 2025-03-30T09:00+01:00", f"start: {moment}")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, "sessions[1].start")
    assert moment in problem.message
    assert "offset" in problem.message
    assert (problem.line, problem.column) == at(path, moment)


def test_utc_designator_is_an_offset(empty_content: Content) -> None:
    body = variant(
        "dialogue-2025",
        "start: 2025-03-30T09:00+01:00\n    end: 2025-03-30T11:00+01:00\n    timezone: Africa/Lagos",
        "start: 2025-03-30T08:00Z\n    end: 2025-03-30T10:00Z\n    timezone: UTC",
    )
    _, problems = check(empty_content, "dialogue-2025", body)
    assert problems == [], listing(problems)


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("2024-02-30", "not a real date"),
        ("2024-13-01", "not a real date"),
        ("'last week'", "YYYY-MM-DD"),
        ("20240110", "YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_explained(empty_content: Content, given: str, says: str) -> None:
    body = variant("france-offer", "created: 2024-01-10", f"created: {given}")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "created")
    assert says in problem.message
    assert problem.line == line_of(path, "created:")


def test_unknown_time_zone(empty_content: Content) -> None:
    body = variant("dialogue-2025", "timezone: Africa/Lagos", "timezone: Paris")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, "'Paris'", "time zone")
    assert (problem.line, problem.column) == at(path, "Paris")


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules"])
def test_time_zones_that_depend_on_the_machine_or_name_no_place_are_refused(
    empty_content: Content, zone: str
) -> None:
    body = variant("dialogue-2025", "timezone: Africa/Lagos", f"timezone: {zone}")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, repr(zone), "time zone")
    assert (problem.line, problem.column) == at(path, zone)


def test_an_offset_that_disagrees_with_the_named_time_zone_is_refused(
    empty_content: Content,
) -> None:
    # Paris is at UTC+02:00 from 30 March 2025, 01:00 UTC: 09:00+01:00 would be shown wrongly.
    body = variant("dialogue-2025", "timezone: Africa/Lagos", "timezone: Europe/Paris")
    path, problems = check(empty_content, "dialogue-2025", body)
    found = [p for p in problems if "+01:00 is not that of Europe/Paris" in p.message]
    assert [p.line for p in found] == [line_of(path, "start:"), line_of(path, "end:")]
    assert "(+02:00)" in found[0].message
    fixed = body.replace("+01:00", "+02:00")
    assert check(empty_content, "dialogue-2025", fixed)[1] == []


@pytest.mark.parametrize(
    "moment", ["9998-12-31T23:30-05:00", "0001-01-01T00:30+05:00", "1899-12-31", "3000-01-01"]
)
def test_dates_the_portal_cannot_show_are_refused(empty_content: Content, moment: str) -> None:
    body = variant("dialogue-2025", "start: 2025-03-30T09:00+01:00", f"start: {moment}")
    body = sub(body, "    end: 2025-03-30T11:00+01:00\n", "")
    path, problems = check(empty_content, "dialogue-2025", body)
    problem = one_problem(problems, "from 1900 to 2999")
    assert problem.line == line_of(path, "start:")


# --- stages ---------------------------------------------------------------------------------


def test_stage_must_agree_with_the_latest_update(empty_content: Content) -> None:
    body = variant("georgia-request", "stage: in-progress\nupdates:", "stage: planning\nupdates:")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "stage")
    assert "'planning'" in problem.message and "'in-progress'" in problem.message
    assert problem.line == line_of(path, "stage: planning")


def test_stage_typo_suggests_the_stage(empty_content: Content) -> None:
    body = variant("georgia-request", "    stage: in-progress", "    stage: in-progres")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "'in-progres'")
    assert "did you mean 'in-progress'?" in problem.message
    # "in-progres" is also the start of the record's own "stage: in-progress": take the second.
    assert (problem.line, problem.column) == at(path, "in-progres", 2)


# --- organizations --------------------------------------------------------------------------


def test_state_without_country(empty_content: Content) -> None:
    path, problems = check(empty_content, "france", variant("france", "country: FRA\n", ""))
    problem = one_problem(problems, "State", "'country'")
    assert problem.line in (line_of(path, "id: france"), line_of(path, "type: state"))


def test_body_without_name(empty_content: Content) -> None:
    body = variant(
        "ofpra", "name:\n  fr: Office français de protection des réfugiés et apatrides\n", ""
    )
    path, problems = check(empty_content, "ofpra", body)
    problem = one_problem(problems, "'name'")
    assert "missing" in problem.message
    assert problem.line in (line_of(path, "id: ofpra"), line_of(path, "type: asylum-authority"))


def test_state_needs_no_name_but_gets_one_from_iso(content: Content) -> None:
    catalogue, problems = content.load()
    assert problems == [], listing(problems)
    assert catalogue.organization_name("france", "fr") == "France"
    assert catalogue.organization_name("georgia", "es") == "Georgia"
    assert catalogue.organization_name("ofpra", "en").startswith("Office français")


# --- file-level checks ----------------------------------------------------------------------


def test_id_must_equal_the_file_name(empty_content: Content) -> None:
    body = variant("france-offer", "id: france-offer", "id: france-offers")
    path = empty_content.write("pledge", "france-offer", body)
    problems = empty_content.check_file(path, "pledge")
    problem = one_problem(problems, "'france-offers'", "'france-offer'")
    assert (problem.line, problem.column) == at(path, "france-offers")


def test_missing_schema_comment_is_reported_on_the_first_line(empty_content: Content) -> None:
    path = empty_content.write("pledge", "france-offer", BODIES["france-offer"])
    path.write_text(path.read_text().split("\n", 1)[1])
    problems = empty_content.check_file(path, "pledge")
    problem = one_problem(problems, "yaml-language-server")
    assert "pledge.schema.json" in problem.message
    assert (problem.line, problem.column) == (1, 1)


def test_schema_comment_of_another_kind_is_reported(empty_content: Content) -> None:
    path = empty_content.write("pledge", "france-offer", BODIES["france-offer"])
    path.write_text(path.read_text().replace("pledge.schema.json", "match.schema.json", 1))
    problems = empty_content.check_file(path, "pledge")
    assert one_problem(problems, "pledge.schema.json").line == 1


def test_several_problems_of_one_file_are_all_reported(empty_content: Content) -> None:
    body = variant("france-offer", "kind: offer", "kind: ofer")
    body = sub(body, "  - ofpra", "  - Ofpra")
    body = sub(body, "https://www.example.org/offer", "ftp://example.org/offer")
    path, problems = check(empty_content, "france-offer", body)
    assert {p.line for p in problems} == {
        line_of(path, "ofer"),
        line_of(path, "Ofpra"),
        line_of(path, "ftp://"),
    }, listing(problems)


@pytest.mark.parametrize("given", ['"yes"', "'no'", '"true"', "1", "0"])
def test_true_false_fields_take_only_true_or_false(empty_content: Content, given: str) -> None:
    # Quoting yes/no makes it text (see test_yamlfile); a true/false field must not reinterpret it.
    body = variant("france-offer", "kind: offer", f"kind: offer\ngrf_pledge: {given}")
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "grf_pledge")
    assert "true or false" in problem.message
    assert given.strip("'\"") in problem.message
    assert (problem.line, problem.column) == at(path, given)


def test_blank_text_is_rejected(empty_content: Content) -> None:
    body = variant("france-offer", "entities:", 'description:\n  en: "   "\nentities:')
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "description.en", "empty")
    assert problem.line == line_of(path, '"   "')


def test_file_level_problems_are_reported_with_field_problems(empty_content: Content) -> None:
    # Three independent mistakes: the contributor should see all three in one run, not one
    # after another as each is fixed.
    path = empty_content.write(
        "pledge", "france-offer", variant("france-offer", "id: france-offer", "id: offer-france")
    )
    text = path.read_text(encoding="utf-8").split("\n", 1)[1]
    path.write_text(sub(text, "kind: offer", "kind: ofer"), encoding="utf-8")
    problems = empty_content.check_file(path, "pledge")
    assert one_problem(problems, "'ofer'").line == line_of(path, "kind: ofer")
    assert one_problem(problems, "'offer-france'", "file name").line == line_of(path, "id:")
    assert one_problem(problems, "yaml-language-server").line == 1


def test_unknown_language_inside_a_text(empty_content: Content) -> None:
    body = variant(
        "france-offer",
        "  en: Training on interviewing",
        "  en: Training on interviewing\n  de: Schulung",
    )
    path, problems = check(empty_content, "france-offer", body)
    problem = one_problem(problems, "'de'")
    assert "en, fr, es" in problem.message
    assert (problem.line, problem.column) == at(path, "de:")


def test_missing_stage_with_staged_updates_is_explained_in_words(empty_content: Content) -> None:
    body = variant("georgia-request", "stage: in-progress\nupdates:", "updates:")
    path, problems = check(empty_content, "georgia-request", body)
    problem = one_problem(problems, "'in-progress'")
    assert "None" not in problem.message, "a contributor does not know what None means"
    assert "stage" in problem.message
    assert problem.line in (line_of(path, "id:"), line_of(path, "    stage: in-progress"))
