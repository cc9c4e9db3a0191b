"""Interface strings (gettext catalogues) and locale formatting (Babel) for the portal's pages.

The ``.po`` catalogues in ``acsg/locale`` are compiled in memory the first time a language is
used, so a build needs no prior compile step and nothing compiled is ever committed.
"""

from __future__ import annotations

import gettext
import io
import re
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.dates import format_time as babel_format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from acsg.vocab import LANGUAGES

DOMAIN = "acsg"
DEFAULT_LANGUAGE = "en"
# Dates in English are written as the United Nations writes them (14 April 2021: Babel's
# British English), as on the hand-written pages; French and Spanish as their locales do.
DATE_LOCALES = {"en": "en_GB", "fr": "fr", "es": "es"}


def po_path(lang: str) -> resources.abc.Traversable:
    return resources.files("acsg").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")


NARROW_NO_BREAK_SPACE = "\u202f"
_SPACES = "[ \u00a0\u202f]"
# A space between a word and : ; ! ? (not a Markdown table's ":---", an image's "![", a URL).
_BEFORE_PUNCTUATION = re.compile(rf"(?<=\S){_SPACES}+([:;!?])(?![\w\[/!-])")
_AFTER_OPENING_QUOTE = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSING_QUOTE = re.compile(rf"{_SPACES}*»")


def typography(text: str, lang: str) -> str:
    """``text`` spaced as ``lang`` writes it. French: a narrow no-break space (U+202F) before
    : ; ! ? (in place of the space typed there) and inside « » (added where missing)."""
    if lang != "fr":
        return text
    text = _BEFORE_PUNCTUATION.sub(NARROW_NO_BREAK_SPACE + r"\1", text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NARROW_NO_BREAK_SPACE, text)
    return _BEFORE_CLOSING_QUOTE.sub(NARROW_NO_BREAK_SPACE + "»", text)


def _read_catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@cache
def _catalogue_texts(lang: str) -> dict[tuple[str | None, str], str]:
    return {
        (message.context, message.id): message.string
        for message in _read_catalogue(lang)
        if isinstance(message.id, str)
        and isinstance(message.string, str)
        and message.id
        and message.string
        and not message.fuzzy
    }


def catalogue_text(message: str, lang: str, context: str | None = None) -> str:
    """``message`` in ``lang`` as its catalogue gives it, without ``typography`` (for files
    other than the pages: the issue forms); itself in English or where it is not translated."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == DEFAULT_LANGUAGE:
        return message
    return _catalogue_texts(lang).get((context, message), message)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English: the source strings themselves), its
    translations spaced as the language writes them (``typography``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    catalog = _read_catalogue(lang)
    for message in catalog:
        if not message.id:
            continue  # the header (empty id) holds the catalogue's metadata
        if isinstance(message.string, tuple):
            message.string = tuple(typography(text, lang) for text in message.string)
        elif isinstance(message.string, str):
            message.string = typography(message.string, lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@lru_cache(maxsize=4096)  # pages write the same days and counts thousands of times
def format_day(value: date, lang: str, form: str = "long") -> str:
    """A date as people of ``lang`` write it (14 April 2021, 14 avril 2021, 14 de abril de 2021)."""
    return babel_format_date(value, format=form, locale=DATE_LOCALES[lang])


def format_month(year: int, month: int, lang: str) -> str:
    """A month of a year: April 2021, avril 2021, abril de 2021."""
    return format_skeleton("yMMMM", date(year, month, 1), locale=DATE_LOCALES[lang])


def format_moment(value: datetime, lang: str, zone: str = "UTC") -> str:
    """A date and time in the time zone ``zone``: 30 March 2030, 08:00."""
    local = value.astimezone(ZoneInfo(zone))
    day = format_day(local.date(), lang)
    return f"{day}, {babel_format_time(local.time(), format='short', locale=DATE_LOCALES[lang])}"


@lru_cache(maxsize=4096)
def format_count(value: int, lang: str) -> str:
    return format_decimal(value, locale=lang)
