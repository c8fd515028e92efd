"""`make backup` then `make restore` into an empty database brings every row of every table back.

Before (issue 21): history rows name their authors, and the backup held no users, so the
documented restore stopped with "User matching query does not exist" and loaded nothing.
Runs on SQLite and on the machine's PostgreSQL (in databases of its own, dropped after).
"""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432"

pytestmark = pytest.mark.system


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


#: Every table's row count, one "table count" line each, plus who wrote the newest history row.
COUNT = """
from django.db import connection
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table.startswith("sqlite_"):
            continue  # SQLite's planner statistics, not data
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        print(table, cursor.fetchone()[0])
from exercises.models import Exercise
print("indexed", Exercise.objects.exclude(search_text="").count())
authored = Exercise.history.filter(history_user__isnull=False)
print("author", authored.values_list("history_user__username", flat=True).first())
"""

#: An editor, in a group, changes an exercise through the admin log and the history.
AUTHOR = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from exercises.models import Exercise
user = User.objects.create_user("alex", password="a-long-test-password", is_staff=True)
user.groups.add(Group.objects.get(name="Writers"))
exercise = Exercise.objects.get(slug="pull-up")
exercise.summary = "Changed by alex."
exercise._history_user = user
exercise.save()
LogEntry.objects.log_actions(user.pk, [exercise], CHANGE, change_message="Changed.", single_object=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    """URLs of two fresh databases: the source to back up, the empty target to restore into."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    names = [f"backsite_backup_{which}_{uuid.uuid4().hex[:8]}" for which in ("source", "target")]
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(f"{PG}/{name}" for name in names)
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_every_row_into_an_empty_database(tmp_path, databases):
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "backsite.settings_test"}
    base.pop("REDIS_URL", None)
    source = {**base, "DATABASE_URL": databases[0]}
    target = {**base, "DATABASE_URL": databases[1]}
    manage(source, "migrate", "-v0")
    manage(source, "seed", "-v0")
    manage(source, "shell", "--no-imports", "-c", AUTHOR)
    make = shutil.which("make") or "make"
    out = subprocess.run(
        [make, "-s", "backup", f"BACKUP_DIR={tmp_path}", "PY=" + sys.executable],
        cwd=ROOT,
        env=source,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    dump = next(tmp_path.glob("backsite-*.json.gz"))
    assert str(dump) in out and dump.stat().st_size > 10_000

    restored = subprocess.run(
        [make, "-s", "restore", f"FILE={dump}", "PY=" + sys.executable],
        cwd=ROOT,
        env=target,
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr
    before = manage(source, "shell", "--no-imports", "-c", COUNT)
    after = manage(target, "shell", "--no-imports", "-c", COUNT)
    assert after == before
    assert "author alex" in after and "exercises_exercise 0\n" not in after and "auth_user 1\n" in after

    # A second restore into the now full database is refused, and changes nothing.
    again = subprocess.run(
        [make, "-s", "restore", f"FILE={dump}", "PY=" + sys.executable],
        cwd=ROOT,
        env=target,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "not empty" in again.stderr
    assert manage(target, "shell", "--no-imports", "-c", COUNT) == after
