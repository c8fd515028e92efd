"""Revision history: who changed what and when, the differences, and restoring a version."""

import pytest
from django.urls import reverse

from articles.models import Article
from exercises.models import Exercise, Muscle
from programs.models import ProgramTemplate


@pytest.mark.django_db
def test_admin_edits_are_recorded_with_user_diff_and_restore(admin_client, admin_user, seeded):
    muscle = Muscle.objects.get(slug="levator-scapulae")
    data = {
        "name": muscle.name,
        "slug": muscle.slug,
        "anatomical_name": muscle.anatomical_name,
        "aliases": muscle.aliases,
        "summary": "An editor's rewrite.",
        "location": muscle.location,
        "function": muscle.function,
        "map_shape": muscle.map_shape,
        "position": muscle.position,
        "regions": [r.pk for r in muscle.regions.all()],
        "parent": "",
    }
    url = reverse("admin:exercises_muscle_change", args=[muscle.pk])
    original = "A first edit."
    assert admin_client.post(url, {**data, "summary": original}).status_code == 302
    assert admin_client.post(url, data).status_code == 302
    latest = muscle.history.first()
    assert latest.history_user == admin_user and latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("summary", original, "An editor's rewrite.")]

    page = admin_client.get(reverse("admin:exercises_muscle_history", args=[muscle.pk])).content.decode()
    assert "An editor&#x27;s rewrite." in page or "An editor's rewrite." in page  # the change is shown

    earlier = latest.prev_record
    form_url = reverse("admin:exercises_muscle_simple_history", args=[muscle.pk, earlier.history_id])
    restore = {**data, "summary": earlier.summary}
    assert admin_client.post(form_url, restore).status_code == 302
    muscle.refresh_from_db()
    assert muscle.summary == original


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "slug"),
    [(Exercise, "pull-up"), (Article, "expert-form-tips"), (ProgramTemplate, "balanced-back-session")],
)
def test_every_content_model_keeps_history(seeded, model, slug):
    row = model.objects.get(slug=slug)
    before = row.history.count()
    row.summary = "Changed."
    row.save()
    assert row.history.count() == before + 1
    assert row.history.first().summary == "Changed."
