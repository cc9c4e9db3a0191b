"""Interface strings: the French and Spanish catalogues cover every string, pages use them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from acsg.i18n import format_day
from acsg.render.pages import site_pages
from acsg.validation import load_catalogue

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "src" / "acsg" / "locale"
METHODS = [("src/acsg/**.py", "python"), ("src/acsg/templates/**.j2", "jinja2")]
OPTIONS = {
    "src/acsg/templates/**.j2": {
        "extensions": "jinja2.ext.do",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    }
}
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def _extracted() -> set[str]:
    found = extract_from_dir(
        str(REPO), METHODS, options_map=OPTIONS, keywords=KEYWORDS, comment_tags=()
    )
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


def _catalogue(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "acsg.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_interface_string_is_translated(lang):
    catalogue = _catalogue(lang)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    missing = _extracted() - translated
    assert not missing, f"untranslated in {lang} (run `make messages`, then translate): {missing}"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_page_mixes_english_interface_strings_into_other_languages(lang):
    catalogue = _catalogue(lang)
    english = [
        m.id
        for m in catalogue
        if isinstance(m.id, str) and len(m.id) > 12 and "%" not in m.id and m.string != m.id
    ]
    content, problems = load_catalogue(REPO / "tests" / "fixtures" / "site" / "content")
    assert problems == []
    for page in site_pages(content, date(2026, 11, 23)):
        leaked = [text for text in english if text in page.texts[lang]]
        assert not leaked, f"{page.path} ({lang}) shows English: {leaked}"


def test_dates_follow_the_page_language():
    day = date(2021, 4, 14)
    assert format_day(day, "en") == "14 April 2021"  # as the United Nations writes it
    assert format_day(day, "fr") == "14 avril 2021"
    assert format_day(day, "es") == "14 de abril de 2021"
