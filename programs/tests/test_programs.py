"""Programs: weekly volume, substitutions, derived equipment, pages, balance check, budgets."""

import re

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Exercise, ExerciseLink
from exercises.tests import factories
from exercises.tests.factories import (
    make_equipment,
    make_exercise,
    make_muscle,
    make_region,
)
from programs.models import Phase, Prescription, ProgramSession, ProgramTemplate
from programs.substitutes import best_substitute
from programs.views import BalanceView, exercises_with_volume_data
from programs.volume import HINGE_EXTENSION, HORIZONTAL_PULL, VERTICAL_PULL, pattern_group, weekly_volume


@pytest.fixture
def kit(db):
    middle = make_region("Middle back", slug="middle-back", position=2)
    lower = make_region("Lower back", slug="lower-back", position=3)
    # The lats lie in the middle and lower back but train the middle back.
    lats = make_muscle("Lats", slug="lats", regions=[middle, lower], training_region=middle)
    traps = make_muscle("Mid traps", slug="mid-traps", regions=[middle], training_region=middle)
    biceps = make_muscle("Biceps", slug="biceps")
    erectors = make_muscle("Erectors", slug="erectors", regions=[lower], training_region=lower)
    dumbbells = make_equipment("Dumbbells", slug="dumbbells")
    bar = make_equipment("Pull-up bar", slug="pull-up-bar")
    cable = make_equipment("Cable", slug="cable")
    row = make_exercise("Row", slug="row", primary=[lats, traps], secondary=[biceps], equipment=[dumbbells])
    pull_up = make_exercise(
        "Pull-up",
        slug="pull-up",
        primary=[lats],
        secondary=[traps, biceps],
        equipment=[bar],
        movement_pattern="vertical-pull",
    )
    hinge = make_exercise(
        "Hinge", slug="hinge", primary=[erectors], stabilizer=[lats], movement_pattern="hinge"
    )
    cable_row = make_exercise("Cable row", slug="cable-row", primary=[lats, traps], equipment=[cable])
    return {
        "row": row,
        "pull_up": pull_up,
        "hinge": hinge,
        "cable_row": cable_row,
        "muscles": {"lats": lats, "traps": traps, "biceps": biceps, "erectors": erectors},
        "regions": {"middle": middle, "lower": lower},
    }


def loaded(*exercises):
    by_pk = {
        e.pk: e for e in exercises_with_volume_data(Exercise.objects.filter(pk__in=[e.pk for e in exercises]))
    }
    return [by_pk[e.pk] for e in exercises]


class TestVolume:
    def test_hand_worked_week(self, kit):
        row, pull_up, hinge = loaded(kit["row"], kit["pull_up"], kit["hinge"])
        volume = weekly_volume([(row, 3), (pull_up, 4), (hinge, 2)])
        m = kit["muscles"]
        # Row: lats 3, traps 3, biceps 1.5. Pull-up: lats 4, traps 2, biceps 2. Hinge: erectors 2,
        # lats as a stabilizer 0.
        assert dict(volume.muscles) == {m["lats"]: 7, m["traps"]: 5, m["biceps"]: 3.5, m["erectors"]: 2}
        # Middle back: row 3 (lats and traps, each set counted once) + pull-up 4 (lats; the
        # secondary traps count toward no region). Lower back: hinge 2 (erectors); the lats
        # reach it but train the middle back, and a stabilizer counts nothing.
        assert dict(volume.regions) == {kit["regions"]["middle"].pk: 7, kit["regions"]["lower"].pk: 2}
        assert dict(volume.spread) == {1: 9}
        assert volume.patterns[HORIZONTAL_PULL] == 3
        assert volume.patterns[VERTICAL_PULL] == 4
        assert volume.patterns[HINGE_EXTENSION] == 2
        assert volume.total_sets == 9

    def test_empty_week(self, kit):
        volume = weekly_volume([])
        assert not volume.muscles and volume.total_sets == 0


class TestSubstitutes:
    def link(self, a, b, kind):
        ExerciseLink.objects.create(from_exercise=a, to_exercise=b, link_type=kind)

    def prefetched(self, exercise):
        return Exercise.objects.prefetch_related(
            "links__to_exercise__equipment", "incoming_links__from_exercise__equipment"
        ).get(pk=exercise.pk)

    def test_prefers_the_closest_fitting_relation(self, kit):
        self.link(kit["cable_row"], kit["pull_up"], "variation")  # fits only with a bar
        self.link(kit["cable_row"], kit["hinge"], "alternative")  # needs nothing
        self.link(kit["row"], kit["cable_row"], "variation")  # incoming variation
        exercise = self.prefetched(kit["cable_row"])
        assert best_substitute(exercise, {"dumbbells"}) == kit["row"]  # variation beats alternative
        assert best_substitute(exercise, {"pull-up-bar"}) == kit["pull_up"]
        assert best_substitute(exercise, set()) == kit["hinge"]

    def test_none_when_nothing_fits(self, kit):
        self.link(kit["cable_row"], kit["pull_up"], "alternative")
        assert best_substitute(self.prefetched(kit["cable_row"]), {"dumbbells"}) is None

    def test_an_easier_or_harder_version_swaps_in_last(self, kit):
        self.link(kit["cable_row"], kit["row"], "progression")
        assert best_substitute(self.prefetched(kit["cable_row"]), {"dumbbells"}) == kit["row"]


def make_program(slug, kit, *, status="published", level="beginner"):
    program = ProgramTemplate.objects.create(
        name=f"Plan {slug}",
        slug=slug,
        level=level,
        summary="A plan.",
        duration_weeks=4,
        sessions_per_week=1,
        session_minutes=30,
        status=status,
    )
    first = Phase.objects.create(program=program, week_start=1, week_end=2)
    second = Phase.objects.create(program=program, week_start=3, week_end=4)
    day = ProgramSession.objects.create(phase=first, name="Day A", position=1)
    Prescription.objects.create(
        session=day, exercise=kit["cable_row"], position=1, sets=3, reps_min=10, reps_max=12
    )
    later = ProgramSession.objects.create(phase=second, name="Day A", position=1)
    Prescription.objects.create(
        session=later, exercise=kit["cable_row"], position=1, sets=3, reps_min=10, reps_max=12
    )
    Prescription.objects.create(
        session=later, exercise=kit["pull_up"], position=2, sets=4, reps_min=6, reps_max=8
    )
    Prescription.objects.create(session=later, exercise=kit["hinge"], position=3, sets=2, hold_seconds=30)
    return program


class TestProgramPage:
    def test_each_exercise_has_its_start_figure_beside_it_on_screen_and_in_print(self, client, kit):
        from django.conf import settings as django_settings

        from exercises.models import ExercisePose

        for frame, hip in (("start", 0), ("finish", 60)):
            ExercisePose.objects.create(exercise=kit["pull_up"], frame=frame, hip=hip)
        program = make_program("p", kit)
        html = client.get(program.get_absolute_url()).content.decode()
        thumbnail = type(kit["pull_up"]).objects.get(pk=kit["pull_up"].pk).thumbnail
        assert thumbnail and html.count(f'<img class="plan-figure" src="{thumbnail}"') == 1
        assert html.count('class="plan-figure"') == 1  # exercises without a figure show none
        css = (django_settings.BASE_DIR / "static/css/site.css").read_text()
        assert ".plan-figure" in css and "plan-figure" not in css[css.index("@media print") :].split("}")[0]

    def test_plan_equipment_chart_and_print_structure(self, client, kit):
        program = make_program("p", kit)
        html = client.get(program.get_absolute_url()).content.decode()
        assert "<dt>Equipment</dt><dd>Cable, Pull-up bar</dd>" in html  # derived, sorted, once each
        assert '<h2 id="phase-1">Weeks 1–2</h2>' in html and '<h2 id="phase-3">Weeks 3–4</h2>' in html
        assert '<a href="/exercises/pull-up/">Pull-up</a>' in html
        assert "4 × 6–8 reps" in html and "2 × 30 s hold" in html and "3 × 10–12 reps" in html
        # Weeks 3-4: lats 3 (cable row) + 4 (pull-up) = 7; traps 3 + 2 = 5; biceps 2.
        chart = html[html.index("Weekly sets per muscle, Weeks 3–4") :]
        assert '<a href="/anatomy/muscles/lats/">Lats</a></th>\n        <td class="num">7</td>' in chart
        assert (
            '<a href="/anatomy/muscles/mid-traps/">Mid traps</a></th>\n        <td class="num">5</td>'
            in chart
        )
        assert '<td class="num">2</td>' in chart

    def test_substitutes_follow_the_readers_equipment(self, client, kit):
        ExerciseLink.objects.create(
            from_exercise=kit["cable_row"], to_exercise=kit["row"], link_type="variation"
        )
        program = make_program("p", kit)
        html = client.get(
            program.get_absolute_url(), {"substitute": "1", "have": ["dumbbells"]}
        ).content.decode()
        assert re.search(
            r'<a href="/exercises/row/">Row</a>\s*<span class="swap">Swapped in for '
            r'<a href="/exercises/cable-row/">Cable row</a>',
            html,
        )
        assert "No swap fits your equipment" in html  # the pull-up has no relation that fits
        plain = client.get(program.get_absolute_url()).content.decode()
        assert "Swapped in for" not in plain and "No swap fits" not in plain

    def test_draft_program_is_404(self, client, admin_client, kit):
        program = make_program("draft", kit, status="draft")
        assert client.get(program.get_absolute_url()).status_code == 404
        assert admin_client.get(program.get_absolute_url()).status_code == 200
        assert client.get("/programs/no-such-plan/").status_code == 404

    def test_database_keeps_ranges_sane(self, kit):
        program = make_program("p", kit)
        session = ProgramSession.objects.filter(phase__program=program).first()
        bad = [
            dict(sets=0, reps_min=5),
            dict(sets=3, reps_min=10, reps_max=8),
            dict(sets=3, reps_min=5, hold_seconds=20),
            dict(sets=3),
        ]
        for n, fields in enumerate(bad, start=10):
            with pytest.raises(IntegrityError), transaction.atomic():
                Prescription.objects.create(session=session, exercise=kit["row"], position=n, **fields)
        with pytest.raises(IntegrityError), transaction.atomic():
            Phase.objects.create(program=program, week_start=3, week_end=2)


class TestProgramList:
    def test_filters_and_facets(self, client, kit):
        make_program("a", kit)
        hinge_only = ProgramTemplate.objects.create(
            name="Hinge only",
            slug="hinge-only",
            level="advanced",
            summary=".",
            duration_weeks=1,
            sessions_per_week=3,
            session_minutes=20,
            status="published",
        )
        phase = Phase.objects.create(program=hinge_only, week_start=1, week_end=1)
        day = ProgramSession.objects.create(phase=phase, name="Day", position=1)
        Prescription.objects.create(session=day, exercise=kit["hinge"], sets=3, reps_min=8)
        url = reverse("programs:program-list")

        def slugs(**params):
            return {p.slug for p in client.get(url, params).context["programs"]}

        assert slugs() == {"a", "hinge-only"}
        assert slugs(level="advanced") == {"hinge-only"}
        assert slugs(sessions="1") == {"a"}
        assert slugs(equipment="cable") == {"a"}
        assert slugs(only="1") == {"hinge-only"}  # needs no equipment at all
        assert slugs(equipment=["cable", "pull-up-bar"], only="1") == {"a", "hinge-only"}
        response = client.get(url, {"equipment": "cable", "only": "1"})
        counts = {
            f["param"]: {o["value"]: o["count"] for o in f["options"]} for f in response.context["facets"]
        }
        assert counts["equipment"]["pull-up-bar"] == 2  # ticking the bar would unlock plan a
        assert counts["level"] == {"advanced": 1}  # levels with no plan are not offered
        html = response.content.decode()
        assert 'href="?only=1"' in html  # the tag that removes "cable" keeps "only"

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        query=st.lists(
            st.tuples(
                st.sampled_from(["level", "goal", "equipment", "only", "sessions", "page", "x"]),
                st.text(max_size=30),
            ),
            max_size=8,
        )
    )
    def test_any_query_is_a_page(self, client, kit, query):
        response = client.get(reverse("programs:program-list"), query)
        assert response.status_code == 200


@pytest.mark.django_db
class TestSeededPrograms:
    seeded = factories.seeded_per_class

    def test_every_seeded_program_renders(self, client, seeded, django_assert_max_num_queries):
        programs = ProgramTemplate.objects.published()
        assert programs.count() >= 8
        for program in programs:
            with django_assert_max_num_queries(14):  # with the plan's sources
                response = client.get(program.get_absolute_url(), {"substitute": "1", "have": "dumbbells"})
            assert response.status_code == 200
            assert response.context["phases"], program.slug
            assert all(block["chart"] for block in response.context["phases"]), program.slug

    def test_beginner_plan_with_dumbbells_and_bench(self, client, seeded):
        url = reverse("programs:program-detail", kwargs={"slug": "beginner-4-week-back-plan"})
        response = client.get(url, {"substitute": "1", "have": ["dumbbells", "flat-bench"]})
        html = response.content.decode()
        rows = [
            row for block in response.context["phases"] for part in block["sessions"] for row in part["rows"]
        ]
        assert any(not row["swap"].fits for row in rows)
        for row in rows:
            if row["swap"].substitute:
                assert {e.slug for e in row["swap"].substitute.equipment.all()} <= {"dumbbells", "flat-bench"}
        # The cable row's only swap that fits is the dumbbell row, already in its session.
        assert "without repeating" in html

    def test_no_equipment_routine_needs_nothing(self, client, seeded):
        html = client.get(
            reverse("programs:program-detail", kwargs={"slug": "no-equipment-home-routine"})
        ).content.decode()
        assert "<dt>Equipment</dt><dd>None</dd>" in html

    def test_guidelines_table(self, client, seeded):
        html = client.get(reverse("programs:guidelines")).content.decode()
        assert "48–72 hours" in html and '<th scope="row" data-label="Level">Advanced</th>' in html

    def test_list_budget(self, client, seeded, django_assert_max_num_queries):
        with django_assert_max_num_queries(12):
            client.get(
                reverse("programs:program-list"),
                {"equipment": ["dumbbells", "barbell"], "only": "1", "level": "beginner"},
            )


@pytest.mark.django_db
class TestBalance:
    seeded = factories.seeded_per_class

    URL = "/balance/"

    def test_gaps_are_named_with_suggestions(self, client, seeded):
        response = client.get(self.URL, {"exercise": ["pull-up", "lat-pulldown"], "sets": "3"})
        gaps = {gap["label"]: gap for gap in response.context["gaps"]}
        assert set(gaps) >= {"Horizontal pull", "Hinge and extension", "Mobility"}
        assert "Vertical pull" not in gaps
        assert all(gap["suggestions"] for gap in gaps.values())
        hinge = [e.slug for e in gaps["Hinge and extension"]["suggestions"]]
        assert all(Exercise.objects.get(slug=s).movement_pattern in {"hinge", "extension"} for s in hinge)
        assert "Gaps to fill" in response.content.decode()

    def test_same_numbers_as_the_program_chart(self, client, seeded):
        slug = "intermediate-back-builder"
        balance = client.get(self.URL, {"program": slug}).context
        program = client.get(reverse("programs:program-detail", kwargs={"slug": slug})).context
        last_phase = program["phases"][-1]["chart"]
        assert [(r["label"], r["value"]) for r in balance["muscle_rows"]] == [
            (r["label"], r["value"]) for r in last_phase
        ]

    def test_balanced_week_has_fewer_gaps(self, client, seeded):
        week = [
            "pull-up",
            "barbell-bent-over-row",
            "deadlift",
            "face-pull",
            "back-extension",
            "cat-cow",
            "open-book",
            "seated-cable-row",
            "wall-angel",
        ]
        response = client.get(self.URL, {"exercise": week, "sets": "4"})
        assert [gap["label"] for gap in response.context["gaps"]] == []
        assert "No gaps" in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [
            {"exercise": "nope"},
            {"program": "nope"},
            {"sets": "99"},
            {"sets": "abc", "exercise": "pull-up"},
            {"exercise": "x" * 5000},
            {"program": "\x00"},
            {"exercise": ["pull-up", "\x00"]},
            {},
        ],
    )
    def test_bad_input_is_a_clear_page(self, client, seeded, query):
        response = client.get(self.URL, query)
        assert response.status_code == 200
        if query:
            html = response.content.decode()
            assert (
                "were not understood" in html or "Tick at least one exercise" in html or "Your week" in html
            )

    def test_lists_the_most_used_exercises_of_each_movement(self, client, seeded, monkeypatch):
        monkeypatch.setattr(BalanceView, "LIST_LIMIT", 2)
        published = ProgramTemplate.objects.published()
        uses = {
            e.slug: Prescription.objects.filter(exercise=e, session__phase__program__in=published)
            .values("session__phase__program")
            .distinct()
            .count()
            for e in Exercise.objects.published()
        }
        by_group = {}
        for exercise in Exercise.objects.published():
            by_group.setdefault(pattern_group(exercise), []).append(exercise.slug)
        response = client.get(self.URL)
        for group, listed in response.context["groups"]:
            slugs = [e.slug for e in listed]
            assert len(slugs) == min(2, len(by_group.get(group, [])))
            rest = [uses[s] for s in by_group.get(group, []) if s not in slugs]
            assert all(uses[s] >= max(rest, default=0) for s in slugs), group
        assert "exercises our programs use most" in response.content.decode()
        # A ticked exercise outside the lists still counts, and shows ticked in its group.
        listed = {e.slug for _group, shown in response.context["groups"] for e in shown}
        outside = next(
            slug
            for slug in uses
            if slug not in listed
            and pattern_group(Exercise.objects.get(slug=slug)) in dict(response.context["groups"])
        )
        response = client.get(self.URL, {"exercise": outside})
        assert response.context["checked"] and not response.context["ignored"]
        assert f'value="{outside}" id="ex-{outside}" checked' in response.content.decode()

    def test_budget(self, client, seeded, django_assert_max_num_queries):
        with django_assert_max_num_queries(13):
            client.get(self.URL, {"program": "balanced-back-session"})
        cache.clear()  # the ranking's first read, after a content change
        with django_assert_max_num_queries(7):
            client.get(self.URL, {"exercise": ["pull-up", "deadlift"]})


@pytest.mark.django_db
def test_each_program_filterset_gets_filters_and_fields_of_its_own():
    """As in the catalogue (core.faceting):
    each FilterSet's filters call its own methods and its form remembers its own values."""
    from programs.filters import ProgramFilter

    first = ProgramFilter({"level": ["beginner"]}, queryset=ProgramTemplate.objects.all())
    second = ProgramFilter({"level": ["expert-only"]}, queryset=ProgramTemplate.objects.all())
    for name in ProgramFilter.base_filters:
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first
    assert first.filters["level"].filter.method.__self__ is first
    assert first.form.is_valid() and second.form.is_valid()
    assert second.form.fields["level"].ignored == ["expert-only"]
    assert first.form.fields["level"].ignored == []
