"""Articles and FAQ answers: cited, reviewed and dated health content.

Article -> Exercise, Muscle, Benefit (what it is about) and -> Reference through
ArticleReference (numbered in the order given). Question -> Article (optional) and Reference.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.images import image_field
from core.naturalkeys import get_leaf, related_key
from core.publishing import Publishable, PublishableQuerySet
from core.search import SEARCH_FIELDS, Searchable
from core.stableids import StableId
from exercises.models import Benefit, Exercise, Muscle, Reference


class Topic(models.TextChoices):
    BENEFITS = "benefits", "Benefits"
    TECHNIQUE = "technique", "Technique and form"
    PROGRAMMING = "programming", "Programming and recovery"
    ANATOMY_POSTURE = "anatomy-posture", "Anatomy and posture"
    EQUIPMENT = "equipment", "Equipment"


REVIEW_INTERVAL = datetime.timedelta(days=365)


class Article(StableId, Searchable, Publishable):
    """A guide in Markdown, written by an author, checked by a reviewer, with references."""

    title = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(max_length=300, help_text="One or two sentences for lists and search results.")
    body = models.TextField(
        help_text="Markdown. Start sections with ## headings; long articles get a table of contents. "
        "Scripts, styles and event attributes are removed."
    )
    topic = models.CharField(max_length=20, choices=Topic)
    author_name = models.CharField(max_length=120)
    author_credentials = models.CharField(max_length=160, blank=True, help_text="For example PT, DPT.")
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_credentials = models.CharField(max_length=160, blank=True)
    last_reviewed = models.DateField(null=True, blank=True, help_text="When the reviewer last checked it.")
    exercises = models.ManyToManyField(Exercise, blank=True, related_name="articles")
    muscles = models.ManyToManyField(Muscle, blank=True, related_name="articles")
    goals = models.ManyToManyField(
        Benefit, blank=True, related_name="articles", help_text="The goals this article explains."
    )
    references = models.ManyToManyField(Reference, through="ArticleReference", related_name="articles")
    image = image_field()

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=SEARCH_FIELDS)
    markdown_fields = ["body"]  # checked for broken links on the editors' dashboard
    search_kind = "Articles"
    search_kind_words = "article guide"
    search_order = 30
    reserved_slugs = frozenset({"feed"})  # /articles/feed/ is the Atom feed
    search_name_fields = ["title"]

    class Meta(Publishable.Meta):
        ordering = ["topic", "title"]
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    def search_document(self):
        return {"A": [self.title], "C": [self.summary], "D": [self.body]}

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.status == "published":
            missing = {}
            if not self.reviewer_name:
                missing["reviewer_name"] = "A published article needs the name of the person who reviewed it."
            if not self.last_reviewed:
                missing["last_reviewed"] = "A published article needs the date it was last reviewed."
            if missing:
                raise ValidationError(missing)

    def publishing_problems(self):
        problems = []
        if not self.reviewer_name:
            problems.append("Add the reviewer's name before publishing.")
        if not self.last_reviewed:
            problems.append("Add the last-reviewed date before publishing.")
        return problems

    @property
    def next_review_due(self):
        return self.last_reviewed + REVIEW_INTERVAL if self.last_reviewed else None


class ArticleReferenceManager(models.Manager):
    def get_by_natural_key(self, article_slug, reference_key):
        return get_leaf(self.get_queryset(), article__slug=article_slug, reference__key=reference_key)


class ArticleReference(models.Model):
    """A citation in an article; ``position`` is its number in the reference list."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="citations")
    position = models.PositiveSmallIntegerField(default=1)

    objects = ArticleReferenceManager()

    class Meta:
        ordering = ["article", "position"]
        verbose_name = "reference"
        constraints = [
            models.UniqueConstraint(fields=["article", "reference"], name="article_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="article_reference_position_gte_1"
            ),
        ]

    def __str__(self):
        return f"[{self.position}] {self.reference}"

    def natural_key(self):
        return (*related_key(self, "article"), *related_key(self, "reference"))

    natural_key.dependencies = ["articles.article", "exercises.reference"]


class Question(StableId, Searchable, Publishable):
    """A frequently asked question with a short Markdown answer."""

    question = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="The anchor in /faq/#slug.")
    answer = models.TextField(help_text="Markdown; scripts, styles and event attributes are removed.")
    topic = models.CharField(max_length=20, choices=Topic)
    position = models.PositiveSmallIntegerField(default=1, help_text="Order within its topic.")
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="The article that answers it at length.",
    )
    references = models.ManyToManyField(Reference, blank=True, related_name="questions")
    red_flags = models.BooleanField(
        "show the red flags",
        default=False,
        help_text="Tick for answers that readers in pain land on: the answer then lists the signs "
        "that need a doctor before any exercise.",
    )

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=SEARCH_FIELDS)
    markdown_fields = ["answer"]
    search_kind = "FAQ"
    search_kind_words = "faq question answer"
    search_order = 40
    search_name_fields = ["question"]
    keep_old_urls = False  # its URL is an anchor on /faq/, which a server never sees

    class Meta(Publishable.Meta):
        ordering = ["topic", "position", "question"]
        verbose_name = "FAQ entry"
        permissions = [("publish_question", "Can publish FAQ entries")]
        verbose_name_plural = "FAQ"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return f"{reverse('articles:faq')}#{self.slug}"

    def search_document(self):
        return {"A": [self.question], "D": [self.answer]}

    def search_summary(self):
        return self.answer

    def natural_key(self):
        return (self.slug,)
