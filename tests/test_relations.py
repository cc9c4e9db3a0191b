"""What the portal derives from the records: open needs and offers, own dates, latest items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from acsg.catalogue import Catalogue
from acsg.fields import Text
from acsg.models import MatchUpdate, Pledge, Timeframe
from acsg.relations import day_span, has_ended, latest, own_date, relations_for, unmatched
from acsg.render.context import PageContext
from acsg.validation import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "site" / "content"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = load_catalogue(FIXTURE)
    assert not problems
    return loaded


def with_pledge(catalogue: Catalogue, pledge: Pledge) -> Catalogue:
    """The fixture catalogue with one pledge added or replaced."""
    records = {kind: dict(records) for kind, records in catalogue.records.items()}
    records["pledge"][pledge.id] = pledge
    return replace(catalogue, records=records)


def an_offer(catalogue: Catalogue, **changes: object) -> Pledge:
    offer = catalogue.pledges["atlantis-offer"]
    return offer.model_copy(update={"id": "atlantis-second-offer", **changes})


def test_a_pledge_linked_by_a_match_is_neither_an_open_need_nor_an_open_offer(catalogue):
    needs, offers = unmatched(catalogue, TODAY)
    assert [p.id for p in needs] == ["utopia-appeals-commitment"]
    assert offers == []  # atlantis-offer is linked by the Atlantis-Utopia match


def test_an_offer_is_open_until_its_timeframe_ends(catalogue):
    def open_offers(timeframe: Timeframe | None) -> list[str]:
        changed = with_pledge(catalogue, an_offer(catalogue, timeframe=timeframe))
        return [p.id for p in unmatched(changed, TODAY)[1]]

    assert open_offers(None) == ["atlantis-second-offer"]
    assert open_offers(Timeframe(start="2020", end="ongoing")) == ["atlantis-second-offer"]
    assert open_offers(Timeframe(start="2020", end="tbc")) == ["atlantis-second-offer"]
    assert open_offers(Timeframe(start="2020", end="2026")) == ["atlantis-second-offer"]
    assert open_offers(Timeframe(start="2020", end="2026-11")) == ["atlantis-second-offer"]
    assert open_offers(Timeframe(start="2020", end="2026-11-23")) == ["atlantis-second-offer"]
    # Denmark's 2019 offer ran from 2020 to 2023: not open any more.
    assert open_offers(Timeframe(start="2020", end="2023")) == []
    assert open_offers(Timeframe(start="2020", end="2026-11-22")) == []
    assert open_offers(Timeframe(start="2020", end="2026-10")) == []


def test_fulfilled_pledges_and_pledges_of_no_stated_kind_are_not_counted(catalogue):
    fulfilled = with_pledge(catalogue, an_offer(catalogue, stage="fulfilled"))
    assert unmatched(fulfilled, TODAY)[1] == []
    unstated = with_pledge(catalogue, an_offer(catalogue, kind=None))
    needs, offers = unmatched(unstated, TODAY)
    assert offers == [] and "atlantis-second-offer" not in [p.id for p in needs]


def test_day_span_and_has_ended():
    assert day_span("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert day_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert day_span("2021-04-14") == (date(2021, 4, 14), date(2021, 4, 14))
    assert day_span("tbc") is None and day_span("ongoing") is None
    assert not has_ended(None, TODAY)
    assert not has_ended(Timeframe(start="2019"), TODAY)


def test_own_dates_are_the_dates_of_the_things_not_of_the_records(catalogue):
    event = catalogue.events["fixture-global-meeting"]
    assert own_date(event) == event.sessions[0].start.isoformat()[:10]
    offer = catalogue.pledges["atlantis-offer"]
    assert own_date(offer) is None  # no year, timeframe or update: the record's dates do not count
    assert own_date(offer.model_copy(update={"year": 2019})) == "2019"
    match = catalogue.matches["atlantis-utopia"]
    assert (match.timeframe.start, match.updates) == ("2024-04", [])
    assert own_date(match) == "2024-04"
    update = MatchUpdate.model_construct(date=date(2025, 2, 3), text=Text(en="Second visit."))
    assert own_date(match.model_copy(update={"updates": [update]})) == "2025-02-03"


def test_latest_items_are_ordered_by_their_own_dates_and_exclude_the_future(catalogue):
    items = latest(catalogue, 20, TODAY)
    days = [day_span(when)[0] for when, _, _ in items]
    assert days == sorted(days, reverse=True)
    assert all(day <= TODAY for day in days)
    # A record without a date of its own is not presented as news.
    assert all(record.id != "atlantis-offer" for _, _, record in items)
    assert len(latest(catalogue, 20, date(2000, 1, 1))) == 0


@pytest.mark.parametrize(
    ("timeframe", "lang", "text"),
    [
        (Timeframe(start="tbc"), "en", "To be confirmed"),
        (Timeframe(start="tbc"), "fr", "À confirmer"),
        (Timeframe(start="tbc"), "es", "Por confirmar"),
        (Timeframe(start="2021-04", end="ongoing"), "en", "From April 2021, ongoing"),
        (Timeframe(start="2021-04", end="ongoing"), "es", "abril de 2021 \u2013 en curso"),
        (Timeframe(start="2019", end="2022"), "en", "2019 \u2013 2022"),
        (Timeframe(start="2022-07", end="2022-10"), "fr", "juillet 2022 \u2013 octobre 2022"),
        (Timeframe(start="2020"), "en", "From 2020"),
        (Timeframe(end="2023"), "es", "Hasta 2023"),
        (None, "en", ""),
    ],
)
def test_timeframes_read_naturally_in_each_language(catalogue, timeframe, lang, text):
    c = PageContext(catalogue, relations_for(catalogue), lang, "matches/x", TODAY)
    assert c.timeframe(timeframe).replace("\u202f", " ") == text


def test_old_catalogues_are_not_kept_alive_by_what_is_computed_from_them():
    """`mkdocs serve` loads a new catalogue at each edit: what is computed once for the newest
    (relations, suggestions, the last change, what each record is in each language) must not
    keep the old ones in memory."""
    import gc
    import weakref
    from datetime import date

    from conftest import SITE_CONTENT

    from acsg.matching import suggestions
    from acsg.relations import last_change, relations_for
    from acsg.validation import load_catalogue

    def rebuilt(catalogue) -> None:  # what a rebuild computes once per catalogue and language
        relations_for(catalogue)
        suggestions(catalogue, date(2026, 11, 23))
        last_change(catalogue)
        pledge = next(iter(catalogue.pledges))
        for lang in ("en", "fr", "es"):
            c = PageContext(catalogue, relations_for(catalogue), lang, "pledges/x", TODAY)
            c.kind_label("pledge", pledge)

    first, _ = load_catalogue(SITE_CONTENT)
    rebuilt(first)
    gone = weakref.ref(first)
    del first
    for _ in range(3):  # three edits later
        edited, _ = load_catalogue(SITE_CONTENT)
        rebuilt(edited)
    gc.collect()
    assert gone() is None
