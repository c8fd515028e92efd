"""Exercise cards as cached HTML fragments, keyed by content version and exercise.

A card (templates/includes/exercise_card.html) depends only on its exercise, that
exercise's primary muscles and equipment, so every list that shows a card can share one
rendering until the next content change. Missing cards are read in one go and stored.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .models import Exercise

logger = logging.getLogger(__name__)


def exercise_cards(pks, version):
    """The rendered cards of the published exercises ``pks``, in that order."""
    keys = {pk: f"card:{version}:{pk}" for pk in pks}
    try:
        found = cache.get_many(keys.values())
    except Exception:  # a cache outage must not take pages down  # noqa: BLE001
        logger.warning("card cache unavailable", exc_info=True)
        found = {}
    missing = [pk for pk in pks if keys[pk] not in found]
    if missing:
        fresh = {
            keys[exercise.pk]: render_to_string("includes/exercise_card.html", {"exercise": exercise})
            for exercise in Exercise.objects.published().filter(pk__in=missing).for_cards()
        }
        try:
            cache.set_many(fresh, settings.PAGE_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("card cache unavailable", exc_info=True)
        found.update(fresh)
    # Rendered by an autoescaping template, so safe to insert as they are.
    return [mark_safe(found[keys[pk]]) for pk in pks if keys[pk] in found]  # noqa: S308
