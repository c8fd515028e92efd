"""The catalogue and anatomy as JSON, read-only: /api/v1/exercises/, muscles/, regions/,
equipment/ and goals/ (wired in backsite/api.py).

Published content only, whoever asks. Each resource names its page on the site (``url``)
and its own address in the API (``api_url``); resources link to each other by slug and API
address. The exercise list takes exactly the catalogue's parameters, through the same
ExerciseFilter (filters.py), so it returns the catalogue's exercises in the catalogue's order.
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api import FacetedReadOnlyViewSet, ReadOnlyViewSet

from .filters import ExerciseFilter
from .models import Benefit, BodyRegion, Equipment, Exercise, ExerciseMuscle, Muscle, Reference


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, help_text="The page on the site.", **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        url = value.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


def api_url(name, slug, context):
    return reverse(f"api:{name}-detail", kwargs={"slug": slug}, request=context.get("request"))


class Linked(serializers.Serializer):
    """Another resource: its slug, UUID, name and API address."""

    slug = serializers.SlugField()
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    api_url = serializers.URLField()


def linked(name, objects, context):
    return [
        {"slug": o.slug, "uuid": o.uuid, "name": o.name, "api_url": api_url(name, o.slug, context)}
        for o in objects
    ]


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class EquipmentSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    exercises_url = serializers.SerializerMethodField(help_text="The exercises that use it, in the API.")

    class Meta:
        model = Equipment
        fields = ["slug", "uuid", "name", "kind", "description", "api_url", "exercises_url"]

    def get_api_url(self, obj) -> str:
        return api_url("equipment", obj.slug, self.context)

    def get_exercises_url(self, obj) -> str:
        return reverse("api:exercise-list", request=self.context.get("request")) + f"?equipment={obj.slug}"


class RegionSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = BodyRegion
        fields = [
            "slug",
            "uuid",
            "name",
            "summary",
            "vertebrae",
            "location",
            "function",
            "reviewed_on",
            "url",
            "api_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("region", obj.slug, self.context)


class MuscleSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    exercises_url = serializers.SerializerMethodField(help_text="The exercises that work it, in the API.")

    class Meta:
        model = Muscle
        fields = [
            "slug",
            "uuid",
            "name",
            "anatomical_name",
            "aliases",
            "summary",
            "location",
            "function",
            "parent",
            "regions",
            "reviewed_on",
            "url",
            "api_url",
            "exercises_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("muscle", obj.slug, self.context)

    def get_aliases(self, obj) -> list[str]:
        return [a.strip() for a in obj.aliases.split(",") if a.strip()]

    @extend_schema_field(Linked(allow_null=True))
    def get_parent(self, obj):
        return linked("muscle", [obj.parent], self.context)[0] if obj.parent else None

    @extend_schema_field(Linked(many=True))
    def get_regions(self, obj):
        return linked("region", obj.regions.all(), self.context)

    def get_exercises_url(self, obj) -> str:
        return reverse("api:exercise-list", request=self.context.get("request")) + f"?muscle={obj.slug}"


class GoalSerializer(serializers.ModelSerializer):
    api_url = serializers.SerializerMethodField()
    exercises_url = serializers.SerializerMethodField(help_text="The exercises that serve it, in the API.")

    class Meta:
        model = Benefit
        fields = ["slug", "uuid", "name", "summary", "explanation", "api_url", "exercises_url"]

    def get_api_url(self, obj) -> str:
        return api_url("goal", obj.slug, self.context)

    def get_exercises_url(self, obj) -> str:
        return reverse("api:exercise-list", request=self.context.get("request")) + f"?goal={obj.slug}"


class ReferenceSerializer(serializers.ModelSerializer):
    """A source the site cites: a paper, a position stand, an anatomy text or an article."""

    link = serializers.SerializerMethodField(help_text="doi.org for a DOI, else the source's address.")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Reference
        fields = [
            "key",
            "uuid",
            "authors",
            "year",
            "title",
            "publication",
            "details",
            "doi",
            "link",
            "api_url",
        ]

    def get_link(self, obj) -> str:
        return obj.link

    def get_api_url(self, obj) -> str:
        return reverse("api:reference-detail", kwargs={"key": obj.key}, request=self.context.get("request"))


def references(objects, context):
    return [
        {
            "key": r.key,
            "uuid": r.uuid,
            "title": str(r),
            "api_url": reverse("api:reference-detail", kwargs={"key": r.key}, request=context.get("request")),
        }
        for r in objects
    ]


class Cited(serializers.Serializer):
    key = serializers.SlugField()
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    api_url = serializers.URLField()


class MuscleRole(serializers.Serializer):
    slug = serializers.SlugField()
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=ExerciseMuscle.Role.choices)
    api_url = serializers.URLField()


class ExerciseSerializer(serializers.ModelSerializer):
    """An exercise in a list: what it is, what it works, what it needs."""

    url = PageUrlField()
    api_url = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField()
    equipment = serializers.SerializerMethodField()
    muscles = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField()

    class Meta:
        model = Exercise
        fields = [
            "slug",
            "uuid",
            "name",
            "summary",
            "aliases",
            "kind",
            "difficulty",
            "mechanics",
            "force",
            "movement_pattern",
            "is_unilateral",
            "equipment",
            "muscles",
            "goals",
            "url",
            "api_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("exercise", obj.slug, self.context)

    def get_aliases(self, obj) -> list[str]:
        return [a.strip() for a in obj.aliases.split(",") if a.strip()]

    @extend_schema_field(Linked(many=True))
    def get_equipment(self, obj):
        return linked("equipment", obj.equipment.all(), self.context)

    @extend_schema_field(MuscleRole(many=True))
    def get_muscles(self, obj):
        return [
            {**linked("muscle", [link.muscle], self.context)[0], "role": link.role}
            for link in obj.exercise_muscles.all()
        ]

    @extend_schema_field(Linked(many=True))
    def get_goals(self, obj):
        return linked("goal", obj.goals.all(), self.context)


class Step(serializers.Serializer):
    position = serializers.IntegerField()
    phase = serializers.CharField()
    text = serializers.CharField()


class ExerciseDetailSerializer(ExerciseSerializer):
    """An exercise with its how-to: steps, tips, mistakes and safety note."""

    steps = serializers.SerializerMethodField()
    tips = serializers.SerializerMethodField()
    mistakes = serializers.SerializerMethodField()
    references = serializers.SerializerMethodField()

    class Meta(ExerciseSerializer.Meta):
        fields = [
            *ExerciseSerializer.Meta.fields,
            "description",
            "steps",
            "tips",
            "mistakes",
            "safety_note",
            "references",
        ]

    @extend_schema_field(Cited(many=True))
    def get_references(self, obj):
        return references(obj.references.all(), self.context)

    @extend_schema_field(Step(many=True))
    def get_steps(self, obj):
        return [{"position": s.position, "phase": s.phase, "text": s.text} for s in obj.steps.all()]

    def get_tips(self, obj) -> list[str]:
        return lines(obj.tips)

    def get_mistakes(self, obj) -> list[str]:
        return lines(obj.mistakes)


CATALOGUE_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, many=name in ExerciseFilter.FACETS, description=description)
    for name, description in [
        ("q", "Text in the name or other names."),
        ("goal", "Goal slugs (any of them)."),
        ("equipment", "Equipment slugs: any of them, or with only=1 nothing outside them."),
        ("only", "1: only exercises that need nothing outside the equipment given."),
        ("muscle", "Muscle slugs (any of them); a whole muscle includes its parts."),
        ("role", "primary: count muscles and regions only where they are the main ones worked."),
        ("region", "Back region slugs (any of them)."),
        ("difficulty", "beginner, intermediate or advanced (any of them)."),
        ("kind", "Kinds of exercise (any of them)."),
        ("sort", "name (the default) or difficulty."),
    ]
]


@extend_schema_view(list=extend_schema(parameters=CATALOGUE_PARAMETERS))
class ExerciseViewSet(FacetedReadOnlyViewSet):
    """Published exercises, filtered and ordered exactly as the catalogue page."""

    filterset_class = ExerciseFilter

    def get_queryset(self):
        links = ExerciseMuscle.objects.select_related("muscle").order_by("role", "muscle__position")
        queryset = Exercise.objects.published().prefetch_related(
            "equipment", "goals", Prefetch("exercise_muscles", queryset=links)
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("steps", "references")
        return queryset

    def get_serializer_class(self):
        return ExerciseDetailSerializer if self.action == "retrieve" else ExerciseSerializer


class MuscleViewSet(ReadOnlyViewSet):
    """Muscles with a page on the site."""

    queryset = (
        Muscle.objects.select_related("parent").prefetch_related("regions").order_by("position", "name")
    )
    serializer_class = MuscleSerializer


class RegionViewSet(ReadOnlyViewSet):
    """The upper, middle and lower back."""

    queryset = BodyRegion.objects.order_by("position")
    serializer_class = RegionSerializer


class EquipmentViewSet(ReadOnlyViewSet):
    queryset = Equipment.objects.order_by("name")
    serializer_class = EquipmentSerializer


class GoalViewSet(ReadOnlyViewSet):
    """What readers train for (better posture, less neck tension...)."""

    queryset = Benefit.objects.order_by("position", "name")
    serializer_class = GoalSerializer


class ReferenceViewSet(ReadOnlyViewSet):
    """Every source the site cites."""

    queryset = Reference.objects.all()
    serializer_class = ReferenceSerializer
    lookup_field = "key"
