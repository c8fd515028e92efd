"""The catalogue's filters: what each query parameter means, and the facet counts.

Parameters (values are slugs): goal, equipment, muscle, role, region, difficulty, kind, q,
sort, only. Unknown values are ignored and reported back to the reader, never an error page.

Facets are disjunctive: the count next to an option is what the results would be with
that option ticked, given every *other* active filter. So each facet is counted against
the results filtered by everything but itself (by the facet index, facetindex.py).
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Lower

from core.faceting import ChoiceFilter, FacetedFilterSet, SlugsFilter, TextFilter

from .facetindex import facet_index
from .models import Exercise, ExerciseMuscle

DIFFICULTY_RANK = Case(
    *(When(difficulty=value, then=Value(rank)) for rank, value in enumerate(Exercise.Difficulty.values)),
    output_field=IntegerField(),
)


class ExerciseFilter(FacetedFilterSet):
    """Filters for /exercises/. The filter methods say what each parameter means in SQL;
    the page counts and pages through the facet index (facetindex.py), which the tests hold
    to these definitions. The choices are the index's option rows."""

    SORTS = {"name": "Name (A to Z)", "difficulty": "Difficulty (easiest first)"}
    ROLES = {"any": "Any role", "primary": "Primary muscle only"}

    q = TextFilter(method="filter_text", max_length=FacetedFilterSet.MAX_QUERY_LENGTH)
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

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = index or facet_index()
        self.goal_options = self.index.options["goal"]
        self.equipment_options = self.index.options["equipment"]
        self.muscle_options = self.index.options["muscle"]
        self.region_options = self.index.options["region"]

    def get_form_class(self):
        """The form class only changes with the options, so build it once per index."""
        if "form_class" not in self.index.memo:
            for name in ("goal", "equipment", "muscle", "region"):  # the choices live in the index
                self.filters[name].extra["choices"] = self.index.choices(name)
            self.index.memo["form_class"] = super().get_form_class()
        return self.index.memo["form_class"]

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

    def facet_counts(self, facets=None):
        """{facet: {value: count}}, from the facet index (the SQL above defines the meaning)."""
        return self.index.facet_counts(self, facets)
