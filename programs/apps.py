from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """Program templates (week-by-week plans) and the balance check; points at exercises."""

    name = "programs"
    verbose_name = "programs"
    # Seed content in fixtures/, loaded by `manage.py seed` after the exercises app's.
    seed_files = ["guidelines", "programs"]
    # The fixture fields that make each model's natural key (core/corrections.py).
    seed_keys = {
        "trainingguideline": ["level"],
        "programtemplate": ["slug"],
        "phase": ["program", "week_start"],
        "programsession": ["phase", "position"],
        "prescription": ["session", "position"],
    }

    def ready(self):
        from core.registry import register_content_app

        from .filters import ProgramFilter

        # The program list's filters, a program's equipment swaps, and the balance check.
        register_content_app(
            self.label,
            list_pages=["program-list"],
            query_parameters=[*ProgramFilter.base_filters, "have", "substitute"]
            + ["program", "exercise", "sets"],
            query_parameter_prefixes=["sets-"],  # the balance check's sets of each exercise
        )
