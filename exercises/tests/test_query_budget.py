"""Each public page runs a fixed number of queries, however many exercises exist."""

import random

import pytest
from django.urls import reverse
from django.utils import timezone

from core.pagecache import bulk_change
from exercises.models import (
    Benefit,
    Equipment,
    Exercise,
    ExerciseLink,
    ExerciseMuscle,
    ExercisePose,
    ExerciseStep,
    Muscle,
)

from .factories import listed, make_equipment, make_muscle, make_region

N_EXERCISES = 600


@pytest.fixture
def big_catalogue(db):
    """Hundreds of exercises with muscles, equipment, steps, links and poses, built in bulk."""
    rng = random.Random(7)
    regions = [make_region(slug=f"r{n}") for n in range(3)]
    parents = [make_muscle(slug=f"parent-{n}", regions=regions[:2]) for n in range(3)]
    muscles = parents + [
        make_muscle(slug=f"m{n}", parent=parents[n % 3], regions=[regions[n % 3]]) for n in range(15)
    ]
    equipment = [make_equipment(slug=f"e{n}") for n in range(12)]
    now = timezone.now()
    exercises = Exercise.objects.bulk_create(
        Exercise(
            name=f"Generated exercise {n:04d}",
            slug=f"gen-{n}",
            summary="Generated.",
            movement_pattern="hinge",
            status="published",
            published_at=now,
            difficulty=rng.choice(Exercise.Difficulty.values),
            kind=rng.choice(Exercise.Kind.values),
            tips="One\nTwo",
            mistakes="Three",
        )
        for n in range(N_EXERCISES)
    )
    ExerciseStep.objects.bulk_create(
        ExerciseStep(exercise=e, position=p, text="Do it.") for e in exercises for p in (1, 2, 3)
    )
    links, kit, related = [], [], []
    for i, exercise in enumerate(exercises):
        for j, muscle in enumerate(rng.sample(muscles, 4)):
            links.append(
                ExerciseMuscle(exercise=exercise, muscle=muscle, role=["primary", "secondary"][j % 2])
            )
        for item in rng.sample(equipment, rng.randint(0, 3)):
            kit.append(Exercise.equipment.through(exercise=exercise, equipment=item))
        for k in (1, 2, 3):
            related.append(
                ExerciseLink(
                    from_exercise=exercise,
                    to_exercise=exercises[(i + k) % N_EXERCISES],
                    link_type="alternative",
                )
            )
    ExerciseMuscle.objects.bulk_create(links)
    Exercise.equipment.through.objects.bulk_create(kit)
    ExerciseLink.objects.bulk_create(related)
    ExercisePose.objects.bulk_create(  # every exercise drawn: figures must not add queries per card
        ExercisePose(exercise=e, frame=frame, hip=hip)
        for e in exercises
        for frame, hip in (("start", 0), ("finish", 80))
    )
    Exercise.objects.refresh_figures()  # bulk_create sends no signals
    goals = [Benefit.objects.create(name=f"Goal {n}", slug=f"g{n}", summary=".") for n in range(4)]
    Exercise.goals.through.objects.bulk_create(
        Exercise.goals.through(exercise=e, benefit=goals[i % 4]) for i, e in enumerate(exercises)
    )
    return exercises


LIST = reverse("exercises:exercise-list")
QUERIES = [
    "",
    "equipment=e1&equipment=e2&muscle=parent-0&muscle=m4&region=r1&difficulty=beginner&kind=strength",
    "equipment=e1&equipment=e2&equipment=e3&only=1&sort=difficulty&page=2",
    "muscle=parent-1&role=primary&q=generated&page=3",
    "muscle=m1&equipment=e1&difficulty=advanced&kind=activation&q=nothing-matches",
    # The worst case: every facet active, "only" on, and an empty result that prices each removal.
    "muscle=m1&muscle=m2&equipment=e1&only=1&region=r2&difficulty=advanced&kind=activation&q=zz&role=primary"
    "&goal=g1",
    "goal=g1&goal=g2&equipment=e4&page=2",
]


@pytest.mark.parametrize("query", QUERIES)
def test_catalogue_query_budget(client, big_catalogue, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(25):
        response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200


def test_catalogue_page_is_full_at_scale(client, big_catalogue):
    response = client.get(LIST)
    assert response.context["total"] == N_EXERCISES
    assert len(listed(response)) == 24


def test_detail_query_budget(client, big_catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("exercises:exercise-detail", kwargs={"slug": "gen-10"}))
    assert response.status_code == 200
    assert response.content.decode().count('<li value="') == 3


def test_home_query_budget(client, big_catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["exercise_count"] == N_EXERCISES


def test_budget_does_not_grow_with_data(client, big_catalogue, django_assert_num_queries):
    """The same page costs the same number of queries at 600 exercises as at 1,200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = QUERIES[1]
    with CaptureQueriesContext(connection) as before:
        total = client.get(f"{LIST}?{query}").context["total"]
    with bulk_change():  # bulk inserts send no signals: the loader says when it is done
        more = Exercise.objects.bulk_create(
            Exercise(
                name=f"More {n}",
                slug=f"more-{n}",
                summary=".",
                movement_pattern="hinge",
                status="published",
                published_at=timezone.now(),
            )
            for n in range(N_EXERCISES)
        )
        muscle = Muscle.objects.get(slug="m4")
        ExerciseMuscle.objects.bulk_create(ExerciseMuscle(exercise=e, muscle=muscle) for e in more)
        Exercise.equipment.through.objects.bulk_create(
            Exercise.equipment.through(exercise=e, equipment=Equipment.objects.get(slug="e1")) for e in more
        )
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(f"{LIST}?{query}")
    assert response.context["total"] > total  # the new rows are counted, not a stale index


@pytest.mark.parametrize("query", ["", "?q=generated", "?status__exact=published&difficulty__exact=advanced"])
def test_admin_changelist_budget(admin_client, big_catalogue, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:exercises_exercise_changelist") + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0 or "q=" not in query
