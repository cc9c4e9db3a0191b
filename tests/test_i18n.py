"""Interface strings: the French and Spanish catalogues cover every string, pages use them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from acsg.i18n import format_count, format_day, translations, typography
from acsg.render.context import PageContext
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
# As `make messages` extracts them (N_ and NP_ mark the submission forms' labels, forms.py).
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None, "NP_": ((1, "c"), 2)}


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


NNBSP = "\u202f"  # narrow no-break space


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Télécharger :", f"Télécharger{NNBSP}:"),
        ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!"),
        ("Licence\u00a0: CC BY 4.0", f"Licence{NNBSP}: CC BY 4.0"),  # no-break space too
        ("« ongoing »", f"«{NNBSP}ongoing{NNBSP}»"),
        ("«ongoing»", f"«{NNBSP}ongoing{NNBSP}»"),
        (f"Déjà{NNBSP}: «{NNBSP}fait{NNBSP}»", f"Déjà{NNBSP}: «{NNBSP}fait{NNBSP}»"),
        ("Voir https://example.org/?q=1 à 10:30", "Voir https://example.org/?q=1 à 10:30"),
        ("| Nom | :--- |\n| a | ![carte](x.png) |", "| Nom | :--- |\n| a | ![carte](x.png) |"),
        ("    !!! note", "    !!! note"),
    ],
)
def test_french_text_gets_narrow_no_break_spaces(typed, printed):
    assert typography(typed, "fr") == printed
    assert typography(printed, "fr") == printed


def test_only_french_is_respaced():
    for lang in ("en", "es"):
        assert typography("Note : « x » ?", lang) == "Note : « x » ?"


def test_french_interface_strings_and_labels_reach_pages_with_narrow_spaces():
    french = translations("fr")
    assert french.gettext("Download:") == f"Télécharger{NNBSP}:"
    assert translations("es").gettext("Download:") == "Descargar:"
    content, _ = load_catalogue(REPO / "tests" / "fixtures" / "site" / "content")
    page = PageContext(content, None, "fr", "index", date(2026, 11, 23))  # type: ignore[arg-type]
    assert page.label("workstreams", "engagement").startswith(f"Axe 1{NNBSP}: ")
    assert page.kind_title("pledge").startswith(f"Promesses{NNBSP}: ")
    assert page._("Download:") == f"Télécharger{NNBSP}:"


def test_numbers_are_grouped_with_no_break_spaces_in_french():
    assert format_count(12345, "fr") == f"12{NNBSP}345"
    assert format_count(12345, "es") == "12.345"
    assert format_count(12345, "en") == "12,345"
