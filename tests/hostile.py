"""The corpus of hostile contributed texts: every way a text has been seen, or could be
expected, to carry a script, load something from another site, add markup or a field. Each
is run against the validator, `acsg from-issue`, the Submit page and the page renderer (and,
in tests/browser, the built site in a real browser)."""

from __future__ import annotations

from conftest import SITE_CONTENT

from acsg.catalogue import Catalogue
from acsg.fields import Text, Title
from acsg.models import Document, Image
from acsg.validation import load_catalogue

LANGS = ("en", "fr", "es")

TEXTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click]( JaVaScRiPt:alert(1))",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "- [x]: javascript:alert(document.domain)\n\n[Read more][x]",
    "> [x]: javascript:alert(1)\n\n[Read more][x]",
    "Term\n:   [x]: javascript:alert(1)\n\n[Read more][x]",
    "!!! note\n    [x]: javascript:alert(1)\n\n[Read more][x]",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![tracker](https://evil.example/pixel.png)",
    "![tracker](//evil.example/pixel.png)",
    "[![x](https://evil.example/p.png)](https://example.org)",
    "# Heading {onclick=alert(1)}",
]
# Refused before publication (the heading above is only made harmless by the renderer), with
# the invisible characters that YAML or Markdown read as line breaks or controls.
REFUSED = [text for text in TEXTS if "{onclick" not in text] + [
    "Our needs.\u2028grf_pledge: true",
    'Our needs.\u2029!!! danger "injected"',
    "Our needs.\x85stage: fulfilled",
    "Our needs.\x1b[31m",
]


# --- a catalogue whose every kind of record carries them (built anyway, validation skipped) ---

FLAG = "__acsgPwned"
LINE = (
    f'<script>window.{FLAG}="script";alert("script")</script>'
    f"<img src=x onerror=\"window.{FLAG}='img';alert('img')\">"
    f"<svg onload=\"window.{FLAG}='svg'\"></svg>"
    '"><script>alert("attr")</script>'
    f'</title><script>window.{FLAG}="title";alert("title")</script>'
)
TEXT = (
    LINE + "\n\n"
    f'[click](javascript:window.{FLAG}="link") '
    f"<a href=\"javascript:alert('a')\" onclick=\"alert('click')\" "
    f"onmouseover=\"window.{FLAG}='hover'\">hover me</a>\n\n"
    "<iframe src=\"javascript:alert('frame')\"></iframe>\n\n"
    '<div onpointerenter="alert(\'enter\')" style="position:fixed;inset:0">cover</div>\n\n'
    "[ref]\n\n[ref]: javascript:alert('ref')\n\n"
    "[entity](&#106;avascript:alert('entity'))\n\n"
    # Reference definitions where Python-Markdown also reads them, and a foreign image.
    "- [x]: javascript:alert('list')\n\n[in a list][x]\n\n"
    "> [y]: javascript:alert('quote')\n\n[in a quote][y]\n\n"
    "!!! note\n    [z]: javascript:alert('note')\n\n[in a note][z]\n\n"
    "Term\n:   [w]: javascript:alert('definition')\n\n[in a definition][w]\n\n"
    "![pixel](https://evil.example/pixel.png) ![pixel](//evil.example/pixel.png)\n\n"
    "Line\u2028!!! danger \"separator\"\u2029[sep]: javascript:alert('sep')\n\n[sep]"
)
LINK = f"javascript:window.{FLAG}='href';alert('href')"


def _title() -> Title:
    return Title.model_construct(**{lang: LINE for lang in LANGS})


def _text() -> Text:
    return Text.model_construct(**{lang: TEXT for lang in LANGS})


def hostile_catalogue() -> Catalogue:
    """The fixture catalogue with hostile texts and links in every kind of record."""
    catalogue, problems = load_catalogue(SITE_CONTENT)
    assert problems == []
    changes = {
        "organization": lambda r: (
            {"description": _text(), "website": LINK, "sources": [LINK]}
            | ({"name": _title(), "acronym": LINE} if r.name is not None else {})
        ),
        "pledge": lambda r: {
            "title": _title(),
            "description": _text(),
            "gcr_url": LINK,
            "sources": [LINK],
        },
        "match": lambda r: {
            "title": _title(),
            "summary": _text(),
            "objectives": [_text()],
            "sources": [LINK],
        },
        "good-practice": lambda r: {
            "title": _title(),
            "narrative": _text(),
            "website": LINK,
            "documents": [Document.model_construct(language="en", title=_title(), url=LINK)],
            "sources": [LINK],
        },
        "event": lambda r: {
            "title": _title(),
            "description": _text(),
            "registration": LINK,
            "sources": [LINK],
        },
        "news": lambda r: {
            "title": _title(),
            "summary": _text(),
            "body": _text(),
            "image": Image.model_construct(file=r.image.file, alt=_title(), credit=_title()),
            "sources": [LINK],
        },
        "roster": lambda r: {
            "summary": _text(),
            "availability": _text(),
            "sources": [LINK],
        },
    }
    for kind, records in catalogue.records.items():
        for record_id, record in list(records.items()):
            records[record_id] = record.model_copy(update=changes[kind](record))
    return catalogue
