"""Forgiving, faceted filtering shared by every list page (exercises, programs).

- Unknown values are dropped and remembered, so a page names what it ignored instead of
  failing or showing nothing.
- Facet counts are disjunctive: each option's count is what the results would be with that
  option ticked, given every *other* active filter.
- Active filters become removable tags: a label and the query-string changes that remove it,
  for the ``{% querystring %}`` tag.
"""

import copy

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class QuickCopyField:
    """A form field that a form copies cheaply. Forms deep-copy their class's fields on
    every request, walking each widget and list of choices; the filter forms only clean
    values and never change a field's choices, so a copy with its own widget, messages,
    validators and attributes does."""

    def __deepcopy__(self, memo):
        clone = copy.copy(self)
        memo[id(self)] = clone
        clone.widget = copy.copy(self.widget)
        clone.widget.attrs = dict(self.widget.attrs)
        clone.error_messages = dict(self.error_messages)
        clone.validators = list(self.validators)
        return clone


class TextField(QuickCopyField, forms.CharField):
    pass


class LenientMultipleChoiceField(QuickCopyField, forms.MultipleChoiceField):
    """Keeps the values it knows and remembers the rest, so one typo costs one value."""

    def clean(self, value):
        values = self.to_python(value)
        known = {str(key) for key, _label in self.choices}
        self.ignored = [v for v in values if v not in known]
        return [v for v in dict.fromkeys(values) if v in known]


class LenientChoiceField(QuickCopyField, forms.ChoiceField):
    """A single choice; an unknown value falls back to the default and is remembered."""

    def clean(self, value):
        value = self.to_python(value)
        known = {str(key) for key, _label in self.choices}
        self.ignored = [value] if value and value not in known else []
        return value if value in known else ""


class QuickCopy:
    """A filter that a FilterSet copies cheaply. Every FilterSet deep-copies its class's
    filters on each request; a deep copy walked every attribute and cost about 20 µs a
    filter. Nothing in a filter changes per request except ``extra`` and the links to its
    FilterSet, so a shallow copy with its own ``extra`` and filter method does."""

    def __deepcopy__(self, memo):
        clone = copy.copy(self)
        clone.extra = dict(self.extra)
        clone.method = self.method  # binds a fresh FilterMethod to the clone
        return clone


class SlugsFilter(QuickCopy, django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class ChoiceFilter(QuickCopy, django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class TextFilter(QuickCopy, django_filters.CharFilter):
    field_class = TextField


class FacetedFilterSet(django_filters.FilterSet):
    """Base for list filters. Subclasses set FACETS, LABELS and ``counters()``."""

    FACETS = []  # parameters that narrow the results, in the order the form shows them
    LABELS = {}  # parameter -> how a sentence names it ("back region")
    MAX_QUERY_LENGTH = 100

    @cached_property
    def data_clean(self):
        """The cleaned values, invalid fields dropped (the form is validated once; a page
        asks for values about a hundred times)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def value(self, name):
        return self.data_clean.get(name) or ([] if name in self.FACETS else "")

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
                    f"Search text must be at most {self.MAX_QUERY_LENGTH} characters of plain text; "
                    "the search was ignored."
                )
            else:
                notes.append(f"The {self.LABELS[name]} was not understood and was ignored.")
        return notes

    def filter_nothing(self, queryset, name, value):
        """For parameters that change how other filters work rather than filtering."""
        return queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def always_applied(self):
        """Filters that apply even with an empty value (name -> method)."""
        return {}

    def filter_queryset(self, queryset, without=()):
        """Apply every valid filter except those named in ``without``."""
        always = self.always_applied()
        for name, value in self.data_clean.items():
            if name in without:
                continue
            if name in always:
                queryset = always[name](queryset, name, value or [])
            elif value not in (None, "", []):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def counters(self):
        """facet -> function(base queryset) -> {option value: count}."""
        raise NotImplementedError

    def facet_counts(self, facets=None):
        """{facet: {value: count}} for every option, given the other active filters."""
        counters = self.counters()
        return {
            name: counters[name](self.filter_queryset(self.queryset, without={name, "sort"}))
            for name in (facets or self.FACETS)
        }


def build_chips(filterset, names, labels, extras=()):
    """Active filters as removable tags.

    ``names``: facet -> its name on a tag ("Equipment"); ``labels``: facet -> {value: label};
    ``extras``: (parameter, label) pairs for on/off switches such as "Only what I have".
    """
    chips = []
    if filterset.value("q"):
        chips.append(
            {"facet": "q", "label": f"Search: “{filterset.value('q')}”", "changes": {"q": None, "page": None}}
        )
    for param in filterset.FACETS:
        selected = filterset.value(param)
        for value in selected:
            remaining = [v for v in selected if v != value] or None
            chips.append(
                {
                    "facet": param,
                    "label": f"{names[param]}: {labels[param][value]}",
                    "changes": {param: remaining, "page": None},
                }
            )
    for param, label in extras:
        chips.append({"facet": param, "label": label, "changes": {param: None, "page": None}})
    return chips


def facet_groups(filterset, counts, specs):
    """The filter form's fieldsets: [{param, legend, hint, options: [...]}, ...].

    ``specs`` is a list of dicts with param, legend, hint and items: (value, label, depth).
    """
    groups = []
    for spec in specs:
        selected = set(filterset.value(spec["param"]))
        groups.append(
            {
                **{key: spec.get(key, "") for key in ("param", "legend", "hint", "hint_link")},
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "count": counts[spec["param"]].get(value, 0),
                        "checked": value in selected,
                        "depth": depth,
                        "id": f"f-{spec['param']}-{value}",
                    }
                    for value, label, depth in spec["items"]
                ],
            }
        )
    return groups


class ForgivingPaginationMixin:
    """For list views: a bad page number shows a real page and a note (page_notes), not a 404;
    the context gets ``elided_pages`` for includes/pagination.html."""

    def paginate_queryset(self, queryset, page_size):
        """Like Django's, but a bad page number shows a real page and a note, not a 404."""
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get("page", "1")
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            if raw != "1":
                self.page_notes.append("That page number was not understood; showing page 1.")
            number = 1
        elif number > paginator.num_pages:
            self.page_notes.append(
                f"There is no page {number}; showing page {paginator.num_pages}, the last."
            )
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        self.page_notes = []
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("is_paginated"):
            page = context["page_obj"]
            context["elided_pages"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            )
        return context
