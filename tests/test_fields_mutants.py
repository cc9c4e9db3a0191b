"""Field checks, for what mutation testing (make mutation) found untested: each refusal says
what was expected and shows what was typed, and the limits are where the messages say."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter, ValidationError

from acsg import fields
from acsg.fields import FIRST_YEAR, LAST_YEAR, Term
from acsg.vocab import vocabulary


def refusal(annotation: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(annotation).validate_python(value)
    error = caught.value.errors()[0]
    assert error["type"] == "acsg"  # the validator shows these messages as they are
    return error["msg"]


def accepted(annotation: Any, value: Any) -> Any:
    return TypeAdapter(annotation).validate_python(value)


# How a typed value is shown back to the person who typed it.
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "nothing"),
        (True, "true (true/false)"),
        (5, "the number 5"),
        (["a"], "a list"),
        ({"a": 1}, "a mapping (name: value lines)"),
    ],
    ids=["none", "bool", "number", "list", "mapping"],
)
@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (fields.Id, "an id"),
        (fields.Country, "a country code"),
        (fields.Link, "a link (https://...)"),
        (fields.TimeZone, "a time zone name"),
        (fields.FileName, "a file name"),
        (fields.Markdown, "text"),
    ],
    ids=["id", "country", "link", "time-zone", "file", "text"],
)
def test_a_value_that_is_not_text_is_refused_saying_what_was_expected(
    annotation, expected, value, shown
) -> None:
    assert refusal(annotation, value) == f"expected {expected}, got {shown}"


def test_long_values_are_shown_cut_at_60_characters() -> None:
    sixty = "A" * 60
    assert refusal(fields.Id, sixty).startswith(repr(sixty) + " is not a valid id")
    sixty_one = "A" * 61
    assert refusal(fields.Id, sixty_one).startswith(repr("A" * 57 + "...") + " is not")


def test_invisible_characters_are_refused_with_what_to_do() -> None:
    assert refusal(fields.Id, "a\x01b").endswith(": retype it")


@pytest.mark.parametrize(("value", "example"), [("!!!", "france-niger"), ("-Abc Def-", "abc-def")])
def test_a_bad_id_comes_with_an_example_made_from_it(value, example) -> None:
    assert refusal(fields.Id, value).endswith(f"e.g. {example!r}")


def test_an_id_holds_at_most_80_characters() -> None:
    assert accepted(fields.Id, "a" * 80) == "a" * 80
    assert "at most 80 characters" in refusal(fields.Id, "a" * 81)


def test_a_country_code_in_lowercase_gets_a_suggestion_and_an_unknown_one_none() -> None:
    message = refusal(fields.Country, "fra")
    assert "did you mean 'FRA'?" in message
    assert message.endswith("(three capital letters, e.g. 'FRA' for France)")
    assert refusal(fields.Country, "ZZZ") == (
        "'ZZZ' is not an ISO 3166-1 alpha-3 country code "
        "(three capital letters, e.g. 'FRA' for France)"
    )


@pytest.mark.parametrize("annotation", [fields.Day, fields.Moment, fields.PartialDate])
def test_years_from_first_to_last_are_accepted(annotation) -> None:
    for year in (FIRST_YEAR, LAST_YEAR):
        assert accepted(annotation, f"{year}-01-01")
    for year in (FIRST_YEAR - 1, LAST_YEAR + 1):
        message = refusal(annotation, f"{year:04d}-01-01")
        assert message == f"'{year:04d}-01-01' is not a year from {FIRST_YEAR} to {LAST_YEAR}"


def test_a_time_out_of_range_names_the_time() -> None:
    value = f"{LAST_YEAR + 1}-01-01T10:00+01:00"
    assert refusal(fields.Moment, value).startswith(repr(value))


@pytest.mark.parametrize(
    ("annotation", "value"),
    [(fields.Day, "2024-13-01"), (fields.PartialDate, "2024-13")],
)
def test_an_impossible_date_is_named(annotation, value) -> None:
    assert refusal(annotation, value) == f"{value!r} is not a real date"


def test_a_day_written_otherwise_is_named_with_the_expected_form() -> None:
    message = refusal(fields.Day, "30/03/2023")
    assert message.startswith("expected a date written YYYY-MM-DD")
    assert message.endswith("got '30/03/2023'")


def test_a_time_without_its_offset_is_asked_for_one() -> None:
    message = refusal(fields.Moment, "2024-03-30T09:00")
    assert message.startswith("'2024-03-30T09:00' has no time zone")
    assert message.endswith("e.g. 2023-03-30T09:00+01:00")


@pytest.mark.parametrize("value", ["soon", "2024-03-30 at nine"])
def test_an_unreadable_time_is_named_with_the_expected_forms(value) -> None:
    message = refusal(fields.Moment, value)
    assert message.startswith("expected a date (YYYY-MM-DD) or a date and time with its UTC")
    assert message.endswith(f"got {value!r}")


@pytest.mark.parametrize(
    ("value", "shown"), [("soon", "'soon'"), (True, "true (true/false)"), ("tbd", "'tbd'")]
)
def test_a_partial_date_is_a_year_a_month_a_day_or_tbc(value, shown) -> None:
    message = refusal(fields.PartialDate, value)
    assert message.startswith("expected a year (2021), a month (2021-04), a day (2021-04-14)")
    assert message.endswith(f"got {shown}")
    assert accepted(fields.PartialDate, 2021) == "2021"
    assert accepted(fields.PartialDate, "ongoing") == "ongoing"


def test_an_address_that_cannot_be_read_is_named() -> None:
    assert refusal(fields.Link, "http://[").startswith("'http://[' is not a readable address")


def test_one_line_and_empty_texts_are_refused_with_what_to_do() -> None:
    assert refusal(fields.Line, "a\nb").endswith("got several lines")
    assert refusal(fields.Markdown, "   ").startswith("the text is empty: ")


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        ('a <span class="x">tag</span> here', '<span class="x">tag<'),
        ("<https://example.org> <b>", "<b>"),
        ("x <b\nclass='y'>", "<b"),
    ],
)
def test_raw_html_is_quoted_as_typed_and_markdown_offered(text, snippet) -> None:
    message = refusal(fields.Markdown, text)
    assert message.startswith(f"raw HTML ({snippet!r}) is not allowed")
    assert message.endswith("e.g. **bold**, _italic_, [a link](https://example.org)")


@pytest.mark.parametrize("value", ["report..pdf", "bad name.pdf", "../secret.txt"])
def test_file_names_outside_content_files_rules_are_refused(value) -> None:
    message = refusal(fields.FileName, value)
    assert message.startswith(repr(value))
    assert message.endswith("dots, hyphens and underscores")


def test_file_names_may_hold_capitals_and_folders() -> None:
    assert accepted(fields.FileName, "Reports/Annual-2024.PDF") == "Reports/Annual-2024.PDF"


def test_a_vocabulary_field_suggests_lists_and_describes_its_terms() -> None:
    topic = Annotated[str, Term("topics", "topic")]
    topics = vocabulary("topics")
    assert accepted(topic, "registration") == "registration"
    message = refusal(topic, "registraton")
    assert message.startswith("'registraton' is not a known topic; did you mean 'registration'?")
    assert message.endswith(f"Allowed: {', '.join(topics.ids)}")
    assert "did you mean" not in refusal(topic, "zzzzzz")
    assert (
        refusal(topic, 5) == f"expected a topic, got the number 5; allowed: {', '.join(topics.ids)}"
    )
    schema = TypeAdapter(topic).json_schema()
    assert schema["type"] == "string"
    assert schema["enum"] == list(topics.ids)
    labels = "; ".join(f"{key}: {topics.label(key, 'en')}" for key in topics.ids)
    assert schema["description"] == f"A topic. {labels}"


def test_an_unknown_term_with_no_close_one_lists_the_allowed_ones() -> None:
    topic = Annotated[str, Term("topics", "topic")]
    allowed = ", ".join(vocabulary("topics").ids)
    assert refusal(topic, "zzzzzz") == f"'zzzzzz' is not a known topic Allowed: {allowed}"


def test_a_link_written_in_angle_brackets_between_angle_brackets_is_not_raw_html() -> None:
    assert accepted(fields.Markdown, "See <<https://example.org>>.") == (
        "See <<https://example.org>>."
    )


def test_the_schema_editors_get_for_an_id_refuses_what_the_loader_refuses() -> None:
    # The id types' JSON Schemas are made once at import; this makes one at test time, so
    # that mutation testing can see a change to how it is made.
    schema = TypeAdapter(Annotated[str, fields._id_schema("An id")]).json_schema()
    assert schema["description"] == "An id"
    check = Draft202012Validator(schema)
    assert check.is_valid("a-good-id-2")
    assert check.is_valid("x" * 80)
    for refused in ["Not An Id", "x" * 81, 12, "-x"]:
        assert not check.is_valid(refused), refused


CONTACT_REFUSED = (
    "remove {what}: the roster names organizations, never persons, and people reach them "
    "through the ACSG Secretariat (the portal has no legal basis to publish personal contact "
    "details)"
)


def test_a_phone_number_of_eight_digits_is_refused_and_of_seven_kept() -> None:
    assert refusal(fields.PublicMarkdown, "Call 2345 6789.") == CONTACT_REFUSED.format(
        what="the phone number '2345 6789'"
    )
    assert accepted(fields.PublicMarkdown, "Call 234 5678.") == "Call 234 5678."
    assert refusal(fields.PublicMarkdown, "Write to a@example.org.") == CONTACT_REFUSED.format(
        what="the email address 'a@example.org'"
    )


def test_fields_naming_records_are_all_found_for_the_reference_check() -> None:
    # The registry keeps each kind's list once made: these are made afresh.
    from acsg.models import Match, Pledge

    named = [("entities", "organization"), ("agencies", "organization"), ("pledges", "pledge")]
    assert list(fields.references(Match)) == [
        *[
            ((side, field, "*"), kind)
            for side in ("requesting", "supporting")
            for field, kind in named
        ],
        (("good_practices", "*"), "good-practice"),
    ]
    assert list(fields.references(Pledge)) == [
        (("entities", "*"), "organization"),
        (("not_a_match", "*", "pledge"), "pledge"),  # a dismissed suggestion: named, not cited
    ]
    assert list(fields.references(Pledge, citing=True)) == [(("entities", "*"), "organization")]


def test_a_reference_type_checks_the_id_describes_it_and_names_its_kind() -> None:
    # Reference types are made once at import; these are made at test time.
    class Story(BaseModel):
        about: fields._ref("pledge", "pledges", "a pledge")  # type: ignore[valid-type]
        not_about: list[fields._ref("match", "matches", "a match", cites=False)]  # type: ignore[valid-type]

    assert list(fields.references(Story)) == [(("about",), "pledge"), (("not_about", "*"), "match")]
    assert list(fields.references(Story, citing=True)) == [(("about",), "pledge")]
    assert refusal(fields._ref("pledge", "pledges", "a pledge"), "Bad Id").startswith(
        "'Bad Id' is not a valid id"
    )
    schema = Story.model_json_schema()["properties"]["about"]
    assert schema["description"] == "Id of a pledge in content/pledges/"
    assert schema["pattern"] == fields.ID_PATTERN


def test_vocabulary_fields_are_found_in_lists_too() -> None:
    from acsg.models import Pledge

    found = {path: term.vocabulary for path, term in fields.marked(Pledge, Term)}
    assert found[("topics", "*")] is vocabulary("topics")
    assert found[("updates", "*", "stage")] is vocabulary("pledge_stages")
