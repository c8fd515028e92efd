"""Synthetic programs for benchmarks, built from synthetic exercises (see exercises/synthetic.py)."""

import random

from django.db import connection

from core.search import search_text
from exercises.models import Exercise
from exercises.synthetic import PREFIX, WHEN, write_vectors

from .models import Level, Phase, Prescription, ProgramSession, ProgramTemplate

DEFAULT_COUNT = 200  # rows `manage.py synthetic` makes unless told otherwise


def remove():
    ProgramTemplate.objects.filter(slug__startswith=PREFIX).delete()


def generate(count, seed=7):
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    exercises = list(Exercise.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)[:2000])
    if not exercises:
        exercises = list(Exercise.objects.published().values_list("pk", flat=True))
    levels = Level.values
    programs = []
    for n in range(count):
        name = f"Synthetic plan {n}"
        summary = f"A generated four-week plan, number {n}, for benchmarks."
        programs.append(
            ProgramTemplate(
                name=name,
                slug=f"{PREFIX}{n}",
                level=levels[n % len(levels)],
                summary=summary,
                duration_weeks=4,
                sessions_per_week=2,
                session_minutes=40,
                status="published",
                published_at=WHEN,
                search_text=search_text({"A": [name], "C": [summary]}),
            )
        )
    ProgramTemplate.objects.bulk_create(programs, batch_size=500)
    created = list(ProgramTemplate.objects.filter(slug__startswith=PREFIX).order_by("pk"))
    Phase.objects.bulk_create(
        [Phase(program=p, week_start=w, week_end=w + 1) for p in created for w in (1, 3)], batch_size=1000
    )
    phases = list(Phase.objects.filter(program__slug__startswith=PREFIX))
    ProgramSession.objects.bulk_create(
        [
            ProgramSession(phase=ph, name=f"Day {d}", position=i)
            for ph in phases
            for i, d in enumerate("AB", 1)
        ],
        batch_size=1000,
    )
    sessions = list(ProgramSession.objects.filter(phase__program__slug__startswith=PREFIX))
    Prescription.objects.bulk_create(
        [
            Prescription(session=s, exercise_id=pk, position=i, sets=3, reps_min=8, reps_max=12)
            for s in sessions
            for i, pk in enumerate(rng.sample(exercises, min(4, len(exercises))), 1)
        ],
        batch_size=1000,
    )
    if connection.vendor == "postgresql":
        write_vectors(ProgramTemplate, ["name"], [], ["summary"])
