"""The open data package (issue 20): `export_catalogue` writes a valid Frictionless package of
the published content only, with its licence and image credits; it rebuilds when content
changes or daily and never during a request; /data/ lists the latest."""

import csv
import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from frictionless import validate

from articles.models import Question
from backsite import datapackage
from core.pagecache import bump
from core.publishing import Status
from exercises.models import Exercise
from programs.models import ProgramTemplate


@pytest.fixture
def data_root(settings, tmp_path):
    settings.DATA_PACKAGE_ROOT = tmp_path / "data"
    return settings.DATA_PACKAGE_ROOT


def folder(built):
    return datapackage.root() / built["name"]


def rows(built, table):
    with open(folder(built) / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
class TestThePackage:
    @pytest.fixture(autouse=True)
    def built(self, data_root):
        Exercise.objects.filter(slug="pull-up").update(status=Status.DRAFT)
        Question.objects.filter(slug="is-it-safe-to-train-a-sore-back").update(
            published_at=timezone.now() + datetime.timedelta(days=3)
        )
        self.package = datapackage.build()

    def test_it_validates_with_the_frictionless_library(self):
        report = validate(folder(self.package) / "datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
        checked = {task.name for task in report.tasks}
        assert {"exercises", "exercises-json", "exercise_muscles", "program_prescriptions"} <= checked

    def test_validation_would_catch_a_broken_link(self):
        path = folder(self.package) / "exercise_muscles.csv"
        lines = path.read_text("utf-8").splitlines()
        lines[1] = "not-a-uuid" + lines[1][lines[1].index(",") :]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        assert not validate(folder(self.package) / "datapackage.json").valid

    def test_published_content_only(self):
        exercises = {row["slug"] for row in rows(self.package, "exercises")}
        assert exercises == set(Exercise.objects.published().values_list("slug", flat=True))
        assert "pull-up" not in exercises
        faq = {row["slug"] for row in rows(self.package, "faq")}
        assert "is-it-safe-to-train-a-sore-back" not in faq and faq
        assert {row["slug"] for row in rows(self.package, "programs")} == set(
            ProgramTemplate.objects.published().values_list("slug", flat=True)
        )
        pull_up = str(Exercise.objects.get(slug="pull-up").uuid)
        for table in ["exercise_muscles", "exercise_steps", "exercise_poses", "program_prescriptions"]:
            assert all(row["exercise_uuid"] != pull_up for row in rows(self.package, table)), table

    def test_rows_are_joined_by_the_permanent_ids(self):
        exercise = Exercise.objects.get(slug="band-pull-apart")
        listed = next(r for r in rows(self.package, "exercises") if r["slug"] == exercise.slug)
        assert listed["uuid"] == str(exercise.uuid)
        works = {r["muscle_uuid"]: r["role"] for r in rows(self.package, "exercise_muscles")
                 if r["exercise_uuid"] == listed["uuid"]}  # fmt: skip
        assert works == {str(link.muscle.uuid): link.role for link in exercise.exercise_muscles.all()}
        steps = [r for r in rows(self.package, "exercise_steps") if r["exercise_uuid"] == listed["uuid"]]
        assert [s["text"] for s in steps] == [s.text for s in exercise.steps.order_by("position")]

    def test_licence_version_and_image_credits(self):
        described = json.loads((folder(self.package) / "datapackage.json").read_text("utf-8"))
        assert described["licenses"][0]["name"] == "CC-BY-SA-4.0"
        assert described["version"].startswith(f"{datapackage.LAYOUT}.")
        assert described["created"] == self.package["created"]
        credits = rows(self.package, "images")
        drawn = {r["used_by"] for r in credits if r["kind"] == "figure"}
        assert drawn == {f"exercise:{slug}" for slug in Exercise.objects.published().exclude(figure="")
                         .values_list("slug", flat=True)}  # fmt: skip
        assert all(r["author"] and r["licence"] for r in credits)

    def test_json_copies_hold_the_same_rows(self):
        for table in ["exercises", "muscles", "program_prescriptions"]:
            copy = json.loads((folder(self.package) / f"{table}.json").read_text("utf-8"))
            assert [r["uuid"] if "uuid" in r else r["position"] for r in copy] == [
                r["uuid"] if "uuid" in r else int(r["position"]) for r in rows(self.package, table)
            ]


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded_once")
def test_rebuilt_when_content_changes_or_daily_only(data_root, capsys):
    call_command("export_catalogue", "--if-changed")
    first = datapackage.latest()
    assert first and "Building a data package: there is no readable package yet." in capsys.readouterr().out
    call_command("export_catalogue", "--if-changed")
    assert datapackage.latest()["name"] == first["name"]
    assert datapackage.needs_build() == ""
    tomorrow = timezone.now() + datetime.timedelta(days=1, seconds=1)
    assert datapackage.needs_build(now=tomorrow) == "the latest package is a day old"
    bump()  # what every content change does
    assert datapackage.needs_build() == "the content has changed"
    later = timezone.now() + datetime.timedelta(seconds=2)
    second = datapackage.build(now=later)
    assert second["name"] != first["name"] and datapackage.latest()["name"] == second["name"]
    assert (datapackage.root() / first["name"]).is_dir()  # the previous one stays for a while


@pytest.mark.django_db
def test_old_packages_are_pruned(data_root):
    start = timezone.now()
    names = [
        datapackage.build(now=start + datetime.timedelta(seconds=n))["name"]
        for n in range(datapackage.KEEP + 2)
    ]
    kept = sorted(p.name for p in data_root.iterdir() if p.is_dir())
    assert kept == sorted(names[-datapackage.KEEP :])
    assert sorted(p.name for p in data_root.glob("*.zip")) == sorted(f"{n}.zip" for n in kept)


@pytest.mark.django_db
class TestTheDataPage:
    def test_before_the_first_build_it_says_so_and_builds_nothing(self, client, data_root):
        response = client.get(reverse("open-data"))
        assert response.status_code == 200
        assert "The first package has not been built yet" in response.content.decode()
        assert not data_root.exists()

    def test_an_unreadable_pointer_is_not_an_error(self, client, data_root):
        data_root.mkdir(parents=True)
        for broken in ["{", '{"name": "x"}', "[]", '{"name": 1, "zip": null}']:
            (data_root / "latest.json").write_text(broken)
            response = client.get(reverse("open-data"))
            assert response.status_code == 200 and b"has not been built yet" in response.content
            assert datapackage.needs_build() == "there is no readable package yet"

    def test_it_lists_the_latest_package(self, client, data_root, django_assert_max_num_queries):
        built = datapackage.build()
        with django_assert_max_num_queries(2):
            response = client.get(reverse("open-data"))
        page = response.content.decode()
        assert built["version"] in page and f"/media/data/{built['name']}.zip" in page
        for table in built["tables"]:
            assert f"/media/data/{built['name']}/{table['name']}.csv" in page
            assert (data_root / built["name"] / f"{table['name']}.csv").is_file()
        # Never in the page cache (a package is built after the change that bumps it).
        assert "no-cache" in response["Cache-Control"]
        assert "CC BY-SA 4.0" in page


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/media/data/", "/media/"])
def test_a_file_name_too_long_for_the_disk_is_a_404(client, data_root, settings, prefix):
    data_root.mkdir(parents=True)
    settings.MEDIA_ROOT = data_root
    assert client.get(prefix + "x" * 300).status_code == 404
