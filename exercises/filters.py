"""The catalogue's filters: what each query parameter means, and the facet counts.

Parameters (values are slugs): goal, equipment, muscle, role, region, difficulty, kind, q,
sort, only. Unknown values are ignored and reported back to the reader, never an error page.

Each filter method below is the one definition of its parameter. It works on the facet
index (facetindex.py): it takes the mask of the results so far and returns a narrower one.
Facets are disjunctive: the count next to an option is what the results would be with that
option ticked, given every *other* active filter.
"""

from django.db.models import Q

from core.faceting import ChoiceFilter, FacetedFilterSet, SlugsFilter, TextFilter

from .facetindex import facet_index
from .models import Exercise


class ExerciseFilter(FacetedFilterSet):
    """Filters for /exercises/, on the facet index (see core/faceting.py)."""

    SORTS = {"name": "Name (A to Z)", "difficulty": "Difficulty (easiest first)"}
    ROLES = {"any": "Any role", "primary": "Primary muscle only"}

    q = TextFilter(method="filter_text", max_length=FacetedFilterSet.MAX_QUERY_LENGTH)
    equipment = SlugsFilter(method="filter_equipment")
    only = ChoiceFilter(method="filter_nothing", choices=[("1", "Only what I have")])
    goal = SlugsFilter(method="filter_in")
    muscle = SlugsFilter(method="filter_by_role")
    role = ChoiceFilter(method="filter_nothing", choices=list(ROLES.items()))
    region = SlugsFilter(method="filter_by_role")
    difficulty = SlugsFilter(choices=Exercise.Difficulty.choices, method="filter_in")
    kind = SlugsFilter(choices=Exercise.Kind.choices, method="filter_in")
    sort = ChoiceFilter(method="filter_nothing", choices=list(SORTS.items()))

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

    index_cache = facet_index
    CHOICES_FROM_INDEX = ("goal", "equipment", "muscle", "region")

    @property
    def only_mode(self):
        return self.value("only") == "1"

    @property
    def primary_only(self):
        return self.value("role") == "primary"

    def always_applied(self):
        # "Only what I have" applies even with nothing ticked: "I have no equipment".
        return ("equipment",) if self.only_mode else ()

    # -- what each parameter means --------------------------------------------------------

    def filter_text(self, mask, name, value):
        """Name or alias contains the text (one query per text and content version)."""
        text = value.strip()
        if not text:
            return mask
        matches = self.queryset.filter(Q(name__icontains=text) | Q(aliases__icontains=text))
        return mask & self.index.mask_of_rows(("q", text), lambda: matches.values_list("pk", flat=True))

    def filter_equipment(self, mask, name, value):
        """Uses any ticked item; with "only what I have", needs nothing outside them."""
        if self.only_mode:
            return self.only_what_i_have(mask, "equipment", value)
        return mask & self.index.any_of("equipment", value)

    def role_facet(self, name):
        """Muscles and regions count every working role (not muscles a stretch only
        lengthens), or with role=primary only primary ones."""
        return f"{name}:primary" if self.primary_only else name

    def filter_by_role(self, mask, name, value):
        """Works any ticked muscle (a whole muscle includes its parts) or region."""
        return mask & self.index.any_of(self.role_facet(name), value)

    def groups(self):
        if self.value("sort") == "difficulty":
            return [self.index.masks["difficulty"][level] for level in Exercise.Difficulty.values]
        return ()

    # -- counts ---------------------------------------------------------------------------

    def count_facet(self, facet, base):
        if facet == "equipment" and self.only_mode:
            return self.only_what_i_have_counts(base, "equipment")
        if facet in ("muscle", "region"):
            return self.index.counts(base, self.role_facet(facet))
        return self.index.counts(base, facet)
