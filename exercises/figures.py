"""Exercise figures drawn from pose data: one human figure, in one style, for every exercise.

A pose is data (``Pose``): the figure's view, its base (how it is supported) and an angle for
each joint. ``solve(pose)`` places every joint by forward kinematics from the segment lengths
below, and puts the figure on the floor or its support; ``problems(pose)`` names every joint
outside its normal range and every body point below the floor; ``svg(pose)`` draws it.

Sources:
- Segment lengths, as fractions of standing height H: Winter DA. *Biomechanics and Motor
  Control of Human Movement*, 4th ed. Wiley, 2009, figure 4.1 (after Drillis R, Contini R.
  *Body segment parameters*. Report 1166-03, New York University, 1966).
- Normal ranges of motion: American Academy of Orthopaedic Surgeons. *Joint Motion: Method of
  Measuring and Recording*. AAOS, 1965, as tabulated in Greene WB, Heckman JD (eds.). *The
  Clinical Measurement of Joint Motion*. AAOS, 1994.

Conventions (side view, the figure faces +x, y points up): a segment's direction is an angle
in degrees from straight up, positive towards the front. Joint angles are anatomical: flexion
positive, extension negative (the ankle: dorsiflexion positive, plantar flexion negative).
"""

import math
from dataclasses import dataclass, field, fields, replace

from django.db import models

H = 100.0  # standing height in drawing units; a figure's SVG is scaled to its box

#: Segment lengths as fractions of height (Winter 2009, after Drillis and Contini 1966).
LENGTH = {
    "foot": 0.152,  # heel to toe
    "ankle_height": 0.039,  # floor to ankle joint
    "heel_back": 0.035,  # heel behind the ankle joint
    "shank": 0.246,  # knee to ankle (0.285 - 0.039)
    "thigh": 0.245,  # hip to knee (0.530 - 0.285)
    "trunk": 0.288,  # hip to shoulder (0.818 - 0.530)
    "neck": 0.052,  # shoulder to chin (0.870 - 0.818)
    "head": 0.130,  # chin to crown
    "upper_arm": 0.186,  # shoulder to elbow (0.818 - 0.632)
    "forearm": 0.146,  # elbow to wrist
    "hand": 0.108,  # wrist to fingertip
}
LUMBAR_SHARE = 0.42  # of the trunk, hip to the thoracolumbar junction

#: Normal range of each joint in degrees, (most extended, most flexed) (AAOS 1965/1994).
RANGE = {
    "spine": (-25, 80),  # thoracolumbar extension 25, flexion 80
    "hip": (-30, 120),
    "knee": (0, 135),
    "ankle": (-50, 20),  # plantar flexion 50, dorsiflexion 20
    "shoulder": (-60, 180),
    "elbow": (0, 150),
    "wrist": (-70, 80),  # extension 70, flexion 80
    "neck": (-45, 45),
}
JOINTS = tuple(RANGE)


class View(models.TextChoices):
    SIDE = "side", "Side"
    FRONT = "front", "Front"
    BACK = "back", "Back"


class Base(models.TextChoices):
    STANDING = "standing", "Standing"
    KNEELING = "kneeling", "Kneeling"
    SEATED = "seated", "Seated"
    PRONE = "prone", "Lying face down"
    SUPINE = "supine", "Lying face up"
    HANGING = "hanging", "Hanging"


@dataclass(frozen=True)
class Pose:
    """One frame of an exercise. ``far`` holds the far arm's and leg's joints where they differ
    from the near side's (a one-arm row, a split stance)."""

    view: str = View.SIDE
    base: str = Base.STANDING
    spine: float = 0
    hip: float = 0
    knee: float = 0
    ankle: float = 0
    shoulder: float = 0
    elbow: float = 0
    wrist: float = 0
    neck: float = 0
    lean: float = 0  # for a hanging figure, the trunk's tilt from vertical (others follow the base)
    far: dict = field(default_factory=dict)  # joint -> angle for the far limbs

    def side(self, far):
        """This pose's angles for the near or the far limbs."""
        if not far or not self.far:
            return self
        return replace(self, **{k: v for k, v in self.far.items() if k in JOINTS}, far={})

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}


def direction(angle):
    """The unit vector of a segment at ``angle`` degrees from straight up, towards +x."""
    radians = math.radians(angle)
    return math.sin(radians), math.cos(radians)


def step(point, angle, length):
    dx, dy = direction(angle)
    return point[0] + dx * length * H, point[1] + dy * length * H


def pelvis_angle(pose):
    """The lumbar segment's direction, set by the base so that the support bears the body:
    a standing figure's feet are flat, a kneeling one's shins lie on the floor, a seated one's
    thighs are level, a lying one's trunk is flat."""
    if pose.base == Base.STANDING:
        # Up the chain from a flat foot: shank leans by the dorsiflexion, the knee folds the
        # thigh back, the hip folds the trunk forward.
        return pose.ankle - pose.knee + pose.hip
    if pose.base == Base.KNEELING:
        return pose.hip - pose.knee + 90
    if pose.base == Base.SEATED:
        return pose.hip - 90
    if pose.base == Base.PRONE:
        return 90 - pose.spine * LUMBAR_SHARE
    if pose.base == Base.SUPINE:
        return -90 - pose.spine * LUMBAR_SHARE
    return pose.lean


def limbs(pose, hip, pelvis, thorax, shoulder, far=False):
    """The joints of one arm and one leg."""
    p = pose.side(far)
    thigh = pelvis - p.hip + 180  # hip to knee
    shank = thigh + p.knee  # knee to ankle
    foot = shank - 90 - p.ankle  # heel to toe, level when standing with the shank upright
    if pose.base == Base.KNEELING:
        foot = shank  # the top of the foot rests on the floor behind the knee
    knee = step(hip, thigh, LENGTH["thigh"])
    ankle = step(knee, shank, LENGTH["shank"])
    sole = step(ankle, shank, LENGTH["ankle_height"])  # the sole under the ankle
    heel = step(sole, foot, -LENGTH["heel_back"])
    toe = step(sole, foot, LENGTH["foot"] - LENGTH["heel_back"])
    upper_arm = thorax + 180 - p.shoulder  # hangs down at 0, forward and up with flexion
    forearm = upper_arm - p.elbow
    hand = forearm - p.wrist
    elbow = step(shoulder, upper_arm, LENGTH["upper_arm"])
    wrist = step(elbow, forearm, LENGTH["forearm"])
    fingers = step(wrist, hand, LENGTH["hand"])
    return {
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
        "elbow": elbow,
        "wrist": wrist,
        "fingers": fingers,
        "grip": step(wrist, hand, LENGTH["hand"] * 0.45),  # where a handle sits in the hand
        "angles": {"thigh": thigh, "shank": shank, "foot": foot, "upper_arm": upper_arm},
    }


@dataclass
class Figure:
    """A solved pose: named points in drawing units (y up, the floor at y = 0)."""

    pose: Pose
    points: dict
    near: dict
    far: dict
    angles: dict

    def all_points(self):
        yield from self.points.items()
        for side, limb in (("near", self.near), ("far", self.far)):
            for name, point in limb.items():
                if name != "angles":
                    yield f"{side} {name}", point

    def lowest(self):
        """The lowest point of the drawn body: each joint less the half-width drawn around it."""
        return min(y - RADIUS.get(name.split()[-1], 0) for name, (_x, y) in self.all_points())


def solve(pose):
    """Place every joint, then stand the figure on the floor (y = 0) by its lowest point.

    For a hanging figure the hands are the support: it hangs with its grip at ``HANG_HEIGHT``.
    """
    pelvis = pelvis_angle(pose)
    thorax = pelvis + pose.spine
    head = thorax + pose.neck
    hip = (0.0, 0.0)
    waist = step(hip, pelvis, LENGTH["trunk"] * LUMBAR_SHARE)
    shoulder = step(waist, thorax, LENGTH["trunk"] * (1 - LUMBAR_SHARE))
    chin = step(shoulder, head, LENGTH["neck"])
    crown = step(chin, head, LENGTH["head"])
    points = {"hip": hip, "waist": waist, "shoulder": shoulder, "chin": chin, "crown": crown}
    near = limbs(pose, hip, pelvis, thorax, shoulder)
    far = limbs(pose, hip, pelvis, thorax, shoulder, far=True)
    figure = Figure(pose, points, near, far, {"pelvis": pelvis, "thorax": thorax, "head": head})
    if pose.base == Base.HANGING:
        grip_y = near["grip"][1]
        return shifted(figure, 0, HANG_HEIGHT - grip_y)
    return shifted(figure, 0, -figure.lowest())


HANG_HEIGHT = 2.25 * H  # the pull-up bar's height above the floor


def shifted(figure, dx, dy):
    def move(point):
        return point[0] + dx, point[1] + dy

    def move_limb(limb):
        return {name: (value if name == "angles" else move(value)) for name, value in limb.items()}

    return Figure(
        figure.pose,
        {name: move(point) for name, point in figure.points.items()},
        move_limb(figure.near),
        move_limb(figure.far),
        figure.angles,
    )


#: Half the drawn width of the body around each point, in drawing units (H = 100).
RADIUS = {
    "hip": 6.0,
    "waist": 5.2,
    "shoulder": 5.5,
    "crown": 0.5,
    "chin": 2.0,
    "knee": 3.1,
    "ankle": 2.2,
    "elbow": 2.6,
    "wrist": 1.8,
    "grip": 1.6,
    "fingers": 1.0,
}


def problems(pose):
    """What makes a pose impossible, each naming the joint or contact; empty when it is fine."""
    found = []
    for side, angles in (("", pose), ("far ", pose.side(far=True))):
        for joint in JOINTS:
            low, high = RANGE[joint]
            value = getattr(angles, joint)
            if not low <= value <= high and (not side or joint in pose.far):
                found.append(
                    f"The {side}{joint} is at {value:g}°, outside its normal range ({low}° to {high}°)."
                )
    if not found:
        figure = solve(pose)
        below = [
            name
            for name, (_x, y) in figure.all_points()
            if y - RADIUS.get(name.split()[-1], 0) < -FLOOR_TOLERANCE
        ]
        if below:
            found.append(f"The {below[0]} is below the floor.")
        for name in SUPPORTS.get(pose.base, ()):
            side, point = name.split() if " " in name else ("", name)
            y = (figure.near if side else figure.points)[point][1] - RADIUS.get(point, 0)
            if abs(y) > FLOOR_TOLERANCE:
                found.append(f"The {name} should rest on the floor but is {y:.1f} above it.")
    return found


FLOOR_TOLERANCE = 1.5  # drawing units (1.5% of height): a few pixels at the page's size

#: The points that bear the body on the floor for each base (a seated figure's seat is drawn
#: under its hips, a hanging one holds the bar).
SUPPORTS = {
    Base.STANDING: ("near heel", "near toe"),
    Base.KNEELING: ("near knee",),
    Base.PRONE: ("hip", "shoulder"),
    Base.SUPINE: ("hip", "shoulder"),
}


# -- drawing ------------------------------------------------------------------------------

#: The body's shapes: (name, from point, to point, half-width at each end), drawn in order.
TRUNK = [
    ("pelvis", "hip", "waist", 6.0, 5.2),
    ("thorax", "waist", "shoulder", 5.2, 6.2),
    ("neck", "shoulder", "chin", 2.8, 2.5),
]
LEG = [("thigh", "hip", "knee", 4.9, 3.0), ("shank", "knee", "ankle", 2.9, 1.9)]
ARM = [
    ("upper_arm", "shoulder", "elbow", 3.0, 2.5),
    ("forearm", "elbow", "wrist", 2.4, 1.7),
    ("hand", "wrist", "fingers", 1.7, 1.0),
]

#: Where each muscle the catalogue names is drawn in side view: (segment, from, to, face,
#: depth): a band along the segment between fractions ``from`` and ``to`` of its length, on its
#: front or back face, covering ``depth`` of its half-width.
MUSCLE_BANDS = {
    "trapezius": [("thorax", 0.55, 1.0, "back", 0.55), ("neck", 0.0, 0.8, "back", 0.6)],
    "upper-trapezius": [("neck", 0.0, 0.8, "back", 0.6), ("thorax", 0.85, 1.0, "back", 0.5)],
    "middle-trapezius": [("thorax", 0.65, 0.88, "back", 0.45)],
    "lower-trapezius": [("thorax", 0.45, 0.68, "back", 0.4)],
    "rhomboids": [("thorax", 0.6, 0.85, "back", 0.3)],
    "levator-scapulae": [("neck", 0.1, 0.9, "back", 0.35)],
    "latissimus-dorsi": [("thorax", 0.1, 0.78, "back", 0.6), ("upper_arm", 0.0, 0.2, "back", 0.6)],
    "teres-major": [("thorax", 0.72, 0.9, "back", 0.5), ("upper_arm", 0.0, 0.15, "back", 0.5)],
    "infraspinatus": [("thorax", 0.7, 0.92, "back", 0.55)],
    "rear-deltoid": [("upper_arm", 0.0, 0.3, "back", 0.75)],
    "front-deltoid": [("upper_arm", 0.0, 0.3, "front", 0.75)],
    "erector-spinae": [("pelvis", 0.2, 1.0, "back", 0.45), ("thorax", 0.0, 0.6, "back", 0.35)],
    "quadratus-lumborum": [("pelvis", 0.45, 1.0, "back", 0.3)],
    "glutes": [("pelvis", 0.0, 0.45, "back", 0.85), ("thigh", 0.0, 0.18, "back", 0.8)],
    "hamstrings": [("thigh", 0.15, 0.92, "back", 0.7)],
    "quadriceps": [("thigh", 0.1, 0.92, "front", 0.75)],
    "biceps": [("upper_arm", 0.3, 0.9, "front", 0.7)],
    "triceps": [("upper_arm", 0.25, 0.9, "back", 0.7)],
    "forearms": [("forearm", 0.05, 0.8, "front", 0.9), ("forearm", 0.05, 0.8, "back", 0.9)],
    "pectorals": [("thorax", 0.6, 0.95, "front", 0.6)],
    "serratus-anterior": [("thorax", 0.45, 0.7, "front", 0.35)],
    "abdominals": [("pelvis", 0.1, 1.0, "front", 0.45), ("thorax", 0.0, 0.5, "front", 0.4)],
    "obliques": [("pelvis", 0.3, 1.0, "front", 0.9), ("thorax", 0.0, 0.35, "front", 0.8)],
}

COLOURS = {
    "far": "#9fb0ad",
    "near": "#52625f",
    "line": "#ffffff",
    "primary": "#0b5f59",
    "secondary": "#0b5f59",
    "floor": "#8a9794",
    "prop": "#2f3b39",
}


def to_svg(point):
    return point[0], -point[1]


def fmt(number):
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def capsule(a, ra, b, rb):
    """A limb's outline: a tapered bar with round ends, from ``a`` to ``b`` (SVG coordinates)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1e-6
    nx, ny = -dy / length, dx / length
    p1 = (a[0] + nx * ra, a[1] + ny * ra)
    p2 = (b[0] + nx * rb, b[1] + ny * rb)
    p3 = (b[0] - nx * rb, b[1] - ny * rb)
    p4 = (a[0] - nx * ra, a[1] - ny * ra)
    return (
        f"M{fmt(p1[0])} {fmt(p1[1])}L{fmt(p2[0])} {fmt(p2[1])}"
        f"A{fmt(rb)} {fmt(rb)} 0 0 0 {fmt(p3[0])} {fmt(p3[1])}"
        f"L{fmt(p4[0])} {fmt(p4[1])}A{fmt(ra)} {fmt(ra)} 0 0 0 {fmt(p1[0])} {fmt(p1[1])}Z"
    )


def band(a, ra, b, rb, start, stop, face, depth, front_sign):
    """A muscle's patch on a segment (SVG coordinates); see MUSCLE_BANDS."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1e-6
    nx, ny = -dy / length * front_sign, dx / length * front_sign
    if face == "back":
        nx, ny = -nx, -ny
    corners = []
    for t, outer in ((start, True), (stop, True), (stop, False), (start, False)):
        x, y = a[0] + dx * t, a[1] + dy * t
        radius = ra + (rb - ra) * t
        reach = radius * 0.96 if outer else radius * (1 - depth)
        corners.append((x + nx * reach, y + ny * reach))
    return "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in corners) + "Z"


def segment_points(figure, side):
    limb = figure.near if side == "near" else figure.far
    return {**figure.points, **{k: v for k, v in limb.items() if k != "angles"}}


#: Which way a segment's front faces, relative to its direction from ``from`` to ``to``:
#: the trunk runs up the body (its front to the left of that direction), the limbs down.
FRONT_SIGN = {"pelvis": 1, "thorax": 1, "neck": 1}


def draw(figure, primary=(), secondary=(), ident="fig"):
    """The figure's shapes as SVG elements (without the <svg> wrapper)."""
    parts = []
    lit = [(slug, "primary") for slug in primary] + [
        (slug, "secondary") for slug in secondary if slug not in primary
    ]

    def shapes(specs, side, tone):
        points = segment_points(figure, side)
        out = []
        for name, start, stop, ra, rb in specs:
            a, b = to_svg(points[start]), to_svg(points[stop])
            outline = f' stroke="{COLOURS["line"]}" stroke-width="0.6"' if tone == "near" else ""
            out.append(
                f'<path class="fig-{tone}" fill="{COLOURS[tone]}"{outline} d="{capsule(a, ra, b, rb)}"/>'
            )
            for slug, role in lit:
                for segment, t0, t1, face, depth in MUSCLE_BANDS.get(slug, []):
                    if segment == name:
                        d = band(a, ra, b, rb, t0, t1, face, depth, FRONT_SIGN.get(name, -1))
                        fill = COLOURS["primary"] if role == "primary" else f"url(#{ident}-hatch)"
                        out.append(f'<path class="fig-{role}" fill="{fill}" d="{d}"/>')
        return out

    parts += shapes(ARM, "far", "far")
    parts += shapes(LEG, "far", "far")
    parts.append(foot(figure.far, "far"))
    parts += shapes(TRUNK, "near", "near")
    head_centre = midpoint(figure.points["chin"], figure.points["crown"])
    cx, cy = to_svg(head_centre)
    parts.append(
        f'<ellipse class="fig-near" fill="{COLOURS["near"]}" cx="{fmt(cx)}" cy="{fmt(cy)}" rx="5.4" ry="6.4" '
        f'transform="rotate({fmt(figure.angles["head"])} {fmt(cx)} {fmt(cy)})"/>'
    )
    # A nose shows which way the figure faces.
    nose = to_svg(step(head_centre, figure.angles["head"] + 90, 0.052))
    parts.append(
        f'<circle class="fig-near" fill="{COLOURS["near"]}" cx="{fmt(nose[0])}" cy="{fmt(nose[1])}" r="1.5"/>'
    )
    parts += shapes(LEG, "near", "near")
    parts.append(foot(figure.near, "near"))
    parts += shapes(ARM, "near", "near")
    return parts


def midpoint(a, b):
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def foot(limb, tone):
    """The foot: a wedge from the ankle to the heel and toe."""
    ankle, heel, toe = (to_svg(limb[name]) for name in ("ankle", "heel", "toe"))
    d = capsule(heel, 1.4, toe, 0.9)
    return (
        f'<path class="fig-{tone}" fill="{COLOURS[tone]}" d="M{fmt(ankle[0])} {fmt(ankle[1])}'
        f'L{fmt(heel[0])} {fmt(heel[1])}L{fmt(toe[0])} {fmt(toe[1])}Z{d}"/>'
    )


def bounds(figures, margin=8.0):
    xs, ys = [], []
    for figure in figures:
        for name, point in figure.all_points():
            x, y = to_svg(point)
            r = RADIUS.get(name.split()[-1], 1.0) + 1
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    ys.append(0.0)  # the floor is always in the picture
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


def svg(pose, *, primary=(), secondary=(), title="", ident="fig", box=None):
    """One still figure as a standalone SVG document."""
    figure = solve(pose)
    left, top, right, bottom = box or bounds([figure])
    width, height = right - left, bottom - top
    hatch = (
        f'<defs><pattern id="{ident}-hatch" width="3" height="3" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="1.5" height="3" fill="{COLOURS["secondary"]}"/>'
        "</pattern></defs>"
        if secondary
        else ""
    )
    floor = (
        f'<line class="fig-floor" stroke="{COLOURS["floor"]}" stroke-width="0.8" '
        f'x1="{fmt(left)}" y1="0" x2="{fmt(right)}" y2="0"/>'
    )
    label = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fmt(left)} {fmt(top)} {fmt(width)} '
        f'{fmt(height)}" role="img" class="figure-svg">{label}{hatch}{floor}'
        + "".join(draw(figure, primary, secondary, ident))
        + "</svg>"
    )


def escape(text):
    from html import escape as html_escape

    return html_escape(text, quote=True)
