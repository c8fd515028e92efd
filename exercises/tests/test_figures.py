"""The figure renderer (exercises/figures.py): proportions, physical sense and clean SVG."""

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from exercises.figures import LENGTH, RANGE, Base, Pose, problems, solve, svg

SVG = "{http://www.w3.org/2000/svg}"


def test_a_standing_figure_has_winters_proportions():
    figure = solve(Pose())
    # Heights as fractions of stature (Winter 2009): knee 0.285, hip 0.530, shoulder 0.818.
    assert figure.near["knee"][1] == pytest.approx(28.5, abs=0.5)
    assert figure.points["hip"][1] == pytest.approx(53.0, abs=0.5)
    assert figure.points["shoulder"][1] == pytest.approx(81.8, abs=0.5)
    assert figure.points["crown"][1] == pytest.approx(100.0, abs=0.5)
    elbow_to_wrist = figure.near["elbow"][1] - figure.near["wrist"][1]
    assert elbow_to_wrist == pytest.approx(LENGTH["forearm"] * 100)


@pytest.mark.parametrize(
    "pose",
    [
        Pose(),
        Pose(ankle=20, knee=100, hip=100, shoulder=90),
        Pose(knee=20, hip=80, ankle=5, shoulder=10),
        Pose(knee=25, hip=75, ankle=10, shoulder=-40, elbow=100),
    ],
)
def test_standing_feet_are_flat_on_the_floor(pose):
    figure = solve(pose)
    for side in (figure.near, figure.far):
        assert side["heel"][1] == pytest.approx(0, abs=0.01)
        assert side["toe"][1] == pytest.approx(0, abs=0.01)
    assert figure.lowest() == pytest.approx(0, abs=0.01)
    assert problems(pose) == []


def test_each_base_rests_on_its_support():
    kneeling = solve(Pose(base=Base.KNEELING, knee=90))
    assert kneeling.near["knee"][1] == pytest.approx(kneeling.near["ankle"][1], abs=0.01)  # shin level
    seated = solve(Pose(base=Base.SEATED, hip=90, knee=90))
    assert seated.near["knee"][1] == pytest.approx(seated.points["hip"][1], abs=0.01)  # thigh level
    lying = solve(Pose(base=Base.SUPINE))
    assert lying.points["shoulder"][1] == pytest.approx(lying.points["hip"][1], abs=0.01)
    assert lying.points["crown"][0] < lying.points["hip"][0]  # head to the left, face up
    hanging = solve(Pose(base=Base.HANGING, shoulder=175))
    assert hanging.near["grip"][1] == pytest.approx(225, abs=0.01) and hanging.lowest() > 0


def test_a_joint_outside_its_range_is_named():
    assert problems(Pose(knee=150)) == ["The knee is at 150°, outside its normal range (0° to 135°)."]
    assert "far elbow" in problems(Pose(far={"elbow": 170}))[0]
    for joint, (low, high) in RANGE.items():
        assert problems(Pose(**{joint: high + 1}))[0].startswith(f"The {joint} is at")
        assert problems(Pose(**{joint: low - 1}))[0].startswith(f"The {joint} is at")


def test_a_body_part_through_the_floor_is_named():
    # Lying face down with the head bent down: the head would go through the floor, so the
    # trunk no longer rests on it.
    found = problems(Pose(base=Base.PRONE, neck=45))
    assert found and "should rest on the floor" in found[0]
    hanging = Pose(base=Base.HANGING, shoulder=175, hip=0, knee=0)
    assert problems(hanging) == []
    standing_on_hands = Pose(hip=110, spine=40, shoulder=150)  # hands reaching past the feet
    assert any("heel should rest on the floor" in p for p in problems(standing_on_hands))


def test_the_svg_is_well_formed_and_needs_no_inline_style():
    text = svg(
        Pose(knee=25, hip=75, shoulder=-40, elbow=100),
        primary=["latissimus-dorsi"],
        secondary=["biceps"],
        title="Bent-over row, finish",
        ident="row",
    )
    root = ET.fromstring(text)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and len(root.get("viewBox").split()) == 4
    assert root.find(f"{SVG}title").text == "Bent-over row, finish"
    classes = [element.get("class") for element in root.iter()]
    assert classes.count("fig-primary") == 3  # the lats on the trunk and both upper arms
    assert classes.count("fig-secondary") == 2  # the biceps of both arms
    assert root.find(f".//{SVG}pattern").get("id") == "row-hatch"
    assert "style=" not in text and "<script" not in text
    assert len(text.encode()) < 8000


# -- stored poses, the figure's address and the exercise page ------------------------------


def add_figure(exercise, start=None, finish=None):
    from exercises.models import ExercisePose

    start = start or {"hip": 75, "knee": 25, "ankle": 10, "shoulder": 75}
    finish = finish or {"hip": 75, "knee": 25, "ankle": 10, "shoulder": 20, "elbow": 100}
    ExercisePose.objects.create(exercise=exercise, frame="start", **start)
    ExercisePose.objects.create(exercise=exercise, frame="finish", **finish)


def movement_of(exercise):
    return type(exercise).objects.get(pk=exercise.pk).movement


@pytest.mark.django_db
class TestExerciseFigure:
    def test_the_page_shows_start_finish_and_motion_with_words(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        html = client.get(exercise.get_absolute_url()).content.decode()
        assert html.index('class="movement"') < html.index('class="facts"')  # near the top
        assert "<figcaption>Start</figcaption>" in html and "<figcaption>Finish</figcaption>" in html
        assert 'alt="Start: standing, hips bent forward about 80°' in html
        assert 'media="(prefers-reduced-motion: reduce)"' in html
        assert "/start.svg" in html and "/finish.svg" in html and "/animated.svg" in html

    def test_no_figure_block_until_start_and_finish_exist(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        assert 'class="movement"' not in client.get(exercise.get_absolute_url()).content.decode()

    def test_the_svg_is_served_for_a_year_and_an_old_address_moves_on(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        figure = movement_of(exercise)
        response = client.get(figure.url("animated"))
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
        assert "immutable" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]
        body = response.content.decode()
        assert '<animate attributeName="d"' in body and "<script" not in body and "style=" not in body
        old = figure.url("start").replace(figure.version, "0000000000")
        assert client.get(old)["Location"] == figure.url("start")
        exercise.poses.filter(frame="finish").update(elbow=90)
        changed = movement_of(exercise)
        assert changed.version != figure.version

    def test_bad_frames_and_drafts_are_404(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        figure = movement_of(exercise)
        assert client.get(figure.url("start").replace("start.svg", "sideways.svg")).status_code == 404
        assert client.get(figure.url("middle")).status_code == 404
        exercise.status = "draft"
        exercise.save()
        assert client.get(figure.url("start")).status_code == 404

    def test_a_pose_that_breaks_a_rule_is_refused_with_its_reason(self, catalogue):
        from django.core.exceptions import ValidationError

        from exercises.models import ExercisePose

        pose = ExercisePose(exercise=catalogue["exercises"]["row"], frame="start", base="prone", neck=45)
        with pytest.raises(ValidationError, match="should rest on the floor"):
            pose.full_clean()
        pose = ExercisePose(exercise=catalogue["exercises"]["row"], frame="start", knee=170)
        with pytest.raises(ValidationError) as error:
            pose.full_clean()
        assert "knee" in error.value.message_dict and "__all__" not in error.value.message_dict

    def test_the_database_refuses_an_angle_out_of_range(self, catalogue):
        from django.db import IntegrityError

        from exercises.models import ExercisePose

        with pytest.raises(IntegrityError):
            ExercisePose.objects.create(exercise=catalogue["exercises"]["row"], frame="start", elbow=200)

    def test_the_admin_groups_joints_and_previews_saved_frames(self, admin_client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        html = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
        for heading in ("Trunk and head", "Legs", "Arms", "Far side, only where it differs"):
            assert heading in html
        assert html.count('src="data:image/svg+xml;base64,') == 2
        # Two saved frames, and the blank one "Add another" copies.
        assert html.count('class="pose-preview" data-url="/admin/exercises/exercise/pose-preview/"') == 3
        assert "exercises/js/pose-preview.js" in html  # redraws as fields change

    def test_the_live_preview_draws_the_typed_pose_and_names_its_problems(self, admin_client, client, db):
        url = "/admin/exercises/exercise/pose-preview/"
        fine = admin_client.get(url, {"base": "standing", "view": "side", "hip": 80}).json()
        assert fine["svg"].startswith("<svg") and fine["problems"] == []
        through_floor = admin_client.get(url, {"base": "prone", "view": "side", "neck": 45}).json()
        assert through_floor["problems"] and "should rest on the floor" in through_floor["problems"][0]
        out_of_range = admin_client.get(url, {"base": "standing", "view": "side", "knee": 400}).json()
        assert out_of_range["svg"] == "" and out_of_range["problems"][0].startswith("Knee:")
        assert client.get(url, {"hip": 80}).status_code == 302  # staff only: to the login page

    def test_each_base_has_a_starting_pose_that_passes(self):
        from exercises.figures import BASE_DEFAULTS, Base

        assert set(BASE_DEFAULTS) == set(Base)
        for base, angles in BASE_DEFAULTS.items():
            assert problems(Pose(base=base, **angles)) == [], base

    def test_the_dashboard_lists_live_exercises_with_no_figure(self, catalogue):
        from core.dashboard import editorial_dashboard

        def missing():
            (row,) = [c for c in editorial_dashboard()["checks"] if c["label"] == "Exercises with no figure"]
            return row

        before = missing()
        add_figure(catalogue["exercises"]["row"])
        after = missing()
        assert after["count"] == before["count"] - 1
        assert "One-arm row" in {name for name, _ in before["items"]} - {name for name, _ in after["items"]}

    def test_catalogue_cards_show_the_start_figure(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        html = client.get("/exercises/").content.decode()
        assert html.count('class="card-figure"') == 1 and exercise.movement.start_url in html

    def test_the_contact_sheet_draws_every_figure_and_names_problems(self, catalogue, tmp_path):
        from django.core.management import call_command

        from exercises.models import ExercisePose

        add_figure(catalogue["exercises"]["row"])
        ExercisePose.objects.bulk_create(  # bulk, so the model's checks are skipped, as in a bad import
            [
                ExercisePose(exercise=catalogue["exercises"]["shrug"], frame="start", base="prone", neck=45),
                ExercisePose(exercise=catalogue["exercises"]["shrug"], frame="finish", base="prone"),
            ]
        )
        out = tmp_path / "sheet.html"
        call_command("figure_sheet", output=str(out), verbosity=0)
        sheet = out.read_text()
        assert sheet.count("<svg") == 4 and "2 exercises, 1 with problems" in sheet
        assert (
            "start: The shoulder should rest on the floor" in sheet or "start: The hip should rest" in sheet
        )
        assert "No figure yet (4)" in sheet and "Pull-up" in sheet and "Draft row" in sheet  # drafts too


def test_a_plank_rests_on_toes_and_hands():
    push_up = Pose(base=Base.PLANK, lean=72, shoulder=72, wrist=-70, ankle=-30)
    assert problems(push_up) == []
    knees_dropped = replace(push_up, lean=66, shoulder=66)  # hands no longer reach the floor
    assert any("near fingers should rest on the floor" in p for p in problems(knees_dropped))


def test_lying_figures_bear_on_what_stays_down():
    # Face down with the back arched (a superman): the chest lifts, the pelvis stays down.
    superman = Pose(base=Base.PRONE, spine=-25, shoulder=170, hip=-10, ankle=-50)
    figure = solve(superman)
    assert problems(superman) == [] and figure.points["shoulder"][1] > figure.points["hip"][1] + 6
    # Face up with the hips lifted (a bridge): shoulders and heels down, hips up.
    bridge = Pose(base=Base.SUPINE, lean=30, knee=100, hip=-20, neck=20)
    figure = solve(bridge)
    assert figure.points["hip"][1] > figure.points["shoulder"][1] + 10
    assert not any("heel" in p for p in problems(bridge))


@pytest.mark.django_db
class TestShareImage:
    def test_the_page_offers_its_figure_as_the_social_preview(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        html = client.get(exercise.get_absolute_url()).content.decode()
        share = movement_of(exercise).url("share")
        assert f'<meta property="og:image" content="http://testserver{share}">' in html
        assert '<meta property="og:image:alt" content="One-arm row, drawn at the start and the finish' in html
        assert 'content="summary_large_image"' in html

    def test_no_preview_without_a_figure(self, client, catalogue):
        html = client.get(catalogue["exercises"]["row"].get_absolute_url()).content.decode()
        assert 'property="og:image"' not in html

    def test_the_preview_is_a_cached_1200_by_630_png(self, client, catalogue, django_assert_max_num_queries):
        from io import BytesIO

        from PIL import Image

        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        url = movement_of(exercise).url("share")
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert "immutable" in response["Cache-Control"]
        picture = Image.open(BytesIO(response.content))
        assert picture.size == (1200, 630)
        # The figure is drawn, not a blank card: the body's dark tone covers part of it.
        dark = sum(picture.convert("L").histogram()[:100])
        assert dark > 1200 * 630 * 0.01
        with django_assert_max_num_queries(4):  # rendered once, then from the cache
            assert client.get(url).content == response.content
        assert client.get(url.replace(movement_of(exercise).version, "0000000000")).status_code == 302


@pytest.mark.django_db
class TestThumbnails:
    def test_search_results_show_the_start_figure(self, client, catalogue):
        exercise = catalogue["exercises"]["row"]
        add_figure(exercise)
        html = client.get("/search/", {"q": exercise.name}).content.decode()
        assert f'<img class="result-figure" src="{movement_of(exercise).start_url}"' in html


@pytest.mark.usefixtures("seeded_once")
@pytest.mark.django_db
class TestSeededFigures:
    """Every seeded exercise is drawn, each drawing passes the physical checks, and no two
    exercises look the same (the contact sheet, figure_sheet, is where they are judged by eye)."""

    def test_every_published_exercise_has_a_start_and_finish_that_differ(self):
        from exercises.models import Exercise

        exercises = Exercise.objects.published().prefetch_related(
            "poses", "equipment", "exercise_muscles__muscle"
        )
        assert exercises.count() >= 66
        pairs = {}
        for exercise in exercises:
            frames = {row.frame: row.as_pose() for row in exercise.poses.all()}
            assert {"start", "finish"} <= set(frames), exercise.slug
            assert frames["start"] != frames["finish"], exercise.slug
            pair = repr((frames["start"], frames["finish"]))
            assert pair not in pairs, f"{exercise.slug} is drawn exactly like {pairs.get(pair)}"
            pairs[pair] = exercise.slug

    def test_every_seeded_pose_passes_the_physical_checks(self):
        from exercises.models import ExercisePose

        found = {
            str(row): figures_problems
            for row in ExercisePose.objects.select_related("exercise")
            if (figures_problems := problems(row.as_pose()))
        }
        assert found == {}

    def test_every_exercise_page_shows_its_figure_and_preview(self, client):
        from exercises.models import Exercise

        for exercise in Exercise.objects.published()[:66:11]:  # a spread across the catalogue
            html = client.get(exercise.get_absolute_url()).content.decode()
            assert 'class="movement"' in html and 'property="og:image"' in html, exercise.slug

    def test_the_catalogue_shows_a_thumbnail_on_every_card(self, client):
        html = client.get("/exercises/").content.decode()
        assert html.count('class="card-figure"') == html.count('class="card"') > 0

    def test_every_figure_is_under_4_kb_compressed_and_served_compressed(self, client):
        import gzip

        from exercises.models import Exercise

        exercises = Exercise.objects.published().prefetch_related(
            "poses", "equipment", "exercise_muscles__muscle"
        )
        sizes = {e.slug: len(gzip.compress(e.movement.svg("start").encode())) for e in exercises}
        assert max(sizes.values()) < 4096, max(sizes.items(), key=lambda item: item[1])
        response = client.get(exercises[0].movement.start_url, headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"


class TestFrontAndBackViews:
    """One skeleton, seen from the side, the front or the back: arms move out to the sides
    (abduction), the elbow bends in the plane the shoulder's rotation chooses, the trunk
    bends sideways; the side view of a pose without them is unchanged."""

    def test_abduction_raises_the_arm_out_to_the_side_level_with_the_shoulder(self):
        figure = solve(Pose(view="back", abduction=90))
        shoulder, wrist = figure.near["shoulder_joint"], figure.near["wrist"]
        assert abs(wrist[1] - shoulder[1]) < 0.5  # level
        reach = (LENGTH["upper_arm"] + LENGTH["forearm"]) * 100
        assert wrist[0] - shoulder[0] == pytest.approx(reach, abs=0.5)  # straight out, near side right

    def test_the_front_view_mirrors_the_back_view(self):
        pose = Pose(abduction=40, far={"abduction": 10}, elevation=3)
        back, front = solve(replace(pose, view="back")), solve(replace(pose, view="front"))
        for side in ("near", "far"):
            for name in ("wrist", "knee", "shoulder_joint"):
                b, f = getattr(back, side)[name], getattr(front, side)[name]
                assert b[0] == pytest.approx(-f[0]) and b[1] == pytest.approx(f[1]), (side, name)
        assert back.near["wrist"][0] > back.far["wrist"][0]  # seen from behind, the right is right

    def test_without_the_new_angles_the_side_view_ignores_the_width_of_the_body(self):
        pose = Pose(hip=40, knee=20, shoulder=60, elbow=45)
        side = solve(pose)
        assert side.near["wrist"] == pytest.approx(side.far["wrist"])  # both arms in one plane
        assert side.near["shoulder_joint"] == pytest.approx(side.points["shoulder"])

    def test_rotation_chooses_where_a_bent_elbow_points_the_forearm(self):
        # Out to the side, elbow at a right angle: turned out (90) the forearm points up, as in
        # a wall angel or the top of a wide-grip pull-up; at 0 it points forward, out of the
        # back view's picture, so the wrist sits over the elbow.
        up = solve(Pose(view="back", abduction=90, rotation=90, elbow=90))
        forward = solve(Pose(view="back", abduction=90, rotation=0, elbow=90))
        assert up.near["wrist"][1] - up.near["elbow"][1] == pytest.approx(LENGTH["forearm"] * 100, abs=0.5)
        assert forward.near["wrist"] == pytest.approx(forward.near["elbow"], abs=0.5)

    def test_a_side_bend_tilts_the_shoulders_towards_that_side(self):
        figure = solve(Pose(view="back", side_bend=-30))
        assert figure.points["shoulder"][0] < figure.points["waist"][0] - 5  # to the far (left) side
        assert figure.near["shoulder_joint"][1] > figure.far["shoulder_joint"][1] + 5

    def test_a_shrug_lifts_the_shoulder_tips_and_not_the_base_of_the_neck(self):
        from exercises.figures import trunk_point

        still, shrug = solve(Pose(view="back")), solve(Pose(view="back", elevation=8))
        assert trunk_point(shrug, 0, 1.0) == pytest.approx(trunk_point(still, 0, 1.0))
        assert trunk_point(still, 10, 1.0)[1] - trunk_point(shrug, 10, 1.0)[1] == pytest.approx(
            8
        )  # SVG y is down

    def test_each_view_lights_the_muscles_it_can_see(self):
        back = svg(
            [Pose(view="back"), Pose(view="back", abduction=90)],
            primary=["rhomboids"],
            secondary=["pectorals"],
        )
        front = svg(
            [Pose(view="front"), Pose(view="front", abduction=90)],
            primary=["rhomboids"],
            secondary=["pectorals"],
        )
        assert back.count('class="fig-primary"') == 2 and 'class="fig-secondary"' not in back  # a pair
        assert front.count('class="fig-secondary"') == 2 and 'class="fig-primary"' not in front

    def test_frames_keep_the_same_shapes_so_they_can_move(self):
        poses = [Pose(view="back", abduction=10), Pose(view="back", abduction=90, elevation=4)]
        drawing = svg(poses, primary=["middle-trapezius"], equipment=["dumbbells"], animate=True)
        root = ET.fromstring(drawing)  # noqa: S314 (our own output)
        paths = root.findall("{http://www.w3.org/2000/svg}path")
        moving = [p for p in paths if p.find("{http://www.w3.org/2000/svg}animate") is not None]
        assert len(moving) > 10  # arms, hands, trunk, the muscle patch and the dumbbells move
        assert all(len(m[0].get("values").split(";")) == 3 for m in moving)

    def test_a_bent_over_back_view_looks_down_on_the_back_without_a_floor_line(self):
        bent = svg(
            [
                Pose(view="back", hip=85, knee=20, ankle=10),
                Pose(view="back", hip=85, knee=20, ankle=10, abduction=80),
            ]
        )
        upright = svg([Pose(view="back"), Pose(view="back", abduction=80)])
        assert "fig-floor" not in bent and "fig-floor" in upright

    def test_lying_figures_are_refused_a_front_or_back_view(self):
        found = problems(Pose(view="back", base="prone"))
        assert found and "side view" in found[0]
        assert problems(Pose(view="back", base="hanging", shoulder=0, abduction=150, rotation=90)) == []

    def test_the_words_say_which_way_the_figure_is_seen_and_what_the_arms_do(self):
        from exercises.figures import describe

        words = describe(Pose(view="back", abduction=90, side_bend=-20))
        assert (
            "seen from behind" in words and "arms out to the sides" in words and "bent to one side" in words
        )
        assert "crossed in front" in describe(Pose(view="back", shoulder=90, abduction=-30))


@pytest.mark.usefixtures("seeded_once")
@pytest.mark.django_db
class TestSeededViews:
    def test_the_moves_that_read_better_square_on_are_drawn_from_behind(self):
        from exercises.models import ExercisePose

        back = set(ExercisePose.objects.filter(view="back").values_list("exercise__slug", flat=True))
        assert {
            "barbell-shrug",
            "band-pull-apart",
            "i-y-t-raise",
            "wide-grip-pull-up",
            "standing-side-bend",
        } <= back
        for slug in back:  # every frame of an exercise is seen the same way
            assert set(ExercisePose.objects.filter(exercise__slug=slug).values_list("view", flat=True)) == {
                "back"
            }

    def test_hands_stay_on_a_fixed_bar_in_every_frame(self):
        """The pull-up bar (and an inverted row's low bar) is drawn where the start frame's
        hands hold it; in every later frame both hands (the near one, one arm at a time) are
        still on it, at the same width."""
        from exercises.figures import camera_angle
        from exercises.models import Exercise

        hanging = Exercise.objects.filter(poses__base="hanging").distinct().with_figures()
        assert hanging.count() >= 12
        for exercise in hanging:
            poses = exercise.movement.poses
            view, camera = poses[0].view, camera_angle(poses[0])
            first = solve(poses[0], view, camera)
            # One arm at a time (a single-arm inverted row): only the near hand holds the bar.
            sides = ("near",) if exercise.is_unilateral else ("near", "far")
            for pose in poses[1:]:
                figure = solve(pose, view, camera)
                for side in sides:
                    held, start = getattr(figure, side)["grip"], getattr(first, side)["grip"]
                    assert held == pytest.approx(start, abs=1.5), (exercise.slug, side)


@pytest.mark.django_db
class TestStoredFigureVersion:
    """Lists draw thumbnails from ``Exercise.figure`` (no poses loaded); whatever the figure is
    drawn from keeps it current."""

    def current(self, exercise):
        from exercises.models import Exercise

        fresh = Exercise.objects.with_figures().get(pk=exercise.pk)
        stored = Exercise.objects.get(pk=exercise.pk).figure
        return stored, (fresh.movement.version if fresh.movement.complete else "")

    def test_poses_muscles_and_equipment_keep_it_current(self, catalogue):
        from exercises.models import Equipment, ExerciseMuscle, ExercisePose, Muscle

        exercise = catalogue["exercises"]["row"]
        ExercisePose.objects.filter(exercise=exercise).delete()
        assert self.current(exercise) == ("", "")
        ExercisePose.objects.create(exercise=exercise, frame="start", hip=40)
        assert self.current(exercise) == ("", "")  # no finish yet: no figure
        finish = ExercisePose.objects.create(exercise=exercise, frame="finish", hip=40, shoulder=-30)
        stored, expected = self.current(exercise)
        assert stored == expected != ""
        history = {stored}
        finish.elbow = 90
        finish.save()
        muscle = Muscle.objects.exclude(exercises=exercise).first()
        ExerciseMuscle.objects.create(exercise=exercise, muscle=muscle, role="primary")
        exercise.equipment.add(Equipment.objects.exclude(exercises=exercise).first())
        for step in ("pose", "muscle", "equipment"):
            stored, expected = self.current(exercise)
            assert stored == expected, step
        history.add(stored)
        exercise.equipment.clear()
        history.add(self.current(exercise)[0])
        assert len(history) == 3 and self.current(exercise)[0] == self.current(exercise)[1]

    def test_the_thumbnail_reads_no_table_and_points_at_the_current_figure(
        self, client, catalogue, django_assert_num_queries
    ):
        from exercises.models import Exercise, ExercisePose

        for frame, hip in (("start", 40), ("finish", 60)):
            ExercisePose.objects.create(exercise=catalogue["exercises"]["row"], frame=frame, hip=hip)
        exercise = Exercise.objects.get(pk=catalogue["exercises"]["row"].pk)
        with django_assert_num_queries(0):
            url = exercise.thumbnail
        assert url == movement_of(exercise).start_url
        assert client.get(url).status_code == 200
