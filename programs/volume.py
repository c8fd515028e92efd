"""Weekly training volume: how a week of training loads each muscle, region and movement.

One computation serves the program chart and the balance check. A set counts 1 for each
primary muscle of its exercise and 0.5 for each secondary one (stabilizers count 0). A region
counts each set once, at the highest weight any of the exercise's muscles there carries, so a
row with three primary mid-back muscles adds 3 sets to the middle back, not 9.
"""

from collections import defaultdict
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


@dataclass
class Volume:
    muscles: dict = field(default_factory=lambda: defaultdict(float))
    regions: dict = field(default_factory=lambda: defaultdict(float))
    patterns: dict = field(default_factory=lambda: defaultdict(float))

    @property
    def total_sets(self):
        return sum(self.patterns.values())


def weekly_volume(entries, *, with_regions=False):
    """Sum the weekly sets of ``entries``: (exercise, sets per week) pairs.

    Each exercise needs ``exercise_muscles`` prefetched with their muscles (and the muscles'
    ``regions`` when ``with_regions`` is set), so the computation runs no queries itself.
    """
    volume = Volume()
    for exercise, sets in entries:
        volume.patterns[pattern_group(exercise)] += sets
        region_weight = {}
        for link in exercise.exercise_muscles.all():
            weight = ROLE_WEIGHT.get(link.role, 0.0)
            if not weight:
                continue
            volume.muscles[link.muscle] += sets * weight
            if with_regions:
                for region in link.muscle.regions.all():
                    region_weight[region] = max(region_weight.get(region, 0.0), weight)
        for region, weight in region_weight.items():
            volume.regions[region] += sets * weight
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
