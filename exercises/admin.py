from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.admin_publishing import PublishingAdminMixin
from core.publishing import Status

from .models import (
    Benefit,
    BodyRegion,
    Equipment,
    Exercise,
    ExerciseLink,
    ExerciseMuscle,
    ExerciseStep,
    Muscle,
    Reference,
)


class PublishRequirementFormSet(BaseInlineFormSet):
    """An inline that must hold at least one qualifying row before its parent is published.

    The check runs on what the editor submitted (the parent's new status and the inline
    rows still on the page), so a refused form keeps everything typed.
    """

    message = ""

    def qualifies(self, form):
        return True

    def clean(self):
        super().clean()
        if self.instance.status != Status.PUBLISHED:
            return
        if any(not form.is_valid() for form in self.forms):
            return  # the row errors are shown first
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not any(self.qualifies(form) for form in kept):
            raise ValidationError(self.message, code="publish_requirement")


class MusclesFormSet(PublishRequirementFormSet):
    message = (
        "A published exercise needs at least one primary muscle. "
        "Add one below, or set the status back to Draft to save your work."
    )

    def qualifies(self, form):
        return form.cleaned_data.get("role") == ExerciseMuscle.Role.PRIMARY


class StepsFormSet(PublishRequirementFormSet):
    message = (
        "A published exercise needs at least one step. "
        "Add the steps below, or set the status back to Draft to save your work."
    )


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    formset = StepsFormSet
    extra = 0
    fields = ["position", "phase", "text"]
    verbose_name_plural = "steps (set-up steps first, then the movement)"


class ExerciseMuscleInline(admin.TabularInline):
    model = ExerciseMuscle
    formset = MusclesFormSet
    extra = 0
    autocomplete_fields = ["muscle"]


class ExerciseLinkInline(admin.TabularInline):
    model = ExerciseLink
    fk_name = "from_exercise"
    extra = 0
    autocomplete_fields = ["to_exercise"]
    verbose_name_plural = "related exercises"


@admin.register(Exercise)
class ExerciseAdmin(PublishingAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "status", "difficulty", "kind", "movement_pattern", "updated_at"]
    list_filter = [
        "status",
        "difficulty",
        "kind",
        "movement_pattern",
        "goals",
        "equipment",
        "muscles",
        ("image", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["equipment", "references", "image"]
    list_select_related = ["image"]
    filter_horizontal = ["goals"]
    date_hierarchy = "updated_at"
    inlines = [ExerciseMuscleInline, ExerciseStepInline, ExerciseLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "aliases", "image"]}),
        (
            "Classification",
            {
                "fields": [
                    ("kind", "difficulty"),
                    ("mechanics", "force"),
                    "movement_pattern",
                    "is_unilateral",
                ]
            },
        ),
        ("Equipment and goals", {"fields": ["equipment", "goals"]}),
        ("Coaching", {"fields": ["tips", "mistakes", "safety_note", "description"]}),
        ("Sources", {"fields": ["references"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]


@admin.register(Muscle)
class MuscleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "anatomical_name", "parent", "map_shape", "position"]
    list_select_related = ["parent"]
    list_filter = ["regions", "map_shape", ("image", admin.EmptyFieldListFilter)]
    search_fields = ["name", "anatomical_name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "image"]
    filter_horizontal = ["regions"]


@admin.register(BodyRegion)
class BodyRegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Equipment)
class EquipmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Benefit)
class BenefitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "summary", "position"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["references"]


@admin.register(Reference)
class ReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publication", "year", "doi"]
    search_fields = ["key", "authors", "title", "publication", "doi"]
    list_filter = ["year"]


def without_alternative():
    """For the editors' dashboard: live exercises that offer no alternative to swap in."""
    has_alternative = Q(links__link_type=ExerciseLink.Type.ALTERNATIVE) | Q(
        incoming_links__link_type=ExerciseLink.Type.ALTERNATIVE
    )
    lonely = Exercise.objects.published().exclude(has_alternative).order_by("name")
    return {
        "label": "Exercises with no alternative",
        "count": lonely.count(),
        "items": [
            (exercise.name, reverse("admin:exercises_exercise_change", args=[exercise.pk]))
            for exercise in lonely.only("pk", "name")[:20]
        ],
    }
