"""Keep the database's query planner informed after loading many rows at once.

Without statistics SQLite guesses, and at 10,000 exercises it guessed badly: a program page's
swap lookup walked every published exercise instead of the 16 on the page (115 ms, 20 ms after
ANALYZE). PostgreSQL's autovacuum analyzes eventually, but not straight after a bulk load.
``seed`` and ``synthetic`` call this when they have changed rows.
"""

from django.db import connection


def refresh_statistics():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
