"""Project-wide pytest fixtures. Test settings live in backsite/settings_test.py."""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from backsite import search as site_search
from core.faceting import IndexCache
from exercises.tests.factories import make_equipment, make_exercise, make_muscle, make_region


@pytest.fixture(autouse=True)
def forget_content_versions():
    """Rolled-back tests reuse content version numbers with other content: drop everything
    keyed by them (the facet index and cached fragments) after each test."""
    yield
    for index in IndexCache.every:
        index.forget()
    cache.clear()
    site_search._vocabulary.update(version=None, names={})


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a temporary folder, not the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="class")
def seeded_once(django_db_setup, django_db_blocker):
    """The seed content, loaded once for a whole test class and rolled back after it.

    For classes of read-mostly tests: each test still runs in its own savepoint (the ``db``
    fixture), so what one test changes is undone before the next.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("seed", verbosity=0)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(db):
    """The real seed content, as `make run` loads it."""
    call_command("seed", verbosity=0)


@pytest.fixture
def catalogue(db):
    """A small catalogue whose exact filter results the tests can reason about."""
    upper = make_region("Upper back", slug="upper-back", position=1)
    middle = make_region("Middle back", slug="middle-back", position=2)
    traps = make_muscle("Trapezius", slug="trapezius", regions=[upper, middle])
    upper_traps = make_muscle("Upper trapezius", slug="upper-trapezius", parent=traps, regions=[upper])
    mid_traps = make_muscle("Middle trapezius", slug="middle-trapezius", parent=traps, regions=[middle])
    lats = make_muscle("Latissimus dorsi", slug="latissimus-dorsi", regions=[middle])
    biceps = make_muscle("Biceps", slug="biceps")
    dumbbells = make_equipment("Dumbbells", slug="dumbbells", kind="free-weight")
    bench = make_equipment("Flat bench", slug="flat-bench")
    bar = make_equipment("Pull-up bar", slug="pull-up-bar", kind="bodyweight")
    return {
        "regions": {"upper": upper, "middle": middle},
        "muscles": {
            "traps": traps,
            "upper_traps": upper_traps,
            "mid_traps": mid_traps,
            "lats": lats,
            "biceps": biceps,
        },
        "equipment": {"dumbbells": dumbbells, "bench": bench, "bar": bar},
        "exercises": {
            "row": make_exercise(
                "One-arm row",
                slug="one-arm-row",
                primary=[lats, mid_traps],
                secondary=[biceps],
                equipment=[dumbbells, bench],
                aliases="single arm row",
            ),
            "shrug": make_exercise(
                "Dumbbell shrug",
                slug="dumbbell-shrug",
                primary=[upper_traps],
                equipment=[dumbbells],
                kind="strength",
                difficulty="beginner",
                movement_pattern="shrug",
            ),
            "pull_up": make_exercise(
                "Pull-up",
                slug="pull-up",
                primary=[lats],
                secondary=[mid_traps, biceps],
                equipment=[bar],
                difficulty="intermediate",
                movement_pattern="vertical-pull",
            ),
            "squeeze": make_exercise(
                "Scapular squeeze",
                slug="scapular-squeeze",
                primary=[mid_traps],
                kind="activation",
                movement_pattern="scapular-control",
            ),
            "draft": make_exercise(
                "Draft row", slug="draft-row", primary=[lats], status="draft", equipment=[dumbbells]
            ),
            "heavy": make_exercise(
                "Advanced lat move",
                slug="advanced-lat-move",
                primary=[lats],
                difficulty="advanced",
                secondary=[traps],
                equipment=[bar, dumbbells],
            ),
        },
    }


@pytest.fixture
def redis_url():
    """A Redis database of this test process's own: parallel workers (pytest-xdist) each
    clear theirs without emptying another's, and never see another's content version."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return f"redis://127.0.0.1:6379/{4 + int(worker) % 8}"
