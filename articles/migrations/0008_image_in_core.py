"""Lead images point at core.Image (moved from the exercises app, same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_writers'),
        ('core', '0001_initial'),
    ]

    # Lead images now point at the core app's Image, on the same table: no change in the database.
    run_before = [("exercises", "0014_moved_models_leave")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='image',
                    field=models.ForeignKey(blank=True, help_text='Lead image, shown with its credit. Upload new ones under Images.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.image'),
                ),
                migrations.AlterField(
                    model_name='historicalarticle',
                    name='image',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='Lead image, shown with its credit. Upload new ones under Images.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.image'),
                ),
            ],
            database_operations=[],
        ),
    ]
