"""Weekly training volume: how a week of training loads each muscle, region and movement.

One computation serves the program chart and the balance check.

- Muscles: a set counts 1 for each primary muscle of its exercise and 0.5 for each secondary
  one (stabilizers count 0).
- Regions: each back muscle trains one region, where it does its work
  (``Muscle.training_region``): the lats pull the arm, so they train the middle back although
  they reach the pelvis. A set counts 1 toward each region where a primary muscle of its
  exercise trains: a pull-up (lats) counts toward the middle back only, a row (lats, and the
  rhomboids of the upper back) toward both. Secondary muscles assist and count toward no
  region. ``Volume.spread`` says how many sets counted toward no, one, two... regions, so the
  region totals add up: their sum is the sum of regions times sets over ``spread``.
- Movements: a set counts once, toward its exercise's movement group, so they add up to the
  week's sets.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Value, When

from exercises.models import Exercise, ExerciseMuscle

ROLE_WEIGHT = {ExerciseMuscle.Role.PRIMARY: 1.0, ExerciseMuscle.Role.SECONDARY: 0.5}

VERTICAL_PULL = "Vertical pull"
HORIZONTAL_PULL = "Horizontal pull"
HINGE_EXTENSION = "Hinge and extension"
SCAPULAR_CONTROL = "Scapular control"
MOBILITY = "Mobility"
OTHER = "Other"
PATTERN_GROUPS = [VERTICAL_PULL, HORIZONTAL_PULL, HINGE_EXTENSION, SCAPULAR_CONTROL, MOBILITY]

_GROUP_OF_PATTERN = {
    Exercise.Pattern.VERTICAL_PULL: VERTICAL_PULL,
    Exercise.Pattern.PULLOVER: VERTICAL_PULL,
    Exercise.Pattern.HORIZONTAL_PULL: HORIZONTAL_PULL,
    Exercise.Pattern.HINGE: HINGE_EXTENSION,
    Exercise.Pattern.EXTENSION: HINGE_EXTENSION,
    Exercise.Pattern.SCAPULAR_CONTROL: SCAPULAR_CONTROL,
    Exercise.Pattern.SHRUG: SCAPULAR_CONTROL,
    Exercise.Pattern.ROTATION: MOBILITY,
    Exercise.Pattern.LATERAL_FLEXION: MOBILITY,
    Exercise.Pattern.SPINAL_FLEXION: MOBILITY,
    Exercise.Pattern.STRETCH: MOBILITY,
    Exercise.Pattern.BREATHING: MOBILITY,
}


def pattern_group_expression():
    """``pattern_group()`` as a database expression, for ranking exercises within a group."""
    whens = [When(kind=Exercise.Kind.MOBILITY, then=Value(MOBILITY))]
    for group in PATTERN_GROUPS:
        patterns = [pattern for pattern, its_group in _GROUP_OF_PATTERN.items() if its_group == group]
        whens.append(When(movement_pattern__in=patterns, then=Value(group)))
    return Case(*whens, default=Value(OTHER), output_field=CharField())


def pattern_group(exercise):
    """The movement family the balance check counts an exercise under."""
    if exercise.kind == Exercise.Kind.MOBILITY:
        return MOBILITY
    return _GROUP_OF_PATTERN.get(exercise.movement_pattern, OTHER)


def regions_trained(exercise):
    """The ids of the back regions a set of ``exercise`` counts toward: those its primary
    muscles train."""
    return {
        link.muscle.training_region_id
        for link in exercise.exercise_muscles.all()
        if link.role == ExerciseMuscle.Role.PRIMARY and link.muscle.training_region_id
    }


@dataclass
class Volume:
    muscles: dict = field(default_factory=lambda: defaultdict(float))
    regions: dict = field(default_factory=lambda: defaultdict(int))  # region id -> sets
    patterns: dict = field(default_factory=lambda: defaultdict(int))
    spread: Counter = field(default_factory=Counter)  # regions a set counts toward -> sets

    @property
    def total_sets(self):
        return sum(self.patterns.values())

    @property
    def region_total(self):
        return sum(self.regions.values())


def weekly_volume(entries):
    """Sum the weekly sets of ``entries``: (exercise, sets per week) pairs.

    Each exercise needs ``exercise_muscles`` prefetched with their muscles, so the computation
    runs no queries itself.
    """
    volume = Volume()
    for exercise, sets in entries:
        volume.patterns[pattern_group(exercise)] += sets
        for link in exercise.exercise_muscles.all():
            weight = ROLE_WEIGHT.get(link.role, 0.0)
            if weight:
                volume.muscles[link.muscle] += sets * weight
        regions = regions_trained(exercise)
        for region in regions:
            volume.regions[region] += sets
        volume.spread[len(regions)] += sets
    return volume


def chart_rows(values, *, url=None):
    """Bars for the chart template, largest first: label, value, width in percent, link."""
    items = sorted(((k, v) for k, v in values.items() if v), key=lambda kv: (-kv[1], str(kv[0])))
    top = max((v for _, v in items), default=0)
    return [
        {
            "label": str(key),
            "value": value,
            "percent": round(100 * value / top, 1) if top else 0,
            "url": url(key) if url else "",
        }
        for key, value in items
    ]


# What the balance check asks of a week, at least: sets toward each back region, and sets of
# each movement group ("Other" has no aim).
MIN_REGION_SETS = 4
MIN_PATTERN_SETS = 3

_HOW_MANY = {0: "no region", 1: "one region", 2: "two regions", 3: "three regions"}


def balance_rows(volume, regions):
    """The balance check's two tables: a row per back region of ``regions`` (in their order)
    and a row per movement group, plus "Other" when the week has some, so the movement rows
    add up to the week's sets. A row is ``short`` when it is under its aim: the gaps the page
    names are exactly the short rows of both tables."""

    def rows(kind, items):
        top = max((value for _key, _label, value, _aim in items), default=0)
        return [
            {
                "kind": kind,
                "key": key,
                "label": label,
                "value": value,
                "aim": aim,
                "short": aim is not None and value < aim,
                "percent": round(100 * value / top, 1) if top else 0,
            }
            for key, label, value, aim in items
        ]

    region_rows = rows("region", [(r, r.name, volume.regions.get(r.pk, 0), MIN_REGION_SETS) for r in regions])
    patterns = [(g, g, volume.patterns.get(g, 0), MIN_PATTERN_SETS) for g in PATTERN_GROUPS]
    if volume.patterns.get(OTHER):
        patterns.append((OTHER, OTHER, volume.patterns[OTHER], None))
    return region_rows, rows("movement", patterns)


def region_spread(volume):
    """How the week's sets spread over the regions, fewest regions first, and the sum that
    turns them into the region total: ``(parts, "3 + 2 × 6 = 15")``."""
    parts = [
        {"regions": n, "label": _HOW_MANY.get(n, f"{n} regions"), "sets": sets}
        for n, sets in sorted(volume.spread.items())
        if sets
    ]
    terms = [
        str(p["sets"]) if p["regions"] == 1 else f"{p['regions']} × {p['sets']}"
        for p in parts
        if p["regions"]
    ]
    total = str(volume.region_total)
    shown = " + ".join(terms) or total
    return parts, total if shown == total else f"{shown} = {total}"
