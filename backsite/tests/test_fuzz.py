"""Every public GET endpoint, fed generated paths and query strings: never a 5xx.

1,000 generated requests over the seed content, spread across every public URL pattern
(list pages with their real parameters, detail pages with real and invented slugs).
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.system  # slow: `make test-system`

ENDPOINTS = [
    ("/", []),
    (
        "/exercises/",
        ["equipment", "muscle", "role", "region", "difficulty", "kind", "goal", "q", "page", "only"],
    ),
    ("/exercises/{slug}/", []),
    ("/exercises/feed/", []),
    ("/anatomy/", []),
    ("/anatomy/muscles/{slug}/", []),
    ("/anatomy/regions/{slug}/", []),
    ("/articles/", ["page"]),
    ("/articles/{slug}/", []),
    ("/articles/feed/", []),
    ("/faq/", []),
    ("/benefits/", []),
    ("/programs/", ["level", "goal", "equipment", "only", "page", "sessions"]),
    ("/programs/guidelines/", []),
    ("/programs/{slug}/", ["substitute", "have"]),
    ("/balance/", ["exercise", "program", "sets"]),
    ("/search/", ["q", "kind", "page"]),
    ("/sitemap.xml", ["p", "section"]),
    ("/sitemap-{slug}.xml", ["p"]),
    ("/robots.txt", []),
    ("/healthz", []),
    ("/media/{slug}", []),
    (
        "/api/v1/exercises/",
        ["equipment", "muscle", "role", "region", "difficulty", "kind", "goal", "q", "page", "only", "sort"],
    ),
    ("/api/v1/exercises/{slug}/", []),
    ("/api/v1/muscles/{slug}/", []),
    ("/api/v1/programs/{slug}/", []),
    ("/api/v1/articles/{slug}/", []),
    ("/api/v1/faq/", ["page", "topic"]),
    ("/api/v1/articles/", ["page", "topic"]),
    ("/api/v1/programs/", ["level", "goal", "equipment", "only", "page", "sessions"]),
    ("/api/v1/equipment/{slug}/", []),
    ("/api/v1/{slug}/", []),
    ("/api/", []),
    ("/data/", []),
    ("/media/data/{slug}", []),
]
SLUGS = [
    "pull-up",
    "rhomboids",
    "upper-back",
    "balanced-back-training",
    "beginner-4-week-back-plan",
    "exercises",
    "no-such-thing",
    "",
    "..",
    "%00",
    "x" * 300,
    "ünï",
    "a/b",
    "-1",
    "7328d4c4-4f8f-566d-8cf5-ad034bd3e3b6",  # the trap bar's permanent id
    "00000000-0000-0000-0000-000000000000",
]
VALUES = st.one_of(
    st.sampled_from(
        [
            "dumbbells",
            "trapezius",
            "primary",
            "1",
            "0",
            "-1",
            "99999",
            "abc",
            "",
            "²",
            "\x00",
            "'; DROP TABLE x;--",
            "<script>",
            "x" * 5000,
            "pull-up",
            "beginner",
        ]
    ),
    st.text(max_size=40),
)
requests = st.tuples(
    st.sampled_from(ENDPOINTS),
    st.one_of(st.sampled_from(SLUGS), st.text(min_size=1, max_size=30)),
    st.lists(st.tuples(st.text(max_size=8), VALUES), max_size=4),
    st.lists(VALUES, max_size=6),
)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestFuzz:
    @settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
    @given(request=requests)
    def test_no_public_endpoint_answers_5xx(self, request):
        (pattern, params), slug, extra, values = request
        path = pattern.format(slug=quote(slug, safe=""))
        query = [(p, v) for p, v in zip(params, values, strict=False)] + extra
        url = f"{path}?{urlencode(query)}" if query else path
        response = Client(raise_request_exception=False).get(url)
        assert response.status_code < 500, (url, response.status_code)
