"""Editor Markdown never reaches readers as script."""

import pytest

from core.markup import render_markdown


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


def test_headings_get_prefixed_anchors_and_contents():
    from core.markup import render_with_contents

    body, contents = render_with_contents("## Why it matters\n\ntext\n\n### Details & more\n\n## main\n\nx")
    assert '<h2 id="section-why-it-matters">Why it matters</h2>' in body
    assert '<h2 id="section-main">' in body  # never the page's own id="main"
    assert contents == [
        {
            "id": "section-why-it-matters",
            "title": "Why it matters",
            "children": [{"id": "section-details-more", "title": "Details & more", "children": []}],
        },
        {"id": "section-main", "title": "main", "children": []},
    ]


@pytest.mark.parametrize(
    "evil",
    [
        "## <img src=x onerror=alert(1)>Title",
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<form action="https://evil.example"><input name=x></form>',
    ],
)
def test_more_payloads_are_neutralised_in_both_renderers(evil):
    from core.markup import render_with_contents

    for html in (render_markdown(evil), render_with_contents(evil)[0]):
        lowered = html.lower()
        for needle in [
            "<script",
            "onerror",
            "onload",
            "javascript:",
            "data:text",
            "<svg",
            "<img",
            "<form",
            "<input",
            "<style",
            "<math",
        ]:
            assert needle not in lowered, (evil, html)


def test_rendering_is_remembered_by_text_and_contents_are_the_callers_own():
    from core import markup

    text = "## Unique heading for the cache test\n\nSome *words*."
    markup.render_markdown.cache_clear()
    first = markup.render_markdown(text)
    assert markup.render_markdown(text) == first and markup.render_markdown.cache_info().hits == 1
    assert markup.render_markdown(text + " More.") != first  # new text, new rendering
    body, contents = markup.render_with_contents(text)
    contents[0]["title"] = "changed by a caller"
    again = markup.render_with_contents(text)
    assert again[0] == body and again[1][0]["title"] == "Unique heading for the cache test"
