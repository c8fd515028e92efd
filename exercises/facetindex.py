"""The catalogue's facet index: every filter option as a bitmask, rebuilt per content version.

The catalogue's facets are disjunctive (see filters.py), so a page with filters needs one
count per facet, each over the catalogue filtered by everything else. In SQL that is seven
aggregates over the whole table per request (about 40 ms at 10,000 exercises). Here each
option is a Python int whose bit *i* is set when the *i*-th published exercise (in name
order) has that option. Filtering is AND and OR of ints, a count is ``int.bit_count()``, and a
page of results is a run of set bits, so any combination of filters costs well under a
millisecond.

Each process builds the index from five queries on first use after a content change: it is
keyed by the content version that every content save bumps (pagecache.py), and a scheduled
publication bumps it too. ``ExerciseFilter``'s SQL filters stay the definition of what each
parameter means; the tests check this index against them.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower

from core.pagecache import current_version

from .models import Benefit, BodyRegion, Equipment, Exercise, ExerciseMuscle, Muscle


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


@dataclass
class FacetIndex:
    version: int
    order: list  # exercise pks in name order: bit i stands for order[i]
    everything: int
    options: dict  # "goal", "equipment", "muscle", "region" -> the model rows, in form order
    # facet -> {slug or value: mask}; "muscle" and "region" per role: {primary_only: {...}}
    masks: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # things built once per index (the filter form class)

    def choices(self, facet):
        """A facet's (slug, name) choices for the filter form, as a function: a form copies
        a list of choices on every request (deepcopy), a function it only refers to."""
        pairs = [(row.slug, row.name) for row in self.options[facet]]
        return lambda: pairs

    # -- filtering ------------------------------------------------------------------------

    def facet_masks(self, facet, primary_only):
        masks = self.masks[facet]
        return masks[primary_only] if facet in ("muscle", "region") else masks

    def any_of(self, facet, values, primary_only=False):
        masks = self.facet_masks(facet, primary_only)
        result = 0
        for value in values:
            result |= masks.get(value, 0)
        return result

    def needs_more_than(self, selected):
        """Exercises that need some equipment outside ``selected``."""
        return self.any_of("equipment", [slug for slug in self.masks["equipment"] if slug not in selected])

    def matching(self, filterset, without=()):
        """The mask of exercises that pass every active filter except those in ``without``."""
        result = self.everything
        primary_only = filterset.primary_only
        for facet in filterset.FACETS:
            if facet in without:
                continue
            values = filterset.value(facet)
            if facet == "equipment" and filterset.only_mode:
                result &= ~self.needs_more_than(set(values))  # applies with nothing ticked too
            elif values:
                result &= self.any_of(facet, values, primary_only)
        text = filterset.value("q").strip()
        if text and "q" not in without:
            result &= self.text_mask(text)
        return result

    def text_mask(self, text):
        """The "name contains" filter: one query per text, as the text can be anything; the
        last few hundred texts are remembered for this index (a page asks about seven times)."""
        remembered = self.memo.setdefault("text", {})
        if text not in remembered:
            if len(remembered) >= 256:
                remembered.clear()
            matches = Exercise.objects.published().filter(
                Q(name__icontains=text) | Q(aliases__icontains=text)
            )
            bit = self.memo.get("bit") or self.memo.setdefault(
                "bit", {pk: i for i, pk in enumerate(self.order)}
            )
            remembered[text] = mask_of(
                (bit[pk] for pk in matches.values_list("pk", flat=True) if pk in bit), len(self.order)
            )
        return remembered[text]

    # -- counting -------------------------------------------------------------------------

    def facet_counts(self, filterset, facets=None):
        """{facet: {value: count}}: each option's count given every *other* active filter."""
        counts = {}
        for facet in facets or filterset.FACETS:
            base = self.matching(filterset, without={facet})
            if facet == "equipment" and filterset.only_mode:
                counts[facet] = self.only_what_i_have_counts(base, set(filterset.value(facet)))
            else:
                masks = self.facet_masks(facet, filterset.primary_only)
                counts[facet] = {value: (base & mask).bit_count() for value, mask in masks.items()}
        return counts

    def only_what_i_have_counts(self, base, selected):
        """A ticked item counts the current results that use it; an unticked one counts the
        results there would be with it ticked too (those it unlocks plus those possible now)."""
        equipment = self.masks["equipment"]
        possible = base & ~self.needs_more_than(selected)
        counts = {}
        for slug, mask in equipment.items():
            if slug in selected:
                counts[slug] = (possible & mask).bit_count()
            else:
                counts[slug] = (base & ~self.needs_more_than(selected | {slug})).bit_count()
        return counts

    # -- results --------------------------------------------------------------------------

    def page(self, mask, start, stop, by_difficulty=False):
        """The pks of results ``start`` to ``stop`` in name order, or by difficulty then name."""
        if not by_difficulty:
            return [self.order[i] for i in set_bits(mask, start, stop)]
        pks = []
        for level in Exercise.Difficulty.values:
            part = mask & self.masks["difficulty"].get(level, 0)
            size = part.bit_count()
            if start < size and stop > 0:
                pks += [self.order[i] for i in set_bits(part, max(start, 0), stop)]
            start, stop = start - size, stop - size
        return pks


class Results:
    """A filtered catalogue for Django's Paginator: a length, and slices of exercise pks."""

    def __init__(self, index, mask, by_difficulty=False):
        self.index, self.mask, self.by_difficulty = index, mask, by_difficulty

    def __len__(self):
        return self.mask.bit_count()

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.index.page(self.mask, key.start or 0, key.stop or len(self), self.by_difficulty)
        found = self.index.page(self.mask, key, key + 1, self.by_difficulty)
        if key < 0 or not found:
            raise IndexError(key)
        return found[0]

    def __iter__(self):
        return iter(self[:])


def build(version):
    rows = list(
        Exercise.objects.published().order_by(Lower("name"), "pk").values_list("pk", "difficulty", "kind")
    )
    size = len(rows)
    bit = {pk: i for i, (pk, _difficulty, _kind) in enumerate(rows)}

    def masks(pairs, keys=()):
        """(key, exercise pk) pairs -> {key: mask} for ``keys`` and every key seen, ignoring
        exercises not published."""
        positions = defaultdict(list, {key: [] for key in keys})
        for key, pk in pairs:
            if pk in bit:
                positions[key].append(bit[pk])
        return {key: mask_of(found, size) for key, found in positions.items()}

    options = {
        "goal": list(Benefit.objects.all()),
        "equipment": list(Equipment.objects.all()),
        "muscle": list(Muscle.objects.prefetch_related("regions")),
        "region": list(BodyRegion.objects.all()),
    }
    slug = {kind: {row.pk: row.slug for row in rows_} for kind, rows_ in options.items()}
    through_equipment = Exercise.equipment.through.objects.values_list("equipment_id", "exercise_id")
    through_goals = Exercise.goals.through.objects.values_list("benefit_id", "exercise_id")
    links = list(ExerciseMuscle.objects.values_list("muscle_id", "exercise_id", "role"))
    parent = {m.pk: m.parent_id for m in options["muscle"]}
    regions = {m.pk: [r.slug for r in m.regions.all()] for m in options["muscle"]}

    def muscle_masks(primary_only):
        chosen = [(m, pk) for m, pk, role in links if not primary_only or role == ExerciseMuscle.Role.PRIMARY]
        # A muscle's option includes its parts: a link to a part counts for the parent too.
        by_muscle = masks(
            ((slug["muscle"][key], pk) for m, pk in chosen for key in ([m, parent[m]] if parent[m] else [m])),
            slug["muscle"].values(),
        )
        by_region = masks(
            ((region, pk) for m, pk in chosen for region in regions[m]), slug["region"].values()
        )
        return by_muscle, by_region

    any_role, primary_role = muscle_masks(False), muscle_masks(True)
    return FacetIndex(
        version=version,
        order=[pk for pk, _difficulty, _kind in rows],
        everything=mask_of(range(size), size),
        options=options,
        masks={
            "equipment": masks(
                ((slug["equipment"][e], pk) for e, pk in through_equipment), slug["equipment"].values()
            ),
            "goal": masks(((slug["goal"][g], pk) for g, pk in through_goals), slug["goal"].values()),
            "muscle": {False: any_role[0], True: primary_role[0]},
            "region": {False: any_role[1], True: primary_role[1]},
            "difficulty": masks(((d, pk) for pk, d, _kind in rows), Exercise.Difficulty.values),
            "kind": masks(((kind, pk) for pk, _difficulty, kind in rows), Exercise.Kind.values),
        },
    )


_latest = {}
_lock = threading.Lock()


def facet_index():
    """This process's index for the current content version (built on first use)."""
    version = current_version()
    index = _latest.get("index")
    if index is None or index.version != version:
        with _lock:
            index = _latest.get("index")
            if index is None or index.version != version:
                index = _latest["index"] = build(version)
    return index


def forget():
    """Drop this process's index (tests roll back content versions between cases)."""
    _latest.pop("index", None)
