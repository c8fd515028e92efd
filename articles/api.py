"""Articles and the FAQ as JSON, read-only: /api/v1/articles/ and /api/v1/faq/ (wired in
backsite/api.py). Published items only; bodies and answers as the site renders them, through
the same Markdown sanitizer (core/markup.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api import FilteredReadOnlyViewSet
from core.markup import render_markdown, render_with_contents
from exercises.api import Cited, Linked, PageUrlField, api_url, linked, references

from .filters import ArticleFilter, QuestionFilter
from .models import Article, Question, Topic


class ArticleSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "slug",
            "uuid",
            "title",
            "summary",
            "topic",
            "author_name",
            "author_credentials",
            "reviewer_name",
            "reviewer_credentials",
            "last_reviewed",
            "url",
            "api_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("article", obj.slug, self.context)


class ArticleDetailSerializer(ArticleSerializer):
    body_html = serializers.SerializerMethodField(help_text="The body as sanitised HTML.")
    exercises = serializers.SerializerMethodField()
    muscles = serializers.SerializerMethodField()
    references = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body_html", "exercises", "muscles", "references"]

    def get_body_html(self, obj) -> str:
        return render_with_contents(obj.body)[0]

    @extend_schema_field(Linked(many=True))
    def get_exercises(self, obj):
        return linked("exercise", [e for e in obj.exercises.all() if e.is_live], self.context)

    @extend_schema_field(Linked(many=True))
    def get_muscles(self, obj):
        return linked("muscle", obj.muscles.all(), self.context)

    @extend_schema_field(Cited(many=True))
    def get_references(self, obj):
        return references([c.reference for c in obj.citations.all()], self.context)


class QuestionSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()
    answer_html = serializers.SerializerMethodField(help_text="The answer as sanitised HTML.")
    references = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "slug",
            "uuid",
            "question",
            "topic",
            "answer_html",
            "red_flags",
            "references",
            "url",
            "api_url",
        ]

    def get_api_url(self, obj) -> str:
        return api_url("question", obj.slug, self.context)

    def get_answer_html(self, obj) -> str:
        return render_markdown(obj.answer)

    @extend_schema_field(Cited(many=True))
    def get_references(self, obj):
        return references(obj.references.all(), self.context)


TOPIC = OpenApiParameter(
    "topic", OpenApiTypes.STR, many=True, enum=Topic.values, description="Topics (any of them)."
)


@extend_schema_view(list=extend_schema(parameters=[TOPIC]))
class ArticleViewSet(FilteredReadOnlyViewSet):
    """Published articles by topic and title, as the /articles/ page lists them."""

    filterset_class = ArticleFilter

    def get_queryset(self):
        queryset = Article.objects.published().order_by("topic", "title")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("exercises", "muscles", "citations__reference")
        return queryset

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


@extend_schema_view(list=extend_schema(parameters=[TOPIC]))
class QuestionViewSet(FilteredReadOnlyViewSet):
    """Published FAQ answers, by topic and position."""

    filterset_class = QuestionFilter

    serializer_class = QuestionSerializer

    def get_queryset(self):
        return Question.objects.published().prefetch_related("references").order_by("topic", "position")
