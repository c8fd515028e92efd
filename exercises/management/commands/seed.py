"""Load Backsite's seed content: regions, muscles, equipment, then exercises.

Rows are matched on their natural keys (slugs). A row that already exists is left
exactly as it is, so running the command again changes nothing, and an editor's changes
to seeded content survive `make run`. Only rows missing from the database are added.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

SEED_FILES = ["regions", "muscles", "equipment", "exercises"]


class Command(BaseCommand):
    help = "Add the seed content (fixtures/*.json) that is not in the database yet."

    def handle(self, *args, **options):
        fixture_dir = Path(settings.FIXTURE_DIRS[0])
        created = kept = 0
        with transaction.atomic():
            for name in SEED_FILES:
                with open(fixture_dir / f"{name}.json", encoding="utf-8") as fixture:
                    for item in serializers.deserialize("json", fixture):
                        # The deserializer fills in the primary key when the natural key
                        # already exists in the database: such rows are kept as they are.
                        if item.object.pk is not None:
                            kept += 1
                            continue
                        item.save()
                        created += 1
        self.stdout.write(f"Seed content: {created} rows added, {kept} already present.")
