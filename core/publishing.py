"""The publishing pattern every content model shares.

A content row is visible to the public only when it is published and its publication
time has come. That rule lives here, in ``PublishableQuerySet.published()``, and nowhere
else: views call ``Model.objects.published()`` (or ``visible_to(user)`` for staff preview).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .naturalkeys import get_by_key
from .redirects import KeepsOldUrls


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def visible_q(user, through=""):
    """What ``visible_to(user)`` means, as a condition on a related row (``through`` is the
    relation's prefix, such as ``"to_exercise__"``). Joining on it lets the database drive a
    query from its other conditions, where ``relation__in=visible_to(...)`` made SQLite list
    every published row first."""
    if user.is_authenticated and user.is_staff:
        return models.Q()
    return models.Q(**{f"{through}status": Status.PUBLISHED, f"{through}published_at__lte": timezone.now()})


class PublishableQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        """Fixtures refer to content by slug, never by id."""
        return get_by_key(self, slug=slug)

    def published(self):
        """Rows the public may see: published, with a publication time not in the future."""
        return self.filter(visible_q(AnonymousUser()))

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published rows only."""
        return self.filter(visible_q(user))


class Publishable(KeepsOldUrls, models.Model):
    """Abstract base: status, publication time and timestamps."""

    status = models.CharField(
        max_length=16,
        choices=Status,
        default=Status.DRAFT,
        help_text="Draft, then In review, then Published (or Archived). Only published items whose "
        "publication time has come are public; everything else is visible to staff only.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="Filled in automatically on first publication. "
        "A time in the future keeps the item hidden until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="%(app_label)s_%(class)s_pub")]

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    #: Slugs that would collide with a fixed address under the same prefix (/exercises/feed/).
    reserved_slugs = frozenset()

    def clean(self):
        super().clean()
        if getattr(self, "slug", None) in self.reserved_slugs:
            raise ValidationError(
                {"slug": f"“{self.slug}” is the address of another page; choose another slug."}
            )
        # Stamp the time before the "published needs a time" constraint is validated.
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def publishing_problems(self):
        """What stops this row from being published, as sentences for an editor ([] if none)."""
        return []

    @property
    def is_live(self):
        """True when the public can see this row right now."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def preview_state(self):
        """Words for the staff preview banner, or "" when the row is live."""
        if self.is_live:
            return ""
        if self.status == Status.PUBLISHED:
            return f"Scheduled for {self.published_at:%d %b %Y %H:%M} UTC"
        return self.get_status_display()


class PublishedDetailMixin:
    """For DetailViews of publishable models: 404 for the public unless live, staff preview."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)
