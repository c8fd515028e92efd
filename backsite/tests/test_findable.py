"""Findable: sitemap, robots.txt, Atom feeds, and each page's share and structured metadata."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from exercises.models import BodyRegion, Exercise, Muscle
from exercises.sitemaps import SiteSitemap
from exercises.tests import factories
from exercises.tests.factories import make_exercise, make_muscle
from programs.models import ProgramTemplate

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
HOST = "http://testserver"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def sitemap_pages(client):
    """The section sitemap URLs /sitemap.xml lists."""
    root = xml(client, reverse("sitemap"))
    return [entry.find("s:loc", SITEMAP_NS).text for entry in root.findall("s:sitemap", SITEMAP_NS)]


def sitemap(client):
    """{url: lastmod} over every page of every section the index lists."""
    listed = {}
    for page in sitemap_pages(client):
        root = xml(client, page.removeprefix(HOST))
        for url in root.findall("s:url", SITEMAP_NS):
            loc = url.find("s:loc", SITEMAP_NS).text
            assert loc not in listed, f"{loc} is listed twice"
            listed[loc] = getattr(url.find("s:lastmod", SITEMAP_NS), "text", None)
    return listed


def expected_detail_urls():
    rows = [
        *Exercise.objects.published(),
        *Muscle.objects.all(),
        *BodyRegion.objects.all(),
        *Article.objects.published(),
        *ProgramTemplate.objects.published(),
    ]
    return {HOST + row.get_absolute_url(): row for row in rows}


LIST_PAGES = [
    "/",
    "/exercises/",
    "/anatomy/",
    "/articles/",
    "/faq/",
    "/benefits/",
    "/programs/",
    "/programs/guidelines/",
    "/balance/",
    "/exercises/sheet/",
    "/about/",
    "/api/",
    "/data/",
]


@pytest.mark.django_db
class TestSitemap:
    def test_sitemap_is_exactly_the_published_set(self, client, seeded):
        Exercise.objects.filter(slug="pull-up").update(status="draft")
        Article.objects.filter(slug="expert-form-tips").update(
            published_at=timezone.now() + timezone.timedelta(days=1)
        )
        listed = sitemap(client)
        details = expected_detail_urls()
        assert set(listed) == set(details) | {HOST + path for path in LIST_PAGES}
        assert f"{HOST}/exercises/pull-up/" not in listed
        assert f"{HOST}/articles/expert-form-tips/" not in listed
        for url, row in details.items():
            assert listed[url] == row.updated_at.date().isoformat()

    def test_robots_points_at_the_sitemap_and_keeps_admin_out(self, client, db):
        response = client.get(reverse("robots"))
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "Disallow: /admin/" in lines and f"Sitemap: {HOST}/sitemap.xml" in lines

    def test_sitemap_query_budget(self, client, db, django_assert_max_num_queries):
        muscle = make_muscle("Lats")
        for n in range(300):
            make_exercise(f"Move {n}", slug=f"move-{n}", primary=[muscle], steps=0)
        with django_assert_max_num_queries(10):
            xml(client, reverse("sitemap"))
        with django_assert_max_num_queries(3):
            assert len(xml(client, reverse("sitemap-section", args=["exercises"]))) == 300

    def test_big_sections_are_split_into_pages_the_index_lists(self, client, seeded, monkeypatch):
        monkeypatch.setattr(SiteSitemap, "limit", 10)
        published = Exercise.objects.published().count()
        pages = sitemap_pages(client)
        exercise_pages = [p for p in pages if "/sitemap-exercises.xml" in p]
        assert len(exercise_pages) == -(-published // 10) > 1
        assert exercise_pages[1] == f"{HOST}/sitemap-exercises.xml?p=2"
        assert set(sitemap(client)) == set(expected_detail_urls()) | {HOST + path for path in LIST_PAGES}

    def test_unknown_sections_and_pages_are_404(self, client, seeded):
        assert client.get("/sitemap-nothing.xml").status_code == 404
        for page in ("99", "0", "x", "1" * 50):
            assert client.get(f"/sitemap-exercises.xml?p={page}").status_code == 404


@pytest.mark.django_db
class TestFeeds:
    seeded = factories.seeded_per_class

    def entries(self, client, name):
        response = client.get(reverse(name))
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        return [e.find("a:link", ATOM_NS).get("href") for e in root.findall("a:entry", ATOM_NS)]

    def test_article_feed_lists_published_articles_latest_change_first(self, client, seeded):
        article = Article.objects.get(slug="why-your-back-gets-weak")
        article.summary += " Revised."
        article.save()
        Article.objects.filter(slug="expert-form-tips").update(status="draft")
        links = self.entries(client, "articles:feed")
        assert links[0] == HOST + article.get_absolute_url()
        assert set(links) == {HOST + a.get_absolute_url() for a in Article.objects.published()}

    def test_exercise_feed_newest_first_without_drafts_or_scheduled(self, client, seeded):
        muscle = Muscle.objects.get(slug="rhomboids")
        make_exercise(
            "Brand new row",
            slug="brand-new-row",
            primary=[muscle],
            published_at=timezone.now() - timezone.timedelta(minutes=5),
        )
        make_exercise(
            "Tomorrow row",
            slug="tomorrow-row",
            primary=[muscle],
            published_at=timezone.now() + timezone.timedelta(days=1),
        )
        make_exercise("Draft row", slug="draft-row", primary=[muscle], status="draft")
        links = self.entries(client, "exercises:feed")
        assert links[0] == f"{HOST}/exercises/brand-new-row/"
        assert not any("tomorrow-row" in link or "draft-row" in link for link in links)

    def test_feeds_are_linked_from_every_page_head(self, client, seeded):
        html = client.get("/exercises/").content.decode()
        head = html.split("</head>")[0]
        assert (
            'type="application/atom+xml" title="Backsite: new and updated articles" href="/articles/feed/"'
            in head
        )
        assert 'href="/exercises/feed/"' in head


def head_of(html):
    head = html.split("</head>")[0]
    meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head).group(1)
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    ]
    return title, meta, canonical, blocks


@pytest.mark.django_db
class TestPageMetadata:
    seeded = factories.seeded_per_class

    def test_every_sitemap_page_has_unique_title_description_and_share_tags(self, client, seeded):
        titles, descriptions = {}, {}
        for url in sitemap(client):
            response = client.get(url)
            assert response.status_code == 200, url
            title, meta, canonical, blocks = head_of(response.content.decode())
            assert canonical == url
            assert title not in titles, (url, titles.get(title))
            titles[title] = url
            description = meta["description"]
            assert len(description) >= 40 and description not in descriptions, (
                url,
                descriptions.get(description),
            )
            descriptions[description] = url
            assert meta["og:title"] and meta["og:description"] == description and meta["og:url"] == url
            assert meta["twitter:card"] in {"summary", "summary_large_image"}
            for block in blocks:
                assert block["@context"] == "https://schema.org" and block["@type"]
            if url != f"{HOST}/":
                crumbs = [b for b in blocks if b["@type"] == "BreadcrumbList"]
                assert crumbs and crumbs[0]["itemListElement"][0]["name"] == "Home", url
                assert crumbs[0]["itemListElement"][-1]["item"] == url

    def test_exercise_is_a_how_to_with_its_steps(self, client, seeded):
        exercise = Exercise.objects.get(slug="pull-up")
        _, _, _, blocks = head_of(client.get(exercise.get_absolute_url()).content.decode())
        how_to = next(b for b in blocks if b["@type"] == "HowTo")
        assert how_to["name"] == exercise.name
        assert [s["text"] for s in how_to["step"]] == [s.text for s in exercise.steps.order_by("position")]
        assert all(step["@type"] == "HowToStep" for step in how_to["step"])

    def test_article_carries_author_dates_and_citations(self, client, seeded):
        article = Article.objects.get(slug="balanced-back-training")
        _, meta, _, blocks = head_of(client.get(article.get_absolute_url()).content.decode())
        data = next(b for b in blocks if b["@type"] == "Article")
        assert data["headline"] == article.title and data["author"]["name"] == article.author_name
        assert data["datePublished"] and data["dateModified"]
        assert len(data["citation"]) == article.references.count() > 0
        assert meta["og:type"] == "article"

    def test_faq_page_lists_every_question_with_its_answer(self, client, seeded):
        from articles.models import Question

        _, _, _, blocks = head_of(client.get(reverse("articles:faq")).content.decode())
        faq = next(b for b in blocks if b["@type"] == "FAQPage")
        assert {q["name"] for q in faq["mainEntity"]} == set(
            Question.objects.published().values_list("question", flat=True)
        )
        assert all(q["acceptedAnswer"]["text"] for q in faq["mainEntity"])

    @pytest.mark.parametrize(
        ("query", "canonical"),
        [
            ("", "/exercises/"),
            ("?muscle=rhomboids", "/exercises/?muscle=rhomboids"),
            ("?muscle=rhomboids&equipment=dumbbells", "/exercises/"),
            ("?muscle=rhomboids&muscle=trapezius", "/exercises/"),
            ("?muscle=rhomboids&page=2", "/exercises/?muscle=rhomboids&amp;page=2"),
            ("?q=row", "/exercises/"),
            ("?page=%C2%B2", "/exercises/"),  # "²" passes str.isdigit()
        ],
    )
    def test_filtered_lists_point_canonical_at_a_simple_form(self, client, seeded, query, canonical):
        html = client.get("/exercises/" + query).content.decode()
        assert f'<link rel="canonical" href="{HOST}{canonical}">' in html


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, db):
    evil = make_exercise(
        'Row </script><script>alert("x")</script>', slug="evil-row", primary=[make_muscle("Lats")]
    )
    html = client.get(evil.get_absolute_url()).content.decode()
    assert "</script><script>alert" not in html
    _, _, _, blocks = head_of(html)
    assert next(b for b in blocks if b["@type"] == "HowTo")["name"] == evil.name


@pytest.mark.django_db
def test_share_image_uses_the_lead_image(client, db, media):
    from exercises.tests.factories import make_image

    exercise = make_exercise("Row", slug="row", primary=[make_muscle("Lats")])
    exercise.image = make_image(alt_text="Rowing with a straight back")
    exercise.save()
    _, meta, _, _ = head_of(client.get(exercise.get_absolute_url()).content.decode())
    assert meta["og:image"] == HOST + exercise.image.display(1600)[0] and "/media/" in meta["og:image"]
    assert meta["og:image:alt"] == "Rowing with a straight back"
    assert meta["twitter:card"] == "summary_large_image"


def test_bad_host_header_gets_a_400_not_a_500(client, db):
    client.raise_request_exception = False
    response = client.get("/exercises/", HTTP_HOST="evil.example")
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Exercise, Article])
def test_feed_addresses_cannot_be_taken_by_a_slug(model):
    from django.core.exceptions import ValidationError

    item = model(slug="feed")
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert "address of another page" in refused.value.message_dict["slug"][0]
