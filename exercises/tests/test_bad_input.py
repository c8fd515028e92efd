"""Whatever arrives in the query string, the catalogue answers 200 or 4xx, never 500."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.tests.factories import listed

LIST = reverse("exercises:exercise-list")
PARAMS = ["equipment", "muscle", "role", "region", "difficulty", "kind", "q", "sort", "page", "only", "zzz"]

values = st.one_of(
    st.sampled_from(
        [
            "dumbbells",
            "trapezius",
            "upper-back",
            "primary",
            "1",
            "name",
            "difficulty",
            "advanced",
            "abc",
            "-1",
            "99999",
            "0",
            "",
            " ",
            "%",
            "\x00",
            "'; DROP TABLE x;--",
            "ü",
            "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
            "x" * 10_000,
        ]
    ),
    st.text(max_size=60),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)
queries = st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=12)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_query_string_gives_a_page(catalogue, query):
    response = Client(raise_request_exception=False).get(f"{LIST}?{urlencode(query)}")
    assert response.status_code in {200, 400}, response.status_code
    if response.status_code == 200:
        assert b"exercise" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("equipment=rocket", "We don’t know the equipment “rocket”, so it was ignored."),
        ("muscle=dumbbells", "We don’t know the muscle “dumbbells”"),
        ("sort=random", "We don’t know the sort order “random”"),
        ("q=" + "x" * 500, "Search text must be at most 100 characters"),
        ("q=%00", "Search text must be at most 100 characters of plain text"),
    ],
)
def test_unknown_values_are_named_and_ignored(client, catalogue, query, message):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["total"] == 5  # the bad filter was dropped, not applied


@pytest.mark.django_db
def test_one_typo_keeps_the_good_values(client, catalogue):
    response = client.get(f"{LIST}?equipment=pull-up-bar&equipment=rocket")
    assert {e.slug for e in listed(response)} == {"pull-up", "advanced-lat-move"}


@pytest.mark.django_db
def test_too_many_parameters_is_a_400_not_a_500(catalogue):
    query = "&".join(f"muscle=m{n}" for n in range(1500))
    response = Client(raise_request_exception=False).get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert "could not understand that request" in response.content.decode()


@pytest.mark.django_db
def test_bad_detail_slugs_are_404(catalogue):
    client = Client(raise_request_exception=False)
    for slug in ["x" * 300, "%C3%BC", "..%2F..%2Fetc"]:
        assert client.get(f"/exercises/{slug}/").status_code == 404
