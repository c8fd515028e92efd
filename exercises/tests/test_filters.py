"""The catalogue's filters, checked against exact result sets."""

import pytest
from django.urls import reverse

from core.pagecache import bump
from exercises.models import Muscle
from exercises.tests.factories import listed

LIST = reverse("exercises:exercise-list")


def slugs(response):
    return {exercise.slug for exercise in listed(response)}


def get(client, query=""):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    return response


@pytest.mark.django_db
class TestFilters:
    def test_unfiltered_lists_published_only(self, client, catalogue):
        assert slugs(get(client)) == {
            "one-arm-row",
            "dumbbell-shrug",
            "pull-up",
            "scapular-squeeze",
            "advanced-lat-move",
        }

    def test_equipment_any_of(self, client, catalogue):
        assert slugs(get(client, "equipment=pull-up-bar")) == {"pull-up", "advanced-lat-move"}
        assert slugs(get(client, "equipment=flat-bench&equipment=pull-up-bar")) == {
            "one-arm-row",
            "pull-up",
            "advanced-lat-move",
        }

    def test_only_what_i_have(self, client, catalogue):
        # Dumbbells and a bench: everything needing nothing else, plus no-equipment moves.
        assert slugs(get(client, "equipment=dumbbells&equipment=flat-bench&only=1")) == {
            "one-arm-row",
            "dumbbell-shrug",
            "scapular-squeeze",
        }
        assert slugs(get(client, "equipment=dumbbells&only=1")) == {"dumbbell-shrug", "scapular-squeeze"}

    def test_only_with_nothing_ticked_means_no_equipment(self, client, catalogue):
        assert slugs(get(client, "only=1")) == {"scapular-squeeze"}

    def test_muscle_parent_includes_parts(self, client, catalogue):
        assert slugs(get(client, "muscle=trapezius")) == {
            "one-arm-row",
            "dumbbell-shrug",
            "pull-up",
            "scapular-squeeze",
            "advanced-lat-move",
        }
        assert slugs(get(client, "muscle=upper-trapezius")) == {"dumbbell-shrug"}

    def test_role_primary_only(self, client, catalogue):
        assert slugs(get(client, "muscle=middle-trapezius")) == {"one-arm-row", "pull-up", "scapular-squeeze"}
        assert slugs(get(client, "muscle=middle-trapezius&role=primary")) == {
            "one-arm-row",
            "scapular-squeeze",
        }
        assert slugs(get(client, "muscle=biceps&role=primary")) == set()
        assert slugs(get(client, "muscle=biceps&role=any")) == {"one-arm-row", "pull-up"}

    def test_region(self, client, catalogue):
        # A region holds the exercises whose muscles train it (Muscle.training_region): the
        # whole trapezius spans two regions and trains neither, so the lat move's secondary
        # trapezius does not put it in the upper back.
        assert slugs(get(client, "region=upper-back")) == {"dumbbell-shrug"}
        assert slugs(get(client, "region=middle-back&role=primary")) == {
            "one-arm-row",
            "pull-up",
            "scapular-squeeze",
            "advanced-lat-move",
        }
        Muscle.objects.filter(slug="trapezius").update(training_region=catalogue["regions"]["upper"])
        bump()
        assert slugs(get(client, "region=upper-back")) == {"dumbbell-shrug", "advanced-lat-move"}
        assert slugs(get(client, "region=upper-back&role=primary")) == {"dumbbell-shrug"}

    def test_difficulty_and_kind(self, client, catalogue):
        assert slugs(get(client, "difficulty=intermediate&difficulty=advanced")) == {
            "pull-up",
            "advanced-lat-move",
        }
        assert slugs(get(client, "kind=activation")) == {"scapular-squeeze"}

    def test_text_search_matches_names_and_aliases(self, client, catalogue):
        assert slugs(get(client, "q=SHRUG")) == {"dumbbell-shrug"}
        assert slugs(get(client, "q=single+arm")) == {"one-arm-row"}

    def test_filters_combine_with_and(self, client, catalogue):
        assert slugs(get(client, "muscle=latissimus-dorsi&equipment=pull-up-bar&difficulty=advanced")) == {
            "advanced-lat-move"
        }

    def test_sort(self, client, catalogue):
        by_name = [e.slug for e in listed(get(client, "sort=name"))]
        assert by_name == sorted(by_name, key=lambda s: s.replace("-", " "))
        by_difficulty = [e.difficulty for e in listed(get(client, "sort=difficulty"))]
        assert by_difficulty == ["beginner", "beginner", "beginner", "intermediate", "advanced"]

    def test_draft_never_listed(self, client, catalogue, admin_client):
        assert "draft-row" not in slugs(get(client, "q=draft"))
        assert "draft-row" not in slugs(get(admin_client, "q=draft"))


@pytest.mark.django_db
class TestFacets:
    def facets(self, response):
        return {
            facet["param"]: {o["value"]: o["count"] for o in facet["options"]}
            for facet in response.context["facets"]
        }

    def test_counts_without_filters(self, client, catalogue):
        facets = self.facets(get(client))
        assert facets["equipment"] == {"dumbbells": 3, "flat-bench": 1, "pull-up-bar": 2}
        assert facets["muscle"]["trapezius"] == 5  # itself or any of its parts
        assert facets["muscle"]["middle-trapezius"] == 3
        assert facets["muscle"]["biceps"] == 2
        assert facets["difficulty"] == {"beginner": 3, "intermediate": 1, "advanced": 1}
        assert facets["region"] == {"upper-back": 1, "middle-back": 4}

    def test_counts_are_what_ticking_gives(self, client, catalogue):
        # A facet's options combine with "or": an unticked option counts the results with it
        # ticked too (given the other filters); a ticked one counts the results that have it.
        facets = self.facets(get(client, "equipment=pull-up-bar&difficulty=advanced"))
        assert facets["equipment"] == {"dumbbells": 1, "flat-bench": 1, "pull-up-bar": 1}
        assert facets["difficulty"] == {"beginner": 1, "intermediate": 2, "advanced": 1}

    def test_only_mode_counts_what_ticking_would_unlock(self, client, catalogue):
        facets = self.facets(get(client, "equipment=dumbbells&only=1"))
        # Ticking the bench unlocks the row: 2 possible now + 1.
        assert facets["equipment"]["flat-bench"] == 3
        # The bar alone unlocks the pull-up; the advanced move needs bar + dumbbells: also 1 missing.
        assert facets["equipment"]["pull-up-bar"] == 4
        # A ticked option counts the current results that use it.
        assert facets["equipment"]["dumbbells"] == 1

    def test_primary_only_changes_muscle_counts(self, client, catalogue):
        facets = self.facets(get(client, "role=primary"))
        assert "biceps" not in facets["muscle"]  # no result: not offered at all
        assert facets["muscle"]["middle-trapezius"] == 2

    def test_options_that_lead_nowhere_are_not_offered_and_groups_open_when_chosen(self, client, catalogue):
        response = get(client, "equipment=pull-up-bar&difficulty=advanced")
        html = response.content.decode()
        for facet in response.context["facets"]:
            assert all(o["count"] or o["checked"] for o in facet["options"]), facet["param"]
            assert facet["open"] == (facet["param"] in ("equipment", "difficulty")), facet["param"]
        assert "(0)" not in html
        assert html.index('class="filter-top"') < html.index('id="id_q"')  # choices and apply first
        assert '<details class="facet" open>' in html and '<details class="facet">' in html


@pytest.mark.django_db
class TestPresentation:
    def test_heading_states_count_and_choices(self, client, catalogue):
        response = get(client, "muscle=latissimus-dorsi&equipment=dumbbells&equipment=flat-bench&only=1")
        assert (
            response.context["heading"]
            == "1 exercise for latissimus dorsi using only dumbbells and flat bench"
        )
        assert "1 exercise for latissimus dorsi" in response.content.decode()

    def test_chips_remove_one_value_and_keep_the_rest(self, client, catalogue):
        response = get(client, "equipment=dumbbells&equipment=flat-bench&muscle=latissimus-dorsi&page=1")
        html = response.content.decode()
        # Removing dumbbells keeps the bench and the muscle, and drops the page number.
        assert 'href="?equipment=flat-bench&amp;muscle=latissimus-dorsi"' in html
        assert 'href="?equipment=dumbbells&amp;equipment=flat-bench"' in html
        assert f'href="{LIST}">Clear all filters' in html

    def test_checked_options_stay_checked(self, client, catalogue):
        html = get(client, "equipment=dumbbells&only=1").content.decode()
        assert 'value="dumbbells" id="f-equipment-dumbbells" checked' in html
        assert 'id="f-only" checked' in html
        assert 'value="flat-bench" id="f-equipment-flat-bench">' in html

    def test_every_control_has_a_label(self, client, catalogue):
        import re

        html = get(client).content.decode()
        ids = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html)
        assert ids
        for control_id in ids:
            assert f'for="{control_id}"' in html

    def test_empty_result_offers_each_filter_removed(self, client, catalogue):
        response = get(client, "muscle=biceps&role=primary&kind=activation")
        html = response.content.decode()
        assert "No exercises match all of these filters." in html
        relaxations = {r["label"]: r["count"] for r in response.context["relaxations"]}
        assert relaxations == {"muscle": 1, "kind": 0}

    def test_answers_the_lats_dumbbells_bench_question_on_seed_content(self, client, seeded):
        response = get(
            client, "muscle=latissimus-dorsi&role=primary&equipment=dumbbells&equipment=flat-bench&only=1"
        )
        found = slugs(response)
        assert {"dumbbell-single-arm-row", "dumbbell-bent-over-row", "dumbbell-pullover"} <= found
        for exercise in listed(response):
            assert {e.slug for e in exercise.equipment.all()} <= {"dumbbells", "flat-bench"}


@pytest.mark.django_db
def test_each_filterset_gets_filters_of_its_own(catalogue):
    """The lenient fields remember what they ignored: each FilterSet's filters and form
    fields must be its own, so one request's values never show on another's page."""
    from exercises.filters import ExerciseFilter
    from exercises.models import Exercise

    first = ExerciseFilter({"muscle": ["trapezius"]}, queryset=Exercise.objects.published())
    second = ExerciseFilter({"kind": ["compound"]}, queryset=Exercise.objects.published())
    for name, base in ExerciseFilter.base_filters.items():
        mine, theirs = first.filters[name], second.filters[name]
        assert mine is not base and mine is not theirs
        assert mine.extra is not base.extra and mine.extra is not theirs.extra
        assert mine.parent is first and theirs.parent is second
        assert mine.method == base.method
        assert mine.filter.f is mine and mine.filter.method.__self__ is first  # calls first's method
    first.filters["muscle"].extra["help_text"] = "only on this one"
    assert "help_text" not in second.filters["muscle"].extra
    assert "help_text" not in ExerciseFilter.base_filters["muscle"].extra
    # The forms' fields are copies too: what one form's cleaning
    # remembers, or a change to one form's widget, stays with that form.
    assert first.form.is_valid() and second.form.is_valid()
    bad = ExerciseFilter({"muscle": ["no-such-muscle"]}, queryset=Exercise.objects.published())
    bad.form.is_valid()
    assert bad.form.fields["muscle"].ignored == ["no-such-muscle"]
    assert first.form.fields["muscle"].ignored == []
    for name, field in first.form.fields.items():
        other = second.form.fields[name]
        assert field is not other and field.widget is not other.widget
        assert field.widget.attrs is not other.widget.attrs
        assert field.error_messages is not other.error_messages
        assert field.validators is not other.validators
    first.form.fields["q"].widget.attrs["placeholder"] = "only on this one"
    assert "placeholder" not in second.form.fields["q"].widget.attrs
