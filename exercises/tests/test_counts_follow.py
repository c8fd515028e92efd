"""Every count in the filter panel is exactly the number of results that ticking it gives.

For a few filtered states, in both modes ("only what I have" off and on), the test follows
every option the panel shows and compares the count beside it with the page it leads to.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from .factories import seeded_per_class

LIST = reverse("exercises:exercise-list")
STATES = [
    {},
    {"equipment": ["dumbbells"]},
    {"equipment": ["dumbbells", "flat-bench"], "only": "1"},
    {"equipment": ["barbell"], "only": "1", "difficulty": ["beginner"]},
    {"muscle": ["latissimus-dorsi"], "role": "primary"},
    {"region": ["lower-back"], "kind": ["mobility"]},
]


def query(state, extra=None, page=LIST):
    params = {key: list(value) if isinstance(value, list) else value for key, value in state.items()}
    if extra:
        param, value = extra
        params[param] = [*params.get(param, []), value]
    return f"{page}?{urlencode(params, doseq=True)}"


@pytest.mark.django_db
class TestCountsFollow:
    seeded = seeded_per_class

    @pytest.mark.parametrize("state", STATES, ids=lambda s: urlencode(s, doseq=True) or "all")
    def test_every_count_is_the_result_of_ticking_it(self, client, seeded, state):
        page = client.get(query(state))
        wrong = {}
        for facet in page.context["facets"]:
            for option in facet["options"]:
                if option["checked"]:
                    continue
                shown = option["count"]
                total = client.get(query(state, (facet["param"], option["value"]))).context["total"]
                if shown != total:
                    wrong[f"{facet['param']}={option['value']}"] = (shown, total)
        assert wrong == {}

    @pytest.mark.parametrize(
        "state", [{}, {"level": ["beginner"]}, {"equipment": ["dumbbells"], "only": "1"}], ids=str
    )
    def test_the_programs_panel_too(self, client, seeded, state):
        programs = reverse("programs:program-list")
        page = client.get(query(state, page=programs))
        for facet in page.context["facets"]:
            for option in facet["options"]:
                if not option["checked"]:
                    ticked = client.get(query(state, (facet["param"], option["value"]), page=programs))
                    assert option["count"] == ticked.context["total"], (facet["param"], option["value"])
