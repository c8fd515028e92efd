"""Search text is now stored with "up", "down", "apart", "over" and "out" joined to the word
before them ("pull-up" -> "pullup"). Emptying every stored search text lets the post_migrate
indexer (core.search.index_missing) write it again in the new form, for every searchable
model, without this app naming the others."""

from django.db import migrations


def forget_search_text(apps, schema_editor):
    tables = set(schema_editor.connection.introspection.table_names())
    for model in apps.get_models():
        fields = {f.name for f in model._meta.get_fields()}
        if "search_text" in fields and model._meta.db_table in tables:
            model._base_manager.update(search_text="")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forget_search_text, migrations.RunPython.noop, elidable=True)]
