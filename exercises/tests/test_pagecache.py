"""Anonymous pages come from the cache until content changes; staff always see fresh pages."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from core.pagecache import ContentVersion, bump, current_version
from exercises.models import Exercise, ExerciseStep

from .factories import make_equipment, make_exercise, make_muscle


@pytest.fixture
def cached(settings, db):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def row(cached):
    return make_exercise("Cable row", slug="cable-row", primary=[make_muscle("Lats", slug="lats")])


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def test_second_request_is_served_from_cache_with_one_query(client, row, django_assert_num_queries):
    first, _ = get(client, row.get_absolute_url())
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version
        again, _ = get(client, row.get_absolute_url())
    assert again["X-Cache"] == "hit" and again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_save_shows_on_the_next_request(client, row):
    get(client, row.get_absolute_url())
    get(client, reverse("exercises:exercise-list"))
    row.name = "Seated cable row"
    row.save()
    response, html = get(client, row.get_absolute_url())
    assert response["X-Cache"] == "miss" and "<h1>Seated cable row</h1>" in html
    assert "Seated cable row" in get(client, reverse("exercises:exercise-list"))[1]


def test_parts_links_and_deletes_invalidate(client, row):
    url = row.get_absolute_url()
    get(client, url)
    ExerciseStep.objects.create(exercise=row, position=5, text="Pause with the handle at your ribs.")
    assert "Pause with the handle at your ribs." in get(client, url)[1]
    row.equipment.add(make_equipment("Cable machine", slug="cable"))  # a many-to-many change
    assert "Cable machine" in get(client, url)[1]
    get(client, reverse("exercises:exercise-list"))
    row.delete()
    assert client.get(url).status_code == 404
    assert "Cable row" not in get(client, reverse("exercises:exercise-list"))[1]


def test_bulk_publish_from_the_admin_invalidates(client, admin_client, cached):
    lats = make_muscle("Lats", slug="lats")
    draft = make_exercise("Band row", slug="band-row", primary=[lats], status="draft")
    assert "Band row" not in get(client, reverse("exercises:exercise-list"))[1]
    admin_client.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert Exercise.objects.get(pk=draft.pk).is_live
    assert "Band row" in get(client, reverse("exercises:exercise-list"))[1]


def test_a_scheduled_item_appears_at_its_time_with_no_save(client, cached, monkeypatch):
    lats = make_muscle("Lats", slug="lats")
    soon = timezone.now() + timezone.timedelta(hours=8)
    make_exercise("Dawn row", slug="dawn-row", primary=[lats], published_at=soon)
    assert ContentVersion.objects.get().next_change_at == soon
    assert "Dawn row" not in get(client, reverse("exercises:exercise-list"))[1]
    later = soon + timezone.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response, html = get(client, reverse("exercises:exercise-list"))
    assert response["X-Cache"] == "miss" and "Dawn row" in html
    assert ContentVersion.objects.get().next_change_at is None


def test_a_version_is_never_reused_by_a_new_or_restored_database(client, row):
    """Servers sharing one cache may meet a recreated or restored database: its versions must
    not repeat numbers whose cached pages were rendered from other content."""
    url = row.get_absolute_url()
    get(client, url)
    issued = {current_version()}
    for _ in range(3):
        bump()
        issued.add(current_version())
    assert len(issued) == 4
    ContentVersion.objects.update(version=min(issued))  # restored from an older backup
    bump()
    assert current_version() > max(issued)
    ContentVersion.objects.all().delete()  # a brand-new database
    assert current_version() > max(issued)
    row.summary = "Words only the new database holds."
    row.save()
    response, html = get(client, url)
    assert response["X-Cache"] == "miss" and "Words only the new database holds." in html


def test_staff_always_get_fresh_pages(admin_client, client, row):
    get(client, row.get_absolute_url())
    Exercise.objects.filter(pk=row.pk).update(summary="Changed without a signal.")
    assert "Changed without a signal." not in get(client, row.get_absolute_url())[1]  # cached
    response, html = get(admin_client, row.get_absolute_url())
    assert "X-Cache" not in response and "Changed without a signal." in html


def test_conditional_get_answers_304(client, row):
    first, _ = get(client, row.get_absolute_url())
    assert first["ETag"] and "Cookie" in first["Vary"]
    again = client.get(row.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    row.summary = "New words."
    row.save()
    changed = client.get(row.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_errors_and_never_cache_responses_are_not_stored(client, cached):
    assert client.get("/exercises/no-such-row/").status_code == 404
    assert "X-Cache" not in client.get("/exercises/no-such-row/")
    assert "X-Cache" not in client.get(reverse("healthz"))


def test_a_cache_outage_does_not_take_pages_down(client, row, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert client.get(row.get_absolute_url()).status_code == 200


def test_head_gets_headers_and_no_body(client, row):
    heads = [client.head(row.get_absolute_url()) for _ in range(2)]
    full = client.get(row.get_absolute_url())
    assert [h["X-Cache"] for h in heads] == ["miss", "hit"]
    for head in heads:
        assert head.status_code == 200 and head.content == b""
        assert head["Content-Length"] == str(len(full.content)) and head["ETag"] == full["ETag"]


@pytest.fixture
def shared(settings, transactional_db, redis_url):
    """Redis as every server's shared cache, with real commits (the version is published to
    it when a change commits)."""
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "backsite.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "pagecache-test",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


def test_with_a_shared_cache_a_hit_asks_the_database_nothing(client, shared, django_assert_num_queries):
    row = make_exercise("Cable row", slug="cable-row", primary=[make_muscle("Lats", slug="lats")])
    first, _ = get(client, row.get_absolute_url())
    with django_assert_num_queries(0):
        again, _ = get(client, row.get_absolute_url())
    assert first["X-Cache"] == "miss" and again["X-Cache"] == "hit" and again.content == first.content
    row.name = "Seated cable row"
    row.save()  # commits, and publishes the new version to the cache
    response, html = get(client, row.get_absolute_url())
    assert response["X-Cache"] == "miss" and "<h1>Seated cable row</h1>" in html
    with django_assert_num_queries(0):
        assert get(client, row.get_absolute_url())[0]["X-Cache"] == "hit"


def test_the_shared_cache_keeps_the_newest_version(shared):
    later = timezone.now() + timezone.timedelta(days=1)
    shared.publish_version(pagecache.VERSION_KEY, 20, pagecache.NEXT_CHANGE_KEY, pagecache.micros(later), 60)
    shared.publish_version(pagecache.VERSION_KEY, 10, pagecache.NEXT_CHANGE_KEY, 0, 60)  # a slow writer
    assert shared.get_many([pagecache.VERSION_KEY, pagecache.NEXT_CHANGE_KEY]) == {
        pagecache.VERSION_KEY: 20,
        pagecache.NEXT_CHANGE_KEY: pagecache.micros(later),
    }
    shared.publish_version(pagecache.VERSION_KEY, 30, pagecache.NEXT_CHANGE_KEY, 0, 60)
    assert shared.get(pagecache.VERSION_KEY) == 30 and shared.get(pagecache.NEXT_CHANGE_KEY) == 0


def test_a_lost_version_is_read_from_the_database_again(client, shared):
    row = make_exercise("Cable row", slug="cable-row", primary=[make_muscle("Lats", slug="lats")])
    get(client, row.get_absolute_url())
    shared.delete(pagecache.VERSION_KEY)  # expired, or Redis restarted
    response, _ = get(client, row.get_absolute_url())
    assert response["X-Cache"] == "hit"  # the page was stored under the database's version
    assert shared.get(pagecache.VERSION_KEY) == current_version()


def test_a_scheduled_item_appears_at_its_time_with_a_shared_cache(client, shared, monkeypatch):
    lats = make_muscle("Lats", slug="lats")
    soon = timezone.now() + timezone.timedelta(hours=8)
    make_exercise("Dawn row", slug="dawn-row", primary=[lats], published_at=soon)
    assert "Dawn row" not in get(client, reverse("exercises:exercise-list"))[1]
    assert get(client, reverse("exercises:exercise-list"))[0]["X-Cache"] == "hit"
    later = soon + timezone.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response, html = get(client, reverse("exercises:exercise-list"))
    assert response["X-Cache"] == "miss" and "Dawn row" in html
    assert shared.get(pagecache.NEXT_CHANGE_KEY) == 0


def test_the_last_step_of_a_restore_invalidates_cached_pages(client, row):
    """Fixtures load without signals; `search_index`, run after `loaddata`, bumps the version."""
    url = row.get_absolute_url()
    get(client, url)
    Exercise.objects.filter(pk=row.pk).update(summary="Restored words.")  # as loaddata writes, unseen
    assert "Restored words." not in get(client, url)[1]
    call_command("search_index", stdout=io.StringIO())
    response, html = get(client, url)
    assert response["X-Cache"] == "miss" and "Restored words." in html
