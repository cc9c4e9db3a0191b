"""What the search index holds for each page, in each language (the index itself is built by
Pagefind in the site-build tests and searched in a real browser in tests/browser)."""

from __future__ import annotations

from datetime import date

from conftest import REPO
from conftest import SITE_CONTENT as FIXTURE

from acsg.models import KINDS
from acsg.search import entries, plain_text
from acsg.validation import load_catalogue

SITE = {"en": "", "fr": "fr/", "es": "es/"}  # each language and the folder of its pages


def _entries(languages: dict[str, str] = SITE) -> dict[str, dict]:
    catalogue, problems = load_catalogue(FIXTURE)
    assert problems == []
    found = {}
    for entry in entries(catalogue, date(2026, 11, 23), REPO / "docs", languages):
        assert entry["url"] not in found, f"two entries for {entry['url']}"
        found[entry["url"]] = entry
    return found


def test_markdown_is_searched_and_quoted_as_its_words():
    text = (
        "Mobile **teams** register [claims](https://example.org/secret-path) at the border.\n\n"
        "- first `step`\n- second step\n\n> quoted <b>bold</b> words"
    )
    words = plain_text(text)
    assert words.startswith("Mobile teams register claims at the border.")
    assert "first step" in words and "second step" in words and "quoted" in words
    for markup in ("**", "](", "secret-path", "<b>", "- first", "`"):
        assert markup not in words


def test_a_record_is_found_in_each_language_with_its_filters_kind_and_country():
    found = _entries()
    offer = found["/fr/pledges/atlantis-offer/"]
    assert offer["language"] == "fr"
    assert offer["meta"] == {
        "title": "Fixture : l'Atlantide offre son expertise en enregistrement",
        "kind": "Offre d'appui",
        "country": "Malte",
    }
    assert offer["filters"]["Nature"] == ["Offre d'appui"]
    assert offer["filters"]["Thèmes"] == ["Enregistrement"]
    assert "Enregistrement" in offer["content"]  # a facet's label is a word search finds
    assert found["/es/pledges/atlantis-offer/"]["meta"]["kind"] == "Oferta de apoyo"
    assert found["/pledges/atlantis-offer/"]["filters"]["Topics"] == ["Registration"]


def test_news_and_roster_entries_are_found_by_their_own_filters():
    found = _entries()
    story = found["/es/news/fixture-utopia-registration-story/"]
    assert story["meta"]["kind"] == "Noticia" and story["meta"]["country"] == "Islandia"
    assert story["filters"]["Clase"] == ["Noticia"]
    expertise = found["/fr/roster/atlantis-registration-expertise/"]
    assert expertise["meta"]["title"] == "Malte\u202f: Enregistrement, Recours"
    assert expertise["filters"]["Modalités de travail"] == ["Formation", "Conseil à distance"]
    assert expertise["filters"]["Langues de travail"] == ["anglais", "français"]
    assert expertise["filters"]["Régions du HCR"] == ["Europe"]  # where it offers to work
    english = found["/roster/atlantis-registration-expertise/"]
    assert english["filters"]["Ways of working"] == ["Training", "Remote advice"]
    assert "Twice a year." in english["content"]


def test_a_text_without_translation_is_searched_in_its_original_language():
    practice = _entries()["/fr/good-practices/utopia-mobile-registration/"]
    assert "Equipos móviles registran solicitudes" in practice["content"]


def test_only_records_and_hand_written_pages_are_in_search_results():
    catalogue, _ = load_catalogue(FIXTURE)
    urls = set(_entries())
    static = {"about", "how-it-works", "dialogue-platform", "contribute", "submit"}
    prefixes = ("", "fr/", "es/")
    records = {
        f"/{prefix}{KINDS[kind].folder}/{record.id}/"
        for prefix in prefixes
        for kind, record in catalogue.all()
    }
    pages = {f"/{prefix}{name}/" for prefix in prefixes for name in static}
    expected = records | pages
    assert urls == expected
    about = _entries()["/fr/about/"]
    assert about["meta"]["title"] == "À propos du Groupe d'appui à la capacité d'asile (ACSG)"
    assert "Pacte mondial sur les réfugiés" in about["content"]
    assert "globalcompactrefugees" not in about["content"]


def test_a_one_language_preview_indexes_its_language_at_the_site_root():
    # ACSG_ONLY_LANGUAGE=fr builds French only, published at / instead of /fr/.
    found = _entries({"fr": ""})
    assert {entry["language"] for entry in found.values()} == {"fr"}
    assert found["/pledges/atlantis-offer/"]["meta"]["kind"] == "Offre d'appui"
    assert found["/about/"]["meta"]["title"].startswith("À propos")


def test_the_index_written_language_by_language_lists_every_language(tmp_path):
    """Pagefind indexes one language at a time (issue 17: memory); the entry file that every
    search reads first lists all of them, each with the files of its own index."""
    import json

    from acsg.search import write_index

    catalogue, _ = load_catalogue(FIXTURE)
    write_index(catalogue, date(2026, 11, 23), REPO / "docs", SITE, tmp_path)
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {lang: len([e for e in _entries().values() if e["language"] == lang]) for lang in SITE}
    assert {lang: entry["languages"][lang]["page_count"] for lang in SITE} == counts
    for lang, index in entry["languages"].items():
        assert (tmp_path / f"pagefind.{index['hash']}.pf_meta").is_file()
        assert (tmp_path / f"wasm.{index['wasm']}.pagefind").is_file()
        assert any((tmp_path / "index").glob(f"{lang}_*.pf_index"))
