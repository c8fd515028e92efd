"""Make (or remove) a large synthetic catalogue for benchmarks and scale tests.

Each installed app that has a ``synthetic`` module contributes its part (``generate(count)``,
``remove()`` and a ``DEFAULT_COUNT``), in INSTALLED_APPS order, so apps that point at others
come after them. Never run by `make run`.
"""

from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.pagecache import bulk_change
from core.planner import refresh_statistics


def parts():
    for config in apps.get_app_configs():
        name = f"{config.name}.synthetic"
        if util.find_spec(name) is not None:
            yield config.label, import_module(name)


def count(text):
    label, _, number = text.partition("=")
    if not number.isdecimal():
        raise ValueError(text)
    return label, int(number)


class Command(BaseCommand):
    help = "Replace the synthetic catalogue (each app's default size unless --count LABEL=N says otherwise)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=count,
            action="append",
            default=[],
            metavar="LABEL=N",
            help="How many rows an app makes, for example --count exercises=2000.",
        )
        parser.add_argument("--remove", action="store_true", help="Only delete the synthetic rows.")

    def handle(self, *args, **options):
        found = list(parts())
        counts = {label: module.DEFAULT_COUNT for label, module in found} | dict(options["count"])
        with transaction.atomic(), bulk_change():
            for _, module in reversed(found):
                module.remove()
            if not options["remove"]:
                for label, module in found:
                    module.generate(counts[label])
            refresh_statistics()
        if options["remove"]:
            self.stdout.write("Synthetic catalogue removed.")
        else:
            summary = ", ".join(f"{number} {label}" for label, number in counts.items())
            self.stdout.write(f"Synthetic catalogue: {summary}.")
