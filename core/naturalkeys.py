"""Natural-key lookups that a seed run may remember.

Fixtures name the same muscle or exercise hundreds of times, and the deserializer looks each
name up again. Inside ``remembered()`` (the seed command), a row found once is found again
without a query. Rows that exist are not changed by a seed run, so that is safe; misses are
never remembered (the row may be added a moment later). Outside it, lookups are plain gets.
"""

import contextlib
import contextvars

_found = contextvars.ContextVar("backsite_natural_keys", default=None)


@contextlib.contextmanager
def remembered():
    token = _found.set({})
    try:
        yield
    finally:
        _found.reset(token)


def get_by_key(queryset, **key):
    """``queryset.get(**key)``, remembered while a seed run lasts."""
    found = _found.get()
    if found is None:
        return queryset.get(**key)
    name = (queryset.model, queryset.db, tuple(key.items()))
    if name not in found:
        found[name] = queryset.get(**key)
    return found[name]
