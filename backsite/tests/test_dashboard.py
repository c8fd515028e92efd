"""The editors' dashboard on the admin index counts what needs attention."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.dashboard import editorial_dashboard
from exercises.models import Exercise


@pytest.mark.django_db
def test_dashboard_counts(admin_client, seeded):
    Exercise.objects.filter(slug__in=["pull-up", "chin-up"]).update(status="review")
    Article.objects.filter(slug="expert-form-tips").update(
        published_at=timezone.now() + timezone.timedelta(days=1)
    )
    board = editorial_dashboard()
    assert ("exercises", 2, "/admin/exercises/exercise/?status__exact=review") in board["review"]
    assert ("articles", 1, "/admin/articles/article/?status__exact=published") in board["scheduled"]
    lonely = {
        e.slug
        for e in Exercise.objects.published()
        if not e.links.filter(link_type="alternative").exists()
        and not e.incoming_links.filter(link_type="alternative").exists()
    }
    (check,) = [c for c in board["checks"] if c["label"] == "Exercises with no alternative"]
    assert check["count"] == len(lonely)
    assert {name for name, _url in check["items"]} <= {
        e.name for e in Exercise.objects.filter(slug__in=lonely)
    }

    article = Article.objects.get(slug="balanced-back-training")
    article.body += "\n\nSee [gone](/exercises/no-such-move/) and [moved](/nowhere/here/) and [ok](/faq/)."
    article.save()
    Exercise.objects.filter(slug="pull-up").update(status="draft")  # linked from an article body
    broken = {(item.slug, path) for item, path in editorial_dashboard()["broken_links"]}
    assert ("balanced-back-training", "/exercises/no-such-move/") in broken
    assert ("balanced-back-training", "/nowhere/here/") in broken
    assert ("balanced-back-training", "/exercises/pull-up/") in broken
    assert not any(path == "/faq/" for _, path in broken)

    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Needs attention" in html and "Waiting for review" in html and "/exercises/no-such-move/" in html
    assert "Exercises with no alternative" in html and check["items"][0][1] in html


@pytest.mark.django_db
def test_dashboard_with_nothing_to_do(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Needs attention" in html and "Nothing" in html


@pytest.mark.django_db
def test_dashboard_counts_live_items_without_an_image(admin_client, seeded, media):
    from exercises.models import Muscle
    from exercises.tests.factories import make_image
    from programs.models import ProgramTemplate

    def counts():
        return {name: count for name, count, _ in editorial_dashboard()["no_image"]}

    before = counts()
    assert before["exercises"] == Exercise.objects.published().count()
    assert before["muscles"] == Muscle.objects.count()
    assert before["program templates"] == ProgramTemplate.objects.published().count()

    image = make_image()
    Exercise.objects.filter(slug="pull-up").update(image=image)
    Exercise.objects.filter(slug="chin-up").update(status="draft")  # drafts are not counted
    Article.objects.filter(slug="balanced-back-training").update(image=image)
    after = counts()
    assert after["exercises"] == before["exercises"] - 2
    assert after["articles"] == before["articles"] - 1

    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Live, with no image" in html and "/admin/exercises/exercise/?image__isempty=1" in html
    listed = admin_client.get(reverse("admin:exercises_exercise_changelist") + "?image__isempty=1")
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == Exercise.objects.filter(image__isnull=True).count()
