"""The synthetic catalogue, and query budgets at 10,000 exercises on every public page."""

import runpy

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from exercises.models import Exercise
from programs.models import ProgramTemplate

pytestmark = pytest.mark.system  # slow: `make test-system`

# Page -> most queries it may run with the full synthetic catalogue loaded.
BUDGETS = {
    "/": 12,
    "/exercises/": 25,
    "/exercises/?equipment=dumbbells&muscle=latissimus-dorsi&difficulty=beginner": 25,
    "/exercises/?goal=improved-posture&region=upper-back&kind=strength&only=1&equipment=dumbbells": 25,
    "/exercises/synthetic-5000/": 8,
    "/anatomy/": 6,
    "/anatomy/muscles/rhomboids/": 7,  # 6, and its sources list since issue 18
    "/anatomy/regions/middle-back/": 6,
    "/articles/": 3,
    "/articles/synthetic-250/": 8,
    "/faq/": 4,
    "/benefits/": 6,
    "/programs/": 12,
    "/programs/synthetic-100/": 14,
    "/balance/": 7,
    "/search/?q=cable+row": 14,
    "/sitemap.xml": 10,
    "/sitemap-exercises.xml?p=3": 3,
    "/exercises/feed/": 3,
    "/articles/feed/": 3,
}


@pytest.mark.django_db
def test_every_public_page_keeps_its_budget_at_10000_exercises(client):
    """One test, one transaction: the 10,000-row catalogue is rolled back at the end."""
    call_command("seed", verbosity=0)
    seeded = Exercise.objects.published().count()
    call_command("synthetic", verbosity=0)
    assert Exercise.objects.filter(slug__startswith="synthetic-").count() == 10_000
    assert Article.objects.filter(slug__startswith="synthetic-").count() == 500
    assert ProgramTemplate.objects.filter(slug__startswith="synthetic-").count() == 200
    sample = Exercise.objects.get(slug="synthetic-42")
    assert sample.name.endswith("(synthetic)") and sample.steps.count() == 3
    assert sample.exercise_muscles.filter(role="primary").exists() and sample.search_text

    over = {}
    for url, budget in BUDGETS.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if len(queries.captured_queries) > budget:
            over[url] = len(queries.captured_queries)
    assert over == {}

    call_command("synthetic", "--remove", verbosity=0)
    assert not Exercise.objects.filter(slug__startswith="synthetic-").exists()
    assert Exercise.objects.published().count() == seeded  # the seed content is untouched


def test_gunicorn_settings_follow_the_machine(monkeypatch):
    import multiprocessing

    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path("gunicorn.conf.py")
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["max_requests"] > 0 and 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["timeout"] and config["graceful_timeout"] and config["accesslog"] == "-"
    assert config["preload_app"] is True  # recycled workers fork from the loaded app
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    assert runpy.run_path("gunicorn.conf.py")["workers"] == 3
