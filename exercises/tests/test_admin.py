"""Editors' pages: smoke tests, and publishing rules that keep what the editor typed."""

import pytest
from django.urls import reverse

from exercises.models import Exercise, Muscle

from .factories import make_equipment, make_exercise, make_muscle


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["exercise", "muscle", "bodyregion", "equipment"])
def test_changelist_search_and_add_pages(admin_client, catalogue, model):
    assert admin_client.get(reverse(f"admin:exercises_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:exercises_{model}_changelist") + "?q=tra").status_code == 200
    assert admin_client.get(reverse(f"admin:exercises_{model}_add")).status_code == 200


@pytest.mark.django_db
def test_muscles_list_and_filter_by_the_region_they_train(admin_client, catalogue):
    lats, middle = catalogue["muscles"]["lats"], catalogue["regions"]["middle"]
    Muscle.objects.filter(pk=lats.pk).update(training_region=middle)
    url = reverse("admin:exercises_muscle_changelist")
    assert "Region it trains" in admin_client.get(url).content.decode()
    shown = admin_client.get(url, {"training_region__id__exact": middle.pk}).context["cl"].result_list
    assert set(shown) == {lats, catalogue["muscles"]["mid_traps"]}  # it lies only there


@pytest.mark.django_db
def test_exercise_changelist_filters_and_search(admin_client, catalogue):
    url = reverse("admin:exercises_exercise_changelist")
    response = admin_client.get(url, {"q": "single arm"})  # an alias
    assert [e.slug for e in response.context["cl"].result_list] == ["one-arm-row"]
    muscle = catalogue["muscles"]["upper_traps"]
    response = admin_client.get(url, {"muscles__id__exact": muscle.pk})
    assert [e.slug for e in response.context["cl"].result_list] == ["dumbbell-shrug"]
    response = admin_client.get(url, {"status__exact": "draft"})
    assert [e.slug for e in response.context["cl"].result_list] == ["draft-row"]


def form_data(muscle, equipment, *, status, role="primary", steps=("Hold the bar.",)):
    data = {
        "name": "Test row",
        "slug": "test-row",
        "summary": "A row for tests.",
        "aliases": "",
        "kind": "strength",
        "difficulty": "beginner",
        "mechanics": "compound",
        "force": "pull",
        "movement_pattern": "horizontal-pull",
        "equipment": [equipment.pk],
        "tips": "Keep your ribs down.",
        "mistakes": "",
        "safety_note": "",
        "description": "",
        "status": status,
        "published_at": "",
        "exercise_muscles-TOTAL_FORMS": "1",
        "exercise_muscles-INITIAL_FORMS": "0",
        "exercise_muscles-0-muscle": muscle.pk,
        "exercise_muscles-0-role": role,
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "poses-TOTAL_FORMS": "0",
        "poses-INITIAL_FORMS": "0",
    }
    for n, text in enumerate(steps):
        data.update({f"steps-{n}-position": n + 1, f"steps-{n}-phase": "move", f"steps-{n}-text": text})
    return data


@pytest.mark.django_db
class TestPublishingRules:
    @pytest.fixture
    def parts(self, db):
        return make_muscle("Lats", slug="lats"), make_equipment("Dumbbells", slug="dumbbells")

    def test_publish_with_primary_muscle_and_steps(self, admin_client, parts):
        response = admin_client.post(
            reverse("admin:exercises_exercise_add"), form_data(*parts, status="published")
        )
        assert response.status_code == 302
        exercise = Exercise.objects.get(slug="test-row")
        assert exercise.is_live and exercise.steps.count() == 1
        assert list(exercise.muscles.all()) == [parts[0]]

    def test_publish_without_primary_muscle_is_refused_and_keeps_input(self, admin_client, parts):
        data = form_data(*parts, status="published", role="secondary")
        response = admin_client.post(reverse("admin:exercises_exercise_add"), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert (
            "A published exercise needs at least one primary muscle (a pure stretch: one stretched muscle)."
            in html
        )
        assert 'value="Test row"' in html and "Keep your ribs down." in html and "Hold the bar." in html
        assert not Exercise.objects.filter(slug="test-row").exists()

    def test_publish_without_steps_is_refused(self, admin_client, parts):
        response = admin_client.post(
            reverse("admin:exercises_exercise_add"), form_data(*parts, status="published", steps=())
        )
        assert response.status_code == 200
        assert "A published exercise needs at least one step." in response.content.decode()
        assert not Exercise.objects.exists()

    def test_a_draft_may_be_incomplete(self, admin_client, parts):
        data = form_data(*parts, status="draft", role="secondary", steps=())
        assert admin_client.post(reverse("admin:exercises_exercise_add"), data).status_code == 302
        assert Exercise.objects.get(slug="test-row").status == "draft"

    def test_bulk_publish_refuses_incomplete_exercises(self, admin_client, parts):
        ready = make_exercise("Ready", slug="ready", primary=[parts[0]], status="draft")
        bare = make_exercise("Bare", slug="bare", steps=0, status="draft")
        response = admin_client.post(
            reverse("admin:exercises_exercise_changelist"),
            {"action": "publish", "_selected_action": [ready.pk, bare.pk]},
            follow=True,
        )
        html = response.content.decode()
        assert "Published: 1 item(s)." in html
        assert (
            "Bare: Add at least one primary muscle (for a pure stretch, a stretched one) before publishing."
            in html
        )
        ready.refresh_from_db()
        bare.refresh_from_db()
        assert ready.is_live and bare.status == "draft"

    def test_bulk_unpublish(self, admin_client, parts):
        live = make_exercise("Live", slug="live", primary=[parts[0]])
        admin_client.post(
            reverse("admin:exercises_exercise_changelist"),
            {"action": "unpublish", "_selected_action": [live.pk]},
        )
        live.refresh_from_db()
        assert live.status == "draft"


@pytest.mark.django_db
def test_muscle_parts_are_one_level_deep(admin_client):
    traps = make_muscle("Trapezius", slug="trapezius")
    upper = make_muscle("Upper trapezius", slug="upper-trapezius", parent=traps)
    response = admin_client.post(
        reverse("admin:exercises_muscle_add"),
        {
            "name": "Tiny part",
            "slug": "tiny-part",
            "anatomical_name": "",
            "aliases": "",
            "summary": "",
            "parent": upper.pk,
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "parts are one level deep" in response.content.decode()
    assert not Muscle.objects.filter(slug="tiny-part").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "term", "expected"),
    [
        ("equipment", "dumb", ["Dumbbells"]),
        ("muscle", "trap", ["Trapezius", "Upper trapezius", "Middle trapezius"]),
    ],
)
def test_autocomplete_for_equipment_and_muscles(admin_client, catalogue, field, term, expected):
    model = "exercise" if field == "equipment" else "exercisemuscle"
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "exercises", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert sorted(r["text"] for r in response.json()["results"]) == sorted(expected)


@pytest.mark.django_db
def test_related_exercise_autocomplete(admin_client, catalogue):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "exercises", "model_name": "exerciselink", "field_name": "to_exercise", "term": "pull"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Pull-up"]


@pytest.mark.django_db
def test_admin_pages_work_under_the_strict_csp(admin_client, catalogue):
    """No inline scripts or style attributes, which the site's CSP would block."""
    exercise = catalogue["exercises"]["row"]
    html = admin_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk])).content.decode()
    assert ' style="' not in html
    assert "<script>" not in html
