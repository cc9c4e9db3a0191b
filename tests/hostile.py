"""The corpus of hostile contributed texts: every way a text has been seen, or could be
expected, to carry a script, load something from another site, add markup or a field. Each
is run against the validator, `acsg from-issue`, the Submit page and the page renderer (and,
in tests/browser, the built site in a real browser)."""

from __future__ import annotations

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
