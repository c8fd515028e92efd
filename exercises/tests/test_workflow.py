"""Roles, the draft -> review -> published workflow, and scheduling across public pages."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.publishing import Status
from core.roles import EDITORS, REVIEWERS
from exercises.models import Exercise

from .factories import make_exercise, make_muscle
from .test_admin import form_data


def member(group, name="person"):
    user = User.objects.create_user(name, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
class TestRoles:
    def test_groups_hold_content_permissions_only(self):
        editors = {p.codename for p in Group.objects.get(name=EDITORS).permissions.all()}
        reviewers = {p.codename for p in Group.objects.get(name=REVIEWERS).permissions.all()}
        for model in [
            "exercise",
            "muscle",
            "bodyregion",
            "equipment",
            "article",
            "question",
            "reference",
            "image",
            "programtemplate",
        ]:
            assert f"add_{model}" in editors and f"change_{model}" in editors
            assert f"change_{model}" in reviewers and f"add_{model}" not in reviewers
        assert {
            "publish_exercise",
            "publish_article",
            "publish_question",
            "publish_programtemplate",
        } <= reviewers
        parts = {
            "exercisestep",
            "exercisemuscle",
            "exerciselink",
            "articlereference",
            "phase",
            "programsession",
            "prescription",
        }
        assert {f"delete_{part}" for part in parts} <= editors & reviewers  # editing includes removing a step
        assert not any(
            p.startswith("delete_") and p.removeprefix("delete_") not in parts for p in editors | reviewers
        )
        assert not any(p.endswith(("_user", "_group", "_permission")) for p in editors | reviewers)

    def test_editor_cannot_reach_users(self, client):
        client.force_login(member(EDITORS))
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
        assert client.get(reverse("admin:exercises_exercise_changelist")).status_code == 200

    def test_create_editor_command(self, monkeypatch):
        monkeypatch.setenv("BACKSITE_EDITOR_PASSWORD", "a-long-enough-passphrase")
        call_command("create_editor", "physio", "--email", "p@example.org")
        user = User.objects.get(username="physio")
        assert user.is_staff and not user.is_superuser and user.check_password("a-long-enough-passphrase")
        assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
        with pytest.raises(CommandError, match="already exists"):
            call_command("create_editor", "physio")
        monkeypatch.setenv("BACKSITE_EDITOR_PASSWORD", "123")
        with pytest.raises(CommandError, match="Password refused"):
            call_command("create_editor", "weak")

    def test_create_editor_never_uses_a_default_password(self, monkeypatch):
        monkeypatch.delenv("BACKSITE_EDITOR_PASSWORD", raising=False)
        monkeypatch.setattr("os.isatty", lambda fd: False)
        with pytest.raises(CommandError, match="No password"):
            call_command("create_editor", "nobody")
        assert not User.objects.filter(username="nobody").exists()


@pytest.mark.django_db
class TestWorkflow:
    @pytest.fixture
    def parts(self, db):
        from .factories import make_equipment

        return make_muscle("Lats", slug="lats"), make_equipment("Dumbbells", slug="dumbbells")

    def test_without_publish_permission_an_author_submits_for_review(self, client, parts):
        user = member(EDITORS)
        Group.objects.get(name=EDITORS).permissions.remove(
            *Group.objects.get(name=EDITORS).permissions.filter(codename="publish_exercise")
        )
        client.force_login(User.objects.get(pk=user.pk))
        add = reverse("admin:exercises_exercise_add")
        response = client.post(add, form_data(*parts, status="published"))
        assert response.status_code == 200
        assert "You can submit this for review" in response.content.decode()
        assert client.post(add, form_data(*parts, status="review")).status_code == 302
        assert Exercise.objects.get(slug="test-row").status == Status.IN_REVIEW

    def test_reviewer_publishes_for_tomorrow_morning(self, client, parts):
        exercise = make_exercise("Queued", slug="queued", steps=0, status=Status.IN_REVIEW)
        client.force_login(member(REVIEWERS))
        data = form_data(*parts, status="published")
        tomorrow = (timezone.now() + timezone.timedelta(days=1)).replace(hour=7, minute=0)
        data.update(
            {
                "name": "Queued",
                "slug": "queued",
                "published_at_0": tomorrow.strftime("%Y-%m-%d"),
                "published_at_1": "07:00:00",
            }
        )
        data.pop("published_at")
        response = client.post(reverse("admin:exercises_exercise_change", args=[exercise.pk]), data)
        import re

        assert response.status_code == 302, re.findall(
            r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
        )
        exercise.refresh_from_db()
        assert exercise.status == Status.PUBLISHED and exercise.published_at > timezone.now()
        assert not exercise.is_live

    def test_bulk_actions_move_and_log(self, admin_client, parts):
        draft = make_exercise("Draft one", slug="d1", primary=[parts[0]], status=Status.DRAFT)
        url = reverse("admin:exercises_exercise_changelist")
        for action, expected in [
            ("submit_for_review", Status.IN_REVIEW),
            ("publish", Status.PUBLISHED),
            ("unpublish", Status.DRAFT),
            ("archive", Status.ARCHIVED),
        ]:
            admin_client.post(url, {"action": action, "_selected_action": [draft.pk]})
            draft.refresh_from_db()
            assert draft.status == expected, action
        messages = list(
            LogEntry.objects.filter(object_id=str(draft.pk)).values_list("change_message", flat=True)
        )
        assert len(messages) == 4 and "Archived (bulk action)." in messages[0]

    def test_reviewer_only_sees_actions_they_may_take(self, client, parts):
        editor = member(EDITORS, "ed")
        Group.objects.get(name=EDITORS).permissions.remove(
            *Group.objects.get(name=EDITORS).permissions.filter(codename="publish_exercise")
        )
        make_exercise("Listed", slug="listed", primary=[parts[0]])
        client.force_login(User.objects.get(pk=editor.pk))
        html = client.get(reverse("admin:exercises_exercise_changelist")).content.decode()
        assert 'value="submit_for_review"' in html and 'value="publish"' not in html


@pytest.mark.django_db
def test_scheduled_and_unfinished_items_stay_off_every_public_page(client, seeded):
    future = timezone.now() + timezone.timedelta(hours=10)
    Exercise.objects.filter(slug="face-pull").update(published_at=future)
    Exercise.objects.filter(slug="t-bar-row").update(status=Status.IN_REVIEW)
    Exercise.objects.filter(slug="bird-dog").update(status=Status.ARCHIVED)
    hidden = ["/exercises/face-pull/", "/exercises/t-bar-row/", "/exercises/bird-dog/"]
    for path in hidden:
        assert client.get(path).status_code == 404
    pages = [
        "/exercises/?q=pull",
        "/exercises/?q=row",
        "/exercises/?muscle=rear-deltoid",
        "/anatomy/muscles/rear-deltoid/",
        "/anatomy/regions/middle-back/",
        "/benefits/",
        "/balance/",
        "/exercises/?q=bird",
    ]
    for page in pages:
        html = client.get(page).content.decode()
        for path in hidden:
            assert f'href="{path}"' not in html, (page, path)
