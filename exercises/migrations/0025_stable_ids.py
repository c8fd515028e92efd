from django.db import migrations

from core.stableids import migration_operations


class Migration(migrations.Migration):
    dependencies = [("exercises", "0024_issue18_clinical")]

    operations = migration_operations(
        "exercises",
        {
            "bodyregion": "slug",
            "muscle": "slug",
            "equipment": "slug",
            "reference": "key",
            "benefit": "slug",
            "exercise": "slug",
        },
    )
