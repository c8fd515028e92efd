"""Swaps on a program page: never a second copy of an exercise in a session, notes that stay
with the exercise they were written for, an equipment form limited to what the plan and its
swaps use, and the printed log."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Exercise, ExerciseLink
from exercises.tests import factories
from exercises.tests.factories import make_equipment, make_exercise, make_muscle
from programs.models import Phase, Prescription, ProgramSession, ProgramTemplate
from programs.substitutes import session_swaps

BEGINNER = "beginner-4-week-back-plan"
HANDLE_NOTE = "Sit tall and pull the handle to your lower ribs."


def rows_of(response):
    """(session, rows) for every session on a program page, from its context."""
    return [
        (part["session"], part["rows"]) for block in response.context["phases"] for part in block["sessions"]
    ]


def make_plan(slug, sessions, *, weeks=(1, 2), notes=None):
    """A published one-phase program; ``sessions`` lists each session's exercises in order."""
    program = ProgramTemplate.objects.create(
        name=f"Plan {slug}",
        slug=slug,
        level="beginner",
        summary="A plan.",
        duration_weeks=weeks[1],
        sessions_per_week=max(1, len(sessions)),
        session_minutes=30,
        status="published",
    )
    phase = Phase.objects.create(program=program, week_start=weeks[0], week_end=weeks[1])
    for position, exercises in enumerate(sessions, start=1):
        session = ProgramSession.objects.create(phase=phase, name=f"Day {position}", position=position)
        for n, exercise in enumerate(exercises, start=1):
            Prescription.objects.create(
                session=session,
                exercise=exercise,
                position=n,
                sets=n + 1,
                reps_min=8,
                notes=(notes or {}).get(exercise.slug, ""),
            )
    return program


@pytest.fixture
def gym(db):
    """A cable row whose only dumbbell swap is the dumbbell row, plus a band row and a pulldown."""
    lats = make_muscle("Lats", slug="lats")
    kit = {
        slug: make_equipment(name, slug=slug)
        for slug, name in [
            ("cable", "Cable station"),
            ("dumbbells", "Dumbbells"),
            ("band", "Resistance band"),
            ("machine", "Pulldown machine"),
            ("bar", "Pull-up bar"),
            ("kettlebell", "Kettlebell"),
        ]
    }
    made = {
        "cable_row": make_exercise("Cable row", slug="cable-row", primary=[lats], equipment=[kit["cable"]]),
        "db_row": make_exercise("Dumbbell row", slug="db-row", primary=[lats], equipment=[kit["dumbbells"]]),
        "band_row": make_exercise("Band row", slug="band-row", primary=[lats], equipment=[kit["band"]]),
        "pulldown": make_exercise(
            "Pulldown",
            slug="pulldown",
            primary=[lats],
            equipment=[kit["machine"]],
            movement_pattern="vertical-pull",
        ),
        "pull_up": make_exercise(
            "Pull-up",
            slug="pull-up",
            primary=[lats],
            equipment=[kit["bar"]],
            movement_pattern="vertical-pull",
        ),
        "superman": make_exercise("Superman", slug="superman", primary=[lats], movement_pattern="extension"),
    }
    link = ExerciseLink.objects.create
    link(from_exercise=made["cable_row"], to_exercise=made["db_row"], link_type="variation")
    link(from_exercise=made["band_row"], to_exercise=made["cable_row"], link_type="alternative")
    link(from_exercise=made["pulldown"], to_exercise=made["pull_up"], link_type="alternative")
    link(from_exercise=made["pulldown"], to_exercise=made["db_row"], link_type="alternative")
    made["kit"] = kit
    made["links"] = list(ExerciseLink.objects.values_list("pk", flat=True))
    return made


def prefetched(*exercises):
    found = Exercise.objects.prefetch_related(
        "equipment", "links__to_exercise__equipment", "incoming_links__from_exercise__equipment"
    ).in_bulk([e.pk for e in exercises])
    return [found[e.pk] for e in exercises]


class TestSessionSwaps:
    def test_a_swap_never_repeats_an_exercise_the_session_holds(self, gym):
        cable_row, db_row = prefetched(gym["cable_row"], gym["db_row"])
        # Alone, the cable row becomes the dumbbell row (its closest relation that fits).
        [alone] = session_swaps([cable_row], {"dumbbells"})
        assert alone.substitute == db_row and alone.done == db_row
        # Beside the dumbbell row, that swap would repeat it: nothing else fits, so it stays.
        swap, kept = session_swaps([cable_row, db_row], {"dumbbells"})
        assert kept.fits and kept.substitute is None
        assert not swap.fits and swap.substitute is None and swap.done == cable_row
        assert swap.already_in_session == [db_row]

    def test_the_next_closest_swap_is_taken_instead(self, gym):
        cable_row, db_row, band_row = prefetched(gym["cable_row"], gym["db_row"], gym["band_row"])
        swap, _kept = session_swaps([cable_row, db_row], {"dumbbells", "band"})
        assert swap.substitute == band_row  # the variation is taken, so the alternative comes in

    def test_two_rows_never_get_the_same_swap(self, gym):
        cable_row, pulldown = prefetched(gym["cable_row"], gym["pulldown"])
        first, second = session_swaps([cable_row, pulldown], {"dumbbells"})
        assert first.substitute == gym["db_row"]
        assert second.substitute is None and second.already_in_session == [gym["db_row"]]
        first, second = session_swaps([cable_row, pulldown], {"dumbbells", "bar"})
        assert (first.substitute, second.substitute) == (gym["db_row"], gym["pull_up"])


class TestProgramPageSwaps:
    def test_a_swapped_row_names_both_exercises_and_drops_the_old_note(self, client, gym):
        program = make_plan(
            "p",
            [[gym["cable_row"], gym["superman"]]],
            notes={"cable-row": "Pull the handle to your ribs.", "superman": "Lift only a little."},
        )
        html = client.get(
            program.get_absolute_url(), {"substitute": "1", "have": "dumbbells"}
        ).content.decode()
        assert re.search(
            r'<a href="/exercises/db-row/">Dumbbell row</a>\s*<span class="swap">Swapped in for '
            r'<a href="/exercises/cable-row/">Cable row</a>',
            html,
        )
        assert "Pull the handle" not in html  # the note was about the cable row's set-up
        assert "The plan’s note was written for Cable row, so it is left out." in html
        assert "Lift only a little." in html  # a row that is not swapped keeps its note
        plain = client.get(program.get_absolute_url()).content.decode()
        assert "Pull the handle to your ribs." in plain and "Swapped in for" not in plain

    def test_no_swap_without_a_repeat_says_so_and_keeps_the_row(self, client, gym):
        program = make_plan(
            "p", [[gym["cable_row"], gym["db_row"]]], notes={"cable-row": "Pull the handle to your ribs."}
        )
        response = client.get(program.get_absolute_url(), {"substitute": "1", "have": "dumbbells"})
        [(_session, rows)] = rows_of(response)
        assert [row["swap"].done.slug for row in rows] == ["cable-row", "db-row"]
        html = response.content.decode()
        assert (
            'no swap fits your equipment without repeating <a href="/exercises/db-row/">Dumbbell row</a>, '
            "already in this session" in html
        )
        assert "Pull the handle to your ribs." in html  # still the cable row, so its note still applies

    def test_the_chart_counts_the_exercise_swapped_in(self, client, gym):
        back = make_muscle("Erectors", slug="erectors")
        gym["band_row"].exercise_muscles.create(muscle=back, role="primary")
        program = make_plan("p", [[gym["cable_row"]]])
        response = client.get(program.get_absolute_url(), {"substitute": "1", "have": "band"})
        chart = {row["label"]: row["value"] for row in response.context["phases"][0]["chart"]}
        assert chart == {"Lats": 2, "Erectors": 2}  # the band row's 2 sets, not the cable row's muscles
        plain = client.get(program.get_absolute_url()).context["phases"][0]["chart"]
        assert {row["label"]: row["value"] for row in plain} == {"Lats": 2}

    def test_the_form_lists_the_plans_equipment_then_what_its_swaps_use(self, client, gym):
        program = make_plan("p", [[gym["cable_row"], gym["superman"]]])
        html = client.get(program.get_absolute_url()).content.decode()

        def ticks(legend):
            group = html[html.index(f"<legend>{legend}</legend>") :].split("</fieldset>")[0]
            return re.findall(r'name="have" value="([^"]+)"', group)

        assert ticks("Equipment this plan uses") == ["cable"]
        assert ticks("Equipment its swaps can use") == ["dumbbells", "band"]  # Dumbbells, Resistance band
        assert html.count('name="have"') == 3  # not the kettlebell, bar or machine nothing here can use

    def test_a_plan_that_needs_nothing_offers_no_swap_form(self, client, gym):
        program = make_plan("p", [[gym["superman"]]])
        html = client.get(program.get_absolute_url()).content.decode()
        assert "Find swaps" not in html and 'name="have"' not in html

    def test_the_log_has_a_box_per_set_and_a_line_per_week(self, client, gym):
        program = make_plan("p", [[gym["superman"], gym["cable_row"]]], weeks=(3, 5))
        html = client.get(program.get_absolute_url()).content.decode()
        table = html[html.index('<table class="plan">') : html.index("</table>")]
        # Superman has 2 sets and the cable row 3: 3 set columns, one box blanked out.
        assert re.findall(r'<th scope="col" class="log-cell">([^<]+)</th>', table) == [
            "Set 1",
            "Set 2",
            "Set 3",
        ]
        assert (
            table.count('<td class="log-cell">') == 5 and table.count('<td class="log-cell log-none">') == 1
        )
        assert table.count('<span class="log-line">Wk 3</span>') == 5
        assert table.count('<span class="log-line">Wk 5</span>') == 5
        assert table.count('class="log-line"') == 15
        assert html.count('class="print-only log-hint"') == 1

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        query=st.lists(
            st.tuples(st.sampled_from(["substitute", "have", "x"]), st.text(max_size=40)),
            max_size=8,
        )
    )
    def test_any_equipment_value_is_a_page(self, client, gym, query):
        if not ProgramTemplate.objects.filter(slug="p").exists():
            make_plan("p", [[gym["cable_row"], gym["db_row"]]])
        response = client.get("/programs/p/", query)
        assert response.status_code == 200


NAMES = ["cable_row", "db_row", "band_row", "pulldown", "pull_up", "superman"]
SWAP_LINKS = ["variation", "alternative", "regression", "progression"]


def swappable_with(exercise):
    """The pks of the exercises a variation or alternative link joins to ``exercise``."""
    links = ExerciseLink.objects.filter(link_type__in=SWAP_LINKS)
    return set(links.filter(from_exercise=exercise).values_list("to_exercise", flat=True)) | set(
        links.filter(to_exercise=exercise).values_list("from_exercise", flat=True)
    )


def fits(exercise, have):
    return {e.slug for e in exercise.equipment.all()} <= have


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sessions=st.lists(st.lists(st.sampled_from(NAMES), max_size=5, unique=True), min_size=1, max_size=3),
    have=st.sets(st.sampled_from(["cable", "dumbbells", "band", "machine", "bar", "kettlebell"])),
    links=st.lists(
        st.tuples(
            st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from([*SWAP_LINKS, "progression"])
        ),
        max_size=6,
    ),
)
def test_generated_plans_never_hold_an_exercise_twice_in_a_session(client, gym, sessions, have, links):
    """Any plan, links and equipment: each session's exercises stay distinct, every swap is a
    related exercise that fits, and a row keeps its exercise only when every related exercise
    that fits is already in its session."""
    ProgramTemplate.objects.filter(slug="generated").delete()
    ExerciseLink.objects.exclude(pk__in=gym["links"]).delete()  # the examples share one database
    for a, b, kind in links:
        if a != b:
            ExerciseLink.objects.get_or_create(from_exercise=gym[a], to_exercise=gym[b], link_type=kind)
    program = make_plan("generated", [[gym[name] for name in session] for session in sessions])
    response = client.get(program.get_absolute_url(), {"substitute": "1", "have": sorted(have)})
    assert response.status_code == 200
    for _session, rows in rows_of(response):
        done = [row["swap"].done.pk for row in rows]
        assert len(done) == len(set(done))
        for row in rows:
            swap = row["swap"]
            assert swap.fits == fits(swap.exercise, have)
            if swap.substitute:
                assert fits(swap.substitute, have)
                assert swap.substitute.pk in swappable_with(swap.exercise)
            elif not swap.fits:
                fitting = Exercise.objects.filter(pk__in=swappable_with(swap.exercise))
                assert {e.pk for e in fitting if fits(e, have)} <= set(done)


@pytest.mark.django_db
class TestSeededBeginnerPlan:
    seeded = factories.seeded_per_class

    URL = reverse("programs:program-detail", kwargs={"slug": BEGINNER})

    def test_only_dumbbells_keeps_the_cable_row_rather_than_repeat_the_dumbbell_row(self, client, seeded):
        response = client.get(self.URL, {"substitute": "1", "have": "dumbbells"})
        for session, rows in rows_of(response):
            done = [row["swap"].done.slug for row in rows]
            assert len(done) == len(set(done)), session
            assert "seated-cable-row" in done and "dumbbell-bent-over-row" in done
            [cable] = [row for row in rows if row["item"].exercise.slug == "seated-cable-row"]
            assert cable["swap"].substitute is None
            assert [e.slug for e in cable["swap"].already_in_session] == ["dumbbell-bent-over-row"]
        html = response.content.decode()
        assert html.count("without repeating") == 4  # the cable row in each of the 4 sessions
        # The handle note stays with the cable row, its own exercise, and nowhere else.
        assert html.count(HANDLE_NOTE) == 4

    def test_a_band_swaps_the_cable_row_and_drops_the_handle_note(self, client, seeded):
        response = client.get(self.URL, {"substitute": "1", "have": ["dumbbells", "resistance-band"]})
        for _session, rows in rows_of(response):
            done = [row["swap"].done.slug for row in rows]
            assert len(done) == len(set(done))
            assert "band-shoulder-row" in done and "seated-cable-row" not in done
        assert HANDLE_NOTE not in response.content.decode()
        assert response.content.decode().count("Swapped in for <a") == 4

    def test_the_form_lists_what_the_plan_and_its_swaps_use(self, client, seeded):
        response = client.get(self.URL)
        assert [e.slug for e in response.context["needs"]] == [
            "assisted-pull-up-machine",
            "dumbbells",
            "seated-cable-row",
        ]
        offered = re.findall(r'name="have" value="([^"]+)"', response.content.decode())
        assert len(offered) == len(set(offered)) == 3 + len(response.context["swap_only_equipment"])
        assert 3 < len(offered) < 23
        # Exactly the equipment some possible swap needs, beyond the plan's own.
        possible = set()
        for slug in ["seated-cable-row", "dumbbell-bent-over-row", "assisted-pull-up"]:
            exercise = Exercise.objects.get(slug=slug)
            for link in ExerciseLink.objects.filter(link_type__in=SWAP_LINKS, from_exercise=exercise):
                possible |= {e.slug for e in link.to_exercise.equipment.all()}
            for link in ExerciseLink.objects.filter(link_type__in=SWAP_LINKS, to_exercise=exercise):
                possible |= {e.slug for e in link.from_exercise.equipment.all()}
        assert set(offered) == possible | {"assisted-pull-up-machine", "dumbbells", "seated-cable-row"}
        assert "dip-belt" not in offered  # nothing related to the plan's moves needs it

    def test_one_disclaimer_and_a_log_for_every_set(self, client, seeded):
        response = client.get(self.URL)
        html = response.content.decode()
        assert html.count('class="callout health-note"') == 1 and 'class="disclaimer"' not in html
        sets = sum(row["item"].sets for _session, rows in rows_of(response) for row in rows)
        # Every phase of this plan lasts 2 weeks: a line for each week in each set's box.
        assert html.count('<td class="log-cell">') == sets
        assert html.count('class="log-line"') == 2 * sets

    def test_budget(self, client, seeded, django_assert_max_num_queries):
        with django_assert_max_num_queries(12):  # with the plan's sources
            client.get(self.URL)
        with django_assert_max_num_queries(14):
            client.get(self.URL, {"substitute": "1", "have": ["dumbbells", "resistance-band"]})
