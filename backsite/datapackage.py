"""The open data package: every published part of the catalogue as a Frictionless Data Package
(https://datapackage.org): ``datapackage.json`` describing each table's columns, keys and
links, each table as CSV and as JSON, and one zip of it all. `manage.py export_catalogue`
builds one; /data/ lists the latest (backsite/views.py). See docs/api.md.

Packages live in DATA_PACKAGE_ROOT (default MEDIA_ROOT/data), one folder each, named by the
time they were built; ``latest.json`` names the newest. A build writes into a temporary
folder and renames it into place, so a reader never sees half a package. Rows are joined by
their permanent UUIDs (core/stableids.py), which survive renames.
"""

import csv
import datetime
import io
import json
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Question
from core.pagecache import current_version
from exercises.models import (
    Benefit,
    BodyRegion,
    Equipment,
    Exercise,
    ExerciseMuscle,
    ExercisePose,
    ExerciseStep,
    Muscle,
    Reference,
)
from programs.models import Prescription, ProgramTemplate

NAME = "backsite-catalogue"
#: The tables' layout: raise it when a column is renamed or removed (adding one is compatible).
LAYOUT = 1
LICENCE = {
    "name": "CC-BY-SA-4.0",
    "title": "Creative Commons Attribution-ShareAlike 4.0 International",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
}
KEEP = 5  # packages kept on disk, newest first
STALE_AFTER = datetime.timedelta(days=1)


def root():
    return Path(settings.DATA_PACKAGE_ROOT)


def url(path=""):
    """The public address of a file in DATA_PACKAGE_ROOT."""
    return f"{settings.DATA_PACKAGE_URL}{path}"


# -- tables --------------------------------------------------------------------------------


@dataclass
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date
    description: str
    get: Callable[[Any], Any]
    required: bool = False


@dataclass
class Table:
    name: str
    title: str
    description: str
    columns: list
    rows: Callable[[], Any]
    primary_key: list = field(default_factory=list)
    foreign_keys: list = field(default_factory=list)  # (columns, table, its columns)

    def schema(self):
        schema = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    **({"constraints": {"required": True}} if c.required else {}),
                    **({"format": "uuid"} if c.type == "string" and c.name.endswith("uuid") else {}),
                }
                for c in self.columns
            ],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": mine, "reference": {"resource": table, "fields": theirs}}
                for mine, table, theirs in self.foreign_keys
            ]
        return schema

    def records(self):
        for row in self.rows():
            yield {c.name: plain(c.get(row)) for c in self.columns}


def plain(value):
    """A cell as the CSV and JSON files hold it: empty text is missing, dates (and times) are
    ISO 8601, UUIDs are text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def uuid_of(name):
    return lambda row: getattr(getattr(row, name), "uuid", None)


def text(name, description, required=False):
    return Column(name, "string", description, lambda row: getattr(row, name), required)


def number(name, description):
    return Column(name, "integer", description, lambda row: getattr(row, name))


def page(row):
    return absolute(row.get_absolute_url())


ID = Column(
    "uuid", "string", "Permanent identifier; stays the same when the slug changes.", lambda r: r.uuid, True
)
SLUG = Column("slug", "string", "The name in the page's address.", lambda r: r.slug, True)
URL = Column("url", "string", "The page on the site.", page)


def published_exercises():
    return Exercise.objects.published()


def tables():
    """Every table of the package, in the order datapackage.json lists them."""
    exercises = published_exercises
    return [
        Table(
            "regions",
            "Back regions",
            "The upper, middle and lower back.",
            [
                ID,
                SLUG,
                text("name", "Name.", True),
                text("summary", "One sentence."),
                text("vertebrae", "The vertebrae it spans, top first."),
                text("location", "Where it is."),
                text("function", "What it does."),
                Column("reviewed_on", "date", "Last reviewed.", lambda r: r.reviewed_on),
                URL,
            ],
            lambda: BodyRegion.objects.order_by("position"),
            ["uuid"],
        ),
        Table(
            "muscles",
            "Muscles",
            "The back's muscles (and the few others its exercises work).",
            [
                ID,
                SLUG,
                text("name", "Common name.", True),
                text("anatomical_name", "Anatomical name."),
                text("aliases", "Other names, comma-separated."),
                text("summary", "One sentence."),
                text("location", "Where it lies."),
                text("function", "What it does."),
                Column("parent_uuid", "string", "The muscle it is part of.", uuid_of("parent")),
                Column(
                    "training_region_uuid",
                    "string",
                    "The back region it trains, if any.",
                    uuid_of("training_region"),
                ),
                Column(
                    "regions",
                    "string",
                    "Slugs of the regions it lies in, comma-separated.",
                    lambda m: ",".join(r.slug for r in m.regions.all()),
                ),
                Column("reviewed_on", "date", "Last reviewed.", lambda r: r.reviewed_on),
                URL,
            ],
            lambda: (
                Muscle.objects.select_related("parent", "training_region")
                .prefetch_related("regions")
                .order_by("position", "name")
            ),
            ["uuid"],
            [(["parent_uuid"], "", ["uuid"]), (["training_region_uuid"], "regions", ["uuid"])],
        ),
        Table(
            "equipment",
            "Equipment",
            "What exercises need.",
            [
                ID,
                SLUG,
                text("name", "Name.", True),
                text("kind", "free-weight, machine, band, bodyweight..."),
                text("description", "One sentence."),
            ],
            lambda: Equipment.objects.order_by("name"),
            ["uuid"],
        ),
        Table(
            "goals",
            "Goals",
            "What readers train for.",
            [
                ID,
                SLUG,
                text("name", "Name.", True),
                text("summary", "One sentence."),
                text("explanation", "How training serves it (Markdown)."),
            ],
            lambda: Benefit.objects.order_by("position", "name"),
            ["uuid"],
        ),
        Table(
            "references",
            "References",
            "Every source the site cites.",
            [
                ID,
                Column("key", "string", "Short key, as cited.", lambda r: r.key, True),
                text("authors", "Authors."),
                number("year", "Year."),
                text("title", "Title."),
                text("publication", "Journal, publisher or site."),
                text("details", "Volume, pages..."),
                text("doi", "DOI."),
                Column("link", "string", "doi.org for a DOI, else the source's address.", lambda r: r.link),
            ],
            lambda: Reference.objects.order_by("key"),
            ["uuid"],
        ),
        Table(
            "exercises",
            "Exercises",
            "Published exercises with their how-to.",
            [
                ID,
                SLUG,
                text("name", "Name.", True),
                text("summary", "One sentence."),
                text("aliases", "Other names, comma-separated."),
                text("kind", "strength, mobility, activation..."),
                text("difficulty", "beginner, intermediate or advanced."),
                text("mechanics", "compound or isolation."),
                text("force", "pull, push, static..."),
                text("movement_pattern", "The movement pattern."),
                Column("is_unilateral", "boolean", "One side at a time.", lambda e: e.is_unilateral),
                text("description", "Markdown."),
                text("tips", "Coaching tips, one per line."),
                text("mistakes", "Common mistakes, one per line."),
                text("safety_note", "Who should take care, and how."),
                Column(
                    "equipment",
                    "string",
                    "Slugs of what it needs, comma-separated.",
                    lambda e: ",".join(q.slug for q in e.equipment.all()),
                ),
                Column(
                    "goals",
                    "string",
                    "Slugs of the goals it serves, comma-separated.",
                    lambda e: ",".join(g.slug for g in e.goals.all()),
                ),
                Column(
                    "references",
                    "string",
                    "Keys of its sources, comma-separated.",
                    lambda e: ",".join(r.key for r in e.references.all()),
                ),
                URL,
            ],
            lambda: exercises().prefetch_related("equipment", "goals", "references").order_by("name"),
            ["uuid"],
        ),
        Table(
            "exercise_muscles",
            "What each exercise works",
            "One row per exercise and muscle, with the muscle's role.",
            [
                Column("exercise_uuid", "string", "The exercise.", uuid_of("exercise"), True),
                Column("muscle_uuid", "string", "The muscle.", uuid_of("muscle"), True),
                text("role", "primary, secondary, stabilizer or stretched.", True),
            ],
            lambda: (
                ExerciseMuscle.objects.filter(exercise__in=exercises())
                .select_related("exercise", "muscle")
                .order_by("exercise__name", "role", "muscle__position")
            ),
            ["exercise_uuid", "muscle_uuid"],
            [(["exercise_uuid"], "exercises", ["uuid"]), (["muscle_uuid"], "muscles", ["uuid"])],
        ),
        Table(
            "exercise_steps",
            "Exercise steps",
            "How to do each exercise, step by step.",
            [
                Column("exercise_uuid", "string", "The exercise.", uuid_of("exercise"), True),
                number("position", "Order, from 1."),
                text("phase", "setup, execution, breathing..."),
                text("text", "The step.", True),
            ],
            lambda: (
                ExerciseStep.objects.filter(exercise__in=exercises())
                .select_related("exercise")
                .order_by("exercise__name", "position")
            ),
            ["exercise_uuid", "position"],
            [(["exercise_uuid"], "exercises", ["uuid"])],
        ),
        Table(
            "exercise_poses",
            "Exercise figures' poses",
            "The joint angles our renderer draws each exercise's figure from (start and finish, "
            "side, front or back view). Angles in degrees.",
            [Column("exercise_uuid", "string", "The exercise.", uuid_of("exercise"), True)]
            + [
                Column(
                    f.name,
                    "integer" if isinstance(f, models.IntegerField) else "string",
                    str(f.help_text or f.verbose_name),
                    lambda p, n=f.attname: getattr(p, n),
                )
                for f in ExercisePose._meta.concrete_fields
                if f.name not in ("id", "exercise")
            ],
            lambda: (
                ExercisePose.objects.filter(exercise__in=exercises())
                .select_related("exercise")
                .order_by("exercise__name", "view", "frame")
            ),
            ["exercise_uuid", "view", "frame"],
            [(["exercise_uuid"], "exercises", ["uuid"])],
        ),
        Table(
            "programs",
            "Programs",
            "Published program templates.",
            [
                ID,
                SLUG,
                text("name", "Name.", True),
                text("level", "beginner, intermediate or advanced."),
                Column("goal_uuid", "string", "The goal it serves.", uuid_of("goal")),
                text("summary", "One sentence."),
                text("description", "Markdown."),
                number("duration_weeks", "Weeks."),
                number("sessions_per_week", "Sessions a week."),
                number("session_minutes", "Minutes a session."),
                Column("reviewed_on", "date", "Last reviewed.", lambda r: r.reviewed_on),
                URL,
            ],
            lambda: ProgramTemplate.objects.published().select_related("goal").order_by("name"),
            ["uuid"],
            [(["goal_uuid"], "goals", ["uuid"])],
        ),
        Table(
            "program_prescriptions",
            "Program prescriptions",
            "Every exercise of every session of every phase of each program.",
            [
                Column(
                    "program_uuid", "string", "The program.", lambda p: p.session.phase.program.uuid, True
                ),
                Column(
                    "week_start", "integer", "The phase's first week.", lambda p: p.session.phase.week_start
                ),
                Column("week_end", "integer", "The phase's last week.", lambda p: p.session.phase.week_end),
                Column("phase", "string", "The phase's name.", lambda p: p.session.phase.name),
                Column(
                    "session_position",
                    "integer",
                    "The session's order in its phase.",
                    lambda p: p.session.position,
                ),
                Column("session", "string", "The session's name.", lambda p: p.session.name),
                Column("day", "string", "Suggested day.", lambda p: p.session.day),
                number("position", "Order in the session."),
                Column(
                    "exercise_uuid",
                    "string",
                    "The exercise (empty if it is not published).",
                    lambda p: p.exercise.uuid if p.exercise.is_live else None,
                ),
                Column("exercise_name", "string", "The exercise's name.", lambda p: p.exercise.name),
                number("sets", "Sets."),
                number("reps_min", "Fewest repetitions."),
                number("reps_max", "Most repetitions."),
                number("hold_seconds", "Hold, in seconds."),
                number("rest_seconds", "Rest after each set, in seconds."),
                text("tempo", "Tempo."),
                text("group", "Superset or circuit letter."),
                text("grouping", "superset or circuit."),
                text("notes", "Notes."),
            ],
            lambda: (
                Prescription.objects.filter(session__phase__program__in=ProgramTemplate.objects.published())
                .select_related("session__phase__program", "exercise")
                .order_by(
                    "session__phase__program__name",
                    "session__phase__week_start",
                    "session__position",
                    "position",
                )
            ),
            ["program_uuid", "week_start", "session_position", "position"],
            [(["program_uuid"], "programs", ["uuid"]), (["exercise_uuid"], "exercises", ["uuid"])],
        ),
        Table(
            "articles",
            "Articles",
            "Published articles on benefits, form and programming.",
            [
                ID,
                SLUG,
                text("title", "Title.", True),
                text("summary", "One sentence."),
                text("topic", "Topic."),
                text("author_name", "Author."),
                text("author_credentials", "Author's credentials."),
                text("reviewer_name", "Reviewer."),
                text("reviewer_credentials", "Reviewer's credentials."),
                Column("last_reviewed", "date", "Last reviewed.", lambda a: a.last_reviewed),
                text("body", "Markdown."),
                URL,
            ],
            lambda: Article.objects.published().order_by("topic", "title"),
            ["uuid"],
        ),
        Table(
            "faq",
            "Questions and answers",
            "The published FAQ.",
            [
                ID,
                SLUG,
                text("question", "The question.", True),
                text("topic", "Topic."),
                text("answer", "Markdown."),
                Column(
                    "red_flags",
                    "boolean",
                    "The answer lists warning signs that need a doctor.",
                    lambda q: q.red_flags,
                ),
                URL,
            ],
            lambda: Question.objects.published().order_by("topic", "position"),
            ["uuid"],
        ),
        Table(
            "images",
            "Image credits",
            "Every image published content shows, with its author and licence: the exercise "
            "figures Backsite draws from the poses above, and uploaded photos and drawings.",
            [
                Column("file", "string", "The image's address.", lambda r: r["file"], True),
                Column(
                    "used_by", "string", "What shows it: resource and slug.", lambda r: r["used_by"], True
                ),
                Column("kind", "string", "figure (drawn by Backsite) or upload.", lambda r: r["kind"], True),
                Column("alt_text", "string", "What it shows.", lambda r: r["alt_text"]),
                Column("caption", "string", "Caption.", lambda r: r.get("caption")),
                Column("author", "string", "Who made it.", lambda r: r["author"], True),
                Column("licence", "string", "Its licence.", lambda r: r["licence"]),
                Column("source_url", "string", "Where it came from.", lambda r: r.get("source_url")),
            ],
            image_rows,
            ["file"],
        ),
    ]


def image_rows():
    for exercise in Exercise.objects.published().exclude(figure="").order_by("name"):
        for frame, label in [
            ("start", "start position"),
            ("finish", "finish position"),
            ("animated", "animation"),
        ]:
            path = reverse(
                "exercises:exercise-figure",
                kwargs={"slug": exercise.slug, "version": exercise.figure, "frame": frame},
            )
            yield {
                "file": absolute(path),
                "used_by": f"exercise:{exercise.slug}",
                "kind": "figure",
                "alt_text": f"{exercise.name}: {label}",
                "author": "Backsite",
                "licence": LICENCE["title"],
            }
    for label, queryset in [
        ("exercise", Exercise.objects.published()),
        ("program", ProgramTemplate.objects.published()),
        ("article", Article.objects.published()),
        ("muscle", Muscle.objects.all()),
    ]:
        for row in queryset.filter(image__isnull=False).select_related("image").order_by("slug"):
            image = row.image
            yield {
                "file": absolute(image.file.url),
                "used_by": f"{label}:{row.slug}",
                "kind": "upload",
                "alt_text": image.alt_text,
                "caption": image.caption,
                "author": image.author,
                "licence": image.get_licence_display(),
                "source_url": image.source_url,
            }


# -- building ------------------------------------------------------------------------------


def write_csv(path, table, records):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        for record in records:
            writer.writerow(
                [
                    "" if v is None else ("true" if v is True else "false" if v is False else v)
                    for v in record.values()
                ]
            )


def build(now=None):
    """Write a new package; returns its description (what latest.json holds)."""
    now = now or timezone.now()
    version = current_version()
    utc = now.astimezone(datetime.UTC)
    stamp = utc.strftime("%Y-%m-%d-%H%M%S")
    name = f"{NAME}-{stamp}"
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
    try:
        resources, counts = [], {}
        for table in tables():
            records = list(table.records())
            counts[table.name] = len(records)
            write_csv(work / f"{table.name}.csv", table, records)
            (work / f"{table.name}.json").write_text(
                json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            for suffix, media in [("csv", "text/csv"), ("json", "application/json")]:
                resources.append(
                    {
                        "name": table.name if suffix == "csv" else f"{table.name}-json",
                        "title": table.title,
                        "description": table.description,
                        "path": f"{table.name}.{suffix}",
                        "format": suffix,
                        "mediatype": media,
                        "encoding": "utf-8",
                        "type": "table",
                        "schema": table.schema() if suffix == "csv" else json_schema(table),
                    }
                )
        package = {
            "name": NAME,
            "title": "Backsite: the back-training catalogue",
            "description": "Every published exercise (with the muscles it works and their roles, "
            "equipment, goals, steps, safety notes and the poses its figures are drawn from), "
            "muscle, back region, program, article, FAQ answer and reference of Backsite, with "
            "the credits of every image. Rows are joined by permanent UUIDs.",
            "version": f"{LAYOUT}.{utc:%Y%m%d}.{int(f'{utc:%H%M%S}')}",
            "created": utc.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "homepage": absolute("/data/"),
            "licenses": [LICENCE],
            "contributors": [{"title": "Backsite editors", "role": "author"}],
            "keywords": ["exercise", "back", "anatomy", "training", "open data"],
            "resources": resources,
        }
        (work / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), "utf-8")
        archive = base / f".{name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(work.iterdir()):
                zipped.write(path, f"{name}/{path.name}")
        listed = [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "rows": counts[table.name],
                "csv": {"path": f"{table.name}.csv", "bytes": (work / f"{table.name}.csv").stat().st_size},
                "json": {"path": f"{table.name}.json", "bytes": (work / f"{table.name}.json").stat().st_size},
            }
            for table in tables()
        ]
        described = {"path": "datapackage.json", "bytes": (work / "datapackage.json").stat().st_size}
        os.chmod(work, 0o755)  # noqa: S103 (published files: the web server reads them)
        os.replace(work, base / name)
        os.replace(archive, base / f"{name}.zip")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    latest = {
        "name": name,
        "version": package["version"],
        "created": package["created"],
        "content_version": version,
        "zip": {"path": f"{name}.zip", "bytes": (base / f"{name}.zip").stat().st_size},
        "datapackage": described,
        "tables": listed,
        "rows": counts,
    }
    pointer = base / ".latest.json"
    pointer.write_text(json.dumps(latest, indent=1), "utf-8")
    os.replace(pointer, base / "latest.json")
    prune(base)
    return latest


def json_schema(table):
    """The JSON copy has the CSV's columns; its schema says so without the keys (a key names
    one resource)."""
    schema = table.schema()
    schema.pop("primaryKey", None)
    schema.pop("foreignKeys", None)
    return schema


def prune(base):
    built = sorted((p for p in base.iterdir() if p.is_dir() and p.name.startswith(f"{NAME}-")), reverse=True)
    for old in built[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
        (base / f"{old.name}.zip").unlink(missing_ok=True)


def latest():
    """What latest.json says, or None before the first build."""
    try:
        return json.loads((root() / "latest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def listing():
    """The latest package as /data/ lists it, with each file's address; None before the first
    build, or when latest.json is unreadable or from an older layout (the next build fixes it)."""
    package = latest()
    try:
        folder = url(f"{package['name']}/")
        package["zip"]["url"] = url(package["zip"]["path"])
        package["datapackage"]["url"] = folder + package["datapackage"]["path"]
        for table in package["tables"]:
            table["csv"]["url"] = folder + table["csv"]["path"]
            table["json"]["url"] = folder + table["json"]["path"]
        package["created_at"] = datetime.datetime.fromisoformat(package["created"].replace("Z", "+00:00"))
    except (KeyError, TypeError, ValueError):
        return None
    return package


def needs_build(now=None):
    """Why a new package is due (content changed, or the latest is a day old), or ''."""
    now = now or timezone.now()
    current = listing()
    if current is None:
        return "there is no readable package yet"
    if current.get("content_version") != current_version():
        return "the content has changed"
    if now - current["created_at"] >= STALE_AFTER:
        return "the latest package is a day old"
    return ""


def read_back(name):
    """A package's CSV tables as lists of dicts (for tests and checks)."""
    folder = root() / name
    return {
        p.stem: list(csv.DictReader(io.StringIO(p.read_text("utf-8")))) for p in sorted(folder.glob("*.csv"))
    }
