"""Give the Editors and Reviewers groups their permissions on this app's models."""

from django.db import migrations

from core.roles import grant, revoke

MODELS = ['bodyregion', 'muscle', 'equipment', 'exercise', 'exercisestep', 'exercisemuscle', 'exerciselink', 'reference', 'benefit']
PARTS = ['exercisestep', 'exercisemuscle', 'exerciselink']
PUBLISHABLE = ['exercise']


def forwards(apps, schema_editor):
    grant(apps, "exercises", MODELS, PUBLISHABLE, PARTS)


def backwards(apps, schema_editor):
    revoke(apps, "exercises")


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
