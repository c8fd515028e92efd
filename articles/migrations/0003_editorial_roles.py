"""Give the Editors and Reviewers groups their permissions on this app's models."""

from django.db import migrations

from core.roles import grant, revoke

MODELS = ['article', 'articlereference', 'question']
PARTS = ['articlereference']
PUBLISHABLE = ['article', 'question']


def forwards(apps, schema_editor):
    grant(apps, "articles", MODELS, PUBLISHABLE, PARTS)


def backwards(apps, schema_editor):
    revoke(apps, "articles")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
