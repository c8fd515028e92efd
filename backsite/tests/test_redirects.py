"""Renaming a slug keeps the old address working with a 301, automatically."""

import pytest
from django.contrib.redirects.models import Redirect

from articles.models import Article
from exercises.models import Exercise, Muscle
from exercises.tests import factories
from programs.models import ProgramTemplate


@pytest.mark.django_db
class TestRedirects:
    """Renames over the seed content, loaded once for the class; each test's changes roll back."""

    seeded = factories.seeded_per_class

    def test_renamed_exercise_answers_301_and_chains_collapse(self, client, seeded):
        exercise = Exercise.objects.get(slug="face-pull")
        exercise.slug = "rope-face-pull"
        exercise.save()
        response = client.get("/exercises/face-pull/")
        assert response.status_code == 301 and response["Location"] == "/exercises/rope-face-pull/"
        exercise = Exercise.objects.get(pk=exercise.pk)
        exercise.slug = "cable-rope-face-pull"
        exercise.save()
        for old in ["/exercises/face-pull/", "/exercises/rope-face-pull/"]:
            response = client.get(old)
            assert response.status_code == 301 and response["Location"] == "/exercises/cable-rope-face-pull/"
        assert client.get("/exercises/cable-rope-face-pull/").status_code == 200

    def test_renaming_back_never_loops(self, client, seeded):
        exercise = Exercise.objects.get(slug="bird-dog")
        exercise.slug = "bird-dog-hold"
        exercise.save()
        exercise = Exercise.objects.get(pk=exercise.pk)
        exercise.slug = "bird-dog"
        exercise.save()
        assert client.get("/exercises/bird-dog/").status_code == 200
        assert client.get("/exercises/bird-dog-hold/")["Location"] == "/exercises/bird-dog/"
        assert not Redirect.objects.filter(old_path="/exercises/bird-dog/").exists()

    @pytest.mark.parametrize(
        ("model", "slug", "old"),
        [
            (Muscle, "rhomboids", "/anatomy/muscles/rhomboids/"),
            (Article, "expert-form-tips", "/articles/expert-form-tips/"),
            (ProgramTemplate, "beginner-4-week-back-plan", "/programs/beginner-4-week-back-plan/"),
        ],
    )
    def test_every_page_type_keeps_its_old_address(self, client, seeded, model, slug, old):
        row = model.objects.get(slug=slug)
        row.slug = f"{slug}-renamed"
        row.save()
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == row.get_absolute_url()

    def test_admin_rename_leaves_a_redirect(self, admin_client, seeded):
        muscle = Muscle.objects.get(slug="teres-major")
        data = {
            "name": muscle.name,
            "slug": "teres-major-muscle",
            "anatomical_name": muscle.anatomical_name,
            "aliases": muscle.aliases,
            "summary": muscle.summary,
            "location": muscle.location,
            "function": muscle.function,
            "map_shape": muscle.map_shape,
            "position": muscle.position,
            "regions": [r.pk for r in muscle.regions.all()],
            "parent": "",
        }
        response = admin_client.post(f"/admin/exercises/muscle/{muscle.pk}/change/", data)
        assert response.status_code == 302
        assert (
            admin_client.get("/anatomy/muscles/teres-major/")["Location"]
            == "/anatomy/muscles/teres-major-muscle/"
        )

    def test_unknown_addresses_are_still_404(self, client, seeded):
        assert client.get("/exercises/never-existed/").status_code == 404

    def test_deleting_can_name_a_replacement(self, admin_client, seeded):
        exercise = Exercise.objects.get(slug="rack-pull")
        replacement = Exercise.objects.get(slug="deadlift")
        url = f"/admin/exercises/exercise/{exercise.pk}/delete/"
        page = admin_client.get(url).content.decode()
        assert "Send readers of its old address to" in page and f'value="{replacement.pk}"' in page
        assert admin_client.post(url, {"post": "yes", "replacement": replacement.pk}).status_code == 302
        assert not Exercise.objects.filter(slug="rack-pull").exists()
        response = admin_client.get("/exercises/rack-pull/")
        assert response.status_code == 301 and response["Location"] == "/exercises/deadlift/"

    def test_deleting_without_a_replacement_leaves_a_404(self, admin_client, seeded):
        exercise = Exercise.objects.get(slug="rack-pull")
        admin_client.post(
            f"/admin/exercises/exercise/{exercise.pk}/delete/", {"post": "yes", "replacement": ""}
        )
        assert admin_client.get("/exercises/rack-pull/").status_code == 404
