"""Load Backsite's seed content from fixtures/.

Each app names its seed files in its AppConfig (``seed_files``); they load in the order of
INSTALLED_APPS, so the core's taxonomy comes before the content that points at it.

Rows are matched on their natural keys (slugs). A row missing from the database is added.
A row that exists is never overwritten: only its *empty* fields (and empty many-to-many
links) are filled from the seed, so a field added in a later release reaches existing
databases, and everything an editor has written stays as it is. Running the command again
therefore changes nothing.

Corrections to seeded text ship in fixtures/corrections.json and are applied only to rows
whose value is still the old seeded one (core/corrections.py).
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from core import corrections
from core.naturalkeys import existing_keys_read_once, remembered
from core.pagecache import bump, quietly
from core.planner import refresh_statistics
from core.search import index_missing
from core.stableids import StableId, stable_uuid


def is_empty(value):
    return value is None or value == ""


def give_stable_id(row):
    """A new seeded row's UUID comes from its natural key, so every install gives it the same
    one; unless another row holds it already (a seeded row an editor has renamed)."""
    if isinstance(row, StableId):
        wanted = stable_uuid(row._meta.label, row.natural_key()[0])
        if not type(row)._base_manager.filter(uuid=wanted).exists():
            row.uuid = wanted


def seed_files():
    for config in apps.get_app_configs():
        yield from getattr(config, "seed_files", [])


class Command(BaseCommand):
    help = "Add the seed content (fixtures/*.json) that is not in the database yet."

    def handle(self, *args, **options):
        with transaction.atomic(), remembered():
            with quietly():  # apps redo their per-row signal work once, at the end
                # Corrections first, so the rows they fix take their new values before blanks
                # are filled around them; and again after, for those that point at new rows.
                fixes = Path(settings.FIXTURE_DIRS[0]) / "corrections.json"
                # A fresh database holds nothing to correct (the fixtures are current).
                seeded_before = corrections.any_seeded_rows()
                corrected = corrections.apply(fixes) if seeded_before else 0
                with existing_keys_read_once():
                    self.load(counts := {"added": 0, "filled": 0, "kept": 0})
                corrected += corrections.apply(fixes) if seeded_before else 0
            added, filled, kept = counts["added"], counts["filled"] + corrected, counts["kept"]
            # Fixtures load raw, so the new rows are indexed for search here, once (every row
            # when blanks were filled: a filled part changes its parent's text).
            index_missing(rebuild=bool(filled))
            if added or filled:
                bump()  # and cached pages are invalidated once
                refresh_statistics()
        self.stdout.write(
            f"Seed content: {added} rows added, {counts['filled']} filled in, {corrected} corrected, "
            f"{kept} already complete."
        )

    def load(self, counts):
        fixture_dir = Path(settings.FIXTURE_DIRS[0])
        for name in seed_files():
            with open(fixture_dir / f"{name}.json", encoding="utf-8") as fixture:
                for item in serializers.deserialize("json", fixture):
                    # The deserializer sets the primary key when the natural key already
                    # exists in the database.
                    if item.object.pk is None:
                        give_stable_id(item.object)
                        try:
                            with transaction.atomic():
                                item.save()
                        except IntegrityError:
                            # A part of a seeded row an editor renamed (found by its permanent
                            # id) that the editor's row already has: theirs stays.
                            counts["kept"] += 1
                            continue
                        counts["added"] += 1
                    elif self.fill_blanks(item):
                        counts["filled"] += 1
                    else:
                        counts["kept"] += 1

    @staticmethod
    def fill_blanks(item):
        """Copy seed values into the stored row's empty fields; True when anything changed."""
        seed_row = item.object
        model = type(seed_row)
        stored = model._base_manager.get(pk=seed_row.pk)
        changed = [
            field.attname
            for field in model._meta.concrete_fields
            if not field.primary_key
            and is_empty(getattr(stored, field.attname))
            and not is_empty(getattr(seed_row, field.attname))
        ]
        for attname in changed:
            setattr(stored, attname, getattr(seed_row, attname))
        if changed:
            try:
                with transaction.atomic():
                    stored.save(update_fields=changed)
            except IntegrityError:
                # An editor's values and the seed's would break a rule together: theirs stay.
                changed = []
        links = [
            (name, values)
            for name, values in (item.m2m_data or {}).items()
            if values and not getattr(stored, name).exists()
        ]
        for name, values in links:
            getattr(stored, name).set(values)
        return bool(changed or links)
