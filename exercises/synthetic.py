"""A large synthetic catalogue for benchmarks and scale tests (`manage.py synthetic`).

Everything it makes is marked: slugs start with ``synthetic-`` and names end with
"(synthetic)". `make run` never loads it. Rows are written with bulk inserts, and their
search text is computed here, since bulk inserts send no signals.
"""

import random

from django.db import connection
from django.utils import timezone

from core.search import search_text

from .models import Benefit, Equipment, Exercise, ExerciseLink, ExerciseMuscle, ExerciseStep, Muscle

PREFIX = "synthetic-"
TOOLS = ["Cable", "Dumbbell", "Band", "Barbell", "Machine", "Kettlebell", "Bodyweight", "Landmine"]
MOVES = ["row", "pulldown", "raise", "extension", "hold", "pull-through", "fly", "shrug", "hinge"]
WHEN = timezone.datetime(2026, 1, 1, tzinfo=timezone.UTC)


DEFAULT_COUNT = 10_000  # rows `manage.py synthetic` makes unless told otherwise


def remove():
    """Delete every synthetic row of this app (programs and articles go first, by their apps)."""
    Exercise.objects.filter(slug__startswith=PREFIX).delete()


def generate(count, seed=7):
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    muscles = list(Muscle.objects.all())
    equipment = list(Equipment.objects.all())
    goals = list(Benefit.objects.all())
    if not muscles or not equipment:
        raise RuntimeError("Load the seed content first (manage.py seed).")
    kinds, levels = Exercise.Kind.values, Exercise.Difficulty.values
    patterns = Exercise.Pattern.values
    rows = []
    for n in range(count):
        tool, move = TOOLS[n % len(TOOLS)], MOVES[(n // len(TOOLS)) % len(MOVES)]
        name = f"{tool} {move} variation {n} (synthetic)"
        summary = f"A generated {move} for benchmarks; not a real exercise."
        steps = [
            f"Set up for the {move} with the {tool.lower()}.",
            "Move slowly and with control.",
            "Return to the start and repeat.",
        ]
        rows.append(
            Exercise(
                name=name,
                slug=f"{PREFIX}{n}",
                summary=summary,
                aliases=f"{move} {n}",
                kind=kinds[n % len(kinds)],
                difficulty=levels[n % len(levels)],
                movement_pattern=patterns[n % len(patterns)],
                status="published",
                published_at=WHEN,
                search_text=search_text({"A": [name], "B": [f"{move} {n}"], "C": [summary], "D": steps}),
            )
        )
    Exercise.objects.bulk_create(rows, batch_size=500)
    created = list(Exercise.objects.filter(slug__startswith=PREFIX).order_by("pk"))
    steps, links, roles, kit, serves = [], [], [], [], []
    through_equipment = Exercise.equipment.through
    through_goals = Exercise.goals.through
    for i, exercise in enumerate(created):
        for position, text in enumerate(
            ["Set up.", "Move slowly and with control.", "Return and repeat."], 1
        ):
            steps.append(ExerciseStep(exercise=exercise, position=position, text=text))
        primary, secondary = rng.sample(muscles, 2)
        roles.append(ExerciseMuscle(exercise=exercise, muscle=primary, role="primary"))
        roles.append(ExerciseMuscle(exercise=exercise, muscle=secondary, role="secondary"))
        for item in rng.sample(equipment, rng.randint(0, 2)):
            kit.append(through_equipment(exercise_id=exercise.pk, equipment_id=item.pk))
        if goals:
            serves.append(through_goals(exercise_id=exercise.pk, benefit_id=rng.choice(goals).pk))
        if i:
            links.append(
                ExerciseLink(from_exercise=exercise, to_exercise=created[i - 1], link_type="variation")
            )
    ExerciseStep.objects.bulk_create(steps, batch_size=1000)
    ExerciseMuscle.objects.bulk_create(roles, batch_size=1000)
    through_equipment.objects.bulk_create(kit, batch_size=1000)
    through_goals.objects.bulk_create(serves, batch_size=1000)
    ExerciseLink.objects.bulk_create(links, batch_size=1000)
    if connection.vendor == "postgresql":
        write_vectors(Exercise, ["name"], ["aliases"], ["summary"])
    return created


def write_vectors(model, a, b, c):
    """One UPDATE that fills the weighted search vector of every synthetic row."""
    from functools import reduce

    from django.contrib.postgres.search import SearchVector

    from core.search import CONFIG

    parts = [
        SearchVector(f, weight=w, config=CONFIG)
        for fields, w in ((a, "A"), (b, "B"), (c, "C"))
        for f in fields
    ]
    model.objects.filter(slug__startswith=PREFIX).update(search_vector=reduce(lambda x, y: x + y, parts))
