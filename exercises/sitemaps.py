"""Sitemap sections for the catalogue and anatomy, and the base every app's sections use.

Sections report absolute URLs on the host the request came to (not a stored Site row), and
list only what the public can see: ``published()`` decides, so drafts and scheduled items
stay out until their moment.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse

from .models import BodyRegion, Exercise, Muscle


class SiteSitemap(Sitemap):
    limit = 2000  # URLs per sitemap page; /sitemap.xml indexes the pages

    def __init__(self, site):
        self.request_site = site

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(page=page, site=self.request_site, protocol=protocol)

    def lastmod(self, item):
        return item.updated_at

    def summary(self):
        """(how many URLs, the latest change) in one query, for the sitemap index."""
        totals = self.items().aggregate(count=Count("pk"), latest=Max("updated_at"))
        return totals["count"], totals["latest"]


class PagesSitemap(SiteSitemap):
    """List pages, named by URL name; subclasses set ``names``."""

    names = []
    changefreq = "weekly"

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return None

    def summary(self):
        return len(self.names), None


class CataloguePagesSitemap(PagesSitemap):
    names = ["exercises:exercise-list", "exercises:anatomy", "exercises:rehab-sheet", "about"]


class ExerciseSitemap(SiteSitemap):
    def items(self):
        return Exercise.objects.published().only("slug", "updated_at").order_by("pk")


class MuscleSitemap(SiteSitemap):
    def items(self):
        return Muscle.objects.only("slug", "updated_at").order_by("pk")


class RegionSitemap(SiteSitemap):
    def items(self):
        return BodyRegion.objects.only("slug", "updated_at").order_by("pk")


SECTIONS = {
    "catalogue": CataloguePagesSitemap,
    "exercises": ExerciseSitemap,
    "muscles": MuscleSitemap,
    "regions": RegionSitemap,
}
