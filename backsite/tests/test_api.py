"""The read-only JSON API (issue 20, first part): /api/v1/ exercises, muscles, regions,
equipment, goals, references, programs, articles and FAQ; the catalogue's filters shared with
the page; the OpenAPI description."""

import json
import random
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from rest_framework.throttling import AnonRateThrottle

from articles.models import Article, Question
from core.pagecache import bump
from core.publishing import Status
from exercises.models import Exercise, ExerciseMuscle
from exercises.tests.factories import make_equipment, make_exercise, make_muscle, make_region
from programs.models import ProgramTemplate

LIST = reverse("api:exercise-list")


def body(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def every_page(client, url, params):
    """The slugs of every result, following ``next`` links, and the count."""
    data = body(client.get(url, params))
    slugs, count = [r["slug"] for r in data["results"]], data["count"]
    while data["next"]:
        data = body(client.get(data["next"]))
        slugs += [r["slug"] for r in data["results"]]
    return slugs, count


def catalogue(client, params):
    """The slugs of every exercise the catalogue page lists for ``params``, in its order."""
    slugs, page = [], 1
    while True:
        response = client.get(reverse("exercises:exercise-list"), {**params, "page": page})
        pks = list(response.context["page_obj"].object_list)
        by_pk = dict(Exercise.objects.filter(pk__in=pks).values_list("pk", "slug"))
        slugs += [by_pk[pk] for pk in pks]
        if not response.context["page_obj"].has_next():
            return slugs, response.context["total"]
        page += 1


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestSameAsTheCatalogue:
    VALUES = {
        "equipment": ["dumbbells", "resistance-band", "barbell", "pull-up-bar", "no-equipment", "rocket"],
        "muscle": ["latissimus-dorsi", "rhomboids", "erector-spinae", "trapezius", "pectorals"],
        "goal": ["improved-posture", "back-pain-relief", "upper-body-strength"],
        "region": ["upper-back", "middle-back", "lower-back"],
        "difficulty": ["beginner", "intermediate", "advanced"],
        "kind": ["strength", "mobility", "activation"],
        "only": ["1"],
        "role": ["primary"],
        "sort": ["name", "difficulty"],
        "q": ["row", "pull", "stretch"],
    }

    def combinations(self, count=40):
        """Generated filter states: one to four parameters, some with two values."""
        chooser = random.Random(18)  # fixed, so a failure repeats  # noqa: S311 (not security)
        states = []
        for _ in range(count):
            names = chooser.sample(sorted(self.VALUES), chooser.randint(1, 4))
            state = {}
            for name in names:
                values = self.VALUES[name]
                many = name in ("equipment", "muscle", "goal", "region", "difficulty", "kind")
                state[name] = chooser.sample(values, min(len(values), chooser.randint(1, 2) if many else 1))
            states.append(state)
        return states

    def test_the_api_lists_what_the_page_lists_in_the_same_order(self, client):
        compared = 0
        for state in self.combinations():
            api = every_page(client, LIST, state)
            page = catalogue(client, state)
            assert api == page, state
            compared += bool(page[0])
        assert compared >= 20  # most generated states have results to compare

    def test_unfiltered_and_only_what_i_have(self, client):
        for state in [{}, {"equipment": ["dumbbells"], "only": "1"}, {"only": "1"}]:
            assert every_page(client, LIST, state) == catalogue(client, state)

    def test_bad_values_are_ignored_and_named(self, client):
        data = body(
            client.get(LIST, {"equipment": ["rocket", "dumbbells"], "difficulty": "expert", "page": "abc"})
        )
        assert data["count"] == catalogue(client, {"equipment": ["dumbbells"]})[1]
        assert "We don’t know the equipment “rocket”, so it was ignored." in data["notices"]
        assert "That page number was not understood; showing page 1." in data["notices"]
        assert any("difficulty" in note for note in data["notices"])

    @pytest.mark.parametrize(
        "params",
        [
            {"page": "99999"},
            {"page": "-1"},
            {"q": "x" * 5000},
            {"equipment": ["a"] * 300},
            {"muscle": "\x00\ufffd%%"},
            {"sort": ["name", "difficulty"]},
        ],
    )
    def test_odd_input_never_fails(self, client, params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        data = body(response)
        assert isinstance(data["results"], list) and isinstance(data["notices"], list)

    def test_an_exercise_in_full(self, client):
        data = body(client.get(reverse("api:exercise-detail", kwargs={"slug": "pull-up"})))
        assert data["name"] == "Pull-up" and data["url"] == "http://testserver/exercises/pull-up/"
        assert data["steps"][0]["position"] == 1 and data["steps"][0]["text"]
        assert data["tips"] and data["mistakes"]
        primary = [m for m in data["muscles"] if m["role"] == "primary"]
        assert primary[0]["slug"] == "latissimus-dorsi"
        muscle = body(client.get(primary[0]["api_url"]))
        assert muscle["name"] and muscle["url"].endswith("/anatomy/muscles/latissimus-dorsi/")
        listed, _ = every_page(client, muscle["exercises_url"], {})
        assert "pull-up" in listed

    def test_the_root_names_every_resource(self, client):
        data = body(client.get("/api/v1/"))
        catalogue = {"exercises", "muscles", "regions", "equipment", "goals", "references"}
        assert set(data) == catalogue | {"programs", "articles", "faq"}
        for url in data.values():
            assert body(client.get(url))["count"] > 0

    def test_the_description_is_valid_openapi_3_1(self, client):
        response = client.get(reverse("api:schema"), headers={"accept": "application/json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert schema["openapi"] == "3.1.0"
        validate(schema)  # raises on an invalid document
        parameters = {p["name"] for p in schema["paths"]["/api/v1/exercises/"]["get"]["parameters"]}
        assert parameters >= {
            "q",
            "goal",
            "equipment",
            "only",
            "muscle",
            "role",
            "region",
            "difficulty",
            "kind",
        }
        assert parameters >= {"sort", "page"}

    def test_every_endpoint_answers_as_its_description_says(self, client):
        """Each list and detail's JSON validates against the response schema the OpenAPI
        description gives for it (JSON Schema 2020-12, as OpenAPI 3.1 uses), strictly: an
        object may hold no field the description does not name."""
        described = json.loads(
            client.get(reverse("api:schema"), headers={"accept": "application/json"}).content
        )
        components = json.loads(json.dumps(described["components"]))
        for schema in components["schemas"].values():
            if schema.get("type") == "object" and "properties" in schema:
                schema["additionalProperties"] = False
        root = {"components": components}
        detail = {
            "exercise": "trap-bar-shrug",
            "muscle": "rhomboids",
            "region": "lower-back",
            "equipment": "trap-bar",
            "goal": "improved-posture",
            "reference": None,
            "program": "beginner-4-week-back-plan",
            "article": "balanced-back-training",
            "question": "is-it-safe-to-train-a-sore-back",
        }
        checked = 0
        for name, slug in detail.items():
            answers = {reverse(f"api:{name}-list"): None}
            first = body(client.get(reverse(f"api:{name}-list")))["results"][0]
            answers[first["api_url"]] = "detail"
            if slug:
                answers[reverse(f"api:{name}-detail", kwargs={"slug": slug})] = "detail"
            for url in answers:
                path = url.removeprefix("http://testserver")
                template = next(
                    p for p in described["paths"] if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), path)
                )
                response_schema = described["paths"][template]["get"]["responses"]["200"]["content"][
                    "application/json"
                ]["schema"]
                Draft202012Validator({**root, **response_schema}).validate(body(client.get(path)))
                checked += 1
        assert checked >= 25


@pytest.mark.django_db
class TestPublishedOnly:
    def test_drafts_and_scheduled_exercises_are_not_there(self, client):
        make_exercise("Live row", slug="live-row")
        make_exercise("Draft row", slug="draft-row", status=Status.DRAFT)

        make_exercise("Later row", slug="later-row", published_at=timezone.now() + timezone.timedelta(days=2))
        slugs, count = every_page(client, LIST, {})
        assert slugs == ["live-row"] and count == 1
        for slug in ("draft-row", "later-row", "no-such-row"):
            response = client.get(reverse("api:exercise-detail", kwargs={"slug": slug}))
            assert response.status_code == 404 and body(response) == {
                "detail": "No Exercise matches the given query."
            }

    def test_a_signed_in_editor_gets_published_content_too(self, client, django_user_model):
        make_exercise("Draft row", slug="draft-row", status=Status.DRAFT)
        client.force_login(
            django_user_model.objects.create_superuser("ed", "ed@example.org", "x-long-pass-1")
        )
        assert every_page(client, LIST, {}) == ([], 0)


@pytest.mark.django_db
class TestHttp:
    def test_pages_link_to_each_other_with_a_total(self, client):
        muscle = make_muscle("Lats", slug="lats")
        for n in range(30):
            make_exercise(f"Row {n:02d}", slug=f"row-{n:02d}", primary=[muscle])
        first = body(client.get(LIST))
        assert first["count"] == 30 and len(first["results"]) == 24 and first["previous"] is None
        second = body(client.get(first["next"]))
        assert len(second["results"]) == 6 and second["next"] is None
        assert body(client.get(second["previous"]))["results"] == first["results"]

    def test_any_origin_may_read(self, client):
        make_exercise("Row", slug="row")
        response = client.get(LIST, headers={"origin": "https://app.example.com"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Origin" not in client.get(
            "/exercises/", headers={"origin": "https://x.org"}
        )

    def test_anonymous_clients_are_throttled_with_a_clear_429(self, client):
        cache.clear()
        with mock.patch.object(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"}):
            statuses = [client.get(reverse("api:muscle-list")).status_code for _ in range(4)]
            refused = client.get(reverse("api:muscle-list"))
        cache.clear()
        assert statuses == [200, 200, 200, 429]
        assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
        assert "throttled" in body(refused)["detail"].lower()

    def test_anonymous_lists_are_public_for_shared_caches(self, client):
        make_exercise("Row", slug="row")
        response = client.get(LIST)
        assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")

    def test_etag_and_last_modified_give_304s_until_content_changes(self, client, settings):
        settings.PAGE_CACHE = True
        cache.clear()
        row = make_exercise("Row", slug="row")
        first = client.get(LIST)
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
        assert client.get(LIST, headers={"if-none-match": first["ETag"]}).status_code == 304
        assert client.get(LIST, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
        row.name = "Seated row"
        row.save()  # a content change: a new version and a new body
        changed = client.get(LIST, headers={"if-none-match": first["ETag"]})
        assert changed.status_code == 200 and body(changed)["results"][0]["name"] == "Seated row"
        assert changed["ETag"] != first["ETag"]
        cache.clear()

    def test_cached_rows_keep_the_address_they_were_asked_at(self, client):
        make_exercise("Row", slug="row")
        for host in ["localhost", "127.0.0.1", "localhost"]:
            row = body(client.get(LIST, HTTP_HOST=host))["results"][0]
            assert row["api_url"] == f"http://{host}/api/v1/exercises/row/"

    def test_fixed_queries_whatever_the_size(self, client, django_assert_max_num_queries):
        regions = [make_region(f"Region {n}") for n in range(3)]
        muscles = [make_muscle(f"Muscle {n}", regions=[regions[n % 3]]) for n in range(12)]
        kit = [make_equipment(f"Kit {n}") for n in range(8)]
        # 300 published exercises in a few bulk inserts (the factory's saves would take seconds)
        moves = Exercise.objects.bulk_create(
            Exercise(name=f"Move {n:03d}", slug=f"move-{n:03d}", summary="A move.", status=Status.PUBLISHED,
                     published_at=timezone.now(), movement_pattern=Exercise.Pattern.HORIZONTAL_PULL)
            for n in range(300)
        )  # fmt: skip
        ExerciseMuscle.objects.bulk_create(
            link
            for n, move in enumerate(moves)
            for link in (
                ExerciseMuscle(exercise=move, muscle=muscles[n % 12], role=ExerciseMuscle.Role.PRIMARY),
                ExerciseMuscle(
                    exercise=move, muscle=muscles[(n + 1) % 12], role=ExerciseMuscle.Role.SECONDARY
                ),
            )
        )
        Exercise.equipment.through.objects.bulk_create(
            Exercise.equipment.through(exercise=move, equipment=kit[n % 8]) for n, move in enumerate(moves)
        )
        bump()  # what a bulk load does: one content change
        with django_assert_max_num_queries(14):  # 10 build the facet index, once per content change
            assert body(client.get(LIST, {"equipment": kit[0].slug}))["count"] == 38
        with django_assert_max_num_queries(5):  # then: the version, the page's rows and 3 prefetches
            assert body(client.get(LIST, {"equipment": kit[1].slug, "page": 2}))["count"] == 38
        with django_assert_max_num_queries(1):  # and rows listed before come from the cache
            assert body(client.get(LIST, {"equipment": kit[1].slug, "page": 2}))["count"] == 38
        with django_assert_max_num_queries(8):
            assert body(client.get(reverse("api:exercise-detail", kwargs={"slug": "move-007"})))["name"]
        for name in ("muscle", "region", "equipment", "goal"):
            with django_assert_max_num_queries(6):
                assert client.get(reverse(f"api:{name}-list")).status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestProgramsArticlesFaqAndReferences:
    def test_a_program_in_full(self, client):
        data = body(client.get(reverse("api:program-detail", kwargs={"slug": "beginner-4-week-back-plan"})))
        assert data["url"].endswith("/programs/beginner-4-week-back-plan/") and data["level"] == "beginner"
        session = data["phases"][0]["sessions"][0]
        first = session["prescriptions"][0]
        assert first["sets"] >= 1 and first["exercise"]["api_url"].startswith(
            "http://testserver/api/v1/exercises/"
        )
        assert body(client.get(first["exercise"]["api_url"]))["slug"] == first["exercise"]["slug"]
        assert data["references"] and data["references"][0]["api_url"].startswith("http://testserver/api/v1/")

    def test_an_article_body_is_the_sanitised_html_the_page_shows(self, client):
        listed = body(client.get(reverse("api:article-list")))["results"]
        article = body(client.get(listed[0]["api_url"]))
        assert article["body_html"].startswith("<") and "<script" not in article["body_html"]
        page = client.get(listed[0]["url"].removeprefix("http://testserver")).content.decode()
        assert article["title"] in page

    def test_faq_answers_name_their_red_flags_and_sources(self, client):
        faq, _ = every_page(client, reverse("api:question-list"), {})
        assert "is-it-safe-to-train-a-sore-back" in faq
        answer = body(
            client.get(reverse("api:question-detail", kwargs={"slug": "is-it-safe-to-train-a-sore-back"}))
        )
        assert answer["red_flags"] is True and answer["url"].endswith("/faq/#is-it-safe-to-train-a-sore-back")
        assert answer["references"]

    def test_every_reference_has_a_key_and_a_title_or_publication(self, client):
        data = body(client.get(reverse("api:reference-list")))
        assert data["count"] >= 10
        assert all(r["key"] and (r["title"] or r["publication"]) for r in data["results"])


@pytest.mark.django_db
class TestDraftsStayHidden:
    def test_draft_programs_articles_and_answers_are_404s(self, client):
        ProgramTemplate.objects.create(
            name="Draft plan", slug="draft-plan", level="beginner", summary="x", duration_weeks=4,
            sessions_per_week=2, session_minutes=30, status=Status.DRAFT,
        )  # fmt: skip
        Article.objects.create(
            title="Draft piece", slug="draft-piece", summary="x", body="x", topic="benefits",
            author_name="Ed", status=Status.DRAFT,
        )  # fmt: skip
        Question.objects.create(
            question="Draft?", slug="draft-q", answer="x", topic="benefits", status=Status.DRAFT
        )
        for name, slug in [("program", "draft-plan"), ("article", "draft-piece"), ("question", "draft-q")]:
            assert client.get(reverse(f"api:{name}-detail", kwargs={"slug": slug})).status_code == 404
            assert body(client.get(reverse(f"api:{name}-list")))["count"] == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestQueryBudgets:
    def test_fixed_queries_per_endpoint(self, client, django_assert_max_num_queries):
        Question.objects.bulk_create(
            Question(question=f"Question {n}?", slug=f"question-{n}", answer="An answer.", topic="benefits",
                     position=n, status=Status.PUBLISHED, published_at=timezone.now())
            for n in range(300)
        )  # fmt: skip
        budgets = {
            reverse("api:question-list"): 4,
            reverse("api:question-list") + "?page=10": 4,
            reverse("api:reference-list"): 4,
            # The first list after a change builds the programs' facet index (4 fixed queries).
            reverse("api:program-list") + "?level=beginner": 8,
            reverse("api:program-list"): 3,
            reverse("api:program-detail", kwargs={"slug": "beginner-4-week-back-plan"}): 8,
            reverse("api:article-list"): 4,
            reverse("api:article-detail", kwargs={"slug": "balanced-back-training"}): 7,
        }
        for url, budget in budgets.items():
            with django_assert_max_num_queries(budget):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code, response.content[:300])


class TestJsonErrors:
    def test_an_unknown_api_address_is_a_json_404(self, client, db):
        response = client.get("/api/v1/no-such-resource/")
        assert response.status_code == 404 and body(response) == {"detail": "Not found."}

    def test_a_refused_request_is_a_json_400(self, client, db):
        crowded = "&".join(f"p{n}=1" for n in range(1200))  # beyond DATA_UPLOAD_MAX_NUMBER_FIELDS
        response = client.get(f"/api/v1/exercises/?{crowded}")
        assert response.status_code == 400 and body(response) == {"detail": "Bad request."}
        page = client.get(f"/exercises/?{crowded}")
        assert page.status_code == 400 and page["Content-Type"].startswith("text/html")

    @pytest.mark.parametrize("slug", ["%00", "a%00b", "%E2%80%AE", "..", "a.b"])
    def test_odd_bytes_in_a_detail_address_are_a_json_404(self, client, db, slug):
        for name in ["exercises", "muscles", "references", "faq"]:
            response = client.get(f"/api/v1/{name}/{slug}/")
            assert response.status_code == 404 and body(response) == {"detail": "Not found."}, (name, slug)

    def test_pages_keep_their_html_404(self, client, db):
        response = client.get("/no-such-page/")
        assert response.status_code == 404 and response["Content-Type"].startswith("text/html")

    def test_a_server_error_under_the_api_is_json(self, rf):
        from backsite.views import server_error

        response = server_error(rf.get("/api/v1/exercises/"))
        assert response.status_code == 500 and json.loads(response.content)["detail"] == "Server error."
        assert server_error(rf.get("/exercises/"))["Content-Type"].startswith("text/html")


def program_page(client, params):
    """The slugs of every program /programs/ lists for ``params``, in its order."""
    response = client.get(reverse("programs:program-list"), params)
    pks = list(response.context["page_obj"].object_list)
    by_pk = dict(ProgramTemplate.objects.filter(pk__in=pks).values_list("pk", "slug"))
    return [by_pk[pk] for pk in pks], response.context["paginator"].count


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestListFilters:
    PROGRAM_STATES = [
        {},
        {"level": "beginner"},
        {"level": ["beginner", "advanced"]},
        {"goal": "improved-posture"},
        {"equipment": ["dumbbells", "resistance-band"]},
        {"equipment": ["no-equipment"], "only": "1"},
        {"equipment": ["dumbbells", "pull-up-bar", "no-equipment"], "only": "1", "level": "beginner"},
        {"sessions": ["2", "3"]},
        {"level": ["rocket", "intermediate"], "sessions": "9"},
    ]

    @pytest.mark.parametrize("params", PROGRAM_STATES)
    def test_programs_filter_as_the_programs_page(self, client, params):
        api = every_page(client, reverse("api:program-list"), params)
        assert api == program_page(client, params)

    def test_unknown_program_values_are_named(self, client):
        data = body(client.get(reverse("api:program-list"), {"level": ["rocket", "beginner"]}))
        assert data["notices"] == ["We don’t know the level “rocket”, so it was ignored."]
        assert data["count"] and all(p["level"] == "beginner" for p in data["results"])

    def test_articles_and_faq_filter_by_topic(self, client):
        for name, model in [("article", Article), ("question", Question)]:
            everything, total = every_page(client, reverse(f"api:{name}-list"), {})
            topics = sorted(set(model.objects.published().values_list("topic", flat=True)))
            assert len(topics) >= 2, name
            for topic in topics:
                slugs, count = every_page(client, reverse(f"api:{name}-list"), {"topic": topic})
                expected = set(model.objects.published().filter(topic=topic).values_list("slug", flat=True))
                assert set(slugs) == expected and count == len(expected), (name, topic)
            data = body(client.get(reverse(f"api:{name}-list"), {"topic": ["nonsense", topics[0]]}))
            assert data["notices"] == ["We don’t know the topic “nonsense”, so it was ignored."]
            assert data["count"] == model.objects.published().filter(topic=topics[0]).count()
            # No topic or only unknown ones: everything.
            unknown = every_page(client, reverse(f"api:{name}-list"), {"topic": "nonsense"})
            assert unknown == (everything, total)

    def test_articles_are_listed_as_the_articles_page_orders_them(self, client):
        slugs, _ = every_page(client, reverse("api:article-list"), {})
        expected = list(Article.objects.published().order_by("topic", "title").values_list("slug", flat=True))
        assert slugs == expected
