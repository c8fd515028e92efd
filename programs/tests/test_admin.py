"""Editing programs in the admin: program -> phases -> sessions -> prescriptions."""

import pytest
from django.urls import reverse

from programs.models import Prescription, ProgramSession, ProgramTemplate

from .test_programs import kit, make_program  # noqa: F401 (fixtures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "programs_programtemplate",
        "programs_trainingguideline",
        "articles_article",
        "articles_question",
        "exercises_benefit",
        "exercises_reference",
    ],
)
def test_changelist_search_and_add(admin_client, name):
    changelist = reverse(f"admin:{name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "back"}).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 200


def program_data(**overrides):
    data = {
        "name": "New plan",
        "slug": "new-plan",
        "level": "beginner",
        "goal": "",
        "summary": "A plan.",
        "description": "",
        "duration_weeks": "4",
        "sessions_per_week": "2",
        "session_minutes": "30",
        "status": "draft",
        "published_at": "",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-0-week_start": "1",
        "phases-0-week_end": "4",
        "phases-0-name": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_new_program_cannot_be_published_before_it_has_sessions(admin_client):
    response = admin_client.post(
        reverse("admin:programs_programtemplate_add"), program_data(status="published")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "save it as a draft, add its phases and sessions" in html
    assert 'value="New plan"' in html
    assert not ProgramTemplate.objects.exists()
    assert admin_client.post(reverse("admin:programs_programtemplate_add"), program_data()).status_code == 302
    assert ProgramTemplate.objects.get(slug="new-plan").phases.count() == 1


@pytest.mark.django_db
def test_phase_beyond_the_program_is_refused(admin_client):
    data = program_data(**{"phases-0-week_end": "6"})
    response = admin_client.post(reverse("admin:programs_programtemplate_add"), data)
    assert response.status_code == 200
    assert "The program lasts 4 weeks" in response.content.decode()


@pytest.mark.django_db
def test_session_page_edits_prescriptions_and_keeps_bad_input(admin_client, kit):  # noqa: F811
    program = make_program("p", kit, status="draft")
    session = ProgramSession.objects.filter(phase__program=program).first()
    url = reverse("admin:programs_programsession_change", args=[session.pk])
    page = admin_client.get(url).content.decode()
    assert reverse("admin:programs_programtemplate_change", args=[program.pk]) in page  # link back
    program_page = admin_client.get(reverse("admin:programs_programtemplate_change", args=[program.pk]))
    assert url in program_page.content.decode()  # the program links to its sessions
    existing = list(session.prescriptions.all())
    data = {
        "phase": session.phase_id,
        "position": "1",
        "name": "Day A",
        "day": "",
        "prescriptions-TOTAL_FORMS": str(len(existing) + 1),
        "prescriptions-INITIAL_FORMS": str(len(existing)),
    }
    for n, item in enumerate(existing):
        data.update(
            {
                f"prescriptions-{n}-id": item.pk,
                f"prescriptions-{n}-session": session.pk,
                f"prescriptions-{n}-position": item.position,
                f"prescriptions-{n}-exercise": item.exercise_id,
                f"prescriptions-{n}-sets": item.sets,
                f"prescriptions-{n}-reps_min": item.reps_min or "",
                f"prescriptions-{n}-reps_max": item.reps_max or "",
                f"prescriptions-{n}-hold_seconds": item.hold_seconds or "",
                f"prescriptions-{n}-rest_seconds": item.rest_seconds,
                f"prescriptions-{n}-tempo": "",
                f"prescriptions-{n}-group": "",
                f"prescriptions-{n}-grouping": "",
                f"prescriptions-{n}-notes": "",
            }
        )
    n = len(existing)
    data.update(
        {
            f"prescriptions-{n}-position": "5",
            f"prescriptions-{n}-exercise": kit["row"].pk,
            f"prescriptions-{n}-sets": "3",
            f"prescriptions-{n}-reps_min": "12",
            f"prescriptions-{n}-reps_max": "8",
            f"prescriptions-{n}-rest_seconds": "60",
            f"prescriptions-{n}-tempo": "slow",
            f"prescriptions-{n}-notes": "Typed by the editor",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The most reps must be at least the fewest." in html
    assert "Write the tempo as three numbers" in html
    assert 'value="Typed by the editor"' in html
    assert Prescription.objects.filter(session=session).count() == len(existing)
