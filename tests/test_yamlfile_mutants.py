"""The strict YAML reader, for what mutation testing (make mutation) found untested: the advice
each refusal ends with, the place it points at, and keys carrying anchors or tags."""

from __future__ import annotations

import pytest

from acsg.yamlfile import MAX_BYTES, MAX_DIGITS, YamlError, dump, load_yaml


def error_of(raw: bytes | str) -> YamlError:
    with pytest.raises(YamlError) as caught:
        load_yaml(raw.encode("utf-8") if isinstance(raw, str) else raw)
    return caught.value


# What the contributor is told to do ends each message, in the words they will look for.
@pytest.mark.parametrize(
    ("raw", "advice", "term"),
    [
        (b"x" * (MAX_BYTES + 1), "move long documents to a linked file", "bytes"),
        (b"id: x\ntitle:\n\ten: a\n", "YAML needs spaces", "tab"),
        (b"\n", "start from `acsg new KIND ID`", "empty"),
        (b"# a comment\n~\n", "start from `acsg new KIND ID`", "empty"),
        ("id: a\u2028b\n", "delete it, or press Enter instead", "YAML"),
        (b"id: x\n<<: {a: 1}\n", "write the fields out", "YAML merge keys"),
        (b"id: x\nday: 2021-1-5\n", "times as YYYY-MM-DDTHH:MM+HH:MM", "date"),
        (b"id: x\n[a, b]: 1\n", "not a list or mapping", "key"),
        (b"id: x\ntitle: a\nid: y\n", "keep one of them", "duplicate"),
        (b"id: x\n---\nid: y\n", "remove '---'", "one document"),
    ],
    ids=[
        "too-big",
        "tab",
        "blank",
        "null",
        "separator",
        "merge",
        "date",
        "list-key",
        "duplicate",
        "documents",
    ],
)
def test_each_refusal_ends_with_what_to_do(raw, advice, term) -> None:
    message = error_of(raw).message
    assert message.endswith(advice), message
    assert term in message


def test_malformed_yaml_shows_what_the_parser_found() -> None:
    message = error_of(b"id: x\ntitle: a: b\n").message
    assert message.startswith("this is not valid YAML: ")
    assert "mapping values are not allowed" in message


def test_a_file_over_the_limit_is_reported_on_its_first_line() -> None:
    error = error_of(b"id: x\n" + b"x" * MAX_BYTES)
    assert (error.line, error.column) == (1, 1)


def test_a_line_separator_is_pointed_at_on_its_own_line() -> None:
    error = error_of("id: x\nname:\n  en: ab\u2029c\n")
    assert (error.line, error.column) == (3, len("  en: ab") + 1)


def test_a_byte_order_mark_does_not_shift_the_columns_of_the_first_line() -> None:
    error = error_of("\ufeffid: a\u2028b\n")
    assert (error.line, error.column) == (1, len("id: a") + 1)


def test_several_tabs_in_an_indentation_point_at_the_first() -> None:
    error = error_of(b"id: x\ntitle:\n\t \ten: a\n")
    assert (error.line, error.column) == (3, 1)


def test_the_longest_number_a_field_takes_is_read() -> None:
    longest = "9" * MAX_DIGITS
    assert load_yaml(f"id: x\ncount: {longest}\n".encode()).data["count"] == int(longest)
    error = error_of(f"id: x\ncount: {longest}9\n")
    assert (error.line, error.column) == (2, len("count: ") + 1)


def test_a_date_and_time_separated_by_a_tab_is_refused() -> None:
    error = error_of(b"id: x\nstart: 2021-01-05\t10:00:00\n")
    assert "date" in error.message
    assert (error.line, error.column) == (2, len("start: ") + 1)


@pytest.mark.parametrize(
    ("key", "word"), [("&a name", "anchors"), ("!!str name", "tags")], ids=["anchor", "tag"]
)
def test_a_key_carrying_an_anchor_or_a_tag_is_refused_at_the_key(key, word) -> None:
    error = error_of(f"id: x\n{key}: value\n")
    assert word in error.message
    assert (error.line, error.column) == (2, 1)


@pytest.mark.parametrize("raw", [b"- id: x\n", b"just text\n"], ids=["list", "text"])
def test_a_file_that_is_not_a_mapping_is_pointed_at_its_start(raw) -> None:
    error = error_of(raw)
    assert error.message.endswith("one per line")
    assert (error.line, error.column) == (1, 1)


def test_records_are_written_with_texts_folded_after_96_columns() -> None:
    # The line breaks after the first space past column 96: here at column 97.
    text = " ".join(["aaa"] * 40)
    written = dump({"summary": {"en": text}})
    assert [len(line) for line in written.splitlines()] == [8, 97, 71]
    assert load_yaml(written.encode()).data["summary"]["en"] == text
