"""acsg.compact: the theme's whitespace out, what a reader sees unchanged."""

from __future__ import annotations

from acsg.compact import compact


def test_whitespace_around_tags_becomes_one_line_break_or_none_beside_a_block() -> None:
    html = '<ul>\n    \n  <li class="a">\n\n      <span>\n    Needs and offers\n  \n  </span>\n  </li>\n</ul>'
    assert compact(html) == '<ul><li class="a"><span>\nNeeds and offers\n</span></li></ul>'


def test_a_line_break_between_two_inline_elements_stays_a_space() -> None:
    html = '<p>\n  Made with\n  <a href="x">A</a>\n  <a href="y">B</a>\n  <img src="i.svg" alt="">\n</p>'
    assert (
        compact(html)
        == '<p>\nMade with\n<a href="x">A</a>\n<a href="y">B</a>\n<img src="i.svg" alt=""></p>'
    )


def test_spaces_within_a_line_and_text_are_kept() -> None:
    html = "<p>Two  spaces <b>bold</b> <i>it</i></p>"
    assert compact(html) == html


def test_preformatted_code_scripts_and_styles_are_kept_byte_for_byte() -> None:
    kept = [
        "<pre><code>line 1\n\n    indented\n</code></pre>",
        "<textarea>\n  a\n</textarea>",
        "<code>\n  x = 1\n</code>",
        "<script>\n  var a = 1;\n\n  var b = 2;\n</script>",
        "<style>\n  p { color: red }\n</style>",
        "<PRE>\n  upper\n</PRE>",
    ]
    for block in kept:
        html = f"<div>\n   {block}\n   </div>"
        assert compact(html) == f"<div>{block}</div>", block


def test_attribute_values_keep_their_line_breaks() -> None:
    html = '<form method="get"\n      action="../search/">\n</form>'
    assert compact(html) == '<form method="get"\n      action="../search/"></form>'


def test_whitespace_between_two_kept_elements_goes_too() -> None:
    html = "<div></div>\n  \n<script>a()</script>\n    \n  <script>b()</script>\n  </body>"
    assert compact(html) == "<div></div><script>a()</script><script>b()</script></body>"


def test_only_real_tags_and_kept_elements_take_the_line_break_away() -> None:
    # A ">" that ends no tag, and a "<" that starts none: the line break stays.
    assert compact("<p>a ->\n  <div>x</div>") == "<p>a ->\n<div>x</div>"
    assert compact("<p>a\n  < b</p>") == "<p>a\n< b</p>"
    assert compact("<!-- note -->\n  <div>") == "<!-- note -->\n<div>"
    # A tag written over two lines is still a tag.
    assert compact('<a\n href="x">\n  <div>') == '<a\n href="x"><div>'
    # An inline kept element beside an inline tag keeps its space; beside a block it does not.
    assert compact("<code>x</code>\n  <a>y</a>") == "<code>x</code>\n<a>y</a>"
    assert compact("<code>x</code>\n  <div>y</div>") == "<code>x</code><div>y</div>"
    assert compact("<b>y</b>\n  <code>x</code>") == "<b>y</b>\n<code>x</code>"
    assert compact("<div>y</div>\n  <code>x</code>") == "<div>y</div><code>x</code>"


def test_whitespace_at_the_start_and_end_of_a_page() -> None:
    assert compact("\n  <!doctype html>\n<html>\n</html>\n") == "\n<!doctype html>\n<html></html>\n"
    assert compact("  text  \n  more  ") == "  text  \n  more  "
    assert compact("\n\n") == "\n\n"
