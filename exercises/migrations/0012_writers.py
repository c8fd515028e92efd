"""A Writers group: drafts and submits this app's content for review, never publishes."""

from django.db import migrations

from core.roles import grant_writers, revoke_writers

MODELS = ['bodyregion', 'muscle', 'equipment', 'exercise', 'exercisestep', 'exercisemuscle', 'exerciselink', 'reference', 'benefit', 'image']
PARTS = ['exercisestep', 'exercisemuscle', 'exerciselink']


def forwards(apps, schema_editor):
    grant_writers(apps, "exercises", MODELS, PARTS)


def backwards(apps, schema_editor):
    revoke_writers(apps, "exercises")


class Migration(migrations.Migration):
    dependencies = [("exercises", "0011_content_version")]

    operations = [migrations.RunPython(forwards, backwards)]
