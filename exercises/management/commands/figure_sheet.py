"""Write a contact sheet of every exercise's figure: one HTML page a designer can review.

    python manage.py figure_sheet --output figures.html

Each exercise shows its start and finish frames with its name, base and any problem the
physical checks find (a joint out of range, a support off the floor); exercises with no
figure yet are listed at the end. The page is self-contained (the drawings are inline SVG).
"""

from html import escape
from pathlib import Path

from django.core.management.base import BaseCommand

from exercises import figures
from exercises.models import Exercise


class Command(BaseCommand):
    help = "Write an HTML contact sheet of every exercise's start and finish figures."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="figures.html", help="Where to write the sheet.")
        parser.add_argument("--published", action="store_true", help="Published exercises only.")

    def handle(self, *args, output, published, **options):
        exercises = Exercise.objects.published() if published else Exercise.objects.all()
        exercises = exercises.order_by("name").with_figures()
        cells, missing, faults = [], [], 0
        for exercise in exercises:
            movement = exercise.movement
            if not movement.complete:
                missing.append(exercise.name)
                continue
            drawings, notes = [], []
            for frame, pose in zip(movement.frames, movement.poses, strict=True):
                drawing = movement.svg(frame, ident=f"{exercise.pk}-")
                drawings.append(f"<figure>{drawing}<figcaption>{frame}</figcaption></figure>")
                notes += [f"{frame}: {problem}" for problem in figures.problems(pose)]
            faults += bool(notes)
            first = movement.poses[0]
            cells.append(
                f'<section class="{"fault" if notes else ""}"><h2>{escape(exercise.name)}</h2>'
                f'<div class="frames">{"".join(drawings)}</div>'
                f"<p>{escape(first.base)}, {escape(first.view)} view · "
                f"{escape(', '.join(movement.primary) or 'no primary muscle')}</p>"
                + "".join(f'<p class="note">{escape(note)}</p>' for note in notes)
                + "</section>"
            )
        page = (
            "<!doctype html><html lang='en'><meta charset='utf-8'><title>Backsite figures</title>"
            "<style>body{font:14px system-ui;margin:1rem}main{display:grid;grid-template-columns:"
            "repeat(auto-fill,minmax(300px,1fr));gap:12px}section{border:1px solid #b9c4c1;padding:6px}"
            "section.fault{border:3px solid #b00020}.frames{display:flex;gap:4px}figure{margin:0;flex:1}"
            "svg{width:100%;height:160px}h2{font-size:15px;margin:0 0 4px}.note{color:#b00020}</style>"
            f"<h1>Backsite figures: {len(cells)} exercises, {faults} with problems</h1><main>"
            + "".join(cells)
            + "</main>"
            + (
                f"<h2>No figure yet ({len(missing)})</h2><p>{escape(', '.join(missing))}</p>"
                if missing
                else ""
            )
            + "</html>"
        )
        Path(output).write_text(page, encoding="utf-8")
        self.stdout.write(
            f"Wrote {output}: {len(cells)} exercises drawn, {faults} with problems, "
            f"{len(missing)} without a figure."
        )
