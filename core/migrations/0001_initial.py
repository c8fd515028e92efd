"""The image library and the content version move here from the exercises app, tables and all."""

import core.images
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables were made by the exercises app's migrations (0007 and 0011) and keep their
    # names: this only tells Django that the models now belong to the core app.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContentVersion',
                    fields=[
                        ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                        ('version', models.PositiveBigIntegerField(default=1)),
                        ('next_change_at', models.DateTimeField(blank=True, help_text='When the next scheduled item goes live.', null=True)),
                    ],
                    options={
                        'db_table': 'exercises_contentversion',
                        'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='content_version_single_row')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalImage',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('file', models.TextField(help_text='A JPEG, PNG or WebP, at most 8 MB and 6,000 pixels on the longest side. Smaller copies for phones are made automatically.', max_length=100, validators=[django.core.validators.FileExtensionValidator(['jpg', 'jpeg', 'png', 'webp']), core.images.validate_image_file])),
                        ('alt_text', models.CharField(help_text='What the image shows, for people who cannot see it (for example "A woman at the top of a seated cable row, elbows by her ribs").', max_length=250)),
                        ('caption', models.CharField(blank=True, help_text='Optional line shown under it.', max_length=250)),
                        ('author', models.CharField(help_text='Who made it: a person or an organisation.', max_length=120)),
                        ('licence', models.CharField(choices=[('own', 'Our own work'), ('cc0', 'CC0 (public domain dedication)'), ('pd', 'Public domain'), ('cc-by', 'CC BY 4.0'), ('cc-by-sa', 'CC BY-SA 4.0'), ('permission', 'Used with permission')], default='own', max_length=20)),
                        ('source_url', models.URLField(blank=True, help_text='Where the original came from, if it is not our own.', verbose_name='source address')),
                        ('width', models.PositiveIntegerField(default=0, editable=False)),
                        ('height', models.PositiveIntegerField(default=0, editable=False)),
                        ('uploaded_at', models.DateTimeField(blank=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical image',
                        'verbose_name_plural': 'historical images',
                        'db_table': 'exercises_historicalimage',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Image',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.ImageField(help_text='A JPEG, PNG or WebP, at most 8 MB and 6,000 pixels on the longest side. Smaller copies for phones are made automatically.', upload_to='images/%Y/%m/', validators=[django.core.validators.FileExtensionValidator(['jpg', 'jpeg', 'png', 'webp']), core.images.validate_image_file])),
                        ('alt_text', models.CharField(help_text='What the image shows, for people who cannot see it (for example "A woman at the top of a seated cable row, elbows by her ribs").', max_length=250)),
                        ('caption', models.CharField(blank=True, help_text='Optional line shown under it.', max_length=250)),
                        ('author', models.CharField(help_text='Who made it: a person or an organisation.', max_length=120)),
                        ('licence', models.CharField(choices=[('own', 'Our own work'), ('cc0', 'CC0 (public domain dedication)'), ('pd', 'Public domain'), ('cc-by', 'CC BY 4.0'), ('cc-by-sa', 'CC BY-SA 4.0'), ('permission', 'Used with permission')], default='own', max_length=20)),
                        ('source_url', models.URLField(blank=True, help_text='Where the original came from, if it is not our own.', verbose_name='source address')),
                        ('width', models.PositiveIntegerField(default=0, editable=False)),
                        ('height', models.PositiveIntegerField(default=0, editable=False)),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'exercises_image',
                        'ordering': ['-uploaded_at'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('alt_text', ''), _negated=True), name='image_has_alt_text'), models.CheckConstraint(condition=models.Q(('author', ''), _negated=True), name='image_has_author')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
