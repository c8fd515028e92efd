"""Renamed pages keep working: a changed URL leaves a 301 redirect behind, automatically.

Redirects are stored with django.contrib.redirects and answered by its fallback middleware
(only when a page would otherwise be a 404). Chains are collapsed, so A -> B -> C becomes
A -> C and B -> C, and a redirect never shadows a live page.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import models


def record_move(old_path, new_path):
    if not old_path or old_path == new_path:
        return
    site_id = settings.SITE_ID
    Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()  # the new page is live
    Redirect.objects.filter(site_id=site_id, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(site_id=site_id, old_path=old_path, defaults={"new_path": new_path})


class KeepsOldUrls(models.Model):
    """For models with get_absolute_url(): saving a new slug records a redirect from the old URL."""

    keep_old_urls = True  # False for rows whose URL is only an anchor on a shared page

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        old_slug = getattr(self, "_slug_when_loaded", None)
        # A redirect to an item the public cannot see would only reveal its new slug.
        live = getattr(self, "is_live", True)
        if self.keep_old_urls and old_slug and old_slug != self.slug and live:
            new_url = self.get_absolute_url()
            self.slug, old_slug = old_slug, self.slug
            old_url = self.get_absolute_url()
            self.slug = old_slug
            record_move(old_url, new_url)
        self._slug_when_loaded = self.slug

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Remember the slug only: building the URL costs a reverse() per row loaded.
        instance._slug_when_loaded = instance.__dict__.get("slug")
        return instance
