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

import hashlib
import math
from dataclasses import dataclass, field, fields, replace
from html import escape
from itertools import pairwise

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
    "abduction": (-45, 180),  # arm out to the side; negative: across the front of the body
    "rotation": (-70, 90),  # the upper arm turned out (external) positive, in negative
    "elbow": (0, 150),
    "wrist": (-70, 80),  # extension 70, flexion 80
    "neck": (-45, 45),
    "side_bend": (-35, 35),  # thoracolumbar lateral flexion, towards the near side positive
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
    PLANK = "plank", "On hands and toes"


class Support(models.TextChoices):
    FLOOR = "floor", "The floor"
    BENCH = "bench", "A bench (knee height)"
    HIGH_BENCH = "high-bench", "A high bench (seal-row height)"
    HIP_PAD = "hip-pad", "A hip pad (back extension bench)"
    LOW_BAR = "low-bar", "A low bar, heels on the floor (inverted row)"


#: The top of each support above the floor (a flat bench about 44 cm, a seal-row bench about
#: 75 cm, a back extension bench's pad about 90 cm, for a reader 175 cm tall).
SUPPORT_HEIGHT = {
    Support.FLOOR: 0.0,
    Support.BENCH: 0.25 * H,
    Support.HIGH_BENCH: 0.43 * H,
    Support.HIP_PAD: 0.52 * H,
    Support.LOW_BAR: 0.55 * H,  # the bar of an inverted row, about hip height
}


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
    abduction: float = 0
    rotation: float = 0
    side_bend: float = 0
    lean: float = 0  # hanging or plank: the trunk's tilt from vertical; supine: hips lifted
    support: str = Support.FLOOR  # what a lying trunk rests on; a low bar for an inverted row
    elevation: float = 0  # shoulders shrugged towards the ears, in hundredths of height (0 to 8)
    far: dict = field(default_factory=dict)  # joint -> angle for the far limbs

    def side(self, far):
        """This pose's angles for the near or the far limbs."""
        if not far or not self.far:
            return self
        return replace(self, **{k: v for k, v in self.far.items() if k in JOINTS}, far={})

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}


def direction(angle):
    """The unit vector of a segment at ``angle`` degrees from straight up, towards the front
    (+x), in the body's plane of symmetry (z = 0)."""
    radians = math.radians(angle)
    return math.sin(radians), math.cos(radians), 0.0


def add(*vectors):
    return tuple(map(sum, zip(*vectors, strict=True)))


def scale(vector, factor):
    return tuple(value * factor for value in vector)


def dot(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


def turn(vector, axis, angle):
    """``vector`` turned by ``angle`` degrees about the unit ``axis`` (Rodrigues' formula)."""
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    ax, ay, az = axis
    vx, vy, vz = vector
    cross = (ay * vz - az * vy, az * vx - ax * vz, ax * vy - ay * vx)
    return add(scale(vector, cos), scale(cross, sin), scale(axis, dot(axis, vector) * (1 - cos)))


def step(point, unit, length):
    """From ``point`` along ``unit`` (a vector, or an angle in the plane of symmetry) for
    ``length`` (a fraction of height)."""
    if not isinstance(unit, tuple):
        unit = direction(unit)
    return add(point, scale(unit[: len(point)], length * H))


LATERAL = (0.0, 0.0, 1.0)  # towards the near side: the figure's right
#: Half the distance between the shoulder joints and between the hip joints (biacromial and
#: hip-joint breadth, about 0.20 and 0.11 of height; Winter 2009, figure 4.1).
SHOULDER_HALF = 10.0
HIP_HALF = 5.5


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
    if pose.base == Base.PRONE and pose.support == Support.HIP_PAD:
        return 90 + pose.hip  # the legs lie level on the bench; the trunk folds over the pad
    if pose.base == Base.PRONE:
        return 90  # the pelvis stays down; arching the back lifts the chest
    if pose.base == Base.SUPINE:
        # The pelvis stays down and flexing lifts the shoulders (a crunch); ``lean`` instead
        # lifts the hips off the floor (a bridge), the shoulders staying down.
        return -90 - pose.lean
    return pose.lean  # hanging and plank: the trunk's tilt is set directly


@dataclass(frozen=True)
class Frame:
    """The thorax's axes: ``up`` along the spine, ``front`` out of the chest, ``side`` towards
    the near side. Side bending turns all three about the pelvis's front axis."""

    up: tuple
    front: tuple
    side: tuple


def arm(p, thorax, shoulder, sign):
    """One arm's joints from its shoulder joint. The upper arm is placed by flexion (forward in
    the sagittal plane) and abduction (out to the side); the elbow bends in the plane the
    shoulder's rotation chooses: forward at 0 (the side view's plane), up or out at 90."""
    f, a, r = (math.radians(value) for value in (p.shoulder, p.abduction, p.rotation))
    down = scale(thorax.up, -1)
    side = scale(thorax.side, sign)
    upper = add(
        scale(thorax.front, math.sin(f) * math.cos(a)),
        scale(down, math.cos(f) * math.cos(a)),
        scale(side, math.sin(a)),
    )
    # Two directions square to the upper arm: where flexing and abducting further would move it.
    flexing = add(scale(thorax.front, math.cos(f)), scale(thorax.up, math.sin(f)))
    abducting = add(
        scale(thorax.front, -math.sin(f) * math.sin(a)),
        scale(down, -math.cos(f) * math.sin(a)),
        scale(side, math.cos(a)),
    )
    bend = add(scale(flexing, math.cos(r)), scale(abducting, math.sin(r)))

    def bent(degrees):
        radians = math.radians(degrees)
        return add(scale(upper, math.cos(radians)), scale(bend, math.sin(radians)))

    elbow = step(shoulder, upper, LENGTH["upper_arm"])
    wrist = step(elbow, bent(p.elbow), LENGTH["forearm"])
    hand = bent(p.elbow + p.wrist)
    return {
        "shoulder_joint": shoulder,
        "elbow": elbow,
        "wrist": wrist,
        "fingers": step(wrist, hand, LENGTH["hand"]),
        "grip": step(wrist, hand, LENGTH["hand"] * 0.45),  # where a handle sits in the hand
    }


def limbs(pose, hip, pelvis, thorax, shoulder, far=False):
    """The joints of one arm and one leg (the far side's mirror the near side's across the
    body's plane of symmetry)."""
    p = pose.side(far)
    sign = -1 if far else 1
    hip = step(hip, LATERAL, sign * HIP_HALF / H)
    thigh = pelvis - p.hip + 180  # hip to knee
    shank = thigh + p.knee  # knee to ankle
    foot = shank - 90 - p.ankle  # heel to toe, level when standing with the shank upright
    if pose.base == Base.KNEELING:
        foot = shank  # the top of the foot rests on the floor behind the knee
    knee = step(hip, thigh, LENGTH["thigh"])
    ankle = step(knee, shank, LENGTH["shank"])
    sole = step(ankle, shank, LENGTH["ankle_height"])  # the sole under the ankle
    return {
        "hip_joint": hip,
        "knee": knee,
        "ankle": ankle,
        "heel": step(sole, foot, -LENGTH["heel_back"]),
        "toe": step(sole, foot, LENGTH["foot"] - LENGTH["heel_back"]),
        **arm(p, thorax, step(shoulder, thorax.side, sign * SHOULDER_HALF / H), sign),
        "angles": {"thigh": thigh, "shank": shank, "foot": foot},
    }


@dataclass
class Figure:
    """A solved pose: named points in drawing units (y up, the floor at y = 0), in three
    dimensions (``space``) and as seen in the figure's view (``points``, ``near``, ``far``)."""

    pose: Pose
    points: dict
    near: dict
    far: dict
    angles: dict
    space: dict = field(default_factory=dict)

    def all_points(self):
        yield from self.points.items()
        for side, limb in (("near", self.near), ("far", self.far)):
            for name, point in limb.items():
                if name != "angles":
                    yield f"{side} {name}", point

    def lowest(self):
        """The lowest point of the drawn body: each joint less the half-width drawn around it."""
        return min(y - RADIUS.get(name.split()[-1], 0) for name, (_x, y, *_z) in self.all_points())


def skeleton(pose):
    """Every joint in three dimensions, the hip centre at the origin."""
    pelvis = pelvis_angle(pose)
    thorax_angle = pelvis + pose.spine
    pelvis_front = direction(pelvis + 90)
    thorax = Frame(
        up=turn(direction(thorax_angle), pelvis_front, pose.side_bend),
        front=turn(direction(thorax_angle + 90), pelvis_front, pose.side_bend),
        side=turn(LATERAL, pelvis_front, pose.side_bend),
    )
    head = turn(direction(thorax_angle + pose.neck), pelvis_front, pose.side_bend)
    hip = (0.0, 0.0, 0.0)
    waist = step(hip, pelvis, LENGTH["trunk"] * LUMBAR_SHARE)
    rest = step(waist, thorax.up, LENGTH["trunk"] * (1 - LUMBAR_SHARE))
    shoulder = step(rest, thorax.up, pose.elevation / H)  # a shrug lifts the shoulders, not the head
    chin = step(rest, head, LENGTH["neck"])
    crown = step(chin, head, LENGTH["head"])
    points = {"hip": hip, "waist": waist, "shoulder": shoulder, "chin": chin, "crown": crown}
    near = limbs(pose, hip, pelvis, thorax, shoulder)
    far = limbs(pose, hip, pelvis, thorax, shoulder, far=True)
    angles = {"pelvis": pelvis, "thorax": thorax_angle, "head": thorax_angle + pose.neck}
    axes = {"pelvis_up": direction(pelvis), "thorax": thorax, "head": head}
    return Figure(pose, points, near, far, angles, axes)


def solve(pose, view=None, camera=None):
    """Place every joint, stand the figure on the floor (y = 0) by its lowest point, and see
    it in ``view`` (the pose's own by default).

    For a hanging figure the hands are the support: it hangs with its grip at ``HANG_HEIGHT``.
    """
    body = skeleton(pose)
    near, points = body.near, body.points
    if pose.base == Base.HANGING:
        bar = SUPPORT_HEIGHT[Support.LOW_BAR] if pose.support == Support.LOW_BAR else HANG_HEIGHT
        # The hands hold the bar: every frame puts the grip at the same place, the body moves.
        body = shifted(body, -near["grip"][0], bar - near["grip"][1])
    elif pose.base in (Base.PRONE, Base.SUPINE) and pose.support != Support.FLOOR:
        bearing = ("hip",) if pose.support == Support.HIP_PAD else ("hip", "shoulder")
        trunk = min(points[name][1] - RADIUS[name] for name in bearing)
        body = shifted(body, 0, SUPPORT_HEIGHT[pose.support] - trunk)
    else:
        body = shifted(body, 0, -body.lowest())
    return project(body, view or pose.view, camera)


HANG_HEIGHT = 2.25 * H  # the pull-up bar's height above the floor


def shifted(figure, dx, dy):
    def move(point):
        return point[0] + dx, point[1] + dy, point[2]

    def move_limb(limb):
        return {name: (value if name == "angles" else move(value)) for name, value in limb.items()}

    return Figure(
        figure.pose,
        {name: move(point) for name, point in figure.points.items()},
        move_limb(figure.near),
        move_limb(figure.far),
        figure.angles,
        figure.space,
    )


def camera_angle(pose):
    """The direction a front or back view looks from: level for an upright trunk, square to
    the back of a trunk bent well forward (as a coach looks down on a bent-over row)."""
    thorax = pelvis_angle(pose) + pose.spine
    return 0 if abs(thorax) < 30 else thorax


def viewer(view, camera):
    """A function from a point in space to the picture's (x, y) in ``view``."""
    if view == View.SIDE:
        return lambda point: (point[0], point[1])
    up = direction(camera)
    across = -1 if view == View.FRONT else 1  # seen from the front, the near side is on the left
    return lambda point: (across * point[2], dot(point, up))


def project(body, view, camera=None):
    """The figure as seen in ``view``; its three-dimensional points stay in ``space``."""
    see = viewer(view, camera_angle(body.pose) if camera is None else camera)

    def look(limb):
        return {name: (value if name == "angles" else see(value)) for name, value in limb.items()}

    space = {
        **body.space,
        "points": body.points,
        "near": body.near,
        "far": body.far,
        "view": view,
        "see": see,
    }
    return Figure(
        body.pose,
        {name: see(point) for name, point in body.points.items()},
        look(body.near),
        look(body.far),
        body.angles,
        space,
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
    if not 0 <= pose.elevation <= MAX_ELEVATION:
        found.append(f"The shrug is {pose.elevation:g}, outside 0 to {MAX_ELEVATION}.")
    for side, angles in (("", pose), ("far ", pose.side(far=True))):
        for joint in JOINTS:
            low, high = RANGE[joint]
            value = getattr(angles, joint)
            if not low <= value <= high and (not side or joint in pose.far):
                found.append(
                    f"The {side}{joint} is at {value:g}°, outside its normal range ({low}° to {high}°)."
                )
    if pose.view != View.SIDE and pose.base in (Base.PRONE, Base.SUPINE, Base.PLANK):
        found.append(
            "Front and back views are drawn for standing, kneeling, seated and hanging figures; "
            "choose the side view for one lying down or on hands and toes."
        )
    if not found:
        figure = solve(pose, View.SIDE)  # true heights, whatever the view
        below = [
            name
            for name, (_x, y) in figure.all_points()
            if y - RADIUS.get(name.split()[-1], 0) < -FLOOR_TOLERANCE
        ]
        if below:
            found.append(f"The {below[0]} is below the floor.")
        surface = SUPPORT_HEIGHT[pose.support] if pose.base in (Base.PRONE, Base.SUPINE) else 0.0
        where = "the floor" if not surface else "the bench"
        bearing = SUPPORTS.get(pose.base, ())
        if pose.base == Base.PRONE and pose.spine < 0 or pose.base == Base.SUPINE and pose.spine > 0:
            bearing = ("hip",)  # the chest lifts: back arched face down, curled up face up
        if pose.base == Base.SUPINE and pose.lean:
            bearing = ("shoulder", "near heel")  # a bridge: hips up, shoulders and feet down
        if pose.support == Support.HIP_PAD and pose.base in (Base.PRONE, Base.SUPINE):
            bearing = ("hip",)  # the trunk hangs over the pad
        if pose.support == Support.LOW_BAR and pose.base == Base.HANGING:
            bearing = ("near heel",)  # an inverted row: hands on the bar, heels on the floor
        for name in bearing:
            side, point = name.split() if " " in name else ("", name)
            y = (figure.near if side else figure.points)[point][1] - RADIUS.get(point, 0) - surface
            if abs(y) > FLOOR_TOLERANCE:
                found.append(f"The {name} should rest on {where} but is {y:.1f} above it.")
    return found


#: A starting point for each base, for an editor to adjust (the admin fills it in when a new
#: frame's base is chosen): a standing figure upright, a kneeling one on its shins, a seated
#: one with thighs level, a lying one with the feet relaxed, a hanging one at arm's length.
BASE_DEFAULTS = {
    Base.STANDING: {},
    Base.KNEELING: {"knee": 90},
    Base.SEATED: {"hip": 90, "knee": 90},
    Base.PRONE: {"knee": 5, "ankle": -50},
    Base.SUPINE: {"ankle": -20},
    Base.HANGING: {"shoulder": 175},
    Base.PLANK: {"lean": 72, "shoulder": 72, "wrist": -70, "ankle": -30},
}

MAX_ELEVATION = 8  # a full shrug lifts the shoulder girdle about 8% of height (about 12 cm)
FLOOR_TOLERANCE = 1.5  # drawing units (1.5% of height): a few pixels at the page's size

#: The points that bear the body on the floor for each base (a seated figure's seat is drawn
#: under its hips, a hanging one holds the bar).
SUPPORTS = {
    Base.STANDING: ("near heel", "near toe"),
    Base.KNEELING: ("near knee",),
    Base.PRONE: ("hip", "shoulder"),
    Base.SUPINE: ("hip", "shoulder"),
    Base.PLANK: ("near toe", "near fingers"),  # hands flat on the floor, or forearms down
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
    """The figure's shapes, back to front: dicts of ``class``, ``fill``, ``d`` and optional
    ``stroke``. Every pose gives the same shapes in the same order (only ``d`` differs), so
    frames can be animated shape by shape."""
    if figure.space.get("view", View.SIDE) != View.SIDE:
        return draw_frontal(figure, primary, secondary, ident)
    parts = []
    lit = [(slug, "primary") for slug in primary] + [
        (slug, "secondary") for slug in secondary if slug not in primary
    ]

    def shapes(specs, side, tone):
        points = segment_points(figure, side)
        out = []
        for name, start, stop, ra, rb in specs:
            a, b = to_svg(points[start]), to_svg(points[stop])
            out.append(body_part(tone, capsule(a, ra, b, rb)))
            for slug, role in lit:
                for segment, t0, t1, face, depth in MUSCLE_BANDS.get(slug, []):
                    if segment == name:
                        d = band(a, ra, b, rb, t0, t1, face, depth, FRONT_SIGN.get(name, -1))
                        fill = COLOURS["primary"] if role == "primary" else f"url(#{ident}-hatch)"
                        out.append({"class": f"fig-{role}", "fill": fill, "d": d})
        return out

    parts += shapes(ARM, "far", "far")
    parts += shapes(LEG, "far", "far")
    parts.append(foot(figure.far, "far"))
    parts += shapes(TRUNK, "near", "near")
    # The head: a rounded oval along the neck's line, with a nose to show which way it faces.
    chin, crown, tilt = figure.points["chin"], figure.points["crown"], figure.angles["head"]
    parts.append(
        body_part(
            "near", capsule(to_svg(step(chin, tilt, 0.052)), 5.2, to_svg(step(crown, tilt, -0.052)), 5.2)
        )
    )
    nose = step(midpoint(chin, crown), tilt + 90, 0.05)
    parts.append(body_part("near", capsule(to_svg(nose), 1.4, to_svg(step(nose, tilt, -0.012)), 1.2)))
    parts += shapes(LEG, "near", "near")
    parts.append(foot(figure.near, "near"))
    parts += shapes(ARM, "near", "near")
    return parts


def body_part(tone, d):
    part = {"class": f"fig-{tone}", "fill": COLOURS[tone], "d": d}
    if tone == "near":
        part["stroke"] = COLOURS["line"]  # a thin light edge separates a near limb from the trunk
    return part


def midpoint(a, b):
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def foot(limb, tone):
    """The foot: a wedge from the ankle to the heel and toe."""
    ankle, heel, toe = (to_svg(limb[name]) for name in ("ankle", "heel", "toe"))
    d = capsule(heel, 1.4, toe, 0.9)
    wedge = f"M{fmt(ankle[0])} {fmt(ankle[1])}L{fmt(heel[0])} {fmt(heel[1])}L{fmt(toe[0])} {fmt(toe[1])}Z"
    return {"class": f"fig-{tone}", "fill": COLOURS[tone], "d": wedge + d}


def element(part, frames=None, seconds=0.0):
    """One shape as SVG; with ``frames`` (its ``d`` in each frame, first repeated last), it
    moves between them with SMIL, which needs no script and no style attribute."""
    stroke = f' stroke="{part["stroke"]}" stroke-width="0.6"' if "stroke" in part else ""
    head = f'<path class="{part["class"]}" fill="{part["fill"]}"{stroke} d="{part["d"]}"'
    if not frames or len(set(frames)) == 1:
        return head + "/>"
    steps = len(frames) - 1
    times = ";".join(fmt(i / steps) if i % steps else str(i // steps) for i in range(len(frames)))
    splines = ";".join(["0.45 0 0.55 1"] * steps)  # ease in and out of each position
    return (
        f'{head}><animate attributeName="d" dur="{fmt(seconds)}s" repeatCount="indefinite" '
        f'values="{";".join(frames)}" keyTimes="{times}" calcMode="spline" keySplines="{splines}"/></path>'
    )


def shows_floor(poses):
    """Whether the floor is in the picture: not for a figure hanging from a high bar, whose feet
    are far above it (the picture would be mostly empty)."""
    if poses[0].view != View.SIDE and camera_angle(poses[0]):
        return False  # seen from above a bent-over figure, the floor is not a line
    return not all(pose.base == Base.HANGING and pose.support != Support.LOW_BAR for pose in poses)


def bounds(figures, margin=8.0, extra=(), floor=True):
    xs, ys = [], []
    for x, y in extra:
        xs.append(x)
        ys.append(-y)
    for figure in figures:
        for name, point in figure.all_points():
            x, y = to_svg(point)
            r = RADIUS.get(name.split()[-1], 1.0) + 1
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    if floor:
        ys.append(0.0)
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


def frame_parts(figure, first, equipment, primary, secondary, ident):
    """Everything drawn in one frame, back to front: fixed equipment, the body, what it holds.
    Seen from the back, what the hands hold is in front of the body, so behind it here."""
    if figure.space["view"] != View.SIDE:
        stations, things = frontal_props(set(equipment), first, figure)
        body = draw(figure, primary, secondary, ident)
        return stations + (things + body if figure.space["view"] == View.BACK else body + things)
    return fixed(equipment, first, figure) + draw(figure, primary, secondary, ident) + held(equipment, figure)


def layout(poses, equipment=(), primary=(), secondary=(), ident="fig"):
    """Every frame's shapes, and one box (left, top, right, bottom) that fits them all, so an
    exercise's frames share one scale. Fixed equipment is placed from the first frame."""
    view, camera = poses[0].view, camera_angle(poses[0])  # every frame is seen as the first is
    figures = [solve(pose, view, camera) for pose in poses]
    equipment = set(equipment)
    drawn = [frame_parts(figure, figures[0], equipment, primary, secondary, ident) for figure in figures]
    extent = [point for frame in drawn for part in frame for point in part.get("extent", ())]
    return drawn, bounds(figures, extra=extent, floor=shows_floor(poses))


def svg(
    poses,
    *,
    primary=(),
    secondary=(),
    equipment=(),
    title="",
    ident="fig",
    still=0,
    animate=False,
    seconds=4.0,
):
    """A standalone SVG document of ``poses`` (one pose, or an exercise's frames in order).

    Still, it draws frame ``still`` in the box that fits every frame. With ``animate``, it
    moves from the first frame to the last and back, calmly (``seconds`` for the round trip).
    """
    poses = [poses] if isinstance(poses, Pose) else list(poses)
    drawn, (left, top, right, bottom) = layout(poses, equipment, primary, secondary, ident)
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
        if shows_floor(poses)
        else ""
    )
    label = f"<title>{escape(title)}</title>" if title else ""
    if animate and len(drawn) > 1:
        order = drawn + drawn[-2::-1]  # there and back: start, (middle), finish, (middle), start
        shapes = [
            element(part, [frame[i]["d"] for frame in order], seconds) for i, part in enumerate(drawn[0])
        ]
    else:
        shapes = [element(part) for part in drawn[still]]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fmt(left)} {fmt(top)} {fmt(width)} '
        f'{fmt(height)}" role="img" class="figure-svg">{label}{hatch}{floor}' + "".join(shapes) + "</svg>"
    )


# -- front and back views -------------------------------------------------------------------
# The same skeleton seen square on, front or back: both arms and both legs in one tone, the
# trunk as one outline, the muscles as patches placed on it. A patch is given in the trunk's
# own measure: across, in drawing units from the midline towards the near side; up, as a
# fraction of the trunk from the hip joints (0) through the waist (0.42) to the shoulder
# joints (1), negative below the hips, above 1 on the neck.

#: The trunk's half-width at heights up it (Winter 2009: hip breadth 0.19 of height, chest
#: 0.17, the shoulders' outline about 0.23 with the deltoids, which the arms draw).
TRUNK_WIDTH = [(-0.22, 7.6), (0.0, 9.6), (0.22, 8.8), (0.45, 7.6), (0.7, 8.6), (0.88, 9.8), (1.0, 9.2)]
NECK_HALF = 3.4

#: Muscle patches seen from the back and the front: ("pair", outline) is drawn on both sides,
#: ("half", outline) runs from the midline round to the midline and is mirrored into one shape.
#: Shapes follow the surface anatomy plates of Gray's Anatomy (Standring S, ed. 42nd ed.
#: Elsevier, 2020) in outline only.
PATCHES = {
    View.BACK: {
        "trapezius": [
            (
                "half",
                [(0, 1.22), (2.6, 1.18), (4.2, 1.08), (7.5, 1.0), (10.4, 0.98), (8.6, 0.93), (6.0, 0.86)]
                + [(4.2, 0.72), (1.8, 0.5), (0, 0.42)],
            )
        ],
        "upper-trapezius": [
            ("half", [(0, 1.22), (2.6, 1.18), (4.2, 1.08), (7.5, 1.0), (10.4, 0.98), (8.6, 0.93), (0, 0.95)])
        ],
        "middle-trapezius": [("half", [(0, 0.95), (8.6, 0.93), (6.0, 0.86), (0, 0.8)])],
        "lower-trapezius": [("half", [(0, 0.8), (6.0, 0.86), (4.2, 0.72), (1.8, 0.5), (0, 0.42)])],
        "rhomboids": [("pair", [(0.8, 0.95), (5.6, 0.88), (5.4, 0.72), (0.8, 0.76)])],
        "levator-scapulae": [("pair", [(2.2, 1.2), (3.4, 1.21), (6.6, 0.97), (5.6, 0.95)])],
        "infraspinatus": [("pair", [(5.8, 0.86), (8.6, 0.9), (9.3, 0.82), (7.6, 0.72), (5.6, 0.74)])],
        "teres-major": [("pair", [(7.4, 0.71), (9.4, 0.79), (9.9, 0.73), (8.2, 0.65)])],
        "latissimus-dorsi": [
            (
                "pair",
                [(1.2, 0.7), (4.4, 0.66), (7.2, 0.68), (9.6, 0.78), (9.9, 0.68), (9.2, 0.48), (8.2, 0.28)]
                + [(6.4, 0.14), (3.8, 0.18), (3.6, 0.45), (1.4, 0.55)],
            )
        ],
        "erector-spinae": [
            ("pair", [(0.6, -0.02), (3.4, 0.02), (3.6, 0.3), (3.0, 0.62), (1.4, 0.74), (0.6, 0.7)])
        ],
        "quadratus-lumborum": [("pair", [(3.6, 0.14), (6.4, 0.16), (6.0, 0.42), (3.8, 0.44)])],
        "obliques": [("pair", [(8.2, 0.5), (9.0, 0.52), (9.6, 0.2), (8.4, 0.18)])],
        "side-deltoid": [("pair", [(10.0, 1.05), (12.4, 1.0), (13.2, 0.88), (11.8, 0.8), (10.4, 0.9)])],
        "glutes": [
            (
                "pair",
                [
                    (0.6, 0.18),
                    (4.5, 0.22),
                    (8.2, 0.14),
                    (9.8, -0.02),
                    (9.2, -0.22),
                    (5.0, -0.3),
                    (0.8, -0.24),
                ],
            )
        ],
    },
    View.FRONT: {
        "trapezius": [("pair", [(3.0, 1.14), (4.6, 1.05), (9.4, 0.99), (6.0, 1.0)])],
        "upper-trapezius": [("pair", [(3.0, 1.14), (4.6, 1.05), (9.4, 0.99), (6.0, 1.0)])],
        "pectorals": [
            (
                "pair",
                [
                    (0.8, 0.94),
                    (4.0, 0.97),
                    (8.0, 0.98),
                    (9.8, 0.9),
                    (9.0, 0.8),
                    (6.8, 0.7),
                    (3.0, 0.68),
                    (0.8, 0.7),
                ],
            )
        ],
        "serratus-anterior": [("pair", [(7.6, 0.68), (9.2, 0.76), (9.4, 0.62), (8.4, 0.5), (7.4, 0.54)])],
        "abdominals": [("pair", [(0.4, 0.66), (3.8, 0.67), (4.0, 0.4), (3.4, 0.1), (0.4, 0.02)])],
        "obliques": [("pair", [(4.4, 0.64), (7.2, 0.6), (8.8, 0.46), (9.4, 0.16), (6.4, 0.08), (4.2, 0.12)])],
        "side-deltoid": [("pair", [(10.0, 1.05), (12.4, 1.0), (13.2, 0.88), (11.8, 0.8), (10.4, 0.9)])],
        # Deep: the dome under the lower ribs (drawn dashed on the body map).
        "diaphragm": [("half", [(0, 0.82), (3.5, 0.84), (7.4, 0.76), (8.4, 0.62), (5.0, 0.64), (0, 0.68)])],
    },
}

#: Muscles on the limbs in each view: (segment, from, to, share of the limb's width).
STRIPS = {
    View.BACK: {
        "rear-deltoid": [("upper_arm", 0.0, 0.3, 0.9)],
        "triceps": [("upper_arm", 0.3, 0.88, 0.7)],
        "latissimus-dorsi": [("upper_arm", 0.0, 0.16, 0.5)],
        "forearms": [("forearm", 0.05, 0.8, 0.8)],
        "hamstrings": [("thigh", 0.2, 0.92, 0.75)],
    },
    View.FRONT: {
        "front-deltoid": [("upper_arm", 0.0, 0.3, 0.9)],
        "biceps": [("upper_arm", 0.3, 0.88, 0.7)],
        "forearms": [("forearm", 0.05, 0.8, 0.8)],
        "quadriceps": [("thigh", 0.1, 0.9, 0.8)],
    },
}

FRONTAL_ARM = [
    ("upper_arm", "shoulder_joint", "elbow", 3.4, 2.6),
    ("forearm", "elbow", "wrist", 2.5, 1.8),
    ("hand", "wrist", "fingers", 1.8, 1.1),
]
FRONTAL_LEG = [("thigh", "hip_joint", "knee", 5.4, 3.4), ("shank", "knee", "ankle", 3.4, 2.1)]


def lerp(a, b, t):
    return tuple(x + (y - x) * t for x, y in zip(a, b, strict=True))


def piecewise(knots, v):
    """The value at ``v`` of a list of (v, value), straight between knots and beyond the ends."""
    pairs = list(pairwise(knots))
    (v0, a), (v1, b) = next((pair for pair in pairs if v <= pair[1][0]), pairs[-1])
    t = (v - v0) / (v1 - v0)
    return lerp(a, b, t) if isinstance(a, tuple) else a + (b - a) * t


def trunk_point(figure, across, up):
    """A point on the trunk's surface, in the picture: ``across`` units from the midline,
    ``up`` of the way from the hips to the shoulders (see above)."""
    space = figure.space
    points, thorax = space["points"], space["thorax"]
    # The trunk's top is the base of the neck, which a shrug leaves where it is: it lifts the
    # shoulder tips, so a point rises by more the further out and higher up it lies.
    lift = figure.pose.elevation / H
    rest = step(points["shoulder"], thorax.up, -lift)
    centre = piecewise([(0.0, points["hip"]), (LUMBAR_SHARE, points["waist"]), (1.0, rest)], up)
    centre = step(
        centre, thorax.up, lift * min(abs(across) / SHOULDER_HALF, 1) * min(max(up - 0.7, 0) / 0.3, 1)
    )
    side = piecewise([(LUMBAR_SHARE, LATERAL), (1.0, thorax.side)], min(max(up, LUMBAR_SHARE), 1.0))
    return to_svg(space["see"](step(centre, side, across / H)))


def outline(figure, half, mirror=True):
    """A closed path through trunk points; with ``mirror``, ``half`` runs from the midline
    round to the midline on the near side, and the far side's mirror image completes it."""
    points = list(half) + ([(-x, v) for x, v in reversed(half)] if mirror else [])
    return smooth([trunk_point(figure, *p) for p in points])


def smooth(points, tension=0.75):
    """A closed, rounded path through ``points`` (SVG coordinates): each side a cubic curve
    whose ends follow the neighbouring points (Catmull-Rom), so outlines read as flesh, not
    as cut card. Repeated points are dropped."""
    unique = [p for i, p in enumerate(points) if p != points[i - 1]]
    count = len(unique)
    if count < 3:
        return "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in unique) + "Z"
    parts = [f"M{fmt(unique[0][0])} {fmt(unique[0][1])}"]
    for i in range(count):
        p0, p1, p2, p3 = (unique[(i + k) % count] for k in (-1, 0, 1, 2))
        c1 = (p1[0] + (p2[0] - p0[0]) * tension / 6, p1[1] + (p2[1] - p0[1]) * tension / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) * tension / 6, p2[1] - (p3[1] - p1[1]) * tension / 6)
        parts.append(f"C{fmt(c1[0])} {fmt(c1[1])} {fmt(c2[0])} {fmt(c2[1])} {fmt(p2[0])} {fmt(p2[1])}")
    return "".join(parts) + "Z"


def trunk_outline(figure):
    near = [(width, v) for v, width in TRUNK_WIDTH] + [(NECK_HALF, 1.08)]
    return outline(figure, [(0, TRUNK_WIDTH[0][0])] + near + [(0, 1.08)])


def strip(a, ra, b, rb, start, stop, share):
    """A muscle's patch down the middle of a limb seen front or back (SVG coordinates)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1e-6
    nx, ny = -dy / length, dx / length
    corners = []
    for t, sign in ((start, 1), (stop, 1), (stop, -1), (start, -1)):
        x, y = a[0] + dx * t, a[1] + dy * t
        reach = (ra + (rb - ra) * t) * share * sign
        corners.append((x + nx * reach, y + ny * reach))
    return smooth(corners)


def muscle_paths(figure, slug):
    """The outlines of muscle ``slug`` in a front or back view (both sides), as SVG paths:
    patches on the trunk, strips down the limbs. The body map draws these."""
    view = figure.space["view"]
    paths = []
    for kind, shape in PATCHES[view].get(slug, []):
        if kind == "half":
            paths.append(outline(figure, shape))
        else:
            paths += [outline(figure, [(sign * x, v) for x, v in shape], mirror=False) for sign in (1, -1)]
    for side in ("far", "near"):
        points = segment_points(figure, side)
        for name, start, stop, ra, rb in FRONTAL_ARM + FRONTAL_LEG:
            a, b = to_svg(points[start]), to_svg(points[stop])
            for segment, t0, t1, share in STRIPS[view].get(slug, []):
                if segment == name:
                    paths.append(strip(a, ra, b, rb, t0, t1, share))
    return paths


def body_paths(figure):
    """The body's own shapes in a front or back view, without muscles, back to front."""
    return [part["d"] for part in draw_frontal(figure)]


def draw_frontal(figure, primary=(), secondary=(), ident="fig"):
    """The figure seen from the front or the back (see ``draw``)."""
    view = figure.space["view"]
    lit = [(slug, "primary") for slug in primary] + [
        (slug, "secondary") for slug in secondary if slug not in primary
    ]

    def fill(role):
        return COLOURS["primary"] if role == "primary" else f"url(#{ident}-hatch)"

    def limb_shapes(specs, side):
        points = segment_points(figure, side)
        out = []
        for name, start, stop, ra, rb in specs:
            a, b = to_svg(points[start]), to_svg(points[stop])
            out.append(body_part("near", capsule(a, ra, b, rb)))
            for slug, role in lit:
                for segment, t0, t1, share in STRIPS[view].get(slug, []):
                    if segment == name:
                        out.append(
                            {
                                "class": f"fig-{role}",
                                "fill": fill(role),
                                "d": strip(a, ra, b, rb, t0, t1, share),
                            }
                        )
        return out

    def foot_shape(side):
        limb = figure.far if side == "far" else figure.near
        ankle, toe, heel = (to_svg(limb[name]) for name in ("ankle", "toe", "heel"))
        return body_part("near", capsule(ankle, 2.1, midpoint(toe, heel), 2.4))

    arms = limb_shapes(FRONTAL_ARM, "far") + limb_shapes(FRONTAL_ARM, "near")
    legs = (
        limb_shapes(FRONTAL_LEG, "far")
        + limb_shapes(FRONTAL_LEG, "near")
        + [foot_shape("far"), foot_shape("near")]
    )
    trunk = [body_part("near", trunk_outline(figure))]
    chin, crown = to_svg(figure.points["chin"]), to_svg(figure.points["crown"])
    trunk.append(body_part("near", capsule(trunk_point(figure, 0, 1.0), NECK_HALF, chin, 2.9)))
    for slug, role in lit:
        for kind, shape in PATCHES[view].get(slug, []):
            if kind == "half":
                trunk.append({"class": f"fig-{role}", "fill": fill(role), "d": outline(figure, shape)})
            else:
                for sign in (1, -1):
                    mirrored = [(sign * x, v) for x, v in shape]
                    trunk.append(
                        {
                            "class": f"fig-{role}",
                            "fill": fill(role),
                            "d": outline(figure, mirrored, mirror=False),
                        }
                    )
    # The head: an oval from the jaw to the crown, wider than the side view's.
    tilt = (crown[0] - chin[0], crown[1] - chin[1])
    length = math.hypot(*tilt) or 1e-6
    inset = (tilt[0] / length * 5.6, tilt[1] / length * 5.6)
    head = body_part(
        "near",
        capsule(
            (chin[0] + inset[0], chin[1] + inset[1]), 5.8, (crown[0] - inset[0], crown[1] - inset[1]), 5.8
        ),
    )
    if view == View.BACK:  # the arms in front of the body are behind it in the picture
        return arms + legs + trunk + [head]
    return legs + trunk + [head] + arms


# -- an exercise's figure: its version and its words ---------------------------------------

DRAWING_VERSION = 2  # raise when the drawing changes, so cached figures are fetched again


def version(poses, primary=(), secondary=(), equipment=()):
    """A short hash of everything a figure is drawn from: its address changes with it, so
    browsers and proxies may keep a figure for a year."""
    frames = [{**p.as_dict(), "far": sorted(p.far.items())} for p in poses]  # in any order
    data = repr((DRAWING_VERSION, frames, sorted(primary), sorted(secondary), sorted(equipment)))
    return hashlib.sha256(data.encode()).hexdigest()[:10]


BASE_WORDS = {
    Base.STANDING: "standing",
    Base.KNEELING: "kneeling",
    Base.SEATED: "seated",
    Base.PRONE: "lying face down",
    Base.SUPINE: "lying face up",
    Base.HANGING: "hanging from a bar",
    Base.PLANK: "on hands and toes",
}


def describe(pose):
    """What the body does in a pose, in plain words, for the figure's text alternative."""
    words = [BASE_WORDS.get(pose.base, pose.base)]
    if pose.base in (Base.STANDING, Base.KNEELING) and pose.hip >= 20:
        words.append(f"hips bent forward about {round(pose.hip, -1):g}°")
    if pose.spine >= 15:
        words.append("back rounded")
    elif pose.spine <= -10:
        words.append("back arched")
    if pose.base not in (Base.SEATED, Base.KNEELING):
        if pose.knee >= 60:
            words.append("knees deeply bent")
        elif pose.knee >= 15:
            words.append("knees slightly bent")
        else:
            words.append("legs straight")
    if pose.side_bend <= -10 or pose.side_bend >= 10:
        words.append("trunk bent to one side")
    if pose.abduction >= 120 or pose.shoulder >= 120:
        reach = "arms raised out to the sides" if pose.abduction >= 30 else "arms overhead"
    elif pose.abduction >= 60:
        reach = "arms out to the sides"
    elif pose.abduction <= -15:
        reach = "arms crossed in front"
    else:
        reach = (
            "upper arms drawn back"
            if pose.shoulder <= -15
            else "arms by the sides"
            if pose.shoulder < 30
            else "arms reaching forward"
        )
    words.append(reach)
    if pose.elevation >= 4:
        words.append("shoulders shrugged up")
    words.append("elbows bent" if pose.elbow >= 45 else "elbows straight")
    if pose.far:
        words.append("the far arm or leg placed differently")
    if pose.view != View.SIDE:
        words.append("seen from behind" if pose.view == View.BACK else "seen from the front")
    return ", ".join(words)


# -- equipment ------------------------------------------------------------------------------
# Each piece of equipment is drawn to scale (for a reader 175 cm tall) where the body meets
# it: held things at the near hand's grip, supports under the body, stations in front of it.
# Fixed things are placed from the first frame, so they stay put while the body moves.


def circle_path(centre, r):
    """A circle as a path (so it can move like every other shape), and its extent."""
    x, y = to_svg(centre)
    d = (
        f"M{fmt(x - r)} {fmt(y)}A{fmt(r)} {fmt(r)} 0 1 0 {fmt(x + r)} {fmt(y)}"
        f"A{fmt(r)} {fmt(r)} 0 1 0 {fmt(x - r)} {fmt(y)}Z"
    )
    return d, [(centre[0] - r, centre[1] - r), (centre[0] + r, centre[1] + r)]


def box_path(left, bottom, width, height):
    """A rectangle given in drawing units (y up), and its extent."""
    corners = [
        (left, bottom + height),
        (left + width, bottom + height),
        (left + width, bottom),
        (left, bottom),
    ]
    d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in map(to_svg, corners)) + "Z"
    return d, corners


def bar_path(a, b, width=1.2):
    return capsule(to_svg(a), width / 2, to_svg(b), width / 2), [a, b]


def prop(path, tone="prop"):
    d, extent = path
    return {
        "class": "fig-prop" if tone == "prop" else "fig-prop-light",
        "fill": PROP_COLOURS[tone],
        "d": d,
        "extent": extent,
    }


PROP_COLOURS = {"prop": "#2f3b39", "light": "#c9d2d0"}


def bench_under(x_from, x_to, top):
    """A padded bench from ``x_from`` to ``x_to`` with its top at ``top``, on two legs."""
    left, right = min(x_from, x_to), max(x_from, x_to)
    return [
        prop(box_path(left + 3, 0, 2.4, top - 3), "light"),
        prop(box_path(right - 5.4, 0, 2.4, top - 3), "light"),
        prop(box_path(left, top - 3.5, right - left, 3.5)),
    ]


def held(equipment, figure):
    """What the near hand holds, drawn at its grip (moves with the frame)."""
    grip = figure.near["grip"]
    parts = []
    if "barbell" in equipment or "trap-bar" in equipment:
        parts.append(prop(circle_path(grip, 12.9)))  # a 45 cm plate seen end on
        parts.append(prop(circle_path(grip, 2.2), "light"))
    elif "landmine" in equipment:
        parts.append(prop(circle_path(grip, 6.0)))
    elif "dumbbells" in equipment:
        parts.append(prop(circle_path(grip, 4.6)))
        parts.append(prop(circle_path(grip, 1.3), "light"))
    elif "kettlebell" in equipment:
        parts.append(prop(circle_path((grip[0], grip[1] - 7.5), 6.0)))
        parts.append(prop(bar_path((grip[0] - 2.5, grip[1] - 2.5), (grip[0] + 2.5, grip[1] - 2.5), 1.4)))
    elif "weight-plate" in equipment and "dip-belt" not in equipment:
        parts.append(prop(circle_path(grip, 10.0)))
        parts.append(prop(circle_path(grip, 1.6), "light"))
    elif "broomstick" in equipment or "pull-up-bar" in equipment or "assisted-pull-up-machine" in equipment:
        parts.append(prop(circle_path(grip, 1.6)))
    if "dip-belt" in equipment:
        hip = figure.points["hip"]
        parts.append(prop(bar_path(hip, (hip[0], hip[1] - 12), 0.6)))
        parts.append(prop(circle_path((hip[0], hip[1] - 17), 6.5)))
    return parts


def fixed(equipment, first, figure):
    """Stations, benches and anchors: placed from the first frame ``first``, cables and bands
    drawn to this frame's grip ``figure``."""
    parts = []
    grip, start_grip = figure.near["grip"], first.near["grip"]
    hip = first.points["hip"]
    shoulder = first.points["shoulder"]
    pose = first.pose
    front = max(x for _name, (x, _y) in first.all_points()) + 22
    # Stations are drawn up to a little above the body and the start grip, not to their full
    # height (about 2.3 m): the cable runs on out of the picture, and the figure stays large.
    high = max(max(y for _name, (_x, y) in first.all_points()), start_grip[1]) + 0.15 * H
    if pose.base in (Base.PRONE, Base.SUPINE) and pose.support != Support.FLOOR:
        top = SUPPORT_HEIGHT[pose.support]
        if pose.support == Support.HIP_PAD:
            ankle = first.near["ankle"]
            parts.append(prop(box_path(hip[0] - 4, 0, 3, top - 6), "light"))
            parts.append(prop(circle_path((hip[0], top - 3), 4.5)))
            parts.append(prop(bar_path((hip[0] - 2, 2), (ankle[0], ankle[1] - 3), 2.4), "light"))
            parts.append(prop(circle_path((ankle[0] + 2, ankle[1] + 4), 2.6)))
        else:
            parts += bench_under(hip[0] - 12, shoulder[0] + (6 if pose.base == Base.PRONE else -6), top)
    elif pose.base == Base.SEATED:
        seat = hip[1] - RADIUS["hip"]
        parts += bench_under(hip[0] - 14, hip[0] + 10, seat)
    elif pose.base == Base.STANDING and {"flat-bench", "adjustable-bench", "chair"} & set(equipment):
        far = first.far["fingers"]  # a hand braced on the bench, as in a one-arm row
        if far[1] < 0.5 * H:
            parts += bench_under(far[0] - 14, far[0] + 14, max(far[1], 10))
    band_on_bar = "resistance-band" in equipment and {"pull-up-bar", "power-rack"} & set(equipment)
    if band_on_bar and pose.base == Base.HANGING:  # looped over the bar, under the knee
        parts.append(prop(bar_path(grip, figure.near["knee"], 0.9)))
    elif band_on_bar:  # tied high on the rack, pulled down to the hands
        parts.append(prop(bar_path((start_grip[0], high), grip, 0.9)))
    if {"cable-machine", "dual-cable-machine", "seated-cable-row"} & set(equipment) or (
        "resistance-band" in equipment and not band_on_bar
    ):
        band = "resistance-band" in equipment
        anchor = (front, start_grip[1])
        if not band:
            parts.append(prop(box_path(front, 0, 6, high), "light"))
            parts.append(prop(circle_path(anchor, 2.2)))
        parts.append(prop(bar_path(anchor, grip, 0.9 if band else 0.6)))
    if {"lat-pulldown-machine", "assisted-pull-up-machine"} & set(equipment):
        top = (start_grip[0], high)
        parts.append(prop(box_path(hip[0] - 24, 0, 5, high + 0.05 * H), "light"))
        parts.append(prop(bar_path((hip[0] - 24, high), (start_grip[0] + 4, high), 3), "light"))
        if "lat-pulldown-machine" in equipment:
            parts.append(prop(bar_path(top, grip, 0.6)))
            parts.append(prop(bar_path((grip[0] - 8, grip[1]), (grip[0] + 8, grip[1]), 1.6)))
    if {"pull-up-bar", "power-rack", "chair"} & set(equipment) and pose.base == Base.HANGING:
        bar = start_grip[1]
        if pose.support == Support.LOW_BAR:  # a rack's upright (or a chair back) holds the low bar
            parts.append(prop(box_path(start_grip[0] - 1.5, 0, 3, bar), "light"))
        else:  # a high bar: its bracket rises out of the picture; the floor is not shown
            parts.append(prop(box_path(start_grip[0] - 1.5, bar, 3, 14), "light"))
    elif "power-rack" in equipment:
        parts.append(prop(box_path(hip[0] - 26, 0, 3, high), "light"))
        parts.append(prop(box_path(front - 4, 0, 3, high), "light"))
    if "landmine" in equipment:
        pivot = (hip[0] - 60, 1.5)  # the bar's sleeve turns in a floor anchor behind the lifter
        parts.append(prop(bar_path(pivot, grip, 1.6)))
    if {"row-machine", "rear-delt-fly-machine"} & set(equipment):
        chest = first.points["shoulder"]
        parts.append(prop(box_path(front - 6, 0, 5, 1.2 * H), "light"))
        parts.append(prop(bar_path((chest[0] + 8, chest[1] - 14), (chest[0] + 8, chest[1] + 2), 4)))
        parts.append(prop(bar_path((front - 4, start_grip[1]), grip, 1.4)))
    if "back-extension-bench" in equipment and pose.support != Support.HIP_PAD:
        parts += bench_under(hip[0] - 10, hip[0] + 10, SUPPORT_HEIGHT[Support.HIP_PAD])
    return parts


def frontal_props(equipment, first, figure):
    """Equipment seen from the front or the back: (fixed, held). Bars run across both hands,
    dumbbells hang in each, a band stretches between them; stations stand to either side."""
    near, far = figure.near["grip"], figure.far["grip"]
    centre, span = midpoint(near, far), abs(near[0] - far[0])
    start_near, start_far = first.near["grip"], first.far["grip"]
    fixed_parts, held_parts = [], []
    if {"barbell", "trap-bar"} & equipment:
        reach = 63.0 if "barbell" in equipment else 48.0  # a 2.2 m bar; a trap bar's sleeves
        held_parts.append(prop(bar_path((centre[0] - reach, centre[1]), (centre[0] + reach, centre[1]), 1.6)))
        for sign in (1, -1):
            x = centre[0] + sign * (reach - 9)
            held_parts.append(prop(box_path(x - 2.5, centre[1] - 12.9, 5, 25.8)))  # a 45 cm plate, edge on
    elif "broomstick" in equipment:
        held_parts.append(
            prop(
                bar_path((centre[0] - span / 2 - 14, centre[1]), (centre[0] + span / 2 + 14, centre[1]), 1.4)
            )
        )
    elif {"dumbbells", "kettlebell"} & equipment:
        for grip in (near, far):
            held_parts.append(prop(circle_path(grip, 4.6)))
            held_parts.append(prop(circle_path(grip, 1.3), "light"))
    if {"pull-up-bar", "power-rack"} & equipment and figure.pose.base == Base.HANGING:
        y = start_near[1]
        left, right = sorted((start_near[0], start_far[0]))
        fixed_parts.append(prop(bar_path((left - 16, y), (right + 16, y), 1.8)))
        for x in (left - 16, right + 14):
            fixed_parts.append(prop(box_path(x, y, 2, 14), "light"))
    if "resistance-band" in equipment and not {"pull-up-bar", "power-rack"} & equipment:
        held_parts.append(prop(bar_path(near, far, 0.9)))
    if {"dual-cable-machine", "cable-machine"} & equipment:
        # The columns stand beyond the arms' full reach; the pulleys are set at ear height.
        outer = SHOULDER_HALF + (LENGTH["upper_arm"] + LENGTH["forearm"] + LENGTH["hand"]) * H + 12
        pulley_y = max(start_near[1], first.points["chin"][1])
        middle = first.points["hip"][0]
        near_side = 1 if first.near["elbow"][0] > middle else -1  # which side of the picture
        for sign, grip in ((near_side, far), (-near_side, near)):  # each hand takes the far cable
            x = middle + sign * outer
            fixed_parts.append(prop(box_path(x - 3, 0, 6, pulley_y + 0.1 * H), "light"))
            pulley = (x, pulley_y)
            fixed_parts.append(prop(circle_path(pulley, 2.2)))
            held_parts.append(prop(bar_path(pulley, grip, 0.6)))
    if figure.pose.base == Base.SEATED:
        hip = first.points["hip"]
        fixed_parts += [prop(box_path(hip[0] - 14, 0, 28, hip[1] - RADIUS["hip"]), "light")]
    return fixed_parts, held_parts
