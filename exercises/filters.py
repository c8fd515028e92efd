"""The catalogue's filters: what each query parameter means, and the facet counts.

Parameters (values are slugs): goal, equipment, muscle, role, region, difficulty, kind, q,
sort, only. Unknown values are ignored and reported back to the reader, never an error page.

Facets are disjunctive: the count next to an option is what the results would be with
that option ticked, given every *other* active filter. So each facet is counted against
the results filtered by everything but itself.
"""

from collections import Counter

import django_filters
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Lower

from .faceting import ChoiceFilter, FacetedFilterSet, SlugsFilter
from .models import Benefit, BodyRegion, Equipment, Exercise, ExerciseMuscle, Muscle

DIFFICULTY_RANK = Case(
    *(When(difficulty=value, then=Value(rank)) for rank, value in enumerate(Exercise.Difficulty.values)),
    output_field=IntegerField(),
)


class ExerciseFilter(FacetedFilterSet):
    """Filters for /exercises/. Choices come from the database, one query per taxonomy."""

    SORTS = {"name": "Name (A to Z)", "difficulty": "Difficulty (easiest first)"}
    ROLES = {"any": "Any role", "primary": "Primary muscle only"}

    q = django_filters.CharFilter(method="filter_text", max_length=FacetedFilterSet.MAX_QUERY_LENGTH)
    equipment = SlugsFilter(method="filter_equipment")
    only = ChoiceFilter(method="filter_nothing", choices=[("1", "Only what I have")])
    goal = SlugsFilter(method="filter_goal")
    muscle = SlugsFilter(method="filter_muscle")
    role = ChoiceFilter(method="filter_nothing", choices=list(ROLES.items()))
    region = SlugsFilter(method="filter_region")
    difficulty = SlugsFilter(choices=Exercise.Difficulty.choices, method="filter_in")
    kind = SlugsFilter(choices=Exercise.Kind.choices, method="filter_in")
    sort = ChoiceFilter(method="filter_sort", choices=list(SORTS.items()))

    LABELS = {
        "equipment": "equipment",
        "muscle": "muscle",
        "region": "back region",
        "goal": "goal",
        "difficulty": "difficulty level",
        "kind": "kind of exercise",
        "sort": "sort order",
        "role": "muscle role",
        "only": "“only what I have” value",
        "q": "search text",
    }

    # Parameters that narrow the results (sort does not), in the order the form shows them.
    FACETS = ["goal", "equipment", "muscle", "region", "difficulty", "kind"]

    class Meta:
        model = Exercise
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.equipment_options = list(Equipment.objects.all())
        self.muscle_options = list(Muscle.objects.all())
        self.region_options = list(BodyRegion.objects.all())
        self.goal_options = list(Benefit.objects.all())
        self.filters["goal"].extra["choices"] = [(g.slug, g.name) for g in self.goal_options]
        self.filters["equipment"].extra["choices"] = [(e.slug, e.name) for e in self.equipment_options]
        self.filters["muscle"].extra["choices"] = [(m.slug, m.name) for m in self.muscle_options]
        self.filters["region"].extra["choices"] = [(r.slug, r.name) for r in self.region_options]

    @property
    def only_mode(self):
        return self.value("only") == "1"

    @property
    def primary_only(self):
        return self.value("role") == "primary"

    # -- filter methods -------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(aliases__icontains=value))

    def filter_equipment(self, queryset, name, value):
        if self.only_mode:
            # Needs nothing beyond what is ticked: no equipment link outside the selection.
            needs_other = Exercise.equipment.through.objects.filter(exercise=OuterRef("pk")).exclude(
                equipment__slug__in=value
            )
            return queryset.exclude(Exists(needs_other))
        if not value:
            return queryset
        uses = Exercise.equipment.through.objects.filter(exercise=OuterRef("pk"), equipment__slug__in=value)
        return queryset.filter(Exists(uses))

    def muscle_links(self):
        links = ExerciseMuscle.objects.filter(exercise=OuterRef("pk"))
        if self.primary_only:
            links = links.filter(role=ExerciseMuscle.Role.PRIMARY)
        return links

    def filter_goal(self, queryset, name, value):
        serves = Exercise.goals.through.objects.filter(exercise=OuterRef("pk"), benefit__slug__in=value)
        return queryset.filter(Exists(serves))

    def filter_muscle(self, queryset, name, value):
        if not value:
            return queryset
        links = self.muscle_links().filter(Q(muscle__slug__in=value) | Q(muscle__parent__slug__in=value))
        return queryset.filter(Exists(links))

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(self.muscle_links().filter(muscle__regions__slug__in=value)))

    def filter_sort(self, queryset, name, value):
        if value == "difficulty":
            return queryset.order_by(DIFFICULTY_RANK, Lower("name"))
        return queryset.order_by(Lower("name"))

    # -- facets ---------------------------------------------------------------------------

    def always_applied(self):
        # "Only what I have" applies even with nothing ticked: "I have no equipment".
        return {"equipment": self.filter_equipment} if self.only_mode else {}

    def counters(self):
        return {
            "equipment": self._equipment_counts,
            "muscle": self._muscle_counts,
            "region": self._region_counts,
            "goal": self._goal_counts,
            "difficulty": self._value_counts("difficulty"),
            "kind": self._value_counts("kind"),
        }

    @staticmethod
    def _value_counts(field):
        def count(base):
            return dict(base.order_by().values_list(field).annotate(n=Count("pk")))

        return count

    def _equipment_counts(self, base):
        through = Exercise.equipment.through.objects.filter(exercise__in=base.values("pk"))
        slugs = {e.pk: e.slug for e in self.equipment_options}
        if not self.only_mode:
            rows = through.values("equipment_id").annotate(n=Count("exercise_id", distinct=True))
            return {slugs[row["equipment_id"]]: row["n"] for row in rows}
        # "Only what I have": an unticked option counts the exercises it would unlock (those
        # whose single missing item it is) plus those already possible; a ticked one counts
        # the current results that use it.
        selected = self.value("equipment")
        possible = base.exclude(
            Exists(
                Exercise.equipment.through.objects.filter(exercise=OuterRef("pk")).exclude(
                    equipment__slug__in=selected
                )
            )
        )
        possible_count = possible.count()
        missing = through.exclude(equipment__slug__in=selected)
        one_missing = (
            missing.values("exercise_id").annotate(n=Count("equipment_id")).filter(n=1).values("exercise_id")
        )
        unlocked = dict(
            missing.filter(exercise_id__in=one_missing)
            .values_list("equipment_id")
            .annotate(n=Count("exercise_id"))
        )
        used = dict(
            Exercise.equipment.through.objects.filter(exercise__in=possible.values("pk"))
            .values_list("equipment_id")
            .annotate(n=Count("exercise_id"))
        )
        return {
            e.slug: used.get(e.pk, 0) if e.slug in selected else possible_count + unlocked.get(e.pk, 0)
            for e in self.equipment_options
        }

    def _links(self, base):
        links = ExerciseMuscle.objects.filter(exercise__in=base.values("pk"))
        if self.primary_only:
            links = links.filter(role=ExerciseMuscle.Role.PRIMARY)
        return links

    def _muscle_counts(self, base):
        links = self._links(base)
        slugs = {m.pk: m.slug for m in self.muscle_options}
        direct = links.values_list("muscle_id").annotate(n=Count("exercise_id", distinct=True))
        counts = Counter({slugs[pk]: n for pk, n in direct})
        # A parent muscle counts exercises that work it or any of its parts, once each.
        family = (
            links.annotate(family=Coalesce("muscle__parent_id", "muscle_id"))
            .values_list("family")
            .annotate(n=Count("exercise_id", distinct=True))
        )
        parents = {m.parent_id for m in self.muscle_options if m.parent_id}
        for pk, n in family:
            if pk in parents:
                counts[slugs[pk]] = n
        return dict(counts)

    def _goal_counts(self, base):
        slugs = {g.pk: g.slug for g in self.goal_options}
        rows = (
            Exercise.goals.through.objects.filter(exercise__in=base.values("pk"))
            .values_list("benefit_id")
            .annotate(n=Count("exercise_id"))
        )
        return {slugs[pk]: n for pk, n in rows}

    def _region_counts(self, base):
        rows = (
            self._links(base)
            .filter(muscle__regions__isnull=False)
            .values_list("muscle__regions__slug")
            .annotate(n=Count("exercise_id", distinct=True))
        )
        return dict(rows)
