"""Corrections to seed content that reach databases seeded by an earlier release.

``manage.py seed`` never overwrites a row that exists (an editor may have changed it). When a
release corrects seeded text (a wrong insertion, a muscle role, a clashing alias), the fix
ships in ``fixtures/corrections.json`` as entries such as::

    {"model": "<app>.<model>", "key": ["seal-push-up", "erector-spinae"],
     "field": "role", "old": "primary", "new": "stretched"}

and the seed applies each one only while the stored value still equals ``old``: a value an
editor changed is theirs and stays. A many-to-many field compares and sets the sorted natural
keys of its rows; a foreign key, the natural key of its target. An entry with ``"delete": true``
and the row's old ``fields`` removes a row the seed no longer ships, again only while every
one of those fields is unchanged. Applying the list twice changes nothing.

``manage.py seed_corrections REF`` writes the entries by comparing the fixtures of an earlier
commit with the working tree; each app's ``seed_keys`` says which fixture fields make each of
its models' natural key (a test checks them against ``natural_key()``).
"""

import json

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction


def key_fields():
    """{"app_label.model": the fixture fields whose values, flattened in order, make its natural
    key}, from each app's AppConfig (``seed_keys``: {model name: fields})."""
    return {
        f"{config.label}.{model}": fields
        for config in apps.get_app_configs()
        for model, fields in getattr(config, "seed_keys", {}).items()
    }


#: Fields a correction never touches: they record when, not what.
SKIPPED_FIELDS = {"created_at", "updated_at", "published_at"}


def any_seeded_rows():
    """Whether any model the seed fills holds a row (one query a model, until one does)."""
    return any(apps.get_model(label)._default_manager.exists() for label in key_fields())


def flatten(values):
    """A fixture natural key, nested lists included, as one flat list."""
    flat = []
    for value in values:
        flat.extend(flatten(value) if isinstance(value, list) else [value])
    return flat


def fixture_key(item, keys=None):
    keys = keys or key_fields()
    return flatten([item["fields"][name] for name in keys[item["model"]]])


def natural(obj):
    return list(obj.natural_key()) if obj is not None else None


def stored_value(obj, field):
    """The stored value of ``field`` in the form fixtures write it."""
    if field.many_to_many:
        return sorted(natural(related) for related in getattr(obj, field.name).all())
    if field.many_to_one:
        return natural(getattr(obj, field.name))
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return field.value_to_string(obj) or None  # fixtures write dates as "2026-12-05"
    return getattr(obj, field.attname)


def same(stored, wanted):
    if isinstance(wanted, list) and wanted and isinstance(wanted[0], list):
        return sorted(stored or []) == sorted(wanted)
    return stored == wanted


def target(field, value):
    """A foreign key's or many-to-many field's rows from their natural keys."""
    manager = field.related_model._default_manager
    if field.many_to_many:
        return [manager.get_by_natural_key(*key) for key in value]
    return None if value is None else manager.get_by_natural_key(*value)


def apply(path):
    """Apply the entries in ``path`` (a JSON list); returns how many rows changed.

    A row's entries apply together, in one save, so a row never passes through a state its
    constraints forbid; a row that would still break one (an editor changed a field the
    corrected ones depend on) is left as it is.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except FileNotFoundError:
        return 0
    rows = {}
    for entry in entries:  # grouped per row, in the file's order
        rows.setdefault((entry["model"], json.dumps(entry["key"])), []).append(entry)
    changed = 0
    for (label, key), row_entries in rows.items():
        model = apps.get_model(label)
        try:
            obj = model._default_manager.get_by_natural_key(*json.loads(key))
        except model.DoesNotExist:
            continue  # removed by an editor, or never seeded
        changed += correct(obj, row_entries)
    return changed


def correct(obj, entries):
    """Apply one row's entries; 1 when the row changed."""
    model = type(obj)
    for entry in entries:
        if entry.get("delete"):
            fields = {name: model._meta.get_field(name) for name in entry["fields"]}
            if all(same(stored_value(obj, f), entry["fields"][name]) for name, f in fields.items()):
                obj.delete()
                return 1
            return 0
    due = [
        (field, entry["new"])
        for entry in entries
        if same(stored_value(obj, field := model._meta.get_field(entry["field"])), entry["old"])
    ]
    if not due:
        return 0
    try:
        with transaction.atomic():
            for field, value in due:
                if field.many_to_one:
                    setattr(obj, field.name, target(field, value))
                elif not field.many_to_many:
                    setattr(obj, field.attname, field.to_python(value))
            if simple := [field.name for field, _value in due if not field.many_to_many]:
                obj.save(update_fields=simple)
            for field, value in due:
                if field.many_to_many:
                    getattr(obj, field.name).set(target(field, value))
    except (IntegrityError, ObjectDoesNotExist):
        return 0
    return 1
