from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """The catalogue and anatomy: exercises, muscles, body regions and equipment.

    Points at the core app only; articles and programs point at this one, never the reverse.
    """

    name = "exercises"
    verbose_name = "exercise catalogue"
    # Seed content in fixtures/, loaded by `manage.py seed` in this order.
    seed_files = ["regions", "muscles", "equipment", "references", "benefits", "exercises", "poses"]

    def ready(self):
        from core.registry import register_content_app

        from . import signals
        from .admin import without_alternative, without_figure
        from .filters import ExerciseFilter

        signals.connect()
        register_content_app(
            self.label,
            list_pages=["exercise-list"],
            query_parameters=ExerciseFilter.base_filters,
            dashboard_checks=[without_alternative, without_figure],
        )
