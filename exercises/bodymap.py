"""The body map: the whole body from the front and from the back, every visible catalogue
muscle a linked shape, drawn by the exercise figures' module (exercises/figures.py) in the
same line and colour style, so the map and the figures always agree.

The outlines are the figures' muscle patches (trunk) and strips (limbs) on a standing body
with the arms a little out from the sides; their shapes follow the surface anatomy plates of
Gray's Anatomy (Standring S, ed. *Gray's Anatomy: The Anatomical Basis of Clinical Practice*,
42nd ed. Elsevier, 2020) in outline. Muscles that lie under others (``DEEP``) are drawn over
the surface with a dashed edge and a lighter fill, and named "(deep)", so a reader sees where
they are and that they lie beneath.

A muscle appears on the map when an editor picks its shape (``Muscle.map_shape``); shapes no
muscle has picked are drawn as plain context. The template is
``templates/includes/body_map.html``, rendered by the ``{% body_map %}`` tag.
"""

import re
from dataclasses import replace
from functools import cache

from django.db import models

from . import figures


class MapShape(models.TextChoices):
    UPPER_TRAPEZIUS = "upper-trapezius", "Upper trapezius"
    MIDDLE_TRAPEZIUS = "middle-trapezius", "Middle trapezius"
    LOWER_TRAPEZIUS = "lower-trapezius", "Lower trapezius"
    LEVATOR_SCAPULAE = "levator-scapulae", "Levator scapulae"
    RHOMBOIDS = "rhomboids", "Rhomboids (deep)"
    INFRASPINATUS = "infraspinatus", "Infraspinatus"
    TERES_MAJOR = "teres-major", "Teres major"
    REAR_DELTOID = "rear-deltoid", "Rear deltoid"
    SIDE_DELTOID = "side-deltoid", "Side deltoid"
    LATISSIMUS_DORSI = "latissimus-dorsi", "Latissimus dorsi"
    ERECTOR_SPINAE = "erector-spinae", "Erector spinae"
    QUADRATUS_LUMBORUM = "quadratus-lumborum", "Quadratus lumborum (deep)"
    TRICEPS = "triceps", "Triceps"
    OBLIQUES = "obliques", "Obliques"
    GLUTES = "glutes", "Glutes"
    HAMSTRINGS = "hamstrings", "Hamstrings"
    PECTORALS = "pectorals", "Chest (pectorals)"
    FRONT_DELTOID = "front-deltoid", "Front deltoid"
    BICEPS = "biceps", "Biceps"
    FOREARMS = "forearms", "Forearms"
    SERRATUS_ANTERIOR = "serratus-anterior", "Serratus anterior"
    ABDOMINALS = "abdominals", "Abdominals"
    QUADRICEPS = "quadriceps", "Quadriceps"
    DIAPHRAGM = "diaphragm", "Diaphragm (deep)"


#: Muscles that lie under others: drawn over them, dashed, so they can be found and pointed at.
DEEP = {MapShape.RHOMBOIDS, MapShape.QUADRATUS_LUMBORUM, MapShape.DIAPHRAGM, MapShape.LEVATOR_SCAPULAE}
#: The order shapes are drawn in, deepest first, as the layers lie: the erector columns under
#: the latissimus, the latissimus under the trapezius; the deep muscles come last, dashed.
LAYERS = [
    MapShape.ERECTOR_SPINAE,
    MapShape.GLUTES,
    MapShape.HAMSTRINGS,
    MapShape.QUADRICEPS,
    MapShape.OBLIQUES,
    MapShape.ABDOMINALS,
    MapShape.SERRATUS_ANTERIOR,
    MapShape.LATISSIMUS_DORSI,
    MapShape.TERES_MAJOR,
    MapShape.INFRASPINATUS,
    MapShape.PECTORALS,
    MapShape.LOWER_TRAPEZIUS,
    MapShape.MIDDLE_TRAPEZIUS,
    MapShape.UPPER_TRAPEZIUS,
    MapShape.TRICEPS,
    MapShape.BICEPS,
    MapShape.FOREARMS,
    MapShape.SIDE_DELTOID,
    MapShape.REAR_DELTOID,
    MapShape.FRONT_DELTOID,
    MapShape.RHOMBOIDS,
    MapShape.LEVATOR_SCAPULAE,
    MapShape.QUADRATUS_LUMBORUM,
    MapShape.DIAPHRAGM,
]
VIEWS = [(figures.View.FRONT, "Front"), (figures.View.BACK, "Back")]
MAP_POSE = figures.Pose(abduction=14)  # arms a little out from the sides, clear of the trunk
#: The smallest hit area, in drawing units: /anatomy/ draws a view at 4 CSS px or more per
#: unit, so every target there is at least 24 by 24 px (WCAG 2.2, 2.5.8). Elsewhere the list
#: of muscles beside the map offers the same links.
MIN_TARGET = 6.0
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def box_of(path):
    """(left, top, right, bottom) of a path made of straight lines."""
    values = [float(n) for n in NUMBER.findall(path)]
    xs, ys = values[0::2], values[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def hit_area(path):
    """A rectangle centred on the shape, at least ``MIN_TARGET`` each way."""
    left, top, right, bottom = box_of(path)
    width, height = max(right - left, MIN_TARGET), max(bottom - top, MIN_TARGET)
    x, y = (left + right - width) / 2, (top + bottom - height) / 2
    return {
        "x": figures.fmt(x),
        "y": figures.fmt(y),
        "width": figures.fmt(width),
        "height": figures.fmt(height),
    }


@cache
def drawing(view):
    """One view's body outline, each muscle's shapes with their hit areas, and its box."""
    figure = figures.solve(replace(MAP_POSE, view=view), view, 0)
    shapes = {}
    for key in LAYERS:
        paths = figures.muscle_paths(figure, key)
        if paths:
            small = [
                path
                for path in paths
                if min(box_of(path)[2] - box_of(path)[0], box_of(path)[3] - box_of(path)[1]) < MIN_TARGET
            ]
            shapes[key] = {"paths": paths, "hits": [hit_area(path) for path in small]}
    left, top, right, bottom = figures.bounds([figure], margin=3, floor=False)
    caption = bottom + 7  # a line under the feet for the name of the muscle pointed at
    return {
        "body": figures.body_paths(figure),
        "shapes": shapes,
        "box": " ".join(figures.fmt(n) for n in (left, top, right - left, caption + 3 - top)),
        "caption": {"x": figures.fmt((left + right) / 2), "y": figures.fmt(caption)},
        "corner": {"x": figures.fmt(left + 1), "y": figures.fmt(top + 5)},
    }


#: Where each vertebra lies up the trunk in the figures' measure (hips 0, shoulders 1): the
#: thoracolumbar junction (T12/L1) at the waist, 12 thoracic levels up to T1 just above the
#: shoulder joints, 5 lumbar levels down to the sacrum.
LEVELS = {
    "C7": 1.07,
    **{f"T{n}": 1.02 - (n - 1) * 0.05 for n in range(1, 13)},
    **{f"L{n}": 0.4 - (n - 1) * 0.075 for n in range(1, 6)},
    "S1": 0.04,
}
SPAN = re.compile(r"^\s*([CTLS]\d{1,2})\s*[–—-]\s*([CTLS]\d{1,2})\s*$", re.IGNORECASE)


def spine_band(text):
    """The heights (top, bottom) of a span of vertebrae written "T1–T4", or None."""
    found = SPAN.match(text or "")
    if not found:
        return None
    top, bottom = (LEVELS.get(name.upper()) for name in found.groups())
    if top is None or bottom is None or top < bottom:
        return None
    half = 0.022  # half a vertebra's height
    return top + half, bottom - half


def map_views(muscles, primary=(), secondary=(), band=None, stretched=()):
    """What the template draws, view by view: every shape, linked when a muscle has picked it.

    ``muscles`` are the muscles that have a map shape; ``primary``, ``secondary`` and
    ``stretched`` are the shape keys to highlight (a working role wins when a shape is in two);
    ``band`` (a region's vertebrae, "T1–T4") is shaded across the back.
    """
    by_shape = {m.map_shape: m for m in muscles if m.map_shape}
    primary, secondary = set(primary), set(secondary) - set(primary)
    stretched = set(stretched) - primary - secondary
    views = []
    for view, label in VIEWS:
        drawn = drawing(view)
        shapes = []
        for key, shape in drawn["shapes"].items():
            state = (
                "primary"
                if key in primary
                else "secondary"
                if key in secondary
                else "stretched"
                if key in stretched
                else ""
            )
            shapes.append(
                {"key": key, **shape, "muscle": by_shape.get(key), "state": state, "deep": key in DEEP}
            )
        # Context first, then linked shapes in their layers (deep ones last), so every hit
        # area sits above the shapes it overlaps.
        shapes.sort(key=lambda s: s["muscle"] is not None)
        shade = ""
        if band and view == figures.View.BACK and (heights := spine_band(band)):
            figure = figures.solve(replace(MAP_POSE, view=view), view, 0)
            top, bottom = heights
            shade = figures.outline(figure, [(0, top), (10.5, top), (10.5, bottom), (0, bottom)])
        views.append({"key": view, "label": label, **drawn, "shapes": shapes, "band": shade})
    return views


def shapes_for(muscles, mapped):
    """The map shapes that stand for ``muscles``: their own, or their parts' for a parent."""
    keys = set()
    for muscle in muscles:
        if muscle.map_shape:
            keys.add(muscle.map_shape)
        else:
            keys.update(m.map_shape for m in mapped if m.parent_id == muscle.pk)
    return keys
