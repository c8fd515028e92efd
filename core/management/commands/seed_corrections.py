"""Append to fixtures/corrections.json the seed text changed since an earlier commit.

    python manage.py seed_corrections REF     # REF: the last release's commit or tag

For every fixture row present at REF and now, each field whose value changed from a
non-empty old value becomes a correction (old -> new); a row gone since REF becomes a
deletion guarded by its old fields. Blank fields are left to the seed, which fills them
anyway. Entries already in the file are kept, so the list grows release by release;
core/corrections.py applies it only to rows still holding the old value.
"""

import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.corrections import SKIPPED_FIELDS, fixture_key, key_fields


def empty(value):
    return value in (None, "", [])


def same_links(was, now):
    """Many-to-many values list natural keys; their order means nothing."""
    return (
        isinstance(was, list)
        and isinstance(now, list)
        and sorted(map(json.dumps, was)) == sorted(map(json.dumps, now))
    )


def corrections(old, new):
    """The entries that turn the rows of ``old`` into those of ``new`` ({(model, key): item})."""
    found = []
    for (model, key), before in old.items():
        after = new.get((model, key))
        if after is None:
            fields = {k: v for k, v in before["fields"].items() if k not in SKIPPED_FIELDS}
            found.append({"model": model, "key": json.loads(key), "delete": True, "fields": fields})
            continue
        for field, now in after["fields"].items():
            if field not in before["fields"] and now is True:
                # A new yes/no field: existing rows hold its default (False), which the seed
                # cannot tell from an editor's choice, so it is a correction from False.
                entry = {"model": model, "key": json.loads(key), "field": field, "old": False, "new": True}
                found.append(entry)
        changes = [
            (field, was, after["fields"].get(field))
            for field, was in before["fields"].items()
            if field not in SKIPPED_FIELDS
            and was != after["fields"].get(field)
            and not same_links(was, after["fields"].get(field))
        ]
        # Blanks alone are the seed's to fill; once a set value changes, the row's blanks go
        # with it, so the row moves to its new state in one step (a prescription from a hold
        # to reps clears one field as it fills the other).
        if any(not empty(was) for _field, was, _now in changes):
            found += [
                {"model": model, "key": json.loads(key), "field": field, "old": was, "new": now}
                for field, was, now in changes
            ]
    return found


class Command(BaseCommand):
    help = "Append the seed corrections since REF (a commit) to fixtures/corrections.json."

    def add_arguments(self, parser):
        parser.add_argument("ref", help="The commit seeded databases were made from (the last release).")

    def handle(self, *args, ref, **options):
        fixtures = Path(settings.FIXTURE_DIRS[0])
        output = fixtures / "corrections.json"
        keys = key_fields()

        def rows(text):
            items = (item for item in json.loads(text) if item["model"] in keys)
            return {(item["model"], json.dumps(fixture_key(item, keys))): item for item in items}

        entries = json.loads(output.read_text(encoding="utf-8")) if output.exists() else []
        seen = {json.dumps(entry, sort_keys=True) for entry in entries}
        for path in sorted(fixtures.glob("*.json")):
            if path == output:
                continue
            shown = subprocess.run(  # noqa: S603 (git, with a commit the operator names)
                ["git", "show", f"{ref}:{path.relative_to(settings.BASE_DIR)}"],  # noqa: S607
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
            )
            if shown.returncode:
                if "does not exist" in shown.stderr or "exists on disk, but not in" in shown.stderr:
                    continue  # a fixture file that is new since REF holds no corrections
                raise CommandError(shown.stderr.strip())
            for entry in corrections(rows(shown.stdout), rows(path.read_text(encoding="utf-8"))):
                if (text := json.dumps(entry, sort_keys=True)) not in seen:
                    entries.append(entry)
                    seen.add(text)
        output.write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(entries)} corrections in {output.name}")
