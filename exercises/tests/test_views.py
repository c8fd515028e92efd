"""List and detail pages: content, pagination, drafts and staff preview."""

import re

import pytest
from django.urls import resolve, reverse

from exercises.models import ExerciseLink
from exercises.views import ExerciseListView

from .factories import executable_markup, listed, make_equipment, make_exercise, make_muscle

LIST = reverse("exercises:exercise-list")


def test_urls_round_trip():
    assert reverse("exercises:exercise-detail", kwargs={"slug": "pull-up"}) == "/exercises/pull-up/"
    assert resolve("/exercises/pull-up/").view_name == "exercises:exercise-detail"
    assert resolve("/exercises/").view_name == "exercises:exercise-list"


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def many(self, db):
        lats = make_muscle("Lats", slug="lats")
        for n in range(ExerciseListView.paginate_by * 2 + 3):
            make_exercise(f"Row {n:03d}", primary=[lats])

    def test_pages_keep_the_filters(self, client, many):
        html = client.get(f"{LIST}?muscle=lats&sort=name").content.decode()
        assert 'href="?muscle=lats&amp;sort=name&amp;page=2" rel="next"' in html
        page3 = client.get(f"{LIST}?muscle=lats&sort=name&page=3")
        assert [e.name for e in listed(page3)] == ["Row 048", "Row 049", "Row 050"]

    @pytest.mark.parametrize(
        ("page", "shown", "note"),
        [
            ("abc", 1, "not understood"),
            ("0", 1, "not understood"),
            ("-3", 1, "not understood"),
            ("99999", 3, "There is no page 99999"),
            ("", 1, "not understood"),
        ],
    )
    def test_bad_page_numbers_show_a_page_and_say_why(self, client, many, page, shown, note):
        response = client.get(f"{LIST}?page={page}")
        assert response.status_code == 200
        assert response.context["page_obj"].number == shown
        assert note in response.content.decode()


@pytest.mark.django_db
class TestDetail:
    @pytest.fixture
    def exercise(self, db):
        lats = make_muscle("Latissimus dorsi", slug="latissimus-dorsi")
        biceps = make_muscle("Biceps", slug="biceps")
        bar = make_equipment("Pull-up bar", slug="pull-up-bar")
        pull_up = make_exercise(
            "Pull-up",
            slug="pull-up",
            primary=[lats],
            secondary=[biceps],
            equipment=[bar],
            steps=3,
            tips="Lead with your chest.\nBreathe out as you rise.",
            mistakes="Kipping to finish a rep.",
            safety_note="Stop if your shoulder pinches.",
            aliases="pullup, pull up",
            description="Some **bold** text <script>alert(1)</script>",
        )
        easier = make_exercise("Assisted pull-up", slug="assisted-pull-up", primary=[lats])
        hidden = make_exercise("Secret variation", slug="secret", primary=[lats], status="draft")
        ExerciseLink.objects.create(from_exercise=pull_up, to_exercise=easier, link_type="regression")
        ExerciseLink.objects.create(from_exercise=pull_up, to_exercise=hidden, link_type="variation")
        return pull_up

    def test_shows_everything_a_reader_needs(self, client, exercise):
        response = client.get(exercise.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Pull-up</h1>" in html
        assert '<meta name="description" content="What Pull-up trains.">' in html
        assert f'<a href="{LIST}?muscle=latissimus-dorsi">Latissimus dorsi</a>' in html
        assert f'<a href="{LIST}?equipment=pull-up-bar">Pull-up bar</a>' in html
        assert re.search(r"<dt>Primary muscle</dt>.*Latissimus dorsi", html)
        assert re.search(r"<dt>Secondary muscle</dt>.*Biceps", html)
        assert html.count('<li value="') == 3
        assert "<li>Lead with your chest.</li>" in html and "<li>Kipping to finish a rep.</li>" in html
        assert "Stop if your shoulder pinches." in html
        assert "Also called: pullup, pull up" in html
        assert '<a href="/exercises/assisted-pull-up/">Assisted pull-up</a>' in html
        assert 'aria-label="Breadcrumb"' in html and f'<a href="{LIST}">Exercises</a>' in html

    def test_markdown_is_rendered_and_sanitized(self, client, exercise):
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert "<strong>bold</strong>" in html
        assert "<script>alert(1)" not in html and "<script" not in executable_markup(html)

    def test_links_to_drafts_are_hidden_from_the_public(self, client, exercise):
        assert "Secret variation" not in client.get(exercise.get_absolute_url()).content.decode()

    def test_draft_is_404_for_public_and_previewed_by_staff(self, client, admin_client, exercise):
        draft = make_exercise("Unfinished", slug="unfinished", status="draft")
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        preview = admin_client.get(draft.get_absolute_url())
        assert preview.status_code == 200
        assert "Draft:</strong> only staff can see this page" in preview.content.decode()
        # A live page shows no banner, even to staff.
        assert "only staff can see" not in admin_client.get(exercise.get_absolute_url()).content.decode()

    def test_future_publication_is_hidden_until_then(self, client, exercise):
        from django.utils import timezone

        later = make_exercise(
            "Later", slug="later", published_at=timezone.now() + timezone.timedelta(hours=1)
        )
        assert client.get(later.get_absolute_url()).status_code == 404
        assert "later" not in {e.slug for e in listed(client.get(LIST))}

    def test_unknown_slug_is_a_friendly_404(self, client, db):
        response = client.get("/exercises/no-such-move/")
        assert response.status_code == 404
        assert "Browse all exercises" in response.content.decode()


@pytest.mark.django_db
def test_list_shows_cards_with_equipment_and_muscles(client, catalogue):
    html = client.get(f"{LIST}?q=row").content.decode()
    assert '<a href="/exercises/one-arm-row/">One-arm row</a>' in html
    assert "Latissimus dorsi, Middle trapezius" in html
    assert "Dumbbells, Flat bench" in html
    no_kit = client.get(f"{LIST}?q=squeeze").content.decode()
    assert "No equipment" in no_kit
