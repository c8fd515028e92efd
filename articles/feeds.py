"""Atom feed of new and updated articles: an article rises to the top when it is revised."""

from exercises.feeds import SiteFeed

from .models import Article


class ArticlesFeed(SiteFeed):
    title = "Backsite: new and updated articles"
    subtitle = "Guides on back training from Backsite, listed when they are published or revised."
    list_url = "articles:article-list"

    def rows(self):
        return Article.objects.published().order_by("-updated_at", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
