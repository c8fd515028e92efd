"""The "How much" block: which dose an exercise gets, the numbers at each level, and where the
block sits on the page."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from exercises import doses
from exercises.doses import DoseStyle, Span
from exercises.models import Exercise, Reference

from .factories import make_equipment, make_exercise, make_muscle

Kind, Force = Exercise.Kind, Exercise.Force


def dose_lines(html):
    """Each level's line in the block, as {level: text}, whitespace squeezed."""
    block = re.search(r'<aside class="how-much".*?</aside>', html, re.S).group(0)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S)
    return {level: " ".join(text.split()) for level, text in pairs}


def page(client, exercise):
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("kind", "force", "style"),
    [
        (Kind.STRENGTH, Force.PULL, DoseStyle.REPS),
        (Kind.STRENGTH, Force.HINGE, DoseStyle.REPS),
        (Kind.STRENGTH, Force.STATIC, DoseStyle.HOLD),
        (Kind.MOBILITY, Force.STATIC, DoseStyle.STRETCH),
        (Kind.MOBILITY, Force.PUSH, DoseStyle.GENTLE),
        (Kind.ACTIVATION, Force.STATIC, DoseStyle.GENTLE),
        (Kind.ACTIVATION, Force.PULL, DoseStyle.GENTLE),
    ],
)
def test_the_style_follows_kind_and_force(kind, force, style):
    assert doses.style_for(Exercise(kind=kind, force=force)) == style


def test_the_editors_choice_wins():
    moving_stretch = Exercise(kind=Kind.MOBILITY, force=Force.STATIC, dose_style=DoseStyle.GENTLE)
    assert doses.style_for(moving_stretch) == DoseStyle.GENTLE


def test_strength_numbers_are_the_training_guidelines():
    """The guidelines page shows fixtures/guidelines.json; the exercise pages must agree."""
    rows = json.loads((Path(settings.FIXTURE_DIRS[0]) / "guidelines.json").read_text())
    table = {
        row["fields"]["level"]: (
            Span(row["fields"]["sets_min"], row["fields"]["sets_max"]),
            Span(row["fields"]["reps_min"], row["fields"]["reps_max"]),
            Span(row["fields"]["sessions_min"], row["fields"]["sessions_max"]),
        )
        for row in rows
    }
    assert table == doses.GUIDELINES
    assert {Span(r["fields"]["recovery_hours_min"], r["fields"]["recovery_hours_max"]) for r in rows} == {
        doses.RECOVERY_HOURS
    }


def test_every_style_cites_sources_that_exist_in_the_seed():
    rows = json.loads((Path(settings.FIXTURE_DIRS[0]) / "references.json").read_text())
    keys = {row["fields"]["key"] for row in rows}
    for style in DoseStyle:
        assert doses.SOURCES[style] and set(doses.SOURCES[style]) <= keys


def test_span_reads_as_a_range_or_one_number():
    assert (str(Span(3, 4)), str(Span(3, 3))) == ("3–4", "3")


@pytest.mark.django_db
class TestTheBlock:
    @pytest.fixture
    def lats(self):
        return make_muscle("Latissimus dorsi", slug="latissimus-dorsi")

    def test_strength_by_level(self, client, lats):
        row = make_exercise(
            "Row", primary=[lats], kind=Kind.STRENGTH, force=Force.PULL, difficulty="beginner"
        )
        assert dose_lines(page(client, row)) == {
            "Beginner": "3–4 sets of 8–12 reps, 1–2 minutes' rest between sets, 2 sessions a week",
            "Intermediate": "4–5 sets of 8–12 reps, 1–2 minutes' rest between sets, 2–3 sessions a week",
            "Advanced": "5–6 sets of 8–12 reps, 1–2 minutes' rest between sets, 3 sessions a week",
        }

    def test_a_harder_exercise_starts_at_its_own_level(self, client, lats):
        weighted = make_exercise("Weighted pull-up", primary=[lats], difficulty="advanced")
        html = page(client, weighted)
        assert list(dose_lines(html)) == ["Advanced"]
        assert "This is an advanced exercise" in html

    def test_one_side_at_a_time(self, client, lats):
        one_arm = make_exercise("One-arm row", primary=[lats], is_unilateral=True, difficulty="advanced")
        assert dose_lines(page(client, one_arm)) == {
            "Advanced": "5–6 sets of 8–12 reps each side, 1–2 minutes' rest between sets, 3 sessions a week"
        }

    def test_hold_by_level(self, client, lats):
        hold = make_exercise(
            "Top hold", primary=[lats], kind=Kind.STRENGTH, force=Force.STATIC, difficulty="intermediate"
        )
        html = page(client, hold)
        assert dose_lines(html) == {
            "Intermediate": "4–5 holds of 10–30 seconds, 1–2 minutes' rest between holds, "
            "2–3 sessions a week",
            "Advanced": "5–6 holds of 10–30 seconds, 1–2 minutes' rest between holds, 3 sessions a week",
        }
        assert "End each hold before your form slips." in html
        assert "Leave 48–72 hours before you train the same muscles hard again." in html

    @pytest.mark.parametrize("difficulty", ["beginner", "advanced"])
    def test_a_stretch_is_the_same_at_every_level(self, client, lats, difficulty):
        stretch = make_exercise(
            "Chest stretch", primary=[lats], kind=Kind.MOBILITY, force=Force.STATIC, difficulty=difficulty
        )
        html = page(client, stretch)
        assert dose_lines(html) == {
            "Every level": "2–3 holds of 20–30 seconds, on most days (at least 2–3 a week)"
        }
        assert "training guidelines" not in html.split('class="how-much"')[1].split("</aside>")[0]

    def test_slow_reps_for_mobility_that_moves(self, client, lats):
        flow = make_exercise(
            "Cat-cow", primary=[lats], kind=Kind.MOBILITY, force=Force.STATIC, dose_style=DoseStyle.GENTLE
        )
        assert dose_lines(page(client, flow)) == {
            "Every level": "1–2 rounds of slow reps, about 1 minute a round, "
            "on most days (at least 2–3 a week)"
        }

    def test_the_numbers_link_to_their_reasons(self, client, lats):
        own = Reference.objects.create(key="aaa-own", authors="Aaa", title="The exercise's own source")
        for key in ("src-liv-hospital", "ratamess-2009", "garber-2011"):
            Reference.objects.create(key=key, authors=key, title=key)
        row = make_exercise("Row", primary=[lats])
        row.references.set([own])
        html = page(client, row)
        sources = re.findall(r'<li id="ref-(\d+)">(\w+)', html)
        assert sources == [("1", "Aaa"), ("2", "ratamess"), ("3", "src")]  # no stretch source here
        assert 'our <a href="/programs/guidelines/">training guidelines</a>' in html
        assert 'sources <a href="#ref-2">2</a> and <a href="#ref-3">3</a>.' in html

    def test_safety_steps_and_dose_come_before_the_facts(self, client, lats):
        row = make_exercise("Row", primary=[lats], steps=2, safety_note="Keep your back flat.")
        html = page(client, row)
        markers = ("Keep your back flat.", 'class="steps"', 'class="how-much"', 'class="facts"')
        order = [html.index(marker) for marker in markers]
        assert order == sorted(order)


@pytest.mark.django_db
def test_an_editor_overrides_the_style_in_the_admin(admin_client):
    from .test_admin import form_data

    parts = make_muscle("Lats", slug="lats"), make_equipment("Band", slug="band")
    form = admin_client.get(reverse("admin:exercises_exercise_add")).content.decode()
    assert 'name="dose_style"' in form and "Leave blank to go by its kind" in form
    data = {**form_data(*parts, status="published"), "dose_style": "gentle"}
    assert admin_client.post(reverse("admin:exercises_exercise_add"), data).status_code == 302
    exercise = Exercise.objects.get(slug="test-row")
    assert doses.style_for(exercise) == DoseStyle.GENTLE  # a strength pull, dosed as slow reps
    assert "rounds of slow reps" in admin_client.get(exercise.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_seeded_catalogue_is_dosed_by_kind(client, seeded):
    """Every mobility and activation move carries its own safe-dose card, which replaces
    "How much"; the strength moves left are sets of reps, the static ones timed holds."""
    shown = [exercise for exercise in Exercise.objects.all() if not exercise.has_rehab_dose]
    assert {exercise.kind for exercise in shown} == {"strength"}
    styles = {exercise.slug: doses.style_for(exercise) for exercise in shown}
    assert {slug: style for slug, style in styles.items() if style != DoseStyle.REPS} == dict.fromkeys(
        ["dead-hang", "farmers-carry", "pull-up-isometric-hold", "suitcase-carry", "trap-bar-carry"],
        DoseStyle.HOLD,
    )
    html = client.get("/exercises/lat-pulldown/").content.decode()
    assert (
        dose_lines(html)["Beginner"]
        == "3–4 sets of 8–12 reps, 1–2 minutes' rest between sets, 2 sessions a week"
    )
    assert "Ratamess NA" in html  # the rest numbers' source, listed with the page's sources
