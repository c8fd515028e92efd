"""Swaps for readers without the equipment a program asks for.

A substitute is drawn from the exercise's own variations, then its alternatives, then its
easier and harder versions (links in either direction), and must need nothing beyond the
reader's equipment. The closest relation
wins; among equals, the easier and then the alphabetically first.

Swaps are chosen a session at a time: a substitute is never an exercise the session already
holds (one that fits as written, or a swap chosen for an earlier row), since doing the same
move twice is not what the plan asked for. When every fitting substitute is taken, the row
keeps its exercise and says which ones were.
"""

from dataclasses import dataclass, field

from exercises.models import Exercise, ExerciseLink

CLOSENESS = [
    ExerciseLink.Type.VARIATION,
    ExerciseLink.Type.ALTERNATIVE,
    ExerciseLink.Type.REGRESSION,
    ExerciseLink.Type.PROGRESSION,
]
DIFFICULTY = {value: rank for rank, value in enumerate(Exercise.Difficulty.values)}


def needs(exercise):
    return {item.slug for item in exercise.equipment.all()}


def fits(exercise, have):
    return needs(exercise) <= set(have)


def candidates(exercise):
    """(closeness, exercise) pairs from prefetched ``links`` and ``incoming_links``."""
    pairs = []
    for link in exercise.links.all():
        if link.link_type in CLOSENESS:
            pairs.append((CLOSENESS.index(link.link_type), link.to_exercise))
    for link in exercise.incoming_links.all():
        if link.link_type in CLOSENESS:
            pairs.append((CLOSENESS.index(link.link_type), link.from_exercise))
    return pairs


def ranked_substitutes(exercise, have):
    """The related exercises the reader can do with ``have``, closest first."""
    fitting = {}
    for rank, other in candidates(exercise):
        if other.pk != exercise.pk and fits(other, have):
            key = (rank, DIFFICULTY.get(other.difficulty, 0), other.name)
            if other.pk not in fitting or key < fitting[other.pk][0]:
                fitting[other.pk] = (key, other)
    return [other for _key, other in sorted(fitting.values(), key=lambda item: item[0])]


def best_substitute(exercise, have, taken=()):
    """The closest related exercise the reader can do with ``have`` that is not one of the
    ``taken`` pks, or None."""
    return next((other for other in ranked_substitutes(exercise, have) if other.pk not in taken), None)


def swap_equipment(exercises):
    """Every piece of equipment the exercises or their possible substitutes use, by slug: what
    a reader may need to tick. Exercises that need nothing always fit, so their relations
    cannot come into a swap."""
    found = {}
    for exercise in exercises:
        if not needs(exercise):
            continue
        for item in exercise.equipment.all():
            found[item.slug] = item
        for _rank, other in candidates(exercise):
            for item in other.equipment.all():
                found[item.slug] = item
    return found


@dataclass
class Swap:
    """What a reader with some equipment does for one exercise of a session."""

    exercise: Exercise
    fits: bool = True
    substitute: Exercise | None = None
    # Fitting substitutes left out because the session already holds them.
    already_in_session: list[Exercise] = field(default_factory=list)

    @property
    def done(self):
        """The exercise the reader actually does."""
        return self.substitute or self.exercise


def session_swaps(exercises, have):
    """A Swap for each of a session's exercises, in order, for a reader with ``have``: no
    substitute is an exercise the session already holds."""
    swaps = [Swap(exercise, fits=fits(exercise, have)) for exercise in exercises]
    taken = {swap.exercise.pk for swap in swaps if swap.fits}
    for swap in swaps:
        if swap.fits:
            continue
        ranked = ranked_substitutes(swap.exercise, have)
        swap.substitute = next((other for other in ranked if other.pk not in taken), None)
        if swap.substitute is None:
            swap.already_in_session = ranked
        else:
            taken.add(swap.substitute.pk)
    return swaps
