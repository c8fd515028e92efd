"""The facet index (facetindex.py) against the SQL filters that define each parameter.

For generated combinations of filters over the seed content, the index must give the same
results, in the same order, and the same count for every option as the FilterSet's SQL: an
option's count is the number of results there would be with it ticked (the facet's other
options unticked; with "only what I have", added to the ticked equipment).
"""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.facetindex import Results, mask_of, set_bits
from exercises.filters import ExerciseFilter
from exercises.models import Benefit, BodyRegion, Equipment, Exercise, Muscle

from .factories import seeded_per_class


def filterset(pairs):
    return ExerciseFilter(QueryDict(urlencode(pairs)), queryset=Exercise.objects.published())


def sql_count(pairs):
    return filterset(pairs).qs.count()


def expected_counts(pairs, facet, options):
    others = [(k, v) for k, v in pairs if k != facet]
    selected = [v for k, v in pairs if k == facet]
    if facet == "equipment" and ("only", "1") in pairs:
        current = filterset(pairs).qs
        return {
            option: current.filter(equipment__slug=option).distinct().count()
            if option in selected
            else sql_count([*pairs, ("equipment", option)])
            for option in options
        }
    return {option: sql_count([*others, (facet, option)]) for option in options}


def slugs(model):
    return list(model.objects.values_list("slug", flat=True))


@pytest.mark.system
@pytest.mark.django_db
class TestAgainstTheSqlFilters:
    seeded = seeded_per_class

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
        subject = filterset(pairs)
        index = subject.index
        mask = index.matching(subject)
        results = Results(index, mask, by_difficulty=subject.value("sort") == "difficulty")
        assert list(results) == list(subject.qs.values_list("pk", flat=True)), pairs
        counts = index.facet_counts(subject)
        for facet, options in choices.items():
            assert counts[facet] == expected_counts(pairs, facet, options), (facet, pairs)


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
