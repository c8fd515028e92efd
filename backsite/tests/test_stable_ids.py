"""Permanent UUIDs (issue 20): every public resource has one, it survives a rename, the API
finds rows by it, and seeded rows hold the same UUID on every install and after upgrading."""

import json
import uuid

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.stableids import StableId, stable_uuid
from exercises.models import Exercise

STABLE_MODELS = [m for m in apps.get_models() if issubclass(m, StableId)]


def body(response):
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_every_public_resource_has_a_permanent_id():
    names = sorted(m._meta.label for m in STABLE_MODELS)
    assert names == [
        "articles.Article",
        "articles.Question",
        "exercises.Benefit",
        "exercises.BodyRegion",
        "exercises.Equipment",
        "exercises.Exercise",
        "exercises.Muscle",
        "exercises.Reference",
        "programs.ProgramTemplate",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestSeededIds:
    def test_seeded_rows_hold_the_id_of_their_natural_key(self):
        for model in STABLE_MODELS:
            rows = list(model._base_manager.all())
            assert rows, model
            for row in rows:
                assert row.uuid == stable_uuid(model._meta.label, row.natural_key()[0]), row

    def test_the_api_gives_the_id_and_finds_rows_by_it(self, client):
        pull_up = Exercise.objects.get(slug="pull-up")
        data = body(client.get(reverse("api:exercise-detail", kwargs={"slug": str(pull_up.uuid)})))
        assert data["slug"] == "pull-up"
        assert data["uuid"] == str(pull_up.uuid)
        assert all(m["uuid"] for m in data["muscles"]) and all(r["uuid"] for r in data["references"])
        listed = body(client.get(reverse("api:exercise-list"), {"q": "pull-up"}))["results"]
        assert str(pull_up.uuid) in {r["uuid"] for r in listed}
        for name in ["muscle", "region", "equipment", "goal", "program", "article", "question"]:
            first = body(client.get(reverse(f"api:{name}-list")))
            first = first["results"][0] if "results" in first else first[0]
            again = body(client.get(reverse(f"api:{name}-detail", kwargs={"slug": first["uuid"]})))
            assert again["slug"] == first["slug"], name

    def test_a_renamed_exercise_keeps_its_id(self, client):
        pull_up = Exercise.objects.get(slug="pull-up")
        before = pull_up.uuid
        pull_up.slug = "pull-ups"
        pull_up.save()
        data = body(client.get(reverse("api:exercise-detail", kwargs={"slug": str(before)})))
        assert (data["slug"], data["uuid"]) == ("pull-ups", str(before))
        assert client.get(reverse("api:exercise-detail", kwargs={"slug": "pull-up"})).status_code == 404
        # Seeding again finds the renamed row by its id: nothing is re-added or changed.
        steps = pull_up.steps.count()
        count = Exercise.objects.count()
        call_command("seed", verbosity=0)
        assert Exercise.objects.count() == count
        assert not Exercise.objects.filter(slug="pull-up").exists()
        renamed = Exercise.objects.get(slug="pull-ups")
        assert (renamed.uuid, renamed.steps.count()) == (before, steps)

    def test_an_unknown_id_is_a_404(self, client):
        url = reverse("api:exercise-detail", kwargs={"slug": str(uuid.uuid4())})
        assert client.get(url).status_code == 404


@pytest.mark.system  # ten seconds of migrating back and forth: `make test-system`
@pytest.mark.django_db(transaction=True)
def test_upgrading_gives_existing_rows_the_ids_a_fresh_install_gives():
    executor = MigrationExecutor(connection)
    before = [("exercises", "0024_issue18_clinical"), ("programs", "0009_issue18_clinical")]
    before += [("articles", "0009_issue18_clinical")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    region = old.get_model("exercises", "BodyRegion").objects.create(slug="upper-back", name="Upper back")
    old.get_model("exercises", "Reference").objects.create(key="ourieff-2023", title="Trapezius")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    stored = new.get_model("exercises", "BodyRegion").objects.get(pk=region.pk)
    assert stored.uuid == stable_uuid("exercises.BodyRegion", "upper-back")
    reference = new.get_model("exercises", "Reference").objects.get(key="ourieff-2023")
    assert reference.uuid == stable_uuid("exercises.Reference", "ourieff-2023")
    # And the migration runs backwards (the field goes, the rows stay).
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
