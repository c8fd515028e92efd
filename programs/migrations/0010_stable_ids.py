from django.db import migrations

from core.stableids import migration_operations


class Migration(migrations.Migration):
    dependencies = [("programs", "0009_issue18_clinical")]

    operations = migration_operations("programs", {"programtemplate": "slug"})
