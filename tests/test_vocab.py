"""Vocabularies, countries and UNHCR regions in the portal's three languages."""

from __future__ import annotations

import re
from importlib import resources

import pycountry
import pytest
import yaml

from acsg.fields import ID_PATTERN
from acsg.vocab import (
    LANGUAGES,
    country_codes,
    country_name,
    region_of,
    regions,
    sort_key,
    suggest_country,
    vocabularies,
    vocabulary,
)

VOCABULARIES = sorted(vocabularies())


def regions_data() -> dict:
    text = resources.files("acsg.data").joinpath("regions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


# --- vocabularies ---------------------------------------------------------------------------


def test_the_models_vocabularies_are_there() -> None:
    expected = {"languages", "topics", "support_types", "pledge_kinds", "stakeholder_types"}
    assert expected <= set(VOCABULARIES)
    assert vocabulary("languages").ids == LANGUAGES


@pytest.mark.parametrize("name", VOCABULARIES)
def test_every_term_has_a_label_in_each_language(name: str) -> None:
    vocab = vocabulary(name)
    assert vocab.ids, f"{name} is empty"
    for term in vocab.ids:
        assert re.fullmatch(ID_PATTERN, term), f"{name}: {term!r} is not a valid id"
        assert set(vocab.labels[term]) == set(LANGUAGES), f"{name}.{term}: {vocab.labels[term]}"
        for lang in LANGUAGES:
            label = vocab.label(term, lang)
            assert isinstance(label, str) and label.strip() == label and label, (name, term, lang)


@pytest.mark.parametrize("name", VOCABULARIES)
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_labels_are_translated(name: str, lang: str) -> None:
    vocab = vocabulary(name)
    translated = [term for term in vocab.ids if vocab.label(term, lang) != vocab.label(term, "en")]
    assert translated, f"no {name} term has a {lang} label other than the English one"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_most_labels_differ_from_english(lang: str) -> None:
    pairs = [(v.label(t, "en"), v.label(t, lang)) for v in vocabularies().values() for t in v.ids]
    same = [en for en, other in pairs if en == other]
    assert len(same) < len(pairs) / 4, f"{len(same)} of {len(pairs)} {lang} labels are English"


@pytest.mark.parametrize("name", VOCABULARIES)
def test_labels_of_one_vocabulary_are_distinct(name: str) -> None:
    vocab = vocabulary(name)
    for lang in LANGUAGES:
        labels = [vocab.label(term, lang) for term in vocab.ids]
        assert len(set(labels)) == len(labels), f"{name} has two terms labelled alike in {lang}"


def test_suggest_finds_the_close_term() -> None:
    assert vocabulary("topics").suggest("registraton") == "registration"
    assert vocabulary("topics").suggest("Registration") == "registration"
    assert vocabulary("pledge_kinds").suggest("zzzzzz") is None


# --- regions --------------------------------------------------------------------------------


def test_every_country_is_in_exactly_one_of_seven_regions() -> None:
    data = regions_data()
    assert len(data["regions"]) == 7
    listed = [code for region in data["regions"] for code in region["countries"]]
    twice = sorted({code for code in listed if listed.count(code) > 1})
    assert not twice, f"in more than one region: {twice}"
    every = {country.alpha_3 for country in pycountry.countries}
    assert sorted(every - set(listed)) == [], "countries in no region"
    assert sorted(set(listed) - every) == [], "unknown codes in regions.yaml"


def test_region_of_every_country() -> None:
    ids = set(regions().vocabulary.ids)
    assert len(ids) == 7
    for code in country_codes():
        assert region_of(code) in ids


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("FRA", "europe"),
        ("GEO", "europe"),
        ("TUR", "europe"),
        ("TJK", "asia-pacific"),
        ("AFG", "asia-pacific"),
        ("NER", "west-central-africa"),
        ("TCD", "west-central-africa"),
        ("KEN", "east-horn-great-lakes"),
        ("ZAF", "southern-africa"),
        ("MEX", "americas"),
        ("CAN", "americas"),
        ("EGY", "mena"),
        ("SYR", "mena"),
    ],
)
def test_known_countries_are_in_their_unhcr_region(code: str, region: str) -> None:
    assert region_of(code) == region


def test_region_labels_in_each_language() -> None:
    vocab = regions().vocabulary
    for region in vocab.ids:
        labels = [vocab.label(region, lang) for lang in LANGUAGES]
        assert all(label.strip() for label in labels), region
    assert vocab.label("asia-pacific", "fr") != vocab.label("asia-pacific", "en")


def test_regions_name_their_source() -> None:
    sources = regions_data()["source"]
    assert sources and all(src.startswith("https://") for src in sources)
    assert any("unhcr.org" in src for src in sources)
    assert regions().sources == tuple(sources)


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("FRA", "en", "France"),
        ("FRA", "fr", "France"),
        ("DEU", "en", "Germany"),
        ("DEU", "fr", "Allemagne"),
        ("DEU", "es", "Alemania"),
        ("CIV", "fr", "Côte d'Ivoire"),
        # The United Nations' short names where they differ from CLDR's
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("BOL", "en", "Bolivia (Plurinational State of)"),
        ("TUR", "fr", "Türkiye"),
        ("TUR", "es", "Türkiye"),
        ("NZL", "es", "Nueva Zelandia"),
        ("KEN", "es", "Kenya"),
        # CLDR's, through Babel
        ("NER", "es", "Níger"),
        ("TCD", "fr", "Tchad"),
        ("EGY", "fr", "Égypte"),
    ],
)
def test_country_names_in_the_page_language(code: str, lang: str, name: str) -> None:
    assert country_name(code, lang) == name


def test_unknown_country_code_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        country_name("XXX", "en")


def test_country_codes_are_iso_alpha_3() -> None:
    codes = country_codes()
    assert len(codes) == len(pycountry.countries) and len(codes) > 240
    assert all(re.fullmatch("[A-Z]{3}", code) for code in codes)
    assert list(codes) == sorted(codes)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("France", "FRA"),
        ("france", "FRA"),
        ("fra", "FRA"),
        ("FR", "FRA"),
        ("Germany", "DEU"),
        ("Niger", "NER"),
        (" Chad ", "TCD"),
        ("North Macedonia", "MKD"),
    ],
)
def test_suggest_country(given: str, code: str) -> None:
    assert suggest_country(given) == code


def test_suggest_country_gives_up_on_nonsense() -> None:
    assert suggest_country("xyzzy") is None


def test_names_sort_as_readers_expect_whatever_their_accents() -> None:
    names = ["Niger", "chad", "Égypte", "Danemark", "Fidji", "Türkiye", "Tchad"]
    assert sorted(names, key=sort_key) == [
        "chad",
        "Danemark",
        "Égypte",
        "Fidji",
        "Niger",
        "Tchad",
        "Türkiye",
    ]
