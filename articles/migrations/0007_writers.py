"""A Writers group: drafts and submits this app's content for review, never publishes."""

from django.db import migrations

from core.roles import grant_writers, revoke_writers

MODELS = ['article', 'articlereference', 'question']
PARTS = ['articlereference']


def forwards(apps, schema_editor):
    grant_writers(apps, "articles", MODELS, PARTS)


def backwards(apps, schema_editor):
    revoke_writers(apps, "articles")


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search")]

    operations = [migrations.RunPython(forwards, backwards)]
