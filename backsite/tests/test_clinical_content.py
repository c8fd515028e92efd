"""The seed content a clinician would sign (issue 18): complete, consistent and safe.

Each test reads the seeded database as `make run` loads it and names the rows that break a
rule, so an editor knows what to fix.
"""

import re
from collections import Counter

import pytest
from django.urls import reverse

from articles.models import Article, Question
from exercises.models import (
    Benefit,
    BodyRegion,
    Equipment,
    Exercise,
    ExerciseLink,
    Muscle,
    Reference,
)
from exercises.tests import factories
from programs.models import Prescription, ProgramTemplate, TrainingGuideline

pytestmark = pytest.mark.django_db

RED_FLAGS = "When back pain needs a doctor first"


def published():
    return Exercise.objects.published().prefetch_related(
        "exercise_muscles__muscle", "equipment", "poses", "links", "goals", "references", "steps"
    )


def every_text():
    """(where, text) for every reader-facing text in the seed content."""
    for exercise in Exercise.objects.prefetch_related("steps"):
        yield (
            exercise.slug,
            " ".join(
                [
                    exercise.summary,
                    exercise.description,
                    exercise.tips,
                    exercise.mistakes,
                    exercise.safety_note,
                ]
                + [step.text for step in exercise.steps.all()]
            ),
        )
    for article in Article.objects.all():
        yield article.slug, article.body
    for question in Question.objects.all():
        yield question.slug, question.answer
    for program in ProgramTemplate.objects.all():
        yield program.slug, program.description
    for item in Prescription.objects.select_related("session__phase__program"):
        yield item.session.phase.program.slug, item.notes
    for muscle in Muscle.objects.all():
        yield muscle.slug, " ".join([muscle.summary, muscle.location, muscle.function])
    for region in BodyRegion.objects.all():
        yield region.slug, " ".join([region.summary, region.location, region.function, region.problems])


class TestSeedContent:
    """One seed for the whole file: each test reads it and changes nothing."""

    seeded = factories.seeded_per_class

    def test_at_least_110_complete_exercises(self, seeded):
        exercises = list(published())
        assert len(exercises) >= 110
        for exercise in exercises:
            roles = {link.role for link in exercise.exercise_muscles.all()}
            assert roles & {"primary", "stretched"}, exercise.slug
            assert len(exercise.steps.all()) >= 3, exercise.slug
            assert exercise.description and exercise.tip_list and exercise.mistake_list, exercise.slug
            assert exercise.goals.all() and exercise.references.all(), exercise.slug
            assert exercise.movement.complete, f"{exercise.slug} has no start and finish figure"

    def test_every_piece_of_equipment_is_used_by_two(self, seeded):
        used = Counter(item.slug for exercise in published() for item in exercise.equipment.all())
        assert {e.slug: used[e.slug] for e in Equipment.objects.all() if used[e.slug] < 2} == {}

    def test_every_mapped_muscle_is_primary_in_three(self, seeded):
        primary = Counter(
            link.muscle.slug
            for e in published()
            for link in e.exercise_muscles.all()
            if link.role == "primary"
        )
        mapped = Muscle.objects.exclude(map_shape="")
        assert {m.slug: primary[m.slug] for m in mapped if primary[m.slug] < 3} == {}

    def test_aliases_are_unique_and_never_another_name(self, seeded):
        names = {e.name.lower(): e.slug for e in Exercise.objects.all()}
        seen = {}
        for exercise in Exercise.objects.all():
            for alias in exercise.alias_list:
                key = alias.lower()
                assert key not in seen, f"{alias!r} on {exercise.slug} and {seen[key]}"
                assert names.get(key, exercise.slug) == exercise.slug, f"{alias!r} names {names[key]}"
                seen[key] = exercise.slug

    def test_every_exercise_can_step_down_and_up(self, seeded):
        """A ladder everywhere: an easier and a harder link, or the page says it is the end;
        every ladder link has its mirror."""
        missing = []
        for exercise in published():
            types = {link.link_type for link in exercise.links.all()}
            if "regression" not in types and not exercise.no_easier:
                missing.append(f"{exercise.slug}: easier")
            if "progression" not in types and not exercise.no_harder:
                missing.append(f"{exercise.slug}: harder")
        assert missing == []
        mirror = {"regression": "progression", "progression": "regression"}
        links = set(ExerciseLink.objects.values_list("from_exercise__slug", "to_exercise__slug", "link_type"))
        unmatched = [
            link for link in links if link[2] in mirror and (link[1], link[0], mirror[link[2]]) not in links
        ]
        assert unmatched == []

    def test_moves_with_a_risk_carry_a_safety_note(self, seeded):
        risky = {Exercise.Pattern.HINGE, Exercise.Pattern.EXTENSION, Exercise.Pattern.SHRUG}
        lacking = []
        for exercise in published():
            hangs = any(pose.base == "hanging" for pose in exercise.poses.all())
            household = any(item.kind == Equipment.Kind.HOUSEHOLD for item in exercise.equipment.all())
            if (exercise.movement_pattern in risky or hangs or household) and not exercise.safety_note:
                lacking.append(exercise.slug)
        assert lacking == []

    def test_spinal_extension_moves_caution_stenosis(self, seeded):
        """Moves that arch the spine warn readers with spinal stenosis or spondylolisthesis."""
        arching = [
            e
            for e in published()
            if e.movement_pattern == Exercise.Pattern.EXTENSION or any(p.spine <= -20 for p in e.poses.all())
        ]
        assert {e.slug for e in arching} >= {"cobra-pose", "seal-push-up", "superman", "back-extension"}
        assert [e.slug for e in arching if "stenosis" not in e.safety_note.lower()] == []

    def test_chair_inverted_row_and_broomstick_are_safe(self, seeded):
        chair_row = Exercise.objects.get(slug="chair-inverted-row")
        assert "tip" in chair_row.safety_note and "weight" in chair_row.safety_note
        broomstick = Equipment.objects.get(slug="broomstick").description.lower()
        assert "not" in broomstick and "weight" in broomstick

    def test_mobility_and_activation_moves_have_a_safe_dose(self, seeded):
        gentle = published().filter(kind__in=[Exercise.Kind.MOBILITY, Exercise.Kind.ACTIVATION])
        assert gentle.count() >= 20
        assert [e.slug for e in gentle if not e.has_rehab_dose] == []

    def test_stretches_name_what_they_stretch_and_train_nothing_they_stretch(self, seeded):
        stretches = published().filter(movement_pattern=Exercise.Pattern.STRETCH)
        for exercise in stretches:
            roles = {link.role for link in exercise.exercise_muscles.all()}
            assert "stretched" in roles, exercise.slug
        doorway = Exercise.objects.get(slug="doorway-chest-stretch")
        assert set(doorway.exercise_muscles.values_list("role", flat=True)) == {"stretched"}
        seal = {
            link.muscle.slug: link.role
            for link in Exercise.objects.get(slug="seal-push-up").exercise_muscles.all()
        }
        assert seal.get("triceps") == "primary" and seal.get("erector-spinae") != "primary"

    def test_pull_up_thresholds(self, seeded):
        """Off the assistance at 8 strict pull-ups; load added once sets reach 12."""
        pattern = re.compile(
            r"(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s+(?:\w+\s+){0,2}(?:pull-ups|chin-ups)\b", re.I
        )
        found = {}
        for where, text in every_text():
            for match in pattern.finditer(text):
                if match.group(2) or match.group(1) not in {"8", "12"}:
                    found.setdefault(where, []).append(match.group(0))
        assert found == {}

    def test_one_trunk_cue(self, seeded):
        cues = re.compile(
            r"hollow(ing)? (your|the) (belly|stomach|abs)|belly button (toward|towards|to) (the|your) spine",
            re.I,
        )
        assert [where for where, text in every_text() if cues.search(text)] == []

    def test_programs_follow_their_level_guideline(self, seeded):
        """Strength work keeps to its level's sessions a week and sets per exercise (gentle
        mobility days come on top, as the flexibility advice allows)."""
        guideline = {g.level: g for g in TrainingGuideline.objects.all()}
        wrong = []
        for program in ProgramTemplate.objects.published().prefetch_related(
            "phases__sessions__prescriptions__exercise"
        ):
            g = guideline[program.level]
            for phase in program.phases.all():
                strength = [
                    session
                    for session in phase.sessions.all()
                    if any(item.exercise.kind == "strength" for item in session.prescriptions.all())
                ]
                if strength and not g.sessions_min <= len(strength) <= g.sessions_max:  # a stretch plan: none
                    wrong.append(f"{program.slug} week {phase.week_start}: {len(strength)} strength sessions")
                for session in strength:
                    for item in session.prescriptions.all():
                        if item.exercise.kind == "strength" and not g.sets_min <= item.sets <= g.sets_max:
                            wrong.append(f"{program.slug}: {item.exercise.slug} {item.sets} sets")
        assert wrong == []

    def test_beginner_plans_use_beginner_exercises(self, seeded):
        harder = Prescription.objects.filter(
            session__phase__program__level="beginner", exercise__difficulty="advanced"
        ).values_list("exercise__slug", flat=True)
        assert list(harder) == []
        assert Exercise.objects.get(slug="dumbbell-bent-over-row").difficulty == "beginner"

    def test_red_flags_where_readers_in_pain_land(self, client, seeded):
        sore = Question.objects.filter(red_flags=True)
        assert sore.exists()
        assert RED_FLAGS in client.get(reverse("articles:faq")).content.decode()
        desk = ProgramTemplate.objects.filter(red_flags=True)
        assert desk.exists() and all(
            RED_FLAGS in client.get(p.get_absolute_url()).content.decode() for p in desk
        )
        assert Benefit.objects.get(slug="back-pain-relief").red_flags
        assert RED_FLAGS in client.get(reverse("articles:benefits")).content.decode()

    def test_anatomy_pages_cite_a_reference_and_a_review_date(self, client, seeded):
        for item in [*Muscle.objects.all(), *BodyRegion.objects.all()]:
            assert item.reviewed_on and item.references.exists(), item.slug
            html = client.get(item.get_absolute_url()).content.decode()
            assert "Last reviewed" in html and 'id="sources-title"' in html, item.slug

    def test_programs_and_guidelines_cite_and_show_their_review(self, client, seeded):
        for program in ProgramTemplate.objects.published():
            assert program.reviewed_on and program.references.exists(), program.slug
        assert all(g.reviewed_on and g.references.exists() for g in TrainingGuideline.objects.all())
        html = client.get(reverse("programs:guidelines")).content.decode()
        assert "Last reviewed" in html and 'id="sources-title"' in html

    def test_anatomy_facts(self, seeded):
        upper = BodyRegion.objects.get(slug="upper-back")
        # The upper back is the upper thoracic spine and shoulder blades, not the neck.
        assert not re.search(r"(around|along|of) the cervical spine", upper.summary + upper.location, re.I)
        assert "T1" in upper.vertebrae
        middle_traps = Muscle.objects.get(slug="middle-trapezius").location.lower()
        assert (
            "acromion" in middle_traps
            and "spine of the shoulder blade" in middle_traps
            or "scapula" in middle_traps
        )
        rotate = re.compile(r"erector spinae[^.]*\brotat", re.I)
        assert [a.slug for a in Article.objects.all() if rotate.search(a.body)] == []

    def test_references_are_whole(self, seeded):
        for key in ("apmr-2011", "jscr-2011"):
            reference = Reference.objects.get(key=key)
            assert reference.authors and reference.title, key
        assert Reference.objects.get(key="toprak-celenay-2017").title.endswith("controlled study")
        assert "reviewed" not in Reference.objects.get(key="src-endomondo").authors.lower()
