"""The back-view body map: one drawing, reused by every page that shows muscles.

Each shape is drawn once for the left side of the body on a 200 x 320 grid and mirrored for
the right. A muscle appears on the map when an editor picks its shape (``Muscle.map_shape``);
shapes no muscle has picked are drawn as plain context. The template is
``templates/includes/body_map.html``, rendered by the ``{% body_map %}`` tag.
"""

from django.db import models


class MapShape(models.TextChoices):
    UPPER_TRAPEZIUS = "upper-trapezius", "Upper trapezius"
    MIDDLE_TRAPEZIUS = "middle-trapezius", "Middle trapezius"
    LOWER_TRAPEZIUS = "lower-trapezius", "Lower trapezius"
    LEVATOR_SCAPULAE = "levator-scapulae", "Levator scapulae"
    RHOMBOIDS = "rhomboids", "Rhomboids"
    INFRASPINATUS = "infraspinatus", "Infraspinatus"
    TERES_MAJOR = "teres-major", "Teres major"
    REAR_DELTOID = "rear-deltoid", "Rear deltoid"
    LATISSIMUS_DORSI = "latissimus-dorsi", "Latissimus dorsi"
    ERECTOR_SPINAE = "erector-spinae", "Erector spinae"
    TRICEPS = "triceps", "Triceps"
    OBLIQUES = "obliques", "Obliques"
    GLUTES = "glutes", "Glutes"


# Left-side outlines; the right side is the same path mirrored about x = 100.
SHAPES = {
    MapShape.UPPER_TRAPEZIUS: "M100 40 L95 43 L92 57 L66 67 L59 73 L74 76 L100 71 Z",
    MapShape.LEVATOR_SCAPULAE: "M91 45 L87 46 L73 64 L77 67 L89 57 Z",
    MapShape.MIDDLE_TRAPEZIUS: "M100 71 L74 76 L62 80 L88 87 L100 87 Z",
    MapShape.RHOMBOIDS: "M100 87 L89 88 L87 110 L100 116 Z",
    MapShape.LOWER_TRAPEZIUS: "M87 111 L100 117 L100 170 L93 142 Z",
    MapShape.INFRASPINATUS: "M86 89 L73 87 L66 96 L70 106 L85 110 Z",
    MapShape.TERES_MAJOR: "M85 111 L70 107 L60 106 L62 113 L80 121 Z",
    MapShape.REAR_DELTOID: "M59 74 L49 78 L45 92 L49 104 L57 100 L64 84 Z",
    MapShape.LATISSIMUS_DORSI: ("M62 114 L80 122 L93 143 L98 168 L90 176 L86 228 L72 224 L66 182 L63 142 Z"),
    MapShape.ERECTOR_SPINAE: "M100 170 L98 168 L90 176 L86 228 L89 242 L100 246 Z",
    MapShape.TRICEPS: "M49 104 L57 101 L60 140 L52 152 L44 148 L43 116 Z",
    MapShape.OBLIQUES: "M66 182 L72 224 L86 228 L84 240 L64 240 L60 206 Z",
    MapShape.GLUTES: "M100 248 L89 242 L84 240 L64 240 L62 270 L72 294 L100 296 Z",
}

# Drawn for context only: head, neck, forearms and the outline of the body.
SILHOUETTE = (
    "M100 8 C88 8 84 18 84 28 C84 38 90 44 95 44 L92 57 L66 67 L50 76 C44 80 42 92 43 116 "
    "L44 148 L40 196 L48 198 L56 156 L60 140 L63 142 L60 206 L62 270 L72 296 L100 298 "
    "L128 296 L138 270 L140 206 L137 142 L140 140 L144 156 L152 198 L160 196 L156 148 L157 116 "
    "C158 92 156 80 150 76 L134 67 L108 57 L105 44 C110 44 116 38 116 28 C116 18 112 8 100 8 Z"
)
MIRROR = "matrix(-1 0 0 1 200 0)"


def map_shapes(muscles, primary=(), secondary=()):
    """What the template draws: every shape, linked when a muscle has picked it.

    ``muscles`` are the muscles that have a map shape; ``primary`` and ``secondary`` are the
    shape keys to highlight (primary wins when a shape is in both).
    """
    by_shape = {m.map_shape: m for m in muscles if m.map_shape}
    primary, secondary = set(primary), set(secondary) - set(primary)
    shapes = []
    for key, path in SHAPES.items():
        muscle = by_shape.get(key)
        state = "primary" if key in primary else "secondary" if key in secondary else ""
        shapes.append({"key": key, "path": path, "muscle": muscle, "state": state})
    # Linked shapes last, so they sit above plain context shapes.
    return sorted(shapes, key=lambda shape: shape["muscle"] is not None)


def shapes_for(muscles, mapped):
    """The map shapes that stand for ``muscles``: their own, or their parts' for a parent."""
    keys = set()
    for muscle in muscles:
        if muscle.map_shape:
            keys.add(muscle.map_shape)
        else:
            keys.update(m.map_shape for m in mapped if m.parent_id == muscle.pk)
    return keys
