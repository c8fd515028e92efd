"""Each back muscle names the one region its training counts toward in the balance check.

The seeded muscles get the region where they do their work: the lats and teres major pull
the arm, so they train the middle back although the lats reach down to the pelvis; the
erector spinae and quadratus lumborum extend and steady the lumbar spine, the lower back.
Only rows still without a region are set, and going back clears only the values set here.
"""

import django.db.models.deletion
from django.db import migrations, models

SEEDED = {
    "trapezius": "upper-back",
    "upper-trapezius": "upper-back",
    "middle-trapezius": "middle-back",
    "lower-trapezius": "middle-back",
    "latissimus-dorsi": "middle-back",
    "teres-major": "middle-back",
    "rhomboids": "upper-back",
    "levator-scapulae": "upper-back",
    "infraspinatus": "upper-back",
    "rear-deltoid": "upper-back",
    "erector-spinae": "lower-back",
    "quadratus-lumborum": "lower-back",
}


def forwards(apps, schema_editor):
    Muscle = apps.get_model("exercises", "Muscle")
    regions = {r.slug: r for r in apps.get_model("exercises", "BodyRegion").objects.all()}
    for muscle, region in SEEDED.items():
        if region in regions:
            Muscle.objects.filter(slug=muscle, training_region=None).update(training_region=regions[region])


def backwards(apps, schema_editor):
    Muscle = apps.get_model("exercises", "Muscle")
    for muscle, region in SEEDED.items():
        Muscle.objects.filter(slug=muscle, training_region__slug=region).update(training_region=None)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0020_side_deltoid_shape"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmuscle",
            name="training_region",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The one back region whose training this muscle's work counts toward in the balance check: where it does its work, not everywhere it reaches (the lats reach the lower back but pull the arms, so they train the middle back). Leave empty for muscles outside the back.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="exercises.bodyregion",
                verbose_name="region it trains",
            ),
        ),
        migrations.AddField(
            model_name="muscle",
            name="training_region",
            field=models.ForeignKey(
                blank=True,
                help_text="The one back region whose training this muscle's work counts toward in the balance check: where it does its work, not everywhere it reaches (the lats reach the lower back but pull the arms, so they train the middle back). Leave empty for muscles outside the back.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="trained_muscles",
                to="exercises.bodyregion",
                verbose_name="region it trains",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
