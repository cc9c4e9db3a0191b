"""The glossary (src/acsg/data/glossary.yaml): one term per notion in each language. The French
and Spanish texts of the portal (interface strings, vocabulary labels, form labels, hand-written
pages, CONTRIBUTING) use none of the variants it says to avoid."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from importlib import resources

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO

from acsg.forms import FORMS
from acsg.i18n import po_path
from acsg.vocab import vocabularies

LANGS = ("fr", "es")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")


def glossary() -> list[dict]:
    text = resources.files("acsg.data").joinpath("glossary.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["terms"]


def _variant(text: str) -> re.Pattern[str]:
    """A variant as a whole word or phrase, also in the plural or feminine."""
    return re.compile(rf"(?<!\w){re.escape(text)}(?:s|e|es)?(?!\w)", re.IGNORECASE)


def _labels(value: object) -> Iterator[Mapping[str, str]]:
    """Every {en, fr, es} label of the submission forms (issue forms and the Submit page): most
    are interface strings of acsg.po, read here as the forms give them."""
    if isinstance(value, Mapping):
        if set(value) == {"en", "fr", "es"}:
            yield value
        else:
            for item in value.values():
                yield from _labels(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _labels(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _labels(item)


def _markdown_lines(text: str) -> Iterator[tuple[int, str]]:
    """Prose lines of a Markdown file: code blocks and code spans (field names, ids) left out."""
    in_code = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            yield number, CODE_SPAN.sub("", line)


def texts(lang: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every text the portal has in ``lang``."""
    with po_path(lang).open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    for message in catalogue:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                yield f"{lang}/acsg.po: {message.id!r}", string
    for name, vocabulary in vocabularies().items():
        for term in vocabulary.ids:
            yield f"vocabularies.yaml: {name}.{term}", vocabulary.label(term, lang)
    for form in FORMS.values():
        for label in _labels(form):
            yield f"forms.py: {form.name}: {label['en']!r}", label[lang]
    pages = [*sorted(REPO.glob(f"docs/*.{lang}.md")), REPO / f"CONTRIBUTING.{lang}.md"]
    for page in pages:
        for number, line in _markdown_lines(page.read_text(encoding="utf-8")):
            yield f"{page.relative_to(REPO)}:{number}", line


def test_every_term_is_given_in_the_three_languages():
    terms = glossary()
    assert len(terms) >= 15
    for term in terms:
        assert all(term.get(lang) for lang in ("en", "fr", "es")), term
        assert term.get("source"), term
        assert set(term["avoid"]) <= set(LANGS), term
        for lang, variants in term["avoid"].items():
            for variant in variants:
                assert not _variant(variant).fullmatch(term[lang]), f"{term['en']}: {variant}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_uses_a_variant_the_glossary_avoids(lang):
    avoided = [
        (term[lang], variant, _variant(variant))
        for term in glossary()
        for variant in term["avoid"].get(lang, [])
    ]
    found = [
        f"{where}: {match.group(0)!r} (say {chosen!r})"
        for where, text in texts(lang)
        for chosen, _, pattern in avoided
        for match in pattern.finditer(text)
    ]
    assert not found, "\n".join(found)


def test_the_check_reads_every_kind_of_text():
    places = {where.split(":")[0].split("/")[-1] for where, _ in texts("es")}
    assert {"acsg.po", "vocabularies.yaml", "forms.py", "CONTRIBUTING.es.md"} <= places
    assert {"about.es.md", "contribute.es.md", "submit.es.md"} <= places
