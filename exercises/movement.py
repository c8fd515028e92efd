"""An exercise's drawn figure, ready for pages: its frames, the muscles lit on it, the
equipment drawn with it, its versioned address and the words that describe it.

Built from an exercise's prefetched poses, muscle links and equipment (``Exercise.movement``),
so every page that shows figures (the exercise page, catalogue cards) asks no more queries.
"""

import base64

from django.urls import reverse

from . import figures

SHARE_SIZE = (1200, 630)  # the Open Graph image's size, the shape social sites crop to

FRAME_ORDER = {"start": 0, "middle": 1, "finish": 2}  # ExercisePose.Frame, in order


class MovementFigure:
    """An exercise's drawn figure: its frames, the muscles lit on it, its version and words."""

    def __init__(self, exercise, poses, links, equipment=()):
        self.exercise = exercise
        self.equipment = sorted(item.slug for item in equipment)
        rows = sorted(poses, key=lambda row: FRAME_ORDER[row.frame])
        self.frames = [row.frame for row in rows]
        self.poses = [row.as_pose() for row in rows]
        self.primary = [link.muscle.slug for link in links if link.role == "primary"]
        self.secondary = [link.muscle.slug for link in links if link.role == "secondary"]
        self.version = figures.version(self.poses, self.primary, self.secondary, self.equipment)

    @property
    def complete(self):
        return "start" in self.frames and "finish" in self.frames

    def url(self, frame):
        """A frame's SVG address, or the PNG social preview's for ``share``."""
        if frame == "share":
            return reverse(
                "exercises:exercise-share-image", kwargs={"slug": self.exercise.slug, "version": self.version}
            )
        return reverse(
            "exercises:exercise-figure",
            kwargs={"slug": self.exercise.slug, "version": self.version, "frame": frame},
        )

    @property
    def start_url(self):
        return self.url("start")

    def words(self, frame):
        return figures.describe(self.poses[self.frames.index(frame)])

    def svg(self, frame, ident=""):
        """``frame`` alone (in a box that fits every frame), or ``animated``. ``ident`` prefixes
        the drawing's internal ids, for pages that inline several figures."""
        title = f"{self.exercise.name}: {'in motion' if frame == 'animated' else frame}"
        if frame == "animated":
            return figures.svg(
                self.poses, animate=True, title=title, ident=f"{ident}move", **self.drawn_with()
            )
        return figures.svg(
            self.poses,
            still=self.frames.index(frame),
            title=title,
            ident=f"{ident}{frame}",
            **self.drawn_with(),
        )

    def share_svg(self):
        """Start and finish side by side on a light card, the shape of a social preview image.
        Each frame is embedded as an image (a data URL), so it keeps its own drawing box."""
        width, height = SHARE_SIZE
        half = width // 2
        frames = []
        for n, frame in enumerate(("start", "finish")):
            data = base64.b64encode(self.svg(frame).encode()).decode()
            frames.append(
                f'<image x="{n * half + 40}" y="40" width="{half - 80}" height="{height - 80}" '
                f'preserveAspectRatio="xMidYMid meet" href="data:image/svg+xml;base64,{data}"/>'
            )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="#f3f5f4"/>'
            f'<line x1="{half}" y1="60" x2="{half}" y2="{height - 60}" stroke="#c9d2d0" stroke-width="2"/>'
            + "".join(frames)
            + "</svg>"
        )

    def share_text(self):
        return f"{self.exercise.name}, drawn at the start and the finish of the movement."

    def drawn_with(self):
        return {"primary": self.primary, "secondary": self.secondary, "equipment": self.equipment}

    def context(self):
        """What the page's figure block shows."""
        _drawn, box = figures.layout(self.poses, **self.drawn_with())
        width, height = box[2] - box[0], box[3] - box[1]
        scale = 220 / height
        return {
            "start": self.url("start"),
            "finish": self.url("finish"),
            "animated": self.url("animated"),
            "start_text": f"Start: {self.words('start')}.",
            "finish_text": f"Finish: {self.words('finish')}.",
            "width": round(width * scale),
            "height": 220,
        }
