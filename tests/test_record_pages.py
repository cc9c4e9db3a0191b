"""Record pages of the shipped content say what their records say: a match's stage and its
"under discussion" flag, its timeframe, and the pledges it links, on both pages, in every
language. Expectations are built from the records and the vocabularies, not from the renderer.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO_CONTENT

from acsg.catalogue import Catalogue
from acsg.i18n import format_month, translations
from acsg.models import Match, Pledge, Timeframe
from acsg.validation import load_catalogue
from acsg.vocab import vocabulary

LANGS = {"en": "", "fr": "fr/", "es": "es/"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(REPO_CONTENT)
    assert problems == []
    return loaded


def words(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def facts(
    site: Path, lang: str, folder: str, record_id: str
) -> tuple[dict[str, str], set[str], str]:
    """A record page's key facts (definition list: term -> value), the record pages it links
    ("pledges/<id>", "matches/<id>") and its text."""
    page = lxml.html.parse(str(site / f"{LANGS[lang]}{folder}/{record_id}/index.html")).getroot()
    article = page.find(".//article")
    found = {
        words(term.text_content()): words(term.getnext().text_content())
        for term in article.iter("dt")
    }
    links = set()
    for anchor in article.iter("a"):
        target = re.search(r"((?:pledges|matches)/[a-z0-9-]+)/$", anchor.get("href", ""))
        if target:
            links.add(target.group(1))
    return found, links, words(article.text_content())


def expected_stage(record: Match | Pledge, lang: str) -> str | None:
    _ = translations(lang).gettext
    parts = [vocabulary("match_stages").label(record.stage, lang)] if record.stage else []
    if isinstance(record, Match) and record.under_discussion:
        parts.append(_("under discussion") if parts else _("Under discussion"))
    return words(" · ".join(parts)) if parts else None


def timeframe_words(timeframe: Timeframe, lang: str) -> list[str]:
    """What a reader must find in the timeframe shown: its years and months, and the words
    for "to be confirmed" and "ongoing"."""
    _ = translations(lang).gettext
    found = []
    for value in (timeframe.start, timeframe.end):
        if value == "tbc":
            found.append(_("to be confirmed"))
        elif value == "ongoing":
            found.append(_("ongoing"))
        elif value and len(value) == 7:
            found.append(format_month(int(value[:4]), int(value[5:]), lang))
        elif value:
            found.append(value[:4])
    return [words(word) for word in found]


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGS))
def test_match_and_pledge_pages_show_stage_timeframe_and_links_as_recorded(
    shipped, catalogue, lang
):
    _ = translations(lang).gettext
    wrong = []
    linked_from: dict[str, set[str]] = {}
    for kind, folder, records in (
        ("match", "matches", catalogue.matches),
        ("pledge", "pledges", catalogue.pledges),
    ):
        for record in records.values():
            found, links, text = facts(shipped, lang, folder, record.id)
            stage = expected_stage(record, lang)
            if found.get(words(_("Stage"))) != stage:
                shown_stage = found.get(words(_("Stage")))
                wrong.append(f"{lang} {kind} {record.id}: stage {shown_stage!r}, not {stage!r}")
            shown = found.get(words(_("Timeframe")), "")
            if record.timeframe:
                expected = timeframe_words(record.timeframe, lang)
                missing = [w for w in expected if w.casefold() not in shown.casefold()]
                if missing or not shown:
                    wrong.append(f"{lang} {kind} {record.id}: timeframe {shown!r} lacks {missing}")
            elif shown:
                wrong.append(f"{lang} {kind} {record.id}: timeframe {shown!r} not recorded")
            if isinstance(record, Match):
                for pledge in (*record.requesting.pledges, *record.supporting.pledges):
                    linked_from.setdefault(pledge, set()).add(record.id)
                    if f"pledges/{pledge}" not in links:
                        wrong.append(f"{lang} match {record.id}: no link to pledge {pledge}")
            else:
                for match in linked_from.get(record.id, set()):
                    if f"matches/{match}" not in links:
                        wrong.append(f"{lang} pledge {record.id}: no link to match {match}")
                none = words(_("No match on this portal links this pledge yet."))
                if (none in text) == bool(linked_from.get(record.id)):
                    wrong.append(f"{lang} pledge {record.id}: wrong about the matches linking it")
    assert linked_from, "the shipped matches link no pledge: this test would check nothing"
    assert not wrong, "\n".join(wrong)
