"""Rebuild the site-search index (search_text, and search_vector on PostgreSQL).

It is the last step of a restore (docs/operations.md), and fixtures load without signals, so
it also bumps the content version: no server keeps serving pages cached before the restore.
"""

from django.core.management.base import BaseCommand

from core.pagecache import bump
from core.search import index_missing


class Command(BaseCommand):
    help = "Index every searchable row again (or, with --missing, only rows never indexed)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only rows with no index yet.")

    def handle(self, *args, missing=False, **options):
        count = index_missing(rebuild=not missing)
        bump()
        self.stdout.write(f"Search index: {count} rows indexed.")
