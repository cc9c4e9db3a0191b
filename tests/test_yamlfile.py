"""The strict YAML reader: every trap a contributor can fall into is an error at the right place."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
import yaml
from conftest import column_of, line_of
from hostile import REFUSED
from hostile import TEXTS as HOSTILE

from acsg.yamlfile import MAX_BYTES, MAX_DEPTH, YamlError, dump, load_yaml


def error_of(text: str | bytes) -> YamlError:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(YamlError) as caught:
        load_yaml(raw)
    error = caught.value
    assert error.line >= 1 and error.column >= 1
    assert str(error) == error.message
    return error


# --- malformed YAML -------------------------------------------------------------------------


def test_malformed_mapping_is_reported_at_the_second_colon() -> None:
    text = "id: x\nlanguage: en\ntitle: a: b\ncreated: 2024-01-01\n"
    error = error_of(text)
    assert "not valid YAML" in error.message
    assert error.line == line_of(text, "title: a: b")
    assert error.column == column_of(text, ": b")


def test_unclosed_flow_list_is_reported_where_the_parser_gives_up() -> None:
    text = "id: x\ntopics: [coi,\n  registration\nupdated: 2024-01-01\n"
    error = error_of(text)
    assert "not valid YAML" in error.message
    assert line_of(text, "topics:") <= error.line <= line_of(text, "updated:")


def test_bad_indentation_is_reported_on_its_line() -> None:
    text = "id: x\ntitle:\n  en: one\n fr: deux\n"
    error = error_of(text)
    assert "not valid YAML" in error.message
    assert error.line == line_of(text, "fr: deux")


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    text = "id: x\ntitle:\n  en: one\nlanguage: en\ntitle:\n  en: two\n"
    error = error_of(text)
    assert error.line == line_of(text, "title:", occurrence=2)
    assert error.column == 1
    assert "'title'" in error.message
    assert f"line {line_of(text, 'title:')}" in error.message


def test_duplicate_key_inside_a_nested_mapping_in_a_list() -> None:
    text = "id: x\nupdates:\n  - date: 2024-01-01\n    text:\n      en: a\n    date: 2024-02-01\n"
    error = error_of(text)
    assert error.line == line_of(text, "    date: 2024-02-01")
    assert error.column == column_of(text, "date: 2024-02-01")
    assert "'date'" in error.message
    assert f"line {line_of(text, 'date: 2024-01-01')}" in error.message


def test_the_same_key_in_different_mappings_is_fine() -> None:
    text = "id: x\ntitle:\n  en: a\ndescription:\n  en: b\nlist:\n  - en: c\n  - en: d\n"
    assert load_yaml(text.encode()).data == {
        "id": "x",
        "title": {"en": "a"},
        "description": {"en": "b"},
        "list": [{"en": "c"}, {"en": "d"}],
    }


# --- tabs, empty files, encodings -----------------------------------------------------------


def test_tab_indentation_is_reported_at_the_tab() -> None:
    text = "id: x\ntitle:\n\ten: a\n"
    error = error_of(text)
    assert error.line == 3 and error.column == 1
    assert "tab" in error.message and "spaces" in error.message


def test_tab_after_spaces_in_the_indentation_points_at_the_tab() -> None:
    text = "id: x\ntitle:\n  \ten: a\n"
    error = error_of(text)
    assert (error.line, error.column) == (3, 3)
    assert "tab" in error.message


def test_a_tab_inside_a_value_is_kept() -> None:
    assert load_yaml(b'id: x\nname: "a\\tb"\nother: c\td\n').data == {
        "id": "x",
        "name": "a\tb",
        "other": "c\td",
    }


@pytest.mark.parametrize(
    "raw",
    [b"", b"\n\n", b"   \n\t\n", b"# only a comment\n", b"# one\n\n# two\n", b"\xef\xbb\xbf"],
    ids=["nothing", "blank-lines", "whitespace", "comment", "comments", "bom-only"],
)
def test_an_empty_file_is_reported_as_empty(raw: bytes) -> None:
    error = error_of(raw)
    assert "empty" in error.message
    assert (error.line, error.column) == (1, 1)


def test_explicit_null_document_is_reported_as_empty() -> None:
    assert "empty" in error_of("# comment\n~\n").message


def test_non_utf8_byte_is_reported_at_its_line_and_column() -> None:
    raw = b"id: x\nname:\n  en: caf\xe9 au lait\n"
    error = error_of(raw)
    assert (error.line, error.column) == (3, len(b"  en: caf") + 1)
    assert "0xe9" in error.message
    assert "UTF-8" in error.message


def test_latin1_file_with_several_bad_bytes_reports_the_first() -> None:
    raw = "id: x\nlanguage: fr\nname:\n  fr: Réfugiés\n".encode("latin-1")
    error = error_of(raw)
    assert error.line == 4
    assert error.column == len(b"  fr: R") + 1


def test_utf8_with_bom_and_windows_line_ends_is_read() -> None:
    raw = b"\xef\xbb\xbfid: x\r\nname:\r\n  fr: R\xc3\xa9fugi\xc3\xa9s\r\n"
    assert load_yaml(raw).data == {"id": "x", "name": {"fr": "Réfugiés"}}


def test_windows_line_ends_keep_line_numbers() -> None:
    error = error_of(b"id: x\r\nlanguage: en\r\nanswer: no\r\n")
    assert (error.line, error.column) == (3, len("answer: ") + 1)


def test_control_character_is_reported_on_its_line() -> None:
    text = "id: x\nlanguage: en\nname: a\x01b\n"
    error = error_of(text)
    assert "not valid YAML" in error.message or "control" in error.message
    assert "\n" not in error.message, "one problem is one line of output"
    assert (error.line, error.column) == (3, len("name: a") + 1), (
        f"a control character at 3:8 was reported at {error.line}:{error.column}"
    )


# --- anchors, aliases, tags, documents ------------------------------------------------------


def test_anchor_is_rejected_at_the_anchor() -> None:
    text = "id: x\nsources: &s\n  - https://example.org\nother: *s\n"
    error = error_of(text)
    assert "anchor" in error.message and "&s" in error.message
    assert error.line == line_of(text, "&s")


def test_alias_without_anchor_is_rejected_at_the_alias() -> None:
    text = "id: x\nlanguage: en\nother: *s\n"
    error = error_of(text)
    assert "alias" in error.message and "*s" in error.message
    assert (error.line, error.column) == (3, column_of(text, "*s"))


def test_merge_key_is_rejected() -> None:
    text = "id: x\nbase:\n  a: 1\nother:\n  <<: {a: 1}\n"
    error = error_of(text)
    assert "<<" in error.message
    assert error.line == line_of(text, "<<")


def test_billion_laughs_is_rejected_quickly() -> None:
    lines = ['lol0: &a0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"lol{level}: &a{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    started = time.perf_counter()
    error = error_of(text)
    assert time.perf_counter() - started < 1.0
    assert "not allowed" in error.message
    assert error.line == 1


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system {}",
        "!!python/object/apply:os.system ['echo hi']",
        "!!python/name:os.system",
        "!!str 2021",
        "!!binary aGVsbG8=",
        "!custom thing",
    ],
)
def test_explicit_tags_are_rejected_at_the_tag(value: str) -> None:
    text = f"id: x\nlanguage: en\nnote: {value}\n"
    error = error_of(text)
    assert "tag" in error.message.lower()
    assert error.line == 3
    assert error.column == column_of(text, "!")


def test_multiple_documents_are_rejected_at_the_separator() -> None:
    text = "id: x\nlanguage: en\n---\nid: y\n"
    error = error_of(text)
    assert "---" in error.message and "one document" in error.message
    assert error.line == line_of(text, "---")


def test_one_document_with_an_explicit_start_is_read() -> None:
    assert load_yaml(b"---\nid: x\n").data == {"id": "x"}


# Printable ids: pytest escapes a newline in an id again each time it collects in one process,
# so an id with one could not be selected by mutmut (make mutation), which reruns pytest.
@pytest.mark.parametrize(
    "text",
    ["- id: x\n- id: y\n", "just some text\n", "42\n", "[a, b]\n"],
    ids=lambda text: text.strip().replace("\n", " | "),
)
def test_a_record_must_be_a_mapping(text: str) -> None:
    error = error_of(text)
    assert "mapping" in error.message
    assert error.line == 1


@pytest.mark.parametrize("key", ["[a, b]: 1", "{a: 1}: 2", "? - a\n: 1"])
def test_a_key_must_be_a_name(key: str) -> None:
    text = f"id: x\n{key}\n"
    error = error_of(text)
    assert "key" in error.message
    assert error.line == 2


def test_numeric_key_is_rejected() -> None:
    error = error_of("id: x\n2021: one\n")
    assert "'2021'" in error.message and error.line == 2


# --- size and depth -------------------------------------------------------------------------


def test_file_over_the_size_limit_is_rejected() -> None:
    raw = b"id: x\ntext: " + b"a" * MAX_BYTES + b"\n"
    error = error_of(raw)
    assert f"{MAX_BYTES:,}" in error.message
    assert f"{len(raw):,}" in error.message


def test_file_of_exactly_the_size_limit_is_read() -> None:
    head = b"id: x\ntext: "
    raw = head + b"a" * (MAX_BYTES - len(head) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    assert load_yaml(raw).data["text"] == "a" * (MAX_BYTES - len(head) - 1)


def nested(levels: int) -> str:
    """A mapping holding ``levels`` nested mappings in all (the record itself included)."""
    return (
        "".join("  " * depth + "a:\n" for depth in range(levels - 1))
        + "  " * (levels - 1)
        + "a: 1\n"
    )


def test_nesting_up_to_the_limit_is_read() -> None:
    data = load_yaml(nested(MAX_DEPTH).encode()).data
    depth = 0
    while isinstance(data, dict):
        data, depth = data["a"], depth + 1
    assert (depth, data) == (MAX_DEPTH, 1)


def test_nesting_deeper_than_the_limit_is_reported_where_it_goes_too_deep() -> None:
    error = error_of(nested(MAX_DEPTH + 1))
    assert str(MAX_DEPTH) in error.message
    assert error.line == MAX_DEPTH + 1
    assert error.column == 2 * MAX_DEPTH + 1


def test_deep_flow_nesting_is_rejected_quickly_without_recursion_error() -> None:
    text = "id: x\nbomb: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert len(text) < MAX_BYTES
    started = time.perf_counter()
    error = error_of(text)
    assert time.perf_counter() - started < 2.0
    assert error.line == 2


# --- ambiguous scalars ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "yes",
        "on",
        "off",
        "No",
        "YES",
        "Off",
        "2021-1-5",
        "5/1/2021",
        "010",
        "0x1F",
        "1:20",
        "1_000",
        "0b101",
        "1:20:30.5",
    ],
)
def test_ambiguous_unquoted_scalar_is_rejected_at_the_value(value: str) -> None:
    text = f"id: x\nlanguage: en\nanswer: {value}\nother: text\n"
    error = error_of(text)
    assert repr(value) in error.message
    assert "quote" in error.message or "YYYY-MM-DD" in error.message
    assert (error.line, error.column) == (3, len("answer: ") + 1)


@pytest.mark.parametrize("value", ["no", "yes", "on", "off", "2021-1-5", "010", "1:20", "1_000"])
@pytest.mark.parametrize("quote", ['"', "'"])
def test_quoted_ambiguous_scalar_is_text(value: str, quote: str) -> None:
    text = f"id: x\nanswer: {quote}{value}{quote}\nlist:\n  - {quote}{value}{quote}\n"
    assert load_yaml(text.encode()).data == {"id": "x", "answer": value, "list": [value]}


def test_ambiguous_scalar_in_a_list_points_at_the_item() -> None:
    text = "id: x\ntopics:\n  - coi\n  - off\n"
    error = error_of(text)
    assert (error.line, error.column) == (4, 5)


def test_ambiguous_key_is_rejected() -> None:
    error = error_of("id: x\nno: 1\n")
    assert "'no'" in error.message and (error.line, error.column) == (2, 1)


def test_plain_scalars_that_mean_one_thing_are_read() -> None:
    text = (
        "text: hello world\n"
        "flag: true\n"
        "other_flag: false\n"
        "number: 42\n"
        "negative: -7\n"
        "zero: 0\n"
        "decimal: 2.5\n"
        "nothing: null\n"
        "tilde: ~\n"
        "empty:\n"
        "day: 2021-01-05\n"
        "moment: 2025-03-30T09:00+01:00\n"
        "month: 2021-04\n"
        "url: https://example.org/a?b=c\n"
    )
    assert load_yaml(text.encode()).data == {
        "text": "hello world",
        "flag": True,
        "other_flag": False,
        "number": 42,
        "negative": -7,
        "zero": 0,
        "decimal": 2.5,
        "nothing": None,
        "tilde": None,
        "empty": None,
        "day": "2021-01-05",
        "moment": "2025-03-30T09:00+01:00",
        "month": "2021-04",
        "url": "https://example.org/a?b=c",
    }


def test_block_scalars_are_text() -> None:
    text = "id: x\ntext: |\n  no\n  010\nfolded: >\n  yes\n  2021-1-5\n"
    assert load_yaml(text.encode()).data == {
        "id": "x",
        "text": "no\n010\n",
        "folded": "yes 2021-1-5\n",
    }


# --- positions ------------------------------------------------------------------------------


POSITIONS = """\
id: x
title:
  en: Hello
topics: [coi, registration]
updates:
  - date: 2024-01-01
    text:
      en: Started
  - date: 2024-02-01
    text: {en: Going}
"""


def test_positions_of_keys_and_values_are_recorded() -> None:
    document = load_yaml(POSITIONS.encode())
    assert document.locate(("id",), key=True) == (1, 1)
    assert document.locate(("id",)) == (1, 5)
    assert document.locate(("title", "en"), key=True) == (3, 3)
    assert document.locate(("title", "en")) == (3, 7)
    assert document.locate(("topics", 1)) == (4, column_of(POSITIONS, "registration"))
    assert document.locate(("updates", 1, "date"), key=True) == (9, 5)
    assert document.locate(("updates", 1, "date")) == (9, 11)
    assert document.locate(("updates", 1, "text", "en")) == (10, column_of(POSITIONS, "Going"))


def test_locate_finds_values_keys_and_the_nearest_enclosing_value() -> None:
    document = load_yaml(POSITIONS.encode())
    assert document.locate(("updates", 0, "text", "en")) == (8, 11)
    assert document.locate(("title",), key=True) == (2, 1)
    # A key that is absent (e.g. a missing field) points at the mapping that should hold it.
    assert document.locate(("updates", 1, "stage")) == (9, 5)
    assert document.locate(("updates", 1, "stage"), key=True) == (9, 5)
    assert document.locate(("nothing", "here")) == (1, 1)


# --- the writer -----------------------------------------------------------------------------

AMBIGUOUS = ["no", "yes", "on", "off", "No", "YES", "2021-1-5", "5/1/2021", "01.02.2021"]
AMBIGUOUS += ["010", "0x1F", "1:20", "1_000", "0b101", "1:20:30.5", "<<", "~", "null", ""]
AMBIGUOUS += ["2021-01-05 at noon", "1/2/3 T4", "true", "False", "1.5", "-7", "=", "@x", "`x`"]
AMBIGUOUS += ["# not a comment", "- not a list", "key: value", "'quoted'", '"quoted"', " lead"]


@pytest.mark.parametrize("record", [True, False])
@pytest.mark.parametrize(
    "text",
    AMBIGUOUS + HOSTILE + REFUSED + ["tab\there", "bom\ufeff", "\x00nul", "two\nlines\n"],
)
def test_what_the_writer_writes_the_reader_reads_back_the_same(text: str, record: bool) -> None:
    data = {
        "id": "x",
        text: text,
        "title": {"en": text, "fr": f"{text}\n\n{text}"},
        "list": [text, {"nested": [text]}],
    }
    assert load_yaml(dump(data, record=record).encode("utf-8")).data == data


def test_a_record_is_written_as_contributors_write_one() -> None:
    record = {
        "id": "x",
        "language": "fr",
        "unreviewed": ["en"],
        "title": {"fr": "Élan : « oui »"},
        "description": {"fr": "Première ligne.\n\nDeuxième."},
        "grf_pledge": False,
        "year": 2023,
        "created": date(2024, 7, 1),
        "updated": "2024-07-02",
        "start": datetime(2026, 3, 30, 9, 0, tzinfo=timezone(timedelta(hours=1))),
        "again": ["no", "1:20", "5/1/2021"],
    }
    assert dump(record) == (
        "id: x\n"
        "language: fr\n"
        "unreviewed:\n"
        "  - en\n"
        "title:\n"
        "  fr: 'Élan : « oui »'\n"
        "description:\n"
        "  fr: |-\n"
        "    Première ligne.\n"
        "\n"
        "    Deuxième.\n"
        "grf_pledge: false\n"
        "year: 2023\n"
        "created: 2024-07-01\n"
        "updated: 2024-07-02\n"
        "start: 2026-03-30T09:00:00+01:00\n"
        "again:\n"
        "  - 'no'\n"
        "  - '1:20'\n"
        "  - '5/1/2021'\n"
    )
    assert load_yaml(dump(record).encode()).data["start"] == "2026-03-30T09:00:00+01:00"


def test_outside_records_the_writer_keeps_safe_dumps_layout() -> None:
    data = {"labels": ["a", "b"], "day": "2025-06-30", "text": "one\ntwo"}
    assert dump(data, width=100, record=False) == yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100
    )


def test_a_value_used_twice_is_written_twice() -> None:
    shared = ["coi"]
    assert "&" not in dump({"topics": shared, "tags": shared})
