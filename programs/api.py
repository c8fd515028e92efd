"""Programs as JSON, read-only: /api/v1/programs/ (wired in backsite/api.py). Published
programs only; each with its phases, their sessions and each session's prescriptions."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api import FacetedReadOnlyViewSet
from exercises.api import Cited, Linked, PageUrlField, api_url, linked, references

from .filters import ProgramFilter
from .models import Phase, Prescription, ProgramSession, ProgramTemplate


class PrescriptionSerializer(serializers.ModelSerializer):
    exercise = serializers.SerializerMethodField()

    class Meta:
        model = Prescription
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

    @extend_schema_field(Linked)
    def get_exercise(self, obj):
        return linked("exercise", [obj.exercise], self.context)[0]


class SessionSerializer(serializers.ModelSerializer):
    prescriptions = PrescriptionSerializer(many=True)

    class Meta:
        model = ProgramSession
        fields = ["position", "name", "day", "prescriptions"]


class PhaseSerializer(serializers.ModelSerializer):
    sessions = SessionSerializer(many=True)

    class Meta:
        model = Phase
        fields = ["name", "week_start", "week_end", "sessions"]


PROGRAM_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, many=name in ProgramFilter.FACETS, description=description)
    for name, description in [
        ("level", "beginner, intermediate or advanced (any of them)."),
        ("goal", "Goal slugs (any of them)."),
        ("equipment", "Equipment slugs: any of them, or with only=1 nothing outside them."),
        ("only", "1: only programs that need nothing outside the equipment given."),
        ("sessions", "Sessions a week, 1 to 7 (any of them)."),
    ]
]


class ProgramSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()
    goal = serializers.SerializerMethodField()

    class Meta:
        model = ProgramTemplate
        fields = [
            "slug",
            "uuid",
            "name",
            "level",
            "goal",
            "summary",
            "duration_weeks",
            "sessions_per_week",
            "session_minutes",
            "reviewed_on",
            "url",
            "api_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("program", obj.slug, self.context)

    @extend_schema_field(Linked(allow_null=True))
    def get_goal(self, obj):
        return linked("goal", [obj.goal], self.context)[0] if obj.goal else None


class ProgramDetailSerializer(ProgramSerializer):
    phases = PhaseSerializer(many=True)
    references = serializers.SerializerMethodField()

    class Meta(ProgramSerializer.Meta):
        fields = [*ProgramSerializer.Meta.fields, "description", "phases", "references"]

    @extend_schema_field(Cited(many=True))
    def get_references(self, obj):
        return references(obj.references.all(), self.context)


@extend_schema_view(list=extend_schema(parameters=PROGRAM_PARAMETERS))
class ProgramViewSet(FacetedReadOnlyViewSet):
    """Published program templates, filtered and ordered exactly as the /programs/ page."""

    filterset_class = ProgramFilter

    def get_queryset(self):
        queryset = ProgramTemplate.objects.published().select_related("goal").order_by("name", "pk")
        if self.action == "retrieve":
            prescriptions = Prescription.objects.select_related("exercise").order_by("position")
            sessions = ProgramSession.objects.order_by("position").prefetch_related(
                Prefetch("prescriptions", queryset=prescriptions)
            )
            phases = Phase.objects.order_by("week_start").prefetch_related(
                Prefetch("sessions", queryset=sessions)
            )
            queryset = queryset.prefetch_related(Prefetch("phases", queryset=phases), "references")
        return queryset

    def get_serializer_class(self):
        return ProgramDetailSerializer if self.action == "retrieve" else ProgramSerializer
