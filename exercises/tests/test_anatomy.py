"""Anatomy pages: the map, regions and muscles, and their links to the catalogue."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exercises import anatomy
from exercises.bodymap import VIEWS, MapShape, drawing
from exercises.models import BodyRegion, Exercise, Muscle
from exercises.tests import factories

ANATOMY = reverse("exercises:anatomy")


def body_map(html):
    return html[
        html.index('<figure class="body-map') : html.index("</figure>", html.index('<figure class="body-map'))
    ]


def map_links(html):
    """{muscle name: href} for every linked shape on the body map (front and back)."""
    return dict(
        (label, href)
        for href, label in re.findall(
            r'<a href="([^"]+)" class="map-muscle[^"]*" data-muscle="[^"]*" '
            r'aria-label="([^"(,]+?)(?:,| \(|")',
            body_map(html),
        )
    )


def highlighted(html, state):
    pattern = (
        rf'class="map-muscle is-{state}(?: is-deep)?" data-muscle="[^"]*" aria-label="([^"(,]+?)(?:,| \()'
    )
    return set(re.findall(pattern, body_map(html)))


@pytest.mark.django_db
class TestAnatomyOverview:
    seeded = factories.seeded_per_class

    def test_every_required_back_muscle_is_its_own_labelled_link(self, client, seeded):
        html = client.get(ANATOMY).content.decode()
        links = map_links(html)
        for name in [
            "Upper trapezius",
            "Middle trapezius",
            "Lower trapezius",
            "Latissimus dorsi",
            "Rhomboids",
            "Infraspinatus",
            "Teres major",
            "Levator scapulae",
            "Erector spinae",
            "Rear deltoid",
        ]:
            muscle = Muscle.objects.get(name=name)
            assert links[name] == muscle.get_absolute_url()
        # The same links follow the picture as a plain list.
        listing = html[html.index('id="muscles-heading"') :]
        for name, href in links.items():
            assert f'<a href="{href}">{name}</a>' in listing

    def test_a_muscle_without_a_shape_is_not_on_the_map(self, client, seeded):
        Muscle.objects.filter(slug="rhomboids").update(map_shape="")
        links = map_links(client.get(ANATOMY).content.decode())
        assert "Rhomboids" not in links and "Middle trapezius" in links

    def test_regions_are_listed_in_order(self, client, seeded):
        html = client.get(ANATOMY).content.decode()
        assert html.index(">Upper back</a>") < html.index(">Middle back</a>") < html.index(">Lower back</a>")


@pytest.mark.django_db
class TestMusclePages:
    seeded = factories.seeded_per_class

    def test_every_seeded_muscle_lists_its_exercises_by_role(
        self, client, seeded, django_assert_max_num_queries
    ):
        for muscle in Muscle.objects.all():
            with django_assert_max_num_queries(7):  # with its sources
                response = client.get(muscle.get_absolute_url())
            assert response.status_code == 200, muscle.slug
            groups = {label: shown for _role, label, shown, _total in response.context["groups"]}
            totals = {label: total for _role, label, _shown, total in response.context["groups"]}
            family = [muscle, *muscle.parts.all()]
            primary = set(
                Exercise.objects.published()
                .filter(exercise_muscles__muscle__in=family, exercise_muscles__role="primary")
                .distinct()
            )
            by_name = sorted(primary, key=lambda e: e.name.lower())
            assert groups.get("Primary", []) == by_name[: anatomy.SHOWN], muscle.slug
            assert totals.get("Primary", 0) == len(primary)
            labels = [label for _role, label, _shown, _total in response.context["groups"]]
            assert labels == sorted(
                labels, key=["Primary", "Secondary", "Stabilizer", "Stretched (not loaded)"].index
            )

    def test_middle_trapezius_journey(self, client, seeded):
        """Click it on the map, see the exercises that target it first, jump to the catalogue."""
        href = map_links(client.get(ANATOMY).content.decode())["Middle trapezius"]
        html = client.get(href).content.decode()
        assert "<h1>Middle trapezius</h1>" in html
        assert "draws the shoulder blades back toward the spine" in html
        first_group = re.search(r"<h3>(\w+) muscle", html).group(1)
        assert first_group == "Primary"
        assert 'href="/exercises/?muscle=middle-trapezius"' in html
        assert highlighted(html, "primary") == {"Middle trapezius"}

    def test_parent_includes_its_parts(self, client, seeded):
        response = client.get(reverse("exercises:muscle-detail", kwargs={"slug": "trapezius"}))
        shrugs = {
            e.slug
            for _role, label, shown, _total in response.context["groups"]
            if label == "Primary"
            for e in shown
        }
        assert {"barbell-shrug", "face-pull", "i-y-t-raise"} <= shrugs  # upper, middle, lower parts
        assert highlighted(response.content.decode(), "primary") == {
            "Upper trapezius",
            "Middle trapezius",
            "Lower trapezius",
        }

    def test_an_exercise_appears_once_under_its_strongest_role(self, client, seeded):
        response = client.get(reverse("exercises:muscle-detail", kwargs={"slug": "trapezius"}))
        seen = [e.slug for _role, _label, exercises, _total in response.context["groups"] for e in exercises]
        assert len(seen) == len(set(seen))

    def test_drafts_are_not_listed(self, client, seeded):
        Exercise.objects.filter(slug="face-pull").update(status="draft")
        response = client.get(reverse("exercises:muscle-detail", kwargs={"slug": "rear-deltoid"}))
        assert "face-pull" not in {
            e.slug for _role, _label, group, _total in response.context["groups"] for e in group
        }

    def test_unknown_muscle_is_404(self, client, seeded):
        assert client.get("/anatomy/muscles/no-such-muscle/").status_code == 404
        assert client.get("/anatomy/regions/no-such-region/").status_code == 404


@pytest.mark.django_db
class TestRegionPages:
    seeded = factories.seeded_per_class

    @pytest.mark.parametrize("slug", ["upper-back", "middle-back", "lower-back"])
    def test_region_page(self, client, seeded, slug, django_assert_max_num_queries):
        region = BodyRegion.objects.get(slug=slug)
        with django_assert_max_num_queries(6):
            response = client.get(region.get_absolute_url())
        html = response.content.decode()
        for heading in ["Where it is", "What it does", "Why it gets weak or sore", "Its muscles"]:
            assert f"<h2>{heading}</h2>" in html
        for muscle in region.muscles.all():
            assert f'<a href="{muscle.get_absolute_url()}">{muscle.name}</a>' in html
        catalogue = client.get(reverse("exercises:exercise-list"), {"region": slug, "role": "primary"})
        in_catalogue = list(catalogue.context["page_obj"].paginator.object_list)
        assert response.context["exercise_count"] == len(in_catalogue)
        assert [e.pk for e in response.context["exercises"]] == in_catalogue[: anatomy.SHOWN]
        assert f'href="/exercises/?region={slug}&amp;role=primary"' in html
        assert (f"See all {len(in_catalogue)} in the catalogue" in html) == (
            len(in_catalogue) > anatomy.SHOWN
        )

    def test_long_lists_stop_at_a_link_to_the_catalogue(self, client, seeded, monkeypatch):
        monkeypatch.setattr(anatomy, "SHOWN", 3)
        html = client.get(reverse("exercises:region-detail", kwargs={"slug": "middle-back"})).content.decode()
        region_list = html[html.index('id="exercises-heading"') :]
        assert region_list.count('<li><a href="/exercises/') == 3
        assert "See all" in region_list
        response = client.get(reverse("exercises:muscle-detail", kwargs={"slug": "latissimus-dorsi"}))
        for _role, _label, shown, total in response.context["groups"]:
            assert len(shown) == min(3, total)
        assert "See all" in response.content.decode()

    def test_vertebrae_are_named(self, client, seeded):
        pages = {
            s: client.get(f"/anatomy/regions/{s}/").content.decode()
            for s in ["upper-back", "middle-back", "lower-back"]
        }
        assert "7 cervical vertebrae" in pages["upper-back"]
        assert "12 vertebrae" in pages["middle-back"]
        assert "5 lumbar vertebrae" in pages["lower-back"]


@pytest.mark.django_db
class TestExerciseMap:
    seeded = factories.seeded_per_class

    def test_exercise_page_marks_primary_and_secondary_shapes(self, client, seeded):
        html = client.get(reverse("exercises:exercise-detail", kwargs={"slug": "face-pull"})).content.decode()
        assert highlighted(html, "primary") == {"Rear deltoid", "Middle trapezius", "Infraspinatus"}
        assert highlighted(html, "secondary") == {"Rhomboids", "Lower trapezius"}
        assert "Primary: solid fill" in html and "Secondary: striped" in html

    def test_detail_budget_with_the_map(self, client, seeded, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            client.get(reverse("exercises:exercise-detail", kwargs={"slug": "deadlift"}))


@pytest.mark.django_db
def test_catalogue_links_chosen_muscles_to_their_pages(client, seeded):
    html = client.get(reverse("exercises:exercise-list"), {"muscle": "rhomboids"}).content.decode()
    assert '<a href="/anatomy/muscles/rhomboids/">rhomboids</a>' in html
    assert f'<a href="{ANATOMY}">What each muscle does</a>' in html


@pytest.mark.django_db
def test_two_muscles_cannot_share_a_shape(seeded):
    from django.core.exceptions import ValidationError

    muscle = Muscle.objects.get(slug="biceps")
    muscle.map_shape = MapShape.RHOMBOIDS
    with pytest.raises(ValidationError, match="already uses this body-map shape"):
        muscle.full_clean()


class TestBodyMapDrawing:
    """The map is the figures' own front and back views, every catalogue shape placed."""

    def test_every_shape_is_drawn_in_a_view_and_front_muscles_in_the_front(self):
        front, back = drawing("front")["shapes"], drawing("back")["shapes"]
        assert set(front) | set(back) == set(MapShape.values)
        for key in ("pectorals", "abdominals", "biceps", "quadriceps", "serratus-anterior", "front-deltoid"):
            assert key in front and key not in back, key
        for key in (
            "latissimus-dorsi",
            "rhomboids",
            "erector-spinae",
            "glutes",
            "hamstrings",
            "rear-deltoid",
        ):
            assert key in back and key not in front, key

    def test_small_shapes_get_a_hit_area_of_at_least_the_minimum(self):
        from exercises.bodymap import MIN_TARGET, box_of

        for view, _label in VIEWS:
            for key, shape in drawing(view)["shapes"].items():
                small = [
                    p
                    for p in shape["paths"]
                    if min(box_of(p)[2] - box_of(p)[0], box_of(p)[3] - box_of(p)[1]) < MIN_TARGET
                ]
                assert len(shape["hits"]) == len(small), key
                for hit in shape["hits"]:
                    assert float(hit["width"]) >= MIN_TARGET and float(hit["height"]) >= MIN_TARGET

    def test_the_trapezius_lies_over_the_latissimus_and_deep_muscles_are_drawn_last(self):
        order = list(drawing("back")["shapes"])
        assert order.index("latissimus-dorsi") < order.index("lower-trapezius")
        assert order.index("erector-spinae") < order.index("latissimus-dorsi")
        assert order[-3:] == ["rhomboids", "levator-scapulae", "quadratus-lumborum"]


@pytest.mark.django_db
class TestBodyMapPages:
    seeded = factories.seeded_per_class

    def test_every_seeded_muscle_with_a_visible_shape_is_linked_on_anatomy(self, client, seeded):
        html = client.get(ANATOMY).content.decode()
        links = map_links(html)
        for muscle in Muscle.objects.exclude(map_shape=""):
            assert links[muscle.name] == muscle.get_absolute_url()
        # Only the trapezius as a whole (drawn as its three parts) has no shape of its own.
        assert list(Muscle.objects.filter(map_shape="").values_list("slug", flat=True)) == ["trapezius"]
        assert html.count('class="map-label"') == html.count('class="map-muscle')  # each names itself
        assert "?muscle=pectorals" in html  # "exercises for this muscle" beside each shape

    def test_deep_muscles_say_so(self, client, seeded):
        html = client.get(ANATOMY).content.decode()
        for name in ("Rhomboids", "Quadratus lumborum", "Diaphragm"):
            assert f'aria-label="{name}, deep"' in html

    @pytest.mark.parametrize(
        ("slug", "view"),
        [("pectorals", "front"), ("abdominals", "front"), ("biceps", "front"), ("latissimus-dorsi", "back")],
    )
    def test_a_muscle_page_highlights_its_muscle_in_its_view(self, client, seeded, slug, view):
        muscle = Muscle.objects.get(slug=slug)
        html = client.get(muscle.get_absolute_url()).content.decode()
        figure = body_map(html)
        views = figure.split("<svg ")[1:]
        lit = [v for v in views if 'class="map-muscle is-primary' in v]
        assert len(lit) == 1 and f'id="body-map-{view}"' in lit[0]
        assert highlighted(html, "primary") == {muscle.name}

    def test_every_muscle_page_lights_exactly_its_own_shapes(self, client, seeded):
        mapped = list(Muscle.objects.exclude(map_shape=""))
        for muscle in Muscle.objects.all():
            html = client.get(muscle.get_absolute_url()).content.decode()
            parts = {m.name for m in mapped if m.parent_id == muscle.pk}
            own = {muscle.name} if muscle.map_shape else parts
            assert own and highlighted(html, "primary") == own, muscle.slug

    def test_the_home_page_leads_with_the_map(self, client, seeded, django_assert_max_num_queries):
        client.get("/")  # the facet index is built once per content version
        with django_assert_max_num_queries(12):
            html = client.get("/").content.decode()
        assert html.index('id="choose-muscle"') < html.index('id="by-goal"')
        assert len(map_links(html)) == Muscle.objects.exclude(map_shape="").count()


class TestVertebrae:
    def test_a_span_of_vertebrae_reads_top_first(self):
        from exercises.bodymap import spine_band

        upper, middle, lower = spine_band("T1–T4"), spine_band("t5-T12"), spine_band("L1 — L5")
        assert upper[0] > upper[1] > middle[0] > middle[1] > lower[0] > lower[1]
        for wrong in ("", "T4–T1", "T13–L1", "neck", "T1"):
            assert spine_band(wrong) is None, wrong

    def test_the_admin_refuses_a_span_it_cannot_draw(self, db):
        from exercises.models import BodyRegion

        region = BodyRegion(name="Test band", slug="test-band", vertebrae="T4–T1")
        with pytest.raises(ValidationError, match="top first"):
            region.full_clean()


@pytest.mark.django_db
class TestRegionBand:
    seeded = factories.seeded_per_class

    def test_a_region_page_shades_and_names_its_vertebrae(self, client, seeded):
        from exercises.models import BodyRegion

        for region in BodyRegion.objects.all():
            html = client.get(region.get_absolute_url()).content.decode()
            assert region.vertebrae and html.count('class="map-band"') == 1, region.slug
            assert f"vertebrae {region.vertebrae}" in html


@pytest.mark.django_db
class TestOnAnEmptySite:
    """Apart from the seeded classes above, whose content is loaded once per class."""

    def test_unmapped_shapes_are_drawn_as_context(self, client, db):
        html = client.get(ANATOMY).content.decode()
        shapes = sum(len(drawing(view)["shapes"]) for view, _label in VIEWS)
        assert html.count('class="map-context') == shapes
        assert "No muscle has a place on the map yet" in html

    def test_a_parent_muscle_highlights_its_parts(self, client, catalogue):
        from exercises.models import ExerciseMuscle

        Muscle.objects.filter(slug="upper-trapezius").update(map_shape=MapShape.UPPER_TRAPEZIUS)
        Muscle.objects.filter(slug="middle-trapezius").update(map_shape=MapShape.MIDDLE_TRAPEZIUS)
        exercise = catalogue["exercises"]["heavy"]  # trapezius (the parent) is secondary
        assert ExerciseMuscle.objects.filter(exercise=exercise, muscle__slug="trapezius").exists()
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert highlighted(html, "secondary") == {"Upper trapezius", "Middle trapezius"}
