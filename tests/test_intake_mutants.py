"""``acsg from-issue`` in the details a submitter or reviewer sees: the exact words of each
problem, the answers GitHub or a person may write in other ways, and where an update lands in
the record file. Written against the mutants of ``intake.py`` that the other tests let through
(TESTING.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import BODIES, Content, sub
from test_intake import TODAY, issue

from acsg.forms import FORMS, NO_RESPONSE, Form
from acsg.intake import (
    MAX_BODY,
    MAX_ITEMS,
    MAX_VALUE,
    IntakeError,
    _file_order,
    _free_id,
    _in_form_words,
    _Reader,
    code_span,
    detect_form,
    from_issue,
    parse_body,
    set_top_level,
    slug,
)

REQUEST = FORMS["request-support"]
PRACTICE = FORMS["good-practice"]
PROGRESS = FORMS["progress-report"]


def heading(form: Form, field_id: str) -> str:
    return form.field(field_id).heading


def problems_of(content: Content, body: str, form: Form | None = REQUEST, **options) -> list[str]:
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=form, today=TODAY, **options)
    return raised.value.problems


def reader(content: Content, form: Form, answers: dict[str, str]) -> _Reader:
    return _Reader(form, answers, content.load()[0])


def progress(
    record: str, day: str = "2024-05-02", stage: str = NO_RESPONSE, en: str = "Done."
) -> str:
    body = issue("progress-report-pledge")
    body = sub(body, "https://portal.example.org/fr/pledges/georgia-request/", record)
    body = sub(body, "\n2024-05-02\n", f"\n{day}\n")
    body = sub(body, "Fulfilled / Réalisé / Cumplido", stage)
    body = sub(body, "The new country-of-origin unit is staffed.", en)
    return sub(
        body,
        "La nouvelle unité d'information sur les pays d'origine est dotée en personnel.",
        NO_RESPONSE,
    )


def top_keys(path: Path) -> list[str]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


# --- reading the issue body -------------------------------------------------------------------


def test_line_endings_of_any_system_give_the_same_answers() -> None:
    body = issue("good-practice")
    answers = parse_body(body, PRACTICE)
    assert "\n\nVer <https://www.example.org/registro>." in answers["narrative"]
    assert parse_body(body.replace("\n", "\r\n"), PRACTICE) == answers
    assert parse_body(body.replace("\n", "\r"), PRACTICE) == answers


def test_text_before_the_first_heading_is_not_an_answer() -> None:
    body = issue("request-support")
    assert parse_body("Sent from the portal.\n\n" + body, REQUEST) == parse_body(body, REQUEST)


def test_a_heading_with_each_language_written_out_is_read() -> None:
    body = issue("good-practice")
    assert heading(PRACTICE, "narrative") == "Description / Descripción"
    spelled = sub(
        body, "### Description / Descripción", "### Description / Description / Descripción"
    )
    assert parse_body(spelled, PRACTICE) == parse_body(body, PRACTICE)


def test_an_issue_from_no_known_form_is_told_which_forms_there_are() -> None:
    with pytest.raises(IntakeError) as raised:
        detect_form("### Something else\n\nhello\n")
    assert raised.value.problems == [
        "cannot tell which form this issue was made with: open a new issue from one of the "
        "forms (request-support, offer-support, good-practice, progress-report)"
    ]
    assert str(IntakeError(["one", "two"])) == "one\ntwo"


def test_an_issue_of_the_largest_size_is_read(content: Content) -> None:
    body = issue("request-support")
    body += " " * (MAX_BODY - len(body))
    assert len(body) == MAX_BODY
    result = from_issue(body, content.root, form=REQUEST, today=TODAY)
    assert result.created is True
    assert problems_of(content, body + " ") == [f"the issue is longer than {MAX_BODY:,} characters"]


def test_an_issue_with_a_null_character_is_refused_in_words(content: Content) -> None:
    body = issue("request-support").replace("Géorgie", "Géor\x00gie")
    assert problems_of(content, body) == ["the issue holds invisible control characters"]


def test_the_form_is_known_from_the_issue_labels_when_a_section_is_missing(
    content: Content,
) -> None:
    title = heading(REQUEST, "title")
    body = sub(
        issue("request-support"),
        f"### {title}\n\nAppui à l'enregistrement des demandes d'asile\n\n",
        "",
    )
    with pytest.raises(IntakeError, match="cannot tell which form"):
        from_issue(body, content.root, today=TODAY)
    problems = problems_of(content, body, form=None, labels=["submission", " request-support "])
    assert problems == [f"{title}: this section is missing from the issue"]


# --- answers into values ----------------------------------------------------------------------


def test_a_slug_of_exactly_sixty_characters_is_kept_whole() -> None:
    title = "a" * 29 + " " + "b" * 30
    assert slug(title) == "a" * 29 + "-" + "b" * 30
    assert slug(title + "c") == "a" * 29


def test_an_answer_of_the_largest_size_is_read(content: Content) -> None:
    answers = {"description": "x" * MAX_VALUE, "year": "1" * (MAX_VALUE + 1)}
    read = reader(content, REQUEST, answers)
    assert read.value(REQUEST.field("description")) == "x" * MAX_VALUE
    assert read.value(REQUEST.field("year")) is None
    assert read.problems == [
        f"{heading(REQUEST, 'year')}: the answer is longer than {MAX_VALUE:,} characters"
    ]


def test_a_required_section_missing_from_the_issue_is_named(content: Content) -> None:
    read = reader(content, REQUEST, {})
    assert read.value(REQUEST.field("title")) is None
    assert read.problems == [f"{heading(REQUEST, 'title')}: this section is missing from the issue"]


@pytest.mark.parametrize(
    ("form", "field_id", "item"),
    [
        (REQUEST, "sources", "https://www.example.org/{}"),
        (REQUEST, "entities", "org-{}"),
        (REQUEST, "countries", "C{}"),
        (PRACTICE, "documents", "https://www.example.org/{}.pdf"),
    ],
)
def test_more_than_fifty_items_are_refused_in_words(
    content: Content, form: Form, field_id: str, item: str
) -> None:
    read = reader(
        content, form, {field_id: "\n".join(item.format(n) for n in range(MAX_ITEMS + 1))}
    )
    assert read.value(form.field(field_id)) is None
    assert read.problems == [f"{heading(form, field_id)}: at most {MAX_ITEMS} items"]


def test_fifty_sources_are_accepted(content: Content) -> None:
    links = [f"https://www.example.org/{n}" for n in range(MAX_ITEMS)]
    read = reader(content, REQUEST, {"sources": "\n".join(links)})
    assert read.value(REQUEST.field("sources")) == links
    assert read.problems == []


@pytest.mark.parametrize(
    ("field_id", "text", "expected"),
    [
        ("support_types", "technical", "technical"),  # the bare id
        ("stage", "in-progress", "in-progress"),  # an id unlike its labels ("In progress")
        ("support_types", "Técnico", "technical"),  # one language's label
        ("support_types", "Matériel", "material"),
        ("support_types", "Material / Matériel / Material", "material"),  # written out
        ("support_types", "  technical ", "technical"),
    ],
)
def test_a_choice_may_be_written_as_its_id_or_a_label(
    content: Content, field_id: str, text: str, expected: str
) -> None:
    read = reader(content, REQUEST, {})
    assert read.option(REQUEST.field(field_id), text) == expected
    assert read.problems == []


@pytest.mark.parametrize(
    "text",
    [
        "technical,material",
        "technical , material",
        "Technical / Technique / Técnico,material",
        "technical, Material / Matériel, technical",
    ],
)
def test_several_choices_are_read_however_they_are_separated(content: Content, text: str) -> None:
    read = reader(content, REQUEST, {"support_types": text})
    assert read.value(REQUEST.field("support_types")) == ["technical", "material"]
    assert read.problems == []


def test_choices_that_cannot_be_read_are_named(content: Content) -> None:
    field = REQUEST.field("support_types")
    read = reader(content, REQUEST, {"support_types": "Technical / Technique / Técnico and more"})
    assert read.value(field) is None
    assert read.problems == [
        f"{field.heading}: cannot read the choices 'Technical / Technique / Técnico and more'"
    ]


def test_a_name_two_organizations_answer_to_is_refused_with_both(content: Content) -> None:
    content.write(
        "organization",
        "geo-network",
        sub(BODIES["ofpra"], "OFPRA", "GEO")
        .replace("part_of: france\n", "")
        .replace("id: ofpra", "id: geo-network"),
    )
    read = reader(content, REQUEST, {"entities": "GEO\nofpra"})
    assert read.value(REQUEST.field("entities")) == ["ofpra"]
    assert read.problems == [
        f"{heading(REQUEST, 'entities')}: 'GEO' may mean geo-network, georgia: give the id of "
        "the one you mean"
    ]


def test_an_unknown_organization_is_named_with_names_close_to_it(content: Content) -> None:
    read = reader(content, REQUEST, {"entities": "fr\nZanzibar office"})
    assert read.value(REQUEST.field("entities")) is None
    entities = heading(REQUEST, "entities")
    assert read.problems == [
        f"{entities}: no State or organization 'fr' on the portal (did you mean "
        "fra, france, francia?); if it is not listed yet, say so in a comment and the "
        "Secretariat will add it",
        f"{entities}: no State or organization 'Zanzibar office' on the portal; if it is not "
        "listed yet, say so in a comment and the Secretariat will add it",
    ]


def test_countries_by_two_letter_code_or_name_and_unknown_ones(content: Content) -> None:
    read = reader(content, REQUEST, {"countries": "FR; Federal Republic of Germany, GEO\nfr"})
    assert read.value(REQUEST.field("countries")) == ["FRA", "DEU", "GEO"]
    assert read.problems == []
    read = reader(content, REQUEST, {"countries": "Atlantis"})
    assert read.value(REQUEST.field("countries")) is None
    assert read.problems == [
        f"{heading(REQUEST, 'countries')}: 'Atlantis' is not a country name or ISO code"
    ]


def test_short_names_of_up_to_eighty_characters(content: Content) -> None:
    field = REQUEST.field("id")
    read = reader(content, REQUEST, {"id": "a" * 80})
    assert read.value(field) == "a" * 80
    read = reader(content, REQUEST, {"id": "a" * 81})
    assert read.value(field) is None
    assert read.problems == [
        f"{field.heading}: {'a' * 81!r} is not a valid short name: use lowercase letters, "
        f"digits and hyphens, e.g. {'a' * 60!r}"
    ]
    read = reader(content, REQUEST, {"id": "¿¡!"})
    assert read.value(field) is None
    assert read.problems == [
        f"{field.heading}: '¿¡!' is not a valid short name: use lowercase letters, digits and "
        "hyphens, e.g. 'niger-registration-request'"
    ]


def test_a_one_line_answer_on_two_lines_is_refused_in_words(content: Content) -> None:
    read = reader(content, REQUEST, {"title": "First line\nsecond line"})
    assert read.value(REQUEST.field("title")) is None
    assert read.problems == [f"{heading(REQUEST, 'title')}: expected one line"]


def test_a_taken_short_name_gets_the_next_free_number(tmp_path: Path) -> None:
    for name in ("training", "training-2"):
        (tmp_path / f"{name}.yaml").write_text("", encoding="utf-8")
    assert _free_id("training", tmp_path) == "training-3"
    assert _free_id("other", tmp_path) == "other"
    long = "a" * 77 + "-bc"  # 80 characters: cut to make room for "-2", no hyphen doubled
    (tmp_path / f"{long}.yaml").write_text("", encoding="utf-8")
    assert _free_id(long, tmp_path) == "a" * 77 + "-2"


def test_a_validator_message_is_introduced_by_its_form_field() -> None:
    sources = heading(REQUEST, "sources")
    assert _in_form_words("sources[1]: not a link", REQUEST) == f"{sources}: sources[1]: not a link"
    assert _in_form_words("the required field 'x'", REQUEST) == "the required field 'x'"
    assert _in_form_words("'x' is wrong", REQUEST) == "'x' is wrong"


def test_a_record_that_fails_validation_is_refused_in_the_form_words(content: Content) -> None:
    body = issue("request-support").replace(
        "https://www.example.org/georgia-letter", "ftp://www.example.org/georgia-letter"
    )
    problems = problems_of(content, body)
    assert len(problems) == 1
    assert problems[0].startswith(f"{heading(REQUEST, 'sources')}: sources[2]: ")


@pytest.mark.parametrize("text", [" \t ", " X ", " a b "])
def test_a_code_span_keeps_spaces_around_any_text(text: str) -> None:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parseInline(f"See {code_span(text)}")[0].children or []
    assert [token.content for token in tokens if token.type == "code_inline"] == [text]


# --- progress reports -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "kind", "record_id"),
    [
        ("georgia-request", "pledge", "georgia-request"),
        ("france-georgia", "match", "france-georgia"),
        ("matches/france-georgia", "match", "france-georgia"),
        (
            "https://portal.example.org/es/matches/france-georgia/#updates",
            "match",
            "france-georgia",
        ),
    ],
)
def test_a_record_is_found_by_its_id_or_address(
    content: Content, reference: str, kind: str, record_id: str
) -> None:
    result = from_issue(progress(reference), content.root, form=PROGRESS, today=TODAY)
    assert (result.kind, result.record_id, result.created) == (kind, record_id, False)


def test_a_reference_to_no_record_is_refused_in_words(content: Content) -> None:
    record = heading(PROGRESS, "record")
    assert problems_of(content, progress("not an id!"), PROGRESS) == [
        f"{record}: 'not an id!' is not the address or id of a pledge or match"
    ]


def test_an_id_of_both_a_pledge_and_a_match_asks_which(content: Content) -> None:
    content.write(
        "match",
        "georgia-request",
        BODIES["france-georgia"].replace("id: france-georgia", "id: georgia-request"),
    )
    assert problems_of(content, progress("georgia-request"), PROGRESS) == [
        f"{heading(PROGRESS, 'record')}: 'georgia-request' is both a pledge and a match: write "
        "pledges/georgia-request or matches/georgia-request"
    ]


@pytest.mark.parametrize("day", ["2024-02-30", "20240502", "2 May 2024"])
def test_a_date_not_written_as_a_day_is_refused_in_words(content: Content, day: str) -> None:
    assert problems_of(content, progress("georgia-request", day), PROGRESS) == [
        f"{heading(PROGRESS, 'date')}: expected a date written YYYY-MM-DD, got {day!r}"
    ]


def test_progress_dated_today_is_accepted(content: Content) -> None:
    from_issue(
        progress("georgia-request", TODAY.isoformat()), content.root, form=PROGRESS, today=TODAY
    )
    assert content.load()[0].pledges["georgia-request"].updates[-1].date == TODAY


def test_an_empty_report_lists_what_is_missing(content: Content) -> None:
    body = progress(NO_RESPONSE, NO_RESPONSE, en=NO_RESPONSE)
    assert problems_of(content, body, PROGRESS) == [
        f"{heading(PROGRESS, 'record')}: required, but left empty",
        f"{heading(PROGRESS, 'date')}: required, but left empty",
        "the update is empty: write it in at least one language",
    ]


def test_updates_of_one_day_stay_in_the_order_they_came(content: Content) -> None:
    for text in ("First.", "Second."):
        from_issue(
            progress("georgia-request", "2024-03-01", en=text),
            content.root,
            form=PROGRESS,
            today=TODAY,
        )
    updates = content.load()[0].pledges["georgia-request"].updates
    assert [(u.date.isoformat(), u.text.en) for u in updates] == [
        ("2024-02-01", "Needs assessed."),
        ("2024-03-01", "Work started."),
        ("2024-03-01", "First."),
        ("2024-03-01", "Second."),
    ]


def test_the_oldest_update_goes_first(content: Content) -> None:
    from_issue(progress("georgia-request", "2024-01-15"), content.root, form=PROGRESS, today=TODAY)
    updates = content.load()[0].pledges["georgia-request"].updates
    assert [u.date.isoformat() for u in updates] == ["2024-01-15", "2024-02-01", "2024-03-01"]


def test_a_report_that_fails_validation_leaves_the_record_as_it_was(content: Content) -> None:
    path = content.path("pledge", "georgia-request")
    before = path.read_bytes()
    body = progress("georgia-request", en="See <script>alert(1)</script>.")
    assert problems_of(content, body, PROGRESS)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "record_id", "extra"),
    [
        ("pledge", "france-offer", ""),
        ("pledge", "france-offer", "stage: planning\n"),  # a stage already, no update yet
        ("pledge", "france-offer", "gcr_url: https://www.example.org/gcr\n"),
        (
            "pledge",
            "france-offer",
            "not_a_match:\n  - pledge: georgia-request\n    reason:\n      en: Not the same topic.\n",
        ),
        ("match", "france-georgia", ""),
        ("match", "france-georgia", "outcomes:\n  - en: Caseworkers trained.\n"),
    ],
)
def test_a_first_update_and_stage_are_written_where_the_templates_put_them(
    content: Content, kind: str, record_id: str, extra: str
) -> None:
    body = BODIES[record_id]
    if extra:
        body = body.replace("\nsources:", f"\n{extra}sources:", 1)
        if kind == "match":  # outcomes come before good practices
            body = body.replace("good_practices:\n  - coi-training\n", "").replace(
                "sources:", "good_practices:\n  - coi-training\nsources:", 1
            )
    if "stage:" not in extra:
        body = body.replace("stage: in-progress\n", "")
    path = content.write(kind, record_id, body)
    assert not content.problems(), content.problems()
    folder = "pledges" if kind == "pledge" else "matches"
    stage = "Planning / Planification / Planificación"
    from_issue(
        progress(f"{folder}/{record_id}", stage=stage), content.root, form=PROGRESS, today=TODAY
    )
    assert not content.problems()
    keys = top_keys(path)
    assert keys == [key for key in _file_order(kind) if key in keys]
    assert {"stage", "updates"} <= set(keys)


# --- set_top_level ----------------------------------------------------------------------------


def test_a_replaced_block_keeps_the_blank_line_and_comment_after_it() -> None:
    text = "a: 1\nb:\n- x\n\n# about c\nc: 2\n"
    assert set_top_level(text, "b", ["y"]) == text.replace("- x", "  - y")


def test_a_file_without_a_final_line_break_gets_none() -> None:
    assert set_top_level("a: 1\nb: 2", "b", 3) == "a: 1\nb: 3"
    assert set_top_level("a: 1\nb: 2\n", "b", 3) == "a: 1\nb: 3\n"
    assert set_top_level("a: 1\nb: 2\n", "c", 3) == "a: 1\nb: 2\nc: 3\n"


def test_a_block_is_added_at_the_end_when_no_later_key_is_there() -> None:
    assert set_top_level("a: 1\n", "b", 2) == "a: 1\nb: 2\n"
    assert set_top_level("a: 1\n", "b", 2, before=("c",)) == "a: 1\nb: 2\n"


def test_a_block_added_before_a_key_goes_above_its_comments_but_not_the_schema_line() -> None:
    text = "# schema\n# about c\nc: 2\n"
    assert set_top_level(text, "b", 1, before=("c",)) == "# schema\nb: 1\n# about c\nc: 2\n"
    text = "# schema\na: 1\n# about c\n# more\nc: 2\n"
    assert (
        set_top_level(text, "b", 1, before=("c",))
        == "# schema\na: 1\nb: 1\n# about c\n# more\nc: 2\n"
    )


def test_a_value_ending_in_capital_x_is_written_whole() -> None:
    assert set_top_level("a: 1\n", "sources", ["https://www.example.org/X"]) == (
        "a: 1\nsources:\n  - https://www.example.org/X\n"
    )
