"""The catalogue's facet index (core.faceting.FacetIndex), rebuilt per content version.

Bit *i* stands for the *i*-th published exercise in name order. Each process builds the
index from nine queries on first use after a content change: it is keyed by the content
version that every content save bumps (core/pagecache.py), and a scheduled publication
bumps it too. What each parameter means is defined once, in filters.py, on these masks.
"""

from django.db.models.functions import Lower

from core.faceting import FacetIndex, IndexCache

from .models import Benefit, BodyRegion, Equipment, Exercise, ExerciseMuscle, Muscle


def build(version):
    rows = list(
        Exercise.objects.published().order_by(Lower("name"), "pk").values_list("pk", "difficulty", "kind")
    )
    options = {
        "goal": list(Benefit.objects.all()),
        "equipment": list(Equipment.objects.all()),
        "muscle": list(Muscle.objects.prefetch_related("regions")),  # the form groups them by region
        "region": list(BodyRegion.objects.all()),
    }
    slug = {facet: {row.pk: row.slug for row in found} for facet, found in options.items()}
    parent = {m.pk: m.parent_id for m in options["muscle"]}
    region_slug = {region.pk: region.slug for region in options["region"]}
    # A muscle counts toward the one region where it does its training work (the lats reach
    # the lower back but train the middle back), as in the balance check.
    trains = {m.pk: region_slug.get(m.training_region_id) for m in options["muscle"]}
    # A stretch lengthens a muscle without training it: muscle and region options count the
    # working roles only (a muscle's page lists its stretches on their own).
    links = list(
        ExerciseMuscle.objects.exclude(role=ExerciseMuscle.Role.STRETCHED).values_list(
            "muscle_id", "exercise_id", "role"
        )
    )

    def muscle_pairs(primary_only):
        for muscle, pk, role in links:
            if primary_only and role != ExerciseMuscle.Role.PRIMARY:
                continue
            # A muscle's option includes its parts: a link to a part counts for the parent too.
            yield slug["muscle"][muscle], pk
            if parent[muscle]:
                yield slug["muscle"][parent[muscle]], pk

    def region_pairs(primary_only):
        for muscle, pk, role in links:
            if trains[muscle] and (not primary_only or role == ExerciseMuscle.Role.PRIMARY):
                yield trains[muscle], pk

    equipment = Exercise.equipment.through.objects.values_list("equipment_id", "exercise_id")
    goals = Exercise.goals.through.objects.values_list("benefit_id", "exercise_id")
    return FacetIndex(
        version,
        order=[pk for pk, _difficulty, _kind in rows],
        pairs={
            "goal": ((slug["goal"][g], pk) for g, pk in goals),
            "equipment": ((slug["equipment"][e], pk) for e, pk in equipment),
            "muscle": muscle_pairs(False),
            "muscle:primary": muscle_pairs(True),
            "region": region_pairs(False),
            "region:primary": region_pairs(True),
            "difficulty": ((difficulty, pk) for pk, difficulty, _kind in rows),
            "kind": ((kind, pk) for pk, _difficulty, kind in rows),
        },
        keys={
            "goal": slug["goal"].values(),
            "equipment": slug["equipment"].values(),
            "muscle": slug["muscle"].values(),
            "muscle:primary": slug["muscle"].values(),
            "region": slug["region"].values(),
            "region:primary": slug["region"].values(),
            "difficulty": Exercise.Difficulty.values,
            "kind": Exercise.Kind.values,
        },
        options=options,
    )


facet_index = IndexCache(build)
