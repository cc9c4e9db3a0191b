"""Whatever a file holds, ``load_file`` answers with a record or with problems that point at a
real place in it; it never raises."""

from __future__ import annotations

import copy
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BODIES, record_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acsg.models import KINDS
from acsg.validation import load_file
from acsg.yamlfile import dump, load_yaml

PLEDGE = KINDS["pledge"]
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def record_file() -> Iterator[Path]:
    """One file in a fresh ``pledges`` folder, overwritten by each example of a test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content" / "pledges" / "georgia-request.yaml"
        path.parent.mkdir(parents=True)
        yield path


def check_answer(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    loaded, problems = load_file(path, PLEDGE)
    assert loaded is not None or problems, "neither a record nor a problem"
    try:  # every convention of line breaks counted, so that the bound is generous
        lines = max(len(raw.splitlines()), len(raw.decode("utf-8").splitlines())) + 1
    except UnicodeDecodeError:
        lines = len(raw.splitlines()) + 1
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.line <= lines, f"{problem} is past the end of a {lines - 1}-line file"
        assert problem.message.strip(), problem


# --- random text and bytes ------------------------------------------------------------------


def test_random_text_never_raises() -> None:
    with record_file() as path:

        @FUZZ
        @given(st.text(max_size=400))
        def examples(text: str) -> None:
            check_answer(path, text.encode("utf-8", "surrogatepass"))

        examples()


def test_random_bytes_never_raise() -> None:
    with record_file() as path:

        @FUZZ
        @given(st.binary(max_size=400))
        def examples(raw: bytes) -> None:
            check_answer(path, raw)

        examples()


YAMLISH = st.text(alphabet=st.sampled_from(list("ab01-:#&*!|>'\"[]{},?% \t\n~@`.")), max_size=120)


def test_yaml_punctuation_soup_never_raises() -> None:
    with record_file() as path:

        @FUZZ
        @given(YAMLISH)
        def examples(text: str) -> None:
            check_answer(path, text.encode())

        examples()


# --- random YAML documents ------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
KEYS = st.text(min_size=1, max_size=12)
TREES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


def test_random_yaml_documents_never_raise() -> None:
    with record_file() as path:

        @FUZZ
        @given(st.dictionaries(KEYS, TREES, max_size=6) | TREES)
        def examples(data: Any) -> None:
            check_answer(path, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))

        examples()


WORDS = st.text(alphabet=st.characters(categories=["L"]) | st.just(" "), min_size=1, max_size=20)
PLAIN_TREES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | WORDS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(WORDS, children, max_size=3),
    max_leaves=10,
)


def test_what_safe_dump_writes_reads_back_the_same() -> None:
    """Words, numbers, true/false and null mean the same to PyYAML and to the strict reader."""

    @FUZZ
    @given(st.dictionaries(WORDS, PLAIN_TREES, min_size=1, max_size=5))
    def examples(data: dict[str, Any]) -> None:
        assert load_yaml(yaml.safe_dump(data).encode()).data == data

    examples()


TEXTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
WRITTEN_TREES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**16), 10**16) | TEXTS | st.dates(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXTS, children, max_size=3),
    max_leaves=10,
)


def as_read(value: Any) -> Any:
    """``value`` as the strict reader gives it back: dates as ISO text."""
    if isinstance(value, dict):
        return {key: as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_read(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("record", [True, False])
def test_what_the_writer_writes_reads_back_the_same(record: bool) -> None:
    """Any text (controls, separators, quotes, what looks like a number or a date) and nesting."""

    @FUZZ
    @given(st.dictionaries(TEXTS, WRITTEN_TREES, min_size=1, max_size=5))
    def examples(data: dict[str, Any]) -> None:
        assert load_yaml(dump(data, record=record).encode("utf-8")).data == as_read(data)

    examples()


# --- mutations of a valid record ------------------------------------------------------------

VALID = yaml.safe_load(BODIES["georgia-request"])
REPLACEMENTS = SCALARS | st.lists(SCALARS, max_size=3) | st.dictionaries(KEYS, SCALARS, max_size=3)


def paths_of(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a nested value, as a tuple of keys and indexes."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_of(item, (*prefix, index))
    return found


def mutate(data: Any, rng: random.Random, replacement: Any, times: int) -> Any:
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    for _ in range(times):
        places = paths_of(data)
        if not places:
            break
        place = rng.choice(places)
        holder = data
        for part in place[:-1]:
            holder = holder[part]
        if rng.random() < 0.4:
            del holder[place[-1]]
        else:
            holder[place[-1]] = copy.deepcopy(replacement)
    return data


def test_mutated_records_never_raise() -> None:
    with record_file() as path:

        @FUZZ
        @given(st.randoms(use_true_random=False), REPLACEMENTS, st.integers(1, 4))
        def examples(rng: random.Random, replacement: Any, times: int) -> None:
            data = mutate(VALID, rng, replacement, times)
            body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            text = record_text("pledge", path.parent, body, path.parent.parent.parent / "schemas")
            check_answer(path, text.encode("utf-8"))

        examples()


def test_the_unmutated_record_is_valid() -> None:
    """The mutations above start from a record that passes, so their problems are theirs."""
    with record_file() as path:
        body = yaml.safe_dump(VALID, allow_unicode=True, sort_keys=False)
        path.write_text(
            record_text("pledge", path.parent, body, path.parent.parent.parent / "schemas")
        )
        loaded, problems = load_file(path, PLEDGE)
        assert problems == [] and loaded is not None
