"""The matching assistant: for every open need, the offers that could answer it, and why.

A *need* is an open commitment or request for support; an *offer* an open offer of support or
an entry of the roster of technical expertise (open: not fulfilled, timeframe not ended). An
offer is a candidate for a need when they share a pledging area or a topic, no match on the
portal already links them, and the Secretariat has not set the pair aside (``not_a_match``).
Its score (0 to 100) is the sum of the points of the criteria it meets, as
``acsg/data/matching.yaml`` sets them; each criterion met is a reason, with what it found.

Suggestions are suggestions: never matches, never counted in the portal's figures. The same
content gives the same suggestions in the same order (score, then id).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from acsg.catalogue import Catalogue
from acsg.fields import texts_of
from acsg.models import Match, Pledge, Record, RosterEntry, Timeframe
from acsg.relations import OPEN_NEED_KINDS, day_span, is_open, relations_for
from acsg.vocab import vocabulary

Offer = Pledge | RosterEntry
CRITERIA = (
    "area",
    "topics",
    "support-type",
    "region",
    "language",
    "timeframe",
    "track-record",
    "wording",
)


@cache
def points_table() -> dict[str, dict[str, int]]:
    """Each criterion's points (``acsg/data/matching.yaml``), in the order reasons are given."""
    text = resources.files("acsg.data").joinpath("matching.yaml").read_text(encoding="utf-8")
    table: dict[str, dict[str, int]] = yaml.safe_load(text)
    if tuple(table) != CRITERIA:
        raise ValueError(f"matching.yaml must give the criteria {', '.join(CRITERIA)} in order")
    return table


@dataclass(frozen=True)
class Reason:
    """A criterion met: its points and what it found (ids of terms, languages ...)."""

    criterion: str
    points: int
    found: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    need: str  # pledge id
    offer: str  # pledge or roster entry id
    offer_kind: str  # "pledge" or "roster"
    score: int
    reasons: tuple[Reason, ...]


def is_need(pledge: Pledge, today: date) -> bool:
    return pledge.kind in OPEN_NEED_KINDS and is_open(pledge, today)


def offers(catalogue: Catalogue, today: date) -> list[tuple[str, Offer]]:
    """The open offers: offers of support not fulfilled nor ended, and the roster's entries."""
    found: list[tuple[str, Offer]] = [
        ("pledge", pledge)
        for pledge in catalogue.pledges.values()
        if pledge.kind == "offer" and is_open(pledge, today)
    ]
    return found + [("roster", entry) for entry in catalogue.roster.values()]


# --- the criteria -----------------------------------------------------------------------------


def _shared(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    other = set(second)
    return tuple(value for value in dict.fromkeys(first) if value in other)


def _span(timeframe: Timeframe | None) -> tuple[date, date] | None:
    """The days a timeframe covers; an open end ('ongoing', none) runs on; None if unknown."""
    if timeframe is None:
        return None
    start = day_span(timeframe.start) if timeframe.start else None
    end = day_span(timeframe.end) if timeframe.end else None
    if start is None and end is None:
        return None
    return (start[0] if start else date.min, end[1] if end else date.max)


_WORD = re.compile(r"[^\W\d_]{4,}")


def _words(text: str) -> set[str]:
    """The words of a text (4 letters or more), without accents, in lower case."""
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return set(_WORD.findall(plain))


def _record_words(record: Record) -> dict[str, set[str]]:
    """The words of a record's texts in each language."""
    found: dict[str, set[str]] = {}
    for _, text in texts_of(record):
        for lang in ("en", "fr", "es"):
            value = text.get(lang)
            if value:
                found.setdefault(lang, set()).update(_words(value))
    return found


class _Context:
    """What the criteria need from the catalogue, computed once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.relations = relations_for(catalogue)
        self.words: dict[tuple[str, str], dict[str, set[str]]] = {}
        self.region_cache: dict[tuple[str, str], list[str]] = {}
        # The offers a match already links to each need, and the pairs set aside (either way).
        self.linked: dict[str, set[str]] = {}
        self.supporters: dict[str, set[str]] = {}  # who already supports a need in a match
        for match in catalogue.matches.values():
            for need in match.requesting.pledges:
                self.linked.setdefault(need, set()).update(match.supporting.pledges)
                self.supporters.setdefault(need, set()).update(match.supporting.entities)
        self.dismissed: dict[str, set[str]] = {}
        for pledge in catalogue.pledges.values():
            for dismissal in pledge.not_a_match:
                self.dismissed.setdefault(pledge.id, set()).add(dismissal.pledge)
                self.dismissed.setdefault(dismissal.pledge, set()).add(pledge.id)
        for entry in catalogue.roster.values():
            for dismissal in entry.not_a_match:
                self.dismissed.setdefault(dismissal.pledge, set()).add(entry.id)

    def linked_to(self, need: str) -> set[str]:
        """The offers a match already links to a need."""
        return self.linked.get(need, set())

    def dismissed_for(self, need: str) -> set[str]:
        """The offers and roster entries set aside for a need."""
        return self.dismissed.get(need, set())

    def record_words(self, kind: str, record: Record) -> dict[str, set[str]]:
        key = (kind, record.id)
        if key not in self.words:
            self.words[key] = _record_words(record)
        return self.words[key]

    def regions(self, kind: str, record: Record) -> list[str]:
        """Where a record is (a roster entry: where it offers to work), computed once."""
        key = (kind, record.id)
        if key not in self.region_cache:
            typed = record.work_regions if isinstance(record, RosterEntry) else []
            self.region_cache[key] = list(typed) or self.catalogue.regions(kind, record)
        return self.region_cache[key]

    def languages(self, kind: str, record: Offer) -> set[str]:
        """Its working languages: the record's own language, the roster's working languages."""
        found = {record.language}
        if isinstance(record, RosterEntry):
            found |= set(record.working_languages)
        return found

    def earlier(self, offer_kind: str, offer: Offer) -> list[str]:
        """The matches an offer took part in."""
        if isinstance(offer, RosterEntry):
            return list(offer.matches)
        return list(self.relations.matches_of_pledge.get(offer.id, []))


def reasons_for(
    context: _Context, need: Pledge, offer_kind: str, offer: Offer, hidden: str | None = None
) -> list[Reason]:
    """The criteria an offer meets for a need, with their points (none: not a candidate);
    ``hidden``: a match to leave out (evaluation): the offer's earlier matches are then those
    that began before it, as when it was made."""
    table = points_table()
    areas = _shared(need.areas, offer.areas if isinstance(offer, Pledge) else [])
    topics = _shared(need.topics, offer.topics)
    if not areas and not topics:
        return []
    reasons = []
    if areas:
        reasons.append(Reason("area", table["area"]["points"], areas))
    if topics:
        row = table["topics"]
        reasons.append(Reason("topics", min(row["most"], row["per"] * len(topics)), topics))
    asked = need.support_types
    given = offer.support_types if isinstance(offer, Pledge) else ["technical"]
    if support := _shared(asked, given):
        reasons.append(Reason("support-type", table["support-type"]["points"], support))
    need_regions = context.regions("pledge", need)
    if regions := _shared(need_regions, context.regions(offer_kind, offer)):
        reasons.append(Reason("region", table["region"]["points"], regions))
    languages = context.languages("pledge", need) & context.languages(offer_kind, offer)
    if languages:
        reasons.append(Reason("language", table["language"]["points"], tuple(sorted(languages))))
    need_span = _span(need.timeframe)
    offer_span = _span(offer.timeframe) if isinstance(offer, Pledge) else None
    if need_span and offer_span and need_span[0] <= offer_span[1] and offer_span[0] <= need_span[1]:
        reasons.append(Reason("timeframe", table["timeframe"]["points"]))
    matches = context.catalogue.matches
    before = _began(matches[hidden]) if hidden else date.max
    earlier = [
        match_id
        for match_id in context.earlier(offer_kind, offer)
        if match_id != hidden and _began(matches[match_id]) < before
        if set(context.regions("match", context.catalogue.matches[match_id])) & set(need_regions)
        or set(context.catalogue.matches[match_id].topics) & set(need.topics)
    ]
    if earlier:
        reasons.append(Reason("track-record", table["track-record"]["points"], tuple(earlier)))
    similarity = _similarity(
        context.record_words("pledge", need), context.record_words(offer_kind, offer)
    )
    wording = round(table["wording"]["points"] * similarity)
    if wording:
        reasons.append(Reason("wording", wording, (f"{similarity:.2f}",)))
    return reasons


def _began(match: Match) -> date:
    """When a match began: the start of its timeframe, or else the day its record was made."""
    span = _span(match.timeframe)
    return span[0] if span and span[0] != date.min else match.created


def _similarity(first: dict[str, set[str]], second: dict[str, set[str]]) -> float:
    """The share of words two records' texts have in common, in their best common language."""
    best = 0.0
    for lang in first.keys() & second.keys():
        union = first[lang] | second[lang]
        if union:
            best = max(best, len(first[lang] & second[lang]) / len(union))
    return best


# --- suggestions ------------------------------------------------------------------------------


KEPT = 10  # suggestions kept for each need and for each offer (pages show 3)


def _mask(values: Iterable[str], bits: dict[str, int]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << bits[value]
    return mask


class _Arrays:
    """The open offers' features as arrays (one element per offer), so that a need is scored
    against every offer at once: sets of vocabulary terms as bit masks, timeframes as days."""

    def __init__(self, context: _Context, rows: list[tuple[str, Offer]]) -> None:
        self.bits = {
            name: {term: bit for bit, term in enumerate(vocabulary(name).ids)}
            for name in ("areas", "topics", "support_types", "regions", "interpretation_languages")
        }
        catalogue = context.catalogue

        def column(values: Iterable[int]) -> np.ndarray:
            return np.fromiter(values, dtype=np.uint64, count=len(rows))

        self.areas = column(
            self.mask("areas", r.areas if isinstance(r, Pledge) else ()) for _, r in rows
        )
        self.topics = column(self.mask("topics", r.topics) for _, r in rows)
        self.support = column(
            self.mask("support_types", r.support_types if isinstance(r, Pledge) else ("technical",))
            for _, r in rows
        )
        self.regions = column(self.mask("regions", context.regions(k, r)) for k, r in rows)
        self.languages = column(
            self.mask("interpretation_languages", context.languages(k, r)) for k, r in rows
        )
        earlier = [[catalogue.matches[m] for m in context.earlier(k, r)] for k, r in rows]
        self.track_regions = column(
            self.mask("regions", (x for m in ms for x in context.regions("match", m)))
            for ms in earlier
        )
        self.track_topics = column(
            self.mask("topics", (t for m in ms for t in m.topics)) for ms in earlier
        )
        spans = [_span(r.timeframe) if isinstance(r, Pledge) else None for _, r in rows]
        self.dated = np.array([span is not None for span in spans], dtype=bool)
        self.starts = np.array(
            [span[0].toordinal() if span else 0 for span in spans], dtype=np.int64
        )
        self.ends = np.array([span[1].toordinal() if span else 0 for span in spans], dtype=np.int64)

    def mask(self, name: str, values: Iterable[str]) -> int:
        return _mask(values, self.bits[name])

    def base_scores(self, context: _Context, need: Pledge, points: tuple[int, ...]) -> np.ndarray:
        """The points of every criterion but the wording's, for every offer (-1: not a
        candidate: no pledging area or topic in common)."""
        area, per_topic, topics_most, support, region, language, timeframe, track = points
        mine = {
            "areas": np.uint64(self.mask("areas", need.areas)),
            "topics": np.uint64(self.mask("topics", need.topics)),
        }
        regions = np.uint64(self.mask("regions", context.regions("pledge", need)))
        shared_area = (self.areas & mine["areas"]) != 0
        shared_topics = np.bitwise_count(self.topics & mine["topics"]).astype(np.int64)
        score = np.where(shared_area, area, 0) + np.minimum(topics_most, per_topic * shared_topics)
        score += np.where(
            (self.support & np.uint64(self.mask("support_types", need.support_types))) != 0,
            support,
            0,
        )
        score += np.where((self.regions & regions) != 0, region, 0)
        languages = np.uint64(
            self.mask("interpretation_languages", context.languages("pledge", need))
        )
        score += np.where((self.languages & languages) != 0, language, 0)
        span = _span(need.timeframe)
        if span is not None:
            start, end = span[0].toordinal(), span[1].toordinal()
            overlap = self.dated & (self.starts <= end) & (start <= self.ends)
            score += np.where(overlap, timeframe, 0)
        earlier = ((self.track_regions & regions) != 0) | (
            (self.track_topics & mine["topics"]) != 0
        )
        score += np.where(earlier, track, 0)
        return np.where(shared_area | (shared_topics > 0), score, -1)


@dataclass(frozen=True)
class Suggestions:
    by_need: dict[str, list[Suggestion]]
    by_offer: dict[tuple[str, str], list[Suggestion]]


def suggestions(catalogue: Catalogue, today: date) -> dict[str, list[Suggestion]]:
    """Every open need's best candidate offers (up to KEPT), best first (score, then offer
    id), by need id; a need without candidates has an empty list."""
    return _suggestions(catalogue, today).by_need


def _points() -> tuple[int, ...]:
    """The points of the criteria, in the order _Arrays.base_scores adds them."""
    table = points_table()
    return (
        table["area"]["points"],
        table["topics"]["per"],
        table["topics"]["most"],
        table["support-type"]["points"],
        table["region"]["points"],
        table["language"]["points"],
        table["timeframe"]["points"],
        table["track-record"]["points"],
    )


def _contenders(scores: np.ndarray, spare: int) -> np.ndarray:
    """The positions whose score (without the wording's ``spare`` points) could still be
    among the KEPT best: every candidate within ``spare`` of the KEPT-th best."""
    candidates = np.flatnonzero(scores >= 0)
    if len(candidates) > KEPT:
        kth = np.partition(scores[candidates], -KEPT)[-KEPT]
        candidates = candidates[scores[candidates] + spare >= kth]
    return candidates


@lru_cache(maxsize=2)  # the newest catalogues only (see relations_for)
def _suggestions(catalogue: Catalogue, today: date) -> Suggestions:
    context = _Context(catalogue)
    points = _points()
    spare = points_table()["wording"]["points"]
    needs = sorted((p for p in catalogue.pledges.values() if is_need(p, today)), key=lambda p: p.id)
    rows = offers(catalogue, today)
    arrays = _Arrays(context, rows)
    position = {(kind, offer.id): index for index, (kind, offer) in enumerate(rows)}
    owned: dict[str, list[int]] = {}
    for index, (_, offer) in enumerate(rows):
        for org in _owners(offer):
            owned.setdefault(org, []).append(index)
    base = np.full((len(needs), len(rows)), -1, dtype=np.int16)
    for line, need in enumerate(needs):
        scores = arrays.base_scores(context, need, points)
        # Their own offers, and those of whoever already supports the need in a match.
        orgs = [*need.entities, *context.supporters.get(need.id, ())]
        excluded = [i for org in orgs for i in owned.get(org, ())]
        excluded += [
            position[key]
            for key in (
                ("pledge", offer)
                for offer in [*context.linked_to(need.id), *context.dismissed_for(need.id)]
            )
            if key in position
        ]
        excluded += [
            position[("roster", r)]
            for r in context.dismissed_for(need.id)
            if ("roster", r) in position
        ]
        scores[excluded] = -1
        base[line] = scores
    exact: dict[tuple[int, int], int] = {}

    def score_of(line: int, index: int) -> int:
        key = (line, index)
        if key not in exact:
            kind, offer = rows[index]
            need = needs[line]
            wording = round(
                spare
                * _similarity(
                    context.record_words("pledge", need), context.record_words(kind, offer)
                )
            )
            exact[key] = min(100, int(base[line, index]) + wording)
        return exact[key]

    def made(line: int, index: int) -> Suggestion:
        kind, offer = rows[index]
        need = needs[line]
        reasons = tuple(reasons_for(context, need, kind, offer))
        return Suggestion(need.id, offer.id, kind, score_of(line, index), reasons)

    by_need = {}
    for line, need in enumerate(needs):
        best = sorted(
            _contenders(base[line], spare),
            key=lambda index: (-score_of(line, index), rows[index][0], rows[index][1].id),
        )[:KEPT]
        by_need[need.id] = [made(line, index) for index in best]
    by_offer = {}
    for index, (kind, offer) in enumerate(rows):
        best = sorted(
            _contenders(base[:, index], spare),
            key=lambda line: (-score_of(line, index), needs[line].id),
        )[:KEPT]
        by_offer[(kind, offer.id)] = [made(line, index) for line in best]
    return Suggestions(by_need, by_offer)


def _owners(offer: Offer) -> set[str]:
    return {offer.organization} if isinstance(offer, RosterEntry) else set(offer.entities)


def for_offer(
    catalogue: Catalogue, today: date, offer_kind: str, offer_id: str
) -> list[Suggestion]:
    """The needs an offer could answer (up to KEPT), best first (score, then need id)."""
    return _suggestions(catalogue, today).by_offer.get((offer_kind, offer_id), [])


def as_json(rows: Iterable[Suggestion], detail: Any = None) -> list[dict[str, Any]]:
    """Suggestions as the JSON of ``acsg suggest`` and ``api/v1/suggestions.json``: sorted by
    need, then score; each reason with its criterion, points and detail (English labels)."""
    label = detail or _english_detail
    rows = sorted(rows, key=lambda row: (row.need, -row.score, row.offer_kind, row.offer))
    return [
        {
            "need": row.need,
            "offer": row.offer,
            "offer_kind": row.offer_kind,
            "score": row.score,
            "reasons": [
                {"criterion": reason.criterion, "points": reason.points, "detail": label(reason)}
                for reason in row.reasons
            ],
        }
        for row in rows
    ]


DETAIL_VOCABULARIES = {
    "area": "areas",
    "topics": "topics",
    "support-type": "support_types",
    "region": "regions",
    "language": "interpretation_languages",
}


def detail_in(reason: Reason, lang: str) -> str:
    """What a reason found, in a language: the labels of the shared terms, the earlier matches'
    ids, the similarity of the wording."""
    name = DETAIL_VOCABULARIES.get(reason.criterion)
    if name:
        vocab = vocabulary(name)
        return ", ".join(vocab.label(value, lang) for value in reason.found)
    return ", ".join(reason.found)


def _english_detail(reason: Reason) -> str:
    return detail_in(reason, "en")


def text_report(
    catalogue: Catalogue,
    found: dict[str, list[Suggestion]],
    rows: list[Suggestion],
    asked: list[str],
    top: int,
) -> str:
    """``acsg suggest`` as text: each need (or asked offer) with its suggestions and reasons;
    the needs without any candidate first when all are shown."""
    lines: list[str] = []
    if not asked:
        empty = [need for need, candidates in found.items() if not candidates]
        lines.append(f"{len(found)} open need(s); {len(empty)} with no candidate offer:")
        lines += [f"  {need}" for need in empty] or ["  (none)"]
        lines.append("")
    by_need: dict[str, list[Suggestion]] = {}
    for row in rows:
        by_need.setdefault(row.need, []).append(row)
    for need, candidates in by_need.items():
        lines.append(f"{need}:")
        for row in candidates:
            lines.append(f"  {row.score:3d}  {row.offer} ({row.offer_kind})")
            for reason in row.reasons:
                detail = detail_in(reason, "en")
                lines.append(
                    f"         +{reason.points:<3d} {reason.criterion}: {detail}".rstrip(": ")
                )
    lines.append("Suggestions only: the Secretariat decides. Dismiss one with not_a_match.")
    return "\n".join(lines)


def evaluate(catalogue: Catalogue) -> dict[str, Any]:
    """How well the criteria find true matches: for each match linking a need to an offer,
    hide that link and rank every offer of the portal (open or not) for the need, bar the
    offers other matches already link to it (the assistant never suggests those); report where
    the true offer comes (hit@1, hit@3, mean rank; a true offer sharing no area or topic with
    its need is a miss, ranked after every candidate)."""
    pairs = [
        (match.id, need, offer)
        for match in catalogue.matches.values()
        for need in match.requesting.pledges
        for offer in match.supporting.pledges
        if catalogue.pledges[need].kind in OPEN_NEED_KINDS
        and catalogue.pledges[offer].kind == "offer"
    ]
    all_offers: list[tuple[str, Offer]] = [
        ("pledge", pledge) for pledge in catalogue.pledges.values() if pledge.kind == "offer"
    ]
    ranks: list[int] = []
    hits: list[int | None] = []
    details = []
    context = _Context(catalogue)
    for match_id, need_id, offer_id in pairs:
        need = catalogue.pledges[need_id]
        linked = context.linked_to(need_id) - {offer_id}
        scored = []
        for kind, offer in all_offers:
            if offer.id in linked or set(need.entities) & _owners(offer):
                continue
            reasons = reasons_for(context, need, kind, offer, hidden=match_id)
            if reasons:
                scored.append((min(100, sum(r.points for r in reasons)), offer.id))
        scored.sort(key=lambda row: (-row[0], row[1]))
        ids = [offer for _, offer in scored]
        found = offer_id in ids
        rank = ids.index(offer_id) + 1 if found else len(ids) + 1
        ranks.append(rank)
        hits.append(rank if found else None)
        details.append(
            {
                "match": match_id,
                "need": need_id,
                "offer": offer_id,
                "rank": rank if found else None,
                "candidates": len(ids),
            }
        )
    count = len(ranks)
    return {
        "pairs": count,
        "hit_at_1": sum(hit == 1 for hit in hits) / count if count else None,
        "hit_at_3": sum(hit is not None and hit <= 3 for hit in hits) / count if count else None,
        "mean_rank": sum(ranks) / count if count else None,
        "details": details,
    }


def evaluation_text(figures: dict[str, Any]) -> str:
    if not figures["pairs"]:
        return "no match links a commitment or request to an offer: nothing to evaluate"
    lines = [
        f"{figures['pairs']} match link(s) from a need to an offer, each hidden in turn:",
        f"  hit@1 {figures['hit_at_1']:.2f}   hit@3 {figures['hit_at_3']:.2f}   "
        f"mean rank {figures['mean_rank']:.2f} (an offer that is no candidate ranks after all)",
    ]
    for row in figures["details"]:
        where = (
            f"ranks {row['rank']} of {row['candidates']} candidate(s)"
            if row["rank"]
            else f"is no candidate: it shares no pledging area or topic with the need "
            f"({row['candidates']} other candidate(s))"
        )
        lines.append(f"  {row['match']}: for {row['need']}, {row['offer']} {where}")
    return "\n".join(lines)
