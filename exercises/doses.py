"""How much of an exercise to do: the "How much" block on every exercise page.

The numbers live here, once for the whole catalogue; an exercise only picks a dose style (by
default from its kind and force, or its editor's choice in ``Exercise.dose_style``). A style
gives a dose for each level, or one dose for every level when level changes nothing.

- Strength moves (``REPS``): sets per exercise, reps per set and sessions a week by level are
  the training guidelines' table (``fixtures/guidelines.json``, shown on /programs/guidelines/,
  from the Liv Hospital source), and so are the 48-72 hours before training the same muscles
  hard again. Rest between sets of 8-12 reps: 1-2 minutes, as the American College of Sports
  Medicine's position stand on progression (2009) advises for moderate loads.
- Isometric holds (``HOLD``): the same sets, sessions and rest, each hold 10-30 seconds and
  ended before form slips. That range is our choice: studies of isometric training use many
  hold times and agree on none, and the sources give none.
- Stretches (``STRETCH``): the American College of Sports Medicine's advice on flexibility
  (2011): at least 2-3 days a week, daily works best; hold 10-30 seconds and repeat to reach
  about a minute in all. We ask for 20-30 seconds, as the catalogue's stretch steps do.
- Slow mobility and activation reps (``GENTLE``): rounds of about that same minute, on the
  same days; the steps say how many reps a round holds.

Issue 18 will add rehab doses for single exercises; a stored dose can reuse ``Dose``.
"""

from dataclasses import dataclass

from django.db import models


class DoseStyle(models.TextChoices):
    REPS = "reps", "Sets of reps (strength)"
    HOLD = "hold", "Timed holds (isometric strength)"
    STRETCH = "stretch", "Stretch holds"
    GENTLE = "gentle", "Slow reps (mobility and activation)"


@dataclass(frozen=True)
class Span:
    """A range such as 3-4, or a single number when both ends agree."""

    low: int
    high: int

    def __str__(self):
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Dose:
    """One level's dose (``level`` is empty when it holds for every level). Only the fields
    that apply are set: reps for moving sets, hold seconds for holds and stretches, rounds of
    about ``round_minutes`` for slow reps."""

    level: str
    sets: Span
    reps: Span | None = None
    hold_seconds: Span | None = None
    round_minutes: int | None = None
    rest_minutes: Span | None = None
    sessions_a_week: Span | None = None  # None: every day suits, at least FLEXIBILITY_DAYS


# The training guidelines' table: sets per exercise, reps per set, sessions a week.
GUIDELINES = {
    "beginner": (Span(3, 4), Span(8, 12), Span(2, 2)),
    "intermediate": (Span(4, 5), Span(8, 12), Span(2, 3)),
    "advanced": (Span(5, 6), Span(8, 12), Span(3, 3)),
}
RECOVERY_HOURS = Span(48, 72)  # before training the same muscles hard again
REST_MINUTES = Span(1, 2)  # between sets
HOLD_SECONDS = Span(10, 30)  # an isometric hold, ended before form slips
STRETCH_SECONDS = Span(20, 30)
STRETCH_REPEATS = Span(2, 3)  # about a minute of stretching in all
GENTLE_ROUNDS = Span(1, 2)
FLEXIBILITY_DAYS = Span(2, 3)  # a week at least; daily is better

# Reference keys (fixtures/references.json) behind each style's numbers.
SOURCES = {
    DoseStyle.REPS: ["src-liv-hospital", "ratamess-2009"],
    DoseStyle.HOLD: ["src-liv-hospital", "ratamess-2009"],
    DoseStyle.STRETCH: ["garber-2011"],
    DoseStyle.GENTLE: ["garber-2011"],
}


def style_for(exercise):
    """The editor's choice, else by kind: moving strength work in sets of reps, static strength
    work as timed holds, static mobility moves as stretches, and the rest (moving mobility,
    activation and breathing drills) as slow reps."""
    if exercise.dose_style:
        return DoseStyle(exercise.dose_style)
    static = exercise.force == exercise.Force.STATIC
    if exercise.kind == exercise.Kind.STRENGTH:
        return DoseStyle.HOLD if static else DoseStyle.REPS
    if exercise.kind == exercise.Kind.MOBILITY and static:
        return DoseStyle.STRETCH
    return DoseStyle.GENTLE


@dataclass(frozen=True)
class HowMuch:
    """What the "How much" block shows: the style, its doses and its sources."""

    style: DoseStyle
    doses: list
    recovery_hours = RECOVERY_HOURS
    flexibility_days = FLEXIBILITY_DAYS

    @property
    def sources(self):
        return SOURCES[self.style]

    @property
    def by_level(self):
        return self.style in (DoseStyle.REPS, DoseStyle.HOLD)


def how_much(exercise):
    """The exercise's doses: one a level from its own difficulty up (a harder exercise is no
    place for a beginner to start), or a single dose for every level."""
    style = style_for(exercise)
    if style == DoseStyle.STRETCH:
        return HowMuch(style, [Dose("", sets=STRETCH_REPEATS, hold_seconds=STRETCH_SECONDS)])
    if style == DoseStyle.GENTLE:
        return HowMuch(style, [Dose("", sets=GENTLE_ROUNDS, round_minutes=1)])
    levels = exercise.Difficulty.values
    first = levels.index(exercise.difficulty) if exercise.difficulty in levels else 0
    by_level = []
    for level in levels[first:]:
        sets, reps, sessions = GUIDELINES[level]
        by_level.append(
            Dose(
                level,
                sets=sets,
                reps=reps if style == DoseStyle.REPS else None,
                hold_seconds=HOLD_SECONDS if style == DoseStyle.HOLD else None,
                rest_minutes=REST_MINUTES,
                sessions_a_week=sessions,
            )
        )
    return HowMuch(style, by_level)
