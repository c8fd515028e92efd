from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView

from core.faceting import ForgivingPaginationMixin
from core.markup import paragraphs, render_markdown, render_with_contents
from core.publishing import PublishedDetailMixin
from core.structured import PUBLISHER, citation, image_data
from core.templatetags.seo import absolute
from exercises.models import Benefit, Exercise

from .models import Article, ArticleReference, Question, Topic

# An article with this many sections or more gets a table of contents.
CONTENTS_FROM_SECTIONS = 3


def article_data(request, article, references):
    """An article as schema.org Article, with its author, reviewer, dates and citations."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "url": absolute(request, article.get_absolute_url()),
        "author": {"@type": "Person", "name": article.author_name},
        "publisher": PUBLISHER,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "citation": [citation(reference) for reference in references],
        **image_data(request, article.image),
    }
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    if article.reviewer_name:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewer_name}
    return {key: value for key, value in data.items() if value is not None}


def faq_data(questions):
    """The FAQ page as schema.org FAQPage: each question with its answer as plain text."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(render_markdown(question.answer)).strip(),
                },
            }
            for question in questions
        ],
    }


class ArticleListView(ForgivingPaginationMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 30  # grouped by topic within each page

    def get_queryset(self):
        return Article.objects.published().order_by("topic", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_topic = {value: [] for value in Topic.values}
        for article in context["articles"]:
            by_topic[article.topic].append(article)
        context["topics"] = [(label, by_topic[value]) for value, label in Topic.choices if by_topic[value]]
        context["breadcrumbs"] = [("Articles", None)]
        context["notices"] = self.page_notes
        return context


class ArticleDetailView(PublishedDetailMixin, DetailView):
    model = Article
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        visible = Exercise.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .select_related("image")
            .prefetch_related(
                Prefetch("exercises", queryset=visible.for_cards()),
                "muscles",
                Prefetch("citations", queryset=ArticleReference.objects.select_related("reference")),
                Prefetch("questions", queryset=Question.objects.published().order_by("position")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body, contents = render_with_contents(self.object.body)
        context.update(
            body=mark_safe(body),  # noqa: S308 (sanitized by render_with_contents)
            contents=contents if len(contents) >= CONTENTS_FROM_SECTIONS else [],
            references=[citation.reference for citation in self.object.citations.all()],
            breadcrumbs=[("Articles", reverse("articles:article-list")), (self.object.title, None)],
        )
        context["structured_data"] = [article_data(self.request, self.object, context["references"])]
        return context


class FaqView(ListView):
    template_name = "articles/faq.html"
    context_object_name = "questions"

    def get_queryset(self):
        return (
            Question.objects.published()
            .select_related("article")
            .prefetch_related("references")
            .order_by("topic", "position", "question")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_topic = {value: [] for value in Topic.values}
        for question in context["questions"]:
            by_topic[question.topic].append(question)
        context["topics"] = [
            (value, label, by_topic[value]) for value, label in Topic.choices if by_topic[value]
        ]
        context["last_updated"] = max((q.updated_at for q in context["questions"]), default=None)
        context["breadcrumbs"] = [("FAQ", None)]
        context["structured_data"] = [faq_data(context["questions"])]
        return context


class BenefitListView(TemplateView):
    """/benefits/: every goal, how training serves it, its exercises and the articles behind it."""

    template_name = "articles/benefits.html"
    SHOWN = 12  # exercises and articles listed per goal; the catalogue link shows the rest

    def get_context_data(self, **kwargs):
        published = Exercise.objects.published()
        goals = Benefit.objects.annotate(
            exercise_count=Count("exercises", filter=Q(exercises__in=published), distinct=True)
        ).prefetch_related(
            # A sliced prefetch: the first SHOWN of each goal, in one query, whatever the size.
            Prefetch(
                "exercises", queryset=published.order_by("name")[: self.SHOWN], to_attr="shown_exercises"
            ),
            Prefetch(
                "articles",
                queryset=Article.objects.published().order_by("title")[: self.SHOWN],
                to_attr="shown_articles",
            ),
            "references",
        )
        catalogue = reverse("exercises:exercise-list")
        return super().get_context_data(
            goals=[
                {
                    "goal": goal,
                    "explanation": paragraphs(goal.explanation),
                    "catalogue_url": f"{catalogue}?goal={goal.slug}",
                }
                for goal in goals
            ],
            breadcrumbs=[("Goals", None)],
            **kwargs,
        )
