"""No link anywhere on the site leads to an empty list.

A crawl from the home page follows every internal link of every page (the admin, files,
feeds and figures aside). Each link into a filtered list (the exercise catalogue or the
programs list with a query) is opened and must show at least one result. Filtered lists are
checked but not crawled further (later pages of a list, ``?page=2``, are): the options on
the catalogue's own panel are proven by exercises/tests/test_counts_follow.py.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"', re.I)
SKIP = (
    f"/{settings.ADMIN_PATH}",
    settings.STATIC_URL,
    settings.MEDIA_URL,
    "/search/",  # its own tests cover it; the crawl would only echo queries
)
LISTS = {
    reverse("exercises:exercise-list"): "No exercises match",
    reverse("programs:program-list"): "No programs match",
}


def internal_links(html, base):
    for href in LINK.findall(html):
        href = urljoin(base, unescape(href)) if href else ""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIP) or parts.path.endswith((".xml", ".svg", ".png", ".json", ".txt")):
            continue
        yield href


@pytest.mark.django_db
def test_every_link_into_a_list_shows_results(client, seeded):
    seen, queue, pages, filtered, empty = set(), deque([reverse("home")]), 0, 0, []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, url
        if "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        path, _, query = url.partition("?")
        if query and path in LISTS and not re.fullmatch(r"page=\d+", query):  # later pages: crawled
            filtered += 1
            if LISTS[path] in html:
                empty.append(url)
            continue  # checked, not crawled further
        pages += 1
        for link in internal_links(html, url):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert empty == [], f"{len(empty)} links lead to an empty list"
    assert pages > 110 and filtered > 60, (pages, filtered)  # the crawl really covered the site
