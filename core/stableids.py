"""A UUID for every public resource that stays the same when its slug is renamed.

Slugs are for people and change (an editor renames "pull-up" to "pull-ups"; the site then
redirects the old address). The UUID is for programs that store a reference to an exercise,
a muscle or an article: it is set once, never edited, and the API and the data package give
it beside the slug.

Seeded rows get a UUID derived from their model and seeded natural key (``stable_uuid``), so
every install of Backsite gives the same exercise the same UUID; rows editors add get a random
one. The seed command and the migrations that added the field use ``stable_uuid``.
"""

import uuid

from django.db import migrations, models

# Backsite's own namespace for name-based (version 5) UUIDs; never change it.
NAMESPACE = uuid.UUID("5b1c7a2e-3f0d-4c8e-9a6b-b4c65e7d2f10")


def stable_uuid(label, key):
    """The UUID of the seeded row of ``label`` ("app.model") whose natural key is ``key``."""
    return uuid.uuid5(NAMESPACE, f"{label.lower()}:{key}")


class StableId(models.Model):
    uuid = models.UUIDField(
        "UUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="A permanent identifier for apps that use the API or the data package; "
        "it stays the same when the slug changes.",
    )

    class Meta:
        abstract = True


def migration_operations(app_label, key_fields):
    """The operations that add ``uuid`` to ``app_label``'s models (and their history), as the
    Django docs describe for unique fields: add it empty, fill each row, then make it unique.
    ``key_fields`` maps a model name to its natural-key field. Existing rows get
    ``stable_uuid`` of their current key, so a database seeded before the field existed holds
    the same UUIDs as a fresh one; history rows take their row's UUID."""

    def field(**options):
        return models.UUIDField("UUID", editable=False, **options)

    def fill(apps, schema_editor):
        for name, key_field in key_fields.items():
            model = apps.get_model(app_label, name)
            ids = {}
            for row in model._base_manager.only("pk", key_field):
                row.uuid = ids[row.pk] = stable_uuid(f"{app_label}.{name}", getattr(row, key_field))
                row.save(update_fields=["uuid"])
            history = apps.get_model(app_label, f"historical{name}")
            for row in history._base_manager.only("pk", "id"):
                row.uuid = ids.get(row.id) or uuid.uuid4()
                row.save(update_fields=["uuid"])

    operations = []
    for name in key_fields:
        operations += [
            migrations.AddField(name, "uuid", field(null=True)),
            migrations.AddField(f"historical{name}", "uuid", field(null=True)),
        ]
    operations.append(migrations.RunPython(fill, migrations.RunPython.noop))
    help_text = StableId._meta.get_field("uuid").help_text
    for name in key_fields:
        operations += [
            migrations.AlterField(name, "uuid", field(default=uuid.uuid4, unique=True, help_text=help_text)),
            migrations.AlterField(
                f"historical{name}",
                "uuid",
                field(default=uuid.uuid4, db_index=True, help_text=help_text),
            ),
        ]
    return operations
