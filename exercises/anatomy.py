"""Anatomy pages: the back as a whole, each region, and each muscle, linked to the catalogue."""

from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Lower
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from core.markup import paragraphs

from .bodymap import shapes_for
from .models import BodyRegion, Exercise, ExerciseMuscle, Muscle, in_tree_order


def mapped_muscles():
    """Every muscle that has a shape on the body map (one query)."""
    return list(Muscle.objects.exclude(map_shape=""))


class AnatomyView(TemplateView):
    template_name = "exercises/anatomy.html"

    def get_context_data(self, **kwargs):
        mapped = mapped_muscles()
        return super().get_context_data(
            mapped=mapped,
            # The same links as the picture, as a plain list in the muscles' own order.
            map_links=sorted(mapped, key=lambda m: (m.position, m.name)),
            regions=BodyRegion.objects.prefetch_related(
                Prefetch("muscles", queryset=Muscle.objects.filter(parent__isnull=True))
            ),
            breadcrumbs=[("Anatomy", None)],
            **kwargs,
        )


#: How many exercises a region or muscle page lists; the catalogue link shows them all.
SHOWN = 30


class RegionDetailView(DetailView):
    model = BodyRegion
    template_name = "exercises/region_detail.html"
    context_object_name = "region"

    def get_context_data(self, **kwargs):
        region = self.object
        muscles = list(region.muscles.all())
        mapped = mapped_muscles()
        # Exercises whose primary muscles do their training work here, as the catalogue's
        # region filter and the balance check count them (the lats lie in the lower back too
        # but train the middle back).
        primary_here = ExerciseMuscle.objects.filter(
            exercise=OuterRef("pk"), role=ExerciseMuscle.Role.PRIMARY, muscle__training_region=region
        )
        exercises = Exercise.objects.published().filter(Exists(primary_here)).order_by(Lower("name"))
        return super().get_context_data(
            muscles=in_tree_order(muscles),
            mapped=mapped,
            highlight=shapes_for(muscles, mapped),
            exercises=list(exercises[:SHOWN]),
            exercise_count=exercises.count(),
            location=paragraphs(region.location),
            function=paragraphs(region.function),
            problems=paragraphs(region.problems),
            references=list(region.references.all()),
            catalogue_url=f"{reverse('exercises:exercise-list')}?region={region.slug}&role=primary",
            breadcrumbs=[("Anatomy", reverse("exercises:anatomy")), (region.name, None)],
            **kwargs,
        )


class MuscleDetailView(DetailView):
    model = Muscle
    template_name = "exercises/muscle_detail.html"
    context_object_name = "muscle"

    def get_queryset(self):
        return Muscle.objects.select_related("parent", "image").prefetch_related("parts", "regions")

    def exercises_by_role(self, muscle):
        """Published exercises that work or stretch this muscle (or its parts), strongest role
        first: [(role, role label, the first SHOWN by name, how many in all)]. Each exercise
        counts once, under its strongest role; only the shown ones are read in full."""
        family = [muscle.pk, *(part.pk for part in muscle.parts.all())]
        links = (
            ExerciseMuscle.objects.filter(muscle__in=family, exercise__in=Exercise.objects.published())
            .order_by(Lower("exercise__name"))
            .values_list("exercise_id", "role")
        )
        roles = ExerciseMuscle.Role.values  # primary, secondary, stabilizer, stretched
        best = {}
        for exercise_id, role in links:
            if exercise_id not in best or roles.index(role) < roles.index(best[exercise_id]):
                best[exercise_id] = role
        by_role = {role: [] for role in roles}
        for exercise_id, role in best.items():  # still in name order
            by_role[role].append(exercise_id)
        shown = Exercise.objects.in_bulk([pk for pks in by_role.values() for pk in pks[:SHOWN]])
        return [
            (value, label, [shown[pk] for pk in by_role[value][:SHOWN]], len(by_role[value]))
            for value, label in ExerciseMuscle.Role.choices
            if by_role[value]
        ]

    def get_context_data(self, **kwargs):
        muscle = self.object
        mapped = mapped_muscles()
        crumbs = [("Anatomy", reverse("exercises:anatomy"))]
        if muscle.parent:
            crumbs.append((muscle.parent.name, muscle.parent.get_absolute_url()))
        groups = self.exercises_by_role(muscle)
        return super().get_context_data(
            mapped=mapped,
            highlight=shapes_for([muscle], mapped),
            groups=groups,
            trains=any(role != ExerciseMuscle.Role.STRETCHED for role, *_ in groups),
            references=list(muscle.references.all()),
            location=paragraphs(muscle.location),
            function=paragraphs(muscle.function),
            catalogue_url=f"{reverse('exercises:exercise-list')}?muscle={muscle.slug}",
            breadcrumbs=[*crumbs, (muscle.name, None)],
            **kwargs,
        )
