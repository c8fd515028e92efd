"""Cache headers a shared cache can use (issue 22): the policy table in docs/deploy.md.

Public pages: ``public`` with a short shared lifetime, stale-while-revalidate and
stale-if-error, an ETag and (with the page cache) a Last-Modified from the content version.
Staff, previews, errors and anything that sets a cookie: ``private, no-store``.
"""

import time

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date, parse_http_date

from core.pagecache import PageCacheMiddleware, bump, current_version
from core.publishing import Status
from exercises.tests.factories import make_exercise, make_muscle

PUBLIC = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400"


@pytest.fixture
def cached(settings, db):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def row(db):
    return make_exercise("Cable row", slug="cable-row", primary=[make_muscle("Lats", slug="lats")])


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


class TestPublicPages:
    def test_fresh_and_cached_copies_tell_shared_caches_the_same(self, client, cached, row):
        fresh = client.get(row.get_absolute_url())
        hit = client.get(row.get_absolute_url())
        assert (fresh["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
        for response in (fresh, hit):
            assert response["Cache-Control"] == PUBLIC
            assert response["ETag"] == fresh["ETag"]
            assert response["Last-Modified"] == fresh["Last-Modified"]
            assert vary(response) == {"cookie", "accept-encoding"}

    def test_last_modified_is_the_time_of_the_last_change(self, client, cached, row):
        before = time.time()
        bump()
        response = client.get(row.get_absolute_url())
        modified = parse_http_date(response["Last-Modified"])
        assert int(before) <= modified <= time.time()
        assert response["Last-Modified"] == http_date(current_version() / 1_000_000)

    def test_if_modified_since_gets_a_304_until_content_changes(self, client, cached, row):
        url = row.get_absolute_url()
        since = client.get(url)["Last-Modified"]
        assert client.get(url, headers={"if-modified-since": since}).status_code == 304
        time.sleep(1.01)  # HTTP dates count whole seconds
        row.name = "Seated cable row"
        row.save()
        changed = client.get(url, headers={"if-modified-since": since})
        assert changed.status_code == 200 and "Seated cable row" in changed.content.decode()
        assert parse_http_date(changed["Last-Modified"]) > parse_http_date(since)

    def test_the_lifetimes_come_from_settings(self, client, cached, row, settings):
        settings.SHARED_CACHE_SECONDS, settings.STALE_WHILE_REVALIDATE_SECONDS = 5, 7
        settings.STALE_IF_ERROR_SECONDS = 60
        control = client.get(row.get_absolute_url())["Cache-Control"]
        assert control == "public, max-age=0, s-maxage=5, stale-while-revalidate=7, stale-if-error=60"

    def test_without_the_page_cache_pages_are_still_public(self, client, row, settings):
        settings.PAGE_CACHE = False
        response = client.get(row.get_absolute_url())
        assert response["Cache-Control"] == PUBLIC and "cookie" in vary(response)

    @pytest.mark.parametrize("page_cache", [True, False])
    def test_a_view_that_sets_its_own_lifetime_keeps_it(self, db, settings, page_cache):
        settings.PAGE_CACHE = page_cache

        def view(request):
            response = HttpResponse("<svg></svg>", content_type="image/svg+xml")
            response["Cache-Control"] = "public, max-age=31536000, immutable"
            return response

        response = PageCacheMiddleware(view)(RequestFactory().get("/exercises/row/figure-1/start.svg"))
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"

    def test_a_permanent_redirect_may_be_shared(self, client, cached):
        response = client.get("/favicon.ico")
        assert response.status_code == 301 and response["Cache-Control"] == "public, max-age=3600"

    def test_a_parameter_clean_up_redirect_may_be_shared(self, client, cached, row):
        response = client.get(row.get_absolute_url(), {"utm_source": "mail"})
        assert response.status_code == 301 and response["Cache-Control"] == "public, max-age=3600"


class TestNothingPersonalIsShared:
    def test_a_signed_in_editor_gets_private_no_store(self, client, cached, row):
        client.force_login(User.objects.create_user("ed", password="x-long-password", is_staff=True))
        control = client.get(row.get_absolute_url())["Cache-Control"]
        assert "private" in control and "no-store" in control and "public" not in control

    def test_a_preview_of_a_draft_is_private(self, client, cached):
        make_exercise("Draft row", slug="draft-row", status=Status.DRAFT)
        client.force_login(User.objects.create_user("ed", password="x-long-password", is_staff=True))
        response = client.get("/exercises/draft-row/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]

    @pytest.mark.parametrize("page_cache", [True, False])
    def test_an_error_page_is_not_kept(self, client, row, settings, page_cache):
        settings.PAGE_CACHE = page_cache
        response = client.get("/exercises/no-such-exercise/")
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    @pytest.mark.parametrize("page_cache", [True, False])
    def test_a_response_that_sets_a_cookie_is_private(self, db, settings, page_cache):
        settings.PAGE_CACHE = page_cache

        def view(request):
            response = HttpResponse("<p>form</p>")
            response.set_cookie("csrftoken", "secret")
            return response

        response = PageCacheMiddleware(view)(RequestFactory().get("/somewhere/"))
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def test_the_admin_is_never_kept(self, client, cached):
        control = client.get("/admin/login/")["Cache-Control"]
        assert "no-store" in control and "private" in control
