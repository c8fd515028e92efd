"""History restores and writers' changes go through the editorial workflow (issue 21).

Before: the history form judged "may this user publish?" against the old version's status,
saved no inlines, and let any role bring a deleted item back to the public.
"""

import pytest
from django import forms
from django.contrib.auth.models import Group, User
from django.urls import reverse

from core.publishing import Status
from core.roles import EDITORS, REVIEWERS, WRITERS
from exercises.models import Exercise, ExerciseStep

from .factories import make_equipment, make_exercise, make_muscle


def member(group, name):
    user = User.objects.create_user(name, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def post_data(form):
    """What a browser would send back for ``form`` unchanged (the admin's history form)."""
    data = {}
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        if isinstance(widget, forms.MultiWidget):
            for n, part in enumerate(widget.decompress(value)):
                data[f"{bound.html_name}_{n}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = list(value)
        else:
            data[bound.html_name] = "" if value is None else value
    return data


def change_form_data(response):
    """The change form on ``response`` as a browser would post it back, inlines included."""
    data = post_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(post_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(post_data(form))
    return data


def edit(client, exercise, **changes):
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    return client.post(url, {**change_form_data(client.get(url)), **changes}, follow=True)


def restore(client, exercise_pk, version):
    url = reverse("admin:exercises_exercise_simple_history", args=[exercise_pk, version.history_id])
    form_page = client.get(url)
    assert form_page.status_code == 200
    return client.post(url, post_data(form_page.context["adminform"].form))


@pytest.fixture
def published_then_drafted(db):
    """An exercise that was published, then taken back to draft by a reviewer."""
    lats = make_muscle("Lats", slug="lats")
    exercise = make_exercise("Seal row", slug="seal-row", primary=[lats], equipment=[make_equipment()])
    published_version = exercise.history.first()
    exercise.status = Status.DRAFT
    exercise.save()
    return exercise, published_version


@pytest.mark.django_db
class TestRestore:
    def test_writer_cannot_publish_by_restoring_a_published_version(self, client, published_then_drafted):
        exercise, version = published_then_drafted
        client.force_login(member(WRITERS, "wanda"))
        response = restore(client, exercise.pk, version)
        assert response.status_code == 200
        assert "You can submit this for review" in response.content.decode()
        exercise.refresh_from_db()
        assert exercise.status == Status.DRAFT
        assert client.get("/exercises/seal-row/").status_code == 200  # staff preview
        client.logout()
        assert client.get("/exercises/seal-row/").status_code == 404

    def test_reviewer_restore_must_meet_the_publishing_requirements_of_today(
        self, client, published_then_drafted
    ):
        exercise, version = published_then_drafted
        ExerciseStep.objects.filter(exercise=exercise).delete()
        client.force_login(member(REVIEWERS, "rita"))
        response = restore(client, exercise.pk, version)
        assert response.status_code == 200
        assert "Add at least one step before publishing." in response.content.decode()
        exercise.refresh_from_db()
        assert exercise.status == Status.DRAFT

    def test_reviewer_restores_a_complete_published_version(self, client, published_then_drafted):
        exercise, version = published_then_drafted
        client.force_login(member(REVIEWERS, "rita"))
        assert restore(client, exercise.pk, version).status_code == 302
        exercise.refresh_from_db()
        assert exercise.status == Status.PUBLISHED and exercise.is_live

    @pytest.mark.parametrize("group", [REVIEWERS])
    def test_restoring_a_deleted_item_needs_the_add_permission(self, client, published_then_drafted, group):
        exercise, version = published_then_drafted
        pk = exercise.pk
        exercise.delete()
        client.force_login(member(group, "nobody-adds"))
        url = reverse("admin:exercises_exercise_simple_history", args=[pk, version.history_id])
        assert client.post(url, {"name": "Seal row"}).status_code == 403
        assert not Exercise.objects.filter(pk=pk).exists()

    @pytest.mark.parametrize("group", [EDITORS, WRITERS])
    def test_a_restored_deleted_item_lands_as_a_draft(self, client, published_then_drafted, group):
        exercise, version = published_then_drafted
        pk = exercise.pk
        exercise.delete()
        client.force_login(member(group, "adder"))
        response = restore(client, pk, version)
        assert response.status_code == 302
        restored = Exercise.objects.get(pk=pk)
        assert restored.status == Status.DRAFT and restored.published_at is None
        client.logout()
        assert client.get("/exercises/seal-row/").status_code == 404


@pytest.mark.django_db
class TestWriters:
    def test_writers_hold_no_publish_permission(self):
        writers = {p.codename for p in Group.objects.get(name=WRITERS).permissions.all()}
        assert {"add_exercise", "change_exercise", "add_article", "change_programtemplate"} <= writers
        assert not any(code.startswith("publish_") for code in writers)
        assert not any(code.endswith(("_user", "_group", "_permission")) for code in writers)
        assert "delete_exercise" not in writers and "delete_exercisestep" in writers

    def test_a_writers_change_to_a_live_item_waits_for_review(self, client, published_then_drafted):
        exercise, _ = published_then_drafted
        exercise.status = Status.PUBLISHED
        exercise.save()
        client.force_login(member(WRITERS, "wanda"))
        response = edit(client, exercise, summary="Unreviewed words.")
        assert "sent it back to review" in response.content.decode()
        exercise.refresh_from_db()
        assert exercise.status == Status.IN_REVIEW and exercise.summary == "Unreviewed words."
        client.logout()
        assert client.get("/exercises/seal-row/").status_code == 404

    def test_an_editors_change_to_a_live_item_stays_live(self, client, published_then_drafted):
        exercise, _ = published_then_drafted
        exercise.status = Status.PUBLISHED
        exercise.save()
        client.force_login(member(EDITORS, "eddie"))
        response = edit(client, exercise, summary="Reviewed words.")
        assert "sent it back" not in response.content.decode()
        exercise.refresh_from_db()
        assert exercise.status == Status.PUBLISHED and exercise.summary == "Reviewed words."

    def test_create_editor_makes_a_writer(self, monkeypatch):
        from django.core.management import call_command

        monkeypatch.setenv("BACKSITE_EDITOR_PASSWORD", "a-long-enough-passphrase")
        call_command("create_editor", "penny", "--writer")
        assert list(User.objects.get(username="penny").groups.values_list("name", flat=True)) == [WRITERS]
