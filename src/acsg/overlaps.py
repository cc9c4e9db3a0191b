"""Warnings about records that are probably mistakes, though valid: the same pledge, practice,
event or story entered twice, and matches whose linked pledges do not fit them.

``acsg validate`` prints them after the problems (exit status unchanged; ``--strict`` makes
them errors); on pull requests they are warning annotations.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator

from acsg.catalogue import Catalogue
from acsg.models import KINDS, Match, Pledge, Record
from acsg.problems import Problem
from acsg.relations import organizations_named
from acsg.yamlfile import Loc, load_yaml

ALIKE = 0.85  # titles at least this similar (difflib ratio, accents and case ignored) are alike


def _plain(text: str) -> str:
    return " ".join(
        unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode().split()
    )


def _alike_title(first: Record, second: Record) -> str | None:
    """A title the two records share in some language, nearly word for word (or None)."""
    one, two = getattr(first, "title", None), getattr(second, "title", None)
    if one is None or two is None:
        return None
    for lang in ("en", "fr", "es"):
        a, b = one.get(lang), two.get(lang)
        if a and b:
            matcher = difflib.SequenceMatcher(None, _plain(a), _plain(b))
            # The quick ratios are upper bounds of the ratio: most pairs stop there.
            if (
                matcher.real_quick_ratio() >= ALIKE
                and matcher.quick_ratio() >= ALIKE
                and matcher.ratio() >= ALIKE
            ):
                return b
    return None


def _same_kind(first: Record, second: Record) -> bool:
    """Pledges of the same kind (commitment, request, offer); other records of the same type."""
    return getattr(first, "kind", None) == getattr(second, "kind", None)


def duplicates(catalogue: Catalogue) -> Iterator[tuple[str, str, Loc, str]]:
    """(kind, id, where, message) for each record that probably repeats an earlier one (by id):
    the same organization, the same kind, titles alike in a language."""
    for kind, records in catalogue.records.items():
        if kind == "organization":
            continue
        by_org: dict[str, list[Record]] = {}
        for record in records.values():
            for org in organizations_named(record):
                by_org.setdefault(org, []).append(record)
        seen: set[tuple[str, str]] = set()
        for group in by_org.values():
            for index, later in enumerate(group):
                for earlier in group[:index]:
                    pair = (earlier.id, later.id)
                    if pair in seen or not _same_kind(earlier, later):
                        continue
                    seen.add(pair)
                    title = _alike_title(earlier, later)
                    if title:
                        folder = KINDS[kind].folder
                        yield (
                            kind,
                            later.id,
                            ("title",),
                            (
                                f"probably the same {KINDS[kind].label} as {folder}/{earlier.id}.yaml "
                                f"(the same organization, the same kind, titles alike: {title!r}); "
                                "merge them, or make the titles say how they differ"
                            ),
                        )


def ill_fitting(catalogue: Catalogue) -> Iterator[tuple[str, str, Loc, str]]:
    """(kind, id, where, message) for each pledge a match links that does not fit it: made by
    nobody on that side, or an offer already fulfilled linked to a match still in planning."""
    for match in catalogue.matches.values():
        for side_name in ("requesting", "supporting"):
            side = getattr(match, side_name)
            orgs = {*side.entities, *side.agencies}
            countries = set(catalogue.countries_of([*side.entities, *side.agencies]))
            for position, pledge_id in enumerate(side.pledges):
                pledge = catalogue.pledges.get(pledge_id)
                if pledge is None:
                    continue
                mine = (
                    set(pledge.entities) & orgs
                    or set(catalogue.countries_of(pledge.entities)) & countries
                )
                if not mine:
                    yield (
                        "match",
                        match.id,
                        (side_name, "pledges", position),
                        (
                            f"{side_name}.pledges[{position + 1}]: {pledge_id!r} was made by "
                            f"{', '.join(pledge.entities)}, who are not on the {side_name} side"
                        ),
                    )
                if _fulfilled_offer_in_new_match(match, pledge, side_name):
                    yield (
                        "match",
                        match.id,
                        (side_name, "pledges", position),
                        (
                            f"{side_name}.pledges[{position + 1}]: the offer {pledge_id!r} is "
                            "fulfilled, but this match is still in planning: link the offer that "
                            "this match carries out"
                        ),
                    )


def _fulfilled_offer_in_new_match(match: Match, pledge: Pledge, side: str) -> bool:
    return side == "supporting" and pledge.stage == "fulfilled" and match.stage == "planning"


def warnings(catalogue: Catalogue) -> list[Problem]:
    """Every warning, placed on its line (paths as the validator prints them)."""
    from acsg.validation import display_path

    found = sorted({*duplicates(catalogue), *ill_fitting(catalogue)})
    problems = []
    documents = {}
    for kind, record_id, loc, message in found:
        path = catalogue.root / catalogue.files[(kind, record_id)]
        if path not in documents:
            documents[path] = load_yaml(path.read_bytes())
        line, column = documents[path].locate(loc)
        problems.append(Problem(display_path(path), line, column, message, "warning"))
    return problems
