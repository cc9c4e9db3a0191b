"""Contributed text in pages and the link and image rule, for what mutation testing (make
mutation) found untested: the exact text a page gets, and the rule as a Markdown extension."""

from __future__ import annotations

import pytest
from markdown import Markdown

from acsg.markup import GuardExtension, link_problem, problems
from acsg.render.text import markdown, plain, safe_link_target


def page(text: str) -> str:
    """Markdown as the site renders it: with the portal's extension (mkdocs.yml)."""
    return Markdown(extensions=["acsg.markup"]).convert(text)


def test_contributed_markdown_shows_ampersands_and_angle_brackets_as_text() -> None:
    assert markdown("R&D < 5 <https://example.org>") == ("R&amp;D &lt; 5 <https://example.org>")


def test_contributed_headings_on_any_line_stay_text() -> None:
    assert markdown("Intro\n# Not a heading\n   # Nor this") == (
        "Intro\n\\# Not a heading\n   \\# Nor this"
    )


def test_contributed_braces_cannot_open_an_attribute_list() -> None:
    assert markdown("a {: .x} b") == "a &#123;: .x} b"


def test_a_plain_value_is_one_line_of_literal_text() -> None:
    assert plain('two\nlines, "quoted", *starred*') == 'two lines, "quoted", \\*starred\\*'


def test_link_targets_keep_their_parentheses_encoded() -> None:
    assert safe_link_target("https://example.org/a_(b)") == "https://example.org/a_%28b%29"
    assert safe_link_target("javascript:alert(1)") == "#"


def test_a_page_keeps_an_unsafe_links_words_and_an_unsafe_images_description() -> None:
    html = page("[x](javascript:alert(1)) and ![a cat](https://evil.example/x.png) after")
    assert html == "<p><a>x</a> and <span>a cat</span> after</p>"


def test_a_page_keeps_its_own_images() -> None:
    assert page("![a cat](images/cat.png)") == '<p><img alt="a cat" src="images/cat.png" /></p>'


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("![x](images/pic.png)", True),
        ("![x](files/pic.png)", False),
        ("[x](javascript:alert(1))", True),
        ("[x](https://example.org)", False),
        # Contributed text is shown on pages of other depths in three languages: relative
        # targets only to a part of the page or to a file of content/files/.
        ("[x](../pledges/other.md)", True),
        ("[x](other/)", True),
        ("[x](//example.org/page)", True),
        ("[x](files/report.pdf)", False),
        ("[x](#sources)", False),
        ("[x](mailto:acsg@example.org)", False),
        ("<mailto:acsg@example.org>", False),  # an autolink: its address obfuscated
    ],
)
def test_the_validators_extension_reports_what_a_page_would_lose(text, refused) -> None:
    found: list[str] = []
    Markdown(extensions=[GuardExtension(found=found)]).convert(text)
    assert bool(found) is refused
    assert bool(problems(text)) is refused


def test_a_link_is_judged_as_a_browser_reads_it() -> None:
    # A browser drops tabs and spaces inside the scheme: this is an https link.
    assert link_problem("ht&#9;tps://example.org") is None
    assert link_problem("java&#9;script:alert(1)")


def test_a_refused_link_is_quoted_as_the_reader_would_see_its_target() -> None:
    # Backslash escapes in a target are resolved before the rule looks at it: the validator
    # quotes the target a reader would get, not Markdown's placeholders for the escapes.
    found: list[str] = []
    html = Markdown(extensions=[GuardExtension(found=found)]).convert(r"[x](java\+script:x)")
    assert html == "<p><a>x</a></p>"
    assert found == [
        "the link target 'java+script:x' is not allowed: "
        "links must start with https://, http:// or mailto:"
    ]


def test_a_relative_link_in_contributed_text_says_how_to_link_instead() -> None:
    assert problems("See [the other pledge](../pledges/other.md).") == [
        "the link target '../pledges/other.md' is not allowed: links must start with "
        "https://, http:// or mailto: (a file of content/files/ is linked as files/NAME)"
    ]
    # On the site's own pages (hand-written ones link each other), relative links stay.
    assert page("[x](../pledges/other.md)") == '<p><a href="../pledges/other.md">x</a></p>'
