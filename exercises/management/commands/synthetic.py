"""Make (or remove) a large synthetic catalogue for benchmarks and scale tests.

Each installed app that has a ``synthetic`` module contributes its part, in INSTALLED_APPS
order (exercises first, since articles and programs point at them). Never run by `make run`.
"""

from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from exercises.pagecache import bulk_change
from exercises.planner import refresh_statistics


def parts():
    for config in apps.get_app_configs():
        name = f"{config.name}.synthetic"
        if util.find_spec(name) is not None:
            yield config.label, import_module(name)


class Command(BaseCommand):
    help = "Replace the synthetic catalogue (10,000 exercises, 500 articles, 200 programs by default)."

    def add_arguments(self, parser):
        parser.add_argument("--exercises", type=int, default=10_000)
        parser.add_argument("--articles", type=int, default=500)
        parser.add_argument("--programs", type=int, default=200)
        parser.add_argument("--remove", action="store_true", help="Only delete the synthetic rows.")

    def handle(self, *args, **options):
        counts = {"exercises": options["exercises"], "articles": options["articles"],
                  "programs": options["programs"]}  # fmt: skip
        found = list(parts())
        with transaction.atomic(), bulk_change():
            for _, module in reversed(found):
                module.remove()
            if not options["remove"]:
                for label, module in found:
                    module.generate(counts.get(label, 0))
            refresh_statistics()
        if options["remove"]:
            self.stdout.write("Synthetic catalogue removed.")
        else:
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(f"Synthetic catalogue: {summary}.")
