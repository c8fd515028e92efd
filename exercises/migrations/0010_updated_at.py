# Sitemaps give muscles and regions a lastmod, so they record when they last changed.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("exercises", "0009_search")]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="updated_at",
                field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
                preserve_default=False,
            )
            for model in ["bodyregion", "muscle"]
        ),
        *(
            migrations.AddField(
                model_name=model,
                name="updated_at",
                field=models.DateTimeField(blank=True, editable=False, default=django.utils.timezone.now),
                preserve_default=False,
            )
            for model in ["historicalbodyregion", "historicalmuscle"]
        ),
    ]
