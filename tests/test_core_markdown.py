"""Typed text in Markdown renders as typed: checked with a CommonMark renderer (markdown-it)."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from socialapp.core.markdown import heading, image, md_text, table
from socialapp.core.typed import plain

CORPUS = Path(__file__).parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()
TRICKS = [
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "<https://evil.example>",
    "# heading",
    "Title #",
    "> quote",
    "- item",
    "+ item",
    "1. first",
    "2) second",
    "---",
    "===",
    "*emphasis* and _this_ and **that**",
    "`code`",
    "~~gone~~",
    "a | b | c",
    "&copy; &#169; &amp;",
    "trailing backslash \\",
    "line one\nline two\n\n# not a heading",
    "[ref]: https://evil.example",
    "$x^2$",
    "{: .class}",
    "    indented code",
    "<!-- comment -->",
]
# CommonMark with raw HTML allowed (the worst case: a renderer that passes HTML through)
# plus GitHub's tables and strikethrough.
RENDER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def html_text(text: str) -> str:
    """What a renderer must print for plain text: &, <, > and " escaped, nothing more."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@pytest.mark.parametrize("typed", CORPUS + TRICKS)
def test_typed_text_renders_as_typed_everywhere_we_put_it(typed):
    shown = html_text(plain(typed))
    assert RENDER.render(md_text(typed)) == f"<p>{shown}</p>\n"
    assert RENDER.render(f"- {md_text(typed)} (+3)") == f"<ul>\n<li>{shown} (+3)</li>\n</ul>\n"
    assert RENDER.render(heading(3, typed)) == f"<h3>{shown}</h3>\n"
    cell = RENDER.render("\n".join(table(["A", "B"], [[typed, 1]])))
    assert f"<td>{shown}</td>\n<td>1</td>" in cell


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_no_markup_ever_gets_through(typed):
    shown = html_text(plain(typed))
    if shown:
        assert RENDER.render(md_text(typed)) == f"<p>{shown}</p>\n"
        assert RENDER.render(f"1. {md_text(typed)}") == f"<ol>\n<li>{shown}</li>\n</ol>\n"
        assert RENDER.render(heading(2, typed)) == f"<h2>{shown}</h2>\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="\\`*_[]()<>|~$!{}#&;:+-=.>1 \nab", max_size=30))
def test_no_markup_from_markdown_punctuation(typed):
    """The same property on the characters Markdown cares about, so hypothesis tries their
    combinations rather than random letters."""
    shown = html_text(plain(typed))
    if shown:
        assert RENDER.render(md_text(typed)) == f"<p>{shown}</p>\n"
        assert RENDER.render(f"- {md_text(typed)}") == f"<ul>\n<li>{shown}</li>\n</ul>\n"


def test_plain_words_stay_readable():
    assert md_text("Which paper excited you?") == "Which paper excited you?"
    assert md_text("Ada's 3 votes, 40%!") == "Ada's 3 votes, 40%!"


def test_image_alt_is_escaped_and_path_is_ours():
    assert RENDER.render(image("Votes [1](x)", "charts/vote-1.svg")) == (
        '<p><img src="charts/vote-1.svg" alt="Votes [1](x)" /></p>\n'
    )
