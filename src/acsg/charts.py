"""Small bar charts drawn at build time as SVG: no chart library, no script in the browser.

A chart is rows of bars, one bar per series (needs and offers by pledging area, matches by
stage and year ...). Its colours come from the site's CSS classes; it has a title and a
description for screen readers, and the page shows its numbers in a table beside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 400  # user units: its text stays readable on a phone (12 units ~ 11 px at 360 px)
LABEL_HEIGHT = 18  # a row's label, above its bars
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 10
NUMBER_ROOM = 36  # room after the longest bar for its number
LABEL_CHARACTERS = 58  # a label longer than this goes on to the next line (12-unit text)


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name (for the legend and the bars' titles) and CSS class."""

    name: str
    css_class: str


def bar_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    id_prefix: str,
    numbers: Sequence[str] | None = None,
    named: Callable[[str, str], str] = "{}: {}".format,
) -> str:
    """An SVG chart: for each row (label, one value per series) its label, then its bars,
    each with its number written after it. ``numbers``: the values as the page language
    writes them (default: as digits), in the order of ``rows`` then ``series``; ``named``
    writes a bar's title from its series' name and its number ("Open needs: 3"), as the
    page language does."""
    if any(len(values) != len(series) for _, values in rows):
        raise ValueError("every row needs one value per series")
    written = list(numbers) if numbers is not None else [str(v) for _, vs in rows for v in vs]
    largest = max((value for _, values in rows for value in values), default=0) or 1
    scale = (WIDTH - NUMBER_ROOM) / largest
    labels = [textwrap.wrap(label, LABEL_CHARACTERS) or [""] for label, _ in rows]
    bars = len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = max(1, sum(len(lines) * LABEL_HEIGHT + bars for lines in labels))
    parts = [
        f'<svg class="acsg-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    index = 0
    top = 0
    for lines, (_, values) in zip(labels, rows, strict=True):
        for row_line, line in enumerate(lines, start=1):
            parts.append(
                f'<text class="acsg-chart-label" x="0" y="{top + row_line * LABEL_HEIGHT - 5}">'
                f"{escape(line)}</text>"
            )
        top += len(lines) * LABEL_HEIGHT
        for position, (kind, value) in enumerate(zip(series, values, strict=True)):
            y = top + position * (BAR_HEIGHT + BAR_GAP)
            length = round(value * scale, 1)
            number = written[index]
            index += 1
            parts.append(
                f'<rect class="{escape(kind.css_class)}" x="0" y="{y}" width="{length}" '
                f'height="{BAR_HEIGHT}"><title>{escape(named(kind.name, number))}</title></rect>'
            )
            parts.append(
                f'<text class="acsg-chart-number" x="{length + 4}" '
                f'y="{y + BAR_HEIGHT - 3}">{escape(number)}</text>'
            )
        top += bars
    parts.append("</svg>")
    return "".join(parts)
