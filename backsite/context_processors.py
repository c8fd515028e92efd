"""Template context every page shares: the site's own links and which section is open.

The header and footer link to the same dozen pages on every response. Reversing them
with ``{% url %}`` cost about a tenth of an uncached catalogue page, so they are reversed
once per URLconf and script prefix and reused (docs/performance.md).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# name in templates -> view name
LINKS = {
    "home": "home",
    "exercises": "exercises:exercise-list",
    "anatomy": "exercises:anatomy",
    "programs": "programs:program-list",
    "goals": "articles:benefits",
    "articles": "articles:article-list",
    "faq": "articles:faq",
    "search": "search",
    "articles_feed": "articles:feed",
    "exercises_feed": "exercises:feed",
}

# view name (or namespace) -> the main navigation entry it belongs to
SECTIONS = {
    "home": "home",
    "exercises:exercise-list": "exercises",
    "exercises:exercise-detail": "exercises",
    "exercises:anatomy": "anatomy",
    "exercises:region-detail": "anatomy",
    "exercises:muscle-detail": "anatomy",
    "programs": "programs",
    "articles:benefits": "goals",
    "articles:article-list": "articles",
    "articles:article-detail": "articles",
    "articles:faq": "faq",
    "search": "search",
}


@lru_cache(maxsize=16)  # one entry per URLconf and script prefix in use
def _links(urlconf, prefix):
    return {name: reverse(view, urlconf=urlconf) for name, view in LINKS.items()}


def section_of(match):
    if match is None:
        return ""
    return SECTIONS.get(match.view_name) or SECTIONS.get(match.namespace, "")


def site(request):
    """``site_urls``: the header's and footer's links; ``section``: the open nav entry."""
    return {
        "site_urls": _links(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()),
        "section": section_of(getattr(request, "resolver_match", None)),
    }
