"""Keep each exercise's stored figure version (``Exercise.figure``) and search text current.

Lists show an exercise's start figure as a thumbnail from that stored version, so they need
not load poses, muscles and equipment. Anything drawn in the figure changes it: a pose, a
muscle link (or a muscle's slug), the equipment. A stale version would only cost a redirect
(the figure view sends an old address on to the current one), but these keep it exact.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save


def refresh(exercise_ids, *, search=True):
    """Store the current figure version of these exercises, and (unless only a pose changed)
    their search text, which names the muscles they work and the equipment they need."""
    from core.pagecache import QUIET

    from .models import Exercise

    if QUIET.get():
        return  # a bulk load: ``everything()`` runs once at its end
    if exercise_ids:
        exercises = Exercise.objects.filter(pk__in=set(exercise_ids))
        exercises.refresh_figures()
        if search:
            for exercise in exercises.prefetch_related(*Exercise.search_prefetch):
                exercise.update_search_index()


def pose_or_link_changed(sender, instance, raw=False, **kwargs):
    # Poses load last in the seed, so a raw (fixture) pose completes its exercise's figure.
    if raw and sender.__name__ != "ExercisePose":
        return
    refresh([instance.exercise_id], search=not raw and sender.__name__ == "ExerciseMuscle")


def equipment_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Exercise

    if not action.startswith("post_"):
        return
    if not reverse:
        refresh([instance.pk])
    elif action == "post_clear":
        refresh(Exercise.objects.filter(equipment=instance).values_list("pk", flat=True))
    else:
        refresh(pk_set or [])


def muscle_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance.exercises.values_list("pk", flat=True))


def equipment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance.exercises.values_list("pk", flat=True))


def everything(sender, **kwargs):
    """After a bulk load (the seed, say): every exercise's figure at once. Search text is the
    loader's job (``core.search.index_missing``)."""
    from .models import Exercise

    Exercise.objects.refresh_figures()


def connect():
    from core.pagecache import quiet_ended

    from .models import Equipment, Exercise, ExerciseMuscle, ExercisePose, Muscle

    quiet_ended.connect(everything, dispatch_uid="figure-after-bulk-load")

    for model in (ExercisePose, ExerciseMuscle):
        post_save.connect(pose_or_link_changed, sender=model, dispatch_uid=f"figure-{model.__name__}")
        post_delete.connect(pose_or_link_changed, sender=model, dispatch_uid=f"figure-del-{model.__name__}")
    m2m_changed.connect(equipment_changed, sender=Exercise.equipment.through, dispatch_uid="figure-equipment")
    post_save.connect(muscle_saved, sender=Muscle, dispatch_uid="figure-muscle")
    post_save.connect(equipment_saved, sender=Equipment, dispatch_uid="figure-equipment-slug")
