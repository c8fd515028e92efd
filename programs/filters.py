"""Filters for /programs/, with the catalogue's conventions (see core/faceting.py).

Parameters: level, goal, equipment (with only=1: needs nothing beyond the ticked equipment),
sessions (sessions per week). A program's equipment is derived from its exercises.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef

from core.faceting import ChoiceFilter, FacetedFilterSet, SlugsFilter
from exercises.models import Benefit, Equipment

from .models import Level, Prescription, ProgramTemplate

SESSION_CHOICES = [(str(n), f"{n} a week") for n in range(1, 8)]


def equipment_by_program(program_ids):
    """{program id: set of equipment slugs its exercises need} in one query."""
    needed = defaultdict(set)
    rows = (
        Prescription.objects.filter(
            session__phase__program__in=program_ids, exercise__equipment__isnull=False
        )
        .values_list("session__phase__program_id", "exercise__equipment__slug")
        .distinct()
    )
    for program_id, slug in rows:
        needed[program_id].add(slug)
    return needed


class ProgramFilter(FacetedFilterSet):
    level = SlugsFilter(choices=Level.choices, method="filter_in")
    goal = SlugsFilter(method="filter_goal")
    equipment = SlugsFilter(method="filter_equipment")
    only = ChoiceFilter(method="filter_nothing", choices=[("1", "Only what I have")])
    sessions = SlugsFilter(choices=SESSION_CHOICES, method="filter_sessions")

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal_options = list(Benefit.objects.all())
        self.equipment_options = list(Equipment.objects.all())
        self.filters["goal"].extra["choices"] = [(g.slug, g.name) for g in self.goal_options]
        self.filters["equipment"].extra["choices"] = [(e.slug, e.name) for e in self.equipment_options]

    @property
    def only_mode(self):
        return self.value("only") == "1"

    def filter_goal(self, queryset, name, value):
        return queryset.filter(goal__slug__in=value)

    def filter_sessions(self, queryset, name, value):
        return queryset.filter(sessions_per_week__in=[int(v) for v in value])

    def filter_equipment(self, queryset, name, value):
        uses = Prescription.objects.filter(session__phase__program=OuterRef("pk"))
        if self.only_mode:
            return queryset.exclude(
                Exists(
                    uses.filter(exercise__equipment__isnull=False).exclude(
                        exercise__equipment__slug__in=value
                    )
                )
            )
        return (
            queryset.filter(Exists(uses.filter(exercise__equipment__slug__in=value))) if value else queryset
        )

    def always_applied(self):
        return {"equipment": self.filter_equipment} if self.only_mode else {}

    def counters(self):
        def by_field(field, as_text=False):
            def count(base):
                rows = base.order_by().values_list(field).annotate(n=Count("pk"))
                return {str(key) if as_text else key: n for key, n in rows if key is not None}

            return count

        return {
            "level": by_field("level"),
            "goal": by_field("goal__slug"),
            "sessions": by_field("sessions_per_week", as_text=True),
            "equipment": self._equipment_counts,
        }

    def _equipment_counts(self, base):
        program_ids = list(base.values_list("pk", flat=True))
        needed = equipment_by_program(program_ids)
        counts = defaultdict(int)
        if not self.only_mode:
            for slugs in needed.values():
                for slug in slugs:
                    counts[slug] += 1
            return dict(counts)
        selected = set(self.value("equipment"))
        possible = [pk for pk in program_ids if needed[pk] <= selected]
        for option in self.equipment_options:
            if option.slug in selected:
                counts[option.slug] = sum(1 for pk in possible if option.slug in needed[pk])
            else:
                counts[option.slug] = sum(1 for pk in program_ids if needed[pk] <= selected | {option.slug})
        return dict(counts)
