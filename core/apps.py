from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every content app shares: publishing and its admin, the page cache and content
    version, search, images, Markdown, redirects of renamed pages, editorial roles, faceted
    filtering, page metadata and structured data, and the project-wide commands.

    It imports no other project app; content apps register with it (core/registry.py).
    """

    name = "core"
    verbose_name = "site core"

    def ready(self):
        from . import pagecache, search
        from .registry import register_content_app

        search.connect_signals()
        pagecache.connect_signals()
        # Images live here, and renamed pages leave django.contrib.redirects rows: both show
        # on pages. The site search (q, kind) and the sitemap index's pages (p) are core's.
        register_content_app("core", query_parameters=["q", "kind", "p"])
        register_content_app("redirects")
