"""Moving shared models to the core app loses nothing (issue 19).

A database is built by the code as it was just before the move (this repository's commit
BEFORE_CORE, exported with `git archive`): migrated, seeded, with an editor's change in the
history and an uploaded image on an exercise. Today's code then migrates it. Every row of
every table must be the same afterwards, except the moved models' content types (which now
say "core") and the migration log; and the image, its history and the permissions that
groups hold on it must still work.
"""

import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BEFORE_CORE = "99f80adea82a04203b9e1d7db5f1814980ab1491"
PG = "postgres://postgres@127.0.0.1:5432"
#: Models that later releases added to the exercises app (they are not part of the move).
MODELS_ADDED_SINCE = ["exercisepose"]
#: Many-to-many tables later releases added (issue 18's sources): no content type of their own.
TABLES_ADDED_SINCE = [
    "exercises_muscle_references",
    "exercises_bodyregion_references",
    "programs_programtemplate_references",
    "programs_trainingguideline_references",
]
REHAB = ["rehab_hold", "rehab_repetitions", "rehab_frequency", "rehab_progression", "rehab_stop"]
#: Columns later releases added to tables that existed before the move: left out of the
#: digests, and checked to hold only their empty default after migrating.
COLUMNS_ADDED_SINCE = {
    "exercises_exercise": ["figure", "dose_style", *REHAB],
    "exercises_historicalexercise": ["dose_style", *REHAB],
    "exercises_bodyregion": ["vertebrae"],
    "exercises_historicalbodyregion": ["vertebrae"],
}
#: Columns later releases added and filled by data migrations (each with its own test), or
#: added with a default that is not text (flags false, review dates empty, issue 18): left out
#: of the digests only.
FLAGS = ["no_easier", "no_harder"]
COLUMNS_FILLED_SINCE = {
    "exercises_muscle": ["training_region_id", "reviewed_on"],
    "exercises_historicalmuscle": ["training_region_id", "reviewed_on"],
    "exercises_exercise": FLAGS,
    "exercises_historicalexercise": FLAGS,
    "exercises_bodyregion": ["reviewed_on"],
    "exercises_historicalbodyregion": ["reviewed_on"],
    "exercises_benefit": ["red_flags"],
    "exercises_historicalbenefit": ["red_flags"],
    "programs_programtemplate": ["red_flags", "reviewed_on"],
    "programs_historicalprogramtemplate": ["red_flags", "reviewed_on"],
    "programs_trainingguideline": ["reviewed_on"],
    "articles_question": ["red_flags"],
    "articles_historicalquestion": ["red_flags"],
}
#: Issue 20's permanent ids: every row of these tables gained a filled ``uuid``.
for _table in [
    "exercises_bodyregion",
    "exercises_muscle",
    "exercises_equipment",
    "exercises_reference",
    "exercises_benefit",
    "exercises_exercise",
    "programs_programtemplate",
    "articles_article",
    "articles_question",
]:
    for _name in (_table, _table.replace("_", "_historical", 1)):
        COLUMNS_FILLED_SINCE.setdefault(_name, []).append("uuid")
#: The search index is derived from the content and rewritten whenever its format changes
#: (core migration 0002): left out of the digests in every table.
DERIVED = ["search_text", "search_vector"]

pytestmark = pytest.mark.system

#: One line per table: its name, row count and a digest of its sorted rows.
ROWS = (
    """
import hashlib
from django.db import connection
added = ADDED
skipped = SKIPPED
DERIVED = DERIVED_COLUMNS
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table.startswith("sqlite_"):
            continue
        columns = [
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
            if column.name not in added.get(table, []) + skipped.get(table, []) + DERIVED
        ]
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
        rows = sorted(repr(tuple(str(value) for value in row)) for row in cursor.fetchall())
        print(table, len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()[:16])
    for table, names in added.items():
        if table in connection.introspection.table_names():
            present = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            for name in [name for name in names if name in present]:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE {connection.ops.quote_name(name)} <> ''"
                )
                print(f"filled {table}.{name}", cursor.fetchone()[0])
""".replace("ADDED", repr(COLUMNS_ADDED_SINCE))
    .replace("SKIPPED", repr(COLUMNS_FILLED_SINCE))
    .replace("DERIVED_COLUMNS", repr(DERIVED))
)

AUTHOR = """
import io
from PIL import Image as Pillow
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.apps import apps
Image = apps.get_model("exercises", "Image")
from exercises.models import Exercise
user = User.objects.create_user("alex", password="a-long-test-password", is_staff=True)
user.groups.add(Group.objects.get(name="Editors"))
buffer = io.BytesIO()
Pillow.new("RGB", (640, 480), (20, 90, 80)).save(buffer, "PNG")
image = Image(alt_text="A row, side view", author="Backsite")
image.file = SimpleUploadedFile("row.png", buffer.getvalue(), content_type="image/png")
image._history_user = user
image.save()
exercise = Exercise.objects.get(slug="pull-up")
exercise.image = image
exercise.summary = "Changed by alex."
exercise._history_user = user
exercise.save()
"""

AFTER = """
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from core.models import ContentVersion, Image
from exercises.models import Exercise
image = Exercise.objects.get(slug="pull-up").image
print("image", image.alt_text, image.history.count(), image.history.first().history_user.username)
print("version rows", ContentVersion.objects.count())
print("types", sorted(c.app_label for c in ContentType.objects.filter(model__in=["image", "contentversion"])))
print("editors may add images", Group.objects.get(name="Editors").permissions.filter(
    content_type__app_label="core", codename="add_image").exists())
"""


def old_tree(tmp_path):
    """The project as it was at BEFORE_CORE, in a folder of its own."""
    archive = tmp_path / "before.tar"
    subprocess.run(
        [shutil.which("git"), "archive", "-o", archive, BEFORE_CORE],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    folder = tmp_path / "before"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


def manage(folder, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=folder, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'moved.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    name = f"backsite_move_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tables(listing):
    return {
        line.split()[0]: line.split()[1:]
        for line in listing.splitlines()
        if line.strip() and not line.startswith("filled ")
    }


def filled(listing):
    """How many rows of each column added since hold anything but its empty default."""
    lines = [line.split() for line in listing.splitlines() if line.startswith("filled ")]
    return {words[1]: int(words[2]) for words in lines}


def test_a_database_from_before_the_move_keeps_every_row(tmp_path, database):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the repository's history")
    before_tree = old_tree(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="backsite.settings_test",
        DATABASE_URL=database,
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    manage(before_tree, env, "migrate", "-v0")
    manage(before_tree, env, "seed", "-v0")
    manage(before_tree, env, "shell", "--no-imports", "-c", AUTHOR)
    before = tables(manage(before_tree, env, "shell", "--no-imports", "-c", ROWS))

    manage(ROOT, env, "migrate", "-v0")
    listing = manage(ROOT, env, "shell", "--no-imports", "-c", ROWS)
    after = tables(listing)
    # The pre-move seed has no poses, so no exercise has a figure version yet.
    assert filled(listing) == {
        f"{table}.{name}": 0 for table, names in COLUMNS_ADDED_SINCE.items() for name in names
    }
    # Models added since the move bring their own (empty) tables, and Django adds their
    # content types and permissions; every other row must be untouched.
    added = {name for name in after.keys() - before.keys()}
    assert added == {f"exercises_{model}" for model in MODELS_ADDED_SINCE} | set(TABLES_ADDED_SINCE)
    assert all(after[name][0] == "0" for name in added)
    changed = {name for name in before.keys() & after.keys() if before[name] != after[name]}
    assert changed == {"django_content_type", "django_migrations", "auth_permission"}
    new_types = int(after["django_content_type"][0]) - int(before["django_content_type"][0])
    assert new_types == len(MODELS_ADDED_SINCE)  # the moved models' types renamed, none added
    new_permissions = int(after["auth_permission"][0]) - int(before["auth_permission"][0])
    assert new_permissions == 4 * len(MODELS_ADDED_SINCE)  # add, change, delete, view

    report = manage(ROOT, env, "shell", "--no-imports", "-c", AFTER)
    assert "image A row, side view 1 alex" in report
    assert "version rows 1" in report and "types ['core', 'core']" in report
    assert "editors may add images True" in report

    # And back: the move is reversible down to the migration before it. (Afterwards Django
    # adds content types and permissions for the models today's code knows; they are new rows.)
    manage(ROOT, env, "migrate", "exercises", "0012", "-v0")
    undone = tables(manage(ROOT, env, "shell", "--no-imports", "-c", ROWS))
    bookkeeping = {"django_migrations", "django_content_type", "auth_permission"}
    assert {k: v for k, v in undone.items() if k not in bookkeeping} == {
        k: v for k, v in before.items() if k not in bookkeeping
    }
