from exercises.sitemaps import PagesSitemap, SiteSitemap

from .models import Article


class ArticlePagesSitemap(PagesSitemap):
    names = ["articles:article-list", "articles:faq", "articles:benefits"]


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")


SECTIONS = {"article-pages": ArticlePagesSitemap, "articles": ArticleSitemap}
