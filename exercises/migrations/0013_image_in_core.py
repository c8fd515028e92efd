"""Lead images point at core.Image, and the moved models' content types follow them.

The Image model (with its history) and the content version moved to the core app with their
tables. Permissions, groups' grants, admin log entries and history refer to models through
their content type, so renaming the content types' app label keeps all of them.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["image", "historicalimage", "contentversion"]


def relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    relabel(apps, "exercises", "core")


def backwards(apps, schema_editor):
    relabel(apps, "core", "exercises")


def image(**options):
    return models.ForeignKey(
        blank=True,
        help_text="Lead image, shown with its credit. Upload new ones under Images.",
        null=True,
        related_name="+",
        to="core.image",
        **options,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("exercises", "0012_writers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="muscle", name="image", field=image(on_delete=django.db.models.deletion.SET_NULL)
                ),
                migrations.AlterField(
                    model_name="exercise", name="image", field=image(on_delete=django.db.models.deletion.SET_NULL)
                ),
                migrations.AlterField(
                    model_name="historicalexercise",
                    name="image",
                    field=image(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING),
                ),
                migrations.AlterField(
                    model_name="historicalmuscle",
                    name="image",
                    field=image(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
