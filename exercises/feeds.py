"""Atom feeds: the shared base, and new exercises (newest first, only what ``published()``
shows)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.templatetags.seo import absolute

from .models import Exercise


class SiteFeed(Feed):
    """A feed whose links use the host the request came to, not a stored Site row.

    The request is the feed's "object", so every link is made absolute before Django's
    syndication code would prefix a Site domain.
    """

    feed_type = Atom1Feed
    list_url = ""

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        return absolute(request, reverse(self.list_url))

    def feed_url(self, request):
        return absolute(request, request.path)

    def items(self, request):
        rows = list(self.rows())
        for row in rows:
            row.feed_link = absolute(request, row.get_absolute_url())
        return rows

    def item_link(self, item):
        return item.feed_link


class NewExercisesFeed(SiteFeed):
    title = "Backsite: new exercises"
    subtitle = "Back exercises as they are added to the Backsite catalogue, with steps and sources."
    list_url = "exercises:exercise-list"

    def rows(self):
        return Exercise.objects.published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
