"""Filters for /programs/, on the same path as the catalogue's (see core/faceting.py).

Parameters: level, goal, equipment (with only=1: needs nothing beyond the ticked equipment),
sessions (sessions per week). A program's equipment is derived from its exercises. Each
filter method below is the one definition of its parameter, over this page's facet index.
"""

from collections import defaultdict

from core.faceting import ChoiceFilter, FacetedFilterSet, FacetIndex, IndexCache, SlugsFilter
from exercises.models import Benefit, Equipment

from .models import Level, Prescription, ProgramTemplate

SESSION_CHOICES = [(str(n), f"{n} a week") for n in range(1, 8)]


def equipment_pairs(programs=None):
    """(equipment slug, program id) for every piece a program's exercises need, in one query."""
    rows = Prescription.objects.filter(exercise__equipment__isnull=False)
    if programs is not None:
        rows = rows.filter(session__phase__program__in=programs)
    return rows.values_list("exercise__equipment__slug", "session__phase__program_id").distinct()


def equipment_by_program(program_ids):
    """{program id: set of equipment slugs its exercises need}."""
    needed = defaultdict(set)
    for slug, program_id in equipment_pairs(program_ids):
        needed[program_id].add(slug)
    return needed


def build(version):
    rows = list(
        ProgramTemplate.objects.published()
        .order_by("name", "pk")
        .values_list("pk", "level", "goal__slug", "sessions_per_week")
    )
    options = {"goal": list(Benefit.objects.all()), "equipment": list(Equipment.objects.all())}
    return FacetIndex(
        version,
        order=[pk for pk, *_rest in rows],
        pairs={
            "level": ((level, pk) for pk, level, _goal, _sessions in rows),
            "goal": ((goal, pk) for pk, _level, goal, _sessions in rows if goal),
            "sessions": ((str(sessions), pk) for pk, _level, _goal, sessions in rows),
            "equipment": equipment_pairs(),
        },
        keys={
            "level": Level.values,
            "goal": [g.slug for g in options["goal"]],
            "sessions": [value for value, _label in SESSION_CHOICES],
            "equipment": [e.slug for e in options["equipment"]],
        },
        options=options,
    )


class ProgramFilter(FacetedFilterSet):
    level = SlugsFilter(choices=Level.choices, method="filter_in")
    goal = SlugsFilter(method="filter_in")
    equipment = SlugsFilter(method="filter_equipment")
    only = ChoiceFilter(method="filter_nothing", choices=[("1", "Only what I have")])
    sessions = SlugsFilter(choices=SESSION_CHOICES, method="filter_in")

    FACETS = ["level", "goal", "equipment", "sessions"]
    LABELS = {
        "level": "level",
        "goal": "goal",
        "equipment": "equipment",
        "only": "“only what I have” value",
        "sessions": "number of sessions a week",
    }

    class Meta:
        model = ProgramTemplate
        fields = []

    index_cache = IndexCache(build)
    CHOICES_FROM_INDEX = ("goal", "equipment")

    @property
    def only_mode(self):
        return self.value("only") == "1"

    def always_applied(self):
        return ("equipment",) if self.only_mode else ()

    def filter_equipment(self, mask, name, value):
        """Needs any ticked item; with "only what I have", needs nothing outside them."""
        if self.only_mode:
            return self.only_what_i_have(mask, "equipment", value)
        return mask & self.index.any_of("equipment", value)

    def count_facet(self, facet, base):
        if facet == "equipment" and self.only_mode:
            return self.only_what_i_have_counts(base, "equipment")
        return self.index.counts(base, facet)
