"""Gzip for public pages (and the cached copies of them), never for responses that may hold
a secret."""

import gzip

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.compression import accepts_gzip
from exercises.tests.factories import make_exercise, make_muscle

GZIP = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def exercise(db):
    return make_exercise("Quokka row", slug="quokka-row", primary=[make_muscle("Lats", slug="lats")])


@pytest.mark.parametrize(
    ("header", "takes"),
    [
        ("gzip", True),
        ("br, gzip;q=0.8", True),
        ("GZIP", True),
        ("x-gzip", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0", False),
        ("gzip;q=nonsense", False),
        ("deflate, br", False),
        ("", False),
        ("notgzip", False),
    ],
)
def test_accept_encoding_is_read_as_rfc_9110_says(header, takes):
    assert accepts_gzip(RequestFactory().get("/", headers={"accept-encoding": header})) is takes


def test_public_pages_are_compressed_for_readers_who_take_gzip(client, exercise):
    url = reverse("exercises:exercise-detail", kwargs={"slug": "quokka-row"})
    plain = client.get(url)
    packed = client.get(url, headers=GZIP)
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert int(packed["Content-Length"]) == len(packed.content)
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in packed["Vary"]


def test_the_page_cache_keeps_each_encoding_apart(client, exercise, page_cache):
    url = reverse("exercises:exercise-detail", kwargs={"slug": "quokka-row"})
    first = client.get(url, headers=GZIP)
    second = client.get(url, headers=GZIP)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second["Content-Encoding"] == "gzip" and second.content == first.content
    plain = client.get(url)  # a reader that takes no gzip never gets the compressed copy
    assert plain["X-Cache"] == "miss" and "Content-Encoding" not in plain
    assert gzip.decompress(first.content) == plain.content
    assert client.get(url)["X-Cache"] == "hit"
    assert first["ETag"] != plain["ETag"]  # one per representation
    head = client.head(url, headers=GZIP)
    assert head["Content-Encoding"] == "gzip" and int(head["Content-Length"]) == len(first.content)


def test_pages_for_a_signed_in_editor_are_never_compressed(client, exercise, admin_user):
    client.force_login(admin_user)
    for url in [reverse("home"), reverse("exercises:exercise-detail", kwargs={"slug": "quokka-row"})]:
        response = client.get(url, headers=GZIP)
        assert response.status_code == 200 and "Content-Encoding" not in response, url
    response = client.get(reverse("admin:index"), headers=GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_a_page_with_a_csrf_token_is_not_compressed(client, db):
    """The admin's login form holds a CSRF token (and sets its cookie): BREACH's target."""
    response = client.get(reverse("admin:login"), headers=GZIP)
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "Content-Encoding" not in response


def test_search_results_echo_the_query_but_hold_no_secret(client, exercise):
    response = client.get(reverse("search"), {"q": "quokka"}, headers=GZIP)
    assert response["Content-Encoding"] == "gzip" and not response.cookies
    html = gzip.decompress(response.content).decode()
    assert "quokka-row" in html and "csrfmiddlewaretoken" not in html
