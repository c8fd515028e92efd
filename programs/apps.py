from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Program templates (week-by-week plans) and the balance check; points at exercises."""

    name = "programs"
    verbose_name = "programs"
    # Seed content in fixtures/, loaded by `manage.py seed` after the exercises app's.
    seed_files = ["guidelines", "programs"]

    def ready(self):
        from exercises.pagecache import read_query_parameters

        from .filters import ProgramFilter

        # The program list's filters, a program's equipment swaps, and the balance check.
        read_query_parameters(
            *ProgramFilter.base_filters, "have", "substitute", "program", "exercise", "sets"
        )
