"""The exercise catalogue: exercises and the taxonomy they are filtered by.

BodyRegion (upper, middle, lower back) <- Muscle (the regions it lies in, the one region it
trains, optional parent part-of)
Exercise -> Muscle through ExerciseMuscle (with a role), -> Equipment (what it needs),
-> Exercise through ExerciseLink (variation, progression, ...), and ordered ExerciseSteps.
Exercise -> Benefit (the goals it serves) and -> Reference (its sources). Benefit and Reference
live in this core app so that articles can point at them and the catalogue can filter on
goals without the core depending on the articles app.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from core.images import image_field
from core.naturalkeys import get_by_key, get_leaf, related_key
from core.publishing import Publishable, PublishableQuerySet
from core.redirects import KeepsOldUrls
from core.search import SEARCH_FIELDS, Searchable
from core.stableids import StableId

from . import figures
from .bodymap import MapShape, spine_band
from .doses import DoseStyle
from .movement import MovementFigure


class SlugManager(models.Manager):
    """Looks rows up by slug, so fixtures refer to them by natural key, not by id."""

    key_field = "slug"

    def get_by_natural_key(self, value):
        return get_by_key(self.get_queryset(), **{self.key_field: value})


class KeyManager(SlugManager):
    key_field = "key"


def validate_vertebrae(value):
    if value and spine_band(value) is None:
        raise ValidationError("Write the first and last vertebra, top first, like T1–T4 or L1–L5.")


class BodyRegion(KeepsOldUrls, StableId, Searchable, models.Model):
    """A region of the back: upper, middle or lower."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order from the neck down: upper back first."
    )
    summary = models.CharField(max_length=300, blank=True, help_text="One sentence for lists.")
    vertebrae = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_vertebrae],
        help_text="The vertebrae it spans, top first, as T1–T4 or L1–L5 (C7, T1 to T12, L1 to L5, "
        "S1); the body map shades them on the region's page.",
    )
    location = models.TextField(
        "where it is", blank=True, help_text="The vertebrae and landmarks that bound it. Plain text."
    )
    function = models.TextField(
        "what it does", blank=True, help_text="Plain text; blank lines split paragraphs."
    )
    problems = models.TextField(
        "why it gets weak or sore", blank=True, help_text="Plain text; blank lines split paragraphs."
    )
    references = models.ManyToManyField(
        "Reference",
        blank=True,
        related_name="regions",
        help_text="The anatomy sources its text was checked against; listed on its page.",
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When an editor last checked its text against the references (see /about/).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlugManager()
    history = HistoricalRecords(excluded_fields=SEARCH_FIELDS)
    search_kind = "Regions"
    search_kind_words = "region area anatomy"
    search_order = 15

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "body region"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:region-detail", kwargs={"slug": self.slug})

    def search_document(self):
        return {
            "A": [self.name],
            "C": [self.summary],
            "D": [self.location, self.function, self.problems],
        }

    def natural_key(self):
        return (self.slug,)


class Muscle(KeepsOldUrls, StableId, Searchable, models.Model):
    """A muscle, or a named part of one (Trapezius -> upper, middle and lower trapezius).

    Filtering on a parent muscle includes its parts. Parts are one level deep.
    """

    name = models.CharField("everyday name", max_length=80, unique=True)
    anatomical_name = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    aliases = models.CharField(
        max_length=300,
        blank=True,
        help_text='Other names readers search for, comma-separated (for example "lats, lat").',
    )
    summary = models.CharField(max_length=300, blank=True, help_text="What it does, one sentence.")
    location = models.TextField("where it is", blank=True, help_text="Where it starts and ends. Plain text.")
    function = models.TextField(
        "what it does",
        blank=True,
        help_text="Its jobs in everyday words. Plain text; blank lines split paragraphs.",
    )
    map_shape = models.CharField(
        "body-map shape",
        max_length=24,
        choices=MapShape,
        blank=True,
        help_text="Which shape on the back-view body map stands for this muscle. "
        "Leave blank and the muscle is simply not on the map.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The muscle this is part of (middle trapezius is part of trapezius).",
    )
    regions = models.ManyToManyField(
        BodyRegion,
        blank=True,
        related_name="muscles",
        help_text="Back regions it lies in. Leave empty for neighbours such as biceps.",
    )
    training_region = models.ForeignKey(
        BodyRegion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trained_muscles",
        verbose_name="region it trains",
        help_text="The one back region whose training this muscle's work counts toward in the "
        "balance check: where it does its work, not everywhere it reaches (the lats reach the "
        "lower back but pull the arms, so they train the middle back). Leave empty for muscles "
        "outside the back.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists and filters.")
    image = image_field()
    references = models.ManyToManyField(
        "Reference",
        blank=True,
        related_name="muscles",
        help_text="The anatomy sources its text was checked against; listed on its page.",
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When an editor last checked its text against the references (see /about/).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlugManager()
    history = HistoricalRecords(excluded_fields=SEARCH_FIELDS)
    search_kind = "Muscles"
    search_kind_words = "muscle anatomy"
    search_order = 20
    search_name_fields = ["name", "anatomical_name", "aliases"]

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="muscle_not_own_parent"),
            models.UniqueConstraint(
                fields=["map_shape"],
                condition=~models.Q(map_shape=""),
                name="muscle_map_shape_unique",
                violation_error_message="Another muscle already uses this body-map shape.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:muscle-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def search_document(self):
        aliases = [a.strip() for a in self.aliases.split(",")]
        return {
            "A": [self.name, self.anatomical_name],
            "B": aliases,
            "C": [self.summary],
            "D": [self.location, self.function],
        }

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A muscle cannot be part of itself."})
        if self.parent is not None and self.parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": f"{self.parent} is itself part of {self.parent.parent}; "
                    "choose a muscle that is not a part (parts are one level deep)."
                }
            )

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


def in_tree_order(muscles):
    """Parents each followed by their parts, so a list of muscles reads as an outline."""
    parts = {}
    for muscle in muscles:
        if muscle.parent_id:
            parts.setdefault(muscle.parent_id, []).append(muscle)
    ordered = []
    for muscle in muscles:
        if not muscle.parent_id:
            ordered.append(muscle)
            ordered.extend(parts.get(muscle.pk, []))
    return ordered


class Equipment(StableId, models.Model):
    """Something an exercise needs. Exercises that need nothing have no equipment at all."""

    class Kind(models.TextChoices):
        FREE_WEIGHT = "free-weight", "Free weight"
        MACHINE = "machine", "Machine"
        CABLE = "cable", "Cable"
        BAND = "band", "Band"
        BODYWEIGHT = "bodyweight", "Bodyweight apparatus"
        HOUSEHOLD = "household", "Furniture and household"
        ACCESSORY = "accessory", "Bench or accessory"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.ACCESSORY)
    description = models.CharField(max_length=300, blank=True, help_text="One sentence.")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Reference(StableId, models.Model):
    """A published source that content cites: a paper, a book or a web article.

    Exercises, articles and FAQ answers cite references; a DOI links to doi.org.
    """

    key = models.SlugField(
        max_length=60, unique=True, help_text="A short, stable name such as ourieff-2023, used by links."
    )
    authors = models.CharField(max_length=500, blank=True, help_text="As the source gives them.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=400, blank=True)
    publication = models.CharField(
        max_length=300, blank=True, help_text="Journal, book publisher or website."
    )
    details = models.CharField(
        max_length=120, blank=True, help_text="Volume, issue and pages, for example 47, 504-513."
    )
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        help_text="Only the DOI itself, for example 10.3390/jcm12175510; it links to doi.org.",
    )
    url = models.URLField("URL", max_length=500, blank=True, help_text="Used when there is no DOI.")

    objects = KeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["authors", "year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="", publication=""), name="reference_has_title_or_publication"
            ),
            models.CheckConstraint(
                condition=models.Q(doi="") | models.Q(doi__startswith="10."), name="reference_doi_form"
            ),
        ]

    def __str__(self):
        lead = f"{self.authors} ({self.year})" if self.authors and self.year else self.authors or ""
        return " ".join(part for part in [lead, self.title or self.publication] if part)

    def natural_key(self):
        return (self.key,)

    def clean(self):
        self.doi = self.doi.strip().removeprefix("https://doi.org/").removeprefix("doi:").strip()

    @property
    def title_ends_sentence(self):
        """A title that ends in its own ? or ! (or a full stop) takes no added full stop."""
        return self.title.rstrip().endswith(("?", "!", "."))

    @property
    def details_end_sentence(self):
        return (self.details or self.publication).rstrip().endswith(("?", "!", "."))

    @property
    def link(self):
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Benefit(StableId, models.Model):
    """A goal readers train for (better posture, less neck tension...), served by exercises."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=200, help_text="One sentence, shown in lists and filters.")
    explanation = models.TextField(
        blank=True, help_text="How back training serves this goal. Plain text; blank lines split paragraphs."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists and filters.")
    references = models.ManyToManyField(Reference, blank=True, related_name="benefits")
    red_flags = models.BooleanField(
        "show the red flags",
        default=False,
        help_text="Tick for goals that readers in pain choose (back pain relief): the page then "
        "lists the signs that need a doctor before any exercise.",
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "benefit (goal)"
        verbose_name_plural = "benefits (goals)"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ExerciseQuerySet(PublishableQuerySet):
    def refresh_figures(self):
        """Store each exercise's current figure version (see ``Exercise.figure``); returns how
        many changed. Signals call it for one exercise; fixture loads and bulk changes, once."""
        changed = []
        for exercise in self.with_figures():
            movement = exercise.movement
            current = movement.version if movement.complete else ""
            if exercise.figure != current:
                exercise.figure = current
                changed.append(exercise)
        self.model._base_manager.bulk_update(changed, ["figure"])
        return len(changed)

    def with_figures(self):
        """Cards' data and the poses: all ``Exercise.movement`` draws from."""
        return self.for_cards().prefetch_related("poses")

    def for_cards(self):
        """What an exercise card shows, in a fixed number of queries (its start figure's
        address comes from the stored ``figure`` version)."""
        return self.prefetch_related(
            "equipment",
            models.Prefetch(
                "exercise_muscles",
                # Muscles in their anatomy order, by name where two share a place.
                queryset=ExerciseMuscle.objects.select_related("muscle").order_by(
                    "role", "muscle__position", "muscle__name"
                ),
            ),
        )


class Exercise(StableId, Searchable, Publishable):
    """One exercise, with everything a reader needs to do it safely."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        MOBILITY = "mobility", "Mobility and stretching"
        ACTIVATION = "activation", "Activation and breathing"

    class Difficulty(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    class Mechanics(models.TextChoices):
        COMPOUND = "compound", "Compound"
        ISOLATION = "isolation", "Isolation"

    class Force(models.TextChoices):
        PULL = "pull", "Pull"
        PUSH = "push", "Push"
        HINGE = "hinge", "Hinge"
        STATIC = "static", "Static"

    class Pattern(models.TextChoices):
        VERTICAL_PULL = "vertical-pull", "Vertical pull"
        HORIZONTAL_PULL = "horizontal-pull", "Horizontal pull"
        SHRUG = "shrug", "Shrug"
        PULLOVER = "pullover", "Pullover"
        HINGE = "hinge", "Hinge"
        EXTENSION = "extension", "Back extension"
        SCAPULAR_CONTROL = "scapular-control", "Shoulder-blade control"
        ROTATION = "rotation", "Rotation"
        LATERAL_FLEXION = "lateral-flexion", "Side bend"
        SPINAL_FLEXION = "spinal-flexion", "Spinal flexion and extension"
        PUSH = "push", "Push"
        STABILITY = "stability", "Stability"
        BREATHING = "breathing", "Breathing"
        STRETCH = "stretch", "Stretch"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One sentence: what it is and what it trains. Shown on cards."
    )
    description = models.TextField(
        blank=True, help_text="Optional longer notes in Markdown. Scripts and styles are removed."
    )
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.STRENGTH)
    difficulty = models.CharField(max_length=16, choices=Difficulty, default=Difficulty.BEGINNER)
    mechanics = models.CharField(max_length=16, choices=Mechanics, default=Mechanics.COMPOUND)
    force = models.CharField(max_length=16, choices=Force, default=Force.PULL)
    movement_pattern = models.CharField(max_length=24, choices=Pattern)
    is_unilateral = models.BooleanField(
        "one side at a time", default=False, help_text="Tick when each side works separately."
    )
    aliases = models.CharField(
        max_length=300,
        blank=True,
        help_text='Other names readers search for, comma-separated ("lat pull-down, pulldown").',
    )
    tips = models.TextField(blank=True, help_text="Coaching tips, one per line.")
    mistakes = models.TextField("common mistakes", blank=True, help_text="One per line.")
    safety_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown as a callout; use it for moves that load the lower back or neck.",
    )
    dose_style = models.CharField(
        "how much: dose style",
        max_length=8,
        choices=DoseStyle,
        blank=True,
        help_text='How the page\'s "How much" block doses it; the numbers for each style and '
        "level are shared by the whole catalogue (exercises/doses.py). Leave blank to go by its "
        "kind: strength moves in sets of reps (static ones as timed holds), static mobility moves "
        "as stretch holds, other mobility and activation moves as slow reps. Choose one when "
        "that rule is wrong, as for cat-cow, which moves although it is mobility work.",
    )
    no_easier = models.BooleanField(
        "first step: no easier version",
        default=False,
        help_text="Tick when nothing in the catalogue is easier (the page then says this is the "
        "first step). Otherwise link at least one easier version below.",
    )
    no_harder = models.BooleanField(
        "last step: no harder version",
        default=False,
        help_text="Tick when nothing in the catalogue is harder (the page then says this is the "
        "last step). Otherwise link at least one harder version below.",
    )
    rehab_hold = models.CharField(
        "hold",
        max_length=60,
        blank=True,
        help_text="For rehabilitation and mobility moves: how long each repetition is held, as "
        '"20–30 seconds" or "2–3 seconds at the end of the range".',
    )
    rehab_repetitions = models.CharField(
        "repetitions",
        max_length=60,
        blank=True,
        help_text='How many, as "5–10 slow repetitions" or "2–3 holds on each side".',
    )
    rehab_frequency = models.CharField(
        "how often",
        max_length=80,
        blank=True,
        help_text='Times a day or a week, as "once or twice a day" or "3 days a week".',
    )
    rehab_progression = models.TextField(
        "how to progress", blank=True, help_text="When and how to make it harder. Plain text."
    )
    rehab_stop = models.TextField(
        "when to stop",
        blank=True,
        help_text="The signs that mean stop and ask a professional. Plain text. Filling the five "
        'rehab fields shows the "How to do it safely" card and puts the move on printable sheets.',
    )
    equipment = models.ManyToManyField(
        Equipment,
        blank=True,
        related_name="exercises",
        help_text="Everything the exercise needs. Leave empty when it needs no equipment.",
    )
    muscles = models.ManyToManyField(Muscle, through="ExerciseMuscle", related_name="exercises")
    goals = models.ManyToManyField(
        Benefit, blank=True, related_name="exercises", help_text="The goals this exercise clearly serves."
    )
    references = models.ManyToManyField(
        Reference,
        blank=True,
        related_name="exercises",
        help_text="Sources for how it is done and what it trains.",
    )
    related = models.ManyToManyField(
        "self", through="ExerciseLink", symmetrical=False, related_name="linked_from"
    )

    figure = models.CharField(
        max_length=10,
        blank=True,
        editable=False,
        help_text="The drawn figure's version (exercises/movement.py), kept current as its poses, "
        "muscles and equipment change; empty until it has a start and a finish frame. Lists read "
        "it to show thumbnails without loading the poses.",
    )

    objects = ExerciseQuerySet.as_manager()
    image = image_field()
    markdown_fields = ["description"]  # checked for broken links on the editors' dashboard
    history = HistoricalRecords(excluded_fields=[*SEARCH_FIELDS, "figure"])
    search_kind = "Exercises"
    search_kind_words = "exercise move movement"
    search_order = 10
    reserved_slugs = frozenset({"feed", "sheet"})  # the Atom feed and the printable move sheet
    search_prefetch = ["steps", "exercise_muscles__muscle", "equipment"]
    search_name_fields = ["name", "aliases"]

    class Meta(Publishable.Meta):
        ordering = [Lower("name")]
        permissions = [("publish_exercise", "Can publish exercises")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("exercises:exercise-detail", kwargs={"slug": self.slug})

    @property
    def thumbnail(self):
        """The start figure's address for small pictures in lists, or '': from the stored
        version, so a list asks no query for it."""
        if not self.figure:
            return ""
        kwargs = {"slug": self.slug, "version": self.figure, "frame": "start"}
        return reverse("exercises:exercise-figure", kwargs=kwargs)

    @property
    def primary_links(self):
        """The primary muscle links, from the prefetched links (``for_cards``)."""
        return [link for link in self.exercise_muscles.all() if link.role == ExerciseMuscle.Role.PRIMARY]

    @property
    def stretched_links(self):
        """The muscles a stretch lengthens, from the prefetched links (``for_cards``)."""
        return [link for link in self.exercise_muscles.all() if link.role == ExerciseMuscle.Role.STRETCHED]

    @cached_property
    def movement(self):
        """The drawn figure, from the prefetched poses, muscle links and equipment."""
        return MovementFigure(self, self.poses.all(), self.exercise_muscles.all(), self.equipment.all())

    REHAB_FIELDS = ("rehab_hold", "rehab_repetitions", "rehab_frequency", "rehab_progression", "rehab_stop")

    @property
    def has_rehab_dose(self):
        """Whether the "How to do it safely" card (and the printable sheet) can show it."""
        return all(getattr(self, name).strip() for name in self.REHAB_FIELDS)

    @property
    def tip_list(self):
        return [line.strip() for line in self.tips.splitlines() if line.strip()]

    @property
    def mistake_list(self):
        return [line.strip() for line in self.mistakes.splitlines() if line.strip()]

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]

    def search_document(self):
        steps = [step.text for step in self.steps.all()]
        # What it works and what it needs, so "rhomboids" or "kettlebell" finds the exercise.
        worked = [
            link.muscle.name
            for link in self.exercise_muscles.all()
            if link.role != ExerciseMuscle.Role.STABILIZER
        ]
        return {
            "A": [self.name],
            "B": self.alias_list,
            "C": [self.summary, *worked, *(item.name for item in self.equipment.all())],
            "D": [*steps, self.tips, self.mistakes, self.description],
        }

    def publishing_problems(self):
        """What stops this exercise from being published, as sentences for an editor."""
        problems = []
        if not self.exercise_muscles.filter(role__in=ExerciseMuscle.DEFINING_ROLES).exists():
            problems.append(
                "Add at least one primary muscle (for a pure stretch, a stretched one) before publishing."
            )
        if not self.steps.exists():
            problems.append("Add at least one step before publishing.")
        return problems


class StepManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, position):
        return get_leaf(self.get_queryset(), exercise__slug=exercise_slug, position=position)


class ExerciseMuscleManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, muscle_slug):
        return get_leaf(self.get_queryset(), exercise__slug=exercise_slug, muscle__slug=muscle_slug)


class ExerciseLinkManager(models.Manager):
    def get_by_natural_key(self, from_slug, to_slug, link_type):
        return get_leaf(
            self.get_queryset(), from_exercise__slug=from_slug, to_exercise__slug=to_slug, link_type=link_type
        )


class ExerciseStep(models.Model):
    """One numbered instruction. Setup steps come before the movement itself."""

    class Phase(models.TextChoices):
        SETUP = "setup", "Set up"
        MOVE = "move", "Move"

    search_parent = "exercise"  # its text is part of the exercise's search entry

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField(max_length=8, choices=Phase, default=Phase.MOVE)
    position = models.PositiveSmallIntegerField(help_text="1, 2, 3... across both phases.")
    text = models.TextField()

    objects = StepManager()

    class Meta:
        ordering = ["exercise", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "position"], name="step_position_unique"),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="step_position_gte_1"),
        ]

    def __str__(self):
        return f"{self.exercise}: step {self.position}"

    def natural_key(self):
        return (*related_key(self, "exercise"), self.position)

    natural_key.dependencies = ["exercises.exercise"]


class ExerciseMuscle(models.Model):
    """How an exercise uses a muscle: as a primary mover, a helper or a stabilizer."""

    class Role(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        STABILIZER = "stabilizer", "Stabilizer"
        STRETCHED = "stretched", "Stretched (not loaded)"

    #: The roles that say what an exercise is for; a published exercise needs one (a pure
    #: stretch works nothing, it lengthens its stretched muscles).
    DEFINING_ROLES = (Role.PRIMARY, Role.STRETCHED)

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="exercise_muscles")
    muscle = models.ForeignKey(Muscle, on_delete=models.PROTECT, related_name="exercise_links")
    role = models.CharField(
        max_length=16,
        choices=Role,
        default=Role.PRIMARY,
        help_text="Primary: does the work. Secondary: helps. Stabilizer: holds still. Stretched: "
        "lengthened but not loaded (a stretch's target); it counts toward no weekly sets.",
    )

    objects = ExerciseMuscleManager()

    class Meta:
        ordering = ["exercise", "role", "muscle__position"]
        verbose_name = "muscle worked"
        verbose_name_plural = "muscles worked"
        constraints = [
            models.UniqueConstraint(fields=["exercise", "muscle"], name="exercise_muscle_unique"),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.muscle} ({self.get_role_display().lower()})"

    def natural_key(self):
        return (*related_key(self, "exercise"), *related_key(self, "muscle"))

    natural_key.dependencies = ["exercises.exercise", "exercises.muscle"]


class ExerciseLink(models.Model):
    """A typed link from one exercise to another (a harder version, an alternative...)."""

    class Type(models.TextChoices):
        VARIATION = "variation", "Variation"
        PROGRESSION = "progression", "Harder version"
        REGRESSION = "regression", "Easier version"
        ALTERNATIVE = "alternative", "Alternative"

    from_exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="links")
    to_exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="incoming_links")
    link_type = models.CharField(max_length=16, choices=Type)

    objects = ExerciseLinkManager()

    class Meta:
        ordering = ["from_exercise", "link_type", "to_exercise__name"]
        verbose_name = "related exercise"
        constraints = [
            models.UniqueConstraint(
                fields=["from_exercise", "to_exercise", "link_type"], name="exercise_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_exercise=models.F("to_exercise")),
                name="exercise_link_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.from_exercise} → {self.to_exercise} ({self.get_link_type_display()})"

    def natural_key(self):
        return (*related_key(self, "from_exercise"), *related_key(self, "to_exercise"), self.link_type)

    natural_key.dependencies = ["exercises.exercise"]


class PoseManager(models.Manager):
    def get_by_natural_key(self, exercise_slug, frame):
        return get_leaf(self.get_queryset(), exercise__slug=exercise_slug, frame=frame)


def angle_field(joint, help_text):
    low, high = figures.RANGE[joint]
    return models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=f"{help_text} Degrees, {low} to {high}.",
    )


def far_angle_field(joint):
    low, high = figures.RANGE[joint]
    return models.SmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=f"Only when the far side differs (one arm, one leg). Degrees, {low} to {high}.",
    )


class ExercisePose(models.Model):
    """One frame of an exercise's figure (exercises/figures.py draws it): the body's base and
    an angle for each joint, flexion positive."""

    class Frame(models.TextChoices):
        START = "start", "Start"
        MIDDLE = "middle", "Middle"
        FINISH = "finish", "Finish"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="poses")
    frame = models.CharField(max_length=8, choices=Frame, default=Frame.START)
    view = models.CharField(
        max_length=8,
        choices=figures.View,
        default=figures.View.SIDE,
        help_text="Side view suits most moves; front or back where the arms move out to the sides.",
    )
    base = models.CharField(
        max_length=10,
        choices=figures.Base,
        default=figures.Base.STANDING,
        help_text="What bears the body. Standing keeps the feet flat; kneeling rests the shins; "
        "seated levels the thighs; lying rests the trunk; hanging holds the bar; "
        "on hands and toes is a plank or push-up.",
    )
    spine = angle_field("spine", "Trunk bend: forward (flexion) positive, arching back negative.")
    hip = angle_field("hip", "Thigh to trunk: folding forward positive.")
    knee = angle_field("knee", "Bend of the knee; 0 is straight.")
    ankle = angle_field("ankle", "Shin over the foot: dorsiflexion positive, pointing the toes negative.")
    shoulder = angle_field(
        "shoulder", "Arm raised forward from hanging at the side: flexion positive, behind the body negative."
    )
    abduction = angle_field(
        "abduction",
        "Arm raised out to the side (front or back view): 90 level with the shoulder; "
        "negative crosses the front of the body. With the arm raised forward, it sweeps the arm "
        "out level, as in a pull-apart.",
    )
    rotation = angle_field(
        "rotation",
        "Upper arm turned outwards positive, inwards negative: sets which way a bent elbow "
        "points the forearm (0 forwards; 90 up when the arm is out to the side).",
    )
    elbow = angle_field("elbow", "Bend of the elbow; 0 is straight.")
    wrist = angle_field("wrist", "Palm towards the forearm positive, back of the hand negative.")
    neck = angle_field("neck", "Chin towards the chest positive, looking up negative.")
    side_bend = angle_field(
        "side_bend", "Trunk bent sideways (front or back view): towards the near side positive."
    )
    elevation = models.SmallIntegerField(
        "shrug",
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(figures.MAX_ELEVATION)],
        help_text=f"Shoulders lifted towards the ears: 0 relaxed, {figures.MAX_ELEVATION} a full shrug.",
    )
    support = models.CharField(
        max_length=12,
        choices=figures.Support,
        default=figures.Support.FLOOR,
        help_text="Lying: what the trunk rests on (benches and the back extension pad are drawn). "
        "Hanging: a low bar for an inverted row, with the heels on the floor.",
    )
    lean = models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Hanging or on hands and toes: the trunk's tilt from vertical, forward positive "
        "(an inverted row lies back, about -70; a push-up about 70). Lying face up: lifts the hips "
        "into a bridge. Degrees, -90 to 90.",
    )
    far_shoulder = far_angle_field("shoulder")
    far_abduction = far_angle_field("abduction")
    far_rotation = far_angle_field("rotation")
    far_elbow = far_angle_field("elbow")
    far_hip = far_angle_field("hip")
    far_knee = far_angle_field("knee")
    far_ankle = far_angle_field("ankle")

    objects = PoseManager()

    class Meta:
        ordering = ["exercise", "frame"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "frame"], name="pose_frame_unique"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{joint}__gte": low, f"{joint}__lte": high}),
                    name=f"pose_{joint}_in_range",
                )
                for joint, (low, high) in figures.RANGE.items()
            ),
            models.CheckConstraint(
                condition=models.Q(elevation__gte=0, elevation__lte=figures.MAX_ELEVATION),
                name="pose_elevation_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.get_frame_display().lower()}"

    def natural_key(self):
        return (*related_key(self, "exercise"), self.frame)

    natural_key.dependencies = ["exercises.exercise"]

    FAR = ("shoulder", "abduction", "rotation", "elbow", "hip", "knee", "ankle")
    FAR_FIELDS = tuple(f"far_{joint}" for joint in FAR)

    def as_pose(self):
        far = {joint: getattr(self, f"far_{joint}") for joint in self.FAR}
        return figures.Pose(
            view=self.view,
            base=self.base,
            lean=self.lean,
            elevation=self.elevation,
            support=self.support,
            far={joint: value for joint, value in far.items() if value is not None},
            **{joint: getattr(self, joint) for joint in figures.JOINTS},
        )

    def clean(self):
        super().clean()
        try:
            pose = self.as_pose()
        except TypeError:
            return  # a field is empty or not a number: its own error says so
        if any(value is None for value in pose.as_dict().values()):
            return
        found = figures.problems(pose)
        if any("normal range" in problem for problem in found):
            return  # each field's own validator names its range
        if found:
            raise ValidationError(found)
