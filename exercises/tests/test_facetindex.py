"""The catalogue's filters (filters.py, on the facet index) against a plain reading of
what each parameter means.

For generated combinations of filters over the seed content, the page's results, in order,
and the count of every option must equal what a direct check of each published exercise
gives: an option's count is the number of results there would be with it ticked (the
facet's other options unticked; with "only what I have", added to the ticked equipment, and
for a ticked item, the current results that use it).
"""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.faceting import mask_of, set_bits
from exercises.filters import ExerciseFilter
from exercises.models import Benefit, BodyRegion, Equipment, Exercise, Muscle

from . import factories


def filterset(pairs):
    return ExerciseFilter(QueryDict(urlencode(pairs)), queryset=Exercise.objects.published())


def catalogue_facts():
    """Each published exercise as plain sets, read straight from the models."""
    facts = []
    for exercise in Exercise.objects.published().prefetch_related(
        "equipment", "goals", "exercise_muscles__muscle__parent", "exercise_muscles__muscle__training_region"
    ):
        # A muscle counts toward the region it trains; a stretch counts toward nothing.
        links = [
            (
                {link.muscle.slug} | ({link.muscle.parent.slug} if link.muscle.parent else set()),
                {link.muscle.training_region.slug} if link.muscle.training_region else set(),
                link.role,
            )
            for link in exercise.exercise_muscles.all()
            if link.role != "stretched"
        ]
        facts.append(
            {
                "pk": exercise.pk,
                "name": exercise.name,
                "text": f"{exercise.name}\n{exercise.aliases}".lower(),
                "difficulty": exercise.difficulty,
                "kind": exercise.kind,
                "goal": {g.slug for g in exercise.goals.all()},
                "equipment": {e.slug for e in exercise.equipment.all()},
                "links": links,
            }
        )
    return facts


def expected(facts, pairs):
    """The pks that pass every filter in ``pairs``, in the page's order."""
    chosen = {facet: {v for k, v in pairs if k == facet} for facet in ExerciseFilter.FACETS}
    only = ("only", "1") in pairs
    primary = ("role", "primary") in pairs
    text = dict(pairs).get("q", "").strip().lower()

    def passes(fact):
        links = [link for link in fact["links"] if not primary or link[2] == "primary"]
        if only and not fact["equipment"] <= chosen["equipment"]:
            return False
        if not only and chosen["equipment"] and not fact["equipment"] & chosen["equipment"]:
            return False
        if chosen["goal"] and not fact["goal"] & chosen["goal"]:
            return False
        if chosen["muscle"] and not any(muscles & chosen["muscle"] for muscles, _r, _role in links):
            return False
        if chosen["region"] and not any(regions & chosen["region"] for _m, regions, _role in links):
            return False
        for facet in ("difficulty", "kind"):
            if chosen[facet] and fact[facet] not in chosen[facet]:
                return False
        return not text or text in fact["text"]

    found = sorted((f for f in facts if passes(f)), key=lambda f: (f["name"].lower(), f["pk"]))
    if ("sort", "difficulty") in pairs:
        found.sort(key=lambda f: Exercise.Difficulty.values.index(f["difficulty"]))  # stable
    return found


def expected_counts(facts, pairs, facet, options):
    others = [(k, v) for k, v in pairs if k != facet]
    selected = [v for k, v in pairs if k == facet]
    if facet == "equipment" and ("only", "1") in pairs:
        current = expected(facts, pairs)
        return {
            option: sum(option in f["equipment"] for f in current)
            if option in selected
            else len(expected(facts, [*pairs, ("equipment", option)]))
            for option in options
        }
    # A ticked option counts the results that have it; an unticked one, the results there
    # would be with it ticked too (a facet's options combine with "or").
    return {
        option: len(expected(facts, [*others, (facet, option)]))
        if option in selected
        else len(expected(facts, [*pairs, (facet, option)]))
        for option in options
    }


def slugs(model):
    return list(model.objects.values_list("slug", flat=True))


@pytest.mark.system
@pytest.mark.django_db
class TestAgainstAPlainReading:
    seeded = factories.seeded_per_class

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def test_results_order_and_counts_match(self, seeded, data):
        choices = {
            "goal": slugs(Benefit),
            "equipment": slugs(Equipment),
            "muscle": slugs(Muscle),
            "region": slugs(BodyRegion),
            "difficulty": Exercise.Difficulty.values,
            "kind": Exercise.Kind.values,
        }
        pairs = []
        for facet, options in choices.items():
            for value in data.draw(st.lists(st.sampled_from(options), max_size=2, unique=True), label=facet):
                pairs.append((facet, value))
        pairs += data.draw(
            st.lists(
                st.sampled_from([("only", "1"), ("role", "primary"), ("sort", "difficulty"), ("q", "row")]),
                unique=True,
            ),
            label="switches",
        )
        facts = catalogue_facts()
        subject = filterset(pairs)
        assert list(subject.qs) == [f["pk"] for f in expected(facts, pairs)], pairs
        counts = subject.facet_counts()
        for facet, options in choices.items():
            assert counts[facet] == expected_counts(facts, pairs, facet, options), (facet, pairs)


@pytest.mark.django_db
class TestAFewStatesAgainstAPlainReading:
    """The same check for a fixed handful of states, in the fast suite."""

    seeded = factories.seeded_per_class

    @pytest.mark.parametrize(
        "pairs",
        [
            [],
            [("equipment", "dumbbells"), ("only", "1")],
            [("muscle", "latissimus-dorsi"), ("role", "primary"), ("sort", "difficulty")],
            [("region", "middle-back"), ("q", "row")],
            [("only", "1"), ("goal", "improved-posture")],
        ],
    )
    def test_results_and_counts(self, seeded, pairs):
        facts = catalogue_facts()
        subject = filterset(pairs)
        assert list(subject.qs) == [f["pk"] for f in expected(facts, pairs)]
        assert len(subject.qs) > 0  # each state chosen to have results
        choices = {"equipment": slugs(Equipment), "muscle": slugs(Muscle), "kind": Exercise.Kind.values}
        counts = subject.facet_counts(list(choices))
        for facet, options in choices.items():
            assert counts[facet] == expected_counts(facts, pairs, facet, options), facet


def test_bit_helpers():
    assert mask_of([0, 3, 5], 8) == 0b101001
    assert mask_of([], 0) == 0
    assert set_bits(0b101101, 0, 10) == [0, 2, 3, 5]
    assert set_bits(0b101101, 1, 3) == [2, 3]
    assert set_bits(0, 0, 5) == []


@pytest.mark.django_db
class TestFollowsContent:
    def test_a_save_changes_counts_and_cards_on_the_next_request(self, client, catalogue):
        url = reverse("exercises:exercise-list")
        before = client.get(url, {"difficulty": "advanced"}).context["total"]
        exercise = Exercise.objects.published().exclude(difficulty="advanced").first()
        exercise.difficulty = "advanced"
        exercise.name = "Renamed for the test"
        exercise.save()
        response = client.get(url, {"difficulty": "advanced"})
        assert response.context["total"] == before + 1
        assert "Renamed for the test" in response.content.decode()

    def test_cards_render_when_the_cache_is_down(self, client, catalogue, monkeypatch):
        def down(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        monkeypatch.setattr(cache, "get_many", down)
        monkeypatch.setattr(cache, "set_many", down)
        response = client.get(reverse("exercises:exercise-list"))
        assert response.status_code == 200
        assert response.content.decode().count('<article class="card">') == response.context["total"] > 0


def test_facet_options_escape_every_value():
    from core.templatetags.facets import facet_options

    option = {
        "value": '"><b>',
        "id": "f-muscle-x",
        "label": "Lats & <i>more</i>",
        "count": 3,
        "checked": True,
        "depth": 1,
    }
    html = facet_options({"param": "muscle", "options": [option, {**option, "checked": False}]})
    assert "<b>" not in html and "<i>" not in html
    assert 'value="&quot;&gt;&lt;b&gt;"' in html and "Lats &amp; &lt;i&gt;more&lt;/i&gt;" in html
    assert html.count(" checked>") == 1 and html.count('<span class="count">(3)</span>') == 2


@pytest.mark.django_db
def test_a_text_filter_asks_the_database_once_per_page(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("exercises:exercise-list"), {"q": "row", "equipment": "dumbbells"})
    assert response.context["total"] > 0
    assert sum("LIKE" in query["sql"] for query in queries.captured_queries) == 1
