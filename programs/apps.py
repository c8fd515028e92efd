from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Program templates (week-by-week plans) and the balance check; points at exercises."""

    name = "programs"
    verbose_name = "programs"
    # Seed content in fixtures/, loaded by `manage.py seed` after the exercises app's.
    seed_files = ["guidelines", "programs"]
