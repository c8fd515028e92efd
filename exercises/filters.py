"""The catalogue's filters: what each query parameter means, and the facet counts.

Parameters (values are slugs): goal, equipment, muscle, role, region, difficulty, kind, q,
sort, only. Unknown values are ignored and reported back to the reader, never an error page.

Facets are disjunctive: the count next to an option is what the results would be with
that option ticked, given every *other* active filter. So each facet is counted against
the results filtered by everything but itself.
"""

from collections import Counter

import django_filters
from django import forms
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Lower

from .models import Benefit, BodyRegion, Equipment, Exercise, ExerciseMuscle, Muscle

MAX_QUERY_LENGTH = 100


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and remembers the rest, so one typo costs one value."""

    def clean(self, value):
        values = self.to_python(value)
        known = {str(key) for key, _label in self.choices}
        self.ignored = [v for v in values if v not in known]
        return [v for v in dict.fromkeys(values) if v in known]


class LenientChoiceField(forms.ChoiceField):
    """A single choice; an unknown value falls back to the default and is remembered."""

    def clean(self, value):
        value = self.to_python(value)
        known = {str(key) for key, _label in self.choices}
        self.ignored = [value] if value and value not in known else []
        return value if value in known else ""


class SlugsFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


DIFFICULTY_RANK = Case(
    *(When(difficulty=value, then=Value(rank)) for rank, value in enumerate(Exercise.Difficulty.values)),
    output_field=IntegerField(),
)


class ExerciseFilter(django_filters.FilterSet):
    """Filters for /exercises/. Choices come from the database, one query per taxonomy."""

    SORTS = {"name": "Name (A to Z)", "difficulty": "Difficulty (easiest first)"}
    ROLES = {"any": "Any role", "primary": "Primary muscle only"}

    q = django_filters.CharFilter(method="filter_text", max_length=MAX_QUERY_LENGTH)
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

    # -- reading the cleaned form -------------------------------------------------------

    @property
    def data_clean(self):
        """The cleaned values, invalid fields dropped (validating the form if need be)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def value(self, name):
        return self.data_clean.get(name) or ([] if name in self.FACETS else "")

    @property
    def only_mode(self):
        return self.value("only") == "1"

    @property
    def primary_only(self):
        return self.value("role") == "primary"

    def notices(self):
        """Sentences telling the reader which parts of the address were not understood."""
        self.form.is_valid()
        notes = []
        for name, field in self.form.fields.items():
            for bad in getattr(field, "ignored", []):
                shown = bad if len(bad) <= 40 else bad[:40] + "…"
                notes.append(f"We don’t know the {self.LABELS[name]} “{shown}”, so it was ignored.")
        for name in self.form.errors:
            if name == "q":
                notes.append(
                    f"Search text must be at most {MAX_QUERY_LENGTH} characters of plain text; "
                    "the search was ignored."
                )
            else:
                notes.append(f"The {self.LABELS[name]} was not understood and was ignored.")
        return notes

    # -- filter methods -------------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        """role and only change how other filters work; they filter nothing themselves."""
        return queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

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

    def filter_queryset(self, queryset, without=()):
        """Apply every valid filter except those named in ``without``."""
        for name, value in self.data_clean.items():
            if name in without:
                continue
            if name == "equipment" and self.only_mode:
                # Applies even with nothing ticked: "I have no equipment".
                queryset = self.filter_equipment(queryset, name, value or [])
            elif value not in (None, "", []):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self, facets=None):
        """{facet: {slug: count}} for every option, given the other active filters.

        ``facets`` limits the work to the named facets (one or two queries each).
        """
        counters = {
            "equipment": self._equipment_counts,
            "muscle": self._muscle_counts,
            "region": self._region_counts,
            "goal": self._goal_counts,
            "difficulty": self._value_counts("difficulty"),
            "kind": self._value_counts("kind"),
        }
        return {
            name: counters[name](self.filter_queryset(self.queryset, without={name, "sort"}))
            for name in (facets or self.FACETS)
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
