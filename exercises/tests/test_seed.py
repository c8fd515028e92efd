"""The seed content: complete, consistent, and safe to load again."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from exercises.models import (
    BodyRegion,
    Equipment,
    Exercise,
    ExerciseLink,
    ExerciseMuscle,
    ExerciseStep,
    Muscle,
)

from . import factories

MODELS = [BodyRegion, Muscle, Equipment, Exercise, ExerciseStep, ExerciseMuscle, ExerciseLink]


def snapshot():
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in MODELS}


@pytest.mark.django_db
def test_loading_twice_changes_nothing(seeded):
    before = snapshot()
    call_command("seed", verbosity=0)
    assert snapshot() == before


@pytest.mark.django_db
def test_editor_changes_survive_a_reseed(seeded):
    Exercise.objects.filter(slug="pull-up").update(summary="Edited by an editor.")
    ExerciseStep.objects.filter(exercise__slug="pull-up", position=1).update(text="Edited step.")
    call_command("seed", verbosity=0)
    assert Exercise.objects.get(slug="pull-up").summary == "Edited by an editor."
    assert ExerciseStep.objects.get(exercise__slug="pull-up", position=1).text == "Edited step."


@pytest.mark.django_db
def test_a_deleted_row_comes_back(seeded):
    Exercise.objects.filter(slug="rack-pull").delete()  # no program uses it, so it may go
    call_command("seed", verbosity=0)
    rack_pull = Exercise.objects.get(slug="rack-pull")
    assert rack_pull.steps.exists() and rack_pull.exercise_muscles.exists()


@pytest.mark.django_db
class TestSeedContent:
    """What the seed holds, loaded once for the class (read-only tests)."""

    seeded = factories.seeded_per_class

    def test_every_seeded_exercise_is_publishable_and_complete(self, seeded):
        exercises = Exercise.objects.published()
        assert exercises.count() == Exercise.objects.count() >= 60
        for exercise in exercises.prefetch_related("steps", "exercise_muscles"):
            assert exercise.publishing_problems() == [], exercise.slug
            assert exercise.tip_list and exercise.mistake_list, exercise.slug
            assert len(exercise.summary) <= 300

    def test_the_source_articles_exercises_are_all_there(self, seeded):
        names = set(Exercise.objects.values_list("slug", flat=True))
        # A sample across the five articles: the 35-exercise list, the physical-therapy moves,
        # the rows, face pulls, deadlifts, back extensions, stretches and home moves.
        for slug in [
            "rack-pull",
            "seal-push-up",
            "weighted-chin-up",
            "wall-angel",
            "open-book",
            "i-y-t-raise",
            "diaphragmatic-breathing",
            "face-pull",
            "t-bar-row",
            "hex-bar-deadlift",
            "sumo-deadlift",
            "back-extension",
            "superman",
            "cobra-pose",
            "bird-dog",
            "seated-twist",
            "band-pull-apart",
        ]:
            assert slug in names

    def test_no_equipment_item_is_called_none(self, seeded):
        assert not Equipment.objects.filter(slug__in=["none", "bodyweight", "no-equipment"]).exists()
        assert Exercise.objects.filter(equipment__isnull=True, slug="wall-angel").exists()

    def test_trapezius_and_rhomboid_families(self, seeded):
        traps = Muscle.objects.get(slug="trapezius")
        assert set(traps.parts.values_list("slug", flat=True)) == {
            "upper-trapezius",
            "middle-trapezius",
            "lower-trapezius",
        }
        assert set(BodyRegion.objects.values_list("slug", flat=True)) == {
            "upper-back",
            "middle-back",
            "lower-back",
        }


def test_fixture_files_use_natural_keys_only():
    for path in Path(settings.FIXTURE_DIRS[0]).glob("*.json"):
        for row in json.loads(path.read_text()):
            assert "pk" not in row, path.name


@pytest.mark.django_db
def test_reseed_fills_only_empty_fields(seeded):
    """A field added later reaches existing rows; what an editor wrote is never replaced."""
    Muscle.objects.filter(slug="rhomboids").update(location="", function="An editor's own words.")
    call_command("seed", verbosity=0)
    rhomboids = Muscle.objects.get(slug="rhomboids")
    assert rhomboids.location  # filled from the seed
    assert rhomboids.function == "An editor's own words."


@pytest.mark.django_db
def test_a_fixture_load_reads_each_leaf_models_keys_once(django_assert_num_queries):
    """Inside a load, asking whether a step exists reads the steps' keys once; a miss after
    that costs no query, a hit one."""
    from core.naturalkeys import existing_keys_read_once
    from exercises.models import ExerciseStep
    from exercises.tests.factories import make_exercise

    make_exercise("Row", slug="row", steps=2)
    with existing_keys_read_once():
        with django_assert_num_queries(1), pytest.raises(ExerciseStep.DoesNotExist):
            ExerciseStep.objects.get_by_natural_key("row", 3)
        with django_assert_num_queries(0), pytest.raises(ExerciseStep.DoesNotExist):
            ExerciseStep.objects.get_by_natural_key("other", 1)
        with django_assert_num_queries(1):
            assert ExerciseStep.objects.get_by_natural_key("row", 2).position == 2
    with django_assert_num_queries(1), pytest.raises(ExerciseStep.DoesNotExist):  # a plain get
        ExerciseStep.objects.get_by_natural_key("other", 1)
