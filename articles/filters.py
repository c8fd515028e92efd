"""Filters for the article and FAQ lists in the API: ``topic`` (any of them). Unknown topics
are ignored and named, as on every list (core/faceting.py)."""

from core.faceting import LenientFilterSet, SlugsFilter

from .models import Article, Question, Topic


class ArticleFilter(LenientFilterSet):
    topic = SlugsFilter(choices=Topic.choices, help_text="Topics (any of them).")

    LABELS = {"topic": "topic"}

    class Meta:
        model = Article
        fields = []


class QuestionFilter(ArticleFilter):
    class Meta:
        model = Question
        fields = []
