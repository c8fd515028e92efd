from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Program templates (week-by-week plans). Models arrive with their own issue."""

    name = "programs"
    verbose_name = "programs"
