"""Natural-key lookups that a seed run may remember.

Fixtures name the same muscle or exercise hundreds of times, and the deserializer looks each
name up again. Inside ``remembered()`` (the seed command), a row found once is found again
without a query. Rows that exist are not changed by a seed run, so that is safe; misses are
never remembered (the row may be added a moment later). Outside it, lookups are plain gets.
"""

import contextlib
import contextvars

from .stableids import StableId, stable_uuid

_found = contextvars.ContextVar("backsite_natural_keys", default=None)
_existing = contextvars.ContextVar("backsite_existing_keys", default=None)


@contextlib.contextmanager
def remembered():
    token = _found.set({})
    try:
        yield
    finally:
        _found.reset(token)


def get_by_key(queryset, **key):
    """``queryset.get(**key)``, remembered while a seed run lasts.

    A row with a permanent id (core/stableids.py) is also found by the key it was seeded
    under after an editor renamed it, so seeding again neither re-adds it nor fails."""
    found = _found.get()
    name = (queryset.model, queryset.db, tuple(key.items()))
    if found is not None and name in found:
        return found[name]
    try:
        row = queryset.get(**key)
    except queryset.model.DoesNotExist:
        if not (issubclass(queryset.model, StableId) and len(key) == 1):
            raise
        row = queryset.get(uuid=stable_uuid(queryset.model._meta.label, *key.values()))
    if found is not None:
        found[name] = row
    return row


def related_key(instance, name):
    """The natural key of the row that ``instance``'s foreign key ``name`` points at.

    While a seed run lasts, the row is remembered by its primary key: the deserializer asks
    every new step, muscle link and session for its natural key, and each would otherwise
    fetch its exercise or program again (about 2,400 queries for the seed content).
    """
    if _found.get() is None:
        return getattr(instance, name).natural_key()
    field = instance._meta.get_field(name)
    manager = field.related_model._base_manager
    return get_by_key(manager.all(), pk=getattr(instance, field.attname)).natural_key()


@contextlib.contextmanager
def existing_keys_read_once():
    """While a fixture load lasts: ``get_leaf`` reads each model's existing keys in one query.

    Only for a load that no row of those models is added to in between lookups of the same
    key: the deserializer asks once for each fixture row whether it exists, then adds it.
    """
    token = _existing.set({})
    try:
        yield
    finally:
        _existing.reset(token)


def get_leaf(queryset, **key):
    """``queryset.get(**key)`` for rows that no other row points at (an exercise's steps, a
    session's prescriptions): a seed run asks about each one once, and on a fresh database
    every answer is "no". Inside ``existing_keys_read_once()``, a key absent from the
    model's keys (read in one query) is a miss without a query."""
    existing = _existing.get()
    if existing is not None:
        name = (queryset.model, queryset.db, tuple(key))
        if name not in existing:
            existing[name] = set(queryset.values_list(*key))
        if tuple(key.values()) not in existing[name]:
            raise queryset.model.DoesNotExist(
                f"{queryset.model.__name__} {tuple(key.values())} does not exist."
            )
    return queryset.get(**key)
