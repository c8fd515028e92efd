"""A Writers group: drafts and submits this app's content for review, never publishes."""

from django.db import migrations

from core.roles import grant_writers, revoke_writers

MODELS = ['programtemplate', 'phase', 'programsession', 'prescription', 'trainingguideline']
PARTS = ['phase', 'programsession', 'prescription']


def forwards(apps, schema_editor):
    grant_writers(apps, "programs", MODELS, PARTS)


def backwards(apps, schema_editor):
    revoke_writers(apps, "programs")


class Migration(migrations.Migration):
    dependencies = [("programs", "0006_search")]

    operations = [migrations.RunPython(forwards, backwards)]
