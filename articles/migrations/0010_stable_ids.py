from django.db import migrations

from core.stableids import migration_operations


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_issue18_clinical")]

    operations = migration_operations("articles", {"article": "slug", "question": "slug"})
