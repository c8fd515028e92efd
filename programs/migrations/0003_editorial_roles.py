"""Give the Editors and Reviewers groups their permissions on this app's models."""

from django.db import migrations

from core.roles import grant, revoke

MODELS = ['programtemplate', 'phase', 'programsession', 'prescription', 'trainingguideline']
PARTS = ['phase', 'programsession', 'prescription']
PUBLISHABLE = ['programtemplate']


def forwards(apps, schema_editor):
    grant(apps, "programs", MODELS, PUBLISHABLE, PARTS)


def backwards(apps, schema_editor):
    revoke(apps, "programs")


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
