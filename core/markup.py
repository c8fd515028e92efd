"""Markdown written by editors, rendered to HTML that is safe to show.

Markdown allows raw HTML, so its output is never trusted: nh3 (a binding to the Rust
``ammonia`` sanitizer) keeps only the tags, attributes and URL schemes listed here.
"""

import copy
import functools
import html

import markdown
import nh3
from django.utils.text import slugify

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def paragraphs(text):
    """Plain text split on blank lines, for fields editors write as short paragraphs."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def section_id(value, separator="-"):
    """Heading anchors get a prefix, so editor text can never reuse an id the page owns."""
    return "section-" + (slugify(value) or "part")


#: Python-Markdown's "extra" without attr_list, whose ``{: #main }`` let editor text give an
#: element any id, such as one the page itself uses.
EXTENSIONS = ["abbr", "def_list", "fenced_code", "footnotes", "tables", "sane_lists"]


def only_our_ids(tag, attribute, value):
    """Heading ids survive only as our own anchors (``section-...``, see section_id)."""
    if attribute == "id" and not value.startswith("section-"):
        return None
    return value


def sanitize(dirty_html):
    return nh3.clean(
        dirty_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=only_our_ids,
    )


# Rendering is a pure function of the text, so each process keeps its recent results keyed
# by the text itself: never stale, and the FAQ (every answer on one page) no longer parses
# and sanitizes all of its Markdown on each uncached request.
RENDERED = 4096


@functools.lru_cache(maxsize=RENDERED)
def render_markdown(text):
    """Return sanitized HTML for editor-written Markdown (empty string for empty input)."""
    if not text:
        return ""
    return sanitize(markdown.markdown(text, extensions=EXTENSIONS, output_format="html"))


def render_with_contents(text):
    """Sanitized HTML whose headings carry anchors, and the table of contents.

    Returns (html, contents), where contents is a list of {"id", "title", "children"} for the
    level-2 headings (children: their level-3 headings).
    """
    body, contents = _render_with_contents(text or "")
    return body, copy.deepcopy(contents)  # callers may change theirs; the cached one stays


@functools.lru_cache(maxsize=RENDERED)
def _render_with_contents(text):
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, "toc"],
        extension_configs={"toc": {"slugify": section_id, "toc_depth": "2-3"}},
        output_format="html",
    )
    body = sanitize(md.convert(text))

    def entry(token):
        return {
            "id": token["id"],
            "title": html.unescape(token["name"]),
            "children": [entry(child) for child in token["children"]],
        }

    return body, [entry(token) for token in md.toc_tokens]
