"""Let Editors upload and change images, and Reviewers change them (neither deletes)."""

from django.db import migrations

from core.roles import grant, revoke


def forwards(apps, schema_editor):
    grant(apps, "exercises", ["image"], publishable=[])


def backwards(apps, schema_editor):
    revoke(apps, "exercises", ["image"])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0007_images")]

    operations = [migrations.RunPython(forwards, backwards)]
