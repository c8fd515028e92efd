from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import slug_unicode_re
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Lower, RowNumber
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from core.faceting import (
    ForgivingPaginationMixin,
    LenientChoiceField,
    LenientMultipleChoiceField,
    build_chips,
    facet_groups,
)
from core.markup import render_markdown
from core.pagecache import current_version
from core.publishing import PublishedDetailMixin, visible_q
from exercises.models import BodyRegion, Exercise, ExerciseLink, ExerciseMuscle, Reference

from .filters import SESSION_CHOICES, ProgramFilter, equipment_by_program
from .models import Level, Phase, Prescription, ProgramSession, ProgramTemplate, TrainingGuideline
from .substitutes import CLOSENESS, Swap, session_swaps, swap_equipment
from .volume import (
    MIN_PATTERN_SETS,
    MIN_REGION_SETS,
    PATTERN_GROUPS,
    balance_rows,
    chart_rows,
    pattern_group,
    pattern_group_expression,
    region_spread,
    regions_trained,
    weekly_volume,
)


def muscle_url(muscle):
    return muscle.get_absolute_url()


def by_name(items):
    return sorted(items, key=lambda item: item.name)


def exercises_with_volume_data(queryset):
    """Exercises with what weekly_volume() reads, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "exercise_muscles",
            queryset=ExerciseMuscle.objects.select_related("muscle"),
        )
    )


class ProgramListView(ForgivingPaginationMixin, FilterView):
    filterset_class = ProgramFilter
    template_name = "programs/program_list.html"
    paginate_by = 24
    strict = False

    def get_queryset(self):
        return ProgramTemplate.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        counts = filterset.facet_counts()
        pks = list(context["page_obj"].object_list)  # the filter's results are program pks
        found = ProgramTemplate.objects.select_related("goal").in_bulk(pks)
        programs = [found[pk] for pk in pks if pk in found]
        needed = equipment_by_program([p.pk for p in programs])
        names = {e.slug: e.name for e in filterset.options("equipment")}
        for program in programs:
            program.needs = sorted(names[slug] for slug in needed[program.pk])
        total = context["paginator"].count
        extras = [("only", "Only what I have")] if filterset.only_mode else []
        context.update(
            programs=programs,
            total=total,
            notices=filterset.notices() + self.page_notes,
            only_mode=filterset.only_mode,
            facets=facet_groups(
                filterset,
                counts,
                [
                    {
                        "param": "level",
                        "legend": "Level",
                        "items": [(v, label, 0) for v, label in Level.choices],
                    },
                    {
                        "param": "goal",
                        "legend": "Goal",
                        "items": [(g.slug, g.name, 0) for g in filterset.options("goal")],
                    },
                    {
                        "param": "equipment",
                        "legend": "Equipment",
                        "hint": "Tick what you have, then choose “Only what I have”.",
                        "items": [(e.slug, e.name, 0) for e in filterset.options("equipment")],
                        "open": filterset.only_mode,
                    },
                    {
                        "param": "sessions",
                        "legend": "Sessions a week",
                        "items": [(v, label, 0) for v, label in SESSION_CHOICES],
                    },
                ],
            ),
            chips=build_chips(
                filterset,
                {"level": "Level", "goal": "Goal", "equipment": "Equipment", "sessions": "Sessions"},
                {
                    "level": dict(Level.choices),
                    "goal": {g.slug: g.name for g in filterset.options("goal")},
                    "equipment": names,
                    "sessions": dict(SESSION_CHOICES),
                },
                extras,
            ),
            heading=f"{total} program{'s' if total != 1 else ''}",
            breadcrumbs=[("Programs", None)],
        )
        return context


class ProgramDetailView(PublishedDetailMixin, DetailView):
    """A program's phases and sessions; with ``substitute`` in the address, swaps for the
    equipment the reader ticked (``have``), chosen so no session holds an exercise twice."""

    model = ProgramTemplate
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        user = self.request.user

        def muscles(prefix=""):
            # What the chart reads: the muscles each set trains.
            links = ExerciseMuscle.objects.select_related("muscle")
            return Prefetch(f"{prefix}exercise_muscles", queryset=links)

        related = ExerciseLink.objects.filter(link_type__in=CLOSENESS)  # the links swaps come from
        outgoing = related.filter(visible_q(user, "to_exercise__")).select_related("to_exercise")
        incoming = related.filter(visible_q(user, "from_exercise__")).select_related("from_exercise")
        outgoing = outgoing.prefetch_related("to_exercise__equipment")
        incoming = incoming.prefetch_related("from_exercise__equipment")
        if self.requested_equipment is not None:  # a swapped-in exercise counts in the chart
            outgoing = outgoing.prefetch_related(muscles("to_exercise__"))
            incoming = incoming.prefetch_related(muscles("from_exercise__"))
        exercises = Exercise.objects.prefetch_related(
            muscles(),
            "equipment",
            Prefetch("links", queryset=outgoing),
            Prefetch("incoming_links", queryset=incoming),
        )
        return (
            super()
            .get_queryset()
            .select_related("goal", "image")
            .prefetch_related(
                Prefetch(
                    "phases__sessions__prescriptions",
                    queryset=Prescription.objects.prefetch_related(Prefetch("exercise", queryset=exercises)),
                )
            )
        )

    @cached_property
    def requested_equipment(self):
        """The equipment slugs the reader ticked when they asked for swaps, else None."""
        if "substitute" not in self.request.GET:
            return None
        return set(self.request.GET.getlist("have"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        sessions_of = {phase: list(phase.sessions.all()) for phase in program.phases.all()}
        exercises = [
            item.exercise
            for sessions in sessions_of.values()
            for session in sessions
            for item in session.prescriptions.all()
        ]
        needed = {item.slug: item for exercise in exercises for item in exercise.equipment.all()}
        options = swap_equipment(exercises)  # nothing else can change what fits
        have = None if self.requested_equipment is None else self.requested_equipment & set(options)
        phases = []
        for phase, sessions in sessions_of.items():
            blocks, entries = [], []
            for session in sessions:
                items = list(session.prescriptions.all())
                written = [item.exercise for item in items]
                swaps = [Swap(e) for e in written] if have is None else session_swaps(written, have)
                log_sets = range(1, max(item.sets for item in items) + 1) if items else range(0)
                rows = []
                for item, swap in zip(items, swaps, strict=True):
                    entries.append((swap.done, item.sets))
                    rows.append({"item": item, "swap": swap, "log": [n <= item.sets for n in log_sets]})
                blocks.append({"session": session, "rows": rows, "log_sets": log_sets})
            phases.append(
                {
                    "phase": phase,
                    "sessions": blocks,
                    "chart": chart_rows(weekly_volume(entries).muscles, url=muscle_url),
                }
            )
        context.update(
            phases=phases,
            needs=by_name(needed.values()),
            description=mark_safe(render_markdown(program.description)),  # noqa: S308 (sanitized)
            swap_only_equipment=by_name(e for slug, e in options.items() if slug not in needed),
            references=list(program.references.all()),
            have=have,
            breadcrumbs=[("Programs", reverse("programs:program-list")), (program.name, None)],
        )
        return context


class GuidelinesView(ListView):
    template_name = "programs/guidelines.html"
    context_object_name = "guidelines"
    queryset = TrainingGuideline.objects.all()

    def get_context_data(self, **kwargs):
        guidelines = list(self.object_list)
        reviewed = [g.reviewed_on for g in guidelines if g.reviewed_on]
        references = Reference.objects.filter(guidelines__in=guidelines).distinct().order_by("authors")
        return super().get_context_data(
            references=list(references),
            # The table is reviewed as one: its oldest review date is the page's.
            reviewed_on=min(reviewed, default=None),
            breadcrumbs=[("Programs", reverse("programs:program-list")), ("Training guidelines", None)],
            **kwargs,
        )


SETS_DEFAULT = 3
SETS_MIN, SETS_MAX = 1, 10
SETS_CHOICES = [(str(n), str(n)) for n in range(SETS_MIN, SETS_MAX + 1)]


def sets_field_name(slug):
    """The name of the sets box beside an exercise's tick."""
    return f"sets-{slug}"


class BalanceForm(forms.Form):
    """The balance check's question: which exercises (or which program) make up your week,
    and how many sets of each (a box per ticked exercise, ``sets-<slug>``)."""

    program = LenientChoiceField(required=False, label="Or pick a program")
    exercise = LenientMultipleChoiceField(required=False, label="Exercises you do in a week")
    # One number for every exercise, as older addresses carry it: the sets of each ticked
    # exercise that has no box of its own.
    sets = LenientChoiceField(choices=SETS_CHOICES, required=False, label="Sets of each exercise per week")

    def __init__(self, *args, programs=(), exercises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [("", "None")] + [(p.slug, p.name) for p in programs]
        self.fields["exercise"].choices = [(e.slug, e.name) for e in exercises]
        ticked = set(self.data.getlist("exercise")) if self.is_bound else set()
        for exercise in exercises:
            if exercise.slug in ticked:
                self.fields[sets_field_name(exercise.slug)] = forms.IntegerField(
                    required=False, min_value=SETS_MIN, max_value=SETS_MAX, label=exercise.name
                )

    def ignored(self):
        return [bad for field in self.fields.values() for bad in getattr(field, "ignored", [])]

    def weekly_sets(self):
        """Each ticked exercise's sets a week, in the order ticked, and the boxes that held
        something other than a whole number from SETS_MIN to SETS_MAX (counted at the
        default): ``({slug: sets}, [{"field", "label", "value", "counted"}])``. Call after
        is_valid()."""
        data = self.cleaned_data
        default = int(data.get("sets") or SETS_DEFAULT)
        sets, bad = {}, []
        for slug in data.get("exercise", []):
            name = sets_field_name(slug)
            if name in self.errors:
                field = self.fields[name]
                bad.append(
                    {"field": name, "label": field.label, "value": self.data.get(name), "counted": default}
                )
            sets[slug] = data.get(name) or default
        return sets, bad


def most_used(per_group):
    """The pks of the published exercises published programs use most, ``per_group`` from each
    movement group (ties by name): what the balance check offers to tick, whatever the
    catalogue's size."""
    uses = Count(
        "prescriptions__session__phase__program",
        filter=Q(prescriptions__session__phase__program__in=ProgramTemplate.objects.published()),
        distinct=True,
    )
    ranked = (
        Exercise.objects.published()
        .annotate(uses=uses)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=pattern_group_expression(),
                order_by=[F("uses").desc(), Lower("name")],
            )
        )
        .filter(rank__lte=per_group)
    )
    # The ranking reads every published exercise's program uses (about 45 ms at 10,000), and
    # only changes with content: keep it in the cache for the current content version.
    key = f"balance-most-used:{current_version()}:{per_group}"
    return cache.get_or_set(
        key, lambda: list(ranked.values_list("pk", flat=True)), settings.PAGE_CACHE_SECONDS
    )


class BalanceView(TemplateView):
    """/balance/: how a week of training covers the back's regions, movements and muscles.

    It offers the exercises published programs use most (LIST_LIMIT per movement group) plus
    whatever the address ticks, and suggests gap fillers from those, so the page and its
    queries stay the same size at 60 exercises or 10,000. What it counts is programs.volume's
    rule, which the page states with the muscles each region counts.
    """

    template_name = "programs/balance.html"
    LIST_LIMIT = 40
    MAX_TICKED = 200  # more in an address are ignored

    def get_context_data(self, **kwargs):
        # Only what could be a slug reaches the query (PostgreSQL refuses text with NUL bytes).
        ticked = [
            slug
            for slug in self.request.GET.getlist("exercise")[: self.MAX_TICKED]
            if slug_unicode_re.match(slug)
        ]
        exercises = list(
            exercises_with_volume_data(
                Exercise.objects.published().filter(Q(pk__in=most_used(self.LIST_LIMIT)) | Q(slug__in=ticked))
            ).order_by("name")
        )
        programs = list(ProgramTemplate.objects.published().order_by("name"))
        regions = list(BodyRegion.objects.prefetch_related("trained_muscles"))  # for the stated rule
        form = BalanceForm(self.request.GET or None, programs=programs, exercises=exercises)
        context = super().get_context_data(
            form=form,
            breadcrumbs=[("Balance check", None)],
            list_limit=self.LIST_LIMIT,
            regions=regions,
            balance_aims={"region": MIN_REGION_SETS, "movement": MIN_PATTERN_SETS},
            sets_range=(SETS_MIN, SETS_MAX, SETS_DEFAULT),
            **kwargs,
        )
        context["groups"] = [
            (group, [e for e in exercises if pattern_group(e) == group]) for group in PATTERN_GROUPS
        ]
        context["shortened"] = any(len(listed) >= self.LIST_LIMIT for _group, listed in context["groups"])
        if not form.is_bound:
            return context
        form.is_valid()
        data = form.cleaned_data
        by_slug = {e.slug: e for e in exercises}
        sets, bad_sets = form.weekly_sets()
        for slug, count in sets.items():
            by_slug[slug].weekly_sets = count  # the value in the box beside its tick
        chosen_program = next((p for p in programs if p.slug == data.get("program")), None)
        if chosen_program:
            entries = self.program_week(chosen_program)
        else:
            entries = [(by_slug[slug], count) for slug, count in sets.items()]
        volume = weekly_volume(entries)
        region_rows, pattern_rows = balance_rows(volume, regions)
        spread, region_sum = region_spread(volume)
        context.update(
            checked=bool(entries),
            chosen=set(sets),
            chosen_program=chosen_program,
            ignored=form.ignored(),
            bad_sets=bad_sets,
            volume=volume,
            region_rows=region_rows,
            pattern_rows=pattern_rows,
            spread=spread,
            region_sum=region_sum,
            week=self.week_rows(entries, regions),
            muscle_rows=chart_rows(volume.muscles, url=muscle_url),
            gaps=self.gaps(region_rows + pattern_rows, exercises, {e.slug for e, _ in entries})
            if entries
            else [],
        )
        return context

    @staticmethod
    def program_week(program):
        """The sets of the program's last phase: its full week once it has built up."""
        phase = (
            Phase.objects.filter(program=program)
            .order_by("-week_start")
            .prefetch_related(
                Prefetch(
                    "sessions",
                    queryset=ProgramSession.objects.prefetch_related(
                        Prefetch(
                            "prescriptions",
                            queryset=Prescription.objects.prefetch_related(
                                Prefetch(
                                    "exercise", queryset=exercises_with_volume_data(Exercise.objects.all())
                                )
                            ),
                        )
                    ),
                )
            )
            .first()
        )
        if phase is None:
            return []
        return [(p.exercise, p.sets) for s in phase.sessions.all() for p in s.prescriptions.all()]

    @staticmethod
    def week_rows(entries, regions):
        """Each exercise of the week once, with its sets, its movement and the regions it counts
        toward: the table a reader can add the totals up from."""
        names = [(r.pk, r.name) for r in regions]
        rows = {}
        for exercise, sets in entries:
            trained = regions_trained(exercise)
            row = rows.setdefault(
                exercise.pk,
                {
                    "exercise": exercise,
                    "sets": 0,
                    "movement": pattern_group(exercise),
                    "regions": [name for pk, name in names if pk in trained],
                },
            )
            row["sets"] += sets
        return list(rows.values())

    @staticmethod
    def gaps(rows, exercises, already):
        """The short rows of both tables, each with up to 3 listed exercises that would fill it:
        the easiest first, and for a region, moves that load it before mobility moves."""

        def easiest(candidates, mobility_last=False):
            ranked = sorted(
                (e for e in candidates if e.slug not in already),
                key=lambda e: (
                    mobility_last and e.kind == Exercise.Kind.MOBILITY,
                    Exercise.Difficulty.values.index(e.difficulty),
                    e.name,
                ),
            )
            return ranked[:3]

        found = []
        for row in rows:
            if not row["short"]:
                continue
            if row["kind"] == "region":
                fillers = easiest((e for e in exercises if row["key"].pk in regions_trained(e)), True)
            else:
                fillers = easiest(e for e in exercises if pattern_group(e) == row["key"])
            found.append({**row, "suggestions": fillers})
        return found
