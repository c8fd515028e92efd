"""Swaps for readers without the equipment a program asks for.

A substitute is drawn from the exercise's own variations, then its alternatives (links in
either direction), and must need nothing beyond the reader's equipment. The closest relation
wins; among equals, the easier and then the alphabetically first.
"""

from exercises.models import Exercise, ExerciseLink

CLOSENESS = [ExerciseLink.Type.VARIATION, ExerciseLink.Type.ALTERNATIVE]
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


def best_substitute(exercise, have):
    """The closest related exercise the reader can do with ``have``, or None."""
    fitting = [
        (rank, DIFFICULTY.get(other.difficulty, 0), other.name, other)
        for rank, other in candidates(exercise)
        if other.pk != exercise.pk and fits(other, have)
    ]
    return min(fitting, key=lambda item: item[:3])[3] if fitting else None
