"""Program templates: week-by-week back plans built from catalogue exercises.

ProgramTemplate -> Phase (a week range) -> ProgramSession (a named day, done once a week in
its phase) -> Prescription (an exercise with sets, reps or a hold, rest and tempo).
TrainingGuideline is the sources' table of volume and recovery by level.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.images import image_field
from core.naturalkeys import get_leaf, related_key
from core.publishing import Publishable, PublishableQuerySet
from core.search import SEARCH_FIELDS, Searchable
from core.stableids import StableId
from exercises.models import Benefit, Exercise, Reference


class Level(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class ProgramTemplate(StableId, Searchable, Publishable):
    """A ready-made plan: phases of weekly sessions, with its level and goal."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    level = models.CharField(max_length=16, choices=Level)
    goal = models.ForeignKey(
        Benefit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
        help_text="The main goal this plan serves.",
    )
    summary = models.CharField(max_length=300, help_text="One sentence for lists.")
    description = models.TextField(
        blank=True, help_text="Markdown: who it is for and how to progress. Scripts and styles are removed."
    )
    duration_weeks = models.PositiveSmallIntegerField("duration in weeks")
    sessions_per_week = models.PositiveSmallIntegerField()
    session_minutes = models.PositiveSmallIntegerField("session length in minutes")
    references = models.ManyToManyField(
        Reference,
        blank=True,
        related_name="programs",
        help_text="The sources its structure and doses follow; listed on its page.",
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When an editor last checked the plan against its references (see /about/).",
    )
    red_flags = models.BooleanField(
        "show the red flags",
        default=False,
        help_text="Tick for plans that readers with back pain choose: the page then lists the "
        "signs that need a doctor before starting.",
    )

    image = image_field()

    objects = PublishableQuerySet.as_manager()
    markdown_fields = ["description"]
    history = HistoricalRecords(excluded_fields=SEARCH_FIELDS)
    search_kind = "Programs"
    search_kind_words = "program programme plan routine template"
    search_order = 50

    class Meta(Publishable.Meta):
        ordering = ["level", "name"]
        verbose_name = "program template"
        permissions = [("publish_programtemplate", "Can publish programs")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=Q(duration_weeks__gte=1), name="program_weeks_gte_1"),
            models.CheckConstraint(
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=7),
                name="program_sessions_1_to_7",
            ),
            models.CheckConstraint(condition=Q(session_minutes__gte=5), name="program_minutes_gte_5"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:program-detail", kwargs={"slug": self.slug})

    def search_document(self):
        return {"A": [self.name], "C": [self.summary], "D": [self.description]}

    def natural_key(self):
        return (self.slug,)

    def publishing_problems(self):
        """What stops this program from being published, as sentences for an editor."""
        if not Prescription.objects.filter(session__phase__program=self).exists():
            return ["Add at least one session with an exercise before publishing."]
        return []


class PhaseManager(models.Manager):
    def get_by_natural_key(self, program_slug, week_start):
        return self.get(program__slug=program_slug, week_start=week_start)


class Phase(models.Model):
    """A run of weeks (weeks 1-2) that repeat the same sessions each week."""

    program = models.ForeignKey(ProgramTemplate, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=80, blank=True, help_text='Optional, for example "Build-up".')
    week_start = models.PositiveSmallIntegerField()
    week_end = models.PositiveSmallIntegerField()

    objects = PhaseManager()

    class Meta:
        ordering = ["program", "week_start"]
        constraints = [
            models.CheckConstraint(condition=Q(week_start__gte=1), name="phase_week_start_gte_1"),
            models.CheckConstraint(condition=Q(week_start__lte=F("week_end")), name="phase_weeks_in_order"),
            models.UniqueConstraint(fields=["program", "week_start"], name="phase_start_unique"),
        ]

    def __str__(self):
        return f"{self.program}: {self.weeks_label}"

    def natural_key(self):
        return (*related_key(self, "program"), self.week_start)

    natural_key.dependencies = ["programs.programtemplate"]

    def clean(self):
        if self.week_start and self.week_end and self.week_start > self.week_end:
            raise ValidationError({"week_end": "The last week must not come before the first."})
        program = getattr(self, "program", None)
        if program and self.week_end and program.duration_weeks and self.week_end > program.duration_weeks:
            raise ValidationError(
                {"week_end": f"The program lasts {program.duration_weeks} weeks; this phase ends after that."}
            )

    @property
    def weeks_label(self):
        if self.week_start == self.week_end:
            return f"Week {self.week_start}"
        return f"Weeks {self.week_start}–{self.week_end}"

    @property
    def week_count(self):
        return self.week_end - self.week_start + 1

    @property
    def weeks(self):
        """The phase's week numbers, for its printed log."""
        return range(self.week_start, self.week_end + 1)


class SessionManager(models.Manager):
    def get_by_natural_key(self, program_slug, week_start, position):
        return self.get(phase__program__slug=program_slug, phase__week_start=week_start, position=position)


class ProgramSession(models.Model):
    """A named training day, done once a week during its phase."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(max_length=80, help_text='For example "Lat focus".')
    day = models.CharField(max_length=20, blank=True, help_text='Optional, for example "Monday".')
    position = models.PositiveSmallIntegerField(default=1)

    objects = SessionManager()

    class Meta:
        ordering = ["phase", "position"]
        verbose_name = "session"
        constraints = [
            models.UniqueConstraint(fields=["phase", "position"], name="session_position_unique"),
        ]

    def __str__(self):
        return f"{self.phase}: {self.name}"

    def get_admin_url(self):
        return reverse("admin:programs_programsession_change", args=[self.pk])

    def natural_key(self):
        return (*related_key(self, "phase"), self.position)

    natural_key.dependencies = ["programs.phase"]


class PrescriptionManager(models.Manager):
    def get_by_natural_key(self, program_slug, week_start, session_position, position):
        return get_leaf(
            self.get_queryset(),
            session__phase__program__slug=program_slug,
            session__phase__week_start=week_start,
            session__position=session_position,
            position=position,
        )


class Prescription(models.Model):
    """One exercise in a session: sets of reps (a range) or of a timed hold, rest and tempo."""

    class Grouping(models.TextChoices):
        SUPERSET = "superset", "Superset"
        DROP_SET = "drop-set", "Drop set"

    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="prescriptions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="prescriptions")
    position = models.PositiveSmallIntegerField(default=1)
    sets = models.PositiveSmallIntegerField(default=3)
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For holds and stretches, instead of reps."
    )
    rest_seconds = models.PositiveSmallIntegerField(default=90, help_text="Rest after each set.")
    tempo = models.CharField(
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d+-\d+-\d+$", "Write the tempo as three numbers, for example 3-1-1.")],
        help_text="Seconds lowering, pausing and lifting, for example 3-1-1.",
    )
    notes = models.CharField(max_length=200, blank=True)
    group = models.CharField(
        max_length=2, blank=True, help_text="Rows with the same letter are done together (A, B...)."
    )
    grouping = models.CharField(max_length=10, choices=Grouping, blank=True)

    objects = PrescriptionManager()

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(sets__gte=1), name="prescription_sets_gte_1"),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_min__gte=1), name="prescription_reps_min_gte_1"
            ),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True)
                | Q(reps_max__isnull=True)
                | Q(reps_min__lte=F("reps_max")),
                name="prescription_reps_in_order",
            ),
            models.CheckConstraint(
                condition=(
                    Q(reps_min__isnull=False, hold_seconds__isnull=True)
                    | Q(reps_min__isnull=True, reps_max__isnull=True, hold_seconds__isnull=False)
                ),
                name="prescription_reps_or_hold",
                violation_error_message="Give either reps (a minimum, and a maximum for a range) "
                "or a hold time.",
            ),
            models.UniqueConstraint(fields=["session", "position"], name="prescription_position_unique"),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.dose}"

    def natural_key(self):
        return (*related_key(self, "session"), self.position)

    natural_key.dependencies = ["programs.programsession", "exercises.exercise"]

    def clean(self):
        if self.reps_min is not None and self.reps_max is not None and self.reps_min > self.reps_max:
            raise ValidationError({"reps_max": "The most reps must be at least the fewest."})
        if self.group and not self.grouping:
            raise ValidationError({"grouping": "Say whether the group is a superset or a drop set."})

    @property
    def reps_label(self):
        if self.hold_seconds is not None:
            return f"{self.hold_seconds} s hold"
        if self.reps_max is None or self.reps_max == self.reps_min:
            return f"{self.reps_min} reps"
        return f"{self.reps_min}–{self.reps_max} reps"

    @property
    def dose(self):
        return f"{self.sets} × {self.reps_label}"


class GuidelineManager(models.Manager):
    def get_by_natural_key(self, level):
        return self.get(level=level)


class TrainingGuideline(models.Model):
    """How much to train at each level, and how long to recover between hard sessions."""

    level = models.CharField(max_length=16, choices=Level, unique=True)
    sessions_min = models.PositiveSmallIntegerField("sessions per week (fewest)")
    sessions_max = models.PositiveSmallIntegerField("sessions per week (most)")
    sets_min = models.PositiveSmallIntegerField("sets per exercise (fewest)")
    sets_max = models.PositiveSmallIntegerField("sets per exercise (most)")
    reps_min = models.PositiveSmallIntegerField("reps per set (fewest)")
    reps_max = models.PositiveSmallIntegerField("reps per set (most)")
    recovery_hours_min = models.PositiveSmallIntegerField("recovery between hard sessions, hours (least)")
    recovery_hours_max = models.PositiveSmallIntegerField("recovery between hard sessions, hours (most)")
    references = models.ManyToManyField(
        Reference,
        blank=True,
        related_name="guidelines",
        help_text="The sources of these numbers; the guidelines page lists them.",
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When an editor last checked these numbers against the references.",
    )

    objects = GuidelineManager()

    class Meta:
        ordering = ["sessions_min", "sets_min"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_min__gte=1, sessions_min__lte=F("sessions_max")),
                name="guideline_sessions_in_order",
            ),
            models.CheckConstraint(
                condition=Q(sets_min__gte=1, sets_min__lte=F("sets_max")), name="guideline_sets_in_order"
            ),
            models.CheckConstraint(
                condition=Q(reps_min__gte=1, reps_min__lte=F("reps_max")), name="guideline_reps_in_order"
            ),
            models.CheckConstraint(
                condition=Q(recovery_hours_min__lte=F("recovery_hours_max")),
                name="guideline_recovery_in_order",
            ),
        ]

    def __str__(self):
        return self.get_level_display()

    def natural_key(self):
        return (self.level,)
