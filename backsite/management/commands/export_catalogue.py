"""Build the open data package (backsite/datapackage.py): `manage.py export_catalogue`.

--if-changed builds only when the content has changed since the latest package or that
package is a day old, so a scheduler can run it every few minutes at no cost. --watch N does
that every N seconds until stopped: `make run` starts it beside the web server. Requests never
build: /data/ only lists what is there.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from backsite import datapackage

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Write a dated, versioned Frictionless data package of all published content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Only when the content changed since the latest package, or it is a day old.",
        )
        parser.add_argument(
            "--watch",
            type=int,
            metavar="SECONDS",
            help="Check every SECONDS (as --if-changed) until stopped.",
        )

    def handle(self, *args, if_changed=False, watch=None, **options):
        self.verbosity = options["verbosity"]
        if not watch:
            self.export(if_changed)
            return
        while True:
            try:
                self.export(if_changed=True)
            except Exception:  # the next round tries again; the site is unaffected  # noqa: BLE001
                logger.exception("building the data package failed")
            close_old_connections()
            time.sleep(watch)

    def export(self, if_changed):
        if if_changed:
            reason = datapackage.needs_build()
            if not reason:
                if self.verbosity > 1:
                    self.stdout.write("The latest data package is current.")
                return
            self.stdout.write(f"Building a data package: {reason}.")
        built = datapackage.build()
        rows = sum(built["rows"].values())
        self.stdout.write(
            f"Data package {built['name']} (version {built['version']}): {rows} rows in "
            f"{len(built['rows'])} tables, written to {datapackage.root() / built['name']}."
        )
