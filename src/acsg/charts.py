"""Small bar charts drawn at build time as SVG: no chart library, no script in the browser.

A chart is rows of bars, one bar per series (needs and offers by pledging area, matches by
stage and year ...). Its colours come from the site's CSS classes; it has a title and a
description for screen readers, and the page shows its numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_HEIGHT = 18  # a row's label, above its bars
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 10
NUMBER_ROOM = 44  # room after the longest bar for its number


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
) -> str:
    """An SVG chart: for each row (label, one value per series) its label, then its bars,
    each with its number written after it. ``numbers``: the values as the page language
    writes them (default: as digits), in the order of ``rows`` then ``series``."""
    if any(len(values) != len(series) for _, values in rows):
        raise ValueError("every row needs one value per series")
    written = list(numbers) if numbers is not None else [str(v) for _, vs in rows for v in vs]
    largest = max((value for _, values in rows for value in values), default=0) or 1
    scale = (WIDTH - NUMBER_ROOM) / largest
    row_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = max(1, len(rows) * row_height)
    parts = [
        f'<svg class="acsg-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    index = 0
    for row, (label, values) in enumerate(rows):
        top = row * row_height
        parts.append(
            f'<text class="acsg-chart-label" x="0" y="{top + LABEL_HEIGHT - 5}">{escape(label)}</text>'
        )
        for position, (kind, value) in enumerate(zip(series, values, strict=True)):
            y = top + LABEL_HEIGHT + position * (BAR_HEIGHT + BAR_GAP)
            length = round(value * scale, 1)
            number = written[index]
            index += 1
            parts.append(
                f'<rect class="{escape(kind.css_class)}" x="0" y="{y}" width="{length}" '
                f'height="{BAR_HEIGHT}"><title>{escape(kind.name)}: {escape(number)}</title></rect>'
            )
            parts.append(
                f'<text class="acsg-chart-number" x="{length + 4}" '
                f'y="{y + BAR_HEIGHT - 3}">{escape(number)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
