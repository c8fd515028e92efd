"""Rebuild the site-search index (search_text, and search_vector on PostgreSQL)."""

from django.core.management.base import BaseCommand

from exercises.search import index_missing


class Command(BaseCommand):
    help = "Index every searchable row again (or, with --missing, only rows never indexed)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only rows with no index yet.")

    def handle(self, *args, missing=False, **options):
        count = index_missing(rebuild=not missing)
        self.stdout.write(f"Search index: {count} rows indexed.")
