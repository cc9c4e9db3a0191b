"""Charts drawn at build time: what a reader reads (labels, numbers, title) is in the SVG, bars
are as long as their values say, long labels stay inside the chart, text is escaped."""

from __future__ import annotations

import pytest
from lxml import etree

from acsg.charts import WIDTH, Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"
SERIES = [Series("Open needs", "acsg-bar-need"), Series("Open offers", "acsg-bar-offer")]
LONG = "Procédures, systèmes et pratiques au service de l'efficacité et de la qualité"


def _chart(rows, numbers=None) -> etree._Element:
    svg = bar_chart(
        rows,
        SERIES,
        title="Needs <and> offers",
        description="Europe: 2, 1",
        id_prefix="c1",
        numbers=numbers,
    )
    return etree.fromstring(svg.encode("utf-8"))


def test_labels_numbers_and_title_are_text_a_reader_gets():
    root = _chart([("Europe", [2, 1]), (LONG, [0, 3])], numbers=["2", "1", "0", "3"])
    assert root.findtext(f"{SVG}title") == "Needs <and> offers"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Europe" in texts and [
        t.text for t in root.iter(f"{SVG}text") if t.get("class") == "acsg-chart-number"
    ] == ["2", "1", "0", "3"]
    wrapped = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "acsg-chart-label"]
    assert " ".join(wrapped[1:]) == LONG  # a long label goes on over two lines, whole
    assert all(len(line) * 7 <= WIDTH for line in wrapped)  # ~7 units a letter at 12 units


def test_bars_are_as_long_as_their_values_and_stay_inside():
    root = _chart([("A", [4, 2]), ("B", [1, 0])])
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1]) == pytest.approx(4 * widths[2])
    assert widths[3] == 0 and max(widths) < WIDTH
    height = float(root.get("viewBox").split()[3])
    assert all(
        float(r.get("y")) + float(r.get("height")) <= height for r in root.iter(f"{SVG}rect")
    )


def test_every_row_needs_a_value_per_series():
    with pytest.raises(ValueError, match="one value per series"):
        bar_chart([("A", [1])], SERIES, title="t", description="d", id_prefix="c")
