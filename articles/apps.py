from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles, the FAQ and the goals page. Points at the exercises app, never the reverse."""

    name = "articles"
    verbose_name = "articles and FAQ"
    # Seed content in fixtures/, loaded by `manage.py seed` after the exercises app's.
    seed_files = ["articles", "questions"]
    # The fixture fields that make each model's natural key (core/corrections.py).
    seed_keys = {"article": ["slug"], "articlereference": ["article", "reference"], "question": ["slug"]}

    def ready(self):
        from core.registry import register_content_app

        register_content_app(self.label, list_pages=["article-list"])
