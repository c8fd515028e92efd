from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from core.admin_publishing import PublishingAdminMixin

from .models import Phase, Prescription, ProgramSession, ProgramTemplate, TrainingGuideline


class ProgramForm(forms.ModelForm):
    """Refuses to publish a program that has no exercises yet, saying what to do."""

    class Meta:
        model = ProgramTemplate
        fields = [  # noqa: RUF100 (the admin's fieldsets choose what is shown)
            "name",
            "slug",
            "level",
            "goal",
            "summary",
            "image",
            "description",
            "duration_weeks",
            "sessions_per_week",
            "session_minutes",
            "status",
            "published_at",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == "published":
            if self.instance.pk is None:
                raise forms.ValidationError(
                    "A new program cannot be published yet: save it as a draft, add its phases and "
                    "sessions with their exercises, then publish."
                )
            problems = self.instance.publishing_problems()
            if problems:
                raise forms.ValidationError(problems)
        return cleaned


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    show_change_link = True
    fields = ["week_start", "week_end", "name"]
    verbose_name_plural = "phases (open one to edit its sessions)"


@admin.register(ProgramTemplate)
class ProgramTemplateAdmin(PublishingAdminMixin, SimpleHistoryAdmin):
    form = ProgramForm
    list_display = ["name", "level", "duration_weeks", "sessions_per_week", "status", "updated_at"]
    list_filter = ["status", "level", "goal", "sessions_per_week", ("image", admin.EmptyFieldListFilter)]
    list_select_related = ["goal"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["image"]
    inlines = [PhaseInline]
    readonly_fields = ["plan_overview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "level", "goal", "summary", "image", "description"]}),
        ("Schedule", {"fields": [("duration_weeks", "sessions_per_week", "session_minutes")]}),
        ("The plan", {"fields": ["plan_overview"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

    @admin.display(description="sessions and exercises")
    def plan_overview(self, program):
        if program.pk is None:
            return "Save the program, then add phases; each phase holds its sessions."
        sessions = ProgramSession.objects.filter(phase__program=program).select_related("phase")
        if not sessions:
            return "No sessions yet. Open a phase below to add them."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}: {}</a> ({} exercises)</li>',
                ((s.get_admin_url(), s.phase.weeks_label, s.name, s.prescriptions.count()) for s in sessions),
            ),
        )


class SessionInline(admin.TabularInline):
    model = ProgramSession
    extra = 0
    show_change_link = True
    fields = ["position", "name", "day"]
    verbose_name_plural = "sessions (open one to edit its exercises)"


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program"]
    list_select_related = ["program"]
    search_fields = ["program__name", "name"]
    inlines = [SessionInline]

    def has_module_permission(self, request):
        return False  # reached from its program, not from the admin index


class PrescriptionInline(admin.TabularInline):
    model = Prescription
    extra = 0
    autocomplete_fields = ["exercise"]
    fields = [
        "position",
        "exercise",
        "sets",
        "reps_min",
        "reps_max",
        "hold_seconds",
        "rest_seconds",
        "tempo",
        "group",
        "grouping",
        "notes",
    ]


@admin.register(ProgramSession)
class ProgramSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__"]
    list_select_related = ["phase__program"]
    search_fields = ["name", "phase__program__name"]
    inlines = [PrescriptionInline]
    readonly_fields = ["back_to_program"]
    fields = ["back_to_program", "phase", "position", "name", "day"]

    @admin.display(description="program")
    def back_to_program(self, session):
        if session.pk is None:
            return "-"
        program = session.phase.program
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:programs_programtemplate_change", args=[program.pk]),
            program,
        )

    def has_module_permission(self, request):
        return False


@admin.register(TrainingGuideline)
class TrainingGuidelineAdmin(admin.ModelAdmin):
    list_display = [
        "level",
        "sessions_min",
        "sessions_max",
        "sets_min",
        "sets_max",
        "reps_min",
        "reps_max",
        "recovery_hours_min",
        "recovery_hours_max",
    ]
