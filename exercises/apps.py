from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """The catalogue and anatomy: exercises, muscles, body regions and equipment.

    Points at the core app only; articles and programs point at this one, never the reverse.
    """

    name = "exercises"
    verbose_name = "exercise catalogue"
    # Seed content in fixtures/, loaded by `manage.py seed` in this order.
    # References first: regions, muscles, goals and exercises cite them.
    seed_files = ["references", "regions", "muscles", "equipment", "benefits", "exercises", "poses"]
    # The fixture fields that make each model's natural key (core/corrections.py).
    seed_keys = {
        "bodyregion": ["slug"],
        "muscle": ["slug"],
        "equipment": ["slug"],
        "reference": ["key"],
        "benefit": ["slug"],
        "exercise": ["slug"],
        "exercisestep": ["exercise", "position"],
        "exercisemuscle": ["exercise", "muscle"],
        "exerciselink": ["from_exercise", "to_exercise", "link_type"],
        "exercisepose": ["exercise", "frame"],
    }

    def ready(self):
        from core.registry import register_content_app

        from . import signals
        from .admin import without_alternative, without_figure
        from .filters import ExerciseFilter

        signals.connect()
        register_content_app(
            self.label,
            list_pages=["exercise-list"],
            query_parameters=[*ExerciseFilter.base_filters, "move"],  # move: the printable sheet
            dashboard_checks=[without_alternative, without_figure],
        )
