import resvg_py
from django.core.cache import cache
from django.core.validators import slug_re
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.faceting import ForgivingPaginationMixin, build_chips, facet_groups
from core.publishing import PublishedDetailMixin

from . import doses
from .bodymap import shapes_for
from .cards import exercise_cards
from .filters import ExerciseFilter
from .models import Exercise, ExerciseLink, ExerciseMuscle, Muscle, Reference, in_tree_order
from .movement import SHARE_SIZE, MovementFigure
from .structured import exercise_how_to


def join_words(words, last="and"):
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


class ExerciseListView(ForgivingPaginationMixin, FilterView):
    """The catalogue: every published exercise, filtered by the ExerciseFilter's parameters.

    The filter's results are exercise pks from the facet index (facetindex.py); only the
    page's cards are read from the database, and those come from the card fragment cache
    when it has them.
    """

    filterset_class = ExerciseFilter
    template_name = "exercises/exercise_list.html"
    paginate_by = 24
    strict = False  # unknown values are ignored and named (filterset.notices), not an empty page

    def get_queryset(self):
        return Exercise.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        counts = filterset.facet_counts()
        total = context["paginator"].count
        context.update(
            filter=filterset,
            cards=exercise_cards(context["page_obj"].object_list, filterset.index.version),
            notices=filterset.notices() + self.page_notes,
            facets=self.build_facets(filterset, counts),
            chips=self.build_chips(filterset),
            heading=self.build_heading(filterset, total),
            total=total,
            only_mode=filterset.only_mode,
            primary_only=filterset.primary_only,
            query=filterset.value("q"),
            sort=filterset.value("sort") or "name",
            sorts=ExerciseFilter.SORTS,
            sort_label=ExerciseFilter.SORTS[filterset.value("sort") or "name"],
            chosen_muscles=[m for m in filterset.options("muscle") if m.slug in filterset.value("muscle")],
            breadcrumbs=[("Exercises", None)],
        )
        if total == 0 and context["chips"]:
            context["relaxations"] = self.build_relaxations(filterset)
        return context

    # -- presentation helpers ---------------------------------------------------------------

    def build_facets(self, filterset, counts):
        def flat(items):
            return [(value, label, 0) for value, label in items]

        return facet_groups(
            filterset,
            counts,
            [
                {
                    "param": "goal",
                    "legend": "Goal",
                    "hint": "What you want your training to do for you.",
                    "items": flat((g.slug, g.name) for g in filterset.options("goal")),
                },
                {
                    "param": "equipment",
                    "legend": "Equipment",
                    "hint": "Tick what you have, then choose “Only what I have” to see everything "
                    "you can do with it.",
                    "items": flat((e.slug, e.name) for e in filterset.options("equipment")),
                    "open": filterset.only_mode,
                },
                {
                    "param": "muscle",
                    "legend": "Muscle",
                    "hint": "A whole muscle includes its parts.",
                    "hint_link": (reverse("exercises:anatomy"), "What each muscle does"),
                    "open": filterset.primary_only,
                    "items": [
                        (m.slug, m.name, 1 if m.parent_id else 0)
                        for m in in_tree_order(filterset.options("muscle"))
                    ],
                },
                {
                    "param": "region",
                    "legend": "Back region",
                    "items": flat((r.slug, r.name) for r in filterset.options("region")),
                },
                {"param": "difficulty", "legend": "Difficulty", "items": flat(Exercise.Difficulty.choices)},
                {"param": "kind", "legend": "Kind", "items": flat(Exercise.Kind.choices)},
            ],
        )

    def build_chips(self, filterset):
        """Active filters as removable tags: a label and the query changes that remove it."""
        labels = {
            "equipment": {e.slug: e.name for e in filterset.options("equipment")},
            "muscle": {m.slug: m.name for m in filterset.options("muscle")},
            "region": {r.slug: r.name for r in filterset.options("region")},
            "difficulty": dict(Exercise.Difficulty.choices),
            "kind": dict(Exercise.Kind.choices),
            "goal": {g.slug: g.name for g in filterset.options("goal")},
        }
        names = {
            "goal": "Goal",
            "equipment": "Equipment",
            "muscle": "Muscle",
            "region": "Region",
            "difficulty": "Difficulty",
            "kind": "Kind",
        }
        extras = []
        if filterset.only_mode:
            extras.append(("only", "Only what I have"))
        if filterset.primary_only:
            extras.append(("role", "Primary muscle only"))
        return build_chips(filterset, names, labels, extras)

    def build_heading(self, filterset, total):
        noun = "exercise" if total == 1 else "exercises"
        parts = [f"{total} {noun}"]
        goals = {g.slug: g.name.lower() for g in filterset.options("goal")}
        wanted = [goals[s] for s in filterset.value("goal")]
        if wanted:
            parts.append(f"for {join_words(wanted, 'or')}")
        muscles = {m.slug: m.name.lower() for m in filterset.options("muscle")}
        chosen = [muscles[s] for s in filterset.value("muscle")]
        if chosen:
            parts.append(f"{'working' if wanted else 'for'} {join_words(chosen, 'or')}")
        equipment = {e.slug: e.name.lower() for e in filterset.options("equipment")}
        tools = [equipment[s] for s in filterset.value("equipment")]
        if filterset.only_mode:
            parts.append(f"using only {join_words(tools)}" if tools else "needing no equipment")
        elif tools:
            parts.append(f"with {join_words(tools, 'or')}")
        return " ".join(parts)

    def build_relaxations(self, filterset):
        """For an empty result: what each filter's removal would give, one facet at a time."""
        relaxations = []
        for facet in [*ExerciseFilter.FACETS, "q"]:
            if not filterset.value(facet):
                continue
            without = {facet, "sort"} | ({"only"} if facet == "equipment" else set())
            count = filterset.matching(without=without).bit_count()
            changes = {facet: None, "page": None}
            if facet == "equipment":
                changes["only"] = None
            label = {"q": "search", "region": "back region"}.get(facet, facet)
            relaxations.append({"label": label, "count": count, "changes": changes})
        return relaxations


#: Link types shown as the exercise's ladder (easier and harder) rather than as related moves.
LADDER = {ExerciseLink.Type.REGRESSION, ExerciseLink.Type.PROGRESSION}


class ExerciseDetailView(PublishedDetailMixin, DetailView):
    model = Exercise
    template_name = "exercises/exercise_detail.html"

    def get_queryset(self):
        visible = Exercise.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .select_related("image")
            .prefetch_related(
                "steps",
                "poses",
                "equipment",
                "goals",
                Prefetch(
                    "links",
                    queryset=ExerciseLink.objects.filter(to_exercise__in=visible)
                    .select_related("to_exercise")
                    .order_by("link_type", "to_exercise__name"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exercise = self.object
        steps = list(exercise.steps.all())
        # One query for every muscle, each with its role here, if any: the body map draws
        # them all, the facts and the figure name the worked ones.
        role_here = ExerciseMuscle.objects.filter(exercise=exercise, muscle=OuterRef("pk")).values("role")
        muscles = list(Muscle.objects.annotate(role=Subquery(role_here[:1])))
        links = [ExerciseMuscle(exercise=exercise, muscle=m, role=m.role) for m in muscles if m.role]
        roles = {role: [] for role in ExerciseMuscle.Role.values}
        for link in links:
            roles[link.role].append(link.muscle)
        related = {link_type: [] for link_type in ExerciseLink.Type.values}
        for link in exercise.links.all():
            related[link.link_type].append(link.to_exercise)
        mapped = [muscle for muscle in muscles if muscle.map_shape]
        movement = MovementFigure(exercise, exercise.poses.all(), links, exercise.equipment.all())
        # The exercise's own sources and those of its "How much" numbers, in one list.
        how_much = doses.how_much(exercise)
        references = list(
            Reference.objects.filter(Q(exercises=exercise) | Q(key__in=how_much.sources)).distinct()
        )
        context.update(
            movement=movement.context() if movement.complete else None,
            share_figure=(movement.url("share"), movement.share_text()) if movement.complete else None,
            mapped=mapped,
            primary_shapes=shapes_for(roles[ExerciseMuscle.Role.PRIMARY], mapped),
            secondary_shapes=shapes_for(roles[ExerciseMuscle.Role.SECONDARY], mapped),
            stretched_shapes=shapes_for(roles[ExerciseMuscle.Role.STRETCHED], mapped),
            setup_steps=[s for s in steps if s.phase == s.Phase.SETUP],
            move_steps=[s for s in steps if s.phase == s.Phase.MOVE],
            muscles_by_role=[
                (label, roles[value]) for value, label in ExerciseMuscle.Role.choices if roles[value]
            ],
            easier=related[ExerciseLink.Type.REGRESSION],
            harder=related[ExerciseLink.Type.PROGRESSION],
            related_groups=[
                (label, related[value])
                for value, label in ExerciseLink.Type.choices
                if related[value] and value not in LADDER
            ],
            equipment=list(exercise.equipment.all()),
            how_much=how_much,
            how_much_notes=[n for n, ref in enumerate(references, start=1) if ref.key in how_much.sources],
            references=references,
            breadcrumbs=[
                ("Exercises", reverse("exercises:exercise-list")),
                (exercise.name, None),
            ],
        )
        context["structured_data"] = [
            exercise_how_to(self.request, exercise, steps, context["equipment"], references)
        ]
        return context


def figure_of(request, slug, version, frame):
    """The exercise's figure, or a 404 when it (or the frame) does not exist, or a redirect
    when ``version`` is an older drawing's."""
    exercises = Exercise.objects.visible_to(request.user).prefetch_related(
        "poses", "equipment", Prefetch("exercise_muscles", ExerciseMuscle.objects.select_related("muscle"))
    )
    figure = get_object_or_404(exercises, slug=slug).movement
    if not figure.complete or frame not in ("animated", "share", *figure.frames):
        raise Http404("This exercise has no such figure yet.")
    if version != figure.version:
        return figure, redirect(figure.url(frame))
    return figure, None


def for_a_year(response):
    """The address changes with the drawing, so what it serves never changes."""
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe  # SVG is text: core/compression.py gzips a typical 4 KB figure to 1 to 1.5 KB
def exercise_figure(request, slug, version, frame):
    """One of an exercise's figures as SVG, at an address that changes with its drawing, so it
    can be cached for a year; an old address is sent on to the current one."""
    if frame not in ("start", "middle", "finish", "animated"):
        raise Http404("No such frame.")
    figure, moved = figure_of(request, slug, version, frame)
    return moved or for_a_year(HttpResponse(figure.svg(frame), content_type="image/svg+xml"))


@require_safe
def exercise_share_image(request, slug, version):
    """The exercise's start and finish as a PNG for social previews (Open Graph), rendered by
    resvg once per drawing and kept in the cache."""
    figure, moved = figure_of(request, slug, version, "share")
    if moved:
        return moved
    key = f"figure-share:{slug}:{figure.version}"
    png = cache.get(key)
    if png is None:
        width, _height = SHARE_SIZE
        png = bytes(resvg_py.svg_to_bytes(svg_string=figure.share_svg(), width=width))
        cache.set(key, png, timeout=None)
    return for_a_year(HttpResponse(png, content_type="image/png"))


#: A sheet fits one printed page with this many moves.
SHEET_MOVES = 6


def rehab_sheet(request):
    """A printable page of rehabilitation and mobility moves (?move=slug, repeated) with blank
    boxes for a physiotherapist's dose, and a form to choose the moves. Unknown or repeated
    slugs are ignored and said so; past SHEET_MOVES, the first ones are kept."""
    with_dose = Exercise.objects.published().exclude(
        Q(rehab_hold="")
        | Q(rehab_repetitions="")
        | Q(rehab_frequency="")
        | Q(rehab_progression="")
        | Q(rehab_stop="")
    )
    candidates = [exercise for exercise in with_dose.order_by(Lower("name")) if exercise.has_rehab_dose]
    by_slug = {exercise.slug: exercise for exercise in candidates}
    asked = list(dict.fromkeys(value.strip() for value in request.GET.getlist("move")[:100]))
    unknown = [slug for slug in asked if slug not in by_slug]
    chosen = [by_slug[slug] for slug in asked if slug in by_slug]
    context = {
        "candidates": candidates,
        "chosen": chosen[:SHEET_MOVES],
        "chosen_slugs": {exercise.slug for exercise in chosen[:SHEET_MOVES]},
        "left_out": chosen[SHEET_MOVES:],
        # Named back only when they look like slugs (odd bytes are not echoed).
        "unknown": [slug for slug in unknown[:5] if slug_re.fullmatch(slug) and len(slug) <= 60],
        "unknown_count": len(unknown),
        "sheet_moves": SHEET_MOVES,
        "breadcrumbs": [("Exercises", reverse("exercises:exercise-list")), ("Printable move sheet", None)],
    }
    return render(request, "exercises/rehab_sheet.html", context)
