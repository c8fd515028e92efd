"""Share and crawler metadata for every page: canonical URL, Open Graph, JSON-LD.

JSON-LD is built from Python data (dicts in the view's ``structured_data`` context variable,
plus a BreadcrumbList from ``breadcrumbs``) and serialised here with the same escaping as
Django's ``json_script``, never by joining strings in a template.
"""

import json
from urllib.parse import urlencode

from django import template
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.registry import LIST_PAGES  # filterable lists, named by the content apps

register = template.Library()


# What json_script escapes, so that no text can close the <script> element early.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(request, path):
    """An absolute URL on this request's host; the bare path when the host is not allowed
    (the 400 page for a bad Host header renders this template too, and must not fail)."""
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}...{% endcapture %}: render once, reuse as {{ name }} (blocks inside
    still take the child template's content)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


def canonical_path(request):
    """The address crawlers should index for this page.

    Detail pages drop their query string. A filtered list keeps at most one filter (the
    one-filter pages are worth indexing, combinations are not) and its page number.
    """
    match = request.resolver_match
    if match is None or match.url_name not in LIST_PAGES:
        return request.path
    try:
        query = request.GET
    except SuspiciousOperation:  # too many parameters: the 400 page still needs a canonical
        return request.path
    params = {}
    keys = [k for k in query if k not in ("page", "q")]
    if len(keys) == 1 and len(query.getlist(keys[0])) == 1:
        params[keys[0]] = query[keys[0]]
    page = query.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:  # not "²", which isdigit() accepts
        params["page"] = page
    if not params:
        return request.path
    return f"{request.path}?{urlencode(params)}"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return absolute(request, canonical_path(request))


@register.simple_tag(takes_context=True)
def share_image(context):
    """The page's image for social previews, as ``{"url": absolute URL, "alt": text}``, or
    None: the page object's lead image, else a drawing the view offers as ``share_figure``
    (a URL and its text alternative)."""
    item = context.get("object")
    image = getattr(item, "image", None)
    if image is not None and getattr(image, "file", None):
        url, _, _ = image.display(1600)
        return {"url": absolute(context["request"], url), "alt": image.alt_text}
    if context.get("share_figure"):
        url, alt = context["share_figure"]
        return {"url": absolute(context["request"], url), "alt": alt}
    return None


def breadcrumb_list(request, crumbs):
    items = [("Home", reverse("home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": str(label),
                "item": absolute(request, url or request.path),
            }
            for n, (label, url) in enumerate(items, start=1)
        ],
    }


def json_ld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def structured_data(context):
    """Every JSON-LD block for the page: its breadcrumbs, then what the view supplied."""
    request = context["request"]
    blocks = []
    crumbs = context.get("breadcrumbs")
    if crumbs:
        blocks.append(breadcrumb_list(request, crumbs))
    blocks.extend(context.get("structured_data") or [])
    return mark_safe("\n".join(json_ld(block) for block in blocks))  # noqa: S308
