"""Image, its history and the content version now belong to the core app: they leave this
app's migration state. Their tables stay, now the core app's (core/migrations/0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("exercises", "0013_image_in_core")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalImage"),
                migrations.DeleteModel(name="Image"),
                migrations.DeleteModel(name="ContentVersion"),
            ],
            database_operations=[],
        ),
    ]
