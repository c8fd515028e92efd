"""The editors' dashboard on the admin index counts what needs attention."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from exercises.dashboard import editorial_dashboard
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
        e.slug for e in Exercise.objects.published()
        if not e.links.filter(link_type="alternative").exists()
        and not e.incoming_links.filter(link_type="alternative").exists()
    }  # fmt: skip
    assert board["without_alternative_count"] == len(lonely)

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


@pytest.mark.django_db
def test_dashboard_with_nothing_to_do(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Needs attention" in html and "Nothing" in html
