from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """The core app: exercises, muscles, body regions and equipment.

    Other apps (articles, programs) depend on this one; it depends on none of them.
    """

    name = "exercises"
    verbose_name = "exercise catalogue"
    # Seed content in fixtures/, loaded by `manage.py seed` in this order.
    seed_files = ["regions", "muscles", "equipment", "references", "benefits", "exercises"]

    def ready(self):
        from . import pagecache, search
        from .filters import ExerciseFilter

        search.connect_signals()
        pagecache.connect_signals()
        # The catalogue's filters, the site search (q, kind) and the sitemap index's pages (p).
        pagecache.read_query_parameters(*ExerciseFilter.base_filters, "q", "kind", "p")
