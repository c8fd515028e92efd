"""The shared publishing pattern: what published() lets through, and the constraints."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.publishing import Status
from exercises.models import Exercise, ExerciseLink, ExerciseStep

from .factories import make_exercise


@pytest.mark.django_db
def test_published_excludes_drafts_and_the_future():
    live = make_exercise(slug="live")
    make_exercise(slug="draft", status=Status.DRAFT)
    make_exercise(slug="soon", published_at=timezone.now() + timezone.timedelta(minutes=5))
    assert list(Exercise.objects.published()) == [live]


@pytest.mark.django_db
def test_visible_to_staff_includes_drafts():
    make_exercise(slug="live")
    make_exercise(slug="draft", status=Status.DRAFT)
    staff = User.objects.create_user("editor", is_staff=True)
    assert Exercise.objects.visible_to(staff).count() == 2
    assert Exercise.objects.visible_to(AnonymousUser()).count() == 1


@pytest.mark.django_db
def test_publishing_stamps_the_time_once():
    exercise = make_exercise(slug="x", status=Status.DRAFT)
    assert exercise.published_at is None
    exercise.status = Status.PUBLISHED
    exercise.save()
    stamped = exercise.published_at
    assert stamped is not None and exercise.is_live
    exercise.save()
    assert exercise.published_at == stamped


@pytest.mark.django_db
def test_database_refuses_published_without_a_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=make_exercise(slug="x").pk).update(published_at=None)


@pytest.mark.django_db
def test_database_refuses_bad_steps_and_self_links():
    exercise = make_exercise(slug="x", steps=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseStep.objects.create(exercise=exercise, position=1, text="Duplicate position.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseStep.objects.create(exercise=exercise, position=0, text="Position zero.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseLink.objects.create(from_exercise=exercise, to_exercise=exercise, link_type="variation")


def test_preview_state_words():
    assert Exercise(status=Status.DRAFT).preview_state == "Draft"
    future = timezone.now() + timezone.timedelta(days=2)
    assert Exercise(status=Status.PUBLISHED, published_at=future).preview_state.startswith("Scheduled for ")
    assert Exercise(status=Status.PUBLISHED, published_at=timezone.now()).preview_state == ""
