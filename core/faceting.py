"""Forgiving, faceted filtering shared by every list page (exercises, programs).

- Unknown values are dropped and remembered, so a page names what it ignored instead of
  failing or showing nothing.
- Facet counts are disjunctive: each option's count is what the results would be with that
  option ticked, given every *other* active filter.
- Active filters become removable tags: a label and the query-string changes that remove it,
  for the ``{% querystring %}`` tag.
"""

import threading
from collections import defaultdict

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.utils.functional import cached_property

# -- the index: every filter option as a bitmask -------------------------------------------


def mask_of(positions, size):
    """An int with the given bit positions set (built as one binary string: linear time)."""
    if not size:
        return 0
    bits = bytearray(b"0" * size)
    for position in positions:
        bits[size - 1 - position] = ord("1")
    return int(bits, 2)


def set_bits(mask, start, stop):
    """Positions of the ``start``-th up to (not including) the ``stop``-th set bit of ``mask``."""
    digits = bin(mask)[:1:-1]  # digits[i] is bit i
    found, position, seen = [], -1, 0
    while seen < stop:
        position = digits.find("1", position + 1)
        if position < 0:
            break
        if seen >= start:
            found.append(position)
        seen += 1
    return found


class FacetIndex:
    """One list page's published items as bit positions, and each filter option as the mask
    of the items that have it. Filtering is AND and OR of ints, a count is
    ``int.bit_count()``, and a page of results is a run of set bits, so any combination of
    filters, with a count for every option, costs well under a millisecond at 10,000 items
    (the same counts in SQL are one aggregate per facet over the whole table).

    ``order``: the items' primary keys in the page's default order (bit *i* is ``order[i]``).
    ``pairs``: facet -> (option key, primary key) pairs; ``keys``: facet -> option keys to
    keep even when no item has them. ``options``: anything the FilterSet wants built once
    per index (the option rows for the form).
    """

    def __init__(self, version, order, pairs, keys=None, options=None):
        self.version = version
        self.order = list(order)
        self.position = {pk: i for i, pk in enumerate(self.order)}
        size = len(self.order)
        self.everything = mask_of(range(size), size)
        self.options = options or {}
        self.memo = {}  # things built once per index (the filter form class, text matches)
        self.masks = {}
        for facet, found in pairs.items():
            positions = defaultdict(list, {key: [] for key in (keys or {}).get(facet, ())})
            for key, pk in found:
                if pk in self.position:  # links to unpublished items are ignored
                    positions[key].append(self.position[pk])
            self.masks[facet] = {key: mask_of(bits, size) for key, bits in positions.items()}

    def any_of(self, facet, values):
        masks = self.masks[facet]
        result = 0
        for value in values:
            result |= masks.get(value, 0)
        return result

    def none_outside(self, facet, selected):
        """Items with no option of ``facet`` outside ``selected`` ("only what I have")."""
        return ~self.any_of(facet, [key for key in self.masks[facet] if key not in selected])

    def counts(self, base, facet):
        return {key: (base & mask).bit_count() for key, mask in self.masks[facet].items()}

    def mask_of_rows(self, key, rows):
        """The mask of the primary keys ``rows()`` returns, remembered under ``key`` for this
        index (a text filter asks about seven times a page; the last 256 texts are kept)."""
        remembered = self.memo.setdefault("rows", {})
        if key not in remembered:
            if len(remembered) >= 256:
                remembered.clear()
            remembered[key] = mask_of(
                (self.position[pk] for pk in rows() if pk in self.position), len(self.order)
            )
        return remembered[key]

    def page(self, mask, start, stop, groups=()):
        """The pks of results ``start`` to ``stop``: in index order, or by ``groups`` (masks,
        first group first) and index order within each."""
        if not groups:
            return [self.order[i] for i in set_bits(mask, start, stop)]
        pks = []
        for group in groups:
            part = mask & group
            size = part.bit_count()
            if start < size and stop > 0:
                pks += [self.order[i] for i in set_bits(part, max(start, 0), stop)]
            start, stop = start - size, stop - size
        return pks


class Results:
    """Filtered results for Django's Paginator: a length, and slices of primary keys."""

    def __init__(self, index, mask, groups=()):
        self.index, self.mask, self.groups = index, mask, groups

    def __len__(self):
        return self.mask.bit_count()

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.index.page(self.mask, key.start or 0, key.stop or len(self), self.groups)
        found = self.index.page(self.mask, key, key + 1, self.groups)
        if key < 0 or not found:
            raise IndexError(key)
        return found[0]

    def __iter__(self):
        return iter(self[:])


class IndexCache:
    """This process's index for the current content version, built by ``build(version)`` on
    first use after a content change."""

    every = []  # each list page's cache, to warm before forking and to forget in tests

    def __init__(self, build):
        self.build = build
        self.latest = None
        self.lock = threading.Lock()
        IndexCache.every.append(self)

    def __call__(self):
        from .pagecache import current_version

        version = current_version()
        index = self.latest
        if index is None or index.version != version:
            with self.lock:
                index = self.latest
                if index is None or index.version != version:
                    index = self.latest = self.build(version)
        return index

    def forget(self):
        """Drop the index (tests roll back content versions between cases)."""
        self.latest = None


# -- the FilterSet: each parameter's form field and meaning, defined once ------------------


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


class TextFilter(django_filters.CharFilter):
    pass


class LenientFilterSet(django_filters.FilterSet):
    """A FilterSet whose fields (SlugsFilter, ChoiceFilter) drop values they do not know and
    remember them, so ``notices()`` can name them. Subclasses set LABELS."""

    LABELS = {}  # parameter -> how a sentence names it ("back region")
    MAX_QUERY_LENGTH = 100

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


class FacetedFilterSet(LenientFilterSet):
    """Base for list filters that run on a FacetIndex.

    Each filter's ``method`` is the one definition of what its parameter means: it takes the
    mask of the results so far and returns the narrower mask. ``qs`` is the filtered
    ``Results``; ``facet_counts()`` gives every option's count. Subclasses set FACETS, LABELS,
    ``index_cache`` (an IndexCache) and CHOICES_FROM_INDEX (facets whose choices are the
    index's option rows).
    """

    FACETS = []  # parameters that narrow the results, in the order the form shows them
    CHOICES_FROM_INDEX = ()
    index_cache = None

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = index or self.index_cache()

    def get_form_class(self):
        """The choices come from the index, so build the form class once per index."""
        if "form_class" not in self.index.memo:
            for name in self.CHOICES_FROM_INDEX:
                pairs = [(row.slug, row.name) for row in self.index.options[name]]
                # A function, not a list: a form copies a list of choices on every request.
                self.filters[name].extra["choices"] = lambda pairs=pairs: pairs
            self.index.memo["form_class"] = super().get_form_class()
        return self.index.memo["form_class"]

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

    def options(self, facet):
        return self.index.options[facet]

    # -- filtering ------------------------------------------------------------------------

    def filter_nothing(self, mask, name, value):
        """For parameters that change how other filters work rather than filtering."""
        return mask

    def filter_in(self, mask, name, value):
        """Any of the ticked options (the index's masks for the facet)."""
        return mask & self.index.any_of(name, value)

    def matching(self, without=()):
        """The mask of results passing every valid filter except those named in ``without``."""
        mask = self.index.everything
        always = self.always_applied()
        for name, value in self.data_clean.items():
            if name in without:
                continue
            if name in always:
                mask = getattr(self, self.filters[name].method)(mask, name, value or [])
            elif value not in (None, "", []):
                mask = self.filters[name].filter(mask, value)
        return mask

    def always_applied(self):
        """Parameters whose method runs even with no value ("only what I have")."""
        return ()

    def groups(self):
        """Masks giving the results' order when it is not the index's (see FacetIndex.page)."""
        return ()

    @property
    def qs(self):
        return Results(self.index, self.matching(), self.groups())

    # -- counting -------------------------------------------------------------------------

    def count_facet(self, facet, base):
        """{option: count} for ``facet`` over ``base`` (the results without that facet)."""
        return self.index.counts(base, facet)

    def facet_counts(self, facets=None):
        """{facet: {value: count}}: an unticked option's count is the number of results there
        would be with it ticked too, given every active filter (a facet's options combine with
        "or", so it adds its results to those of the ticked ones); a ticked option's count is
        the number of results that have it."""
        counts = {}
        for facet in facets or self.FACETS:
            base = self.matching(without={facet})
            counts[facet] = found = self.count_facet(facet, base)
            selected = list(self.value(facet))
            if selected and facet not in self.always_applied():  # those count "with it" already
                apply = getattr(self, self.filters[facet].method)
                for key in found:
                    if key not in selected:
                        found[key] = apply(base, facet, [*selected, key]).bit_count()
        return counts

    def only_what_i_have(self, mask, facet, selected):
        return mask & self.index.none_outside(facet, set(selected))

    def only_what_i_have_counts(self, base, facet):
        """A ticked item counts the current results that use it; an unticked one counts the
        results there would be with it ticked too (those it unlocks plus those possible now)."""
        selected = set(self.value(facet))
        possible = base & self.index.none_outside(facet, selected)
        return {
            key: (possible & mask).bit_count()
            if key in selected
            else (base & self.index.none_outside(facet, selected | {key})).bit_count()
            for key, mask in self.index.masks[facet].items()
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

    ``specs`` is a list of dicts with param, legend, hint and items: (value, label, depth),
    and optionally ``open`` (keep the group open: a switch beside it is on).
    """
    groups = []
    for spec in specs:
        selected = set(filterset.value(spec["param"]))
        options = [
            {
                "value": value,
                "label": label,
                "count": counts[spec["param"]].get(value, 0),
                "checked": value in selected,
                "depth": depth,
                "id": f"f-{spec['param']}-{value}",
            }
            for value, label, depth in spec["items"]
        ]
        # An option that would lead to no results is not offered (a ticked one always is).
        shown = [option for option in options if option["count"] or option["checked"]]
        chosen = sum(option["checked"] for option in options)
        groups.append(
            {
                **{key: spec.get(key, "") for key in ("param", "legend", "hint", "hint_link")},
                "options": shown,
                "hidden": len(options) - len(shown),
                "selected": chosen,
                # A group is open when it holds a choice (its own, or a switch beside it).
                "open": bool(chosen or spec.get("open")),
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
