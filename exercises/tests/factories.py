"""Small factories: each makes a valid row with sensible defaults, overridable by keyword."""

import io
import itertools
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as Pillow

from core.images import Image
from core.publishing import Status
from exercises.models import BodyRegion, Equipment, Exercise, ExerciseMuscle, ExerciseStep, Muscle

_seq = itertools.count(1)


def make_region(name=None, **kwargs):
    n = next(_seq)
    name = name or f"Region {n}"
    return BodyRegion.objects.create(name=name, slug=kwargs.pop("slug", f"region-{n}"), **kwargs)


def make_muscle(name=None, regions=(), **kwargs):
    """A muscle in ``regions``; it trains its region when it lies in exactly one."""
    n = next(_seq)
    name = name or f"Muscle {n}"
    if len(regions) == 1:
        kwargs.setdefault("training_region", regions[0])
    muscle = Muscle.objects.create(name=name, slug=kwargs.pop("slug", f"muscle-{n}"), **kwargs)
    muscle.regions.set(regions)
    return muscle


def make_equipment(name=None, **kwargs):
    n = next(_seq)
    name = name or f"Equipment {n}"
    return Equipment.objects.create(name=name, slug=kwargs.pop("slug", f"equipment-{n}"), **kwargs)


def make_exercise(
    name=None,
    *,
    primary=(),
    secondary=(),
    stabilizer=(),
    stretched=(),
    equipment=(),
    steps=1,
    status=Status.PUBLISHED,
    **kwargs,
):
    n = next(_seq)
    name = name or f"Exercise {n}"
    kwargs.setdefault("summary", f"What {name} trains.")
    kwargs.setdefault("movement_pattern", Exercise.Pattern.HORIZONTAL_PULL)
    if status == Status.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now() - timezone.timedelta(days=1))
    exercise = Exercise.objects.create(
        name=name, slug=kwargs.pop("slug", f"exercise-{n}"), status=status, **kwargs
    )
    exercise.equipment.set(equipment)
    roles = (
        ("primary", primary),
        ("secondary", secondary),
        ("stabilizer", stabilizer),
        ("stretched", stretched),
    )
    for role, muscles in roles:
        for muscle in muscles:
            ExerciseMuscle.objects.create(exercise=exercise, muscle=muscle, role=role)
    for position in range(1, steps + 1):
        ExerciseStep.objects.create(exercise=exercise, position=position, text=f"Step {position}.")
    return exercise


def image_bytes(width=1200, height=800, fmt="PNG", colour=(30, 120, 110)):
    buffer = io.BytesIO()
    Pillow.new("RGB", (width, height), colour).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="photo.png", width=1200, height=800, fmt="PNG"):
    return SimpleUploadedFile(name, image_bytes(width, height, fmt), content_type=f"image/{fmt.lower()}")


def make_image(**kwargs):
    """A saved Image with a real PNG file (use with the `media` fixture)."""
    upload = kwargs.pop("file", None) or image_upload(
        width=kwargs.pop("width", 1200), height=kwargs.pop("height", 800)
    )
    kwargs.setdefault("alt_text", "A person rowing a dumbbell towards the hip")
    kwargs.setdefault("author", "Backsite")
    return Image.objects.create(file=upload, **kwargs)


JSON_LD = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')


def executable_markup(html):
    """The page without its JSON-LD data blocks, which browsers never run. The pattern only
    matches blocks whose text has no '<', so a block that smuggled markup stays and fails."""
    return JSON_LD.sub("", html)


def _seeded_for_the_class(self, seeded_once, db):
    """The seed content, shared by every test of the class (see ``seeded_once``)."""


#: Put ``seeded = seeded_per_class`` in a class of read-mostly tests: its tests keep asking for
#: ``seeded`` but the content is loaded once for the class, and each test's changes roll back.
seeded_per_class = pytest.fixture(name="seeded")(_seeded_for_the_class)


def listed(response):
    """The exercises on a catalogue page, in order (its page holds exercise pks)."""
    pks = list(response.context["page_obj"].object_list)
    found = Exercise.objects.in_bulk(pks)
    return [found[pk] for pk in pks]
