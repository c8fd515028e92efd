"""Restore a `make backup` file into an empty database, in one command.

It migrates, refuses a database that already holds content or accounts (a restore never
merges into live data), loads the file in one transaction, and rebuilds the search index
(which also invalidates every cached page).
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.registry import CONTENT_APPS


class Command(BaseCommand):
    help = "Migrate an empty database and load a backup made by `make backup` into it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backups/backsite-<time>.json.gz file.")

    def handle(self, *args, file, verbosity=1, **options):
        call_command("migrate", interactive=False, verbosity=0)
        occupied = [
            model._meta.label
            for config in apps.get_app_configs()
            if config.label in CONTENT_APPS
            for model in config.get_models()
            if model._meta.model_name != "contentversion" and model._default_manager.exists()
        ]
        if get_user_model()._default_manager.exists():
            occupied.append("users")
        if occupied:
            raise CommandError(
                "This database is not empty (it holds " + ", ".join(occupied[:5]) + "). Restore into a new, "
                "empty database; see docs/operations.md."
            )
        call_command("loaddata", file, verbosity=verbosity)
        call_command("search_index", verbosity=verbosity)
        self.stdout.write(f"Restored {file}.")
