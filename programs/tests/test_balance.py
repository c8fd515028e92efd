"""The balance check's arithmetic on the seed content, worked by hand, and its sets boxes.

Where each seeded muscle trains (fixtures/muscles.json, migration 0021): upper back for the
trapezius, upper trapezius, rhomboids, levator scapulae, infraspinatus and rear deltoid;
middle back for the middle and lower trapezius, lats and teres major; lower back for the
erector spinae and quadratus lumborum. A set counts toward each region where a primary muscle
of its exercise trains, and toward exactly one movement.
"""

import importlib
import random

import pytest
from django.apps import apps

from exercises.models import BodyRegion, Exercise, Muscle
from exercises.tests import factories

URL = "/balance/"


def week(client, sets, **extra):
    """The balance page for {exercise slug: sets a week}, each in its own box."""
    query = {"exercise": list(sets), **{f"sets-{slug}": str(n) for slug, n in sets.items()}, **extra}
    return client.get(URL, query)


def table(rows):
    return {row["label"]: row["value"] for row in rows}


def short(rows):
    return [row["label"] for row in rows if row["short"]]


def gaps(response):
    return [gap["label"] for gap in response.context["gaps"]]


@pytest.mark.django_db
class TestHandWorked:
    seeded = factories.seeded_per_class

    def test_pull_up_and_lat_pulldown_train_no_lower_back(self, client, seeded):
        # The case. Both have one primary muscle, the lats (middle back); their
        # secondary muscles count toward no region. 3 + 3 = 6 sets, all vertical pulls.
        response = week(client, {"pull-up": 3, "lat-pulldown": 3})
        context = response.context
        assert table(context["region_rows"]) == {"Upper back": 0, "Middle back": 6, "Lower back": 0}
        assert table(context["pattern_rows"]) == {
            "Vertical pull": 6,
            "Horizontal pull": 0,
            "Hinge and extension": 0,
            "Scapular control": 0,
            "Mobility": 0,
        }
        # The lower back and the hinge are gaps in both tables, and so in the list.
        assert short(context["region_rows"]) == ["Upper back", "Lower back"]
        assert short(context["pattern_rows"]) == [
            "Horizontal pull",
            "Hinge and extension",
            "Scapular control",
            "Mobility",
        ]
        assert gaps(response) == short(context["region_rows"]) + short(context["pattern_rows"])
        assert context["volume"].total_sets == 6 and context["volume"].region_total == 6
        assert context["region_sum"] == "6"
        html = response.content.decode()
        assert "Each of your 6 sets counts toward one region, so the regions add up to 6." in html
        assert "<strong>Lower back</strong> (back region): 0 sets a week; aim for at least 4." in html
        assert "<strong>Hinge and extension</strong> (movement): 0 sets a week; aim for at least 3." in html
        lower = next(g for g in context["gaps"] if g["label"] == "Lower back")
        lower_back = BodyRegion.objects.get(slug="lower-back")
        assert lower["suggestions"] and all(
            e.exercise_muscles.filter(role="primary", muscle__training_region=lower_back).exists()
            for e in lower["suggestions"]
        )

    def test_deadlift_back_extension_and_a_row(self, client, seeded):
        # Deadlift 4: erector spinae, glutes, hamstrings -> lower back; a hinge.
        # Back extension 3: erector spinae -> lower back; an extension (hinge and extension).
        # Barbell bent-over row 2: lats and middle trapezius (middle), rhomboids (upper) -> both.
        response = week(client, {"deadlift": 4, "back-extension": 3, "barbell-bent-over-row": 2})
        context = response.context
        assert table(context["region_rows"]) == {"Upper back": 2, "Middle back": 2, "Lower back": 7}
        assert table(context["pattern_rows"])["Hinge and extension"] == 7
        assert table(context["pattern_rows"])["Horizontal pull"] == 2
        assert sum(table(context["pattern_rows"]).values()) == context["volume"].total_sets == 9
        # 7 sets count toward one region and 2 toward two: 7 + 2 x 2 = 11.
        assert [(p["label"], p["sets"]) for p in context["spread"]] == [("one region", 7), ("two regions", 2)]
        assert context["region_sum"] == "7 + 2 × 2 = 11"
        assert gaps(response) == [
            "Upper back",
            "Middle back",
            "Vertical pull",
            "Horizontal pull",
            "Scapular control",
            "Mobility",
        ]
        assert (
            "Of your 9 sets, 7 count toward one region and 2 toward two regions" in response.content.decode()
        )
        rows = {row["exercise"].slug: row for row in context["week"]}
        assert rows["barbell-bent-over-row"]["regions"] == ["Upper back", "Middle back"]
        assert rows["deadlift"]["regions"] == ["Lower back"] and rows["deadlift"]["sets"] == 4

    def test_sets_toward_two_regions_none_and_other_movements(self, client, seeded):
        # Face pull 5: rear deltoid (upper) and middle trapezius (middle) -> two regions.
        # Sumo deadlift 2: glutes, quadriceps, hamstrings lead (erector spinae only assists)
        #   -> no region, but a hinge.
        # Push-up 3: chest, triceps, front deltoid -> no region; a push ("Other").
        # Bird dog 1: erector spinae (lower), glutes, abdominals -> lower back; stability ("Other").
        response = week(client, {"face-pull": 5, "sumo-deadlift": 2, "push-up": 3, "bird-dog": 1})
        context = response.context
        assert table(context["region_rows"]) == {"Upper back": 5, "Middle back": 5, "Lower back": 1}
        assert table(context["pattern_rows"]) == {
            "Vertical pull": 0,
            "Horizontal pull": 5,
            "Hinge and extension": 2,
            "Scapular control": 0,
            "Mobility": 0,
            "Other": 4,
        }
        assert sum(table(context["pattern_rows"]).values()) == 11 == context["volume"].total_sets
        # 5 sets toward no region, 1 toward one, 5 toward two: 1 + 2 x 5 = 11.
        assert dict(context["volume"].spread) == {0: 5, 1: 1, 2: 5}
        assert context["region_sum"] == "1 + 2 × 5 = 11"
        other = context["pattern_rows"][-1]
        assert other["aim"] is None and not other["short"]
        # The hinge aim is 3 and the sumo deadlift gives 2; the lower back gets only the bird dog.
        assert gaps(response) == [
            "Lower back",
            "Vertical pull",
            "Hinge and extension",
            "Scapular control",
            "Mobility",
        ]
        rows = {row["exercise"].slug: row for row in context["week"]}
        assert (
            rows["sumo-deadlift"]["regions"] == []
            and rows["sumo-deadlift"]["movement"] == "Hinge and extension"
        )
        html = response.content.decode()
        assert "none: its primary muscles are outside the back" in html
        assert (
            "Of your 11 sets, 5 count toward no region, 1 toward one region and 5 toward two regions" in html
        )

    def test_a_program_week_adds_up(self, client, seeded):
        context = client.get(URL, {"program": "balanced-back-session"}).context
        self.assert_adds_up(context)

    @pytest.mark.parametrize("seed", range(12))
    def test_any_week_adds_up_and_its_gaps_match_both_tables(self, client, seeded, seed):
        rng = random.Random(seed)
        slugs = sorted(Exercise.objects.published().values_list("slug", flat=True))
        chosen = {slug: rng.randint(1, 10) for slug in rng.sample(slugs, rng.randint(1, 8))}
        context = week(client, chosen).context
        assert context["volume"].total_sets == sum(chosen.values())
        self.assert_adds_up(context)

    @staticmethod
    def assert_adds_up(context):
        volume, week_rows = context["volume"], context["week"]
        patterns, regions = context["pattern_rows"], context["region_rows"]
        # Movements: every set once.
        assert sum(row["value"] for row in patterns) == volume.total_sets == sum(r["sets"] for r in week_rows)
        # Regions: each set once per region it counts toward.
        assert sum(row["value"] for row in regions) == sum(n * sets for n, sets in volume.spread.items())
        assert sum(volume.spread.values()) == volume.total_sets
        for row in regions:
            assert row["value"] == sum(r["sets"] for r in week_rows if row["label"] in r["regions"])
        for row in patterns:
            assert row["value"] == sum(r["sets"] for r in week_rows if r["movement"] == row["label"])
        # The gap list is the short rows of both tables, nothing more.
        assert [g["label"] for g in context["gaps"]] == [
            row["label"] for row in regions + patterns if row["short"]
        ]
        assert all(
            row["short"] == (row["aim"] is not None and row["value"] < row["aim"])
            for row in regions + patterns
        )

    def test_the_rule_is_on_the_page(self, client, seeded):
        html = client.get(URL).content.decode()
        assert "How the check counts" in html
        assert (
            "<strong>Middle back</strong>: Middle trapezius, Lower trapezius, Latissimus dorsi, Teres major"
            in html
        )
        assert "<strong>Lower back</strong>: Erector spinae, Quadratus lumborum</li>" in html
        assert "so each set of a row counts toward both regions" in html

    def test_the_rule_follows_the_data(self, client, seeded):
        Muscle.objects.filter(slug="quadratus-lumborum").update(training_region=None)
        html = client.get(URL).content.decode()
        assert "<strong>Lower back</strong>: Erector spinae</li>" in html


@pytest.mark.django_db
class TestSetsBoxes:
    seeded = factories.seeded_per_class

    def test_each_ticked_exercise_has_its_own_sets(self, client, seeded):
        response = week(client, {"pull-up": 5, "deadlift": 2})
        assert [(row["exercise"].slug, row["sets"]) for row in response.context["week"]] == [
            ("pull-up", 5),
            ("deadlift", 2),
        ]
        html = response.content.decode()
        # A labelled number box beside each ticked exercise, holding what was counted.
        assert '<input type="number" id="sets-pull-up" name="sets-pull-up" value="5" min="1" max="10"' in html
        assert (
            '<label for="sets-pull-up"><span class="visually-hidden">Pull-up: </span>sets a week</label>'
            in html
        )
        assert 'id="sets-lat-pulldown"' not in html  # not ticked, no box

    def test_a_ticked_exercise_without_a_box_counts_three(self, client, seeded):
        response = client.get(URL, {"exercise": ["pull-up", "deadlift"], "sets-deadlift": "6"})
        assert [row["sets"] for row in response.context["week"]] == [3, 6]
        assert 'id="sets-pull-up" name="sets-pull-up" value="3"' in response.content.decode()

    def test_an_older_address_with_one_number_for_all_still_works(self, client, seeded):
        response = client.get(URL, {"exercise": ["pull-up", "deadlift"], "sets": "4", "sets-deadlift": "2"})
        assert [row["sets"] for row in response.context["week"]] == [4, 2]

    def test_sets_of_an_exercise_not_ticked_are_ignored(self, client, seeded):
        response = client.get(URL, {"exercise": "pull-up", "sets-deadlift": "5"})
        assert [row["exercise"].slug for row in response.context["week"]] == ["pull-up"]
        assert not response.context["bad_sets"]

    @pytest.mark.parametrize("typed", ["abc", "0", "11", "2.5", "-1", "1e3", "9" * 5000, "3\x00", " ", ""])
    def test_a_bad_sets_value_counts_three_and_says_so(self, client, seeded, typed):
        response = client.get(
            URL, {"exercise": ["pull-up", "deadlift"], "sets-pull-up": typed, "sets-deadlift": "2"}
        )
        assert response.status_code == 200
        assert [row["sets"] for row in response.context["week"]] == [3, 2]
        html = response.content.decode()
        if typed:
            assert [bad["field"] for bad in response.context["bad_sets"]] == ["sets-pull-up"]
            assert "Sets are whole numbers from 1 to 10." in html
            assert '<li><a href="#sets-pull-up">Pull-up</a>: “' in html and "” counted as 3</li>" in html
        else:  # an empty box is the default, not a mistake
            assert not response.context["bad_sets"]

    def test_a_bad_value_falls_back_to_the_older_addresses_number(self, client, seeded):
        response = client.get(URL, {"exercise": "pull-up", "sets": "5", "sets-pull-up": "many"})
        assert response.context["week"][0]["sets"] == 5
        assert "counted as 5" in response.content.decode()

    def test_the_page_cache_keeps_the_sets_and_drops_look_alikes(self, client, seeded, settings):
        settings.PAGE_CACHE = True
        response = client.get(URL, {"exercise": "pull-up", "sets-pull-up": "7"})
        assert response.status_code == 200 and response.context["week"][0]["sets"] == 7
        response = client.get(URL, {"exercise": "pull-up", "setspull-up": "7"})
        assert response.status_code == 301 and response["Location"] == "/balance/?exercise=pull-up"

    def test_budget_with_sets(self, client, seeded, django_assert_max_num_queries):
        client.get(URL)  # the most-used ranking is cached, as on a live site
        with django_assert_max_num_queries(6):
            week(client, {"pull-up": 4, "deadlift": 2, "face-pull": 3})


@pytest.mark.django_db
def test_the_data_migration_keeps_what_an_editor_chose(seeded):
    migration = importlib.import_module("exercises.migrations.0021_muscle_training_region")
    middle = BodyRegion.objects.get(slug="middle-back")
    Muscle.objects.filter(slug="rhomboids").update(training_region=middle)  # an editor's choice
    Muscle.objects.filter(slug="latissimus-dorsi").update(training_region=None)
    migration.backwards(apps, None)  # clears only the values the migration sets
    assert list(Muscle.objects.exclude(training_region=None).values_list("slug", flat=True)) == ["rhomboids"]
    migration.forwards(apps, None)  # fills only muscles without a region
    trained = dict(Muscle.objects.exclude(training_region=None).values_list("slug", "training_region__slug"))
    assert trained["rhomboids"] == "middle-back"
    assert trained["latissimus-dorsi"] == "middle-back" and trained["teres-major"] == "middle-back"
    assert trained["erector-spinae"] == "lower-back" and trained["quadratus-lumborum"] == "lower-back"
    assert len(trained) == 12
