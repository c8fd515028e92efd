import base64
import json

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet, modelform_factory
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.admin_publishing import PublishingAdminMixin
from core.publishing import Status

from . import figures
from .models import (
    Benefit,
    BodyRegion,
    Equipment,
    Exercise,
    ExerciseLink,
    ExerciseMuscle,
    ExercisePose,
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
        "A published exercise needs at least one primary muscle (a pure stretch: one stretched "
        "muscle). Add one below, or set the status back to Draft to save your work."
    )

    def qualifies(self, form):
        return form.cleaned_data.get("role") in ExerciseMuscle.DEFINING_ROLES


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


PREVIEW_FIELDS = ["view", "base", "support", "lean", "elevation", *figures.JOINTS, *ExercisePose.FAR_FIELDS]
PosePreviewForm = modelform_factory(ExercisePose, fields=PREVIEW_FIELDS)


class ExercisePoseInline(admin.StackedInline):
    """Start and finish (and an optional middle) frame of the exercise's drawn figure."""

    model = ExercisePose
    extra = 0
    max_num = 3
    readonly_fields = ["preview"]
    fieldsets = [
        (None, {"fields": [("frame", "view", "base", "support"), "preview"]}),
        ("Trunk and head", {"fields": [("spine", "side_bend", "neck", "lean", "elevation")]}),
        ("Legs", {"fields": [("hip", "knee", "ankle")]}),
        ("Arms", {"fields": [("shoulder", "abduction", "rotation"), ("elbow", "wrist")]}),
        (
            "Far side, only where it differs",
            {
                "classes": ["collapse"],
                "fields": [
                    ("far_shoulder", "far_abduction", "far_rotation", "far_elbow"),
                    ("far_hip", "far_knee", "far_ankle"),
                ],
            },
        ),
    ]
    verbose_name = "figure frame"
    verbose_name_plural = "figure (start and finish frames; saved frames are drawn here)"

    class Media:
        js = ["exercises/js/pose-preview.js"]  # redraws as the fields change (without it: on save)

    @admin.display(description="Drawn")
    def preview(self, pose):
        """The saved frame drawn, or its problems; with JavaScript, redrawn as fields change."""
        if not pose.pk or pose.exercise_id is None:
            shown = "Save to see the figure."
        elif problems := figures.problems(pose.as_pose()):
            shown = " ".join(problems)
        else:
            drawing = figures.svg(pose.as_pose(), ident=f"admin-{pose.pk}").encode()
            shown = format_html(
                '<img src="data:image/svg+xml;base64,{}" alt="The {} frame as drawn" width="160">',
                base64.b64encode(drawing).decode(),
                pose.get_frame_display().lower(),
            )
        return format_html(
            '<div class="pose-preview" data-url="{}" data-defaults="{}" aria-live="polite">{}</div>',
            reverse("admin:exercises_exercise_pose_preview"),
            json.dumps(figures.BASE_DEFAULTS),
            shown,
        )


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
    inlines = [ExercisePoseInline, ExerciseMuscleInline, ExerciseStepInline, ExerciseLinkInline]

    def get_urls(self):
        preview = path(
            "pose-preview/",
            self.admin_site.admin_view(self.pose_preview),
            name="exercises_exercise_pose_preview",
        )
        return [preview, *super().get_urls()]

    def pose_preview(self, request):
        """A frame drawn from the form's current values, for the live preview: JSON with the
        SVG and any problem (a field out of range, a contact that does not hold)."""
        data = {name: ExercisePose._meta.get_field(name).get_default() for name in PREVIEW_FIELDS}
        data.update((name, request.GET[name]) for name in PREVIEW_FIELDS if name in request.GET)
        form = PosePreviewForm(data)
        form.is_valid()  # a pose that breaks a physical rule is still drawn, with its problems
        wrong = {name: errors for name, errors in form.errors.items() if name in form.fields}
        if wrong:
            found = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in wrong.items()]
            return JsonResponse({"svg": "", "problems": found})
        pose = ExercisePose(**form.cleaned_data).as_pose()
        return JsonResponse({"svg": figures.svg(pose, ident="live"), "problems": figures.problems(pose)})

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
        ("Coaching", {"fields": ["tips", "mistakes", "safety_note", "dose_style", "description"]}),
        ("Sources", {"fields": ["references"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]


@admin.register(Muscle)
class MuscleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "anatomical_name", "parent", "training_region", "map_shape", "position"]
    list_select_related = ["parent", "training_region"]
    list_filter = ["regions", "training_region", "map_shape", ("image", admin.EmptyFieldListFilter)]
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


def without_figure():
    """For the editors' dashboard: live exercises with no drawn start and finish yet."""
    drawn = ExercisePose.objects.filter(frame__in=["start", "finish"]).values("exercise")
    has_both = (
        drawn.order_by().values("exercise").annotate(frames=Count("frame", distinct=True)).filter(frames=2)
    )
    missing = Exercise.objects.published().exclude(pk__in=has_both.values("exercise")).order_by("name")
    return {
        "label": "Exercises with no figure",
        "count": missing.count(),
        "items": [
            (exercise.name, reverse("admin:exercises_exercise_change", args=[exercise.pk]))
            for exercise in missing.only("pk", "name")[:20]
        ],
    }
