"""Issue 18's page features: stretched muscles, ladders, the safe-dose card and printable
sheet, red flags, review dates and sources, and corrections that reach seeded databases."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core import corrections
from exercises.models import Benefit, Exercise, ExerciseLink, ExerciseMuscle, Muscle, Reference
from exercises.tests.factories import make_exercise, make_muscle, make_region
from programs.volume import weekly_volume

pytestmark = pytest.mark.django_db

DOSE = {
    "rehab_hold": "20–30 seconds",
    "rehab_repetitions": "2–3 holds on each side",
    "rehab_frequency": "once or twice a day",
    "rehab_progression": "Reach a little further each week.",
    "rehab_stop": "Stop if you feel pins and needles.",
}


@pytest.fixture
def stretch():
    region = make_region("Middle back", slug="middle-back")
    chest = make_muscle("Chest", slug="pectorals", map_shape="pectorals")
    lats = make_muscle("Lats", slug="latissimus-dorsi", map_shape="latissimus-dorsi", regions=[region])
    doorway = make_exercise(
        "Doorway stretch",
        slug="doorway",
        stretched=[chest],
        kind="mobility",
        movement_pattern="stretch",
        **DOSE,
    )
    push_up = make_exercise("Push-up", slug="push-up", primary=[chest], movement_pattern="push")
    row = make_exercise("Row", slug="row", primary=[lats])
    return {"chest": chest, "lats": lats, "doorway": doorway, "push_up": push_up, "row": row}


def page(client, obj):
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


class TestStretchedRole:
    def test_the_map_outlines_a_stretched_muscle_and_says_so(self, client, stretch):
        html = page(client, stretch["doorway"])
        assert re.search(r'class="map-muscle is-stretched[^"]*" data-muscle="pectorals"', html)
        assert "Stretched, not worked: dashed outline" in html
        assert "Stretched (not loaded) muscle" in html  # in the facts

    def test_a_muscle_page_lists_stretches_apart_from_training(self, client, stretch):
        html = page(client, stretch["chest"])
        trains, stretches = html.split('id="stretches-heading"')
        assert "Push-up" in trains and "Doorway stretch" not in trains
        assert "Doorway stretch" in stretches and "do not count toward weekly sets" in stretches

    def test_the_catalogue_muscle_filter_counts_working_roles_only(self, client, stretch):
        response = client.get(reverse("exercises:exercise-list"), {"muscle": "pectorals"})
        assert [
            e.slug for e in Exercise.objects.in_bulk(response.context["page_obj"].object_list).values()
        ] == ["push-up"]

    def test_a_stretch_adds_no_weekly_sets(self, stretch):
        volume = weekly_volume([(stretch["doorway"], 3), (stretch["push_up"], 3)])
        assert volume.muscles[stretch["chest"]] == 3  # the push-up's sets only

    def test_a_pure_stretch_can_be_published(self, stretch):
        assert stretch["doorway"].publishing_problems() == []
        ExerciseMuscle.objects.filter(exercise=stretch["doorway"]).delete()
        assert "primary muscle" in stretch["doorway"].publishing_problems()[0]


class TestLadder:
    def test_links_step_down_and_up(self, client, stretch):
        row, push_up = stretch["row"], stretch["push_up"]
        ExerciseLink.objects.create(from_exercise=row, to_exercise=push_up, link_type="progression")
        html = page(client, row)
        ladder = html[html.index('id="ladder-title"') :]
        assert re.search(r"Step up</dt><dd><a href=\"/exercises/push-up/\">Push-up</a>", ladder)
        assert "Step down</dt><dd>Not linked yet." in ladder

    def test_a_first_and_last_step_say_so(self, client, stretch):
        Exercise.objects.filter(pk=stretch["row"].pk).update(no_easier=True, no_harder=True)
        html = page(client, stretch["row"])
        assert "None: this is the first step." in html and "None: this is the last step." in html


class TestSafeDoseCard:
    def test_a_move_with_a_dose_shows_the_card_instead_of_how_much(self, client, stretch):
        html = page(client, stretch["doorway"])
        assert "How to do it safely" in html and 'id="how-much-title"' not in html
        for value in ("20–30 seconds", "once or twice a day", "Stop if you feel pins and needles."):
            assert value in html
        assert f"{reverse('exercises:rehab-sheet')}?move=doorway" in html

    def test_without_every_field_the_how_much_block_stays(self, client, stretch):
        Exercise.objects.filter(pk=stretch["doorway"].pk).update(rehab_stop="")
        html = page(client, stretch["doorway"])
        assert "How to do it safely" not in html and 'id="how-much-title"' in html


class TestRehabSheet:
    URL = reverse("exercises:rehab-sheet")

    def test_the_sheet_has_blank_boxes_and_the_usual_dose(self, client, stretch):
        html = client.get(self.URL, {"move": "doorway"}).content.decode()
        assert html.count('class="sheet-move"') == 1
        blank = '<span class="fill"><span class="visually-hidden">blank</span></span>'
        assert f"Hold {blank} seconds, repeat {blank} times, {blank} times a day or week." in html
        assert "Our usual dose. Hold: 20–30 seconds." in html
        # the warning signs are printed on the sheet itself, and the page has one disclaimer
        assert 'id="sheet-red-flags-title"' in html
        assert html.count("not medical advice") == 1
        assert 'name="move" value="doorway" id="move-doorway" checked' in html

    def test_without_moves_it_offers_the_form(self, client, stretch):
        html = client.get(self.URL).content.decode()
        assert 'class="sheet-move"' not in html and 'value="doorway"' in html
        assert 'value="row"' not in html  # strength moves have no safe-dose card

    @pytest.mark.parametrize(
        "query",
        ["move=nope", "move=%ff%00", "move=row", "move=" + "x" * 5000, "move=doorway&move=doorway", "move="],
    )
    def test_bad_input_is_a_page_with_a_note(self, client, stretch, query):
        response = client.get(f"{self.URL}?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        assert "\x00" not in html and "x" * 100 not in html
        assert html.count('class="sheet-move"') <= 1

    def test_a_sheet_holds_one_page_of_moves(self, client, stretch, django_assert_max_num_queries):
        for n in range(8):
            make_exercise(
                f"Stretch {n}", slug=f"stretch-{n}", stretched=[stretch["chest"]], kind="mobility", **DOSE
            )
        query = "&".join(f"move=stretch-{n}" for n in range(8))
        with django_assert_max_num_queries(4):
            html = client.get(f"{self.URL}?{query}").content.decode()
        assert html.count('class="sheet-move"') == 6
        assert "2 more were left out: Stretch 6, Stretch 7" in html


class TestRedFlagsAndReview:
    def test_red_flags_show_where_they_are_ticked(self, client, stretch):
        from articles.models import Question

        question = Question.objects.create(
            question="Can I train a sore back?",
            slug="sore-back",
            answer="Gently.",
            topic="technique",
            status="published",
            published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )
        faq = reverse("articles:faq")
        assert "When back pain needs a doctor first" not in client.get(faq).content.decode()
        Question.objects.filter(pk=question.pk).update(red_flags=True)
        from core.pagecache import bump

        bump()
        html = client.get(faq).content.decode()
        assert "When back pain needs a doctor first" in html and "bladder or bowels" in html

    def test_a_goal_with_red_flags_lists_them(self, client, db):
        Benefit.objects.create(
            name="Back pain relief", slug="back-pain-relief", summary="Less pain.", red_flags=True
        )
        assert (
            "When back pain needs a doctor first" in client.get(reverse("articles:benefits")).content.decode()
        )

    def test_muscle_pages_cite_their_sources_and_review_date(self, client, stretch):
        chest = stretch["chest"]
        gray = Reference.objects.create(key="gray", authors="Standring S", year=2020, title="Gray's Anatomy")
        chest.references.add(gray)
        Muscle.objects.filter(pk=chest.pk).update(reviewed_on=datetime.date(2026, 12, 5))
        html = page(client, chest)
        assert "<cite>Gray&#x27;s Anatomy</cite>." in html
        assert 'Last reviewed <time datetime="2026-12-05">5 December 2026</time>' in html

    def test_a_title_ending_in_a_question_mark_takes_no_full_stop(self, client, stretch):
        ref = Reference.objects.create(
            key="q", authors="Friedrich C", title="How balanced is your back training?"
        )
        stretch["row"].references.add(ref)
        html = page(client, stretch["row"])
        assert "<cite>How balanced is your back training?</cite>" in html and "training?</cite>." not in html

    def test_the_about_page_states_the_policy_and_licences(self, client, db):
        html = client.get(reverse("about")).content.decode()
        for words in (
            'What "reviewed" means here',
            "Report an error",
            "Review cycle",
            "CC BY-SA 4.0",
            "BSD 3-Clause",
        ):
            assert words.replace('"', "&quot;") in html or words in html
        footer = client.get(reverse("home")).content.decode()
        assert 'href="/about/"' in footer and "CC BY-SA 4.0" in footer
        licence = (Path(settings.BASE_DIR) / "LICENSE").read_text()
        assert licence.startswith("BSD 3-Clause License") and "CC BY-SA 4.0" in licence


class TestCorrections:
    """Seeded text corrected by a release reaches old databases, never over an editor's."""

    def write(self, tmp_path, entries):
        path = tmp_path / "corrections.json"
        path.write_text(json.dumps(entries))
        return path

    def test_only_rows_still_holding_the_old_value_change(self, tmp_path, stretch):
        Exercise.objects.filter(slug="push-up").update(summary="Edited by an editor.")
        path = self.write(
            tmp_path,
            [
                {
                    "model": "exercises.exercise",
                    "key": ["row"],
                    "field": "summary",
                    "old": "What Row trains.",
                    "new": "Better words.",
                },
                {
                    "model": "exercises.exercise",
                    "key": ["push-up"],
                    "field": "summary",
                    "old": "What Push-up trains.",
                    "new": "Better words.",
                },
                {
                    "model": "exercises.exercisemuscle",
                    "key": ["doorway", "pectorals"],
                    "field": "role",
                    "old": "stretched",
                    "new": "secondary",
                },
            ],
        )
        assert corrections.apply(path) == 2
        assert Exercise.objects.get(slug="row").summary == "Better words."
        assert Exercise.objects.get(slug="push-up").summary == "Edited by an editor."
        assert ExerciseMuscle.objects.get(exercise__slug="doorway").role == "secondary"
        assert corrections.apply(path) == 0  # twice changes nothing

    def test_many_to_many_and_guarded_deletes(self, tmp_path, stretch):
        row = stretch["row"]
        path = self.write(
            tmp_path,
            [
                {
                    "model": "exercises.exercise",
                    "key": ["row"],
                    "field": "goals",
                    "old": [],
                    "new": [["posture"]],
                },
                {
                    "model": "exercises.exercisemuscle",
                    "key": ["row", "latissimus-dorsi"],
                    "delete": True,
                    "fields": {"exercise": ["row"], "muscle": ["latissimus-dorsi"], "role": "secondary"},
                },
                {
                    "model": "exercises.exercisemuscle",
                    "key": ["push-up", "pectorals"],
                    "delete": True,
                    "fields": {"exercise": ["push-up"], "muscle": ["pectorals"], "role": "primary"},
                },
            ],
        )
        Benefit.objects.create(name="Posture", slug="posture", summary="Stand tall.")
        assert corrections.apply(path) == 2
        assert list(row.goals.values_list("slug", flat=True)) == ["posture"]
        assert ExerciseMuscle.objects.filter(exercise=row).exists()  # its role was not the old one
        assert not ExerciseMuscle.objects.filter(exercise__slug="push-up").exists()

    def test_a_missing_file_or_row_changes_nothing(self, tmp_path, db):
        assert corrections.apply(tmp_path / "none.json") == 0
        path = self.write(
            tmp_path,
            [{"model": "exercises.exercise", "key": ["gone"], "field": "name", "old": "a", "new": "b"}],
        )
        assert corrections.apply(path) == 0


def test_every_fixture_row_is_found_by_its_correction_key(seeded, settings):
    """The apps' seed_keys name each seeded model's natural key: every row of every fixture is
    found again by it (a correction for it would reach its row)."""
    from django.apps import apps

    checked = 0
    for path in sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.json")):
        if path.name == "corrections.json":
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            model = apps.get_model(item["model"])
            obj = model._default_manager.get_by_natural_key(*corrections.fixture_key(item))
            assert list(obj.natural_key()) == corrections.fixture_key(item)
            checked += 1
    assert checked > 1500
