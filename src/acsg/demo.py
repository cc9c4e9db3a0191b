"""Fictitious demo records for tests and benchmarks: ``acsg demo-data N DIR``.

Everything written is plainly invented: every title and name starts with "[DEMO]", every link
is on https://example.org/demo/, organizations have made-up names and texts are drawn from
a generated lexicon of pseudo-words (thousands per language, picked with a Zipf-like
distribution, like words in real text) so that search indexes built on demo data behave like
real ones. Only the country codes are real, because validation needs them.

The records are valid (``acsg validate DIR`` finds nothing) for any count, and the same count
and seed give byte-identical files in the same folder (the schema comment on the first line
is relative to the folder written).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from acsg.files import write_if_changed
from acsg.models import KINDS
from acsg.schemas import schema_comment
from acsg.vocab import LANGUAGES, country_codes, country_name, vocabulary
from acsg.yamlfile import dump

PREFIX = "[DEMO]"
SOURCE = "https://example.org/demo"
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2025, 12, 31)  # no record is updated later: the output never depends on today
EVENTS_FROM = date(2022, 1, 1)  # events run from here to EVENTS_TO: some past, some upcoming
EVENTS_TO = date(2028, 12, 31)
LEXICON_SIZE = 6500  # pseudo-words per language
TABLE_SIZE = 1 << 17  # about the number of entries of the table words are picked from

# Share of each kind in the records written (``Kind.demo_share``; largest remainders, at least
# two organizations).
SHARES = tuple((name, kind.demo_share) for name, kind in KINDS.items())

# --- a lexicon of pseudo-words per language ---------------------------------------------------


@dataclass(frozen=True)
class Syllables:
    onsets: tuple[str, ...]
    nuclei: tuple[str, ...]
    codas: tuple[str, ...]
    endings: tuple[str, ...]
    stopwords: tuple[str, ...]


SYLLABLES = {
    "en": Syllables(
        onsets=tuple(
            [
                "b",
                "c",
                "d",
                "f",
                "g",
                "h",
                "j",
                "k",
                "l",
                "m",
                "n",
                "p",
                "r",
                "s",
                "t",
                "v",
                "w",
                "z",
                "br",
                "cl",
                "cr",
                "dr",
                "fl",
                "gr",
                "pl",
                "pr",
                "sh",
                "st",
                "th",
                "tr",
                "ch",
                "sk",
                "sp",
            ]
        ),
        nuclei=tuple(
            ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "ou", "ai", "ee", "oo", "y"]
        ),
        codas=("", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng", "th", "x"),
        endings=("", "", "", "", "tion", "ment", "ity", "ness", "al", "ing", "er", "ive"),
        stopwords=tuple(
            [
                "the",
                "of",
                "and",
                "to",
                "in",
                "a",
                "for",
                "on",
                "with",
                "by",
                "is",
                "as",
                "from",
                "that",
                "its",
            ]
        ),
    ),
    "fr": Syllables(
        onsets=tuple(
            [
                "b",
                "c",
                "d",
                "f",
                "g",
                "j",
                "l",
                "m",
                "n",
                "p",
                "r",
                "s",
                "t",
                "v",
                "ch",
                "gn",
                "qu",
                "br",
                "cr",
                "dr",
                "fr",
                "gr",
                "pl",
                "pr",
                "tr",
                "vr",
            ]
        ),
        nuclei=tuple(
            [
                "a",
                "e",
                "é",
                "è",
                "i",
                "o",
                "u",
                "ou",
                "au",
                "eau",
                "ai",
                "ei",
                "oi",
                "eu",
                "an",
                "en",
                "on",
                "in",
                "a",
                "e",
                "i",
                "o",
            ]
        ),
        codas=("", "", "", "", "s", "t", "r", "l", "n", "x"),
        endings=("", "", "", "", "tion", "ment", "ité", "ique", "eur", "ance", "age", "elle"),
        stopwords=tuple(
            [
                "le",
                "la",
                "les",
                "de",
                "des",
                "et",
                "en",
                "du",
                "un",
                "une",
                "pour",
                "dans",
                "sur",
                "par",
                "avec",
                "au",
            ]
        ),
    ),
    "es": Syllables(
        onsets=tuple(
            [
                "b",
                "c",
                "d",
                "f",
                "g",
                "j",
                "l",
                "ll",
                "m",
                "n",
                "ñ",
                "p",
                "r",
                "s",
                "t",
                "v",
                "ch",
                "br",
                "cr",
                "dr",
                "fr",
                "gr",
                "pl",
                "pr",
                "tr",
            ]
        ),
        nuclei=tuple(
            [
                "a",
                "e",
                "i",
                "o",
                "u",
                "a",
                "e",
                "i",
                "o",
                "á",
                "é",
                "í",
                "ó",
                "ú",
                "ia",
                "ie",
                "ue",
                "io",
            ]
        ),
        codas=("", "", "", "", "n", "s", "r", "l", "d", "z"),
        endings=("", "", "", "", "ción", "dad", "mente", "ario", "ista", "encia", "ado", "ero"),
        stopwords=tuple(
            [
                "el",
                "la",
                "los",
                "las",
                "de",
                "del",
                "y",
                "en",
                "un",
                "una",
                "para",
                "con",
                "por",
                "que",
                "se",
                "al",
            ]
        ),
    ),
}


@dataclass(frozen=True)
class Lexicon:
    """Words of one language, most frequent first, and a table where each word appears about
    as often as its Zipf weight says (at least once): picking from it is fast and realistic."""

    words: tuple[str, ...]
    table: tuple[str, ...]

    def pick(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.table, k=count)


def _syllable(rng: random.Random, parts: Syllables) -> str:
    return rng.choice(parts.onsets) + rng.choice(parts.nuclei) + rng.choice(parts.codas)


@cache
def lexicon(lang: str) -> Lexicon:
    """The pseudo-words of ``lang`` (the same for every seed): short ones are the commonest."""
    parts = SYLLABLES[lang]
    rng = random.Random(f"acsg-demo-lexicon-{lang}")
    found: dict[str, None] = {}
    reserved = set(parts.stopwords)
    while len(found) < LEXICON_SIZE:
        count = rng.choice((1, 2, 2, 2, 3, 3, 3, 4))
        word = "".join(_syllable(rng, parts) for _ in range(count)) + rng.choice(parts.endings)
        if len(word) > 2 and word not in reserved:
            found[word] = None
    words = (*parts.stopwords, *sorted(found, key=len))
    weights = [1 / (rank + 2.7) for rank in range(len(words))]  # Zipf-Mandelbrot, s = 1
    scale = TABLE_SIZE / sum(weights)
    table = (
        word
        for word, weight in zip(words, weights, strict=True)
        for _ in range(max(1, round(weight * scale)))
    )
    return Lexicon(words, tuple(table))


# --- texts --------------------------------------------------------------------------------------


def _sentences(rng: random.Random, lang: str, count: int) -> str:
    """About ``count`` words of pseudo-text in sentences, sometimes with a little Markdown."""
    words = lexicon(lang).pick(rng, count)
    sentences = []
    start = 0
    while start < len(words):
        chunk = words[start : start + rng.randint(6, 16)]
        start += len(chunk)
        chunk[0] = chunk[0].capitalize()
        if len(chunk) > 7 and rng.random() < 0.35:
            chunk[rng.randrange(2, len(chunk) - 2)] += ","
        if rng.random() < 0.04:
            chunk[-1] = f"**{chunk[-1]}**"
        sentences.append(" ".join(chunk) + ".")
    if len(sentences) > 5 and rng.random() < 0.5:
        middle = len(sentences) // 2
        return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])
    return " ".join(sentences)


def _text(rng: random.Random, langs: Sequence[str], low: int, high: int) -> dict[str, str]:
    """One text in each of ``langs`` (French and Spanish run a little longer, as they do)."""
    count = rng.randint(low, high)
    factor = {"en": 1.0, "fr": 1.15, "es": 1.12}
    return {lang: _sentences(rng, lang, round(count * factor[lang])) for lang in langs}


def _title(
    rng: random.Random, langs: Sequence[str], low: int = 4, high: int = 10
) -> dict[str, str]:
    count = rng.randint(low, high)
    titles = {}
    for lang in langs:
        words = lexicon(lang).pick(rng, count)
        titles[lang] = f"{PREFIX} {' '.join(words).capitalize()}"
    return titles


def _proper_name(rng: random.Random) -> str:
    """An invented place or person name (ASCII, so that it also fits in ids)."""
    parts = SYLLABLES["en"]
    return "".join(_syllable(rng, parts) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def _ascii_words(rng: random.Random, count: int) -> list[str]:
    return [word for word in lexicon("en").pick(rng, count) if word.isalpha()]


# --- picking ------------------------------------------------------------------------------------


def _ids(name: str) -> tuple[str, ...]:
    return vocabulary(name).ids


def _some(rng: random.Random, items: Sequence[Any], low: int, high: int) -> list[Any]:
    """Between ``low`` and ``high`` distinct items, in their order in ``items``."""
    count = min(len(items), rng.randint(low, high))
    return [items[index] for index in sorted(rng.sample(range(len(items)), count))]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _dates(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> tuple[date, date]:
    """created <= updated, both within [first, last]."""
    first = min(first, last)
    created = _day(rng, first, last)
    updated = (
        created if rng.random() < 0.3 else _day(rng, created, min(last, created + timedelta(700)))
    )
    return created, updated


def _staged_updates(
    rng: random.Random,
    langs: Sequence[str],
    stages: Sequence[str],
    created: date,
    updated: date,
) -> tuple[str | None, list[dict[str, Any]]]:
    """A record stage and its updates, oldest first: the latest stage given is the stage."""
    stage = rng.choice(stages) if rng.random() < 0.85 else None
    count = rng.choice((0, 0, 1, 1, 2, 3))
    days = sorted(_day(rng, created, updated) for _ in range(count))
    if stage is None:
        steps: list[str | None] = [None] * count
    else:
        reachable = list(stages[: stages.index(stage) + 1])
        steps = sorted((rng.choice(reachable) for _ in range(count)), key=stages.index)
        steps = [step if rng.random() < 0.7 else None for step in steps[:-1]]
        steps += [stage][:count]
    updates = []
    for day, step in zip(days, steps, strict=True):
        update: dict[str, Any] = {"date": day}
        if step is not None:
            update["stage"] = step
        update["text"] = _text(rng, langs, 10, 40)
        updates.append(update)
    return stage, updates


def _partial_date(rng: random.Random, year: int) -> int | str | date:
    roll = rng.random()
    if roll < 0.35:
        return year
    if roll < 0.75:
        return f"{year}-{rng.randint(1, 12):02d}"
    return _day(rng, date(year, 1, 1), date(year, 12, 31))


def _timeframe(rng: random.Random, year: int) -> dict[str, Any]:
    if rng.random() < 0.08:
        return {"start": "tbc"}
    timeframe: dict[str, Any] = {"start": _partial_date(rng, year)}
    roll = rng.random()
    if roll < 0.2:
        timeframe["end"] = "ongoing"
    elif roll < 0.85:
        timeframe["end"] = _partial_date(rng, year + rng.randint(1, 3))
    return timeframe


def _covering(first: dict[str, Any], second: dict[str, Any] | None) -> dict[str, Any]:
    """A timeframe covering both (so that it overlaps each); an unknown start is left out."""
    timeframes = [first] if second is None else [first, second]
    starts = [t["start"] for t in timeframes if t["start"] != "tbc"]
    if not starts:
        return dict(first)
    ends = [t.get("end", "ongoing") for t in timeframes if t["start"] != "tbc"]
    end = "ongoing" if "ongoing" in ends else max(ends, key=str)
    return {"start": min(starts, key=str), "end": end}


# --- the records --------------------------------------------------------------------------------

GOVERNMENT = ("asylum-authority", "ministry", "court-tribunal", "nhri", "ombudsperson")
NATIONAL = (
    "ngo",
    "bar-association",
    "university",
    "private-company",
    "refugee-led-organization",
    "foundation",
)
INTERNATIONAL = ("un-agency", "regional-organization", "international-organization", "secretariat")

NAMES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "asylum-authority": (
        ("Asylum Office of {p}", "Office de l'asile de {p}", "Oficina de Asilo de {p}"),
        (
            "{p} Refugee Commission",
            "Commission des réfugiés de {p}",
            "Comisión de Refugiados de {p}",
        ),
    ),
    "ministry": (
        (
            "Ministry of the Interior of {p}",
            "Ministère de l'Intérieur de {p}",
            "Ministerio del Interior de {p}",
        ),
        (
            "{p} Department of Migration",
            "Direction des migrations de {p}",
            "Dirección de Migración de {p}",
        ),
    ),
    "court-tribunal": (
        (
            "{p} Refugee Appeals Tribunal",
            "Tribunal des recours des réfugiés de {p}",
            "Tribunal de Apelaciones de Refugio de {p}",
        ),
    ),
    "nhri": (
        (
            "{p} Human Rights Commission",
            "Commission des droits de l'homme de {p}",
            "Comisión de Derechos Humanos de {p}",
        ),
    ),
    "ombudsperson": (("Ombudsperson of {p}", "Médiateur de {p}", "Defensoría del Pueblo de {p}"),),
    "ngo": (
        ("{p} Refugee Council", "Conseil {p} pour les réfugiés", "Consejo {p} para Refugiados"),
        ("{p} Legal Aid Network", "Réseau d'aide juridique {p}", "Red de Asistencia Jurídica {p}"),
    ),
    "bar-association": (("{p} Bar Association", "Barreau de {p}", "Colegio de Abogados de {p}"),),
    "university": (
        (
            "University of {p}, Refugee Law Centre",
            "Université de {p}, Centre de droit des réfugiés",
            "Universidad de {p}, Centro de Derecho de Refugiados",
        ),
    ),
    "private-company": (("{p} Case Systems Ltd", "{p} Systèmes SA", "{p} Sistemas S.A."),),
    "refugee-led-organization": (
        ("{p} Refugee Voices", "Voix des réfugiés {p}", "Voces Refugiadas {p}"),
    ),
    "foundation": (("{p} Foundation", "Fondation {p}", "Fundación {p}"),),
    "un-agency": (
        (
            "United Nations {p} Programme",
            "Programme des Nations Unies {p}",
            "Programa de las Naciones Unidas {p}",
        ),
    ),
    "regional-organization": (
        (
            "{p} Regional Asylum Cooperation Office",
            "Bureau régional de coopération {p}",
            "Oficina Regional de Cooperación {p}",
        ),
    ),
    "international-organization": (
        (
            "International {p} Institute for Migration Policy",
            "Institut international {p} des politiques migratoires",
            "Instituto Internacional {p} de Políticas Migratorias",
        ),
    ),
    "secretariat": (
        (
            "{p} Asylum Capacity Network",
            "Réseau {p} sur les capacités d'asile",
            "Red {p} de Capacidad de Asilo",
        ),
    ),
}

FORUM_YEARS = {
    "grf-2019": 2019,
    "hlom-2021": 2021,
    "grf-2023": 2023,
    "grf-progress-review-2025": 2025,
}
TIME_ZONES = (
    "Europe/Zurich",
    "Europe/Brussels",
    "Europe/Madrid",
    "America/New_York",
    "America/Panama",
    "America/Bogota",
    "America/Mexico_City",
    "Africa/Nairobi",
    "Africa/Dakar",
    "Africa/Johannesburg",
    "Africa/Addis_Ababa",
    "Asia/Amman",
    "Asia/Bangkok",
    "Asia/Manila",
)


@dataclass
class Demo:
    """The records being made, by kind, and what later records need to refer to them."""

    rng: random.Random
    records: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in KINDS})
    states: list[str] = field(default_factory=list)
    state_country: dict[str, str] = field(default_factory=dict)
    bodies_of: dict[str, list[str]] = field(default_factory=dict)
    pools: dict[str, list[str]] = field(
        default_factory=lambda: {"gov": [], "national": [], "intl": []}
    )
    memo: dict[Any, list[Any]] = field(default_factory=dict)  # lists asked for again and again
    langs: list[str] = field(default_factory=list)  # the languages of the record being made

    # -- what every record has

    def cover(self, vocabulary_name: str, pick: Callable[[], str]) -> str:
        """Every term of the vocabulary once (in random order), then ``pick()``'s choices.

        ("state" is left out: States are made apart, one per country.)
        """
        key = ("cover", vocabulary_name)
        if key not in self.memo:
            deck = [term for term in _ids(vocabulary_name) if term != "state"]
            self.rng.shuffle(deck)
            self.memo[key] = deck
        deck = self.memo[key]
        return deck.pop() if deck else pick()

    def languages(self) -> tuple[str, list[str], list[str]]:
        """The original language, every language of the texts, and the unreviewed ones."""
        rng = self.rng
        original = rng.choices(LANGUAGES, weights=(70, 18, 12))[0]
        others = [lang for lang in LANGUAGES if lang != original]
        roll = rng.random()
        if roll < 0.45:
            others = []
        elif roll < 0.7:
            others = [rng.choice(others)]
        present = [lang for lang in LANGUAGES if lang == original or lang in others]
        unreviewed = [lang for lang in others if rng.random() < 0.5]
        return original, present, unreviewed

    def head(self, record_id: str, original: str, unreviewed: list[str]) -> dict[str, Any]:
        head: dict[str, Any] = {"id": record_id, "language": original}
        if unreviewed:
            head["unreviewed"] = unreviewed
        return head

    def tail(self, record: dict[str, Any], kind: str, created: date, updated: date) -> None:
        folder = KINDS[kind].folder
        sources = [f"{SOURCE}/{folder}/{record['id']}"]
        if self.rng.random() < 0.2:
            sources.append(f"{SOURCE}/reports/{self.rng.randint(1, 400)}")
        record.update(sources=sources, created=created, updated=updated)
        self.records[kind].append(record)

    def ids_slug(self, prefix: str, number: int) -> str:
        return f"demo-{prefix}-{number}-" + "-".join(_ascii_words(self.rng, 2))

    # -- what a kind's own recipe asks for (``Kind.demo``, ``acsg.models.DemoWriter``)

    def recipe(self, kind: str, count: int) -> None:
        """``count`` records of a kind made by its registry entry's recipe."""
        make = KINDS[kind].demo
        if make is None:
            raise ValueError(f"the record kind {kind!r} has no demo recipe (Kind.demo)")
        for number in range(1, count + 1):
            record = make(self, number)
            self.tail(record, kind, *_dates(self.rng))

    def base(self, kind: str, number: int) -> dict[str, Any]:
        original, self.langs, unreviewed = self.languages()
        return self.head(self.ids_slug(kind, number), original, unreviewed)

    def text(self, words: int) -> dict[str, str]:
        return _text(self.rng, self.langs, max(1, words // 2), words)

    def title(self) -> dict[str, str]:
        return _title(self.rng, self.langs)

    def day(self) -> date:
        return _day(self.rng, FIRST_DAY, LAST_DAY)

    def terms(self, vocabulary_name: str, low: int, high: int) -> list[str]:
        return _some(self.rng, _ids(vocabulary_name), low, high)

    def countries(self, low: int, high: int) -> list[str]:
        return sorted(self.rng.sample(country_codes(), self.rng.randint(low, high)))

    def ids(self, kind: str, low: int, high: int) -> list[str]:
        key = ("ids", kind)
        if key not in self.memo:
            self.memo[key] = [record["id"] for record in self.records[kind]]
        return _some(self.rng, self.memo[key], low, high)

    # -- organizations

    def organizations(self, count: int) -> None:
        if count <= 0:
            return
        rng = self.rng
        codes = list(country_codes())
        rng.shuffle(codes)
        states = min(len(codes), max(1, round(count * 0.3)))
        for code in codes[:states]:
            self.state(code)
        for number in range(1, count - states + 1):
            self.body(number)

    def state(self, code: str) -> None:
        original, langs, unreviewed = self.languages()
        record_id = f"demo-{code.lower()}"
        record = self.head(record_id, original, unreviewed)
        record.update(
            type="state",
            country=code,
            name={lang: f"{PREFIX} {country_name(code, lang)}" for lang in langs},
        )
        if self.rng.random() < 0.3:
            record["description"] = _text(self.rng, langs, 40, 90)
        self.tail(record, "organization", *_dates(self.rng))
        self.states.append(record_id)
        self.state_country[record_id] = code
        self.bodies_of[record_id] = []

    def body(self, number: int) -> None:
        rng = self.rng
        groups = {"gov": GOVERNMENT, "national": NATIONAL, "intl": INTERNATIONAL}
        kind = self.cover(
            "stakeholder_types",
            lambda: rng.choice(groups[rng.choices(tuple(groups), weights=(55, 30, 15))[0]]),
        )
        group = next(name for name, kinds in groups.items() if kind in kinds)
        original, langs, unreviewed = self.languages()
        place = _proper_name(rng)
        names = dict(zip(LANGUAGES, rng.choice(NAMES[kind]), strict=True))
        record_id = f"demo-{number}-{place.lower()}-" + kind.split("-")[0]
        record = self.head(record_id, original, unreviewed)
        record["type"] = kind
        if group == "national":
            record["country"] = self.state_country[rng.choice(self.states)]
        record["name"] = {lang: f"{PREFIX} {names[lang].format(p=place)}" for lang in langs}
        if rng.random() < 0.5:
            words = names["en"].format(p=place).replace(",", "").split()
            record["acronym"] = "".join(word[0] for word in words if word[0].isupper())
        if group == "gov":
            state = rng.choice(self.states)
            record["part_of"] = state
            self.bodies_of[state].append(record_id)
        elif group == "intl" and self.pools["intl"] and rng.random() < 0.3:
            record["part_of"] = rng.choice(self.pools["intl"])
        if rng.random() < 0.6:
            record["website"] = f"{SOURCE}/web/{record_id}"
        if rng.random() < 0.7:
            record["description"] = _text(rng, langs, 40, 150)
        self.tail(record, "organization", *_dates(rng))
        self.pools[group].append(record_id)

    def orgs(self, *groups: str) -> list[str]:
        """Organization ids of the given groups ("state", "gov", "national", "intl").

        Only asked once every organization is made (the answer is kept).
        """
        if groups not in self.memo:
            found = [
                org
                for group in groups
                for org in (self.states if group == "state" else self.pools[group])
            ]
            self.memo[groups] = found or self.states
        return self.memo[groups]

    # -- pledges

    def pledges(self, count: int) -> None:
        for number in range(1, count + 1):
            self.pledge(number)

    def pledge(self, number: int) -> None:
        rng = self.rng
        kind = self.cover(
            "pledge_kinds", lambda: rng.choices(_ids("pledge_kinds"), weights=(40, 30, 30))[0]
        )
        original, langs, unreviewed = self.languages()
        record = self.head(self.ids_slug("pledge", number), original, unreviewed)
        record["kind"] = kind
        record["title"] = _title(rng, langs)
        if rng.random() < 0.9:
            record["description"] = _text(rng, langs, 40, 150)
        forum = rng.choice(_ids("forums")) if rng.random() < 0.8 else None
        year = FORUM_YEARS.get(forum or "", rng.randint(2019, 2025))
        if forum in ("grf-2019", "grf-2023") and rng.random() < 0.8:
            record["grf_pledge"] = True
        if forum:
            record["forum"] = forum
        record["year"] = year
        pool = (
            self.orgs("state", "state", "gov")
            if kind != "offer"
            else self.orgs("state", "intl", "national")
        )
        entities = [rng.choice(pool)]
        if rng.random() < 0.1:
            entities = list(dict.fromkeys([*entities, rng.choice(pool)]))
        record["entities"] = entities
        record["areas"] = _some(rng, _ids("areas"), 1, 2)
        if rng.random() < 0.7:
            record["quality_dimensions"] = _some(rng, _ids("quality_dimensions"), 1, 2)
        if kind != "commitment" or rng.random() < 0.3:
            record["support_types"] = _some(
                rng, _ids("support_types"), 1, 3 if kind != "commitment" else 1
            )
        record["topics"] = _some(rng, _ids("topics"), 1, 3)
        if kind == "offer" and rng.random() < 0.4:
            record["countries"] = sorted(rng.sample(country_codes(), rng.randint(1, 3)))
        elif kind != "offer" and entities[0] in self.state_country and rng.random() < 0.5:
            record["countries"] = [self.state_country[entities[0]]]
        created, updated = _dates(rng, date(year, 1, 1))
        stage, updates = _staged_updates(rng, langs, _ids("pledge_stages"), created, updated)
        if stage:
            record["stage"] = stage
        if updates:
            record["updates"] = updates
        if record.get("grf_pledge"):
            record["gcr_url"] = f"{SOURCE}/gcr/pledges/{number}"
        if rng.random() < 0.6:
            record["timeframe"] = _timeframe(rng, year)
        self.tail(record, "pledge", created, updated)

    # -- good practices

    def practices(self, count: int) -> None:
        for number in range(1, count + 1):
            self.practice(number)

    def practice(self, number: int) -> None:
        rng = self.rng
        original, langs, unreviewed = self.languages()
        record_id = self.ids_slug("practice", number)
        record = self.head(record_id, original, unreviewed)
        record["kind"] = self.cover("practice_kinds", lambda: rng.choice(_ids("practice_kinds")))
        record["title"] = _title(rng, langs)
        if rng.random() < 0.85:
            record["narrative"] = _text(rng, langs, 40, 150)
        if rng.random() < 0.7:
            record["countries"] = sorted(rng.sample(country_codes(), rng.randint(1, 2)))
        record["topics"] = _some(rng, _ids("topics"), 1, 3)
        if rng.random() < 0.6:
            record["categories"] = _some(rng, _ids("practice_categories"), 1, 2)
        if rng.random() < 0.6:
            record["tags"] = _some(rng, _ids("practice_tags"), 1, 2)
        created, updated = _dates(rng)
        if rng.random() < 0.4:
            record["timeframe"] = _timeframe(rng, created.year)
        orgs = self.orgs("state", "gov", "national", "intl")
        if rng.random() < 0.8:
            record["shared_by"] = _some(rng, orgs, 1, 2)
        if rng.random() < 0.5:
            record["submitted_by"] = rng.choice(orgs)
        if rng.random() < 0.4:
            record["stakeholders"] = _some(rng, orgs, 1, 3)
        if rng.random() < 0.4:
            record["website"] = f"{SOURCE}/web/{record_id}"
        documents = rng.choice((0, 0, 1, 1, 2))
        if documents:
            record["documents"] = [
                self.document(record_id, index, langs, rng.choice(_ids("document_kinds")))
                for index in range(1, documents + 1)
            ]
        self.tail(record, "good-practice", created, updated)

    def document(
        self, record_id: str, index: int, langs: Sequence[str], kind: str
    ) -> dict[str, Any]:
        # Every text of a record must hold the record's language, a document's title too.
        return {
            "language": self.rng.choice(langs),
            "title": _title(self.rng, langs, 3, 7),
            "kind": kind,
            "url": f"{SOURCE}/files/{record_id}-{index}.pdf",
        }

    # -- matches

    def matches(self, count: int) -> None:
        for number in range(1, count + 1):
            self.match(number)

    def side(self, pledge_kinds: tuple[str, ...], pool: list[str]) -> dict[str, Any]:
        """One side of a match: from one of its pledges (when there is one) or on its own."""
        rng = self.rng
        if pledge_kinds not in self.memo:
            self.memo[pledge_kinds] = [
                p for p in self.records["pledge"] if p["kind"] in pledge_kinds
            ]
        pledges = self.memo[pledge_kinds]
        side: dict[str, Any]
        if pledges and rng.random() < 0.6:
            pledge = rng.choice(pledges)
            side = {"entities": list(pledge["entities"]), "pledges": [pledge["id"]]}
        else:
            side = {"entities": [rng.choice(pool)]}
        agencies = [body for org in side["entities"] for body in self.bodies_of.get(org, [])]
        if agencies and rng.random() < 0.6:
            side["agencies"] = _some(rng, agencies, 1, 2)
        return {key: side[key] for key in ("entities", "agencies", "pledges") if key in side}

    def country_of(self, org_id: str) -> str | None:
        """An organization's country: a State's, or its own, or that of what it is part of."""
        if "orgs by id" not in self.memo:
            self.memo["orgs by id"] = [{o["id"]: o for o in self.records["organization"]}]
        org = self.memo["orgs by id"][0].get(org_id, {})
        found = self.state_country.get(org_id) or org.get("country")
        return found or (self.country_of(org["part_of"]) if org.get("part_of") else None)

    def plant(self, need_id: str, offer_id: str) -> None:
        """Make an offer that a match links to a need agree with it, as real matched pledges
        do: a pledging area, topics, the support type asked, the need's country; so that
        `acsg suggest --evaluate` has true pairs to find among offers agreeing on less."""
        if "pledges by id" not in self.memo:
            self.memo["pledges by id"] = [{p["id"]: p for p in self.records["pledge"]}]
        by_id = self.memo["pledges by id"][0]
        need, offer = by_id[need_id], by_id[offer_id]
        offer["areas"] = list(dict.fromkeys([need["areas"][0], *offer["areas"]]))
        need["topics"] = list(dict.fromkeys([*need["topics"], *offer["topics"][:1]]))
        offer["topics"] = list(dict.fromkeys([*need["topics"], *offer["topics"]]))
        if need.get("support_types"):
            offer["support_types"] = list(
                dict.fromkeys([need["support_types"][0], *offer.get("support_types", [])])
            )
        country = (need.get("countries") or [self.country_of(need["entities"][0])])[0]
        if country:
            offer["countries"] = sorted({*offer.get("countries", []), country})
        if "timeframe" in need:
            offer["timeframe"] = _covering(need["timeframe"], offer.get("timeframe"))
        lang = need["language"]
        if lang in offer["title"] and lang not in offer.get("unreviewed", []):
            offer["language"] = lang  # they share a working language

    def match(self, number: int) -> None:
        rng = self.rng
        original, langs, unreviewed = self.languages()
        record = self.head(self.ids_slug("match", number), original, unreviewed)
        if rng.random() < 0.8:
            record["title"] = _title(rng, langs)
        record["requesting"] = self.side(("commitment", "request"), self.orgs("state", "gov"))
        requesting = set(record["requesting"]["entities"])
        for _ in range(20):  # a side never supports itself
            record["supporting"] = self.side(("offer",), self.orgs("state", "intl", "national"))
            if not requesting & set(record["supporting"]["entities"]):
                break
        else:  # few organizations: any other one gives the support
            others = [
                org["id"] for org in self.records["organization"] if org["id"] not in requesting
            ]
            record["supporting"] = {"entities": [rng.choice(others)]}
        record["support_types"] = _some(rng, _ids("support_types"), 1, 2)
        record["topics"] = _some(rng, _ids("topics"), 1, 3)
        for need in record["requesting"].get("pledges", []):
            for offer in record["supporting"].get("pledges", []):
                self.plant(need, offer)
        if rng.random() < 0.85:
            record["channel"] = rng.choice(_ids("channels"))
        created, updated = _dates(rng)
        stage, updates = _staged_updates(rng, langs, _ids("match_stages"), created, updated)
        if stage:
            record["stage"] = stage
        if rng.random() < 0.7:
            record["timeframe"] = _timeframe(rng, created.year)
        if rng.random() < 0.85 or "title" not in record:  # some text, for `unreviewed`
            record["summary"] = _text(rng, langs, 40, 150)
        if rng.random() < 0.6:
            record["objectives"] = [_text(rng, langs, 8, 25) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            record["milestones"] = [
                {
                    **(
                        {"date": _partial_date(rng, created.year + step)}
                        if rng.random() < 0.8
                        else {}
                    ),
                    "text": _text(rng, langs, 5, 15),
                    "reached": stage == "fulfilled" or rng.random() < 0.3,
                }
                for step in range(rng.randint(1, 3))
            ]
        if updates:
            record["updates"] = updates
        if stage == "fulfilled" and rng.random() < 0.8:
            record["outcomes"] = [_text(rng, langs, 8, 25) for _ in range(rng.randint(1, 2))]
        if "practices" not in self.memo:
            self.memo["practices"] = [practice["id"] for practice in self.records["good-practice"]]
        practices = self.memo["practices"]
        if practices and rng.random() < 0.3:
            record["good_practices"] = _some(rng, practices, 1, 2)
        self.tail(record, "match", created, updated)

    # -- events

    def events(self, count: int) -> None:
        for number in range(1, count + 1):
            self.event(number)

    def event(self, number: int) -> None:
        rng = self.rng
        kind = self.cover(
            "event_kinds",
            lambda: rng.choices(_ids("event_kinds"), weights=(5, 10, 25, 20, 30, 10))[0],
        )
        original, langs, unreviewed = self.languages()
        record_id = self.ids_slug("event", number)
        record = self.head(record_id, original, unreviewed)
        record["kind"] = kind
        record["title"] = _title(rng, langs)
        if rng.random() < 0.85:
            record["description"] = _text(rng, langs, 40, 150)
        record["workstreams"] = _some(rng, _ids("workstreams"), 1, 2)
        first = _day(rng, EVENTS_FROM, EVENTS_TO)
        record["sessions"] = self.sessions(kind, first, langs)
        if rng.random() < 0.5:
            ids = _ids("interpretation_languages")
            chosen = {
                *_some(rng, ids, 0, 2),
                self.cover("interpretation_languages", lambda: ids[0]),
            }
            record["interpretation"] = [term for term in ids if term in chosen]
        record["conveners"] = _some(rng, self.orgs("state", "intl", "gov"), 1, 3)
        if rng.random() < 0.5:
            record["countries"] = sorted(rng.sample(country_codes(), rng.randint(1, 3)))
        upcoming = first > LAST_DAY
        if upcoming or rng.random() < 0.3:
            record["registration"] = f"{SOURCE}/register/{record_id}"
        kinds = ("agenda", "concept-note") if upcoming else _ids("document_kinds")
        documents = rng.choice((0, 1, 1, 2))
        if documents:
            record["documents"] = [
                self.document(record_id, index, langs, rng.choice(kinds))
                for index in range(1, documents + 1)
            ]
        created, updated = _dates(
            rng, first - timedelta(days=200), min(LAST_DAY, first + timedelta(days=60))
        )
        self.tail(record, "event", created, updated)

    def sessions(self, kind: str, first: date, langs: Sequence[str]) -> list[dict[str, Any]]:
        """Whole days for a global meeting; otherwise timed sittings, webinars often repeated."""
        rng = self.rng
        if kind == "global-meeting":
            session: dict[str, Any] = {
                "start": first,
                "end": first + timedelta(days=rng.randint(0, 2)),
            }
            session["format"] = rng.choice(("in-person", "hybrid"))
            session["place"] = self.place(langs)
            return [session]
        repeats = rng.choice((1, 1, 2, 3)) if kind == "webinar" else rng.choice((1, 1, 1, 2))
        sessions = []
        for repeat in range(repeats):
            zone = rng.choice(TIME_ZONES)
            day = first + timedelta(days=rng.randint(0, 1) if repeat else 0)
            start = datetime(
                day.year,
                day.month,
                day.day,
                rng.randint(8, 16),
                rng.choice((0, 30)),
                tzinfo=ZoneInfo(zone),
            )
            session = {
                "start": start,
                "end": start + timedelta(minutes=rng.choice((60, 90, 120, 180))),
            }
            session["timezone"] = zone
            session["format"] = (
                "virtual" if kind == "webinar" else rng.choice(_ids("session_formats"))
            )
            if session["format"] != "virtual":
                session["place"] = self.place(langs)
            sessions.append(session)
        return sessions

    def place(self, langs: Sequence[str]) -> dict[str, str]:
        name = _proper_name(self.rng)
        places = {
            "en": "{p} Conference Centre",
            "fr": "Centre de conférences {p}",
            "es": "Centro de Conferencias {p}",
        }
        return {lang: f"{PREFIX} {places[lang].format(p=name)}" for lang in langs}


# --- writing ------------------------------------------------------------------------------------


def allocate(count: int) -> dict[str, int]:
    """How many records of each kind make ``count`` (largest remainders, >= 2 organizations)."""
    raw = [count * share for _, share in SHARES]
    counts = [int(value) for value in raw]
    order = sorted(range(len(raw)), key=lambda index: (counts[index] - raw[index], index))
    for index in order[: count - sum(counts)]:
        counts[index] += 1
    while counts[0] < min(count, 2):  # every other kind refers to organizations
        largest = max(range(1, len(counts)), key=lambda index: counts[index])
        counts[largest] -= 1
        counts[0] += 1
    return {name: counts[index] for index, (name, _) in enumerate(SHARES)}


def _check_folder(folder: Path) -> None:
    """Refuse to mix demo records with others (a State per country, ids...)."""
    for kind in KINDS.values():
        for path in sorted((folder / kind.folder).glob("*.yaml")):
            if not path.name.startswith("demo-"):
                raise FileExistsError(
                    f"{path} is not demo data: write demo records into an empty folder"
                )


def write_demo_data(count: int, folder: Path, *, seed: int = 1) -> int:
    """Write ``count`` valid, fictitious records into ``folder``; return how many were written.

    ``folder`` is laid out like content/ (organizations/, pledges/ ...). Demo files already there
    (from an earlier run) are replaced, so the folder holds exactly these records; files whose
    bytes are unchanged are left alone (their time too).
    """
    count = max(0, count)
    _check_folder(folder)
    counts = allocate(count)
    demo = Demo(random.Random(seed))
    makers: dict[str, Callable[[int], None]] = {
        "organization": demo.organizations,
        "pledge": demo.pledges,
        "good-practice": demo.practices,  # before matches, which refer to practices
        "match": demo.matches,
        "event": demo.events,
    }
    for name, make in makers.items():
        make(counts[name])
    for name in KINDS:  # the kinds made by their registry entry's recipe, after the others
        if name not in makers:
            demo.recipe(name, counts[name])
    written = 0
    schemas = Path("schemas")
    for name, kind in KINDS.items():
        target = folder / kind.folder
        target.mkdir(parents=True, exist_ok=True)
        comment = schema_comment(name, target, schemas)
        paths = set()
        for record in demo.records[name]:
            path = target / f"{record['id']}.yaml"
            write_if_changed(path, f"{comment}\n{dump(record, width=100)}".encode())
            paths.add(path)
            written += 1
        for stale in set(target.glob("demo-*.yaml")) - paths:
            stale.unlink()
    return written
