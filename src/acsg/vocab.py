"""Controlled vocabularies, countries and UNHCR regions, with labels in the portal's languages.

Vocabulary labels are data (``data/vocabularies.yaml``); country names come from CLDR through
Babel, with the United Nations' own short names where they differ (``data/un-country-names.yaml``);
the country -> UNHCR regional bureau mapping is ``data/regions.yaml``. Names are sorted as
people of the page's language expect (``sort_key``: the Unicode Collation Algorithm).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry
import yaml
from babel import Locale
from pyuca import Collator

LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class Vocabulary:
    """A named list of ids, each with a label per language."""

    name: str
    labels: dict[str, dict[str, str]]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, term: str, lang: str) -> str:
        return self.labels[term][lang]

    def suggest(self, given: str) -> str | None:
        """The id closest to a mistyped one, or None."""
        close = difflib.get_close_matches(given.lower(), self.ids, n=1, cutoff=0.6)
        return close[0] if close else None


def _data(name: str) -> dict:
    with resources.files("acsg.data").joinpath(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every controlled vocabulary by name (``topics``, ``support_types`` ...), UNHCR's
    regional bureaux (``regions``) included."""
    named = {name: Vocabulary(name, labels) for name, labels in _data("vocabularies.yaml").items()}
    return {**named, "regions": regions().vocabulary}


def vocabulary(name: str) -> Vocabulary:
    return vocabularies()[name]


@dataclass(frozen=True)
class Regions:
    """UNHCR's seven regional bureaux and the countries each covers."""

    vocabulary: Vocabulary
    by_country: dict[str, str]
    sources: tuple[str, ...]


@cache
def regions() -> Regions:
    data = _data("regions.yaml")
    labels = {region["id"]: region["label"] for region in data["regions"]}
    by_country = {
        country: region["id"] for region in data["regions"] for country in region["countries"]
    }
    return Regions(Vocabulary("regions", labels), by_country, tuple(data["source"]))


def region_of(country: str) -> str:
    """The UNHCR regional bureau id covering an ISO 3166-1 alpha-3 country."""
    return regions().by_country[country]


@cache
def country_codes() -> tuple[str, ...]:
    return tuple(sorted(country.alpha_3 for country in pycountry.countries))


@cache
def _un_names() -> dict[str, dict[str, str]]:
    return _data("un-country-names.yaml")


@cache
def country_name(code: str, lang: str) -> str:
    """The country's short name in ``lang``: the United Nations' where it differs from CLDR's."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise KeyError(code)
    un_name = _un_names().get(code, {}).get(lang)
    if un_name:
        return un_name
    return Locale(lang).territories.get(country.alpha_2) or country.name


@cache
def _collator() -> Collator:
    return Collator()


@lru_cache(maxsize=65536)  # a title is sorted in every list that holds it
def sort_key(name: str) -> tuple[int, ...]:
    """Names in the order a reader expects, accents and case aside (Égypte between Danemark
    and Fidji), by the Unicode Collation Algorithm."""
    return _collator().sort_key(name.casefold())


def suggest_country(given: str) -> str | None:
    """The alpha-3 code a contributor probably meant ('France', 'FRN', 'fr' -> 'FRA')."""
    text = given.strip()
    if text.upper() in country_codes():
        return text.upper()
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    try:
        return pycountry.countries.search_fuzzy(text)[0].alpha_3
    except LookupError:
        close = difflib.get_close_matches(text.upper(), country_codes(), n=1, cutoff=0.6)
        return close[0] if close else None
