"""Editor Markdown never reaches readers as script."""

import pytest

from exercises.markup import render_markdown


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<style>body{display:none}</style>",
        '<p style="color:red" onclick="alert(1)">x</p>',
        '<iframe src="https://evil.example"></iframe>',
    ],
)
def test_dangerous_markup_is_removed(evil):
    html = render_markdown(evil)
    for needle in ["<script", "onerror", "javascript:", "<style", "style=", "onclick", "<iframe", "<img"]:
        assert needle not in html.lower()


def test_ordinary_markdown_survives():
    html = render_markdown(
        "## Why\n\nKeep **tension** and see [the study](https://example.org).\n\n- one\n- two"
    )
    assert "<h2>Why</h2>" in html
    assert "<strong>tension</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">the study</a>' in html
    assert "<li>one</li>" in html


def test_empty_text_is_empty():
    assert render_markdown("") == ""
