"""Articles, FAQ, goals and references: rendering, safety, trust signals, budgets."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleReference, Question
from exercises.models import Benefit, Exercise, Reference
from exercises.tests import factories
from exercises.tests.factories import executable_markup, listed, make_exercise, make_muscle

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[a](javascript:alert(1))",
    "[b](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    '<a href="jav&#x09;ascript:alert(1)">c</a>',
    "<style>*{display:none}</style>",
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">d</p>',
]
DANGER = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "javascript:",
    "data:text",
    "<svg",
    "<img",
    "<style",
    "style=",
]


def make_article(slug="a", *, body="## One\n\nText.", status="published", **kwargs):
    defaults = dict(
        title=f"Article {slug}",
        summary="Summary.",
        topic="benefits",
        author_name="A. Writer",
        reviewer_name="R. Viewer",
        reviewer_credentials="PT",
        last_reviewed=datetime.date(2026, 1, 5),
    )
    defaults.update(kwargs)
    return Article.objects.create(slug=slug, body=body, status=status, **defaults)


@pytest.mark.django_db
class TestSanitizing:
    @pytest.mark.parametrize("payload", XSS)
    def test_article_bodies(self, client, payload):
        article = make_article(body=f"## Heading\n\n{payload}\n\nSafe **text**.")
        html = client.get(article.get_absolute_url()).content.decode()
        body = html[
            html.index('<div class="prose">') : html.index("</div>", html.index('<div class="prose">'))
        ]
        for needle in DANGER:
            assert needle not in body.lower(), (payload, needle)
        assert "<strong>text</strong>" in body

    @pytest.mark.parametrize("payload", XSS)
    def test_faq_answers(self, client, payload):
        Question.objects.create(
            question="Q?", slug="q", answer=f"{payload} and **bold**", topic="benefits", status="published"
        )
        html = client.get(reverse("articles:faq")).content.decode()
        answer = html[html.index('id="q"') : html.index("</div>", html.index('id="q"'))]  # the answer
        for needle in DANGER:
            assert needle not in answer.lower(), (payload, needle)


@pytest.mark.django_db
class TestArticlePage:
    def test_contents_references_cards_and_dates(self, client):
        body = "\n\n".join(f"## Part {n}\n\nText {n}." for n in range(1, 5))
        article = make_article(body=body)
        lats = make_muscle("Latissimus dorsi", slug="latissimus-dorsi", summary="The broad back muscle.")
        row = make_exercise("Row", slug="row", primary=[lats])
        hidden = make_exercise("Hidden", slug="hidden", primary=[lats], status="draft")
        article.exercises.set([row, hidden])
        article.muscles.set([lats])
        second = Reference.objects.create(
            key="b", authors="Bee B", year=2020, title="Second", doi="10.1000/xyz"
        )
        first = Reference.objects.create(
            key="a", authors="Ay A", year=2019, title="First", url="https://e.org/a"
        )
        ArticleReference.objects.create(article=article, reference=second, position=1)
        ArticleReference.objects.create(article=article, reference=first, position=2)
        Question.objects.create(
            question="How often?",
            slug="how-often",
            answer="Twice.",
            topic="programming",
            article=article,
            status="published",
        )
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<nav class="contents"' in html and '<a href="#section-part-3">Part 3</a>' in html
        assert '<h2 id="section-part-1">Part 1</h2>' in html
        refs = html[html.index('<ol class="references">') :]
        assert refs.index("Second") < refs.index("First")  # numbered in the editor's order
        assert 'href="https://doi.org/10.1000/xyz"' in refs
        assert '<a href="/exercises/row/">Row</a>' in html and "Hidden" not in html
        assert '<a href="/anatomy/muscles/latissimus-dorsi/">Latissimus dorsi</a>' in html
        assert '<a href="/faq/#how-often">How often?</a>' in html
        assert "Page last reviewed" in html and "5 January 2026" in html and "January 2027" in html
        assert "R. Viewer, PT" in html
        assert "not medical advice" in html

    def test_short_article_has_no_contents(self, client):
        html = client.get(make_article(body="## Only\n\nOne part.").get_absolute_url()).content.decode()
        assert '<nav class="contents"' not in html

    def test_draft_is_hidden_and_previewed(self, client, admin_client):
        draft = make_article(slug="draft", status="draft")
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert "only staff can see this page" in admin_client.get(draft.get_absolute_url()).content.decode()
        assert "draft" not in {
            a.slug for a in client.get(reverse("articles:article-list")).context["articles"]
        }

    def test_unknown_slug_is_404(self, client, db):
        assert client.get("/articles/no-such-article/").status_code == 404


@pytest.mark.django_db
class TestSeededContent:
    seeded = factories.seeded_per_class

    def test_every_seeded_article_renders_with_its_references(self, client, seeded):
        articles = Article.objects.published()
        assert articles.count() >= 8
        for article in articles:
            response = client.get(article.get_absolute_url())
            html = response.content.decode()
            count = article.citations.count()
            assert count >= 1, article.slug
            assert html[html.index('<ol class="references">') :].count('<li id="ref-') == count
            assert "<script" not in executable_markup(html)

    def test_article_list_is_paged_and_forgives_bad_page_numbers(self, client, seeded, monkeypatch):
        from articles.views import ArticleListView

        monkeypatch.setattr(ArticleListView, "paginate_by", 2)
        url = reverse("articles:article-list")
        published = Article.objects.published().count()
        pages = -(-published // 2)
        first = client.get(url)
        assert len(first.context["articles"]) == 2 and pages > 2
        assert f"Page 1 of {pages}" in first.content.decode()
        assert 'href="?page=2"' in first.content.decode()
        seen = {a.slug for n in range(1, pages + 1) for a in client.get(url, {"page": n}).context["articles"]}
        assert len(seen) == published
        for bad, shown in (("x", 1), ("0", 1), ("9999", pages)):
            response = client.get(url, {"page": bad})
            assert response.status_code == 200 and response.context["page_obj"].number == shown
            assert response.context["notices"]

    def test_articles_are_listed_by_topic(self, client, seeded):
        response = client.get(reverse("articles:article-list"))
        topics = [label for label, _ in response.context["topics"]]
        assert topics == [
            label for value, label in Article._meta.get_field("topic").choices if label in topics
        ]
        assert (
            sum(len(items) for _, items in response.context["topics"]) == Article.objects.published().count()
        )

    def test_faq_answers_every_source_question_with_anchors(self, client, seeded):
        response = client.get(reverse("articles:faq"))
        html = response.content.decode()
        questions = Question.objects.published()
        assert questions.count() >= 15
        for question in questions:
            assert f'id="{question.slug}"' in html
            assert html.count(f'href="#{question.slug}"') == 2  # in the index, and its own link
        assert html.count('<details class="faq-entry">') == questions.count()  # closed until asked
        for words in ["how often", "at home", "beginner", "posture", "equipment", "advanced", "back pain"]:
            assert any(words in q.question.lower() for q in questions), words

    def test_every_source_reference_is_carried_over(self, seeded):
        dois = set(Reference.objects.exclude(doi="").values_list("doi", flat=True))
        assert {
            "10.3906/sag-1511-155",
            "10.3390/jcm12175510",
            "10.1530/eor-23-0025",
            "10.3390/medicines7100065",
            "10.1097/jsm.0000000000000699",
            "10.3390/jcm9082401",
            "10.1016/s0140-6736(18)30480-x",
            "10.1016/j.apmr.2011.05.015",
        } <= dois
        assert Reference.objects.count() >= 16

    def test_benefits_page_lists_every_goal_with_exercises_and_article(
        self, client, seeded, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(6):
            response = client.get(reverse("articles:benefits"))
        html = response.content.decode()
        goals = Benefit.objects.all()
        assert goals.count() == 10
        for goal in goals:
            assert f'id="goal-{goal.slug}"' in html
            assert f'href="/exercises/?goal={goal.slug}"' in html
            assert goal.exercises.exists(), goal.slug
        posture = html[html.index('id="goal-improved-posture"') :]
        posture = posture[: posture.index("</section>")]
        assert 'Read more: <a href="/articles/' in posture

    def test_benefits_page_lists_a_few_exercises_per_goal_and_counts_them_all(
        self, client, seeded, monkeypatch
    ):
        from articles.views import BenefitListView

        monkeypatch.setattr(BenefitListView, "SHOWN", 2)
        html = client.get(reverse("articles:benefits")).content.decode()
        goal = Benefit.objects.get(slug="improved-posture")
        total = goal.exercises.filter(pk__in=Exercise.objects.published()).count()
        section = html[html.index('id="goal-improved-posture"') :]
        section = section[: section.index("</section>")]
        assert f"<h3>{total} exercises for this goal</h3>" in section and total > 2
        assert section.count('<li><a href="/exercises/') == 2
        assert f"See all {total} and filter them" in section

    def test_exercise_page_lists_its_goals_and_sources(self, client, seeded):
        html = client.get(reverse("exercises:exercise-detail", kwargs={"slug": "face-pull"})).content.decode()
        assert re.search(r"<dt>Good for</dt><dd>.*Better posture", html)
        assert 'href="/exercises/?goal=improved-posture"' in html
        assert '<h2 id="references-title">Sources</h2>' in html


@pytest.mark.django_db
class TestGoalFilter:
    def test_results_and_facet_counts(self, client, catalogue):
        posture = Benefit.objects.create(name="Improved posture", slug="improved-posture", summary=".")
        strength = Benefit.objects.create(name="Upper-body strength", slug="upper-body-strength", summary=".")
        ex = catalogue["exercises"]
        posture.exercises.set([ex["row"], ex["squeeze"], ex["draft"]])
        strength.exercises.set([ex["row"], ex["pull_up"]])
        url = reverse("exercises:exercise-list")
        response = client.get(url, {"goal": "improved-posture"})
        assert {e.slug for e in listed(response)} == {
            "one-arm-row",
            "scapular-squeeze",
        }
        assert response.context["heading"] == "2 exercises for improved posture"
        response = client.get(
            url, {"goal": ["improved-posture", "upper-body-strength"], "equipment": "dumbbells"}
        )
        assert {e.slug for e in listed(response)} == {"one-arm-row"}
        counts = {
            f["param"]: {o["value"]: o["count"] for o in f["options"]} for f in response.context["facets"]
        }
        assert counts["goal"] == {"improved-posture": 1, "upper-body-strength": 1}
        response = client.get(url, {"goal": "improved-posture", "muscle": "latissimus-dorsi"})
        assert response.context["heading"] == "1 exercise for improved posture working latissimus dorsi"

    def test_unknown_goal_is_named(self, client, catalogue):
        html = client.get(reverse("exercises:exercise-list"), {"goal": "flying"}).content.decode()
        assert "We don’t know the goal “flying”" in html


@pytest.mark.django_db
def test_article_and_faq_query_budgets(client, seeded, django_assert_max_num_queries):
    article = Article.objects.published().first()
    with django_assert_max_num_queries(8):
        assert client.get(article.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("articles:faq")).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("articles:article-list")).status_code == 200


@pytest.mark.django_db
def test_exercise_page_budget_with_goals_and_sources(client, seeded, django_assert_max_num_queries):
    url = Exercise.objects.get(slug="deadlift").get_absolute_url()
    with django_assert_max_num_queries(8):
        client.get(url)
