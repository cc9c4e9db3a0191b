"""A malicious record runs no script in the browser.

The validator rejects raw HTML and script links, so such records never reach a build; this test
builds one anyway: the fixture catalogue with script tags, ``javascript:`` links and event
handler attributes put into its texts and links with pydantic's ``model_copy`` (no
validation), handed to the real MkDocs build in place of the validated catalogue. Every page is
then opened in Chromium, and nothing may run: no dialog, no console message, no flag set on
``window``, no handler attribute or script link in the page.
"""

from __future__ import annotations

import pytest
from hostile import FLAG, hostile_catalogue

from .browserkit import FIXTURE, LANGS, PREFIX, assert_no_problems, build_and_serve, new_browsing


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    catalogue = hostile_catalogue()
    patch = pytest.MonkeyPatch()
    # Every caller of current_catalogue (hooks, outputs) gets the hostile catalogue.
    patch.setattr("acsg.validation._valid_catalogue", lambda *_: catalogue)
    served = build_and_serve(tmp_path_factory.mktemp("hostile-site"), FIXTURE, patch)
    yield served
    served.server.shutdown()
    served.server.server_close()


INSPECT = """flag => {
  const found = [];
  if (window[flag] !== undefined) found.push(`window.${flag} = ${window[flag]}`);
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      const value = a.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (a.name.startsWith("on")) found.push(`<${e.localName} ${a.name}="${a.value}">`);
      if (["href", "src", "action", "formaction", "data"].includes(a.name)
          && value.startsWith("javascript:"))
        found.push(`<${e.localName} ${a.name}="${a.value}">`);
    }
  }
  for (const s of document.querySelectorAll("script"))
    if (s.textContent.includes(flag) || s.textContent.includes("alert("))
      found.push(`<script>${s.textContent.slice(0, 60)}</script>`);
  for (const s of document.querySelectorAll("iframe, object, embed"))
    found.push(`<${s.localName}>`);
  return found;
}"""


def test_the_hostile_texts_are_in_the_built_pages_as_text(hostile_site):
    """(So that the browser test below does meet them.)"""
    page = hostile_site.root / "pledges" / "atlantis-offer" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__acsgPwned" in html
    problems = []
    if html.count("</title>") != 1:
        problems.append("hostile: a record title breaks out of <title>")
    body = html[html.index("</head>") :]
    if "<script>window.__acsgPwned" in body:
        problems.append("hostile: raw <script> from a record in the page body")
    assert_no_problems(problems, "/pledges/atlantis-offer/")


def test_a_malicious_record_runs_no_script_in_the_browser(browser, hostile_site):
    pages = sorted(p for p in hostile_site.root.rglob("index.html") if "assets" not in p.parts)
    english = [p for p in pages if p.relative_to(hostile_site.root).parts[0] not in PREFIX.values()]
    urls = [p.relative_to(hostile_site.root).as_posix().removesuffix("index.html") for p in pages]
    # Every English page, the French and Spanish record pages, and the search results.
    chosen = [
        url
        for url in urls
        if not url.startswith(("fr/", "es/"))
        or url.split("/")[1] in ("pledges", "matches", "good-practices", "events", "organizations")
    ]
    assert len(english) > 30
    browsing = new_browsing(browser, hostile_site)
    problems = []
    try:
        page = browsing.page
        for url in chosen:
            browsing.open(url)
            page.mouse.move(300, 300)  # pointer over the content (onmouseover, onpointerenter)
            page.mouse.move(640, 500)
            problems += [f"/{url}: {found}" for found in page.evaluate(INSPECT, FLAG)]
        for lang in LANGS:
            browsing.open(f"{PREFIX[lang]}search/?q=click")
            page.wait_for_timeout(1_500)  # results are rendered by the search script
            problems += [f"/{PREFIX[lang]}search/: {f}" for f in page.evaluate(INSPECT, FLAG)]
        browsing.settle()
    finally:
        browsing.context.close()
    problems = [f"hostile: {problem}" for problem in problems]
    problems += [f"hostile: dialog {dialog}" for dialog in browsing.watch.dialogs]
    problems += [f"hostile: console {message}" for message in browsing.watch.console]
    assert_no_problems(problems, f"{len(chosen) + len(LANGS)} pages with hostile records")


def test_the_content_security_policy_stops_a_script_that_got_into_a_page(browser, hostile_site):
    """Were a script to reach a page past every other check, the page's own policy stops it,
    and the browser checks hear of it."""
    page_file = hostile_site.root / "pledges" / "atlantis-offer" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    probe = hostile_site.root / "csp-probe" / "index.html"
    probe.parent.mkdir()
    injected = (
        '<script>window.__acsgPwned = "inline"</script><img src="https://evil.example/p.png">'
    )
    probe.write_text(html.replace("</h1>", "</h1>" + injected, 1), encoding="utf-8")
    browsing = new_browsing(browser, hostile_site)
    try:
        browsing.open("csp-probe/")
        ran = browsing.page.evaluate("() => window.__acsgPwned")
        browsing.settle()
    finally:
        browsing.context.close()
        probe.unlink()
        probe.parent.rmdir()
    assert ran is None
    violations = [p for p in browsing.watch.problems if "Content-Security-Policy violation" in p]
    assert any("script-src" in p for p in violations), browsing.watch.problems
