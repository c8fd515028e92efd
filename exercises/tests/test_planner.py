"""Loading seed content leaves the query planner with statistics for the new rows."""

import pytest
from django.core.management import call_command
from django.db import connection


def planner_knows_exercises():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return False
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'exercises_exercise'")
            return cursor.fetchone()[0] > 0
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'exercises_exercise'")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_seed_refreshes_planner_statistics():
    if connection.vendor == "sqlite":
        if planner_knows_exercises():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM sqlite_stat1")
        assert not planner_knows_exercises()
    # (PostgreSQL: earlier tests' statistics may have been committed by its own analyzer.)
    call_command("seed", verbosity=0)
    assert planner_knows_exercises()
