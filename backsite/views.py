"""Pages that belong to the site as a whole rather than to one app."""

from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from exercises.models import BodyRegion, Equipment, Exercise, Muscle


@require_safe
def home(request):
    """The front door: into the catalogue by region, muscle or equipment."""
    published = Exercise.objects.published()
    in_catalogue = Q(exercises__in=published.values("pk"))
    # Regions count exercises through the muscles that lie in them.
    regions = BodyRegion.objects.annotate(
        n=Count(
            "muscles__exercise_links__exercise",
            filter=Q(muscles__exercise_links__exercise__in=published.values("pk")),
            distinct=True,
        )
    )
    muscles = (
        Muscle.objects.filter(parent__isnull=True, regions__isnull=False)
        .annotate(n=Count("exercises", filter=in_catalogue, distinct=True))
        .distinct()
    )
    equipment = Equipment.objects.annotate(n=Count("exercises", filter=in_catalogue)).filter(n__gt=0)
    return render(
        request,
        "home.html",
        {
            "regions": regions,
            "muscles": muscles,
            "equipment": equipment,
            "exercise_count": published.count(),
            "no_equipment_count": published.filter(equipment__isnull=True).count(),
        },
    )


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the app can reach its database, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
